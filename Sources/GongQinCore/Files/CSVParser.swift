/// Rows of a CSV file (RFC 4180) from its UTF-8 bytes, fed in chunks of any size: a
/// byte-level reader, about ten times faster than decoding scalar by scalar (BENCHMARKS.md,
/// BENCHMARKS.md). What a spreadsheet writes reads as it means:
/// - a UTF-8 byte-order mark at the start is skipped;
/// - rows end with CRLF, LF or a lone CR; the last row may have no line end;
/// - a field in double quotes keeps its commas and line breaks, `""` in it is one quote;
/// - a quote inside an unquoted field, or text after a closing quote, is kept as it is.
/// A quoted field still open at the end of the file, and bytes that are not UTF-8, are
/// errors naming the row. So are a row of more than `Limits.columns` cells and a cell of
/// more than `Limits.cellCharacters` characters, found as soon as they are read, so that a
/// header of a million columns or a cell of a hundred megabytes is not read to its end.
/// Covered by the fuzzing target `FuzzFileRow`.
public struct CSVParser {
    public enum Failure: Error, Equatable {
        /// A quoted field opened on `row` and never closed.
        case unterminatedQuote(row: Int)
        /// Row `row` is not valid UTF-8.
        case invalidUTF8(row: Int)
        /// Row `row` has more cells than the limit.
        case tooManyColumns(row: Int)
        /// The cell of row `row`, column `column` (from 1) is longer than the limit.
        case cellTooLong(row: Int, column: Int)
    }

    enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted, afterCR
    }

    var state = State.fieldStart
    var field: [UInt8] = []
    var cells: [String] = []
    /// Rows finished so far (the one being read is `rows + 1`).
    public private(set) var rows = 0
    /// Whether the row being read has any byte yet.
    var rowStarted = false
    var atStart = true
    var bomMatched = 0
    /// The most cells a row may have, and characters a cell.
    let maximumColumns: Int
    let maximumCharacters: Int

    public init(columns: Int = Limits.columns, cellCharacters: Int = Limits.cellCharacters) {
        maximumColumns = columns
        maximumCharacters = cellCharacters
        field.reserveCapacity(256)
    }

    /// Refuses a cell that has grown past what any cell of the limit can take in UTF-8
    /// (4 bytes a character), before reading more of it.
    @inline(__always)
    func checkGrowth() throws {
        if field.count > 4 * maximumCharacters { throw Failure.cellTooLong(row: rows + 1, column: cells.count + 1) }
    }

    /// Feeds the next bytes; calls `body` with each row they complete. Stops, returning
    /// false, when `body` returns false.
    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, _ body: ([String]) throws -> Bool) throws -> Bool {
        var index = 0
        let count = bytes.count
        if atStart {
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            while index < count && bomMatched < 3 && bytes[index] == bom[bomMatched] {
                bomMatched += 1
                index += 1
            }
            if bomMatched == 3 || index < count {
                // A partial mark followed by something else was text after all.
                if bomMatched < 3 && bomMatched > 0 {
                    field.append(contentsOf: bom[0..<bomMatched])
                    state = .unquoted
                    rowStarted = true
                }
                atStart = false
            } else {
                return true
            }
        }
        while index < count {
            let byte = bytes[index]
            index += 1
            switch state {
            case .fieldStart:
                rowStarted = true
                switch byte {
                case 0x22: state = .quoted
                case 0x2C: try endField()
                case 0x0A: if try !endRow(body) { return false }
                case 0x0D: if try !endRow(body) { return false }; state = .afterCR
                default: field.append(byte); state = .unquoted
                }
            case .unquoted:
                // The common case: copy up to the next comma, quote-free line end.
                var end = index - 1
                while end < count, bytes[end] != 0x2C, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
                field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(index - 1)..<end]))
                try checkGrowth()
                index = end
                guard index < count else { break }
                let stop = bytes[index]
                index += 1
                switch stop {
                case 0x2C: try endField(); state = .fieldStart
                case 0x0A: if try !endRow(body) { return false }
                default: if try !endRow(body) { return false }; state = .afterCR
                }
            case .quoted:
                var end = index - 1
                while end < count, bytes[end] != 0x22 { end += 1 }
                field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(index - 1)..<end]))
                try checkGrowth()
                index = end
                guard index < count else { break }
                index += 1
                state = .quoteInQuoted
            case .quoteInQuoted:
                switch byte {
                case 0x22: field.append(0x22); try checkGrowth(); state = .quoted
                case 0x2C: try endField(); state = .fieldStart
                case 0x0A: if try !endRow(body) { return false }
                case 0x0D: if try !endRow(body) { return false }; state = .afterCR
                default: field.append(byte); state = .unquoted
                }
            case .afterCR:
                state = .fieldStart
                if byte != 0x0A { index -= 1 }
            }
        }
        return true
    }

    /// Ends the input: the last row, when it has no line end.
    public mutating func finish(_ body: ([String]) throws -> Bool) throws {
        if case .quoted = state { throw Failure.unterminatedQuote(row: rows + 1) }
        if atStart && bomMatched > 0 && bomMatched < 3 {
            field.append(contentsOf: [UInt8]([0xEF, 0xBB, 0xBF])[0..<bomMatched])
            rowStarted = true
        }
        atStart = false
        if rowStarted { _ = try endRow(body) }
        state = .fieldStart
    }

    mutating func endField() throws {
        if cells.count >= maximumColumns { throw Failure.tooManyColumns(row: rows + 1) }
        // Bytes count at least the characters; only a long cell needs counting.
        if field.count > maximumCharacters, field.reduce(0, { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }) > maximumCharacters {
            throw Failure.cellTooLong(row: rows + 1, column: cells.count + 1)
        }
        // ASCII needs no validation; anything else is checked, not repaired.
        let text: String
        if field.allSatisfy({ $0 < 0x80 }) {
            text = String(decoding: field, as: UTF8.self)
        } else {
            var validator = UTF8Validator()
            guard validator.feed(field), validator.complete else { throw Failure.invalidUTF8(row: rows + 1) }
            text = String(decoding: field, as: UTF8.self)
        }
        cells.append(text)
        field.removeAll(keepingCapacity: true)
    }

    mutating func endRow(_ body: ([String]) throws -> Bool) throws -> Bool {
        try endField()
        rows += 1
        let row = cells
        cells.removeAll(keepingCapacity: true)
        rowStarted = false
        state = .fieldStart
        return try body(row)
    }

    /// Every row of `bytes` at once (tests and the fuzzing target).
    public static func rows(_ bytes: [UInt8]) throws -> [[String]] {
        var parser = CSVParser()
        var rows: [[String]] = []
        _ = try bytes.withUnsafeBufferPointer { buffer in
            try parser.feed(buffer) { rows.append($0); return true }
        }
        try parser.finish { rows.append($0); return true }
        return rows
    }

    /// A row as CSV, each field quoted when it needs to be, ended by a line feed.
    public static func line(_ cells: [String]) -> String {
        var out: [UInt8] = []
        for (i, cell) in cells.enumerated() {
            if i > 0 { out.append(0x2C) }
            let bytes = Array(cell.utf8)
            if bytes.contains(where: { $0 == 0x22 || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D }) || (i == 0 && bytes.first == 0xEF) {
                out.append(0x22)
                for byte in bytes {
                    out.append(byte)
                    if byte == 0x22 { out.append(0x22) }
                }
                out.append(0x22)
            } else {
                out += bytes
            }
        }
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Checks UTF-8 fed in chunks.
public struct UTF8Validator {
    /// Continuation bytes still expected.
    private var pending = 0
    private var lowerBound: UInt8 = 0x80
    private var upperBound: UInt8 = 0xBF
    public private(set) var nonASCII = 0

    public init() {}

    public var complete: Bool { pending == 0 }

    /// A chunk of a file read in place: the generic `feed` is not specialized in another
    /// module, where it reads each byte through a protocol call (a tenth of an import's
    /// time on a file of ASCII rows, all of which are read to tell UTF-8 from GB18030).
    public mutating func feed(chunk: UnsafeRawBufferPointer) -> Bool { feed(chunk) }

    /// False at the first byte that cannot be UTF-8.
    public mutating func feed<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
        for byte in bytes {
            if pending > 0 {
                guard byte >= lowerBound && byte <= upperBound else { return false }
                lowerBound = 0x80
                upperBound = 0xBF
                pending -= 1
                nonASCII += 1
                continue
            }
            switch byte {
            case 0x00...0x7F: continue
            case 0xC2...0xDF: pending = 1
            case 0xE0: pending = 2; lowerBound = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: pending = 2
            case 0xED: pending = 2; upperBound = 0x9F
            case 0xF0: pending = 3; lowerBound = 0x90
            case 0xF1...0xF3: pending = 3
            case 0xF4: pending = 3; upperBound = 0x8F
            default: return false
            }
            nonASCII += 1
        }
        return true
    }
}
