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
    /// (CY), and the filing deadlines already passed (D1); `eligible` and `explain` print
    /// them above their answer.
    public func notes(asOf today: Day) -> [CycleNote] {
        var notes: [CycleNote] = []
        if !levelCycleYear.value { notes.append(.notLevelCycleYear(year)) }
        let passed = [CycleNote.Deadline(day: levelDeadline.value, seniorTechnician: false),
                      CycleNote.Deadline(day: seniorTechnicianDeadline.value, seniorTechnician: true)].filter { today > $0.day }
        if !passed.isEmpty { notes.append(.deadlinesPassed(year, passed)) }
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
        Sourced(relaxation, relaxationStatus, relaxationStatus == .assumed ? PolicyParameter.assumedRelaxationSource : clause)
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
    /// §2: every year and date of the parameter table that moves with the cycle moves by
    /// the difference of the years and becomes provisional; the cycle year follows the even
    /// years (CY); the exam date is unknown until published. Relaxations the policy lacks
    /// come from `catalogue` (X3).
    public func derived(year target: Int, catalogue: [ExceptionalCondition]) -> Policy {
        var p = self
        for condition in catalogue where p.relaxations[condition.code] == nil {
            p.relaxations[condition.code] = condition.sourcedRelaxation
        }
        guard target != year else { return p }
        let offset = target - year
        let basis = year
        p.year = target
        p.origin = PolicyParameter.derivedOrigin(basis: year)
        for parameter in PolicyParameter.table {
            parameter.derive(&p, offset: offset, from: basis)
        }
        return p
    }

    /// Every value that is not official, as `(name, status, source)`: what a decision
    /// resting on it must say (RULES §2).
    public var unofficialValues: [(name: String, status: ValueStatus, source: String)] {
        parameters.filter { $0.status != .official }.map { ($0.name, $0.status, $0.source) }
    }

    /// Every parameter with a Chinese name and its value, in the order of RULES §2, for
    /// `policy show`: the rows of the parameter table, then the relaxations of the
    /// catalogue's conditions.
    public var parameters: [(key: String, name: String, value: PolicyValue, status: ValueStatus, source: String)] {
        var rows = PolicyParameter.table.filter { !$0.key.hasPrefix("baseline.") }.map { $0.row(self) }
        for code in relaxations.keys.sorted() {
            let r = relaxations[code]!
            let name = ExceptionalCondition.builtins.first { $0.code == code }?.name ?? code
            rows.append((key: "relaxations.\(code)", name: PolicyParameter.relaxationName(name), value: .relaxation(r.value),
                         status: r.status, source: r.source))
        }
        rows += PolicyParameter.table.filter { $0.key.hasPrefix("baseline.") }.map { $0.row(self) }
        return rows
    }
}

/// One parameter of a cycle's policy (RULES §2): its key (the JSON path `policy show
/// --format json` and `policy load` use), its Chinese name, where it lives in `Policy`,
/// and how a later year's value follows from it. `PolicyParameter.table` is the one list
/// of them: `policy show`, the derived years, the checks of `policy load` and the notes on
/// unofficial values all iterate it.
public struct PolicyParameter: Sendable {
    public let key: String
    public let name: String
    let value: Value
    /// How the derived year's value is made: moved by the years between (with a new
    /// source), set afresh, or kept.
    let derivation: Derivation

    /// Where the value lives, by its type.
    enum Value: Sendable {
        case year(WritableKeyPath<Policy, Sourced<Int>> & Sendable)
        case day(WritableKeyPath<Policy, Sourced<Day>> & Sendable)
        case optionalDay(WritableKeyPath<Policy, Sourced<Day?>> & Sendable)
        case flag(WritableKeyPath<Policy, Sourced<Bool>> & Sendable, yes: String, no: String)
        case years(WritableKeyPath<Policy, Sourced<Int>> & Sendable)
        case level(WritableKeyPath<Policy, Sourced<EducationLevel>> & Sendable)
    }

    enum Derivation: Sendable {
        /// Moves with the cycle: a year or a date `offset` years later.
        case shifted
        /// CY: the even years are 等级工 years.
        case evenYears
        /// D2: unknown until published.
        case unpublished
        /// Stays as it is (a number of years, a baseline).
        case kept
    }

    init(_ key: String, _ name: String, _ value: Value, _ derivation: Derivation = .kept) {
        self.key = key
        self.name = name
        self.value = value
        self.derivation = derivation
    }

    /// The thresholds of the 2024 table whose year must fall before the cycle's (the
    /// checks of `policy load`).
    static var thresholdYears: [PolicyParameter] {
        table.filter {
            guard case .year = $0.value else { return false }
            return !$0.key.hasPrefix("assessment")
        }
    }

    /// The parameter's row in `policy show`.
    func row(_ policy: Policy) -> (key: String, name: String, value: PolicyValue, status: ValueStatus, source: String) {
        func row<V>(_ v: Sourced<V>, _ value: (V) -> PolicyValue) -> (key: String, name: String, value: PolicyValue, status: ValueStatus, source: String) {
            (key, name, value(v.value), v.status, v.source)
        }
        switch value {
        case .year(let path): return row(policy[keyPath: path]) { .year($0) }
        case .years(let path): return row(policy[keyPath: path]) { .years($0) }
        case .day(let path): return row(policy[keyPath: path]) { .day($0) }
        case .optionalDay(let path): return row(policy[keyPath: path]) { .optionalDay($0) }
        case .flag(let path, let yes, let no): return row(policy[keyPath: path]) { .flag($0, yes: yes, no: no) }
        case .level(let path): return row(policy[keyPath: path]) { .level($0) }
        }
    }

    /// Sets the parameter of `policy`, `offset` years after `basis`, as RULES §2 derives it.
    func derive(_ policy: inout Policy, offset: Int, from basis: Int) {
        func from(_ source: String) -> String { PolicyParameter.shiftedSource(basis: basis, source) }
        switch (derivation, value) {
        case (.shifted, .year(let path)):
            let v = policy[keyPath: path]
            policy[keyPath: path] = Sourced(v.value + offset, .provisional, from(v.source))
        case (.shifted, .day(let path)):
            let v = policy[keyPath: path], d = v.value
            let moved = Day(year: d.year + offset, month: d.month, day: min(d.day, Day.daysIn(month: d.month, year: d.year + offset)))!
            policy[keyPath: path] = Sourced(moved, .provisional, from(v.source))
        case (.evenYears, .flag(let path, _, _)):
            policy[keyPath: path] = Sourced(policy.year % 2 == 0, .provisional, PolicyParameter.evenYearsSource)
        case (.unpublished, .optionalDay(let path)):
            policy[keyPath: path] = Sourced(nil, .provisional, PolicyParameter.unpublishedExamSource)
        default:
            return
        }
    }
}

/// A parameter's value as `policy show` lists it, the facts: GongQinCLI/Wording/CoreWording.swift
/// words it (`2015年`, `待公布`).
public enum PolicyValue: Hashable, Sendable {
    /// A year a threshold falls in.
    case year(Int)
    /// A number of years.
    case years(Int)
    case day(Day)
    /// A day not yet published when nil.
    case optionalDay(Day?)
    /// A flag, with how the table reads its two values.
    case flag(Bool, yes: String, no: String)
    case level(EducationLevel)
    /// The relaxation of an exceptional condition (X3).
    case relaxation(Relaxation)
}

/// A note on a cycle as a whole (`Policy.notes(asOf:)`), the facts: GongQinCLI's
/// CoreWording words it.
public enum CycleNote: Hashable, Sendable {
    /// The year is not a 等级工 year: only 技师 and 高级技师 are filed (CY).
    case notLevelCycleYear(Int)
    /// The year's filing closed on these deadlines, in the order of the groups (D1).
    case deadlinesPassed(Int, [Deadline])

    /// A filing deadline: 高级技师's, or that of 等级工 and 技师.
    public struct Deadline: Hashable, Sendable {
        public var day: Day
        public var seniorTechnician: Bool

        public init(day: Day, seniorTechnician: Bool) {
            self.day = day
            self.seniorTechnician = seniorTechnician
        }
    }
}
