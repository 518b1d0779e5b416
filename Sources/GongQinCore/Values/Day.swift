/// A calendar date in the proleptic Gregorian calendar, without a time zone.
///
/// The notice works in days and months, never in hours, so gongqin stores and compares
/// dates as `Day`s. Written `YYYY-MM-DD`; where the notice works in months (work start,
/// graduation, transfer) `YYYY-MM` is accepted and means the first of that month.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Makes a day, or nil when it is not a real calendar date.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`, written digit by digit: dates are formatted for every check.
    public var description: String {
        String(unsafeUninitializedCapacity: 10) { buffer in
            let digits = [year / 1000 % 10, year / 100 % 10, year / 10 % 10, year % 10, -3,
                          month / 10, month % 10, -3, day / 10, day % 10]
            for (i, d) in digits.enumerated() { buffer[i] = UInt8(0x30 + d) }
            return 10
        }
    }

    /// `2019年07月`, as the approval form writes months (RULES F1).
    public var chineseMonth: String {
        "\(year)年" + (month < 10 ? "0\(month)" : "\(month)") + "月"
    }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's days_from_civil.
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day with the given ordinal (days since 1970-01-01).
    public init(ordinal z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// The last day of a year: "issued by the end of Y−4" (RULES N4, N5).
    public static func endOfYear(_ year: Int) -> Day { Day(year: year, month: 12, day: 31)! }

    // MARK: Parsing

    /// Reads exactly `YYYY-MM-DD`, as the database stores dates, without the general
    /// parser's allowances: the fast path for decoding millions of rows.
    public init?(iso text: String) {
        var utf8 = text.utf8
        let day: Day? = utf8.withContiguousStorageIfAvailable { Day(isoBytes: $0) } ?? nil
        if let day {
            self = day
            return
        }
        // A string without contiguous UTF-8 storage (rare): the general parser.
        var copy = text
        copy.makeContiguousUTF8()
        utf8 = copy.utf8
        guard utf8.count == 10, let parsed = try? Day.parse(copy) else { return nil }
        self = parsed
    }

    /// Reads the ten bytes of `YYYY-MM-DD`: the one reader of an ISO date's digits, for a
    /// string (`init(iso:)`) and for a column's bytes read straight off SQLite. A buffer, not
    /// any collection: a generic initialiser is not specialised in the module that calls it,
    /// and the store reads millions of dates.
    public init?(isoBytes b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 10, b[b.startIndex + 4] == 0x2D, b[b.startIndex + 7] == 0x2D,
              let y = Day.decimal(b, 0..<4), let m = Day.decimal(b, 5..<7), let d = Day.decimal(b, 8..<10),
              let day = Day(year: y, month: m, day: d) else { return nil }
        self = day
    }

    /// The number the ASCII digits of `range` (offsets from the start) spell, or nil when one
    /// is not a digit: the one digit reader of dates and identity numbers.
    public static func decimal<Bytes: RandomAccessCollection<UInt8>>(_ b: Bytes, _ range: Range<Int>) -> Int?
        where Bytes.Index == Int {
        var n = 0
        for i in range {
            let d = Int(b[b.startIndex + i]) &- 0x30
            guard d >= 0 && d <= 9 else { return nil }
            n = n * 10 + d
        }
        return n
    }

    /// Why a text is not a date.
    public enum ParseError: Error, Hashable, Sendable {
        case empty
        case malformed(String)
        case impossible(String)
        case monthNotAllowed(String)
        /// `2012.1`: Excel writes `2012.10` so, and it could be January or October.
        case ambiguous(String)
        /// `41091`: an Excel date serial (a day count), shown as the day it stands for.
        case serial(String, Day)
    }

    /// Parses `YYYY-MM-DD`, and `YYYY-MM` when `allowMonth` is set (the first of the month).
    /// Also accepts `/` or `.` as separators and `2019年7月1日`, as spreadsheets write them.
    public static func parse(_ text: String, allowMonth: Bool = false) throws(ParseError) -> Day {
        // `YYYY-MM-DD` as it stands, the usual cell, read off its bytes.
        if let day = text.utf8.withContiguousStorageIfAvailable({ Day(isoBytes: $0) }) ?? nil { return day }
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { throw .empty }
        var parts: [Substring]
        if trimmed.contains("年") {
            var s = trimmed
            if s.hasSuffix("日") { s.removeLast() }
            if s.hasSuffix("月") { s.removeLast() }
            parts = s.split(omittingEmptySubsequences: false) { $0 == "年" || $0 == "月" }
        } else {
            parts = trimmed.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "/" || $0 == "." }
            // Excel stores `2012.10` as the number 2012.1: January or October?
            if parts.count == 2, trimmed.contains("."), parts[1] == "1", parts[0].count == 4 { throw .ambiguous(trimmed) }
        }
        if let serial = Day.excelSerial(trimmed) { throw .serial(trimmed, serial) }
        guard parts.count == 3 || parts.count == 2,
              parts[0].count == 4, parts.dropFirst().allSatisfy({ (1...2).contains($0.count) }),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            throw .malformed(trimmed)
        }
        let numbers = parts.map { Int($0)! }
        if numbers.count == 2 && !allowMonth { throw .monthNotAllowed(trimmed) }
        let dayNumber = numbers.count == 3 ? numbers[2] : 1
        guard let day = Day(year: numbers[0], month: numbers[1], day: dayNumber) else {
            throw .impossible(trimmed)
        }
        return day
    }
}

extension Day {
    /// The day an Excel date serial stands for: days since 1899-12-30 (Excel's 1900 date
    /// system, whose false 1900-02-29 lies before any date gongqin keeps). Only serials of
    /// 1950–2100 count; anything else is not taken for a date.
    public init?(excelSerial serial: Int) {
        guard (18264...73415).contains(serial) else { return nil }
        self = Day(year: 1899, month: 12, day: 30)!.adding(days: serial)
    }

    /// A cell of five digits, or five digits and a fraction (a time of day), read as a serial.
    static func excelSerial(_ text: String) -> Day? {
        let whole = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard whole[0].count == 5, whole.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let n = Int(whole[0]) else { return nil }
        return Day(excelSerial: n)
    }
}

extension String {
    /// The string without leading and trailing white space (ASCII, full-width and no-break
    /// spaces, which spreadsheets leave behind).
    public var trimmingSpaces: String {
        // The common case, nothing to trim, without looking at Unicode properties: the
        // first and last characters are visible ASCII or CJK ideographs.
        func plain(_ s: Unicode.Scalar) -> Bool { (s.value > 0x20 && s.value < 0x7F) || (0x4E00...0x9FFF).contains(s.value) }
        if let first = unicodeScalars.first, let last = unicodeScalars.last, plain(first), plain(last) {
            return self
        }
        let isSpace: (Character) -> Bool = { $0.isWhitespace || $0 == "\u{3000}" || $0 == "\u{FEFF}" }
        guard let first = firstIndex(where: { !isSpace($0) }),
              let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

/// A day is written `YYYY-MM-DD` in JSON, as the contract says.
extension Day: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try Day.parse(text)
        } catch {
            // The typed error goes with it, for the CLI to word (PolicyDecodingProblem).
            throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath, debugDescription: "\(error)", underlyingError: error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
