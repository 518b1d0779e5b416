import GongQinCore
import Testing

@Suite("dates")
struct DayTests {
    @Test("YYYY-MM-DD and the spreadsheet spellings", arguments: [
        ("2019-07-01", Day(year: 2019, month: 7, day: 1)),
        ("2019-7-1", Day(year: 2019, month: 7, day: 1)),
        ("2019/07/01", Day(year: 2019, month: 7, day: 1)),
        ("2019.7.1", Day(year: 2019, month: 7, day: 1)),
        ("2019年7月1日", Day(year: 2019, month: 7, day: 1)),
        (" 2019-07-01 ", Day(year: 2019, month: 7, day: 1)),
    ])
    func parses(_ text: String, _ expected: Day?) throws {
        #expect(try Day.parse(text) == expected)
    }

    @Test("YYYY-MM means the first of the month, where allowed")
    func months() throws {
        #expect(try Day.parse("2005-07", allowMonth: true) == Day(year: 2005, month: 7, day: 1))
        #expect(try Day.parse("2005年7月", allowMonth: true) == Day(year: 2005, month: 7, day: 1))
        #expect(throws: Day.ParseError.monthNotAllowed("2005-07")) { try Day.parse("2005-07") }
    }

    @Test("impossible dates", arguments: ["2023-02-29", "2024-02-30", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00"])
    func impossible(_ text: String) {
        #expect(throws: Day.ParseError.impossible(text)) { try Day.parse(text) }
    }

    @Test("malformed text", arguments: ["", "   ", "yesterday", "2024-1", "24-01-01", "2024-01-01-01", "２０２４-01-01", "2024-0x-01"])
    func malformed(_ text: String) {
        #expect(throws: (any Error).self) { try Day.parse(text) }
    }

    @Test("leap years")
    func leap() {
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
        #expect(Day(year: 2023, month: 2, day: 29) == nil)
    }

    @Test("ordinals round-trip and order days")
    func ordinals() {
        #expect(Day(year: 1970, month: 1, day: 1)!.ordinal == 0)
        for ordinal in stride(from: -30000, to: 60000, by: 37) {
            #expect(Day(ordinal: ordinal).ordinal == ordinal)
        }
        #expect(Day(year: 2024, month: 2, day: 28)!.adding(days: 1) == Day(year: 2024, month: 2, day: 29))
        #expect(Day(year: 2019, month: 12, day: 31)! < Day(year: 2020, month: 1, day: 1)!)
    }

    @Test("JSON is YYYY-MM-DD")
    func json() throws {
        let day = Day(year: 2019, month: 7, day: 1)!
        #expect(day.description == "2019-07-01")
        #expect(day.chineseMonth == "2019年07月")
    }
}
