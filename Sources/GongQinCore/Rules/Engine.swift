/// The eligibility engine (RULES §3–§7): pure functions from a person's records, a policy, a
/// cycle year and an evaluation date to decisions. Each check is a rule of RULES.md
/// §3–§6, implemented in the `Rules+…` files and findable by its ID.
public struct Engine: Sendable {
    /// What the engine reads, held by reference: every decision carries the engine, and
    /// copying one reference is cheaper than copying each of these.
    private final class Storage: Sendable {
        let policy: @Sendable (Int) -> Policy
        let catalogue: [ExceptionalCondition]
        let offered: [ExceptionalCondition]
        let trades: [String: Trade]
        let today: Day

        init(policy: @escaping @Sendable (Int) -> Policy, catalogue: [ExceptionalCondition], trades: [String: Trade], today: Day) {
            self.policy = policy
            self.catalogue = catalogue
            offered = catalogue.filter { $0.evidence != .declared }
            self.trades = trades
            self.today = today
        }
    }

    private let storage: Storage

    /// The policy of each year: the loaded official one, or the notice's (RULES §2).
    public var policy: @Sendable (Int) -> Policy { storage.policy }
    /// The exceptional catalogue (RULES X2).
    public var catalogue: [ExceptionalCondition] { storage.catalogue }
    /// The conditions the engine offers by itself: those a record type can evidence
    /// (declared ones are never offered, X2).
    var offered: [ExceptionalCondition] { storage.offered }
    /// The trade catalogue, for the highest grade each trade is open to (RULES §10).
    public var trades: [String: Trade] { storage.trades }
    /// Today: a cycle whose deadline has passed gets a note (RULES D1).
    public var today: Day { storage.today }

    public init(policy: @escaping @Sendable (Int) -> Policy, catalogue: [ExceptionalCondition], trades: [Trade], today: Day) {
        storage = Storage(policy: policy, catalogue: catalogue,
                          trades: Dictionary(trades.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a }), today: today)
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// The same engine, held by an object of its own. Every decision retains and releases
    /// the engine it is made by: two cores judging with one engine both count the
    /// references of one object, and each count then waits for the other core's. A batch
    /// judged on one core with its own copy counts on that core alone.
    public func ownCopy() -> Engine {
        Engine(storage: Storage(policy: policy, catalogue: catalogue, trades: trades, today: today))
    }

    /// How far ahead `earliestCycle` looks.
    public static let horizon = 30

    /// The first 等级工 cycle year whose 04-15 deadline is today or later (Documentation/CLI.md,
    /// `--cycle next`).
    public func nextCycle(asOf day: Day) -> Int {
        var year = day.year
        while true {
            let p = policy(year)
            if p.levelCycleYear.value && p.levelDeadline.value >= day { return year }
            year += 1
        }
    }

    // MARK: Evaluating a person

    /// Every option considered for the person in `cycle`, judged as of the cycle's own
    /// deadline (RULES D1), with the earliest cycle of each closed option.
    public func evaluate(_ record: PersonRecord, cycle: Int, earliest: Bool = true) -> Evaluation {
        let subject = Subject(record, trades: trades)
        let p = SharedPolicy(policy(cycle))
        let notes = p.value.notes(asOf: today)
        let filed = record.applications.first { $0.cycle == cycle && !$0.status.isWithdrawn }
        var memo = OpenMemo()
        var options = considered(subject, cycle: cycle, policy: p.value).map { request in
            decide(subject, request, policy: p, cycle: cycle, filingDate: nil, purpose: .judge, memo: &memo)
        }
        if earliest {
            for i in options.indices where !options[i].open {
                options[i].earliestCycle = earliestCycle(subject, Request(options[i]), after: cycle, memo: &memo)
            }
        }
        return Evaluation(record: record, cycle: cycle, options: options, notes: notes, filed: filed,
                          holdsHighestGrade: subject.highest?.grade == .seniorTechnician)
    }

    /// The open options only, without the look ahead: what `eligible` lists. The old
    /// trade's option, which T2 always closes, is not tried, and an option whose common
    /// checks fail is not taken further.
    public func eligibleOptions(_ record: PersonRecord, cycle: Int) -> [OptionDecision] {
        let subject = Subject(record, trades: trades)
        var memo = OpenMemo()
        return eligibleOptions(subject, cycle: cycle, policy: SharedPolicy(policy(cycle)), memo: &memo)
    }

    /// The open options of each of `records` in `cycle`, each judged exactly as
    /// `eligibleOptions(_:cycle:)` judges it, the cycle's policy looked up once for all of
    /// them: what `eligible` asks of each batch it reads.
    public func eligibleOptions(_ records: [PersonRecord], cycle: Int) -> [[OptionDecision]] {
        let p = SharedPolicy(policy(cycle))
        return records.map { record in
            var memo = OpenMemo()
            return eligibleOptions(Subject(record, trades: trades), cycle: cycle, policy: p, memo: &memo)
        }
    }

    /// The open options of each of `cycles`, the person's facts worked out once: what
    /// `forecast` asks of each person (RULES FC1). Each cycle is judged exactly as
    /// `eligibleOptions(_:cycle:)` judges it, and its open options handed to `body` with the
    /// cycle's index in `cycles` before the next is judged; `policies` are the cycles'
    /// policies, looked up once by the caller rather than once per person.
    func eligibleOptions(_ record: PersonRecord, cycles: [Int], policies: [SharedPolicy],
                         _ body: (_ index: Int, _ open: [OptionDecision]) -> Void) {
        let subject = Subject(record, trades: trades)
        for i in cycles.indices {
            // What one cycle finds open says nothing of another: a memo a cycle.
            var memo = OpenMemo()
            body(i, eligibleOptions(subject, cycle: cycles[i], policy: policies[i], memo: &memo))
        }
    }

    func eligibleOptions(_ subject: Subject, cycle: Int, policy p: SharedPolicy, memo: inout OpenMemo) -> [OptionDecision] {
        var open: [OptionDecision] = []
        for request in considered(subject, cycle: cycle, policy: p.value) where request.trade == subject.person.trade {
            let option = decide(subject, request, policy: p, cycle: cycle, filingDate: nil, purpose: .judge, complete: false,
                                memo: &memo)
            if option.open { open.append(option) }
        }
        return open
    }

    /// What a decision is for.
    public enum Purpose: Hashable, Sendable {
        /// `explain`, `eligible`, `materials`: the cycle judged as of a day (its deadline by
        /// default), a passed deadline only noted; the uses recorded with the person's own
        /// application in the cycle belong to that option, not to earlier ones (X1).
        case judge
        /// `apply`: the filing date must be on time (D1), and every recorded use counts.
        case file
    }

    /// One option, as `apply` asks for it: any grade and module, with the conditions the
    /// clerk names and the filing date, which must be on time (RULES D1).
    public func decide(_ record: PersonRecord, grade: Grade, module: Module, trade: String? = nil, cycle: Int,
                       filingDate: Day, conditions named: [String]? = nil, purpose: Purpose = .file) -> OptionDecision {
        let subject = Subject(record, trades: trades)
        var request = Request(grade: grade, module: module, trade: trade ?? record.person.trade)
        request.namedConditions = named
        var memo = OpenMemo()
        return decide(subject, request, policy: SharedPolicy(policy(cycle)), cycle: cycle, filingDate: filingDate, purpose: purpose,
                      memo: &memo)
    }

    /// What was asked.
    struct Request: Sendable {
        var grade: Grade
        var module: Module
        var trade: String
        /// The conditions the clerk named (apply); nil means every condition the records
        /// evidence (eligible, explain).
        var namedConditions: [String]?

        init(grade: Grade, module: Module, trade: String) {
            self.grade = grade
            self.module = module
            self.trade = trade
        }

        init(_ option: OptionDecision) {
            self.init(grade: option.grade, module: option.module, trade: option.trade)
        }

        /// The same grade and trade through another module.
        func through(_ module: Module) -> Request {
            var other = self
            other.module = module
            return other
        }
    }

    /// The options worth considering for a person: the next grade (G1) through each module
    /// that can apply to them, the transfer options of T4, the review grades of V1/V3,
    /// and the old trade that T2 closes.
    func considered(_ s: Subject, cycle: Int, policy p: Policy) -> [Request] {
        let trade = s.chain.current
        var requests: [Request] = []
        requests.reserveCapacity(8)
        func add(_ grade: Grade, _ module: Module, trade: String = trade) {
            if !requests.contains(where: { $0.grade == grade && $0.module == module && $0.trade == trade }) {
                requests.append(Request(grade: grade, module: module, trade: trade))
            }
        }
        if let next = s.nextGrade {
            add(next, .normal)
            if next == .intermediate || next == .senior { add(next, .early) }
            add(next, .exceptional)
        }
        if s.chain.isTransferred, let held = s.highest?.grade, held.isLevelWorker, !s.holdsCertificateInCurrentTrade {
            add(held, .transfer)                                       // T4(a)
            if let next = held.next, next.isLevelWorker { add(next, .transfer) }  // T4(b)
        }
        if s.reviewKind != nil {
            for grade in reviewGrades(s, policy: p) { add(grade, .review) }
        }
        if s.chain.isTransferred, let old = s.chain.previousTrade, let next = s.nextGrade {
            add(next, .normal, trade: old)                             // T2
        }
        return requests
    }

    /// The grades a review may be at: the V1 grade and the higher grades V3 may open.
    func reviewGrades(_ s: Subject, policy p: Policy) -> [Grade] {
        switch s.reviewKind {
        case .veteran(let placed):
            let base = veteranGrade(years: placed.year - s.person.seniorityStart.year, p, relax: 0)
            let relaxed = veteranGrade(years: placed.year - s.person.seniorityStart.year, p, relax: p.review.relaxationYears.value)
            return Grade.allCases.filter { $0 >= base && $0 <= relaxed }
        case .interProvince(let held):
            return [held.grade]
        case nil:
            return []
        }
    }

    /// Whether an option is open, decided once per person: the early and exceptional
    /// modules ask whether the routes before them are open (E2, E3, X4).
    func isOpen(_ s: Subject, _ request: Request, policy p: SharedPolicy, cycle: Int, filingDate: Day?, purpose: Purpose,
                memo: inout OpenMemo) -> Bool {
        var plain = request
        plain.namedConditions = nil
        let key = OpenMemo.Key(grade: plain.grade, module: plain.module, trade: plain.trade, cycle: cycle,
                               filingDate: filingDate, purpose: purpose)
        if let known = memo[key] { return known }
        return decide(s, plain, policy: p, cycle: cycle, filingDate: filingDate, purpose: purpose, complete: false, memo: &memo).open
    }

    /// Decides one option. `complete` asks for every check even when an early one fails,
    /// as `explain` and `apply` show them all; without it, a closed option keeps only the
    /// checks up to the one that closed it. `p` is the policy of `cycle`.
    func decide(_ s: Subject, _ request: Request, policy p: SharedPolicy, cycle: Int, filingDate: Day?, purpose: Purpose,
                complete: Bool = true, memo: inout OpenMemo) -> OptionDecision {
        let assessmentYears = memo.assessmentYears(s, window: p.value.assessmentWindow, cycle: cycle, today: today)
        var context = Context(engine: self, subject: s, shared: p, cycle: cycle, request: request,
                              filingDate: filingDate ?? p.value.deadline(for: request.grade).value, purpose: purpose,
                              complete: complete, assessmentYears: assessmentYears)
        var option = OptionDecision(grade: request.grade, module: request.module, trade: request.trade, open: false,
                                    checks: [], conditions: [], certificateYear: cycle, earliestCycle: nil)
        // Whether an option is open does not depend on the conditions named, nor on
        // whether every check is shown: the memo holds it for the plain request.
        let key: OpenMemo.Key? = request.namedConditions == nil
            ? OpenMemo.Key(grade: request.grade, module: request.module, trade: request.trade, cycle: cycle,
                           filingDate: filingDate, purpose: purpose)
            : nil
        // E2, E3, X4: the routes before this one, asked once per person through the memo.
        let asked = context.askedDate
        switch request.module {
        case .early where context.grade == .intermediate || context.grade == .senior:
            context.normalIsOpen = isOpen(s, request.through(.normal), policy: p, cycle: cycle, filingDate: asked,
                                          purpose: purpose, memo: &memo)
        case .exceptional:
            context.normalIsOpen = isOpen(s, request.through(.normal), policy: p, cycle: cycle, filingDate: asked,
                                          purpose: purpose, memo: &memo)
            if !context.normalIsOpen, context.earlyOffered {
                context.earlyIsOpen = isOpen(s, request.through(.early), policy: p, cycle: cycle, filingDate: asked,
                                             purpose: purpose, memo: &memo)
            }
        default: break
        }
        // A route an earlier one shuts is closed whatever else holds: without `complete`,
        // that one check is the answer.
        if !complete, let shut = request.module == .early ? context.earlyShutE2E3()
            : request.module == .exceptional ? context.exceptionalShutX4() : nil {
            option.checks = [shut]
            if let key { memo[key] = false }
            return option
        }
        var checks: [Check] = []
        checks.reserveCapacity(16)
        context.commonChecks(into: &checks)
        if !complete, checks.anyFails {
            option.checks = checks
            if let key { memo[key] = false }
            return option
        }
        let outcome: ModuleOutcome
        switch request.module {
        case .normal: outcome = context.normalModule(into: &checks)
        case .early: outcome = context.earlyModule(into: &checks)
        case .exceptional: outcome = context.exceptionalModule(into: &checks)
        case .transfer: outcome = context.transferModule(into: &checks)
        case .review: outcome = context.reviewModule(into: &checks)
        }
        option.open = !checks.anyFails
        option.checks = checks
        option.conditions = outcome.conditions
        option.certificateYear = outcome.certificateYear ?? cycle
        if let key { memo[key] = option.open }
        return option
    }

    /// The first cycle after `cycle`, within the horizon, in which the option opens if
    /// only time passes.
    func earliestCycle(_ s: Subject, _ request: Request, after cycle: Int, memo: inout OpenMemo) -> Int? {
        for year in (cycle + 1)...(cycle + Engine.horizon)
        where isOpen(s, request, policy: SharedPolicy(policy(year)), cycle: year, filingDate: nil, purpose: .judge, memo: &memo) {
            return year
        }
        return nil
    }
}

/// What a module decides besides the checks it adds.
struct ModuleOutcome {
    var conditions: [String] = []
    var certificateYear: Int?
}

/// The policy of one cycle, held by reference: every decision of the cycle reads the
/// same one instead of copying its many values.
final class SharedPolicy: Sendable {
    let value: Policy

    init(_ value: Policy) { self.value = value }
}

/// Facts about a person that every rule reads, worked out once per person and shared by
/// reference by every decision about them.
final class Subject: Sendable {
    let record: PersonRecord
    let person: Person
    let chain: TradeChain
    let seniority: [Seniority]
    /// The highest grade held in the current trade chain.
    let highest: Seniority?
    let reviewKind: ReviewKind?
    /// The current trade in the trade catalogue (K1), looked up once.
    let currentTrade: Trade?
    enum ReviewKind: Sendable {
        /// A placed veteran without a certificate obtained through review (V0).
        case veteran(placed: Day)
        /// A staff member from another province holding no Jiangsu certificate (V0, V6).
        case interProvince(held: Certificate)
    }

    init(_ record: PersonRecord, trades: [String: Trade]) {
        self.record = record
        person = record.person
        chain = TradeChain(record)
        seniority = record.seniority(chain)
        highest = seniority.max { $0.grade < $1.grade }
        reviewKind = Subject.reviewKind(record)
        currentTrade = trades[record.person.trade]
    }

    /// G1: one above the highest grade held in the chain; 初级工 for someone with none.
    var nextGrade: Grade? { highest.map { $0.grade.next } ?? .junior }

    var holdsCertificateInCurrentTrade: Bool { record.certificates.contains { $0.trade == chain.current } }

    func seniority(of grade: Grade) -> Seniority? { seniority.first { $0.grade == grade } }

    /// V0: who is reviewed.
    static func reviewKind(_ record: PersonRecord) -> ReviewKind? {
        let p = record.person
        if let placed = p.placed, !record.certificates.contains(where: { $0.route == .review }) {
            return .veteran(placed: placed)
        }
        if p.fromProvince != nil, !record.certificates.contains(where: \.isJiangsu),
           let held = record.certificates.filter({ !$0.isJiangsu && $0.grade.isLevelWorker }).max(by: { $0.grade < $1.grade }) {
            return .interProvince(held: held)
        }
        return nil
    }
}

/// The options already found open or closed for one person: a value the engine passes
/// along (`inout`) while it judges that person, so that the early and exceptional modules
/// ask about the routes before them once (E2, E3, X4).
struct OpenMemo {
    /// An option asked about. The cheap fields come first, so that comparing two keys
    /// rarely reaches the trade's text.
    struct Key: Equatable {
        var cycle: Int
        var grade: Grade
        var module: Module
        var purpose: Engine.Purpose
        var filingDate: Day?
        var trade: String

        init(grade: Grade, module: Module, trade: String, cycle: Int, filingDate: Day?, purpose: Engine.Purpose) {
            self.cycle = cycle
            self.grade = grade
            self.module = module
            self.purpose = purpose
            self.filingDate = filingDate
            self.trade = trade
        }
    }

    private var known: [(key: Key, open: Bool)] = []
    /// A1's years of the last cycle asked about: every option of a cycle reads the same.
    private var assessments: (cycle: Int, years: AssessmentYears)?

    /// The annual assessments A1 reads in `cycle`, whose policy gives `window`, worked out
    /// once per cycle.
    /// Takes the subject rather than its record: passing the record copied it (a retain of
    /// each of its lists) at every decision, even when the memo already held the years;
    /// and hands on the assessments alone, for the same reason.
    mutating func assessmentYears(_ subject: Subject, window: ClosedRange<Int>, cycle: Int, today: Day) -> AssessmentYears {
        if let assessments, assessments.cycle == cycle { return assessments.years }
        let years = AssessmentYears(subject.record.assessments, workStart: subject.person.workStart, window: window, today: today)
        assessments = (cycle, years)
        return years
    }

    subscript(key: Key) -> Bool? {
        get { index(of: key).map { known[$0].open } }
        set {
            guard let newValue else { return }
            if let i = index(of: key) {
                known[i].open = newValue
            } else {
                if known.isEmpty { known.reserveCapacity(8) }
                known.append((key, newValue))
            }
        }
    }

    private func index(of key: Key) -> Int? {
        for i in known.indices where known[i].key == key { return i }
        return nil
    }
}

/// One option being decided: everything a rule needs. The person, the cycle's policy and
/// the engine are shared by reference with the person's other decisions.
struct Context {
    let engine: Engine
    let subject: Subject
    let shared: SharedPolicy
    let cycle: Int
    let request: Engine.Request
    /// The filing date, or the cycle's deadline when none is given (RULES N1, D1).
    let filingDate: Day
    /// What the decision is for: judging a cycle, or filing in it.
    let purpose: Engine.Purpose
    /// Whether every check is asked for, or only enough to know whether the option is open.
    let complete: Bool
    /// A1's years in this cycle (`OpenMemo.assessmentYears`).
    let assessmentYears: AssessmentYears
    /// Whether the normal option of this grade is open (E2, E3, X4), asked by the engine
    /// before the early and exceptional modules.
    var normalIsOpen = false
    /// Whether the early option of this grade is open (X4), asked before the exceptional
    /// module when the normal one is closed and the early one is offered.
    var earlyIsOpen = false

    init(engine: Engine, subject: Subject, shared: SharedPolicy, cycle: Int, request: Engine.Request, filingDate: Day,
         purpose: Engine.Purpose, complete: Bool, assessmentYears: AssessmentYears) {
        self.engine = engine
        self.subject = subject
        self.shared = shared
        self.cycle = cycle
        self.request = request
        self.filingDate = filingDate
        self.purpose = purpose
        self.complete = complete
        self.assessmentYears = assessmentYears
    }

    /// The policy of the cycle.
    var policy: Policy { shared.value }

    /// The filing date given to `isOpen` by the routes that ask about others: the
    /// deadline is the default when judging.
    var askedDate: Day? { purpose == .file ? filingDate : nil }

    /// X4: the early route is offered to 中级工 and 高级工 in a cycle year.
    var earlyOffered: Bool { (grade == .intermediate || grade == .senior) && policy.levelCycleYear.value }

    var grade: Grade { request.grade }
    var person: Person { subject.person }
    var record: PersonRecord { subject.record }
}

extension Grade {
    /// The grade one below, whose certificate a promotion needs.
    var below: Grade? { previous }
}
