/// Text that is safe to store, print and open in a spreadsheet (README, “Hostile text and outputs”).
///
/// - No control character is stored: a name with `ESC[2J` would clear the clerk's screen,
///   one with a line break would forge a row in a listing. Nor is an invisible format
///   character (a direction override, a zero-width space, a line separator), with which
///   two different names look the same.
/// - Whatever text is shown goes through `visible`, which escapes both kinds.
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

    /// Characters that change how text looks without being seen, so that two different
    /// names can look the same: the bidirectional controls (U+202A–U+202E, U+2066–U+2069,
    /// U+200E, U+200F, U+061C), the zero-width characters (U+200B–U+200D, U+2060, U+FEFF)
    /// and the line and paragraph separators (U+2028, U+2029).
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2060, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }

    /// What no text input may hold, and what output shows escaped: a control character or
    /// an invisible one.
    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool { isControl(scalar) || isInvisible(scalar) }

    /// `U+001B`.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The first refused character of `text`, if any (the CLI names it, CoreWording).
    public static func firstRefused(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isRefused)
    }

    /// The problem of a text input with a refused character in it.
    public static func characterProblem(_ field: String, _ text: String, what: @autoclosure () -> RecordProblem.Subject) -> FieldProblem? {
        text.unicodeScalars.first(where: isRefused).map { FieldProblem(field, .refusedCharacter(what(), $0)) }
    }

    /// The same, of a field named by its label.
    public static func characterProblem(_ field: String, _ text: String, what label: @autoclosure () -> String) -> FieldProblem? {
        characterProblem(field, text, what: .label(label()))
    }

    /// Text as gongqin shows it, on a terminal or in a file (Documentation/CLI.md, “What
    /// output shows”): every refused character written as `<U+001B>`, so that a name or a
    /// file name can neither drive the terminal nor forge a line nor pass for another.
    /// `keepingLineBreaks` leaves LF alone, for text gongqin has laid out in lines itself.
    /// The one place where text is made visible; it costs a scan of the bytes when there is
    /// nothing to escape.
    public static func visible(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard mayHoldRefused(text, keepingLineBreaks: keepingLineBreaks) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isRefused(scalar) && !(keepingLineBreaks && scalar == "\n") {
                out.append(contentsOf: "<\(codePoint(scalar))>".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether the UTF-8 of `text` holds a refused character (the encodings of the ranges
    /// of `isRefused`), without decoding it.
    static func mayHoldRefused(_ text: String, keepingLineBreaks: Bool) -> Bool {
        var copy = text
        return copy.withUTF8 { mayHoldRefused($0, keepingLineBreaks: keepingLineBreaks) }
    }

    /// Whether these UTF-8 bytes hold a refused character: text put together from strings,
    /// checked before it is written.
    public static func mayHoldRefused(_ bytes: UnsafeBufferPointer<UInt8>, keepingLineBreaks: Bool) -> Bool {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if (b < 0x20 && !(keepingLineBreaks && b == 0x0A)) || b == 0x7F { return true }
                i += 1
                continue
            }
            // Only these lead bytes begin a refused character; every other byte of a
            // character (a Chinese one is three) is passed at once.
            guard b == 0xC2 || b == 0xD8 || b == 0xE2 || b == 0xEF else {
                i += 1
                continue
            }
            let b1: UInt8 = i + 1 < n ? bytes[i + 1] : 0
            let b2: UInt8 = i + 2 < n ? bytes[i + 2] : 0
            switch b {
            case 0xC2 where (0x80...0x9F).contains(b1): return true                       // C1
            case 0xD8 where b1 == 0x9C: return true                                       // U+061C
            case 0xE2 where b1 == 0x80 && ((0x8B...0x8F).contains(b2) || (0xA8...0xAE).contains(b2)): return true
            case 0xE2 where b1 == 0x81 && (b2 == 0xA0 || (0xA6...0xA9).contains(b2)): return true
            case 0xEF where b1 == 0xBB && b2 == 0xBF: return true                         // U+FEFF
            default: i += 1
            }
        }
        return false
    }

    /// The characters that make a spreadsheet cell a formula when they come first.
    public static let formulaStarts: Set<Character> = ["=", "+", "-", "@"]

    /// The problem of a name (a person, unit, department, district, trade, award, …) that
    /// begins with a formula character or holds a control or an invisible character.
    public static func nameProblem(_ field: String, _ name: String, what: RecordProblem.Subject) -> FieldProblem? {
        if let problem = characterProblem(field, name, what: what) { return problem }
        if let first = name.trimmingSpaces.first, formulaStarts.contains(first) {
            return FieldProblem(field, .formulaStart(what, name, first))
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
