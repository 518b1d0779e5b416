/// Reading the values of a record from text, as a command-line flag or a cell of an import
/// file gives them (CLI.md and IMPORT.md). One place, so that a spreadsheet cell is read
/// exactly as a flag is, with the same Chinese message when it is wrong.
public enum Values {
    /// An identity number (RULES §9). The error echoes the text as given; the CLI masks
    /// it as it masks every error line (README, “Hostile text and outputs”), unless `--reveal`.
    public static func idNumber(_ text: String, today: Day) throws(GongQinError) -> IDNumber {
        do {
            return try IDNumber(text, today: today)
        } catch {
            let t = text.trimmingSpaces
            if let excel = excelMangled(t) {
                throw .invalid("身份证号“\(t.clipped(24))”已被 Excel 当作数字\(excel)，原号码已丢失",
                               hint: "请在 Excel/WPS 中把身份证号列设为“文本”格式，重新录入号码后保存")
            }
            throw .invalid("身份证号“\(t.clipped(24))”无效：\(error.chinese)")
        }
    }

    /// How Excel mangled an identity number it took for a number, if it did: written in
    /// scientific notation (`3.20402E+17`), or cut to 15 significant digits (`…000`).
    static func excelMangled(_ t: String) -> String? {
        let upper = t.uppercased()
        if let e = upper.firstIndex(of: "E"), upper[upper.index(after: e)...].hasPrefix("+"),
           upper[..<e].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            return "，存成了科学计数法"
        }
        if t.count == 18, t.allSatisfy({ $0.isASCII && $0.isNumber }), t.hasSuffix("000") {
            return "，只保留了前15位（末三位成了000）"
        }
        return nil
    }

    /// A date, not after `today` unless `allowFuture`. `allowMonth` admits `YYYY-MM` where
    /// the notice works in months (work start, graduation, transfer).
    public static func day(_ text: String, _ what: String, today: Day, allowMonth: Bool = false,
                           allowFuture: Bool = false) throws(GongQinError) -> Day {
        let day: Day
        do {
            day = try Day.parse(text, allowMonth: allowMonth)
        } catch {
            throw .invalid("\(what)：\(error.chinese)")
        }
        if !allowFuture && day > today {
            throw .invalid("\(what)\(day)晚于今天（\(today)）", hint: "只能登记已发生的日期")
        }
        return day
    }

    /// A year such as a cycle or an assessment year.
    public static func year(_ value: Int, _ what: String) throws(GongQinError) -> Int {
        guard (1950...2100).contains(value) else {
            throw .invalid("\(what)\(value)超出范围（1950–2100）")
        }
        return value
    }

    /// A year written in a cell: digits, in range.
    public static func year(_ text: String, _ what: String) throws(GongQinError) -> Int {
        try year(try integer(text, what), what)
    }

    /// A whole number written in a cell.
    public static func integer(_ text: String, _ what: String) throws(GongQinError) -> Int {
        let t = text.trimmingSpaces
        guard !t.isEmpty, t.count <= 9, t.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(t) else {
            throw .invalid("\(what)“\(t.clipped())”不是整数")
        }
        return n
    }

    /// A text field: trimmed, and nil when empty.
    public static func text(_ value: String?) -> String? {
        guard let t = value?.trimmingSpaces, !t.isEmpty else { return nil }
        return t
    }

    /// A yes-or-no cell: 是/否, true/false, 1/0, y/n, yes/no.
    public static func bool(_ text: String, _ what: String) throws(GongQinError) -> Bool {
        switch text.trimmingSpaces.lowercased() {
        case "是", "true", "1", "y", "yes", "√": return true
        case "否", "false", "0", "n", "no", "": return false
        default: throw .invalid("\(what)“\(text.trimmingSpaces.clipped())”应为“是”或“否”（也可写 true/false、1/0、y/n）")
        }
    }

    /// A value of a fixed vocabulary, as a code or in Chinese. On the command line a value
    /// outside the list is a usage error; in a file it is invalid data of that row.
    public static func vocabulary<V: Vocabulary>(_ text: String, _ what: String, as type: V.Type = V.self) throws(GongQinError) -> V {
        let matches = V.matches(text)
        if matches.count > 1 {
            throw .invalid("\(what)“\(text.trimmingSpaces.clipped())”可指多个，是否指 \(V.either(matches))？")
        }
        guard let value = matches.first else {
            throw .invalid("\(what)“\(text.trimmingSpaces.clipped())”无效，可选：\(V.choices)")
        }
        return value
    }
}
