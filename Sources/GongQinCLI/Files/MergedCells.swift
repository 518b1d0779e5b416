import Foundation
import GongQinCore

/// The merged cells of a worksheet (`<mergeCells>`), read as a clerk sees them: the value
/// of a range's top-left cell is the value of every cell of the range (IMPORT.md, “各单位的
/// 真实表格”). A 单位 merged down the rows of its people is each person's unit; a title
/// merged across the columns is one title.
///
/// A sheet lists its merges after its rows, so they are read first, in a pass of their
/// own over the sheet part as it is inflated, counted against the workbook's limits like
/// any other pass: a plain scan of the bytes for `<mergeCell ref="…"/>`, no XML parser.
struct MergedCells {
    /// One range: rows as the sheet numbers them, columns from 0.
    struct Range: Equatable {
        var top: Int
        var left: Int
        var bottom: Int
        var right: Int
    }

    private let ranges: [Range]
    private var next = 0
    /// The ranges begun, with their top-left value once its row was read.
    private var active: [(range: Range, value: String?, numeric: Bool)] = []

    init(_ ranges: [Range]) {
        self.ranges = ranges.sorted { ($0.top, $0.left) < ($1.top, $1.left) }
    }

    /// Fills the cells of `input`, row `row`, that a merged range covers and the row
    /// leaves empty, with the range's top-left value. Rows come in order.
    mutating func apply(row: Int, to input: inout InputRow) {
        while next < ranges.count, ranges[next].top <= row {
            let range = ranges[next]
            let value = range.top == row && range.left < input.cells.count ? input.cells[range.left] : nil
            active.append((range, value.flatMap { $0.isEmpty ? nil : $0 }, input.numeric.contains(range.left)))
            next += 1
        }
        active.removeAll { $0.range.bottom < row }
        for (range, value, numeric) in active {
            guard let value else { continue }
            let last = min(range.right, Limits.columns - 1)
            guard range.left <= last else { continue }
            if input.cells.count <= last { input.cells += Array(repeating: "", count: last + 1 - input.cells.count) }
            for column in range.left...last where input.cells[column].isEmpty {
                input.cells[column] = value
                if numeric { input.numeric.insert(column) }
            }
        }
    }

    /// The most merged ranges a sheet may have: a clerk's roster has a few hundred.
    static let limit = 100_000

    /// The merged ranges of `part`, read by scanning its bytes as they are inflated.
    static func ranges(path: String, part: String, sheet: String, budget: InflationBudget,
                       broken: GongQinError) throws -> [Range] {
        let stream = WorkbookPart(path: path, part: part, budget: budget, limit: nil, broken: broken)
        stream.open()
        defer { stream.stop() }
        var scanner = Scanner()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = stream.read(&buffer, maxLength: buffer.count)
            if n < 0 { throw stream.failure ?? broken }
            if n == 0 { break }
            scanner.feed(buffer[0..<n])
            // Rows are counted as the sheet reader counts them: a sheet past Excel's last
            // row is refused here as it would be there, before the rest is inflated.
            if scanner.rows > SheetInput.excelRows { throw SheetInput.tooManyRows(path) }
            if scanner.found.count > limit {
                throw GongQinError.invalid("工作簿“\(path)”的工作表“\(TextSafety.visible(sheet))”有超过\(limit)处合并单元格，不像是真正的花名册，未导入任何记录",
                                           hint: "请在 Excel/WPS 中取消合并单元格后重新保存，或另存为 CSV")
            }
        }
        if let error = stream.failure { throw error }
        return scanner.found
    }

    /// Finds `<mergeCell ref="A1:M1"/>` (with or without a namespace prefix) in bytes fed a
    /// chunk at a time; a tag cut at a chunk's end is kept for the next.
    struct Scanner {
        private(set) var found: [Range] = []
        /// The `<row` tags seen.
        private(set) var rows = 0
        private var carry: [UInt8] = []

        static let tag = Array("mergeCell".utf8)
        static let ref = Array("ref=".utf8)
        /// The longest tag worth keeping across chunks.
        static let longest = 256

        mutating func feed(_ chunk: ArraySlice<UInt8>) {
            let bytes = carry + chunk
            // A tag wholly inside the carried bytes was counted with the last chunk.
            rows += Self.rowTags(in: bytes, endingAfter: carry.count)
            carry = []
            var i = 0
            while let start = Self.find(Self.tag, in: bytes, from: i) {
                // `<mergeCell ` or `<x:mergeCell `, never `<mergeCells`.
                let after = start + Self.tag.count
                guard after < bytes.count else { carry = Array(bytes[max(start - 1, 0)...]); return }
                let before = start > 0 ? bytes[start - 1] : 0
                guard before == UInt8(ascii: "<") || before == UInt8(ascii: ":"), Self.isSpace(bytes[after]) else {
                    i = after
                    continue
                }
                guard let end = bytes[after...].firstIndex(of: UInt8(ascii: ">")) else {
                    if bytes.count - start < Self.longest { carry = Array(bytes[max(start - 1, 0)...]) }
                    return
                }
                if let range = Self.range(in: bytes[after..<end]) { found.append(range) }
                i = end + 1
            }
            // A tag's first bytes at the very end.
            let keep = min(bytes.count - i, Self.tag.count + 1)
            carry = Array(bytes.suffix(keep))
        }

        static let row = Array("<row".utf8)

        /// The `<row ` and `<row>` tags of `bytes` that end after its first `endingAfter` bytes.
        static func rowTags(in bytes: [UInt8], endingAfter carried: Int) -> Int {
            var count = 0
            var i = max(0, carried - row.count)
            while let at = find(row, in: bytes, from: i) {
                let end = at + row.count
                guard end < bytes.count else { break }
                if end + 1 > carried, isSpace(bytes[end]) || bytes[end] == UInt8(ascii: ">") { count += 1 }
                i = end
            }
            return count
        }

        static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

        static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
            guard bytes.count >= needle.count, from <= bytes.count - needle.count else { return nil }
            var i = from
            while i <= bytes.count - needle.count {
                if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
                i += 1
            }
            return nil
        }

        /// The range of a tag's attributes: `ref="A1:M1"` (or with single quotes).
        static func range(in attributes: ArraySlice<UInt8>) -> Range? {
            let bytes = Array(attributes)
            guard let at = find(ref, in: bytes, from: 0), at + ref.count < bytes.count else { return nil }
            let quote = bytes[at + ref.count]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return nil }
            let valueStart = at + ref.count + 1
            guard let valueEnd = bytes[valueStart...].firstIndex(of: quote) else { return nil }
            let text = String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self)
            let ends = text.split(separator: ":")
            guard ends.count == 2, let a = cell(ends[0]), let b = cell(ends[1]) else { return nil }
            return Range(top: min(a.row, b.row), left: min(a.column, b.column), bottom: max(a.row, b.row),
                         right: max(a.column, b.column))
        }

        /// `B12` → row 12, column 1; `$B$12` too.
        static func cell(_ ref: Substring) -> (row: Int, column: Int)? {
            let text = ref.filter { $0 != "$" }
            let letters = text.prefix { $0.isASCII && $0.isLetter }
            let digits = text.dropFirst(letters.count)
            guard (1...3).contains(letters.count), !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  digits.count <= 7, let row = Int(digits) else { return nil }
            let column = letters.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value - 64) } - 1
            return (row, column)
        }
    }
}
