/// The normal and early routes: N1–N5, E2, E3 (须知·一·表, 须知·四·1, 须知·四·4, 须知·四·5).
extension Context {
    /// The normal module: the grade's own rule, with the transfer and review rules that
    /// bear on it (T4, T5, V4).
    func normalModule(into checks: inout [Check]) -> ModuleOutcome {
        if let t4 = transferBeforePromotionT4() {
            checks.append(t4)
            if !complete { return ModuleOutcome() }
        }
        thresholds(relax: nil, into: &checks)
        return ModuleOutcome()
    }

    /// The thresholds of the grade: N1–N5, optionally relaxed by an exceptional condition
    /// (X3), with T1's seniority, T5 and V4 where they apply.
    /// Each appends to the option's one list of checks: lists made and added up were a
    /// twentieth of a forecast's judging.
    func thresholds(relax: Relaxation?, early: Bool = false, into checks: inout [Check]) {
        switch grade {
        case .junior: juniorN1(relax: relax, into: &checks)
        case .intermediate, .senior: levelWorker(early: early, relax: relax, into: &checks)
        case .technician, .seniorTechnician: technicianN4N5(relax: relax, into: &checks)
        }
    }

    /// The thresholds as a list of their own, for a module that weighs them before adding
    /// them (X3, T4).
    func thresholds(relax: Relaxation?, early: Bool = false) -> [Check] {
        var checks: [Check] = []
        thresholds(relax: relax, early: early, into: &checks)
        return checks
    }

    // MARK: N1 初级工

    /// N1: work start year ≤ Y−1, and probation over on the filing date (the cycle's
    /// deadline when none is given). A missing probation end counts as over, with a warning.
    func juniorN1(relax: Relaxation?, into checks: inout [Check]) {
        checks.append(workStart(.N1, by: policy.juniorWorkStartBy, relax: relax?.workYears ?? 0))
        if let end = person.probationEnd {
            checks.append(.verdict(.N1, end <= filingDate, .probation(end: end, filing: filingDate)))
        } else {
            checks.append(.warning(.N1, .probationUnknown))
        }
    }

    // MARK: N2, N3 and E2, E3

    /// N2/N3 (normal) or E2/E3 (early): the work-start year and the year of the
    /// certificate one grade below, in the current trade chain (T1).
    func levelWorker(early: Bool, relax: Relaxation?, into checks: inout [Check]) {
        let rule: RuleID = switch (grade, early) {
        case (.intermediate, false): .N2
        case (.intermediate, true): .E2
        case (.senior, false): .N3
        default: .E3
        }
        let limits = policy.thresholds(for: grade, early: early)!
        let start = workStart(rule, by: limits.workStartBy, relax: relax?.workYears ?? 0)
        checks.append(start)
        // Without `complete`, a failed work start closes the option: the rest is not asked.
        if !complete, start.verdict == .fail { return }
        gradeYears(rule, below: grade.below!, byYear: limits.certificateBy, relax: relax?.gradeYears ?? 0, into: &checks)
    }

    /// A work-start threshold: the earlier of the work start and the enlistment counts,
    /// since 军龄 counts as 工龄 (须知·一(五)3).
    func workStart(_ rule: RuleID, by limit: Sourced<Int>, relax: Int) -> Check {
        let start = person.seniorityStart
        let latest = limit.value + relax
        return .verdict(rule, start.year <= latest, .workStart(start, military: start != person.workStart, latest: latest, relax: relax),
                        status: limit.status)
    }

    /// A certificate-year threshold on the grade below, with T1's seniority and V4's waiver.
    func gradeYears(_ rule: RuleID, below: Grade, byYear limit: Sourced<Int>, relax: Int, into checks: inout [Check]) {
        guard let seniority = subject.seniority(of: below) else {
            checks.append(.fail(rule, .noCertificateInChain(subject.chain.trades, below: below)))
            return
        }
        if seniority.certificate.trade != person.trade { checks.append(seniorityT1(seniority)) }
        let latest = limit.value + relax
        if seniority.since.year <= latest {
            checks.append(.pass(rule, .gradeYears(seniority, latest: latest, relax: relax, waivedByV4: false), status: limit.status))
        } else if let v4 = reviewWaiverV4(held: below), v4.verdict == .pass {
            checks.append(.pass(rule, .gradeYears(seniority, latest: latest, relax: relax, waivedByV4: true), status: limit.status))
            checks.append(v4)
        } else {
            checks.append(.fail(rule, .gradeYears(seniority, latest: latest, relax: relax, waivedByV4: false), status: limit.status))
            if let v4 = reviewWaiverV4(held: below) { checks.append(v4) }
        }
    }

    // MARK: N4 技师, N5 高级技师

    /// N4: a senior certificate in the current trade chain issued by the end of Y−4, and
    /// a trade-relevant 中专/技校/高级技工学校/技师学院, or any 大专 or above, or a
    /// 成人高等教育专业证书. N5: a technician certificate by the end of Y−4, and 大专 or
    /// above or a 成人高等教育专业证书. T5: the certificate must be held in the current trade.
    func technicianN4N5(relax: Relaxation?, into checks: inout [Check]) {
        let rule: RuleID = grade == .technician ? .N4 : .N5
        let below = grade.below!
        let limit = grade == .technician ? policy.technicianCertificateBy : policy.seniorTechnicianCertificateBy
        let relaxYears = relax?.gradeYears ?? 0
        let latest = Day.endOfYear(limit.value.year + relaxYears)
        if let seniority = subject.seniority(of: below) {
            if seniority.certificate.trade != person.trade { checks.append(seniorityT1(seniority)) }
            let onTime = seniority.since <= latest
            checks.append(.verdict(rule, onTime, .technicianCertificate(seniority, latest: latest, relax: relaxYears), status: limit.status))
            if !onTime, let v4 = reviewWaiverV4(held: below) { checks.append(v4) }
        } else {
            checks.append(.fail(rule, .noCertificateBelow(below)))
        }
        if subject.chain.isTransferred { checks.append(currentTradeCertificateT5(below)) }
        checks.append(technicianEducation(rule, waived: relax?.waivesEducation ?? false))
    }

    /// The education half of N4 and N5 (须知·四·4, 须知·四·5, 须知·四·6).
    func technicianEducation(_ rule: RuleID, waived: Bool) -> Check {
        let done = record.education.filter { $0.graduated <= filingDate }
        let qualifying = done.filter { education in
            if education.level.countsAsCollege { return true }
            return rule == .N4 && education.level.isQualifyingVocational && education.relevant
        }
        if waived { return .pass(rule, .technicianEducationWaived) }
        if let best = qualifying.max(by: { $0.level.rank < $1.level.rank }) {
            return .pass(rule, .technicianEducation(best.level, graduated: best.graduated.year, relevant: best.relevant))
        }
        let held = done.max { $0.level.rank < $1.level.rank }
        return .fail(rule, .technicianEducationMissing(held?.level, relevant: held?.relevant ?? false))
    }

    // MARK: E2, E3 the early route

    /// The early module: only 中级工 and 高级工, only in a cycle year, and only when the
    /// normal option is closed. The certificate is issued the next year.
    func earlyModule(into checks: inout [Check]) -> ModuleOutcome {
        guard grade == .intermediate || grade == .senior else {
            checks.append(.fail(.E2, .noEarlyRoute(grade)))
            return ModuleOutcome()
        }
        if let t4 = transferBeforePromotionT4() { checks.append(t4) }
        if let shut = earlyShutE2E3() {
            checks.append(shut)
        } else {
            thresholds(relax: nil, early: true, into: &checks)
        }
        return ModuleOutcome(certificateYear: cycle + 1)
    }

    /// E2, E3: the early route of 中级工 and 高级工 is shut while the normal option of the
    /// grade is open.
    func earlyShutE2E3() -> Check? {
        guard normalIsOpen else { return nil }
        return .fail(grade == .intermediate ? .E2 : .E3, .normalOpenNotEarly(cycle: cycle))
    }
}
