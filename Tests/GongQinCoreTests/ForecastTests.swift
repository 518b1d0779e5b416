import GongQinCore
import Testing

@Suite("forecast (RULES FC1)")
struct ForecastTests {
    @Test("the current cycle holds today; the forecast years are the 等级工 cycle years after it")
    func years() {
        let engine = Engines.make(today: "2026-11-26")
        let f = Forecast(engine: engine, today: Worker.day("2026-11-26"), count: 3)
        #expect(f.current == 2026)
        #expect(f.cycles == [2028, 2030, 2032])
        let odd = Forecast(engine: Engines.make(today: "2027-03-01"), today: Worker.day("2027-03-01"), count: 2)
        #expect(odd.current == 2026)
        #expect(odd.cycles == [2028, 2030])
        let before = Forecast(engine: Engines.make(today: "2026-03-01"), today: Worker.day("2026-03-01"), count: 1)
        #expect(before.current == 2026)
        #expect(before.cycles == [2028])
    }

    @Test("open each year as the engine judges it; new only the first time, per grade and module")
    func openAndNew() {
        let today = "2026-11-26"
        let engine = Engines.make(today: today)
        // 初级工 2020: 中级工 normal needs the certificate five years before the cycle and
        // work since nine years before; early one year less (N2, E2).
        let worker = Worker(workStart: "2010-07-01").cert(.junior, "2022-06-01").assessed(2019...2025).educated(.seniorHigh)
        var f = Forecast(engine: engine, today: Worker.day(today), count: 3)
        f.add(worker.record, engine: engine)
        for (i, cycle) in f.cycles.enumerated() {
            let expected = Set(engine.eligibleOptions(worker.record, cycle: cycle).map { "\($0.grade.code)/\($0.module.code)" })
            let rows = f.rows.filter { $0.cycle == cycle }
            #expect(Set(rows.map { "\($0.grade.code)/\($0.module.code)" }) == expected, "\(cycle)")
            for row in rows {
                let earlier = ([f.current] + f.cycles.prefix(i)).contains { year in
                    engine.eligibleOptions(worker.record, cycle: year).contains { $0.grade == row.grade && $0.module == row.module }
                }
                #expect(row.new == (earlier ? 0 : 1), "\(cycle) \(row.grade) \(row.module)")
                #expect(f.idNumbers(row) == [worker.record.person.idNumber])
            }
        }
        // 2022 + 5 = 2027: normal first opens in 2028; early (2022 + 4) already in 2026.
        #expect(f.rows.first { $0.cycle == 2028 && $0.module == .normal }?.new == 1)
        #expect(f.rows.filter { $0.cycle == 2030 }.allSatisfy { $0.new == 0 })
        // 2026 and 2027 are not yet assessed on 2026-11-26: the 2028 options rest on them.
        #expect(f.rows.filter { $0.cycle == 2028 }.allSatisfy { $0.assumedAssessments == 1 })
        #expect(f.rows.allSatisfy { $0.policyStatus != .official }, "2028 on is derived")
        #expect(f.openPeople(cycle: 2028, grade: .intermediate) == 1)
    }

    @Test("a forecast merged from parts is the forecast of the whole")
    func merge() {
        let engine = Engines.make(today: "2026-11-26")
        let workers = [Worker(workStart: "2010-07-01").cert(.junior, "2022-06-01").tidy(),
                       Worker(workStart: "2024-07-01", birth: "19990101"),
                       Worker(workStart: "1995-07-01", birth: "19750101").cert(.intermediate, "2019-06-01").tidy()]
        var whole = Forecast(engine: engine, today: Worker.day("2026-11-26"), count: 4)
        var a = whole, b = whole
        for w in workers { whole.add(w.record, engine: engine) }
        a.add(workers[0].record, engine: engine)
        for w in workers.dropFirst() { b.add(w.record, engine: engine) }
        a.merge(b)
        #expect(a.rows == whole.rows)
        #expect(a.people == 3)
    }
}
