/// The policy of a cycle year: every parameter of RULES §2 and the relaxations of the
/// exceptional catalogue (RULES X3), each with its status and source (issue 3). Modelled
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
}

/// The thresholds of the veterans' review (RULES V1, V3).
public struct ReviewThresholds: Codable, Sendable, Hashable {
    /// Years of 工龄（军龄） for 中级工 (10).
    public var intermediateYears: Sourced<Int>
    /// Years for 高级工 (20).
    public var seniorYears: Sourced<Int>
    /// Years an exceptional condition relaxes them by (3).
    public var relaxationYears: Sourced<Int>
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
            notes.append("\(year)年不是等级工申报年，本年只受理技师、高级技师（CY，\(RuleID.CY.clause)）")
        }
        let passed = [(levelDeadline.value, "等级工、技师"), (seniorTechnicianDeadline.value, "高级技师")].filter { today > $0.0 }
        if !passed.isEmpty {
            notes.append("\(year)年网上申报已于" + passed.map { "\($0.0)（\($0.1)）" }.joined(separator: "、")
                         + "截止，不予补报；以下按截止日判断（D1，\(RuleID.D1.clause)）")
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

// MARK: - The built-in and derived policies

extension Policy {
    /// The year whose values the notice prints.
    public static let noticeYear = 2024
    /// The cycle years gongqin knows a policy for: a loaded one (Schema/0002's CHECK) or
    /// the built-in one. `--cycle` takes these.
    public static let years = 1990...2100
    static let notice = "2024年常州市机关事业单位工勤技能岗位技术等级考评申报须知"

    /// The policy of `year` from the notice: official for 2024, derived by the offsets of
    /// RULES §2 and provisional for any other year. Relaxations come from `catalogue`.
    public static func builtin(year: Int, catalogue: [ExceptionalCondition]) -> Policy {
        let official = year == noticeYear
        let status: ValueStatus = official ? .official : .provisional
        func from(_ clause: String) -> String {
            official ? "\(notice)，\(clause)" : "按\(noticeYear)年\(clause)推算（RULES §2），待正式文件"
        }
        func shifted(_ offset: Int, _ clause: String) -> Sourced<Int> { Sourced(year + offset, status, from(clause)) }
        func thresholds(_ work: Int, _ certificate: Int) -> Thresholds {
            Thresholds(workStartBy: shifted(work, "须知·一·表"), certificateBy: shifted(certificate, "须知·一·表"))
        }
        let cycleSource = official ? "\(notice)，须知·四·1：2024-2025年是一个培训周期"
            : "逢双年为等级工申报年（RULES §1 对须知·四·1 的解释）"
        var exam: Sourced<Day?> = Sourced(nil, .provisional, "须知·四·10：考试日期待公布")
        if official { exam = Sourced(Day(year: 2024, month: 6, day: 22), .official, from("须知·四·10")) }
        let baselineSource = "省·基线（苏人社函〔2020〕139号等，须知未重述）"
        return Policy(
            year: year,
            origin: official ? "\(notice)（内置）" : "按\(noticeYear)年须知推算的推算值，待正式文件",
            levelCycleYear: Sourced(year % 2 == 0, status, cycleSource),
            juniorWorkStartBy: shifted(-1, "须知·一·表"),
            intermediateNormal: thresholds(-9, -5),
            intermediateEarly: thresholds(-8, -4),
            seniorNormal: thresholds(-19, -5),
            seniorEarly: thresholds(-18, -4),
            technicianCertificateBy: Sourced(Day.endOfYear(year - 4), status, from("须知·四·4")),
            seniorTechnicianCertificateBy: Sourced(Day.endOfYear(year - 4), status, from("须知·四·5")),
            levelDeadline: Sourced(Day(year: year, month: 4, day: 15)!, status, from("须知·四·12")),
            seniorTechnicianDeadline: Sourced(Day(year: year, month: 7, day: 5)!, status, from("须知·四·12")),
            technicianExam: exam,
            assessmentFrom: shifted(-5, "须知·一(一)5"),
            assessmentTo: shifted(-1, "须知·一(一)5"),
            review: ReviewThresholds(
                intermediateYears: Sourced(10, .official, "须知·一(五)3"),
                seniorYears: Sourced(20, .official, "须知·一(五)3"),
                relaxationYears: Sourced(3, .official, "须知·一(五)4")),
            relaxations: Dictionary(uniqueKeysWithValues: catalogue.map { ($0.code, $0.sourcedRelaxation) }),
            baseline: Baseline(
                annualAssessment: Sourced(true, .official, baselineSource),
                minimumEducationIntermediate: Sourced(.juniorHigh, .official, baselineSource),
                minimumEducationSenior: Sourced(.seniorHigh, .official, baselineSource),
                tradeMatch: Sourced(true, .official, baselineSource)))
    }

    /// Every value that is not official, as `(name, status, source)`: what a decision
    /// resting on it must say (issue 3).
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
