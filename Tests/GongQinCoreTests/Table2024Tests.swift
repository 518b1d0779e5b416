import GongQinCore
import Testing

/// The 2024 table of the notice (须知·一·表), cell by cell on both sides of each boundary.
@Suite("the 2024 table (须知·一·表)")
struct Table2024Tests {
    let engine = Engines.make()

    struct Case: CustomTestStringConvertible, Sendable {
        var grade: Grade
        var workStart: String
        var certificate: String
        var open: [String]
        var testDescription: String { "\(grade.chinese) 参加工作\(workStart) 证书\(certificate) → \(open)" }
    }

    @Test("中级工 and 高级工: normal, early, neither", arguments: [
        // 中级工: work start ≤ 2015 / junior ≤ 2019 normal; ≤ 2016 / ≤ 2020 early.
        Case(grade: .intermediate, workStart: "2015-12-31", certificate: "2019-12-31", open: ["intermediate/normal"]),
        Case(grade: .intermediate, workStart: "2016-01-01", certificate: "2019-06-01", open: ["intermediate/early"]),
        Case(grade: .intermediate, workStart: "2017-01-01", certificate: "2019-06-01", open: []),
        Case(grade: .intermediate, workStart: "2015-06-01", certificate: "2020-01-01", open: ["intermediate/early"]),
        Case(grade: .intermediate, workStart: "2015-06-01", certificate: "2021-01-01", open: []),
        Case(grade: .intermediate, workStart: "2016-06-01", certificate: "2020-12-31", open: ["intermediate/early"]),
        // 高级工: ≤ 2005 / intermediate ≤ 2019 normal; ≤ 2006 / ≤ 2020 early.
        Case(grade: .senior, workStart: "2005-12-31", certificate: "2019-12-31", open: ["senior/normal"]),
        Case(grade: .senior, workStart: "2006-01-01", certificate: "2019-06-01", open: ["senior/early"]),
        Case(grade: .senior, workStart: "2007-01-01", certificate: "2019-06-01", open: []),
        Case(grade: .senior, workStart: "2005-06-01", certificate: "2020-06-01", open: ["senior/early"]),
        Case(grade: .senior, workStart: "2005-06-01", certificate: "2021-06-01", open: []),
    ])
    func levelWorkers(_ c: Case) {
        var worker = Worker(workStart: c.workStart, birth: "19800101").tidy()
        if c.grade == .senior { worker = worker.cert(.junior, "2001-06-01") }
        worker = worker.cert(c.grade.previous!, c.certificate)
        let evaluation = engine.evaluate(worker.record, cycle: 2024)
        #expect(evaluation.open == c.open)
        if c.open.contains(where: { $0.hasSuffix("/early") }) {
            #expect(evaluation.option(c.grade, .early)?.certificateYear == 2025)
        }
        if c.open.isEmpty {
            let normal = evaluation.option(c.grade, .normal)!
            #expect(normal.verdicts(c.grade == .intermediate ? .N2 : .N3).contains(.fail))
        }
    }

    @Test("the notice's own detail: 中级工证书2021年取得，须2019年及以前")
    func detail() throws {
        let worker = Worker(workStart: "2000-06-01").tidy().cert(.junior, "2001-06-01").cert(.intermediate, "2021-06-01")
        let normal = try #require(engine.evaluate(worker.record, cycle: 2024).option(.senior, .normal))
        #expect(normal.details(.N3).contains("中级工证书2021年取得（电工），须2019年及以前"))
        #expect(normal.checks.first { $0.rule == .N3 && $0.verdict == .fail }?.clause == "须知·一·表")
    }

    @Test("初级工: work start 2023 with probation over passes; 2024 does not (N1)")
    func junior() {
        let passes = Worker(workStart: "2023-03-01", birth: "20000101", probationEnd: "2024-03-01").tidy()
        #expect(engine.evaluate(passes.record, cycle: 2024).open == ["junior/normal"])
        let late = Worker(workStart: "2024-01-01", birth: "20000101", probationEnd: "2024-03-01").tidy()
        #expect(engine.evaluate(late.record, cycle: 2024).open == [])
        let probation = Worker(workStart: "2023-06-01", birth: "20000101", probationEnd: "2024-06-01").tidy()
        let option = engine.evaluate(probation.record, cycle: 2024).option(.junior, .normal)!
        #expect(!option.open)
        #expect(option.details(.N1).contains("试用期2024-06-01才期满，晚于2024-04-15"))
        #expect(option.earliestCycle == 2026)
        let unknown = Worker(workStart: "2023-03-01", birth: "20000101").tidy()
        let warned = engine.evaluate(unknown.record, cycle: 2024).option(.junior, .normal)!
        #expect(warned.open)
        #expect(warned.warningChecks.contains { $0.detail.contains("未登记试用期满时间") })
    }

    @Test("技师: senior certificate by 2020-12-31 (N4)", arguments: [("2020-12-31", true), ("2021-01-01", false)])
    func technician(_ issued: String, _ open: Bool) {
        let worker = Worker(workStart: "2000-06-01").tidy().educated(.college, "2010-07-01")
            .cert(.junior, "2003-06-01").cert(.intermediate, "2008-06-01").cert(.senior, issued)
        let option = engine.evaluate(worker.record, cycle: 2024).option(.technician, .normal)!
        #expect(option.open == open)
        #expect(option.certificateYear == 2024)
    }

    @Test("高级技师: technician certificate by 2020-12-31 (N5)", arguments: [("2020-12-31", true), ("2021-01-01", false)])
    func seniorTechnician(_ issued: String, _ open: Bool) {
        let worker = Worker(workStart: "2000-06-01").tidy().educated(.bachelor, "2004-07-01")
            .cert(.senior, "2010-06-01").cert(.technician, issued)
        #expect(engine.evaluate(worker.record, cycle: 2024).option(.seniorTechnician, .normal)?.open == open)
    }
}
