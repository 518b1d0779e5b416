import Foundation
import GongQinCore
import GongQinStore

/// A value that prints as a table row, a CSV row and a JSON object. The JSON keys come
/// from `Encodable`; the CSV header uses the same keys, the table the Chinese titles.
protocol Listable: Encodable {
    /// (JSON key, Chinese title) of each column, in order.
    static var columns: [(key: String, title: String)] { get }
    /// The cells, in column order; identity numbers shown as `output` says.
    func cells(_ output: OutputOptions) -> [String]
}

enum Render {
    /// Prints `items` in the chosen format. `empty` is the table's line for no items.
    static func list<T: Listable>(_ items: [T], _ output: OutputOptions, empty: String) throws {
        switch output.format {
        case .json:
            try json(items)
        case .csv:
            Console.out(csvLine(T.columns.map(\.key)))
            for item in items { Console.out(csvLine(item.cells(output))) }
        case .table:
            if items.isEmpty {
                Console.out(empty)
            } else {
                Console.out(table(header: T.columns.map(\.title), rows: items.map { $0.cells(output) }))
            }
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()

    /// One JSON document on stdout.
    static func json<T: Encodable>(_ value: T) throws {
        let data = try encoder.encode(value)
        Console.out(String(decoding: data, as: UTF8.self))
    }

    /// The line that prints the change-log head a document was made at, for
    /// `gongqin check --anchor` (README, “What the log detects”).
    static func logHeadLine(_ head: String?, seal: SealState? = nil) -> String {
        guard let head else { return "变更日志头：0（日志为空）" }
        return "变更日志头：\(head)（核对此后日志未被重写：gongqin check --anchor \(head)）" + sealLine(seal)
    }

    /// The log head in a printed page's footer, which holds 255 characters: the head and
    /// the seal's fingerprint.
    static func logHeadFooter(_ head: String?, seal: SealState? = nil) -> String {
        "变更日志头：\(head ?? "0（日志为空）")" + (seal.map { "；印章指纹\($0.fingerprint)" } ?? "；未盖印章")
    }

    /// `；印章：第N条，指纹…` beside a head (README, “The unit's seal”), or that the file is
    /// unsealed.
    static func sealLine(_ seal: SealState?) -> String {
        guard let seal else { return "；未盖印章" }
        return "；印章：盖于第\(seal.head.seq)条 \(seal.head.hash.prefix(16))…，指纹\(seal.fingerprint)"
            + (seal.unsealedAfter > 0 ? "（此后\(seal.unsealedAfter)条未盖章）" : "")
    }

    /// A CSV line (RFC 4180): a field with a comma, a quote or a line break is quoted.
    /// Every cell passes `FormulaGuard.csvCell` first: nothing gongqin writes
    /// is taken by Excel or WPS for a formula.
    static func csvLine(_ fields: [String]) -> String {
        fields.map { field in
            let field = FormulaGuard.csvCell(field)
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    /// A plain-text table, aligned for a terminal: CJK characters take two columns. On a
    /// terminal it fits the terminal's width, the widest columns cut short with `…`,
    /// unless `--wide` (`TableWidth`).
    /// A column empty in every row is left out; an identity number is never cut (the
    /// names beside it are cut first).
    static func table(header: [String], rows: [[String]], width limit: Int? = TableWidth.limit) -> String {
        // A cell is one line: whatever it holds is made visible, a line break included.
        var rows = rows.map { $0.map { TextSafety.visible($0) } }
        var header = header
        let kept = header.indices.filter { i in rows.isEmpty || rows.contains { i < $0.count && !$0[i].isEmpty } }
        if kept.count < header.count {
            header = kept.map { header[$0] }
            rows = rows.map { row in kept.map { $0 < row.count ? row[$0] : "" } }
        }
        var widths = header.map(displayWidth)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], displayWidth(cell)) }
        }
        if let limit {
            let room = limit - 2 * max(0, widths.count - 1)
            let whole = Set(header.indices.filter { header[$0] == idColumn })
            // Narrow the widest column, one column of text at a time, down to 4.
            while widths.reduce(0, +) > room,
                  let widest = widths.indices.filter({ !whole.contains($0) }).max(by: { widths[$0] < widths[$1] }), widths[widest] > 4 {
                widths[widest] -= 1
            }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (i, full) in cells.enumerated() {
                let cell = i < widths.count ? clip(full, to: widths[i]) : full
                out += cell
                if i < cells.count - 1 { out += String(repeating: " ", count: max(0, widths[i] - displayWidth(cell)) + 2) }
            }
            return out
        }
        var lines = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        lines += rows.map(line)
        return lines.joined(separator: "\n")
    }

    /// The title of the identity-number column, which a table never cuts.
    static let idColumn = "身份证号"

    /// `text` (one line, made visible) cut to `width` terminal columns, ending in `…` when cut.
    static func clip(_ text: String, to width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = displayWidth(String(character))
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// Terminal columns of `text`: East Asian wide and full-width characters take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let v = scalar.value
            if v == 0x200B || (0x0300...0x036F).contains(v) { return width }
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return width + (wide ? 2 : 1)
        }
    }

    /// `label：value` lines, aligned, for a record shown whole.
    static func fields(_ pairs: [(String, String?)]) -> String {
        let present = pairs.compactMap { pair in pair.1.map { (pair.0, $0) } }
        let width = present.map { displayWidth($0.0) }.max() ?? 0
        return present.map { label, value in
            label + String(repeating: " ", count: width - displayWidth(label)) + "  " + TextSafety.visible(value)
        }.joined(separator: "\n")
    }
}

extension Optional where Wrapped == String {
    /// The value, or an empty cell.
    var cell: String { self ?? "" }
}

extension Bool {
    var yesNo: String { self ? "是" : "否" }
}

/// How wide a table may be: the terminal's width when stdout is a terminal, unless
/// `--wide` asked for every column whole; no limit when stdout is a file or a pipe.
enum TableWidth {
    private static let wide = Locked(false)

    static func showEverything() { wide.update { $0 = true } }

    static var limit: Int? {
        guard !wide.value, isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
        return 80
    }
}
