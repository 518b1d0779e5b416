import GongQinCore
@testable import GongQinStore
import GRDB
import Testing

@Suite("employment history and settings (Schema/0004)")
struct JobTests {
    let today = TempStore.today

    func day(_ text: String) -> Day { try! Day.parse(text, allowMonth: true) }

    /// 2005-07…2012-03 驾驶员, then 2012-04 onwards 工作人员 (the current post).
    func addTwoJobs(_ store: TempStore, _ id: IDNumber, currentFirst: Bool = false) throws {
        var jobs = [Job(from: day("2005-07"), to: day("2012-03"), unit: "常州市某单位", post: "驾驶员"),
                    Job(from: day("2012-04"), unit: "常州市某某办公室", post: "工作人员")]
        if currentFirst { jobs.reverse() }
        try store.database.write { s in
            for job in jobs { try s.people.addJob(job, to: id, today: today) }
        }
    }

    @Test("jobs come back with the record, oldest first; the current post is open-ended")
    func jobsInRecord() throws {
        let store = try TempStore()
        let id = try store.seedPerson()
        try addTwoJobs(store, id, currentFirst: true)
        let record = try store.database.read { s in try s.people.record(id) }
        #expect(record.jobs.map(\.formLine) == ["2005年07月-2012年03月 常州市某单位驾驶员", "2012年04月-  常州市某某办公室工作人员"])
    }

    @Test("overlaps, a second current post, a start before 16 and a future end are refused", arguments: [
        ("2010-01", "2013-01", "overlap"),
        ("2013-01", nil, "second current post"),
        ("1999-01", "2000-01", "under age"),
        ("2026-01", "2027-01", "future"),
        ("2003-01", "2002-01", "ends before start"),
    ] as [(String, String?, String)])
    func refused(_ from: String, _ to: String?, _ expected: String) throws {
        let store = try TempStore()
        let id = try store.seedPerson()
        try addTwoJobs(store, id)
        #expect {
            try store.database.write { s in
                try s.people.addJob(Job(from: day(from), to: to.map(day), unit: "常州市某局", post: "工作人员"), to: id, today: today)
            }
        } throws: { error in
            let problems: [FieldProblem]
            switch error as? StoreFailure {
            case .fieldProblems(let found)?, .currentJobHeld(let found)?: problems = found
            default: return false
            }
            return problems.contains { Self.kind($0.cause as? RecordProblem) == expected }
        }
        #expect(try store.database.read { s in try s.people.jobs(id).count } == 2)
    }

    /// The case of a job's problem, as the table above names it.
    static func kind(_ problem: RecordProblem?) -> String? {
        switch problem {
        case .overlapsJob(_, let bothCurrent)?: bothCurrent ? "second current post" : "overlap"
        case .underAge?: "under age"
        case .future?: "future"
        case .endsBeforeStart?: "ends before start"
        default: nil
        }
    }

    @Test("ending the current post lets a new one start")
    func endCurrent() throws {
        let store = try TempStore()
        let id = try store.seedPerson()
        try store.database.write { s in
            try s.people.addJob(Job(from: day("2005-07"), unit: "常州市某单位", post: "驾驶员"), to: id, today: today)
            let ended = try s.people.endJob(of: id, to: day("2012-03"), today: today)
            #expect(ended.to == day("2012-03"))
            try s.people.addJob(Job(from: day("2012-04"), unit: "常州市某某办公室", post: "工作人员"), to: id, today: today)
        }
        #expect(try store.database.read { s in try s.people.jobs(id).map(\.to) } == [day("2012-03"), nil])
    }

    @Test("a person with jobs can be removed; jobs and settings are in the change log")
    func removeAndLog() throws {
        let store = try TempStore()
        let id = try store.seedPerson()
        try store.database.write { s in
            try s.people.addJob(Job(from: day("2005-07"), unit: "常州市某单位", post: "驾驶员"), to: id, today: today)
            _ = try s.settings.setFormRemark("该同志工作认真。")
            _ = try s.settings.setFormRemark("该同志工作认真负责。")
        }
        try store.database.write { s in try s.people.remove(id) }
        let ops = try store.database.readDatabase { db in
            try Row.fetchAll(db, sql: "SELECT table_name, op FROM change_log WHERE table_name IN ('job', 'setting') ORDER BY seq")
                .map { "\($0["table_name"] as String) \($0["op"] as String)" }
        }
        #expect(ops == ["job insert", "setting insert", "setting update", "job delete"])
    }

    @Test("the employer remark: the notice's example by default, settable, never empty")
    func remark() throws {
        let store = try TempStore()
        #expect(try store.database.read { s in try s.settings.formRemark() } == ApprovalForm.defaultRemark)
        try store.database.write { s in _ = try s.settings.setFormRemark("  该同志爱岗敬业。 ") }
        #expect(try store.database.read { s in try s.settings.formRemark() } == "该同志爱岗敬业。")
        #expect(throws: StoreFailure.formRemarkRefused(.empty)) { try store.database.write { s in _ = try s.settings.setFormRemark("　 ") } }
        #expect(try store.database.read { s in try s.settings.formRemark() } == "该同志爱岗敬业。")
        // The schema refuses an empty value too.
        #expect(throws: StoreFailure.checkConstraint(table: nil)) {
            try store.database.writeDatabase { db in try db.execute(sql: "UPDATE setting SET value = '  '") }
        }
    }
}
