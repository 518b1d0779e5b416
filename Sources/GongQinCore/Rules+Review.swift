/// Review (复核): V0–V6 (须知·一(四), 须知·一(五)).
extension Context {
    // MARK: V0 (须知·一(四)1)

    /// V0: for placed veterans without a review certificate, and for staff from another
    /// province holding no Jiangsu certificate, review is the only 等级工 route.
    func reviewOnlyV0() -> Check? {
        guard request.module != .review, grade.isLevelWorker, let kind = subject.reviewKind else { return nil }
        return .fail(.V0, "\(kind.chinese)，等级工只能走复核申报")
    }

    /// The review module.
    func reviewModule() -> ModuleOutcome {
        guard let kind = subject.reviewKind else {
            return ModuleOutcome(checks: [.fail(.V0, "不属复核对象：复核只适用于退役安置人员和持外省证书的调入人员")])
        }
        guard grade.isLevelWorker else {
            return ModuleOutcome(checks: [.fail(.V0, "复核只适用于等级工")])
        }
        var checks: [Check] = [.pass(.V0, "\(kind.chinese)，走复核申报")]
        var conditions: [String] = []
        switch kind {
        case .veteran(let placed):
            checks.append(placementV2(placed))
            let years = placed.year - person.seniorityStart.year
            let base = engine.veteranGrade(years: years, policy, relax: 0)
            let counted = "工龄（军龄）自\(person.seniorityStart)起至安置当年\(placed.year)年计\(years)年"
            let ladder = "满\(policy.review.intermediateYears.value)年中级工、满\(policy.review.seniorYears.value)年高级工"
            if grade == base {
                checks.append(.pass(.V1, "\(counted)，按\(ladder)复核为\(base.chinese)", status: policy.review.seniorYears.status))
            } else if grade < base {
                checks.append(.fail(.V1, "\(counted)，应复核为\(base.chinese)，不低报\(grade.chinese)"))
            } else {
                checks.append(.pass(.V1, "\(counted)，按\(ladder)可复核为\(base.chinese)；申报\(grade.chinese)须按V3放宽"))
                let relax = policy.review.relaxationYears
                let trials = conditionTrials { _ in
                    let relaxed = engine.veteranGrade(years: years, policy, relax: relax.value)
                    return [.verdict(.V3, relaxed >= grade,
                                     "放宽工作年限\(relax.value)年后按\(years + relax.value)年计，"
                                        + (relaxed >= grade ? "可复核为\(grade.chinese)" : "只可复核为\(relaxed.chinese)"),
                                     status: relax.status)]
                }
                checks += trialChecks(trials)
                conditions = trials.filter(\.usable).map(\.condition.code)
            }
        case .interProvince(let held):
            checks.append(.verdict(.V6, grade == held.grade,
                                   "持\(held.province)\(held.trade)\(held.grade.chinese)证书（\(held.issued)），复核确认原等级"
                                       + (grade == held.grade ? "，年限从原证书起算" : "，不能复核为\(grade.chinese)"),
                                   record: "\(held.province)\(held.grade.chinese)证书 \(held.issued)"))
        }
        checks.append(.pass(.V5, "复核工种按用人单位人事部门建议：\(person.trade)"))
        return ModuleOutcome(checks: checks, conditions: conditions)
    }

    // MARK: V2 (须知·一(五)1)

    /// V2: seniority is counted as of the placement year, even if the review comes later;
    /// someone placed after this cycle's deadline is reviewed in the next cycle.
    func placementV2(_ placed: Day) -> Check {
        if placed > filingDate {
            return .fail(.V2, "\(placed)安置，晚于本周期截止日\(filingDate)，下一周期按安置当年工龄复核")
        }
        return .pass(.V2, "\(placed)安置，按安置当年（\(placed.year)年）的工龄（军龄）复核", record: "安置 \(placed)")
    }

    // MARK: V4 (须知·一(五)5)

    /// V4: after a certificate obtained through review, the first promotion to the next
    /// 等级工 grade is exempt from the grade-years requirement (the work years still
    /// apply), while the review certificate is still the highest grade in the chain.
    func reviewWaiverV4(held: Grade) -> Check? {
        let chainCertificates = record.certificatesInChain(subject.chain)
        guard let review = chainCertificates.filter({ $0.route == .review }).max(by: { $0.grade < $1.grade }) else { return nil }
        let source = "复核取得\(review.trade)\(review.grade.chinese)证书（\(review.issued)）"
        let isHighest = subject.highest?.grade == review.grade
        if review.grade == held, isHighest, !grade.isLevelWorker {
            return .fail(.V4, "\(source)；免本等级年限只适用于等级工阶段，\(grade.chinese)不适用")
        }
        if review.grade == held, isHighest {
            return .pass(.V4, "\(source)，首次晋升上一个等级不受本等级年限限制", record: "\(review.grade.chinese)证书 \(review.issued)")
        }
        if !isHighest {
            return .fail(.V4, "\(source)已非最高等级，复核后首次晋升免年限已经用过")
        }
        return nil
    }
}

extension Subject.ReviewKind {
    var chinese: String {
        switch self {
        case .veteran(let placed): "退役安置人员（\(placed)安置）"
        case .interProvince(let held): "外省调入人员（持\(held.province)\(held.grade.chinese)证书）"
        }
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
            let s = Subject(record)
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
