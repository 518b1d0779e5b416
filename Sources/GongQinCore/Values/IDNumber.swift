/// A resident identity number (居民身份证号码), checked as GB 11643-1999 and RULES §9 say:
/// 18 characters, a six-digit region code, a real birth date, a three-digit sequence whose
/// last digit is odd for men and even for women, and an ISO 7064 MOD 11-2 check character.
public struct IDNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 18 characters, with a lower-case x turned upper-case.
    public let text: String
    public let birthDate: Day
    public let sex: Sex

    public enum Sex: String, Sendable, Codable {
        case male
        case female
        public var chinese: String { self == .male ? "男" : "女" }
    }

    /// Why a text is not a valid identity number.
    public enum Invalid: Error, Hashable, Sendable {
        case length(Int)
        case characters
        case region(String)
        case birthDate(String)
        case birthDateInFuture(String)
        case checkCharacter(expected: Character, found: Character)
    }

    /// The province-level codes of GB/T 2260 (the first two digits).
    static let provinceCodes: Set<String> = [
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
        "71", "81", "82", "83",
    ]

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// The check character of the first 17 digits (ISO 7064 MOD 11-2).
    public static func checkCharacter(for first17: some Collection<Character>) -> Character? {
        guard first17.count == 17 else { return nil }
        var sum = 0
        for (digit, weight) in zip(first17, weights) {
            guard let d = digit.wholeNumberValue, digit.isASCII else { return nil }
            sum += d * weight
        }
        return checkCharacters[sum % 11]
    }

    /// Checks `text`. `today`, when given, refuses a birth date after it. Works on the
    /// UTF-8 bytes: an import checks one number per row.
    public init(_ raw: String, today: Day? = nil) throws(Invalid) {
        let trimmed = raw.trimmingSpaces
        var b = Array(trimmed.utf8)
        guard b.count == 18 else {
            let characters = trimmed.count
            throw characters == 18 ? .characters : .length(characters)
        }
        if b[17] == 0x78 { b[17] = 0x58 }  // x → X
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        guard b[..<17].allSatisfy(isDigit), isDigit(b[17]) || b[17] == 0x58 else { throw .characters }
        let text = String(decoding: b, as: UTF8.self)
        func number(_ range: Range<Int>) -> Int { Day.decimal(b, range) ?? 0 }
        // A province code followed by a city and county; "320000" names a province, not a place
        // of registration.
        let region = String(decoding: b[0..<6], as: UTF8.self)
        guard IDNumber.provinceCodes.contains(String(decoding: b[0..<2], as: UTF8.self)), number(2..<6) != 0 else {
            throw .region(region)
        }
        let birthText = String(decoding: b[6..<14], as: UTF8.self)
        guard number(6..<10) >= 1900, let birth = Day(year: number(6..<10), month: number(10..<12), day: number(12..<14)) else {
            throw .birthDate(birthText)
        }
        if let today, birth > today { throw .birthDateInFuture(birthText) }
        var sum = 0
        for i in 0..<17 { sum += Int(b[i] - 0x30) * IDNumber.weights[i] }
        let expected = IDNumber.checkCharacters[sum % 11]
        let found = Character(Unicode.Scalar(b[17]))
        guard expected == found else { throw .checkCharacter(expected: expected, found: found) }
        self.text = text
        self.birthDate = birth
        self.sex = Int(b[16] - 0x30) % 2 == 1 ? .male : .female
    }

    /// A number as the database stores it, already checked when it was written: the birth
    /// date and sex are read off it, and nothing is checked but its shape.
    public init?(stored text: String) {
        let b = Array(text.utf8)
        guard b.count == 18 else { return nil }
        func digits(_ range: Range<Int>) -> Int? { Day.decimal(b, range) }
        guard let y = digits(6..<10), let m = digits(10..<12), let d = digits(12..<14), let sexDigit = digits(16..<17),
              let birth = Day(year: y, month: m, day: d) else { return nil }
        self.text = text
        self.birthDate = birth
        self.sex = sexDigit % 2 == 1 ? .male : .female
    }

    public var description: String { text }

    /// Text that may hold an ID number, as an error, a log or a note shows it (README,
    /// “Hostile text and outputs”): every ID number in it keeps its first 6 and last 4
    /// characters, the rest become `*`. An ID number is found in any spelling a clerk may
    /// type or paste: a run of 15 or more digits (and X); in full-width digits (`３２０４…`);
    /// or in groups of 3 or more, 15 to 18 in all, split by single spaces or dashes
    /// (`320402-19800312-1235`, `320402 19800312 1235`). A run that is part of a longer
    /// word (a letter beside it, or a dash and a letter or digit beyond, as in a hash or a
    /// UUID) is not one. A mistyped ID number is masked as a valid one is.
    public static func masking(_ text: String) -> String {
        let characters = Array(text)
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var i = 0
        while i < characters.count {
            guard let run = MaskedRun(characters, from: i) else {
                out.append(characters[i])
                i += 1
                continue
            }
            if run.isIDNumber(in: characters) {
                out += run.masked(characters)
            } else {
                out += String(characters[run.start..<run.end])
            }
            i = run.end
        }
        return out
    }

    /// `320402********123X`: the region and the last four, for table output.
    public var masked: String { String(text.prefix(6)) + String(repeating: "*", count: 8) + String(text.suffix(4)) }

    public static func < (a: IDNumber, b: IDNumber) -> Bool { a.text < b.text }

    // The birth date and sex are read from the text: the text alone is the identity, and
    // hashing it alone is what a forecast's hundreds of thousands of look-ups cost.
    public static func == (a: IDNumber, b: IDNumber) -> Bool { a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

extension IDNumber: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            // The typed error goes with it, for the CLI to word (CoreWording).
            throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath, debugDescription: "\(error)", underlyingError: error))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// A run of ID-number characters, perhaps split by single separators, as `masking` finds it.
private struct MaskedRun {
    let start: Int
    /// Just after the last ID-number character.
    let end: Int
    /// The positions of the ID-number characters.
    let positions: [Int]
    /// The number of characters of each group between separators.
    let groups: [Int]

    /// A digit or X, in ASCII or full width.
    static func isIDCharacter(_ c: Character) -> Bool {
        guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { return false }
        switch scalar.value {
        case 0x30...0x39, 0x58, 0x78, 0xFF10...0xFF19, 0xFF38, 0xFF58: return true
        default: return false
        }
    }

    /// A space or a dash, in ASCII or full width, between two groups.
    static func isSeparator(_ c: Character) -> Bool { c == " " || c == "-" || c == "\u{3000}" || c == "\u{FF0D}" }
    static func isDash(_ c: Character) -> Bool { c == "-" || c == "\u{FF0D}" }

    /// An invisible character inside a number hides nothing: it is passed over.
    static func isInvisible(_ c: Character) -> Bool { c.unicodeScalars.allSatisfy(TextSafety.isInvisible) }

    /// An ASCII letter or digit: what makes a run part of a longer word.
    static func isWordCharacter(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }

    init?(_ c: [Character], from start: Int) {
        guard Self.isIDCharacter(c[start]) else { return nil }
        var positions = [start], groups = [1]
        var i = start + 1
        while i < c.count {
            if Self.isIDCharacter(c[i]) {
                positions.append(i)
                groups[groups.count - 1] += 1
                i += 1
            } else if Self.isInvisible(c[i]) {
                i += 1
            } else if Self.isSeparator(c[i]), i + 1 < c.count, Self.isIDCharacter(c[i + 1]) {
                groups.append(0)
                i += 1
            } else {
                break
            }
        }
        self.start = start
        self.end = positions.last! + 1
        self.positions = positions
        self.groups = groups
    }

    func isIDNumber(in c: [Character]) -> Bool {
        let count = positions.count
        if groups.count == 1 {
            guard count >= 15 else { return false }
        } else {
            guard (15...18).contains(count), groups.allSatisfy({ $0 >= 3 }) else { return false }
        }
        if start > 0, Self.isWordCharacter(c[start - 1]) { return false }
        if end < c.count, Self.isWordCharacter(c[end]) { return false }
        if groups.count > 1 {
            // A dash joins words: `ABCD-9012-345678901234` is a UUID's tail.
            if start > 1, Self.isDash(c[start - 1]), Self.isWordCharacter(c[start - 2]) { return false }
            if end + 1 < c.count, Self.isDash(c[end]), Self.isWordCharacter(c[end + 1]) { return false }
        }
        return true
    }

    /// The run with all but its first 6 and last 4 ID-number characters as `*`.
    func masked(_ c: [Character]) -> String {
        let hidden = Set(positions.dropFirst(6).dropLast(4))
        var out = ""
        for i in start..<end { out.append(hidden.contains(i) ? "*" : c[i]) }
        return out
    }
}
