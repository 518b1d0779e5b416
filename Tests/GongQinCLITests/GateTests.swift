import Foundation
import Testing

/// One gate for every write (Documentation/ARCHITECTURE.md, “The write gate”; RULES R1 on
/// every path): each case of the issue through the CLI, with the database compared byte for
/// byte before and after (`Sandbox.fails`).
@Suite("the write gate: R1 on every path, hostile files, merge lists, read commands")
struct GateTests {
    let id = IDs.make(birth: "19800312", sequence: 123)

    /// A person with a filed 2024 高级工·破格 application that rests on two 优秀 years
    /// (2021, 2022) and on the work start (N3), in the unit's own database `db`.
    func filed(_ s: Sandbox, db: String? = nil, unit: String = "常州市某局") {
        let extra = db.map { ["--db", s.folder + "/" + $0] } ?? []
        func ok(_ arguments: String...) { s.ok(arguments + extra) }
        ok("unit", "add", unit, "--department", "常州市某主管局")
        ok("person", "add", "--id-number", id, "--name", "张三", "--unit", unit, "--trade", "电工", "--work-start", "2000-07")
        ok("cert", "add", id, "--trade", "电工", "--grade", "中级工", "--issued", "2021-06-01")
        for year in [2019, 2020, 2023] { ok("assessment", "add", id, "--year", String(year), "--result", "合格") }
        for year in [2021, 2022] { ok("assessment", "add", id, "--year", String(year), "--result", "优秀") }
        ok("education", "add", id, "--level", "高中", "--graduated", "1998-07")
        ok("apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years",
           "--date", "2024-04-01")
    }

    func sandbox() -> Sandbox {
        let s = Sandbox()
        s.today = "2024-06-01"
        return s
    }

    /// A sqlite3 edit, made outside gongqin.
    func sql(_ s: Sandbox, _ db: String, _ statements: String) {
        s.tool(["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()",
                db, statements])
    }

    @Test("every path that would leave the filed application without its ground is refused (1), the file unchanged (R1)")
    func everyPathKeepsR1() throws {
        let s = sandbox()
        filed(s)
        var err = s.fails(1, "person", "update", id, "--work-start", "2020-07")
        #expect(err.contains("R1") && err.contains("N3") && err.contains("编号1") && err.contains("withdrawn"))
        err = s.fails(1, "person", "update", id, "--trade", "汽车驾驶与管理", "--correction")
        #expect(err.contains("R1") && err.contains("K1"))
        let csv = s.file("a.csv", "id-number,year,result\n\(id),2021,合格\n")
        err = s.fails(1, "import", "assessments", csv, "--update")
        #expect(err.contains("R1") && err.contains("X2"))
        // revert of the 2022 优秀 year's insert
        let log = try #require(s.json("log") as? [[String: Any]])
        let insert2022 = try #require(log.last {
            ($0["table"] as? String) == "annual_assessment" && ($0["after"] as? [String: Any])?["year"] as? Int == 2022
        })
        err = s.fails(1, "revert", String(insert2022["seq"] as? Int ?? 0))
        #expect(err.contains("R1"))
        #expect(s.ok("check").contains("校验通过"))
        // After withdrawing, each goes through.
        s.ok("application", "set-status", "1", "withdrawn")
        s.ok("import", "assessments", csv, "--update")
        s.ok("person", "update", id, "--work-start", "2020-07")
    }

    @Test("merge --prefer bundle that would break a filed application is refused (1), nothing written")
    func mergeKeepsR1() throws {
        let s = sandbox()
        filed(s)
        s.ok("unit", "add", "常州市某局", "--department", "常州市某主管局", "--db", s.folder + "/u.db")
        s.ok("person", "add", "--id-number", id, "--name", "张三", "--unit", "常州市某局", "--trade", "电工", "--work-start", "2000-07",
             "--db", s.folder + "/u.db")
        s.ok("assessment", "add", id, "--year", "2021", "--result", "合格", "--db", s.folder + "/u.db")
        let bundle = s.folder + "/u.bundle"
        s.ok("bundle", "--unit", "常州市某局", "--output", bundle, "--db", s.folder + "/u.db")
        let err = s.fails(1, "merge", bundle, "--prefer", "bundle")
        #expect(err.contains("R1") && err.contains("X2"))
    }

    @Test("a file with an extra trigger, or RAISE(IGNORE) on exceptional_use, is refused by merge (65), unchanged")
    func hostileDepartmentFile() throws {
        let s = sandbox()
        filed(s, db: "u.db")
        let bundle = s.folder + "/u.bundle"
        s.ok("bundle", "--unit", "常州市某局", "--output", bundle, "--db", s.folder + "/u.db")
        s.ok("init")
        sql(s, s.db, """
            CREATE TABLE hidden (x TEXT);
            CREATE TRIGGER person_copy AFTER INSERT ON person BEGIN INSERT INTO hidden VALUES (NEW.id_number); END;
            """)
        #expect(s.fails(65, "merge", bundle).contains("触发器"))
        let other = Sandbox()
        other.today = s.today
        other.ok("init")
        sql(other, other.db, "CREATE TRIGGER quiet BEFORE INSERT ON exceptional_use BEGIN SELECT RAISE(IGNORE); END;")
        #expect(other.fails(65, "merge", bundle).contains("quiet"))
    }

    @Test("a name with ESC or a forged line arriving in a bundle with recomputed digests is refused (65), as typed")
    func hostileBundleRows() throws {
        let s = sandbox()
        filed(s, db: "u.db")
        s.ok("init")
        for (n, name) in ["张\u{1B}[2J三", "张三\n320402********1235 李四"].enumerated() {
            let bundle = s.folder + "/u\(n).bundle"
            s.ok("bundle", "--unit", "常州市某局", "--output", bundle, "--db", s.folder + "/u.db")
            s.tool(["python3", Sandbox.corpus + "/bundle/forge.py", bundle, "UPDATE person SET name = '\(name.replacingOccurrences(of: "'", with: "''"))'"])
            let err = s.fails(65, "merge", bundle)
            #expect(err.contains("控制字符"), "\(err)")
        }
        #expect(s.ok("person", "list").contains("尚无人员"))
    }

    // A record's row is read with its owner by column index (RowValidator.eachRecord): its
    // text rules and its own checks against its holder hold as for a person's.
    @Test("a certificate with ESC in its number, or schooling finished before its holder was ten, arriving in a forged bundle is refused (65)")
    func hostileBundleRecords() throws {
        let s = sandbox()
        filed(s, db: "u.db")
        s.ok("init")
        let forged = [("UPDATE certificate SET number = 'C\u{1B}[2J1'", "控制字符"),
                      ("UPDATE education SET graduated = '1950-07-01'", "未满10周岁")]
        for (n, (statement, words)) in forged.enumerated() {
            let bundle = s.folder + "/r\(n).bundle"
            s.ok("bundle", "--unit", "常州市某局", "--output", bundle, "--db", s.folder + "/u.db")
            s.tool(["python3", Sandbox.corpus + "/bundle/forge.py", bundle, statement])
            let err = s.fails(65, "merge", bundle)
            #expect(err.contains(words), "\(err)")
        }
        #expect(s.ok("person", "list").contains("尚无人员"))
        // A change the checks allow goes in: the gate refuses what is wrong, not what was edited.
        let bundle = s.folder + "/fine.bundle"
        s.ok("bundle", "--unit", "常州市某局", "--output", bundle, "--db", s.folder + "/u.db")
        s.tool(["python3", Sandbox.corpus + "/bundle/forge.py", bundle, "UPDATE certificate SET number = 'C-2021-001'"])
        s.ok("merge", bundle)
        let shown = try #require(s.json("person", "show", id) as? [String: Any])
        #expect((shown["certificates"] as? [[String: Any]])?.first?["number"] as? String == "C-2021-001")
    }

    @Test("a trigger named sqlite_stat_x is found by check and refuses every write")
    func sqliteStatTrigger() throws {
        let s = sandbox()
        filed(s)
        // SQLite reserves the name: the trigger is made under another and renamed in sqlite_master.
        sql(s, s.db, """
            CREATE TRIGGER stat_x BEFORE INSERT ON exceptional_use BEGIN SELECT RAISE(IGNORE); END;
            PRAGMA writable_schema = ON;
            UPDATE sqlite_master SET name = 'sqlite_stat_x', sql = replace(sql, 'stat_x', 'sqlite_stat_x') WHERE name = 'stat_x';
            PRAGMA writable_schema = OFF;
            """)
        let checked = s.run("check")
        #expect(checked.code == 1 && checked.out.contains("sqlite_stat_x"))
        #expect(s.fails(65, "exceptional", "record", id, "--condition", "merit-award", "--year", "2015", "--grade", "初级工")
            .contains("sqlite_stat_x"))
        #expect(s.fails(65, "unit", "add", "常州市又一单位").contains("gongqin check"))
    }

    @Test("a row edited with the triggers dropped and put back is not laundered by the next write")
    func noLaundering() throws {
        let s = sandbox()
        filed(s)
        s.ok("application", "set-status", "1", "withdrawn")
        sql(s, s.db, """
            CREATE TEMP TABLE t AS SELECT sql FROM sqlite_master WHERE name = 'person_log_update';
            DROP TRIGGER person_log_update;
            UPDATE person SET work_start = '2003-07-01';
            """)
        // Put the trigger back as it was.
        let trigger = try #require(try String(contentsOfFile: Sandbox.root + "/Schema/0008_record_numbers.sql", encoding: .utf8)
            .components(separatedBy: "CREATE TRIGGER person_log_update").last?.components(separatedBy: "END;").first)
        sql(s, s.db, "CREATE TRIGGER person_log_update" + trigger + "END;")
        #expect(s.run("check").out.contains("[log-vs-data]"))
        #expect(s.fails(65, "person", "update", id, "--name", "张叁").contains("gongqin 之外"))
        #expect(s.run("check").out.contains("[log-vs-data]"))
    }

    @Test("restore --anchor and bundle refuse a source that fails check (65)")
    func tamperedSources() throws {
        let s = sandbox()
        filed(s)
        let anchor = try #require(s.ok("check").range(of: #"[0-9]+:[0-9a-f]{64}"#, options: .regularExpression).map { String(s.ok("check")[$0]) })
        let edited = s.folder + "/edited.sqlite"
        s.ok("backup", edited)
        sql(s, edited, """
            DROP TRIGGER change_log_no_update;
            UPDATE change_log SET actor = 'someone' WHERE seq = 10;
            CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
            """)
        #expect(s.fails(65, "restore", edited, "--anchor", anchor).contains("哈希"))
        let behind = s.folder + "/behind.sqlite"
        s.ok("backup", behind)
        sql(s, behind, """
            DROP TRIGGER unit_log_update;
            UPDATE unit SET district = '武进区';
            """)
        s.fails(65, "restore", behind, "--anchor", anchor)
        // bundle: the source itself fails check
        sql(s, s.db, "DROP TRIGGER unit_log_update; UPDATE unit SET district = '武进区';")
        let out = s.folder + "/x.bundle"
        s.fails(65, "bundle", "--unit", "常州市某局", "--output", out)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a stale bundle moves nobody back; a conflicting list writes nothing; --dry-run creates nothing")
    func mergeLists() throws {
        let s = sandbox()
        let other = IDs.make(birth: "19820101", sequence: 45)
        func unit(_ db: String, _ name: String, _ person: String, start: String) {
            s.ok("unit", "add", name, "--department", "某局", "--db", s.folder + "/" + db)
            s.ok("person", "add", "--id-number", person, "--name", "赵六", "--unit", name, "--trade", "电工", "--work-start", start,
                 "--db", s.folder + "/" + db)
        }
        unit("a.db", "甲单位", id, start: "2000-07")
        let a1 = s.folder + "/a1.bundle"
        s.ok("bundle", "--unit", "甲单位", "--output", a1, "--db", s.folder + "/a.db")
        sleep(1)
        unit("b.db", "乙单位", id, start: "2000-07")
        let b1 = s.folder + "/b1.bundle"
        s.ok("bundle", "--unit", "乙单位", "--output", b1, "--db", s.folder + "/b.db")
        // --dry-run on a missing file: 66, no file.
        s.fails(66, "merge", a1, "--dry-run")
        #expect(!FileManager.default.fileExists(atPath: s.db))
        s.ok("merge", a1, b1)
        #expect(s.ok("person", "list", "--unit", "乙单位").contains("赵六"))
        // a1 again, and an older bundle of 甲 made before b1: nobody moves back.
        let summary = try #require(s.json("merge", a1) as? [String: Any])
        let stale = try #require(summary["stale"] as? [[String: Any]])
        #expect(stale.count == 1 && stale.first?["idNumber"] as? String == id)
        #expect(s.ok("person", "list", "--unit", "乙单位").contains("赵六"))
        // A conflicting list: the first bundle (new person) is not written either.
        unit("c.db", "丙单位", other, start: "2004-07")
        let c1 = s.folder + "/c1.bundle"
        s.ok("bundle", "--unit", "丙单位", "--output", c1, "--db", s.folder + "/c.db")
        s.ok("person", "update", id, "--work-start", "2001-07", "--db", s.folder + "/b.db")
        let b2 = s.folder + "/b2.bundle"
        s.ok("bundle", "--unit", "乙单位", "--output", b2, "--db", s.folder + "/b.db")
        s.ok("person", "update", id, "--work-start", "1999-07")
        let before = s.snapshot()
        s.fails(1, "merge", c1, b2)
        #expect(s.snapshot() == before)
        #expect(!s.ok("person", "list").contains(String(other.suffix(4))))
        // --dry-run judges the list together and writes nothing.
        let dry = try #require(s.json("merge", c1, b2, "--prefer", "bundle", "--dry-run") as? [String: Any])
        #expect((dry["conflicts"] as? [Any])?.count == 1)
        #expect(s.snapshot() == before)
    }

    @Test("forecast, report, export, audit, log, check and merge --dry-run create no file and change none")
    func readsNeverWrite() throws {
        let s = sandbox()
        let missing = s.folder + "/missing.sqlite"
        for arguments in [["forecast"], ["report", "--cycle", "2024", "--output", s.folder + "/r.html"], ["export", "persons"],
                          ["audit"], ["log"], ["check"], ["person", "list"]] {
            let result = s.run(arguments + ["--db", missing])
            #expect(result.code == 66, "\(arguments): \(result.code) \(result.err)")
            #expect(!FileManager.default.fileExists(atPath: missing), "\(arguments) created the file")
        }
        // A backup in rollback-journal mode stays so under every read.
        filed(s)
        let backup = s.folder + "/backup.sqlite"
        s.ok("backup", backup)
        let bytes = FileManager.default.contents(atPath: backup)
        for arguments in [["forecast"], ["report", "--cycle", "2024", "--output", s.folder + "/r.html"], ["export", "persons"],
                          ["audit"], ["log"], ["check"]] {
            #expect(s.run(arguments + ["--db", backup]).code == 0, "\(arguments)")
            #expect(FileManager.default.contents(atPath: backup) == bytes, "\(arguments) changed the file")
            #expect(!FileManager.default.fileExists(atPath: backup + "-wal"), "\(arguments) switched the file to WAL")
        }
    }

    @Test("a refused write leaves a rollback-journal file byte-identical: the schema is compared before any WAL switch")
    func refusedWriteLeavesFile() throws {
        let s = sandbox()
        filed(s)
        let backup = s.folder + "/backup.sqlite"
        s.ok("backup", backup)
        sql(s, backup, "CREATE VIEW extra AS SELECT 1;")
        let bytes = FileManager.default.contents(atPath: backup)
        let result = s.run("unit", "add", "常州市又一单位", "--db", backup)
        #expect(result.code == 65)
        #expect(FileManager.default.contents(atPath: backup) == bytes)
        #expect(!FileManager.default.fileExists(atPath: backup + "-wal"))
    }

    @Test("check reports an application in progress that no longer holds, and a log rewritten since this user's last write")
    func checkKnowsR1AndWitness() throws {
        let s = sandbox()
        filed(s)
        // The 2021 优秀 made 合格, its log entry rewritten to match and the chain recomputed.
        sql(s, s.db, """
            CREATE TABLE keep AS SELECT sql FROM sqlite_master WHERE name IN ('annual_assessment_log_update', 'change_log_no_update');
            DROP TRIGGER annual_assessment_log_update;
            DROP TRIGGER change_log_no_update;
            UPDATE annual_assessment SET result = 'pass' WHERE year = 2021;
            UPDATE change_log SET after = replace(after, '"result":"excellent"', '"result":"pass"')
                WHERE table_name = 'annual_assessment' AND after LIKE '%2021%';
            """)
        let kept = s.tool(["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            for (sql,) in c.execute('SELECT sql FROM keep').fetchall(): c.execute(sql)
            c.execute('DROP TABLE keep'); c.commit()
            """, s.db])
        _ = kept
        s.tool(["python3", Sandbox.corpus + "/hostile/make.py", "rehash", s.db])
        let checked = s.run("check")
        #expect(checked.code == 1)
        #expect(checked.out.contains("[ledger]") && checked.out.contains("R1") && checked.out.contains("编号1"), "\(checked.out)")
        #expect(checked.out.contains("[witness]"), "\(checked.out)")
    }
}

extension GateTests {
    @Test("a historic use in one unit and a filed 破格 application in another for the same category: merged with an R3 finding, check passes")
    func legitimateSecondUse() throws {
        let s = sandbox()
        s.ok("unit", "add", "甲单位", "--department", "某局", "--db", s.folder + "/a.db")
        s.ok("person", "add", "--id-number", id, "--name", "张三", "--unit", "甲单位", "--trade", "电工", "--work-start", "2000-07",
             "--db", s.folder + "/a.db")
        s.ok("exceptional", "record", id, "--condition", "excellent-two-years", "--year", "2016", "--grade", "中级工",
             "--db", s.folder + "/a.db")
        let a = s.folder + "/a.bundle"
        s.ok("bundle", "--unit", "甲单位", "--output", a, "--db", s.folder + "/a.db")
        sleep(1)
        filed(s, db: "b.db", unit: "乙单位")
        let b = s.folder + "/b.bundle"
        s.ok("bundle", "--unit", "乙单位", "--output", b, "--db", s.folder + "/b.db")
        s.ok("merge", a)
        let summary = try #require(s.json("merge", b) as? [String: Any])
        let findings = try #require(summary["findings"] as? [[String: Any]])
        #expect(findings.count == 1 && (findings.first?["application"] as? String)?.contains("2024年") == true)
        #expect(s.ok("check").contains("校验通过"))
        #expect(s.ok("application", "list").contains("尚无") || !s.ok("application", "list").contains("破格"))
        let audit = try #require(s.json("audit") as? [String: Any])
        #expect((audit["findings"] as? [[String: Any]] ?? []).contains { $0["kind"] as? String == "category-used-twice" })
    }
}
