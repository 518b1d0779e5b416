/// Text that is safe to store, print and open in a spreadsheet (README, “Hostile text and outputs”).
///
/// - No control character is stored: a name with `ESC[2J` would clear the clerk's screen,
///   one with a line break would forge a row in a listing.
/// - No name begins with `=`, `+`, `-` or `@`, which Excel and WPS read as a formula.
/// - Every CSV cell gongqin writes goes through `FormulaGuard.csvCell`, and every cell it
///   reads through `FormulaGuard.importedCell`, so that what was escaped comes back as it
///   was.
public enum TextSafety {
    /// C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F): every one of them, TAB, CR and LF
    /// included.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// The first control character of `text`, as `U+001B`, or nil.
    public static func controlCharacter(in text: String) -> String? {
        guard let scalar = text.unicodeScalars.first(where: isControl) else { return nil }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The problem of a text input with a control character in it.
    public static func controlProblem(_ field: String, _ text: String, what: String) -> FieldProblem? {
        controlCharacter(in: text).map {
            FieldProblem(field, "\(what)含有控制字符（\($0)，如换行、制表符或终端控制码），不能保存")
        }
    }

    /// The characters that make a spreadsheet cell a formula when they come first.
    public static let formulaStarts: Set<Character> = ["=", "+", "-", "@"]

    /// The problem of a name (a person, unit, department, district, trade, award, …) that
    /// begins with a formula character or holds a control character.
    public static func nameProblem(_ field: String, _ name: String, what: String) -> FieldProblem? {
        if let problem = controlProblem(field, name, what: what) { return problem }
        if let first = name.trimmingSpaces.first, formulaStarts.contains(first) {
            return FieldProblem(field, "\(what)“\(name.clipped())”以“\(first)”开头，Excel/WPS 会当作公式，不能保存；请去掉开头的符号")
        }
        return nil
    }
}

/// Spreadsheet formulas in CSV (README, “Hostile text and outputs”): the one place where a cell is escaped on the
/// way out and unescaped on the way in.
public enum FormulaGuard {
    /// What Excel, WPS and LibreOffice evaluate when it starts a cell.
    static let risky: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// A free-text cell as written to CSV: one that begins with `= + - @`, or with a tab
    /// or a CR before one of those, gets a leading `'`, which spreadsheets show as text and
    /// `import` removes. (No stored text holds a tab or a CR: the only ones are the tab
    /// gongqin puts before an ID or certificate number to keep it text, which computes
    /// nothing and is left as it is.)
    public static func csvCell(_ cell: String) -> String {
        guard let first = cell.first, risky.contains(first) else { return cell }
        if first == "\t" || first == "\r" {
            let rest = cell.drop { $0 == "\t" || $0 == "\r" || $0 == " " }
            guard let next = rest.first, TextSafety.formulaStarts.contains(next) else { return cell }
        }
        return "'" + cell
    }

    /// A cell as read from a CSV: the `'` that `csvCell` added is removed.
    public static func importedCell(_ cell: String) -> String {
        guard cell.first == "'", let second = cell.dropFirst().first, risky.contains(second) else { return cell }
        return String(cell.dropFirst())
    }

    /// Whether a cell would be evaluated as a formula by a spreadsheet.
    public static func isEvaluable(_ cell: String) -> Bool { csvCell(cell) != cell }
}
