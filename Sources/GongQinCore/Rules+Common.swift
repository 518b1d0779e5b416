/// The checks every option passes through: the cycle year, the deadline, the trade, the
/// grade ladder, the annual assessments and the minimum education.
extension Context {
    func commonChecks() -> [Check] {
        var checks = [deadlineD1()]
        if grade.isLevelWorker { checks.append(cycleYearCY()) }
        checks += tradeK1()
        if let g1 = nextGradeG1() { checks.append(g1) }
        if subject.chain.isTransferred { checks.append(oldTradeT2()) }
        if let v0 = reviewOnlyV0() { checks.append(v0) }
        checks += annualAssessmentA1()
        // An exceptional condition may waive the education rule, so that module checks
        // M1 once per condition (X3).
        if request.module != .exceptional, let m1 = minimumEducationM1(waived: false) { checks.append(m1) }
        return checks
    }

    // MARK: D1 (须知·四·12)

    /// D1: online filing closes on 04-15 for 等级工 and technician, on 07-05 for
    /// senior-technician; the deadline day itself is on time. `eligible` and `explain`
    /// judge a cycle as of its deadline and only note a passed one; `apply` enforces it.
    func deadlineD1() -> Check {
        let deadline = policy.deadline(for: grade)
        let which = grade == .seniorTechnician ? "高级技师" : "等级工、技师"
        if purpose == .file {
            if filingDate.year != cycle {
                return .fail(.D1, "申报日期\(filingDate)不在\(cycle)年申报期内：须在\(cycle)年、截止日\(deadline.value)之前网上申报",
                             status: deadline.status)
            }
            return .verdict(.D1, filingDate <= deadline.value,
                            filingDate <= deadline.value
                                ? "申报日期\(filingDate)，不晚于截止日\(deadline.value)（\(which)）"
                                : "申报日期\(filingDate)晚于截止日\(deadline.value)（\(which)），申报系统已关闭，不予补报",
                            status: deadline.status)
        }
        if engine.today > deadline.value {
            return .warning(.D1, "本周期网上申报已于\(deadline.value)截止（\(which)），以下按截止日判断", status: deadline.status)
        }
        return .pass(.D1, "网上申报截止日\(deadline.value)（\(which)）", status: deadline.status)
    }

    // MARK: CY (须知·四·1)

    /// CY: 等级工 are trained on a two-year cycle; in a year that is not a cycle year no
    /// 等级工 option is open.
    func cycleYearCY() -> Check {
        let flag = policy.levelCycleYear
        let next = flag.value ? cycle : engine.nextCycle(asOf: Day(year: cycle + 1, month: 1, day: 1)!)
        return .verdict(.CY, flag.value,
                        flag.value ? "\(cycle)年是等级工申报年" : "\(cycle)年不是等级工申报年（\(flag.source)；下一次为\(next)年）",
                        status: flag.status)
    }

    // MARK: K1 (省·基线；须知·四·7)

    /// K1: the trade applied for is the person's current trade, and the trade is open to
    /// the grade (the catalogue's highest grade, RULES §10).
    func tradeK1() -> [Check] {
        var checks: [Check] = []
        let baseline = policy.baseline.tradeMatch
        if baseline.value, request.trade == person.trade {
            checks.append(.pass(.K1, "按现岗位工种\(person.trade)申报", status: baseline.status))
        } else if baseline.value, !subject.chain.contains(request.trade) {
            // A trade left through a transfer is T2's to refuse.
            checks.append(.fail(.K1, "申报工种\(request.trade)不是现岗位工种\(person.trade)", status: baseline.status))
        }
        if let trade = engine.trades[request.trade], grade > trade.maxGrade {
            checks.append(.fail(.K1, "工种\(trade.name)最高只开放到\(trade.maxGrade.chinese)（工种目录，RULES §10）"))
        }
        return checks
    }

    // MARK: G1 (须知·一·表)

    /// G1: the target is exactly one grade above the highest held in the current trade
    /// chain, or 初级工 for someone with none. A lateral application exists only in the
    /// transfer module (T4); the review grades follow V1 and V3.
    func nextGradeG1() -> Check? {
        guard request.module != .transfer, request.module != .review, request.trade == person.trade else { return nil }
        let held = subject.highest.map { "现有最高等级：\($0.certificate.trade)\($0.grade.chinese)（\($0.certificate.issued)）" }
            ?? "尚无等级证书"
        guard let next = subject.nextGrade else {
            return .fail(.G1, "\(held)，已是最高等级，无可晋升的等级")
        }
        if grade == next { return .pass(.G1, "\(held)，申报\(grade.chinese)") }
        return .fail(.G1, "\(held)，只能申报\(next.chinese)，不能申报\(grade.chinese)（逐级申报）")
    }

    // MARK: A1 (省·基线；须知·一(一)5)

    /// A1: every year of the window Y−5 … Y−1 in which the person was employed is 合格 or
    /// 优秀. A 基本合格 or 不合格 fails; a year without a record is a warning, since the
    /// material item 年度考核 will be incomplete. New staff: only the years since the
    /// civilian work start count.
    func annualAssessmentA1() -> [Check] {
        guard policy.baseline.annualAssessment.value else { return [] }
        let a = AssessmentYears(record, window: policy.assessmentWindow, today: engine.today)
        let window = a.window
        let status = [policy.assessmentFrom.status, policy.assessmentTo.status].weakest
        let label = "\(window.lowerBound)–\(window.upperBound)年度考核"
        guard let first = a.due.first, let last = a.due.last else {
            return [.pass(.A1, "\(person.workStart)参加工作，考核窗口\(window.lowerBound)–\(window.upperBound)年内尚无应考核年度", record: label, status: status)]
        }
        var checks: [Check] = []
        if a.unsatisfactory.isEmpty {
            let counted = a.due.count == window.count ? "" : "（\(person.workStart.year)年参加工作，计\(first)–\(last)年）"
            let future = a.pending.isEmpty ? "" : "；\(a.pending.yearList)年度尚未考核，须届时合格"
            let done = a.pending.count == a.due.count ? "\(label)尚未进行，须届时合格" : "\(label)已有记录均为合格或优秀\(counted)\(future)"
            checks.append(.pass(.A1, a.pending.isEmpty ? "\(label)均为合格或优秀\(counted)" : done, record: label, status: status))
        } else {
            checks.append(.fail(.A1, a.unsatisfactory.map { "\($0.year)年\($0.result.chinese)" }.joined(separator: "、") + "，须每年合格或优秀",
                                record: label, status: status))
        }
        if !a.missing.isEmpty {
            checks.append(.warning(.A1, "缺\(a.missing.yearList)年考核记录，年度考核材料将不全", record: label, status: status))
        }
        return checks
    }

    // MARK: M1 (省·基线)

    /// M1: 中级工 needs 初中 or above; 高级工 needs 高中 or an equivalent (中专, 职高, 技校)
    /// or above. Technician and senior-technician have their own education rules (N4, N5).
    func minimumEducationM1(waived: Bool) -> Check? {
        let needed: Sourced<EducationLevel>
        switch grade {
        case .intermediate: needed = policy.baseline.minimumEducationIntermediate
        case .senior: needed = policy.baseline.minimumEducationSenior
        default: return nil
        }
        let best = record.education.filter { $0.graduated <= filingDate }.max { $0.level.rank < $1.level.rank }
        let requirement = "\(grade.chinese)须\(needed.value.chinese)及以上"
        if waived { return .pass(.M1, "\(requirement)；破格条件免除学历要求（X3）", status: needed.status) }
        guard let best else { return .fail(.M1, "未登记学历，\(requirement)", status: needed.status) }
        return .verdict(.M1, best.level.rank >= needed.value.rank,
                        "最高学历\(best.level.chinese)（\(best.graduated.year)年毕业），\(requirement)",
                        record: "学历 \(best.level.chinese)", status: needed.status)
    }
}

extension Array where Element == ValueStatus {
    /// assumed is weaker than provisional, which is weaker than official.
    public var weakest: ValueStatus {
        if contains(.assumed) { return .assumed }
        if contains(.provisional) { return .provisional }
        return .official
    }
}

extension Array where Element == Int {
    /// `2020、2022` or `2019–2021`.
    var yearList: String {
        guard let first, let last else { return "" }
        if count > 2 && last - first == count - 1 { return "\(first)–\(last)" }
        return map(String.init).joined(separator: "、")
    }
}

/// The annual assessments A1 asks for (省·基线; 须知·一(一)5): the years of the window
/// since the civilian work start (new staff count only those), and among them the
/// unsatisfactory ones, the past years without a record, and the years not yet over,
/// whose assessment cannot exist yet. The rule and the materials' note both read it.
public struct AssessmentYears: Sendable {
    public let window: ClosedRange<Int>
    public let due: [Int]
    public let unsatisfactory: [AnnualAssessment]
    public let missing: [Int]
    public let pending: [Int]

    public init(_ record: PersonRecord, window: ClosedRange<Int>, today: Day) {
        self.window = window
        due = window.filter { $0 >= record.person.workStart.year }
        unsatisfactory = due.compactMap { record.assessment(in: $0) }.filter { !$0.result.isSatisfactory }
        let unrecorded = due.filter { record.assessment(in: $0) == nil }
        missing = unrecorded.filter { $0 < today.year }
        pending = unrecorded.filter { $0 >= today.year }
    }
}
