/// Transfers (转岗): T1–T5 (须知·四·7, 须知·二(一)6, 须知·三(一)7).
extension Context {
    // MARK: T1

    /// T1: grade seniority runs from the date the certificate in the original trade was
    /// issued; the check names the certificate and the transfers it came through.
    func seniorityT1(_ seniority: Seniority) -> Check {
        .pass(.T1, .seniority(seniority))
    }

    // MARK: T2

    /// T2: once transferred, a person may not apply for the next grade in the trade they
    /// left; they apply in the new trade.
    func oldTradeT2() -> Check {
        if request.trade != person.trade, subject.chain.contains(request.trade) {
            return .fail(.T2, .oldTrade(applied: request.trade, current: person.trade))
        }
        return .pass(.T2, .newTrade(person.trade))
    }

    // MARK: T3, T4

    /// T4: a transferred person holding grade G in the old trade but no certificate in the
    /// current one must go through the transfer module; once they hold one, they apply
    /// through normal, early or exceptional (RULES T4, interpretation).
    func transferBeforePromotionT4() -> Check? {
        guard subject.chain.isTransferred, grade.isLevelWorker, let held = subject.highest, !subject.holdsCertificateInCurrentTrade
        else { return nil }
        return .fail(.T4, .transferFirst(current: person.trade, held: held))
    }

    /// The transfer module: T3 (等级工 only), then T4's options: (a) the grade held, in the
    /// current trade, with no year thresholds; (b) one grade higher when N2/N3, or E2/E3
    /// in a cycle year, pass with T1's seniority.
    func transferModule(into checks: inout [Check]) -> ModuleOutcome {
        guard grade.isLevelWorker else {
            checks.append(.fail(.T3, .transferNotLevel(grade)))
            return ModuleOutcome()
        }
        checks.append(.pass(.T3, .transferLevel(grade)))
        guard subject.chain.isTransferred else {
            checks.append(.fail(.T4, .notTransferred))
            return ModuleOutcome()
        }
        guard let held = subject.highest else {
            checks.append(.fail(.T4, .noCertificateBeforeTransfer))
            return ModuleOutcome()
        }
        if subject.holdsCertificateInCurrentTrade {
            checks.append(.fail(.T4, .holdsCurrentTrade(person.trade)))
            return ModuleOutcome()
        }
        if grade == held.grade {
            checks.append(.pass(.T4, .transferLateral(held: held, trade: person.trade, grade: grade)))  // T4(a)
            return ModuleOutcome()
        }
        guard grade == held.grade.next else {
            checks.append(.fail(.T4, .transferTooFar(held: held)))
            return ModuleOutcome()
        }
        let normal = thresholds(relax: nil)                                                        // T4(b)
        if !normal.anyFails {
            checks.append(.pass(.T4, .transferNormal(held: held)))
            checks += normal
            return ModuleOutcome()
        }
        if policy.levelCycleYear.value {
            let early = thresholds(relax: nil, early: true)
            if !early.anyFails {
                checks.append(.pass(.T4, .transferEarly(held: held)))
                checks += early
                return ModuleOutcome(certificateYear: cycle + 1)
            }
        }
        checks.append(.fail(.T4, .transferThresholds(held: held)))
        checks += normal
        return ModuleOutcome()
    }

    // MARK: T5

    /// T5: a transferred senior applying for technician needs a senior certificate in the
    /// current trade (须知·二(一)6); a technician applying for senior-technician, a
    /// technician certificate in it (须知·三(一)7, by analogy). Seniority counts per T1.
    func currentTradeCertificateT5(_ below: Grade) -> Check {
        let current = record.certificates.first { $0.trade == person.trade && $0.grade == below }
        if let current {
            return .pass(.T5, .currentTradeCertificate(person.trade, below: below, issued: current.issued))
        }
        return .fail(.T5, .noCurrentTradeCertificate(person.trade, below: below, grade: grade))
    }
}
