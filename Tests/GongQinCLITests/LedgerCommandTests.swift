import Foundation
import Testing

@Suite("apply, applications, the 破格 ledger, audit, log and check, end to end")
struct LedgerCommandTests {
    /// 张三: intermediate 2021 (normal and early closed in 2024), 优秀 2021–2022, 高中:
    /// open to 2024 senior exceptional through excellent-two-years only.
    func seeded(today: String = "2024-03-01", intermediate: String = "2021-06-01") -> (Sandbox, String) {
        let s = Sandbox()
        s.today = today
        s.seed()
        let id = IDs.make(birth: "19800312", sequence: 123)
        s.person(id, workStart: "2000-07")
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "初级工", "--issued", "2003-06-01")
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "中级工", "--issued", intermediate)
        for year in [2019, 2020, 2023] { s.ok("assessment", "add", id, "--year", String(year), "--result", "合格") }
        for year in [2021, 2022] { s.ok("assessment", "add", id, "--year", String(year), "--result", "优秀") }
        s.ok("education", "add", id, "--level", "高中", "--graduated", "1998-07")
        return (s, id)
    }

    func python(_ script: String, _ arguments: String...) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script] + arguments
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    /// Runs SQL on the file with Python's sqlite3, as someone with the sqlite3 shell would:
    /// no gongqin functions, so the triggers must be dropped first.
    func tamper(_ db: String, _ sql: String) throws {
        try python("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit(); c.close()", db, sql)
    }

    @Test("apply records the application and the use in one transaction")
    func applies() throws {
        let (s, id) = seeded()
        let filed = try #require(s.json("apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格",
                                        "--condition", "excellent-two-years") as? [String: Any])
        #expect(filed["status"] as? String == "filed")
        #expect(filed["conditions"] as? [String] == ["excellent-two-years"])
        let uses = try #require(s.json("exceptional", "list") as? [[String: Any]])
        #expect(uses.count == 1)
        #expect(uses.first?["source"] as? String == "application")
        #expect(uses.first?["year"] as? Int == 2024)
        #expect((s.json("application", "list", "--cycle", "2024") as? [Any])?.count == 1)
        #expect(s.ok("check").contains("校验通过"))
    }

    @Test("apply refuses what is not open, listing the failed checks with rule and clause")
    func notOpen() {
        let (s, id) = seeded()
        let err = s.fails(1, "apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "正常")
        #expect(err.contains("✗ N3 须知·一·表：") && err.contains("须2019年及以前"))
        s.fails(1, "apply", id, "--cycle", "2024", "--grade", "技师", "--module", "正常")
        s.fails(1, "apply", id, "--cycle", "2025", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years")
    }

    @Test("apply refuses a late filing (D1), even a day late; the deadline day is on time")
    func late() {
        let (s, id) = seeded(today: "2024-05-01")
        #expect(s.fails(1, "apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格",
                        "--condition", "excellent-two-years", "--date", "2024-04-16").contains("✗ D1 须知·四·12："))
        s.ok("apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years",
             "--date", "2024-04-15")
    }

    @Test("apply refuses an unsatisfied condition and an unknown one")
    func conditions() {
        let (s, id) = seeded()
        #expect(s.fails(1, "apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "college-degree")
            .contains("X2"))
        #expect(s.fails(65, "apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "college")
            .contains("是否指“college-degree”"))
        #expect(s.fails(64, "apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格").contains("excellent-two-years"))
        s.fails(64, "apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "提前", "--condition", "excellent-two-years")
    }

    @Test("apply refuses a used category and names the earlier use: historic")
    func usedHistoric() {
        let (s, id) = seeded()
        s.ok("exceptional", "record", id, "--condition", "excellent-two-years", "--year", "2012", "--grade", "中级工")
        let err = s.fails(1, "apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years")
        #expect(err.contains("2012年中级工（历史审批表）") && err.contains("✗ X1 须知·四·8："))
    }

    @Test("apply refuses a used category and names the earlier use: an application")
    func usedByApplication() throws {
        let (s, id) = seeded()
        s.ok("apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years")
        s.ok("application", "set-status", "1", "accepted")
        s.ok("application", "set-status", "1", "failed")
        // A failed application keeps its use (X1): applying again names it.
        let err = s.fails(1, "apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years")
        #expect(err.contains("2024年高级工（本系统申报）"))
    }

    @Test("one application per person and cycle")
    func onePerCycle() {
        let (s, id) = seeded()
        s.ok("apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years")
        s.ok("application", "set-status", "1", "withdrawn")
        s.ok("apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years")
        #expect(s.fails(1, "apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years")
            .contains("X1"))
    }

    @Test("D6: one open application per person and cycle; a withdrawn one does not count")
    func oneOpenApplicationD6() {
        // Intermediate 2010: senior normal is open in 2024.
        let (s, id) = seeded(intermediate: "2010-06-01")
        let apply = ["apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "正常"]
        s.ok(apply[0], apply[1], apply[2], apply[3], apply[4], apply[5], apply[6], apply[7])
        let refused = s.fails(1, apply[0], apply[1], apply[2], apply[3], apply[4], apply[5], apply[6], apply[7])
        #expect(refused.contains("D6，须知·四·12"))
        #expect(refused.contains("application set-status 1 withdrawn"))
        s.ok("application", "set-status", "1", "withdrawn")
        s.ok(apply[0], apply[1], apply[2], apply[3], apply[4], apply[5], apply[6], apply[7])
    }

    @Test("a withdrawal before acceptance releases the use; a failure keeps it")
    func lifecycle() throws {
        let (s, id) = seeded()
        s.ok("apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years")
        s.ok("application", "set-status", "1", "returned", "--note", "缺继续教育证书")
        s.ok("application", "set-status", "1", "filed")
        #expect(s.ok("application", "set-status", "1", "withdrawn").contains("已释放破格条件：连续两年年度考核优秀"))
        #expect((s.json("exceptional", "list") as? [Any])?.isEmpty == true)
        let log = s.ok("log", "--table", "exceptional_use")
        #expect(log.contains("删除"))
        s.fails(1, "application", "set-status", "1", "filed")
        s.ok("apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years")
        s.ok("application", "set-status", "2", "accepted")
        s.fails(1, "application", "set-status", "2", "withdrawn")
        s.ok("application", "set-status", "2", "failed")
        #expect((s.json("exceptional", "list") as? [Any])?.count == 1)
        s.fails(64, "application", "set-status", "2", "lost")
        s.fails(65, "application", "set-status", "99", "accepted")
        #expect(s.ok("check").contains("校验通过"))
    }

    @Test("exam and review results, for technician applications only (D2)")
    func results() throws {
        let (s, id) = seeded()
        s.ok("apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years")
        s.fails(65, "application", "result", "1", "--exam", "passed")
        s.fails(64, "application", "result", "1")
    }

    @Test("racing processes: exactly one wins the category, the others are refused by X1", arguments: 1...3)
    func race(_ round: Int) throws {
        let (s, id) = seeded()
        let results = s.concurrently(8, ["apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格",
                                         "--condition", "excellent-two-years"])
        #expect(results.filter { $0.code == 0 }.count == 1)
        for loser in results where loser.code != 0 {
            #expect(loser.code == 1, "\(loser.err)")
            #expect(loser.err.contains("X1"))
        }
        #expect((s.json("exceptional", "list") as? [Any])?.count == 1)
        #expect((s.json("application", "list") as? [Any])?.count == 1)
    }

    @Test("audit lists uses, unused categories and each finding kind, and exits 0")
    func audit() throws {
        let (s, id) = seeded()
        let other = IDs.make(birth: "19800101", sequence: 31)
        s.person(other, name: "李四", workStart: "2000-07")
        s.ok("cert", "add", other, "--trade", "电工", "--grade", "中级工", "--issued", "2015-06-01", "--route", "exceptional")
        s.ok("exceptional", "record", id, "--condition", "merit-award", "--year", "2012", "--grade", "中级工")
        s.ok("exceptional", "add-condition", "skill-contest", "--name", "技能竞赛前三名", "--relax-work-years", "2", "--relax-grade-years", "2")
        s.ok("apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "skill-contest")
        let report = try #require(s.json("audit") as? [String: Any])
        let kinds = Set((report["findings"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String })
        #expect(kinds == ["exceptional-cert-without-use", "use-without-evidence", "declared-evidence"])
        #expect((report["uses"] as? [Any])?.count == 2)
        let unused = (report["unused"] as? [[String: Any]])?.first { $0["idNumber"] as? String == id }
        #expect(unused?["categories"] as? [String] == ["college-degree", "excellent-two-years"])
        let text = s.ok("audit")
        #expect(text.contains("破格取得的证书没有对应的破格使用记录"))
        #expect((s.json("audit", "--person", other) as? [String: Any]).flatMap { ($0["findings"] as? [Any])?.count } == 1)
    }

    @Test("a category used twice in legacy data is found by audit and check")
    func legacyTwice() throws {
        let (s, id) = seeded()
        s.ok("exceptional", "record", id, "--condition", "merit-award", "--year", "2012", "--grade", "中级工")
        // A file from before the constraint: the table rebuilt without UNIQUE, a second use added.
        try tamper(s.db, """
            PRAGMA foreign_keys = OFF;
            DROP TRIGGER application_withdrawn_releases;
            CREATE TABLE legacy AS SELECT * FROM exceptional_use;
            DROP TABLE exceptional_use;
            ALTER TABLE legacy RENAME TO exceptional_use;
            INSERT INTO exceptional_use (id, person_id, condition_code, category, grade, year, source)
            SELECT 2, person_id, condition_code, category, 'senior', 2018, 'historic' FROM exceptional_use;
            """)
        let report = try #require(s.json("audit") as? [String: Any])
        #expect((report["findings"] as? [[String: Any]])?.contains { $0["kind"] as? String == "category-used-twice" } == true)
        let check = s.run("check")
        #expect(check.code == 1)
        #expect(check.out.contains("使用了2次"))
    }

    @Test("check finds a tampered, a deleted and an inserted log entry, and data edited behind gongqin's back")
    func tampering() throws {
        let cases: [(sql: String, finding: String)] = [
            ("DROP TRIGGER change_log_no_update; UPDATE change_log SET actor = 'someone' WHERE seq = 50;", "第50条的内容与其哈希不符"),
            ("DROP TRIGGER change_log_no_delete; DELETE FROM change_log WHERE seq = 50;", "缺少第50–50条"),
            ("DROP TRIGGER change_log_no_delete; DELETE FROM change_log WHERE seq = (SELECT max(seq) FROM change_log);", "在变更日志中没有记载"),
            ("INSERT INTO change_log SELECT seq + 1, at, actor, command, table_name, row_id, row_key, person_row, person, op, before, after, 'forged' FROM change_log WHERE seq = (SELECT max(seq) FROM change_log);", "与其哈希不符"),
            ("DROP TRIGGER annual_assessment_log_update; UPDATE annual_assessment SET result = 'excellent' WHERE year = 2019;", "与变更日志的最后一条不符"),
            ("DROP TRIGGER education_log_delete; DELETE FROM education;", "已不在"),
        ]
        for c in cases {
            let (s, _) = seeded()
            #expect(s.ok("check").contains("校验通过"))
            try tamper(s.db, c.sql)
            let result = s.run("check")
            #expect(result.code == 1, "\(c.sql)")
            #expect(result.out.contains(c.finding), "\(c.sql) → \(result.out)")
        }
    }

    @Test("log shows who changed what, by person and by day")
    func log() throws {
        let (s, id) = seeded()
        let entries = try #require(s.json("log", "--person", id) as? [[String: Any]])
        #expect(entries.first?["table"] as? String == "person")
        #expect(entries.first?["op"] as? String == "insert")
        #expect((entries.first?["command"] as? String)?.hasPrefix("gongqin person add") == true)
        #expect(entries.allSatisfy { $0["actor"] as? String != nil })
        #expect((s.json("log", "--since", "2999-01-01") as? [Any])?.isEmpty == true)
        s.fails(65, "log", "--table", "persons")
    }
}

@Suite("a filed cycle, seen again")
struct FiledCycleTests {
    @Test("explain after apply: the option stays open, its own use is not an earlier use (X1)")
    func explainAfterApply() throws {
        let s = Sandbox()
        s.today = "2024-03-01"
        s.seed()
        let id = IDs.make(birth: "19800312", sequence: 123)
        s.person(id, workStart: "2000-07")
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "初级工", "--issued", "2003-06-01")
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "中级工", "--issued", "2021-06-01")
        for year in [2019, 2020, 2023] { s.ok("assessment", "add", id, "--year", String(year), "--result", "合格") }
        for year in [2021, 2022] { s.ok("assessment", "add", id, "--year", String(year), "--result", "优秀") }
        s.ok("education", "add", id, "--level", "高中", "--graduated", "1998-07")
        s.ok("apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years")
        let explained = try #require(s.json("explain", id, "--cycle", "2024") as? [String: Any])
        let options = try #require(explained["options"] as? [[String: Any]])
        let exceptional = try #require(options.first { $0["module"] as? String == "exceptional" })
        #expect(exceptional["open"] as? Bool == true)
        #expect((explained["notes"] as? [String])?.contains { $0.contains("已于2024-03-01申报") } == true)
        // apply counts every use: filing again names this one.
        #expect(s.fails(1, "apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years")
            .contains("2024年高级工（本系统申报）"))
    }

    @Test("D2 end to end: after a failed 综合评审 the technician exam is waived in the materials")
    func selectionExamWaived() throws {
        let s = Sandbox()
        s.today = "2024-03-01"
        s.seed()
        let id = IDs.make(birth: "19800312", sequence: 123)
        s.person(id, workStart: "2000-07")
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "高级工", "--issued", "2015-06-01")
        for year in 2019...2023 { s.ok("assessment", "add", id, "--year", String(year), "--result", "合格") }
        s.ok("education", "add", id, "--level", "大专", "--graduated", "2002-07")
        let before = s.ok("materials", id, "--cycle", "2024", "--grade", "技师", "--module", "正常")
        #expect(before.contains("须参加技师选拔考试"))
        s.ok("apply", id, "--cycle", "2024", "--grade", "技师", "--module", "正常")
        s.ok("application", "set-status", "1", "accepted")
        s.ok("application", "result", "1", "--exam", "passed", "--review", "failed")
        s.ok("application", "set-status", "1", "failed")
        s.today = "2025-03-01"
        s.ok("assessment", "add", id, "--year", "2024", "--result", "合格")
        let after = s.ok("materials", id, "--cycle", "2025", "--grade", "技师", "--module", "正常")
        #expect(after.contains("2024年申报技师、省综合评审未通过，今年重新申报，不需参加技师选拔考试"), "\(after)")
    }
}
