/// The checks every option passes through: the cycle year, the deadline, the trade, the
/// grade ladder, the annual assessments and the minimum education.
extension Context {
    func commonChecks(into checks: inout [Check]) {
        checks.append(deadlineD1())
        if grade.isLevelWorker { checks.append(cycleYearCY()) }
        tradeK1(into: &checks)
        if let g1 = nextGradeG1() { checks.append(g1) }
        if subject.chain.isTransferred { checks.append(oldTradeT2()) }
        if let v0 = reviewOnlyV0() { checks.append(v0) }
        annualAssessmentA1(into: &checks)
        // An exceptional condition may waive the education rule, so that module checks
        // M1 once per condition (X3).
        if request.module != .exceptional, let m1 = minimumEducationM1(waived: false) { checks.append(m1) }
    }

    // MARK: D1

    /// D1: online filing closes on 04-15 for 等级工 and technician, on 07-05 for
    /// senior-technician; the deadline day itself is on time. `eligible` and `explain`
    /// judge a cycle as of its deadline and only note a passed one; `apply` enforces it.
    func deadlineD1() -> Check {
        let deadline = policy.deadline(for: grade)
        if purpose == .file {
            if filingDate.year != cycle {
                return .fail(.D1, .filingOutsideCycle(filed: filingDate, cycle: cycle, deadline: deadline.value), status: deadline.status)
            }
            return .verdict(.D1, filingDate <= deadline.value, .filed(on: filingDate, deadline: deadline.value, grade: grade),
                            status: deadline.status)
        }
        if engine.today > deadline.value {
            return .warning(.D1, .deadlinePassed(deadline.value, grade: grade), status: deadline.status)
        }
        return .pass(.D1, .deadline(deadline.value, grade: grade), status: deadline.status)
    }

    // MARK: CY

    /// CY: 等级工 are trained on a two-year cycle; in a year that is not a cycle year no
    /// 等级工 option is open.
    func cycleYearCY() -> Check {
        let flag = policy.levelCycleYear
        let next = flag.value ? cycle : engine.nextCycle(asOf: Day(year: cycle + 1, month: 1, day: 1)!)
        return .verdict(.CY, flag.value, .cycleYear(cycle, isCycleYear: flag.value, source: flag.source, next: next),
                        status: flag.status)
    }

    // MARK: K1

    /// K1: the trade applied for is the person's current trade, and the trade is open to
    /// the grade (the catalogue's highest grade, RULES §10).
    func tradeK1(into checks: inout [Check]) {
        let baseline = policy.baseline.tradeMatch
        if baseline.value, request.trade == person.trade {
            checks.append(.pass(.K1, .currentTrade(person.trade), status: baseline.status))
        } else if baseline.value, !subject.chain.contains(request.trade) {
            // A trade left through a transfer is T2's to refuse.
            checks.append(.fail(.K1, .notCurrentTrade(applied: request.trade, current: person.trade), status: baseline.status))
        }
        let trade = request.trade == person.trade ? subject.currentTrade : engine.trades[request.trade]
        if let trade, grade > trade.maxGrade {
            checks.append(.fail(.K1, .tradeCeiling(trade.name, max: trade.maxGrade)))
        }
    }

    // MARK: G1

    /// G1: the target is exactly one grade above the highest held in the current trade
    /// chain, or 初级工 for someone with none. A lateral application exists only in the
    /// transfer module (T4); the review grades follow V1 and V3.
    func nextGradeG1() -> Check? {
        guard request.module != .transfer, request.module != .review, request.trade == person.trade else { return nil }
        let held = subject.highest
        guard let next = subject.nextGrade else {
            return .fail(.G1, .highestGrade(held: held))
        }
        if grade == next { return .pass(.G1, .nextGrade(held: held, grade: grade)) }
        return .fail(.G1, .notNextGrade(held: held, next: next, grade: grade))
    }

    // MARK: A1

    /// A1: every year of the window Y−5 … Y−1 in which the person was employed is 合格 or
    /// 优秀. A 基本合格 or 不合格 fails; a year without a record is a warning, since the
    /// material item 年度考核 will be incomplete. New staff: only the years since the
    /// civilian work start count.
    func annualAssessmentA1(into checks: inout [Check]) {
        guard policy.baseline.annualAssessment.value else { return }
        let a = assessmentYears
        let status = ValueStatus.weaker(policy.assessmentFrom.status, policy.assessmentTo.status)
        if a.due.isEmpty {
            checks.append(.pass(.A1, .noAssessmentDue(workStart: person.workStart, window: a.window), status: status))
            return
        }
        if a.unsatisfactory.isEmpty {
            checks.append(.pass(.A1, .assessmentsSatisfactory(a, workStart: person.workStart.year), status: status))
        } else {
            checks.append(.fail(.A1, .assessmentsUnsatisfactory(a), status: status))
        }
        if !a.missing.isEmpty {
            checks.append(.warning(.A1, .assessmentsMissing(a), status: status))
        }
    }

    // MARK: M1

    /// M1: 中级工 needs 初中 or above; 高级工 needs 高中 or an equivalent (中专, 职高, 技校)
    /// or above. Technician and senior-technician have their own education rules (N4, N5).
    func minimumEducationM1(waived: Bool) -> Check? {
        let needed: Sourced<EducationLevel>
        switch grade {
        case .intermediate: needed = policy.baseline.minimumEducationIntermediate
        case .senior: needed = policy.baseline.minimumEducationSenior
        default: return nil
        }
        if waived { return .pass(.M1, .educationWaived(grade, needed: needed.value), status: needed.status) }
        var best: Education?
        for education in record.education where education.graduated <= filingDate && education.level.rank > (best?.level.rank ?? -1) {
            best = education
        }
        guard let best else { return .fail(.M1, .noEducation(grade, needed: needed.value), status: needed.status) }
        return .verdict(.M1, best.level.rank >= needed.value.rank,
                        .education(best.level, graduated: best.graduated.year, grade: grade, needed: needed.value), status: needed.status)
    }
}

extension Array where Element == ValueStatus {
    /// assumed is weaker than provisional, which is weaker than official.
    public var weakest: ValueStatus { reduce(.official, ValueStatus.weaker) }
}

extension ValueStatus {
    /// The weaker of two statuses: assumed is weaker than provisional, which is weaker
    /// than official.
    public static func weaker(_ a: ValueStatus, _ b: ValueStatus) -> ValueStatus {
        if a == .assumed || b == .assumed { return .assumed }
        if a == .provisional || b == .provisional { return .provisional }
        return .official
    }
}

extension Array where Element == Int {
    /// `2020、2022` or `2019–2021`.
    public var yearList: String {
        guard let first, let last else { return "" }
        if count > 2 && last - first == count - 1 { return "\(first)–\(last)" }
        return map(String.init).joined(separator: "、")
    }
}

/// The annual assessments A1 asks for: the years of the window
/// since the civilian work start (new staff count only those), and among them the
/// unsatisfactory ones, the past years without a record, and the years not yet over,
/// whose assessment cannot exist yet. The rule and the materials' note both read it.
///
/// Worked out once per person and cycle, and held by reference by every check that
/// cites it.
public final class AssessmentYears: Sendable {
    public let window: ClosedRange<Int>
    /// The years of the window since the work start: all of it, its tail, or none.
    public let due: Range<Int>
    public let unsatisfactory: [AnnualAssessment]
    public let missing: [Int]
    public let pending: [Int]

    public convenience init(_ record: PersonRecord, window: ClosedRange<Int>, today: Day) {
        self.init(record.assessments, workStart: record.person.workStart, window: window, today: today)
    }

    /// From the person's assessments and work start alone: the engine asks once per
    /// person and cycle, and handing it the whole record copied the record (a retain and
    /// a release of each of its lists) every time.
    init(_ assessments: [AnnualAssessment], workStart: Day, window: ClosedRange<Int>, today: Day) {
        self.window = window
        let from = max(window.lowerBound, workStart.year)
        due = from..<max(from, window.upperBound + 1)
        var unsatisfactory: [AnnualAssessment] = [], missing: [Int] = [], pending: [Int] = []
        for year in due {
            if let assessment = assessments.first(where: { $0.year == year }) {
                if !assessment.result.isSatisfactory { unsatisfactory.append(assessment) }
            } else if year < today.year {
                missing.append(year)
            } else {
                pending.append(year)
            }
        }
        self.unsatisfactory = unsatisfactory
        self.missing = missing
        self.pending = pending
    }
}

/// Equal when they name the same years: the materials' note holds them as a value.
extension AssessmentYears: Hashable {
    public static func == (a: AssessmentYears, b: AssessmentYears) -> Bool {
        (a.window, a.due, a.unsatisfactory, a.missing, a.pending) == (b.window, b.due, b.unsatisfactory, b.missing, b.pending)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(window)
        hasher.combine(due)
        hasher.combine(unsatisfactory)
        hasher.combine(missing)
        hasher.combine(pending)
    }
}
