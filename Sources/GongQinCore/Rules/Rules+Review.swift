/// Review (复核): V0–V6 (须知·一(四), 须知·一(五)).
extension Context {
    // MARK: V0

    /// V0: for placed veterans without a review certificate, and for staff from another
    /// province holding no Jiangsu certificate, review is the only 等级工 route.
    func reviewOnlyV0() -> Check? {
        guard request.module != .review, grade.isLevelWorker, let kind = subject.reviewKind else { return nil }
        return .fail(.V0, .reviewOnly(kind))
    }

    /// The review module.
    func reviewModule(into checks: inout [Check]) -> ModuleOutcome {
        guard let kind = subject.reviewKind else {
            checks.append(.fail(.V0, .notReviewed))
            return ModuleOutcome()
        }
        guard grade.isLevelWorker else {
            checks.append(.fail(.V0, .reviewLevelOnly))
            return ModuleOutcome()
        }
        checks.append(.pass(.V0, .reviewed(kind)))
        if let check = heldGradePL2() {
            checks.append(check)
            if check.verdict == .fail { return ModuleOutcome() }
        }
        var conditions: [String] = []
        switch kind {
        case .veteran(let placed):
            checks.append(placementV2(placed))
            let years = placed.year - person.seniorityStart.year
            let base = engine.veteranGrade(years: years, policy, relax: 0)
            let found = Finding.veteranGrade(start: person.seniorityStart, placed: placed.year,
                                             intermediate: policy.review.intermediateYears.value,
                                             senior: policy.review.seniorYears.value, base: base, grade: grade)
            if grade == base {
                checks.append(.pass(.V1, found, status: policy.review.seniorYears.status))
            } else if grade < base {
                checks.append(.fail(.V1, found))
            } else {
                checks.append(.pass(.V1, found))
                let relax = policy.review.relaxationYears
                let trials = conditionTrials { _ in
                    let relaxed = engine.veteranGrade(years: years, policy, relax: relax.value)
                    return [.verdict(.V3, relaxed >= grade, .veteranRelaxed(relax: relax.value, years: years, relaxed: relaxed, grade: grade),
                                     status: relax.status)]
                }
                checks += trialChecks(trials)
                conditions = trials.filter(\.usable).map(\.condition.code)
            }
        case .interProvince(let held):
            checks.append(.verdict(.V6, grade == held.grade, .interProvince(held, grade: grade)))
        }
        checks.append(.pass(.V5, .reviewTrade(person.trade)))
        return ModuleOutcome(conditions: conditions)
    }

    // MARK: PL2

    /// PL2: review is not offered for a grade at or below one the person already holds by
    /// a Jiangsu certificate, in any trade; the out-of-province certificate under review
    /// (V6) is not a Jiangsu one and does not count. Nil for someone with no Jiangsu
    /// certificate at all.
    func heldGradePL2() -> Check? {
        guard let held = record.certificates.filter(\.isJiangsu).max(by: { $0.grade < $1.grade }) else { return nil }
        return held.grade >= grade ? .fail(.PL2, .reviewBelowHeld(held, grade: grade)) : .pass(.PL2, .reviewAboveHeld(held, grade: grade))
    }

    // MARK: V2

    /// V2: seniority is counted as of the placement year, even if the review comes later;
    /// someone placed after this cycle's deadline is reviewed in the next cycle.
    func placementV2(_ placed: Day) -> Check {
        if placed > filingDate {
            return .fail(.V2, .placedLate(placed, filing: filingDate))
        }
        return .pass(.V2, .placed(placed))
    }

    // MARK: V4

    /// V4: after a certificate obtained through review, the first promotion to the next
    /// 等级工 grade is exempt from the grade-years requirement (the work years still
    /// apply), while the review certificate is still the highest grade in the chain.
    func reviewWaiverV4(held: Grade) -> Check? {
        let chainCertificates = record.certificatesInChain(subject.chain)
        guard let review = chainCertificates.filter({ $0.route == .review }).max(by: { $0.grade < $1.grade }) else { return nil }
        let isHighest = subject.highest?.grade == review.grade
        if review.grade == held, isHighest, !grade.isLevelWorker {
            return .fail(.V4, .reviewNotLevel(review, grade: grade))
        }
        if review.grade == held, isHighest {
            return .pass(.V4, .reviewWaiver(review))
        }
        if !isHighest {
            return .fail(.V4, .reviewUsed(review))
        }
        return nil
    }
}

extension Engine {
    /// Whether filing this option uses exceptional conditions, which the clerk must name
    /// and the ledger records (X1, X4): the exceptional module, and a veteran's review above
    /// the grade V1 gives (V3).
    public func consumesConditions(_ record: PersonRecord, grade: Grade, module: Module, cycle: Int) -> Bool {
        switch module {
        case .exceptional:
            return true
        case .review:
            let s = Subject(record, trades: trades)
            guard case .veteran(let placed) = s.reviewKind else { return false }
            return grade > veteranGrade(years: placed.year - s.person.seniorityStart.year, policy(cycle), relax: 0)
        default:
            return false
        }
    }

    /// V1 with V3: 工龄（军龄） of at least the senior threshold gives 高级工, of the
    /// intermediate threshold 中级工, otherwise 初级工 (the notice names only the two
    /// thresholds); `relax` is V3's relaxation.
    func veteranGrade(years: Int, _ p: Policy, relax: Int) -> Grade {
        if years + relax >= p.review.seniorYears.value { return .senior }
        if years + relax >= p.review.intermediateYears.value { return .intermediate }
        return .junior
    }
}
