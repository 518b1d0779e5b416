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

    @Test("masking finds an ID number in every spelling, and leaves dates, hashes and UUIDs alone")
    func maskingSpellings() {
        let m = IDNumber.masking
        #expect(m("号码320402198003121235。") == "号码320402********1235。")
        #expect(m("３２０４０２１９８００３１２１２３５") == "３２０４０２********１２３５")
        #expect(m("“320402-19800312-1235”") == "“320402-********-1235”")
        #expect(m("审批表 320402 19800312 1235") == "审批表 320402 ******** 1235")
        #expect(m("32040219800312123X") == "320402********123X")
        #expect(m("320402\u{200B}19800312\u{200B}1235") == "320402\u{200B}********\u{200B}1235")
        #expect(m("--id-number 320402198003121235 --name 张三") == "--id-number 320402********1235 --name 张三")
        // Not ID numbers: dates, a short run, a hash, a UUID, a run inside a word.
        for text in ["2021-03-01 2022-04-05", "--from 2010-07 --to 2015-03", "电话 13912345678",
                     "3fa41234567890123456abc", "12345678-1234-5678-9012-345678901234", "id320402198003121235x",
                     "ABCD-9012-345678901234"] {
            #expect(m(text) == text, "\(text)")
        }
    }

    @Test("visible escapes control and invisible characters, and nothing else")
    func visible() {
        #expect(TextSafety.visible("\u{1B}[2J2身份证.pdf") == "<U+001B>[2J2身份证.pdf")
        #expect(TextSafety.visible("3照片.jpg\n✓ 全部正确") == "3照片.jpg<U+000A>✓ 全部正确")
        #expect(TextSafety.visible("a\nb", keepingLineBreaks: true) == "a\nb")
        #expect(TextSafety.visible("学历\u{202E}fdp\u{200B}\u{2028}\u{FEFF}\u{061C}\u{0085}") == "学历<U+202E>fdp<U+200B><U+2028><U+FEFF><U+061C><U+0085>")
        let plain = "常州市某局（电工）… → ✓ 一、二 “引号” — 2026–2028 \u{3000}"
        #expect(TextSafety.visible(plain) == plain)
        // The same test on UTF-8 put together from strings (Console.write(utf8:)).
        func refused(_ text: String, keepingLineBreaks: Bool = true) -> Bool {
            Array(text.utf8).withUnsafeBufferPointer { TextSafety.mayHoldRefused($0, keepingLineBreaks: keepingLineBreaks) }
        }
        for character in ["\u{1B}", "\u{202E}", "\u{200B}", "\u{2028}", "\u{FEFF}", "\u{061C}", "\u{0085}", "\u{7F}"] {
            #expect(refused("{\"name\":\"学历" + character + "\"}"), "\(character.unicodeScalars.first!.value)")
        }
        #expect(!refused(plain + "\n"))
        #expect(refused("a\nb", keepingLineBreaks: false))
        #expect(TextSafety.firstRefused(in: "常州\u{202E}") == "\u{202E}" && TextSafety.firstRefused(in: plain) == nil)
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
