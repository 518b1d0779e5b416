/// Reading the values of a record from text, as a command-line flag or a cell of an import
/// file gives them (CLI.md and IMPORT.md). One place, so that a spreadsheet cell is read
/// exactly as a flag is, with the same `RecordProblem` when it is wrong.
public enum Values {
    /// An identity number (RULES §9). The error echoes the text as given; the CLI masks
    /// it as it masks every error line (README, “Hostile text and outputs”), unless `--reveal`.
    public static func idNumber(_ text: String, today: Day) throws(RecordProblem) -> IDNumber {
        do {
            return try IDNumber(text, today: today)
        } catch {
            let t = text.trimmingSpaces
            if let excel = excelMangled(t) { throw .idNumberMangled(t, excel) }
            throw .idNumberInvalid(t, error)
        }
    }

    /// How Excel mangles an identity number it takes for a number.
    public enum ExcelMangling: Hashable, Sendable {
        /// Written in scientific notation: `3.20402E+17`.
        case scientific
        /// Cut to 15 significant digits: `…000`.
        case fifteenDigits
    }

    /// How Excel mangled an identity number it took for a number, if it did.
    static func excelMangled(_ t: String) -> ExcelMangling? {
        let upper = t.uppercased()
        if let e = upper.firstIndex(of: "E"), upper[upper.index(after: e)...].hasPrefix("+"),
           upper[..<e].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            return .scientific
        }
        if t.count == 18, t.allSatisfy({ $0.isASCII && $0.isNumber }), t.hasSuffix("000") {
            return .fifteenDigits
        }
        return nil
    }

    /// A date, not after `today` unless `allowFuture`. `allowMonth` admits `YYYY-MM` where
    /// the notice works in months (work start, graduation, transfer).
    public static func day(_ text: String, _ what: RecordProblem.Subject, today: Day, allowMonth: Bool = false,
                           allowFuture: Bool = false) throws(RecordProblem) -> Day {
        let day: Day
        do {
            day = try Day.parse(text, allowMonth: allowMonth)
        } catch {
            throw .dayUnreadable(what, error)
        }
        if !allowFuture && day > today {
            throw .dayAfterToday(what, day, today: today)
        }
        return day
    }

    /// The years gongqin reads.
    public static let years = 1950...2100

    /// A year such as a cycle or an assessment year.
    public static func year(_ value: Int, _ what: RecordProblem.Subject) throws(RecordProblem) -> Int {
        guard years.contains(value) else { throw .yearOutOfRange(what, value, years) }
        return value
    }

    /// A year written in a cell: digits, in range.
    public static func year(_ text: String, _ what: RecordProblem.Subject) throws(RecordProblem) -> Int {
        try year(try integer(text, what), what)
    }

    /// A whole number written in a cell.
    public static func integer(_ text: String, _ what: RecordProblem.Subject) throws(RecordProblem) -> Int {
        let t = text.trimmingSpaces
        guard !t.isEmpty, t.count <= 9, t.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(t) else {
            throw .notInteger(what, t)
        }
        return n
    }

    /// A text field: trimmed, and nil when empty.
    public static func text(_ value: String?) -> String? {
        guard let t = value?.trimmingSpaces, !t.isEmpty else { return nil }
        return t
    }

    /// A yes-or-no cell: 是/否, true/false, 1/0, y/n, yes/no.
    public static func bool(_ text: String, _ what: RecordProblem.Subject) throws(RecordProblem) -> Bool {
        switch text.trimmingSpaces.lowercased() {
        case "是", "true", "1", "y", "yes", "√": return true
        case "否", "false", "0", "n", "no", "": return false
        default: throw .notYesOrNo(what, text.trimmingSpaces)
        }
    }

    /// A value of a fixed vocabulary, as a code or in Chinese. On the command line a value
    /// outside the list is a usage error; in a file it is invalid data of that row.
    public static func vocabulary<V: Vocabulary>(_ text: String, _ what: RecordProblem.Subject, as type: V.Type = V.self) throws(RecordProblem) -> V {
        let matches = V.matches(text)
        if matches.count > 1 {
            throw .ambiguousValue(what, text.trimmingSpaces, either: V.either(matches))
        }
        guard let value = matches.first else {
            throw .unknownValue(what, text.trimmingSpaces, choices: V.choices)
        }
        return value
    }
}
