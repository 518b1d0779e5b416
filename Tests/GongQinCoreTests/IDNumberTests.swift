import GongQinCore
import Testing

@Suite("身份证号 (RULES §9)")
struct IDNumberTests {
    @Test("the standard's own example, with check character X")
    func standardExample() throws {
        let id = try IDNumber("11010519491231002X")
        #expect(id.birthDate == Day(year: 1949, month: 12, day: 31))
        #expect(id.sex == .female)
        #expect(id.masked == "110105********002X")
    }

    @Test("a lower-case x is read as X")
    func lowerCaseX() throws {
        #expect(try IDNumber("11010519491231002x").text == "11010519491231002X")
    }

    @Test("sex from the 17th digit: odd is male")
    func sex() throws {
        let male = TestIDs.make(birth: "19850312", sequence: 123)
        let female = TestIDs.make(birth: "19850312", sequence: 124)
        #expect(try IDNumber(male).sex == .male)
        #expect(try IDNumber(female).sex == .female)
    }

    @Test("every wrong check character is refused and the right one named", arguments: Array("0123456789X"))
    func checkCharacter(_ c: Character) throws {
        let good = TestIDs.make(birth: "19800101", sequence: 11)
        let expected = good.last!
        let candidate = String(good.dropLast()) + String(c)
        if c == expected {
            #expect(throws: Never.self) { try IDNumber(candidate) }
        } else {
            #expect(throws: IDNumber.Invalid.checkCharacter(expected: expected, found: c)) { try IDNumber(candidate) }
        }
    }

    @Test("wrong lengths", arguments: ["", "1234567", "11010519491231002", "11010519491231002X1"])
    func lengths(_ text: String) {
        #expect(throws: IDNumber.Invalid.length(text.count)) { try IDNumber(text) }
    }

    @Test("letters in the digits")
    func characters() {
        #expect(throws: IDNumber.Invalid.characters) { try IDNumber("1101051949123A002X") }
        #expect(throws: IDNumber.Invalid.characters) { try IDNumber("11010519491231002Y") }
    }

    @Test("impossible birth dates", arguments: ["19850230", "19851301", "19850000", "19000229", "18991231"])
    func impossibleDates(_ birth: String) {
        let text = TestIDs.make(birth: birth, sequence: 1)
        #expect(throws: IDNumber.Invalid.birthDate(birth)) { try IDNumber(text) }
    }

    @Test("29 February in a leap year is a real date")
    func leapDay() throws {
        #expect(try IDNumber(TestIDs.make(birth: "20000229", sequence: 1)).birthDate == Day(year: 2000, month: 2, day: 29))
    }

    @Test("a birth date after today")
    func futureBirth() {
        let text = TestIDs.make(birth: "20300101", sequence: 1)
        #expect(throws: IDNumber.Invalid.birthDateInFuture("20300101")) {
            try IDNumber(text, today: Day(year: 2026, month: 11, day: 26)!)
        }
    }

    @Test("regions: an unknown province, and a province code with no place", arguments: ["990402", "000000", "320000"])
    func regions(_ region: String) {
        let text = TestIDs.make(region: region, birth: "19850312", sequence: 1)
        #expect(throws: IDNumber.Invalid.region(region)) { try IDNumber(text) }
    }

    @Test("every reason reads as Chinese")
    func messages() {
        #expect(IDNumber.Invalid.length(17).chinese == "身份证号应为18位，这里是17位")
        #expect(IDNumber.Invalid.checkCharacter(expected: "X", found: "1").chinese.contains("最后一位应为X"))
    }
}

/// Identity numbers for tests, with the check character computed here, independently of
/// the code under test (ISO 7064 MOD 11-2).
enum TestIDs {
    static func make(region: String = "320402", birth: String, sequence: Int) -> String {
        let seq = String(sequence)
        let body = region + birth + String(repeating: "0", count: 3 - seq.count) + seq
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }
}
