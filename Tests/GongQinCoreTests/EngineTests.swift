import Foundation
import GongQinCore
import Testing

@Suite("transfers (T1–T5)")
struct TransferTests {
    let engine = Engines.make()

    @Test("seniority takes each grade's earliest certificate in the chain, the first listed of one day, whatever the order")
    func earliestOfEachGrade() throws {
        let record = Worker(trade: "汽车驾驶与管理", workStart: "2000-06-01").tidy()
            .cert(.intermediate, "2012-06-01").cert(.junior, "2004-06-01")
            .transfer(to: "电工", on: "2016-03-01")
            .cert(.intermediate, "2010-06-01").cert(.junior, "2004-06-01")
            // Another trade's earlier certificate is not in the chain.
            .cert(.junior, "2001-06-01", trade: "焊工")
            .record
        let seniority = record.seniority()
        #expect(seniority.map(\.grade) == [.junior, .intermediate])
        let sameDay = record.certificates.filter { $0.grade == .junior && $0.trade != "焊工" }
        #expect(sameDay.count == 2 && sameDay[0].issued == sameDay[1].issued && sameDay[0] != sameDay[1])
        #expect(seniority[0].certificate == sameDay[0])
        #expect(seniority[1].since == Worker.day("2010-06-01") && seniority[1].certificate.trade == "电工")
    }

    @Test("a two-hop chain: seniority runs from the first trade's certificate")
    func twoHops() throws {
        let worker = Worker(trade: "汽车驾驶与管理", workStart: "2000-06-01").tidy()
            .cert(.junior, "2004-06-01").cert(.intermediate, "2012-06-01")
            .transfer(to: "电工", on: "2016-03-01")
            .transfer(to: "计算机信息处理", on: "2021-09-01")
            .cert(.intermediate, "2023-06-01")
        let chain = worker.record.chain
        #expect(chain.trades == ["计算机信息处理", "电工", "汽车驾驶与管理"])
        let seniority = worker.record.seniority()
        let intermediate = try #require(seniority.first { $0.grade == .intermediate })
        #expect(intermediate.since == Worker.day("2012-06-01"))
        #expect(intermediate.certificate.trade == "汽车驾驶与管理")
        #expect(intermediate.transfers.map(\.to) == ["电工", "计算机信息处理"])
        // With a certificate in the current trade, senior goes through normal with T1.
        let evaluation = engine.evaluate(worker.record, cycle: 2024)
        #expect(evaluation.open == ["senior/normal"])
        let normal = try #require(evaluation.option(.senior, .normal))
        #expect(normal.verdicts(.T1) == [.pass])
        #expect(normal.details(.N3).contains("中级工证书2012年取得（原工种汽车驾驶与管理，T1），须2019年及以前"))
    }

    @Test("without a certificate in the new trade: lateral and one-up transfer options (T4)")
    func transferOptions() throws {
        let evaluation = engine.evaluate(Worker.transferred.record, cycle: 2024)
        #expect(evaluation.open == ["intermediate/transfer", "senior/transfer"])
        #expect(evaluation.option(.senior, .normal)?.verdicts(.T4) == [.fail])
        let lateral = try #require(evaluation.option(.intermediate, .transfer))
        #expect(lateral.details(.T4).first?.contains("平级转入电工中级工") == true)
        let old = try #require(evaluation.options.first { $0.trade == "汽车驾驶与管理" })
        #expect(!old.open)
        #expect(old.verdicts(.T2) == [.fail])
    }

    @Test("T4(b) by the early thresholds gives next year's certificate")
    func transferEarly() throws {
        let worker = Worker(trade: "汽车驾驶与管理", workStart: "2006-06-01").tidy()
            .cert(.junior, "2008-06-01").cert(.intermediate, "2020-06-01").transfer(to: "电工", on: "2022-03-01")
        let option = try #require(engine.evaluate(worker.record, cycle: 2024).option(.senior, .transfer))
        #expect(option.open)
        #expect(option.certificateYear == 2025)
    }
}

@Suite("veterans (V0–V4)")
struct VeteranTests {
    let engine = Engines.make()

    @Test("graded by seniority at placement, even when reviewed later (V1, V2)")
    func placementYear() throws {
        // Enlisted 2004, placed 2014: 10 years at placement → 中级工, though 20 by 2024.
        let worker = Worker(workStart: "2014-03-01", birth: "19850101", enlisted: "2004-12-01", placed: "2014-03-01").tidy()
        let evaluation = engine.evaluate(worker.record, cycle: 2024)
        #expect(evaluation.open == ["intermediate/review"])
        let review = try #require(evaluation.option(.intermediate, .review))
        #expect(review.details(.V1).first?.contains("至安置当年2014年计10年") == true)
        #expect(review.conditions.isEmpty)
        #expect(evaluation.option(.junior, .normal)?.verdicts(.V0) == [.fail])
    }

    @Test("the 3-year relaxation through military honours in two consecutive years (V3, X2)")
    func militaryHonours() throws {
        let worker = Worker.veteran(enlisted: "2015-09-01").award("优秀士兵", "2017-12-01").award("优秀士官", "2018-12-01")
        let evaluation = engine.evaluate(worker.record, cycle: 2024)
        #expect(evaluation.open == ["junior/review", "intermediate/review"])
        let relaxed = try #require(evaluation.option(.intermediate, .review))
        #expect(relaxed.conditions == ["excellent-two-years"])
        #expect(relaxed.details(.X2).first?.contains("2017、2018年连续两年获优秀士兵") == true)
        #expect(evaluation.option(.junior, .review)?.conditions == [])
    }

    @Test("the 3-year relaxation through an 二等功 (V3)")
    func merit() throws {
        let worker = Worker.veteran(enlisted: "2015-09-01").award("二等功", "2019-08-01")
        let relaxed = try #require(engine.evaluate(worker.record, cycle: 2024).option(.intermediate, .review))
        #expect(relaxed.open)
        #expect(relaxed.conditions == ["merit-award"])
        // A used category is never offered (X1).
        let used = worker.used("merit-award", year: 2020, grade: .junior)
        #expect(engine.evaluate(used.record, cycle: 2024).option(.intermediate, .review)?.open == false)
    }

    @Test("the first promotion after review ignores grade years, once (V4)")
    func waiver() throws {
        let reviewed = Worker(workStart: "2000-06-01", enlisted: "1998-12-01", placed: "2020-03-01").tidy()
            .cert(.intermediate, "2022-08-01", route: .review)
        let first = try #require(engine.evaluate(reviewed.record, cycle: 2024).option(.senior, .normal))
        #expect(first.open)
        #expect(first.verdicts(.V4) == [.pass])
        // Work years still apply.
        let young = Worker(workStart: "2015-06-01", enlisted: "2010-12-01", placed: "2015-06-01").tidy()
            .cert(.intermediate, "2022-08-01", route: .review)
        #expect(engine.evaluate(young.record, cycle: 2024).option(.senior, .normal)?.open == false)
        // Once promoted, the waiver is spent.
        let promoted = Worker(workStart: "2000-06-01", enlisted: "1998-12-01", placed: "2018-03-01").tidy()
            .cert(.junior, "2018-08-01", route: .review).cert(.intermediate, "2020-08-01")
        let second = try #require(engine.evaluate(promoted.record, cycle: 2024).option(.senior, .normal))
        #expect(!second.open)
        #expect(second.verdicts(.V4) == [.fail])
        // Never for technician.
        let senior = Worker(workStart: "2000-06-01", enlisted: "1998-12-01", placed: "2020-03-01").tidy()
            .educated(.college).cert(.senior, "2022-08-01", route: .review)
        #expect(engine.evaluate(senior.record, cycle: 2024).option(.technician, .normal)?.open == false)
    }

    @Test("an inter-province transferee is reviewed at the grade held (V6)")
    func interProvince() {
        let worker = Worker(workStart: "2005-06-01", fromProvince: "上海").tidy().cert(.intermediate, "2015-06-01", province: "上海")
        #expect(engine.evaluate(worker.record, cycle: 2024).open == ["intermediate/review"])
        // Once the Jiangsu certificate is issued, normal routes apply, with the original date (V6).
        let confirmed = worker.cert(.intermediate, "2024-08-01", route: .review)
        let senior = engine.evaluate(confirmed.record, cycle: 2026).option(.senior, .normal)
        #expect(senior?.details(.N3).contains { $0.contains("中级工证书2015年取得") } == true)
    }
}

@Suite("exceptional (X1–X4)")
struct ExceptionalTests {
    let engine = Engines.make()

    @Test("offered only when normal and early fail, naming each usable condition")
    func offered() throws {
        let worker = Worker.intermediateLate.assessed(2021...2022, .excellent).educated(.college, "2005-07-01", relevant: true)
        let evaluation = engine.evaluate(worker.record, cycle: 2024)
        let option = try #require(evaluation.option(.senior, .exceptional))
        #expect(option.open)
        #expect(option.conditions == ["excellent-two-years", "college-degree"])
        #expect(option.unofficialValues.contains(.assumed))
        #expect(evaluation.open == ["senior/exceptional"])
    }

    @Test("relaxations do not add up: each named condition must open the option alone")
    func noStacking() {
        let worker = Worker(workStart: "2000-06-01").tidy().cert(.junior, "2003-06-01").cert(.intermediate, "2022-06-01")
            .assessed(2021...2022, .excellent).award("二等功", "2019-01-01")
        let option = engine.decide(worker.record, grade: .senior, module: .exceptional, cycle: 2024,
                                   filingDate: Worker.day("2024-04-01"), conditions: ["excellent-two-years", "merit-award"])
        #expect(!option.open)
    }

    @Test("a declared condition is accepted only when named, with a warning (X2)")
    func declared() {
        let catalogue = ExceptionalCondition.builtins + [
            ExceptionalCondition(code: "skill-contest", category: "skill-contest", name: "技能竞赛",
                                 evidence: .declared, relaxation: Relaxation(workYears: 2, gradeYears: 2),
                                 relaxationStatus: .official, clause: "用户添加"),
        ]
        let engine = Engine(policy: { Policy.fromNotice(year: $0, catalogue: catalogue) }, catalogue: catalogue, trades: [],
                            today: Worker.day("2024-01-10"))
        let worker = Worker.intermediateLate
        #expect(engine.evaluate(worker.record, cycle: 2024).option(.senior, .exceptional)?.open == false)
        let named = engine.decide(worker.record, grade: .senior, module: .exceptional, cycle: 2024,
                                  filingDate: Worker.day("2024-04-01"), conditions: ["skill-contest"])
        #expect(named.open)
        #expect(named.verdicts(.X2) == [.warning])
    }
}

@Suite("policies of other years")
struct PolicyYearTests {
    let catalogue = ExceptionalCondition.builtins

    @Test("2024 is official; 2026 is derived by the offsets and provisional")
    func derived() {
        let p2024 = Policy.fromNotice(year: 2024, catalogue: catalogue)
        #expect(p2024.unofficialValues.allSatisfy { $0.name.contains("破格放宽") })
        let p = Policy.fromNotice(year: 2026, catalogue: catalogue)
        #expect(p.intermediateNormal.workStartBy.value == 2017)
        #expect(p.seniorEarly.certificateBy.value == 2022)
        #expect(p.technicianCertificateBy.value == Day(year: 2022, month: 12, day: 31))
        #expect(p.levelDeadline.value == Day(year: 2026, month: 4, day: 15))
        #expect(p.intermediateNormal.workStartBy.status == .provisional)
        #expect(p.technicianExam.value == nil)
        let engine = Engines.make(today: "2025-11-26")
        let worker = Worker(workStart: "2017-06-01", birth: "19900101").tidy().cert(.junior, "2021-06-01")
        let option = engine.evaluate(worker.record, cycle: 2026).option(.intermediate, .normal)!
        #expect(option.open)
        #expect(option.unofficialValues.contains(.provisional))
    }

    @Test("2025 is not a 等级工 year: only technician and senior-technician")
    func nonCycleYear() {
        let engine = Engines.make(today: "2025-01-10")
        #expect(engine.evaluate(Worker.senior.record, cycle: 2025).open == [])
        #expect(engine.evaluate(Worker.technician.record, cycle: 2025).open == ["technician/normal"])
        let closed = engine.evaluate(Worker.senior.record, cycle: 2025).option(.senior, .normal)!
        #expect(closed.earliestCycle == 2026)
        #expect(engine.nextCycle(asOf: Worker.day("2025-01-10")) == 2026)
        #expect(engine.nextCycle(asOf: Worker.day("2024-04-15")) == 2024)
        #expect(engine.nextCycle(asOf: Worker.day("2024-04-16")) == 2026)
    }

    /// An official 2026 policy: the derived one, marked official, with the 中级工 work
    /// start one year earlier than the offsets give.
    func official2026() throws -> Policy {
        var p = try Policy.fromNotice(year: 2026, catalogue: catalogue).edited {
            $0.replacingOccurrences(of: "\"provisional\"", with: "\"official\"")
        }
        p.intermediateNormal.workStartBy = Sourced(2016, .official, "须知·一·表")
        return p
    }

    @Test("the notice's document decodes, and derives no other value for 2024")
    func notice() {
        #expect(Policy.notice.year == 2024)
        #expect(Policy.notice.intermediateNormal.workStartBy.value == 2015)
        #expect(Policy.notice.technicianExam.value == Day(year: 2024, month: 6, day: 22))
        #expect(Policy.notice.problems(conditions: []).isEmpty)
    }

    @Test("a loaded official policy changes a threshold")
    func loaded() throws {
        let catalogue = self.catalogue
        let official = try official2026()
        #expect(official.problems(conditions: Set(catalogue.map(\.code))).isEmpty)
        #expect(official.intermediateNormal.workStartBy.value == 2016)
        #expect(official.intermediateNormal.workStartBy.status == .official)
        let engine = Engine(policy: { $0 == 2026 ? official : Policy.fromNotice(year: $0, catalogue: catalogue) },
                            catalogue: catalogue, trades: [], today: Worker.day("2025-11-26"))
        // Work start 2017: open by the offsets (≤ 2017), closed by the loaded value (≤ 2016).
        let worker = Worker(workStart: "2017-06-01", birth: "19900101").tidy().cert(.junior, "2021-06-01")
        let option = engine.evaluate(worker.record, cycle: 2026).option(.intermediate, .normal)!
        #expect(!option.open)
        #expect(option.details(.N2).contains("参加工作2017年，须2016年及以前"))
        #expect(!option.unofficialValues.contains(.provisional))
    }

    @Test("an inconsistent policy is refused with each problem named")
    func inconsistent() throws {
        var p = try official2026()
        p.origin = " "
        p.juniorWorkStartBy.value = 2027
        p.intermediateEarly.workStartBy.value = 2015
        p.levelDeadline.value = Day(year: 2025, month: 4, day: 15)!
        p.assessmentTo.value = 2026
        p.relaxations["no-such"] = Sourced(Relaxation(workYears: 1, gradeYears: 1, waivesEducation: false), .official, "破格条件")
        p.seniorNormal.certificateBy.source = ""
        let problems = p.problems(conditions: Set(catalogue.map(\.code)))
        for problem: PolicyProblem in [.originEmpty, .thresholdNotBefore(key: "juniorWorkStartBy", 2027, year: 2026),
                                       .earlyWorkStartEarlier(.intermediate, early: 2015, normal: 2016),
                                       .dayOutsideYear(key: "levelDeadline", Day(year: 2025, month: 4, day: 15)!, year: 2026),
                                       .unknownCondition(code: "no-such"), .sourceEmpty(key: "seniorNormal.certificateBy")] {
            #expect(problems.contains(problem), "\(problem) not found: \(problems)")
        }
        #expect(problems.contains { if case .assessmentWindow(from: _, to: 2026) = $0 { true } else { false } }, "\(problems)")
    }

    @Test("an incomplete policy does not decode")
    func incomplete() throws {
        #expect(throws: DecodingError.self) {
            try Policy.notice.edited { $0.replacingOccurrences(of: "\"assessmentFrom\"", with: "\"x\"") }
        }
    }
}

@Suite("earliest cycle")
struct EarliestCycleTests {
    @Test("the first cycle in which a closed option opens with time alone")
    func earliest() throws {
        let engine = Engines.make()
        // Intermediate certificate 2022: normal needs ≤ Y−5 → 2027, but 2027 is odd → 2028.
        let worker = Worker(workStart: "2000-06-01").tidy().cert(.junior, "2003-06-01").cert(.intermediate, "2022-06-01")
        let evaluation = engine.evaluate(worker.record, cycle: 2024)
        #expect(evaluation.option(.senior, .normal)?.earliestCycle == 2028)
        #expect(evaluation.option(.senior, .early)?.earliestCycle == 2026)
        // No education for a technician: time alone never opens it.
        let technician = Worker.senior.cert(.senior, "2015-06-01")
        #expect(engine.evaluate(technician.record, cycle: 2024).option(.technician, .normal)?.earliestCycle == nil)
        // A 不合格 in 2022 leaves the window 2029 → 2028 is Y−1 = 2027 window 2023–2027.
        let failed = Worker.senior.assessed(2022...2022, .fail)
        #expect(engine.evaluate(failed.record, cycle: 2024).option(.senior, .normal)?.earliestCycle == 2028)
    }
}
