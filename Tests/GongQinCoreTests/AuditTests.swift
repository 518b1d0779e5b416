import GongQinCore
import Testing

@Suite("audit (X5)")
struct AuditTests {
    let catalogue = ExceptionalCondition.builtins + [
        ExceptionalCondition(code: "skill-contest", category: "skill-contest", name: "技能竞赛", evidence: .declared,
                             relaxation: Relaxation(workYears: 1, gradeYears: 1), relaxationStatus: .official, clause: "用户添加"),
    ]

    func kinds(_ worker: Worker) -> [Audit.Kind] { Audit.findings(worker.record, catalogue: catalogue).map(\.kind) }

    @Test("a clean history has no findings")
    func clean() {
        let worker = Worker(workStart: "2000-06-01").tidy().assessed(2013...2014, .excellent)
            .cert(.intermediate, "2015-06-01", route: .exceptional).used("excellent-two-years", year: 2015, grade: .intermediate)
        #expect(kinds(worker) == [])
        #expect(Audit.unusedCategories(worker.record, catalogue: catalogue) == ["college-degree", "merit-award", "skill-contest"])
    }

    @Test("exceptional-cert-without-use")
    func certWithoutUse() {
        let worker = Worker(workStart: "2000-06-01").tidy().cert(.intermediate, "2015-06-01", route: .exceptional)
        #expect(kinds(worker) == [.exceptionalCertWithoutUse])
    }

    @Test("use-without-evidence: no two 优秀 years in U−5…U−1, no relevant 大专 before U")
    func withoutEvidence() {
        // 优秀 in 2014 and 2015 is outside 2010–2014 for a use in 2015... only 2014 is inside.
        let excellent = Worker(workStart: "2000-06-01").tidy().assessed(2014...2015, .excellent)
            .used("excellent-two-years", year: 2015, grade: .intermediate)
        #expect(kinds(excellent) == [.useWithoutEvidence])
        let degree = Worker(workStart: "2000-06-01").tidy().educated(.college, "2016-07-01", relevant: true)
            .used("college-degree", year: 2016, grade: .intermediate)
        #expect(kinds(degree) == [.useWithoutEvidence])
        let earlier = Worker(workStart: "2000-06-01").tidy().educated(.college, "2015-07-01", relevant: true)
            .used("college-degree", year: 2016, grade: .intermediate)
        #expect(kinds(earlier) == [])
    }

    @Test("category-used-twice")
    func twice() {
        let worker = Worker(workStart: "2000-06-01").tidy().award("二等功", "2005-01-01")
            .used("merit-award", year: 2010, grade: .intermediate).used("merit-award", year: 2016, grade: .senior)
        #expect(kinds(worker) == [.categoryUsedTwice])
    }

    @Test("declared-evidence")
    func declared() {
        let worker = Worker(workStart: "2000-06-01").tidy().used("skill-contest", year: 2016, grade: .senior)
        #expect(kinds(worker) == [.declaredEvidence])
    }
}
