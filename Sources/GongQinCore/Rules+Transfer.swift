/// Transfers (转岗): T1–T5 (须知·四·7, 须知·二(一)6, 须知·三(一)7).
extension Context {
    // MARK: T1

    /// T1: grade seniority runs from the date the certificate in the original trade was
    /// issued; the check names the certificate and the transfers it came through.
    func seniorityT1(_ seniority: Seniority) -> Check {
        let path = seniority.transfers.map { "\($0.date)由\($0.from)转\($0.to)" }.joined(separator: "，")
        return .pass(.T1, "\(seniority.grade.chinese)年限从原工种\(seniority.certificate.trade)证书\(seniority.since)起算（\(path)）",
                     record: "\(seniority.certificate.trade)\(seniority.grade.chinese)证书 \(seniority.since)")
    }

    // MARK: T2

    /// T2: once transferred, a person may not apply for the next grade in the trade they
    /// left; they apply in the new trade.
    func oldTradeT2() -> Check {
        if request.trade != person.trade, subject.chain.contains(request.trade) {
            return .fail(.T2, "已转岗人员不可以按转岗前工种\(request.trade)申报上一个等级，要按新工种\(person.trade)申报")
        }
        return .pass(.T2, "按转岗后工种\(person.trade)申报")
    }

    // MARK: T3, T4

    /// T4: a transferred person holding grade G in the old trade but no certificate in the
    /// current one must go through the transfer module; once they hold one, they apply
    /// through normal, early or exceptional (RULES T4, interpretation).
    func transferBeforePromotionT4() -> Check? {
        guard subject.chain.isTransferred, grade.isLevelWorker, let held = subject.highest, !subject.holdsCertificateInCurrentTrade
        else { return nil }
        return .fail(.T4, "转岗后尚无\(person.trade)证书（原工种\(held.certificate.trade)\(held.grade.chinese)），须先走转岗申报")
    }

    /// The transfer module: T3 (等级工 only), then T4's options: (a) the grade held, in the
    /// current trade, with no year thresholds; (b) one grade higher when N2/N3, or E2/E3
    /// in a cycle year, pass with T1's seniority.
    func transferModule() -> ModuleOutcome {
        guard grade.isLevelWorker else {
            return ModuleOutcome(checks: [.fail(.T3, "转岗申报只适用于等级工，\(grade.chinese)不得转岗申报")])
        }
        var checks: [Check] = [.pass(.T3, "\(grade.chinese)属等级工，可转岗申报")]
        guard subject.chain.isTransferred else {
            return ModuleOutcome(checks: checks + [.fail(.T4, "未登记转岗，不适用转岗申报")])
        }
        guard let held = subject.highest else {
            return ModuleOutcome(checks: checks + [.fail(.T4, "转岗前未取得等级证书，按初级工正常申报")])
        }
        if subject.holdsCertificateInCurrentTrade {
            return ModuleOutcome(checks: checks + [.fail(.T4, "已持现工种\(person.trade)证书，晋级按正常、提前或破格申报")])
        }
        let origin = "原工种\(held.certificate.trade)\(held.grade.chinese)（\(held.since)）"
        if grade == held.grade {
            checks.append(.pass(.T4, "\(origin)，平级转入\(person.trade)\(grade.chinese)，不设年限（T4(a)）",
                                record: "\(held.certificate.trade)\(held.grade.chinese)证书 \(held.since)"))
            return ModuleOutcome(checks: checks)
        }
        guard grade == held.grade.next else {
            return ModuleOutcome(checks: checks + [.fail(.T4, "\(origin)，转岗申报只能平级或晋升一级")])
        }
        let normal = thresholds(relax: nil)
        if !normal.contains(where: { $0.verdict == .fail }) {
            return ModuleOutcome(checks: checks + [.pass(.T4, "\(origin)，晋升一级按正常申报条件（T4(b)）")] + normal)
        }
        if policy.levelCycleYear.value {
            let early = thresholds(relax: nil, early: true)
            if !early.contains(where: { $0.verdict == .fail }) {
                return ModuleOutcome(checks: checks + [.pass(.T4, "\(origin)，晋升一级按提前一年申报条件（T4(b)）")] + early,
                                     certificateYear: cycle + 1)
            }
        }
        return ModuleOutcome(checks: checks + [.fail(.T4, "\(origin)，晋升一级须符合正常或提前申报的年限（T4(b)）")] + normal)
    }

    // MARK: T5

    /// T5: a transferred senior applying for technician needs a senior certificate in the
    /// current trade (须知·二(一)6); a technician applying for senior-technician, a
    /// technician certificate in it (须知·三(一)7, by analogy). Seniority counts per T1.
    func currentTradeCertificateT5(_ below: Grade) -> Check {
        let current = record.certificates.first { $0.trade == person.trade && $0.grade == below }
        if let current {
            return .pass(.T5, "持现工种\(person.trade)\(below.chinese)证书（\(current.issued)）",
                         record: "\(person.trade)\(below.chinese)证书 \(current.issued)")
        }
        return .fail(.T5, "转岗人员申报\(grade.chinese)须持现工种\(person.trade)\(below.chinese)证书，可先走转岗申报取得")
    }
}
