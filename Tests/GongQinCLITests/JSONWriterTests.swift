import Foundation
@testable import GongQinCLI
import GongQinCore
import Testing

@Suite("the hand-written JSON of eligible")
struct JSONWriterTests {
    @Test("escapes what RFC 8259 asks and nothing else")
    func quoting() throws {
        for text in ["张三", "a\"b", "back\\slash", "line\nbreak", "tab\there", "\u{01}", "常州市/天宁区", ""] {
            let decoded = try JSONSerialization.jsonObject(with: Data(JSON.quoted(text).utf8), options: [.fragmentsAllowed]) as? String
            #expect(decoded == text)
        }
        // A control character as \u00XX, lowercase, as JSONEncoder and the older writer wrote it.
        #expect(JSON.quoted("\u{01}|\u{1B}|\u{7F}") == "\"\\u0001|\\u001b|\u{7F}\"")
    }

    @Test("an eligible line reads the same as JSONEncoder writes it")
    func sameAsEncoder() throws {
        let id = try IDNumber("11010519491231002X")
        let record = PersonRecord(person: Person(idNumber: id, name: "李\"四\"", unit: "常州市某局", trade: "电工",
                                                 workStart: Day(year: 2000, month: 6, day: 1)!))
        let option = OptionDecision(grade: .senior, module: .exceptional, trade: "电工", open: true,
                                    checks: [Check(.X2, .warning, "说明\n第二行")], conditions: ["college-degree"],
                                    certificateYear: 2024, earliestCycle: nil)
        let line = EligibleLine(record, option)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = try JSONSerialization.jsonObject(with: encoder.encode(line)) as? NSDictionary
        let written = try JSONSerialization.jsonObject(with: Data(line.json.utf8)) as? NSDictionary
        #expect(expected == written)
        #expect(line.json.hasPrefix("{\"certificateYear\":2024,\"conditions\":[\"college-degree\"]"))
    }
}
