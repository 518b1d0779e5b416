/// The exceptional route (破格, RULES §5).

/// What kind of record evidences a condition (RULES X2). `declared` conditions have no
/// record type: a clerk names them and the declaration is audited (RULES X2).
public enum ConditionEvidence: String, Vocabulary {
    case excellentTwoYears = "excellent-two-years"
    case collegeDegree = "college-degree"
    case meritAward = "merit-award"
    case declared

    public var chinese: String {
        switch self {
        case .excellentTwoYears: "连续两年年度考核优秀"
        case .collegeDegree: "本工种相关专业大专及以上学历"
        case .meritAward: "二等功以上奖励"
        case .declared: "经办人声明（无对应记录类型）"
        }
    }
}

/// How a value of the policy is known (RULES §2): from the notice or a loaded policy,
/// derived by the offsets of RULES §2, or assumed where the notice is silent.
public enum ValueStatus: String, Vocabulary {
    case official
    case provisional
    case assumed

    public var chinese: String {
        switch self {
        case .official: "正式"
        case .provisional: "推算"
        case .assumed: "假定值，须知未载明"
        }
    }
}

/// What a condition relaxes (RULES X3).
public struct Relaxation: Hashable, Sendable, Codable {
    /// Years off the work-year (工龄) threshold.
    public var workYears: Int
    /// Years off the grade-year (本等级年限) threshold.
    public var gradeYears: Int
    /// Whether it waives the education rule (M1, N4, N5).
    public var waivesEducation: Bool

    public init(workYears: Int, gradeYears: Int, waivesEducation: Bool = false) {
        self.workYears = workYears
        self.gradeYears = gradeYears
        self.waivesEducation = waivesEducation
    }
}

/// An exceptional condition of the catalogue (RULES X2).
public struct ExceptionalCondition: Hashable, Sendable, Codable {
    public var code: String
    /// The category it belongs to: a category may be used once in a life (RULES X1).
    public var category: String
    public var name: String
    public var evidence: ConditionEvidence
    /// The default relaxation; a policy may set another for its year (RULES X3).
    public var relaxation: Relaxation
    public var relaxationStatus: ValueStatus
    public var clause: String
    public var builtin: Bool

    public init(code: String, category: String, name: String, evidence: ConditionEvidence,
                relaxation: Relaxation, relaxationStatus: ValueStatus, clause: String, builtin: Bool = false) {
        self.code = code
        self.category = category
        self.name = name
        self.evidence = evidence
        self.relaxation = relaxation
        self.relaxationStatus = relaxationStatus
        self.clause = clause
        self.builtin = builtin
    }

    /// A code or category is lower-case ASCII letters, digits and hyphens, starting with a letter.
    public static func isValidCode(_ code: String) -> Bool {
        guard let first = code.first, first.isASCII, first.isLetter, first.isLowercase, code.count <= 40 else {
            return false
        }
        return code.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }
}

/// Where a recorded use comes from.
public enum UseSource: String, Vocabulary {
    /// Read off an earlier grade's approval form.
    case historic
    /// Recorded by `apply`.
    case application

    public var chinese: String {
        switch self {
        case .historic: "历史审批表"
        case .application: "本系统申报"
        }
    }
}

/// One use of an exceptional condition (RULES X1).
public struct ExceptionalUse: Hashable, Sendable, Codable {
    public var condition: String
    public var category: String
    public var grade: Grade
    public var year: Int
    public var source: UseSource
    public var applicationID: Int64?
    public var note: String?

    public init(condition: String, category: String, grade: Grade, year: Int, source: UseSource,
                applicationID: Int64? = nil, note: String? = nil) {
        self.condition = condition
        self.category = category
        self.grade = grade
        self.year = year
        self.source = source
        self.applicationID = applicationID
        self.note = note
    }
}

extension ExceptionalCondition {
    /// The built-in catalogue (RULES X2): each condition is its own category. The
    /// relaxation of 2 years is the project's assumption (RULES X3). Schema/0001 seeds the
    /// same rows; a store test keeps the two equal.
    /// A built-in condition's Chinese name, or the code itself for one a clerk added.
    public static func name(of code: String) -> String {
        builtins.first { $0.code == code }?.name ?? code
    }

    public static let builtins: [ExceptionalCondition] = [
        ExceptionalCondition(code: "excellent-two-years", category: "excellent-two-years", name: "连续两年年度考核优秀",
                             evidence: .excellentTwoYears, relaxation: Relaxation(workYears: 2, gradeYears: 2),
                             relaxationStatus: .assumed, clause: "须知·四·8", builtin: true),
        ExceptionalCondition(code: "college-degree", category: "college-degree", name: "取得本工种（相关专业）大专及以上学历",
                             evidence: .collegeDegree, relaxation: Relaxation(workYears: 2, gradeYears: 2),
                             relaxationStatus: .assumed, clause: "须知·四·8", builtin: true),
        ExceptionalCondition(code: "merit-award", category: "merit-award", name: "一次二等功以上奖励",
                             evidence: .meritAward, relaxation: Relaxation(workYears: 2, gradeYears: 2),
                             relaxationStatus: .assumed, clause: "须知·一(五)4", builtin: true),
    ]
}
