import GongQinCore
import Testing

/// One case of one rule: a worker, an option, and the verdict the rule must give.
struct RuleCase: CustomTestStringConvertible, Sendable {
    var rule: RuleID
    var verdict: Verdict
    var name: String
    var worker: Worker
    var cycle = 2024
    var grade: Grade
    var module: Module = .normal
    var trade: String?
    var filingDate: String?
    var conditions: [String]?
    var trades: [Trade] = []

    var testDescription: String { "\(rule.rawValue) \(verdict.rawValue): \(name)" }

    func decide() -> OptionDecision {
        let engine = Engines.make(trades: trades)
        let filing = filingDate.map(Worker.day) ?? engine.policy(cycle).deadline(for: grade).value
        return engine.decide(worker.record, grade: grade, module: module, trade: trade, cycle: cycle, filingDate: filing,
                             conditions: conditions)
    }
}

extension Worker {
    /// Senior-ready in 2024: work start 2000, junior 2003, intermediate 2010, 高中, 合格.
    static var senior: Worker {
        Worker(workStart: "2000-06-01").tidy().cert(.junior, "2003-06-01").cert(.intermediate, "2010-06-01")
    }

    /// Technician-ready in 2024.
    static var technician: Worker {
        senior.cert(.senior, "2015-06-01").educated(.college, "2012-07-01")
    }

    /// Transferred from 汽车驾驶与管理 to 电工 in 2020, holding 中级工 in the old trade.
    static var transferred: Worker {
        Worker(trade: "汽车驾驶与管理", workStart: "2000-06-01").tidy()
            .cert(.junior, "2003-06-01").cert(.intermediate, "2010-06-01").transfer(to: "电工", on: "2020-03-01")
    }

    /// A veteran who enlisted in `enlisted` and was placed in 2023.
    static func veteran(enlisted: String) -> Worker {
        Worker(workStart: "2023-03-01", birth: "19800101", enlisted: enlisted, placed: "2023-03-01").tidy()
    }
}

enum RuleCases {
    /// The clause of the notice each rule cites, written out here from the rules document
    /// rather than read from `RuleID.clause`: a check that cites the wrong clause fails.
    static let clauses: [RuleID: String] = [
        .CY: "须知·四·1",
        .N1: "须知·一·表", .N2: "须知·一·表", .N3: "须知·一·表",
        .E2: "须知·一·表；须知·四·1", .E3: "须知·一·表；须知·四·1",
        .N4: "须知·四·4", .N5: "须知·四·5",
        .A1: "省·基线；须知·一(一)5；须知·二(一)5", .M1: "省·基线", .K1: "省·基线；须知·四·7", .G1: "须知·一·表",
        .T1: "须知·四·7", .T2: "须知·四·7", .T3: "须知·四·7", .T4: "须知·四·7", .T5: "须知·二(一)6；须知·三(一)7",
        .X1: "须知·四·8", .X2: "须知·四·8；须知·一(五)4", .X3: "须知·一(五)4", .X4: "须知·一(二)", .X5: "须知·四·8",
        .V0: "须知·一(四)1", .V1: "须知·一(五)3", .V2: "须知·一(五)1", .V3: "须知·一(五)4",
        .V4: "须知·一(五)5", .V5: "须知·一(五)2", .V6: "须知·一(四)1",
        .D1: "须知·四·12", .D6: "须知·四·12",
        .R1: "须知·四·8", .R2: "须知·四·8", .R3: "须知·四·8", .FC1: "须知·一·表；须知·四·1",
        .PL1: "须知·四·8", .PL2: "须知·一(四)1", .PL3: "须知·二(一)5",
    ]

    static let all: [RuleCase] = [
        RuleCase(rule: .CY, verdict: .pass, name: "2024 is a cycle year", worker: .senior, grade: .senior),
        RuleCase(rule: .CY, verdict: .fail, name: "2025 is not", worker: .senior, cycle: 2025, grade: .senior),
        RuleCase(rule: .N1, verdict: .pass, name: "work start 2023, probation over",
                 worker: Worker(workStart: "2023-01-01", birth: "20000101", probationEnd: "2024-01-01").tidy(), grade: .junior),
        RuleCase(rule: .N1, verdict: .fail, name: "work start 2024",
                 worker: Worker(workStart: "2024-01-01", birth: "20000101").tidy(), grade: .junior),
        RuleCase(rule: .N2, verdict: .pass, name: "2010 / junior 2015",
                 worker: Worker(workStart: "2010-06-01").tidy().cert(.junior, "2015-06-01"), grade: .intermediate),
        RuleCase(rule: .N2, verdict: .fail, name: "junior 2021",
                 worker: Worker(workStart: "2010-06-01").tidy().cert(.junior, "2021-06-01"), grade: .intermediate),
        RuleCase(rule: .N3, verdict: .pass, name: "2000 / intermediate 2010", worker: .senior, grade: .senior),
        RuleCase(rule: .N3, verdict: .fail, name: "intermediate 2021",
                 worker: Worker(workStart: "2000-06-01").tidy().cert(.junior, "2003-06-01").cert(.intermediate, "2021-06-01"), grade: .senior),
        RuleCase(rule: .E2, verdict: .pass, name: "2016 / junior 2019",
                 worker: Worker(workStart: "2016-06-01", birth: "19900101").tidy().cert(.junior, "2019-06-01"), grade: .intermediate, module: .early),
        RuleCase(rule: .E2, verdict: .fail, name: "2017",
                 worker: Worker(workStart: "2017-06-01", birth: "19900101").tidy().cert(.junior, "2019-06-01"), grade: .intermediate, module: .early),
        RuleCase(rule: .E3, verdict: .pass, name: "2006 / intermediate 2020",
                 worker: Worker(workStart: "2006-06-01").tidy().cert(.junior, "2008-06-01").cert(.intermediate, "2020-06-01"), grade: .senior, module: .early),
        RuleCase(rule: .E3, verdict: .fail, name: "intermediate 2021",
                 worker: Worker(workStart: "2006-06-01").tidy().cert(.junior, "2008-06-01").cert(.intermediate, "2021-06-01"), grade: .senior, module: .early),
        RuleCase(rule: .N4, verdict: .pass, name: "senior 2015, 大专", worker: .technician, grade: .technician),
        RuleCase(rule: .N4, verdict: .fail, name: "高中 only", worker: Worker.senior.cert(.senior, "2015-06-01"), grade: .technician),
        RuleCase(rule: .N5, verdict: .pass, name: "technician 2019, 大专",
                 worker: Worker.technician.cert(.technician, "2019-06-01"), grade: .seniorTechnician),
        RuleCase(rule: .N5, verdict: .fail, name: "technician 2022",
                 worker: Worker.technician.cert(.technician, "2022-06-01"), grade: .seniorTechnician),
        RuleCase(rule: .A1, verdict: .pass, name: "all 合格", worker: .senior, grade: .senior),
        RuleCase(rule: .A1, verdict: .fail, name: "a 不合格 in 2021", worker: Worker.senior.assessed(2021...2021, .fail), grade: .senior),
        RuleCase(rule: .M1, verdict: .pass, name: "高中 for senior", worker: .senior, grade: .senior),
        RuleCase(rule: .M1, verdict: .fail, name: "初中 for senior",
                 worker: Worker(workStart: "2000-06-01").assessed(2014...2025).educated(.juniorHigh)
                    .cert(.junior, "2003-06-01").cert(.intermediate, "2010-06-01"), grade: .senior),
        RuleCase(rule: .K1, verdict: .pass, name: "current trade", worker: .senior, grade: .senior),
        RuleCase(rule: .K1, verdict: .fail, name: "a trade open only to 高级工", worker: .technician, grade: .technician,
                 trades: [Trade(name: "电工", maxGrade: .senior)]),
        RuleCase(rule: .G1, verdict: .pass, name: "next grade", worker: .senior, grade: .senior),
        RuleCase(rule: .G1, verdict: .fail, name: "skipping a grade", worker: .senior, grade: .technician),
        RuleCase(rule: .T1, verdict: .pass, name: "seniority from the old trade", worker: Worker.transferred.cert(.intermediate, "2022-06-01"), grade: .senior),
        RuleCase(rule: .T2, verdict: .pass, name: "the new trade", worker: Worker.transferred.cert(.intermediate, "2022-06-01"), grade: .senior),
        RuleCase(rule: .T2, verdict: .fail, name: "the trade left", worker: .transferred, grade: .senior, trade: "汽车驾驶与管理"),
        RuleCase(rule: .T3, verdict: .pass, name: "等级工", worker: .transferred, grade: .intermediate, module: .transfer),
        RuleCase(rule: .T3, verdict: .fail, name: "technician", worker: .transferred, grade: .technician, module: .transfer),
        RuleCase(rule: .T4, verdict: .pass, name: "lateral 中级工", worker: .transferred, grade: .intermediate, module: .transfer),
        RuleCase(rule: .T4, verdict: .fail, name: "not transferred", worker: .senior, grade: .senior, module: .transfer),
        RuleCase(rule: .T5, verdict: .pass, name: "senior in the new trade",
                 worker: Worker.transferred.cert(.senior, "2015-06-01", trade: "汽车驾驶与管理").cert(.senior, "2021-06-01")
                    .educated(.college, "2012-07-01"), grade: .technician),
        RuleCase(rule: .T5, verdict: .fail, name: "senior only in the old trade",
                 worker: Worker.transferred.cert(.senior, "2015-06-01", trade: "汽车驾驶与管理").educated(.college, "2012-07-01"),
                 grade: .technician),
        RuleCase(rule: .X1, verdict: .pass, name: "unused category",
                 worker: Worker.intermediateLate.assessed(2021...2022, .excellent), grade: .senior, module: .exceptional),
        RuleCase(rule: .X1, verdict: .fail, name: "used on an earlier form",
                 worker: Worker.intermediateLate.assessed(2021...2022, .excellent).used("excellent-two-years", year: 2010, grade: .intermediate),
                 grade: .senior, module: .exceptional, conditions: ["excellent-two-years"]),
        RuleCase(rule: .X2, verdict: .pass, name: "two 优秀 years",
                 worker: Worker.intermediateLate.assessed(2021...2022, .excellent), grade: .senior, module: .exceptional),
        RuleCase(rule: .X2, verdict: .fail, name: "no evidence", worker: .intermediateLate, grade: .senior, module: .exceptional),
        RuleCase(rule: .X3, verdict: .pass, name: "2 years close the gap",
                 worker: Worker.intermediateLate.assessed(2021...2022, .excellent), grade: .senior, module: .exceptional),
        RuleCase(rule: .X3, verdict: .fail, name: "3 years short",
                 worker: Worker(workStart: "2000-06-01").tidy().cert(.junior, "2003-06-01").cert(.intermediate, "2023-06-01")
                    .assessed(2021...2022, .excellent), grade: .senior, module: .exceptional),
        RuleCase(rule: .X4, verdict: .pass, name: "normal and early closed",
                 worker: Worker.intermediateLate.assessed(2021...2022, .excellent), grade: .senior, module: .exceptional),
        RuleCase(rule: .X4, verdict: .fail, name: "normal open", worker: Worker.senior.assessed(2021...2022, .excellent),
                 grade: .senior, module: .exceptional),
        RuleCase(rule: .V0, verdict: .pass, name: "a placed veteran", worker: .veteran(enlisted: "2011-09-01"), grade: .intermediate, module: .review),
        RuleCase(rule: .V0, verdict: .fail, name: "a veteran through normal", worker: .veteran(enlisted: "2011-09-01"), grade: .junior),
        RuleCase(rule: .V1, verdict: .pass, name: "12 years → 中级工", worker: .veteran(enlisted: "2011-09-01"), grade: .intermediate, module: .review),
        RuleCase(rule: .V1, verdict: .fail, name: "not below the V1 grade", worker: .veteran(enlisted: "2011-09-01"), grade: .junior, module: .review),
        RuleCase(rule: .V2, verdict: .pass, name: "placed before the deadline", worker: .veteran(enlisted: "2011-09-01"), grade: .intermediate, module: .review),
        RuleCase(rule: .V2, verdict: .fail, name: "placed after the deadline",
                 worker: Worker(workStart: "2024-05-01", birth: "19800101", enlisted: "2011-09-01", placed: "2024-05-01").tidy(),
                 grade: .intermediate, module: .review),
        RuleCase(rule: .V3, verdict: .pass, name: "8 years and a 二等功 → 中级工",
                 worker: Worker.veteran(enlisted: "2015-09-01").award("二等功", "2018-08-01"), grade: .intermediate, module: .review),
        RuleCase(rule: .V3, verdict: .fail, name: "5 years and a 二等功 stay 初级工",
                 worker: Worker.veteran(enlisted: "2018-09-01").award("二等功", "2020-08-01"), grade: .intermediate, module: .review,
                 conditions: ["merit-award"]),
        RuleCase(rule: .V4, verdict: .pass, name: "first promotion after review",
                 worker: Worker(workStart: "2000-06-01", enlisted: "1998-12-01", placed: "2020-03-01").tidy()
                    .cert(.intermediate, "2022-08-01", route: .review), grade: .senior),
        RuleCase(rule: .V4, verdict: .fail, name: "already promoted once",
                 worker: Worker(workStart: "2000-06-01", enlisted: "1998-12-01", placed: "2020-03-01").tidy()
                    .cert(.junior, "2021-08-01", route: .review).cert(.intermediate, "2022-08-01"), grade: .senior),
        RuleCase(rule: .V5, verdict: .pass, name: "the trade HR proposes", worker: .veteran(enlisted: "2011-09-01"), grade: .intermediate, module: .review),
        RuleCase(rule: .V6, verdict: .pass, name: "confirms the grade held",
                 worker: Worker(workStart: "2005-06-01", fromProvince: "上海").tidy().cert(.intermediate, "2015-06-01", province: "上海"),
                 grade: .intermediate, module: .review),
        RuleCase(rule: .V6, verdict: .fail, name: "not a higher grade",
                 worker: Worker(workStart: "2005-06-01", fromProvince: "上海").tidy().cert(.intermediate, "2015-06-01", province: "上海"),
                 grade: .senior, module: .review),
        RuleCase(rule: .PL2, verdict: .pass, name: "a veteran holding a Jiangsu 初级工 reviewed for 中级工",
                 worker: Worker.veteran(enlisted: "2011-09-01").cert(.junior, "2023-06-01"), grade: .intermediate, module: .review),
        RuleCase(rule: .PL2, verdict: .fail, name: "a veteran holding a Jiangsu 中级工 is not reviewed for 初级工",
                 worker: Worker.veteran(enlisted: "2016-09-01").cert(.intermediate, "2023-06-01", trade: "药剂"), grade: .junior, module: .review),
        RuleCase(rule: .D1, verdict: .pass, name: "filed on the deadline day", worker: .senior, grade: .senior, filingDate: "2024-04-15"),
        RuleCase(rule: .D1, verdict: .fail, name: "filed a day late", worker: .senior, grade: .senior, filingDate: "2024-04-16"),
    ]
}

extension Worker {
    /// Intermediate 2021: normal (≤ 2019) and early (≤ 2020) closed, exceptional (≤ 2021) open.
    static var intermediateLate: Worker {
        Worker(workStart: "2000-06-01").tidy().cert(.junior, "2003-06-01").cert(.intermediate, "2021-06-01")
    }
}

@Suite("rule coverage: every rule passes and fails somewhere")
struct RuleCoverageTests {
    @Test("each case gives its verdict", arguments: RuleCases.all)
    func ruleCase(_ c: RuleCase) {
        let option = c.decide()
        #expect(option.verdicts(c.rule).contains(c.verdict),
                "\(c.rule.rawValue) gave \(option.verdicts(c.rule)): \(option.checks.map { "\($0.rule.rawValue) \($0.verdict.rawValue) \($0.detail)" })")
        if c.verdict == .fail { #expect(!option.open) }
        for check in option.checks {
            #expect(check.clause == RuleCases.clauses[check.rule], "\(check.rule.rawValue) cites \(check.clause)")
        }
    }

    @Test("every rule of the catalogue has a passing and a failing case")
    func coverage() {
        for rule in RuleID.allCases where rule.isDecidedByEngine {
            let verdicts = Set(RuleCases.all.filter { $0.rule == rule }.map(\.verdict))
            #expect(verdicts.contains(.pass), "\(rule.rawValue) has no passing case")
            if !rule.isInformational {
                #expect(verdicts.contains(.fail), "\(rule.rawValue) has no failing case")
            }
        }
    }

    @Test("every rule has a clause of the notice and a title")
    func citations() {
        for rule in RuleID.allCases {
            #expect(rule.clause.hasPrefix("须知") || rule.clause.hasPrefix("省·基线"))
            #expect(rule.clause == RuleCases.clauses[rule], "\(rule.rawValue) cites \(rule.clause)")
            #expect(!rule.title.isEmpty)
            #expect(!rule.definition.reading.isEmpty, "\(rule.rawValue) has no reading")
        }
    }

    @Test("several rules are cited with their IDs and each clause once")
    func citeSeveral() {
        #expect(RuleID.cite([.X1, .R3]) == "X1，R3，须知·四·8")
        #expect(RuleID.cite([.E2, .E3]) == "E2，E3，须知·一·表；须知·四·1")
        #expect(RuleID.cite([.X1, .X2]) == "X1，X2，须知·四·8；须知·一(五)4")
        #expect(RuleID.cite([.R1]) == RuleID.R1.citation)
    }
}
