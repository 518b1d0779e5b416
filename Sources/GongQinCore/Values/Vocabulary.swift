/// The fixed vocabularies of the notice: grades, modules, annual results and education
/// levels (RULES §1). Each has an English code, used in flags and JSON, and the Chinese
/// name the notice and the clerks use. Both are accepted wherever a value is read.
public protocol Vocabulary: CaseIterable, Hashable, Sendable, Codable, RawRepresentable where RawValue == String {
    /// The Chinese name, as the notice writes it.
    var chinese: String { get }
    /// Further accepted spellings, beyond the code and the Chinese name.
    var aliases: [String] { get }
}

extension Vocabulary {
    public var code: String { rawValue }
    public var aliases: [String] { [] }

    /// Reads a code, a Chinese name, an alias or an unambiguous short form of the name
    /// or the code (`中级` → 中级工); nil when it is none of them or could be several.
    public init?(parsing text: String) {
        let matches = Self.matches(text)
        guard matches.count == 1 else { return nil }
        self = matches[0]
    }

    /// Every value `text` may mean (Documentation/CLI.md, “One command line”): the one
    /// whose code, Chinese name or alias it is; else each whose Chinese name or code
    /// begins with it, the short forms clerks write (`中级` → 中级工, `tech` →
    /// technician). Two or more are an ambiguity to be named (`高级`: 高级工 or 高级技师).
    public static func matches(_ text: String) -> [Self] {
        let t = text.trimmingSpaces
        let lower = t.lowercased()
        if let exact = allCases.first(where: { $0.rawValue == lower || $0.chinese == t || $0.aliases.contains(t) }) {
            return [exact]
        }
        guard t.count >= 2 else { return [] }
        return allCases.filter { $0.chinese.hasPrefix(t) || $0.rawValue.hasPrefix(lower) }
    }

    /// `高级工（senior）或 高级技师（senior-technician）`: the values an ambiguous text
    /// may mean, for `是否指 …？`.
    public static func either(_ values: [Self]) -> String {
        values.map { $0.chinese == $0.rawValue ? $0.rawValue : "\($0.chinese)（\($0.rawValue)）" }.joined(separator: "或 ")
    }

    /// `junior（初级工）、intermediate（中级工）…`, for error messages.
    public static var choices: String {
        allCases.map { $0.chinese == $0.rawValue ? $0.rawValue : "\($0.rawValue)（\($0.chinese)）" }
            .joined(separator: "、")
    }
}

/// The five skill grades (技术等级). Grades 1–3 together are 等级工.
public enum Grade: String, Vocabulary, Comparable {
    case junior
    case intermediate
    case senior
    case technician
    case seniorTechnician = "senior-technician"

    public var chinese: String {
        switch self {
        case .junior: "初级工"
        case .intermediate: "中级工"
        case .senior: "高级工"
        case .technician: "技师"
        case .seniorTechnician: "高级技师"
        }
    }

    /// `1`…`5`; `初级`, `中级` and `高级技` are short forms of the name, and `高级` is
    /// ambiguous (`matches`).
    public var aliases: [String] { [String(level)] }

    /// 1 for 初级工 … 5 for 高级技师.
    public var level: Int {
        switch self {
        case .junior: 1
        case .intermediate: 2
        case .senior: 3
        case .technician: 4
        case .seniorTechnician: 5
        }
    }

    /// 等级工: 初级工, 中级工 and 高级工 (RULES §1).
    public var isLevelWorker: Bool { level <= 3 }

    public var next: Grade? { Grade.allCases.first { $0.level == level + 1 } }
    public var previous: Grade? { Grade.allCases.first { $0.level == level - 1 } }

    public static func < (a: Grade, b: Grade) -> Bool { a.level < b.level }
}

/// The application modules (申报模块, RULES §1). An application goes through exactly one.
/// Certificates record the route they were obtained through with the same codes.
public enum Module: String, Vocabulary {
    case normal
    case early
    case exceptional
    case transfer
    case review

    public var chinese: String {
        switch self {
        case .normal: "正常申报"
        case .early: "提前一年申报"
        case .exceptional: "破格申报"
        case .transfer: "转岗申报"
        case .review: "复核申报"
        }
    }

    public var aliases: [String] {
        switch self {
        case .normal: ["正常"]
        case .early: ["提前", "提前申报", "提前一年"]
        case .exceptional: ["破格"]
        case .transfer: ["转岗"]
        case .review: ["复核"]
        }
    }

    /// The short name the contract accepts: 正常, 提前, 破格, 转岗, 复核.
    public var short: String { aliases[0] }
}

/// Annual assessment results (年度考核结果).
public enum AssessmentResult: String, Vocabulary {
    case excellent
    case pass
    case basic
    case fail

    public var chinese: String {
        switch self {
        case .excellent: "优秀"
        case .pass: "合格"
        case .basic: "基本合格"
        case .fail: "不合格"
        }
    }

    public var aliases: [String] {
        switch self {
        case .pass: ["称职"]
        case .basic: ["基本称职"]
        case .fail: ["不称职"]
        case .excellent: []
        }
    }

    /// 合格 or 优秀: what RULES A1 asks of every year in the window.
    public var isSatisfactory: Bool { self == .excellent || self == .pass }
}

/// Education levels (学历), as the contract lists them. The code is the Chinese name:
/// clerks type them, and the notice has no English for them.
public enum EducationLevel: String, Vocabulary {
    case juniorHigh = "初中"
    case seniorHigh = "高中"
    case secondarySpecialized = "中专"
    case vocationalHigh = "职高"
    case technicalSchool = "技校"
    case advancedTechnicalSchool = "高级技工学校"
    case technicianCollege = "技师学院"
    case college = "大专"
    case bachelor = "本科"
    case master = "硕士"
    case doctor = "博士"
    case adultHigherEducationCertificate = "成人高等教育专业证书"

    public var chinese: String { rawValue }

    public var aliases: [String] {
        switch self {
        case .juniorHigh: ["junior-high"]
        case .seniorHigh: ["senior-high"]
        case .secondarySpecialized: ["secondary-specialized", "中等专业学校"]
        case .vocationalHigh: ["vocational-high", "职业高中"]
        case .technicalSchool: ["technical-school", "技工学校"]
        case .advancedTechnicalSchool: ["advanced-technical-school"]
        case .technicianCollege: ["technician-college"]
        case .college: ["college", "专科", "大学专科"]
        case .bachelor: ["bachelor", "大学本科", "大学"]
        case .master: ["master", "研究生"]
        case .doctor: ["doctor"]
        case .adultHigherEducationCertificate: ["adult-higher-education-certificate", "专业证书"]
        }
    }

    /// 大专 or above (RULES N4, N5, X2). The 成人高等教育专业证书 counts as 大专 (须知·四·6);
    /// see `countsAsCollege`.
    public var isCollegeOrAbove: Bool {
        switch self {
        case .college, .bachelor, .master, .doctor: true
        default: false
        }
    }

    /// 大专 or above, or the 成人高等教育专业证书 that 须知·四·6 counts as 大专.
    public var countsAsCollege: Bool { isCollegeOrAbove || self == .adultHigherEducationCertificate }

    /// The vocational schools that qualify a trade-relevant graduate for 技师 (须知·四·4):
    /// 中专, 技校, 高级技工学校, 技师学院. 高中 and 职高 do not (RULES N4).
    public var isQualifyingVocational: Bool {
        switch self {
        case .secondarySpecialized, .technicalSchool, .advancedTechnicalSchool, .technicianCollege: true
        default: false
        }
    }

    /// A rank for "or above" comparisons of RULES M1: 初中 < 高中 and its equivalents
    /// (中专, 职高, 技校) < the rest.
    public var rank: Int {
        switch self {
        case .juniorHigh: 1
        case .seniorHigh, .secondarySpecialized, .vocationalHigh, .technicalSchool: 2
        case .advancedTechnicalSchool, .technicianCollege: 3
        case .college, .adultHigherEducationCertificate: 4
        case .bachelor: 5
        case .master: 6
        case .doctor: 7
        }
    }
}

extension String {
    /// Whether `word` occurs in the text, compared byte for byte in UTF-8: what the
    /// vocabularies ask of a name (`二等功` in `荣立二等功`), without the general search
    /// `contains` makes for every kind of pattern.
    func containsWord(_ word: String) -> Bool {
        var text = self, word = word
        return text.withUTF8 { text in
            word.withUTF8 { word in
                guard !word.isEmpty else { return true }
                guard word.count <= text.count else { return false }
                return (0...(text.count - word.count)).contains { start in
                    word.indices.allSatisfy { text[start + $0] == word[$0] }
                }
            }
        }
    }
}
