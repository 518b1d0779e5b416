/// The exceptional route (破格): X1–X4 (须知·四·8, 须知·一(二), 须知·一(五)4).
extension Context {
    /// One condition tried on this option: whether the records evidence it (X2), whether
    /// its category is unused (X1), and whether its relaxation alone opens the option (X3).
    struct ConditionTrial {
        var condition: ExceptionalCondition
        var checks: [Check]
        var usable: Bool { !checks.anyFails }
    }

    /// The exceptional module. X4: offered only when the normal rule fails and the early
    /// rule fails or is not offered; each usable condition opens it on its own, and
    /// relaxations do not add up.
    func exceptionalModule(into checks: inout [Check]) -> ModuleOutcome {
        if let t4 = transferBeforePromotionT4() { checks.append(t4) }
        if let shut = exceptionalShutX4() {
            checks.append(shut)
            return ModuleOutcome()
        }
        checks.append(.pass(.X4, .exceptionalOffered(earlyOffered: earlyOffered)))
        let trials = conditionTrials { condition in
            let relaxation = policy.relaxation(of: condition)
            let relaxed = thresholds(relax: relaxation.value)
            let opens = !relaxed.anyFails
            var checks = [Check.verdict(.X3, opens, .relaxation(relaxation.value, opens: opens), status: relaxation.status)]
            checks += relaxed
            if let m1 = minimumEducationM1(waived: relaxation.value.waivesEducation) { checks.append(m1) }
            return checks
        }
        // Without `complete`, a closed option keeps only the trial that first shows it closed.
        if !complete, let first = trials.first, !trials.contains(where: \.usable) {
            checks += first.checks
            return ModuleOutcome()
        }
        checks += trialChecks(trials)
        return ModuleOutcome(conditions: trials.filter(\.usable).map(\.condition.code))
    }

    /// X4: the exceptional route is shut while the normal option is open, or the early one
    /// is offered and open.
    func exceptionalShutX4() -> Check? {
        if normalIsOpen { return .fail(.X4, .normalOpenNotExceptional(cycle: cycle)) }
        if earlyOffered && earlyIsOpen { return .fail(.X4, .earlyOpenNotExceptional) }
        return nil
    }

    /// Tries each condition: the ones the clerk named, or every condition of the
    /// catalogue that a record type can evidence (declared ones are never offered, X2).
    /// Unless every check is asked for (`complete`), a trial stops at X2 or X1 when it
    /// fails there: the condition is not usable whatever follows.
    func conditionTrials(_ relaxed: (ExceptionalCondition) -> [Check]) -> [ConditionTrial] {
        let candidates: [ExceptionalCondition]
        var trials: [ConditionTrial] = []
        if let named = request.namedConditions {
            candidates = named.compactMap { code in engine.catalogue.first { $0.code == code } }
            for code in named where !candidates.contains(where: { $0.code == code }) {
                trials.append(ConditionTrial(
                    condition: ExceptionalCondition(code: code, category: code, name: code, evidence: .declared,
                                                    relaxation: Relaxation(workYears: 0, gradeYears: 0), relaxationStatus: .assumed,
                                                    clause: ""),
                    checks: [Check.fail(.X2, .unknownCondition).about(condition: code)]))
            }
        } else {
            candidates = engine.offered
        }
        for condition in candidates {
            var checks = [evidenceX2(condition).about(condition: condition.code)]
            if complete || checks[0].verdict != .fail {
                checks.append(unusedX1(condition).about(condition: condition.code))
                if complete || checks[1].verdict != .fail {
                    for check in relaxed(condition) { checks.append(check.about(condition: condition.code)) }
                }
            }
            trials.append(ConditionTrial(condition: condition, checks: checks))
        }
        return trials
    }

    /// The checks an option shows for its conditions: when some condition is usable and
    /// none was named, only the usable ones; otherwise every trial, with its failures.
    func trialChecks(_ trials: [ConditionTrial]) -> [Check] {
        let usable = trials.filter(\.usable)
        if trials.isEmpty {
            return [.fail(.X2, request.namedConditions == nil ? .emptyCatalogue : .noConditionNamed)]
        }
        if request.namedConditions == nil, !usable.isEmpty {
            var checks = usable.flatMap(\.checks)
            let others = trials.filter { !$0.usable }.map(\.condition.name)
            if !others.isEmpty {
                checks.append(.pass(.X4, .usableConditions(usable.map(\.condition.name), others: others)))
            }
            return checks
        }
        return trials.flatMap(\.checks)
    }

    // MARK: X1

    /// X1: a category may be used once in a person's whole history, historic uses included
    /// (`PersonRecord.use(ofCategory:apartFrom:)`, the one definition of “used”). Judging an
    /// option that an application in progress of this cycle is for (its `explain`, R1 at a
    /// commit), that application's uses are its own; `apply` counts every use.
    func unusedX1(_ condition: ExceptionalCondition) -> Check {
        let own = purpose == .judge ? record.applicationInProgress(grade: grade, module: request.module, cycle: cycle) : nil
        if let earlier = record.use(ofCategory: condition.category, apartFrom: own) {
            return .fail(.X1, .categoryUsed(name: condition.name, earlier))
        }
        return .pass(.X1, .categoryUnused(name: condition.name))
    }

    // MARK: X2

    /// X2: the records evidence the condition, as of the filing date.
    func evidenceX2(_ condition: ExceptionalCondition) -> Check {
        let found = Evidence.check(condition, in: record, window: policy.assessmentWindow, by: filingDate,
                                   militaryHonours: request.module == .review)
        return Check(.X2, found.isSatisfied ? .pass : found.isDeclared ? .warning : .fail, .evidence(found))
    }
}
