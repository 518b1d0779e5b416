/// The policy of a cycle year: every parameter of RULES §2 and the relaxations of the
/// exceptional catalogue (RULES X3), each with its status and source. Modelled
/// on OpenFisca's parameters: dated data with a reference on each value.

/// A value with where it comes from.
public struct Sourced<Value: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    public var value: Value
    public var status: ValueStatus
    /// The clause or document it comes from.
    public var source: String

    public init(_ value: Value, _ status: ValueStatus, _ source: String) {
        self.value = value
        self.status = status
        self.source = source
    }
}

/// The two thresholds of a 等级工 row of the 2024 table: the latest work-start year and
/// the latest year of the certificate one grade below.
public struct Thresholds: Codable, Sendable, Hashable {
    public var workStartBy: Sourced<Int>
    public var certificateBy: Sourced<Int>

    public init(workStartBy: Sourced<Int>, certificateBy: Sourced<Int>) {
        self.workStartBy = workStartBy
        self.certificateBy = certificateBy
    }
}

/// The thresholds of the veterans' review (RULES V1, V3).
public struct ReviewThresholds: Codable, Sendable, Hashable {
    /// Years of 工龄（军龄） for 中级工 (10).
    public var intermediateYears: Sourced<Int>
    /// Years for 高级工 (20).
    public var seniorYears: Sourced<Int>
    /// Years an exceptional condition relaxes them by (3).
    public var relaxationYears: Sourced<Int>

    public init(intermediateYears: Sourced<Int>, seniorYears: Sourced<Int>, relaxationYears: Sourced<Int>) {
        self.intermediateYears = intermediateYears
        self.seniorYears = seniorYears
        self.relaxationYears = relaxationYears
    }
}

/// The provincial baseline rules (省·基线) the notice assumes, kept as data so that a
/// user can switch them off or change them (RULES preamble).
public struct Baseline: Codable, Sendable, Hashable {
    /// A1: every year of the window 合格 or 优秀.
    public var annualAssessment: Sourced<Bool>
    /// M1: the least education for 中级工 and 高级工.
    public var minimumEducationIntermediate: Sourced<EducationLevel>
    public var minimumEducationSenior: Sourced<EducationLevel>
    /// K1: the application is in the current trade.
    public var tradeMatch: Sourced<Bool>

    public init(annualAssessment: Sourced<Bool>, minimumEducationIntermediate: Sourced<EducationLevel>,
                minimumEducationSenior: Sourced<EducationLevel>, tradeMatch: Sourced<Bool>) {
        self.annualAssessment = annualAssessment
        self.minimumEducationIntermediate = minimumEducationIntermediate
        self.minimumEducationSenior = minimumEducationSenior
        self.tradeMatch = tradeMatch
    }
}

public struct Policy: Codable, Sendable, Hashable {
    public var year: Int
    /// Where the policy as a whole comes from.
    public var origin: String
    /// CY: whether the year is a 等级工 cycle year.
    public var levelCycleYear: Sourced<Bool>
    /// N1: latest work-start year for 初级工.
    public var juniorWorkStartBy: Sourced<Int>
    public var intermediateNormal: Thresholds
    public var intermediateEarly: Thresholds
    public var seniorNormal: Thresholds
    public var seniorEarly: Thresholds
    /// N4: the senior certificate issued by this day.
    public var technicianCertificateBy: Sourced<Day>
    /// N5: the technician certificate issued by this day.
    public var seniorTechnicianCertificateBy: Sourced<Day>
    /// D1: online filing deadlines.
    public var levelDeadline: Sourced<Day>
    public var seniorTechnicianDeadline: Sourced<Day>
    /// D2: the technician selection exam, when published.
    public var technicianExam: Sourced<Day?>
    /// A1: the annual-assessment window, first and last year.
    public var assessmentFrom: Sourced<Int>
    public var assessmentTo: Sourced<Int>
    public var review: ReviewThresholds
    /// X3: the relaxation of each exceptional condition, by code.
    public var relaxations: [String: Sourced<Relaxation>]
    public var baseline: Baseline

    /// The filing deadline of a grade (RULES D1).
    public func deadline(for grade: Grade) -> Sourced<Day> {
        grade == .seniorTechnician ? seniorTechnicianDeadline : levelDeadline
    }

    /// The normal and early thresholds of a 等级工 grade above junior.
    public func thresholds(for grade: Grade, early: Bool) -> Thresholds? {
        switch (grade, early) {
        case (.intermediate, false): intermediateNormal
        case (.intermediate, true): intermediateEarly
        case (.senior, false): seniorNormal
        case (.senior, true): seniorEarly
        default: nil
        }
    }

    public var assessmentWindow: ClosedRange<Int> { assessmentFrom.value...max(assessmentFrom.value, assessmentTo.value) }

    /// The notes on the cycle as a whole, as of `today`: a year that is not a 等级工 year
    /// (CY), and each filing deadline already passed (D1); `eligible` and `explain` print
    /// them above their answer.
    public func notes(asOf today: Day) -> [String] {
        var notes: [String] = []
        if !levelCycleYear.value {
            notes.append("\(year)年不是等级工申报年，本年只受理技师、高级技师（\(RuleID.CY.citation)）")
        }
        let passed = [(levelDeadline.value, "等级工、技师"), (seniorTechnicianDeadline.value, "高级技师")].filter { today > $0.0 }
        if !passed.isEmpty {
            notes.append("\(year)年网上申报已于" + passed.map { "\($0.0)（\($0.1)）" }.joined(separator: "、")
                         + "截止，不予补报；以下按截止日判断（\(RuleID.D1.citation)）")
        }
        return notes
    }

    /// The relaxation of a condition in this year: the policy's, or the catalogue's.
    public func relaxation(of condition: ExceptionalCondition) -> Sourced<Relaxation> {
        relaxations[condition.code] ?? condition.sourcedRelaxation
    }
}

extension ExceptionalCondition {
    /// The catalogue's relaxation with its source: the clause, or the assumption (X3).
    var sourcedRelaxation: Sourced<Relaxation> {
        Sourced(relaxation, relaxationStatus, relaxationStatus == .assumed ? "假定值，须知未载明（RULES X3）" : clause)
    }
}

// MARK: - The notice's policy and the derived years

extension Policy {
    /// The year whose values the notice prints.
    public static let noticeYear = 2024
    /// The cycle years gongqin knows a policy for: a loaded one (Schema/0002's CHECK) or
    /// one derived from the notice. `--cycle` takes these.
    public static let years = 1990...2100

    /// The notice's parameters as one JSON document in the shape of `Policy`, each value
    /// with its clause and status: Sources/GongQinCore/Policy/policy-2024.json, embedded
    /// in the binary. It is the one home of the 2024 values; GongQinStore decodes it
    /// (`Policies.notice`), because Core does no I/O and no JSON.
    public static var noticeDocument: [UInt8] { PackageResources.policy_2024_json }

    /// The policy of `year` derived from this one (the notice's) by the offsets of RULES
    /// §2: every year and date moves by the difference of the years and becomes
    /// provisional; the cycle year follows the even years (CY); the exam date is unknown
    /// until published. Relaxations the policy lacks come from `catalogue` (X3).
    public func derived(year target: Int, catalogue: [ExceptionalCondition]) -> Policy {
        var p = self
        for condition in catalogue where p.relaxations[condition.code] == nil {
            p.relaxations[condition.code] = condition.sourcedRelaxation
        }
        guard target != year else { return p }
        let offset = target - year
        func from(_ source: String) -> String { "按\(year)年\(source)推算（RULES §2），待正式文件" }
        func shift(_ v: Sourced<Int>) -> Sourced<Int> { Sourced(v.value + offset, .provisional, from(v.source)) }
        func shift(_ v: Sourced<Day>) -> Sourced<Day> {
            let d = v.value
            let moved = Day(year: d.year + offset, month: d.month, day: min(d.day, Day.daysIn(month: d.month, year: d.year + offset)))!
            return Sourced(moved, .provisional, from(v.source))
        }
        func shift(_ t: Thresholds) -> Thresholds { Thresholds(workStartBy: shift(t.workStartBy), certificateBy: shift(t.certificateBy)) }
        p.year = target
        p.origin = "按\(year)年须知推算的推算值，待正式文件"
        p.levelCycleYear = Sourced(target % 2 == 0, .provisional, "逢双年为等级工申报年（RULES CY 对须知·四·1 的解释）")
        p.juniorWorkStartBy = shift(juniorWorkStartBy)
        p.intermediateNormal = shift(intermediateNormal)
        p.intermediateEarly = shift(intermediateEarly)
        p.seniorNormal = shift(seniorNormal)
        p.seniorEarly = shift(seniorEarly)
        p.technicianCertificateBy = shift(technicianCertificateBy)
        p.seniorTechnicianCertificateBy = shift(seniorTechnicianCertificateBy)
        p.levelDeadline = shift(levelDeadline)
        p.seniorTechnicianDeadline = shift(seniorTechnicianDeadline)
        p.technicianExam = Sourced(nil, .provisional, "须知·四·10：考试日期待公布")
        p.assessmentFrom = shift(assessmentFrom)
        p.assessmentTo = shift(assessmentTo)
        return p
    }

    /// Every value that is not official, as `(name, status, source)`: what a decision
    /// resting on it must say (RULES §2).
    public var unofficialValues: [(name: String, status: ValueStatus, source: String)] {
        parameters.filter { $0.status != .official }.map { ($0.name, $0.status, $0.source) }
    }

    /// Every parameter with a Chinese name and its value as text, in the order of
    /// RULES §2, for `policy show`.
    public var parameters: [(key: String, name: String, value: String, status: ValueStatus, source: String)] {
        func row<V>(_ key: String, _ name: String, _ v: Sourced<V>, _ text: (V) -> String) -> (String, String, String, ValueStatus, String) {
            (key, name, text(v.value), v.status, v.source)
        }
        let y: (Int) -> String = { "\($0)年" }
        var rows = [
            row("levelCycleYear", "等级工申报年", levelCycleYear) { $0 ? "是" : "否（本年不受理等级工）" },
            row("juniorWorkStartBy", "初级工：参加工作不晚于", juniorWorkStartBy, y),
            row("intermediateNormal.workStartBy", "中级工正常：参加工作不晚于", intermediateNormal.workStartBy, y),
            row("intermediateNormal.certificateBy", "中级工正常：初级工证书不晚于", intermediateNormal.certificateBy, y),
            row("intermediateEarly.workStartBy", "中级工提前：参加工作不晚于", intermediateEarly.workStartBy, y),
            row("intermediateEarly.certificateBy", "中级工提前：初级工证书不晚于", intermediateEarly.certificateBy, y),
            row("seniorNormal.workStartBy", "高级工正常：参加工作不晚于", seniorNormal.workStartBy, y),
            row("seniorNormal.certificateBy", "高级工正常：中级工证书不晚于", seniorNormal.certificateBy, y),
            row("seniorEarly.workStartBy", "高级工提前：参加工作不晚于", seniorEarly.workStartBy, y),
            row("seniorEarly.certificateBy", "高级工提前：中级工证书不晚于", seniorEarly.certificateBy, y),
            row("technicianCertificateBy", "技师：高级工证书取得不晚于", technicianCertificateBy) { $0.description },
            row("seniorTechnicianCertificateBy", "高级技师：技师证书取得不晚于", seniorTechnicianCertificateBy) { $0.description },
            row("levelDeadline", "网上申报截止（等级工、技师）", levelDeadline) { $0.description },
            row("seniorTechnicianDeadline", "网上申报截止（高级技师）", seniorTechnicianDeadline) { $0.description },
            row("technicianExam", "技师选拔考试", technicianExam) { $0?.description ?? "待公布" },
            row("assessmentFrom", "年度考核起始年度", assessmentFrom, y),
            row("assessmentTo", "年度考核截止年度", assessmentTo, y),
            row("review.intermediateYears", "复核中级工：工龄（军龄）", review.intermediateYears) { "\($0)年" },
            row("review.seniorYears", "复核高级工：工龄（军龄）", review.seniorYears) { "\($0)年" },
            row("review.relaxationYears", "复核破格放宽", review.relaxationYears) { "\($0)年" },
        ]
        for code in relaxations.keys.sorted() {
            let r = relaxations[code]!
            let name = ExceptionalCondition.builtins.first { $0.code == code }?.name ?? code
            rows.append(row("relaxations.\(code)", "破格放宽：\(name)", r) {
                "工作年限\($0.workYears)年、等级年限\($0.gradeYears)年" + ($0.waivesEducation ? "、免学历" : "")
            })
        }
        rows += [
            row("baseline.annualAssessment", "基线 A1：近5年考核合格", baseline.annualAssessment) { $0 ? "启用" : "停用" },
            row("baseline.minimumEducationIntermediate", "基线 M1：中级工最低学历", baseline.minimumEducationIntermediate) { $0.chinese },
            row("baseline.minimumEducationSenior", "基线 M1：高级工最低学历", baseline.minimumEducationSenior) { $0.chinese },
            row("baseline.tradeMatch", "基线 K1：按现工种申报", baseline.tradeMatch) { $0 ? "启用" : "停用" },
        ]
        return rows.map { (key: $0.0, name: $0.1, value: $0.2, status: $0.3, source: $0.4) }
    }
}
