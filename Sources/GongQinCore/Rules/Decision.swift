/// What the engine decides: for each grade and module considered, whether it is open,
/// and every check behind the answer (RULES, "Citations").

public enum Verdict: String, Codable, Sendable {
    case pass
    case fail
    case warning
}

/// One check of one rule: its verdict, the record it looked at and a Chinese detail a
/// clerk can check against the paper.
///
/// A check is a plain value: its rule, its verdict and what it found (`Finding`), whose
/// words `detail` and `record` write only when read (Citation.swift): `eligible` over a
/// province makes tens of millions of checks and shows the words of very few of them.
public struct Check: Hashable, Sendable, Codable {
    public var rule: RuleID
    public var verdict: Verdict
    /// The weakest status of the policy values the check used: a decision resting on a
    /// provisional or assumed value says so.
    public var status: ValueStatus?
    /// What the check found, put into words by `detail` and `record`.
    var finding: Finding

    /// The clause of the notice the rule encodes.
    public var clause: String { rule.clause }

    /// The exceptional condition the check is about, when it is one of a condition's
    /// trial (X1–X3); the detail then begins with the condition's name, `[一次二等功以上奖励] `.
    public internal(set) var condition: String?

    public init(_ rule: RuleID, _ verdict: Verdict, _ detail: String, record: String? = nil, status: ValueStatus? = nil) {
        self.init(rule, verdict, .given(detail, record: record), status: status)
    }

    init(_ rule: RuleID, _ verdict: Verdict, _ finding: Finding, status: ValueStatus? = nil) {
        self.rule = rule
        self.verdict = verdict
        self.finding = finding
        self.status = status == .official ? nil : status
    }

    static func pass(_ rule: RuleID, _ finding: Finding, status: ValueStatus? = nil) -> Check {
        Check(rule, .pass, finding, status: status)
    }

    static func fail(_ rule: RuleID, _ finding: Finding, status: ValueStatus? = nil) -> Check {
        Check(rule, .fail, finding, status: status)
    }

    static func warning(_ rule: RuleID, _ finding: Finding, status: ValueStatus? = nil) -> Check {
        Check(rule, .warning, finding, status: status)
    }

    static func verdict(_ rule: RuleID, _ passes: Bool, _ finding: Finding, status: ValueStatus? = nil) -> Check {
        Check(rule, passes ? .pass : .fail, finding, status: status)
    }

    /// The check as part of the trial of `condition`.
    func about(condition code: String) -> Check {
        var copy = self
        copy.condition = code
        return copy
    }

    // Equal, hashed and coded by what a clerk reads.

    public static func == (a: Check, b: Check) -> Bool {
        a.rule == b.rule && a.verdict == b.verdict && a.status == b.status && a.detail == b.detail && a.record == b.record
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rule)
        hasher.combine(verdict)
        hasher.combine(detail)
    }

    enum CodingKeys: String, CodingKey {
        case rule, clause, verdict, detail, record, status, condition
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(RuleID.self, forKey: .rule), try c.decode(Verdict.self, forKey: .verdict),
                  try c.decode(String.self, forKey: .detail), record: try c.decodeIfPresent(String.self, forKey: .record),
                  status: try c.decodeIfPresent(ValueStatus.self, forKey: .status))
        if let code = try c.decodeIfPresent(String.self, forKey: .condition) {
            let prefix = "[\(code)] "
            finding = .given(detail.hasPrefix(prefix) ? String(detail.dropFirst(prefix.count)) : detail, record: record)
            condition = code
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rule, forKey: .rule)
        try c.encode(clause, forKey: .clause)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(detail, forKey: .detail)
        try c.encodeIfPresent(record, forKey: .record)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(condition, forKey: .condition)
    }
}

extension Array where Element == Check {
    /// Whether some check fails: the option or trial is closed. Read in place, without a
    /// copy of each check.
    var anyFails: Bool {
        for i in indices where self[i].verdict == .fail { return true }
        return false
    }
}

/// One grade-and-module option of one person in one cycle.
public struct OptionDecision: Hashable, Sendable, Codable {
    public var grade: Grade
    public var module: Module
    /// The trade applied for: the current trade, or the old one when T2 refuses it.
    public var trade: String
    public var open: Bool
    public var checks: [Check]
    /// The unused exceptional conditions that open the option (exceptional, and review
    /// through V3); empty otherwise.
    public var conditions: [String]
    /// The cycle, or the next year for the early route (RULES E2, E3).
    public var certificateYear: Int
    /// For a closed option, the first cycle within 30 years in which it would open if
    /// only time passed; nil when time alone does not open it.
    public var earliestCycle: Int?

    public init(grade: Grade, module: Module, trade: String, open: Bool, checks: [Check], conditions: [String],
                certificateYear: Int, earliestCycle: Int?) {
        self.grade = grade
        self.module = module
        self.trade = trade
        self.open = open
        self.checks = checks
        self.conditions = conditions
        self.certificateYear = certificateYear
        self.earliestCycle = earliestCycle
    }

    /// The IDs of the rules that passed.
    public var passedRules: [RuleID] {
        var seen: [RuleID] = []
        for check in checks where check.verdict == .pass && !seen.contains(check.rule) { seen.append(check.rule) }
        return seen
    }

    /// The checks with verdict warning, in order: what the CLI warns about the person.
    public var warningChecks: [Check] { checks.filter { $0.verdict == .warning } }

    /// Whether the decision rests on provisional and on assumed policy values (RULES §2,
    /// X3), in that order: the notes every option of the cycle shares.
    public var unofficialValues: [ValueStatus] {
        var provisional = false, assumed = false
        for check in checks {
            if check.status == .provisional { provisional = true } else if check.status == .assumed { assumed = true }
        }
        return (provisional ? [.provisional] : []) + (assumed ? [.assumed] : [])
    }

    public var failedChecks: [Check] { checks.filter { $0.verdict == .fail } }

    // Coded as `explain --format json` shows it (CLI.md), bar the warnings, which the CLI
    // words and adds: `earliestCycle` null when the option is open or time alone never opens it.

    enum CodingKeys: String, CodingKey {
        case grade, module, trade, open, certificateYear, conditions, checks, earliestCycle
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(grade: try c.decode(Grade.self, forKey: .grade), module: try c.decode(Module.self, forKey: .module),
                  trade: try c.decode(String.self, forKey: .trade), open: try c.decode(Bool.self, forKey: .open),
                  checks: try c.decode([Check].self, forKey: .checks), conditions: try c.decode([String].self, forKey: .conditions),
                  certificateYear: try c.decode(Int.self, forKey: .certificateYear),
                  earliestCycle: try c.decodeIfPresent(Int.self, forKey: .earliestCycle))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(grade, forKey: .grade)
        try c.encode(module, forKey: .module)
        try c.encode(trade, forKey: .trade)
        try c.encode(open, forKey: .open)
        try c.encode(certificateYear, forKey: .certificateYear)
        try c.encode(conditions, forKey: .conditions)
        try c.encode(checks, forKey: .checks)
        try c.encode(earliestCycle, forKey: .earliestCycle)
    }
}

/// Every option considered for one person in one cycle.
public struct Evaluation: Hashable, Sendable {
    public var record: PersonRecord
    public var cycle: Int
    public var options: [OptionDecision]
    /// The policy's notes on the cycle: a passed deadline, a year that is not a cycle year.
    public var notes: [CycleNote]
    /// The application already filed in the cycle and not withdrawn, if any.
    public var filed: Application?
    /// Whether the person holds 高级技师 already, with nowhere further to go (G1).
    public var holdsHighestGrade: Bool

    public var openOptions: [OptionDecision] { options.filter(\.open) }
}
