/// Applications (申报) and their lifecycle (RULES D3, D6).

public enum ApplicationStatus: String, Vocabulary {
    case filed
    case returned
    case accepted
    case passed
    case failed
    case deferred
    case withdrawn

    public var chinese: String {
        switch self {
        case .filed: "已申报"
        case .returned: "退回修改"
        case .accepted: "主管部门已受理"
        case .passed: "通过"
        case .failed: "未通过"
        case .deferred: "延期"
        case .withdrawn: "已撤回"
        }
    }

    /// The statuses an application may move to from this one.
    public var successors: Set<ApplicationStatus> {
        switch self {
        case .filed: [.returned, .accepted, .withdrawn]
        case .returned: [.filed, .withdrawn]
        case .accepted: [.passed, .failed, .deferred]
        case .passed, .failed, .deferred, .withdrawn: []
        }
    }

    /// Only one application per person and cycle may be anything but withdrawn (RULES §7).
    public var isWithdrawn: Bool { self == .withdrawn }

    /// RULES R1: an application whose outcome is still open. It must hold on the records
    /// as they are at every commit, and `check` reports one that does not.
    public var isInProgress: Bool { self == .filed || self == .returned || self == .accepted }

    /// Interpretation (RULES X1) of X1's "once in their whole history": a use counts from
    /// the moment its application is filed; withdrawing the application before the 主管部门
    /// accepts it (the only withdrawals the lifecycle allows) gives its uses back, as if
    /// never filed; a failed or deferred application keeps them. This is the one place
    /// that says so; `Applications.setStatus` and Schema/0003 follow it.
    public var releasesExceptionalUses: Bool { self == .withdrawn }
}

/// The result of the technician selection exam (技师选拔考试, 须知·四·10) or of the
/// provincial comprehensive review (综合评审, 须知·四·9).
public enum ExamResult: String, Vocabulary {
    case passed
    case failed

    public var chinese: String { self == .passed ? "通过" : "未通过" }
    public var aliases: [String] { self == .passed ? ["合格", "pass"] : ["不合格", "fail"] }
}

/// An application, as filed.
public struct Application: Hashable, Sendable, Codable {
    public var id: Int64
    public var cycle: Int
    public var grade: Grade
    public var module: Module
    public var trade: String
    public var status: ApplicationStatus
    public var filedOn: Day
    /// The year the certificate is issued: the cycle, or the next year for `early` (RULES E2).
    public var certificateYear: Int
    public var note: String?
    /// The technician selection exam (D2), when sat.
    public var examResult: ExamResult?
    /// The provincial 综合评审 (D2, D3), when held.
    public var reviewResult: ExamResult?

    public init(id: Int64, cycle: Int, grade: Grade, module: Module, trade: String, status: ApplicationStatus,
                filedOn: Day, certificateYear: Int, note: String? = nil, examResult: ExamResult? = nil,
                reviewResult: ExamResult? = nil) {
        self.id = id
        self.cycle = cycle
        self.grade = grade
        self.module = module
        self.trade = trade
        self.status = status
        self.filedOn = filedOn
        self.certificateYear = certificateYear
        self.note = note
        self.examResult = examResult
        self.reviewResult = reviewResult
    }
}
