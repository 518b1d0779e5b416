import Foundation
import GongQinCore
import Testing

/// Replays the fuzzers' inputs (Tests/Fuzz): the seed corpus, and every crash Scripts/fuzz
/// has saved under regressions/, through the same properties the harnesses check.
@Suite("fuzzer corpus and regressions")
struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Fuzz").standardized

    static func inputs(_ target: String) -> [Data] {
        ["corpus", "regressions"].flatMap { folder -> [Data] in
            let dir = root.appendingPathComponent("\(folder)/\(target)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().compactMap { FileManager.default.contents(atPath: dir.appendingPathComponent($0).path) }
        }
    }

    @Test("identity numbers: accepted means valid")
    func idNumbers() {
        let inputs = Self.inputs("IDNumber")
        #expect(!inputs.isEmpty)
        for data in inputs {
            let text = String(decoding: data, as: UTF8.self)
            guard let id = try? IDNumber(text) else { continue }
            let chars = Array(id.text)
            #expect(chars.count == 18)
            #expect(GB11643.checkCharacter(String(chars[..<17])) == chars[17], "accepted \(id.text), whose check character is wrong")
            #expect((try? IDNumber(id.text))?.text == id.text)
        }
    }

    @Test("dates: accepted means real, and survives its written form")
    func days() {
        let inputs = Self.inputs("Day")
        #expect(!inputs.isEmpty)
        for data in inputs {
            let text = String(decoding: data, as: UTF8.self)
            for allowMonth in [false, true] {
                guard let day = try? Day.parse(text, allowMonth: allowMonth) else { continue }
                #expect((try? Day.parse(day.description)) == day)
                #expect(Day(ordinal: day.ordinal) == day)
            }
        }
    }

    @Test("import rows: accepted means it reads back from its exported cells")
    func fileRows() {
        let inputs = Self.inputs("FileRow")
        #expect(!inputs.isEmpty)
        let today = Day(year: 2026, month: 11, day: 26)!
        var accepted = 0
        for data in inputs where !data.isEmpty {
            let kinds = RecordKind.allCases
            let kind = kinds[Int(data[0]) % kinds.count]
            let cells = data.dropFirst().split(separator: 0x1F, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            var row = [String?](repeating: nil, count: kind.fields.count)
            for (i, cell) in cells.prefix(kind.fields.count).enumerated() { row[i] = cell }
            guard let record = try? FileRecord.decode(kind, row, today: today) else { continue }
            accepted += 1
            #expect(record.kind == kind)
            #expect((try? FileRecord.decode(kind, record.values.map { Optional($0) }, today: today)) == record)
        }
        #expect(accepted > 0)
    }

    @Test("CSV: the same rows whole and cut anywhere, and the same rows once written again")
    func csvRows() throws {
        let inputs = Self.inputs("FileRow")
        var read = 0
        for data in inputs where !data.isEmpty {
            let bytes = Array(data.dropFirst())
            guard let whole = try? CSVParser.rows(bytes) else { continue }
            read += 1
            for cut in 0...bytes.count {
                var parser = CSVParser()
                var rows: [[String]] = []
                _ = try bytes[..<cut].withUnsafeBufferPointer { try parser.feed($0) { rows.append($0); return true } }
                _ = try bytes[cut...].withUnsafeBufferPointer { try parser.feed($0) { rows.append($0); return true } }
                try parser.finish { rows.append($0); return true }
                #expect(rows == whole)
            }
            #expect(try CSVParser.rows(Array(whole.map(CSVParser.line).joined().utf8)) == whole)
        }
        #expect(read > 0)
    }

    @Test("CSV: quotes, line ends, a byte-order mark and the errors")
    func csvCases() throws {
        let rows = { (text: String) in try CSVParser.rows(Array(text.utf8)) }
        #expect(try rows("\u{FEFF}a,b\r\n1,\"x,\"\"y\"\"\"\n\"z\"\"\"\r2,\"line\nbreak\"") == [["a", "b"], ["1", "x,\"y\""], ["z\""], ["2", "line\nbreak"]])
        #expect(try rows("a\"b,c\"d\"e\n\n,\n") == [["a\"b", "c\"d\"e"], [""], ["", ""]])
        #expect(throws: CSVParser.Failure.unterminatedQuote(row: 2)) { try rows("a\n\"b,c\n") }
        #expect(throws: CSVParser.Failure.invalidUTF8(row: 1)) { try CSVParser.rows([0x61, 0xFF, 0x0A]) }
        // The limits: the 201st cell of a row, the 1,001st character of a cell, found before the rest is read.
        #expect(throws: CSVParser.Failure.tooManyColumns(row: 2)) {
            try rows("a\n" + String(repeating: "x,", count: Limits.columns) + "x\n")
        }
        #expect(try rows(String(repeating: "x,", count: Limits.columns - 1) + "x").first?.count == Limits.columns)
        #expect(throws: CSVParser.Failure.cellTooLong(row: 1, column: 2)) {
            try rows("a," + String(repeating: "长", count: Limits.cellCharacters + 1))
        }
        #expect(try rows("a," + String(repeating: "长", count: Limits.cellCharacters)).first?[1].count == Limits.cellCharacters)
        var parser = CSVParser()
        var fed = 0
        let chunk = [UInt8](repeating: 0x61, count: 1 << 16)
        #expect(throws: CSVParser.Failure.cellTooLong(row: 1, column: 1)) {
            while fed < 1 << 30 {
                fed += chunk.count
                _ = try chunk.withUnsafeBufferPointer { try parser.feed($0) { _ in true } }
            }
        }
        #expect(fed == chunk.count, "the parser read on past a cell far over the limit")
    }
}

/// The check character of GB 11643-1999 (ISO 7064 MOD 11-2), written here from the
/// standard's formula and independently of `IDNumber`: the digit in position i (counted
/// from the right, the check character being position 1) weighs 2^(i−1) mod 11, and the
/// check value is (12 − sum mod 11) mod 11, 10 written X.
enum GB11643 {
    static func checkCharacter(_ body: String) -> Character? {
        let digits = body.compactMap(\.wholeNumberValue)
        guard body.count == 17, digits.count == 17, body.allSatisfy(\.isASCII) else { return nil }
        var sum = 0
        for (k, digit) in digits.enumerated() {
            var weight = 1
            for _ in 0..<(17 - k) { weight = weight * 2 % 11 }
            sum += digit * weight
        }
        let value = (12 - sum % 11) % 11
        return value == 10 ? "X" : Character(String(value))
    }
}

@Suite("the independent check character")
struct GB11643Tests {
    /// The examples printed in GB 11643-1999 itself.
    @Test("the standard's own examples", arguments: ["11010519491231002X", "440524188001010014"])
    func published(_ number: String) throws {
        #expect(GB11643.checkCharacter(String(number.prefix(17))) == number.last)
        // The second example was born in 1880, before the birth dates gongqin admits.
        if number.hasPrefix("110105") { #expect(try IDNumber(number).text == number) }
    }

    @Test("every other check character is refused")
    func others() {
        for number in ["11010519491231002X"] {
            for wrong in "0123456789X" where wrong != number.last {
                #expect((try? IDNumber(String(number.dropLast()) + String(wrong))) == nil, "accepted \(number.dropLast())\(wrong)")
            }
        }
    }
}
