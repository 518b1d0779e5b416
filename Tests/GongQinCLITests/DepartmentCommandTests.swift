import Foundation
import Testing

/// Units' bundles merged into a department's database (Documentation/DEPARTMENTS.md, RULES R2, R3): each unit
/// keeps its own database, the department's is the sandbox's default one.
@Suite("bundle, merge and --department, end to end")
struct DepartmentCommandTests {
    let 张三 = IDs.make(birth: "19800312", sequence: 123)
    let 李四 = IDs.make(birth: "19820101", sequence: 45)
    let 王五 = IDs.make(birth: "19790505", sequence: 67)
    let 赵六 = IDs.make(birth: "19830707", sequence: 89)

    /// Runs a command on the unit database `db`.
    @discardableResult
    func on(_ s: Sandbox, _ db: String, _ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let result = s.run(arguments + ["--db", s.folder + "/" + db])
        #expect(result.code == 0, "gongqin \(arguments.joined(separator: " ")) --db \(db) → \(result.code): \(result.err)",
                sourceLocation: sourceLocation)
        return result.out
    }

    func add(_ s: Sandbox, _ db: String, unit: String, department: String, _ id: String, name: String, workStart: String = "2000-07") {
        on(s, db, "unit", "add", unit, "--department", department)
        on(s, db, "person", "add", "--id-number", id, "--name", name, "--unit", unit, "--trade", "电工", "--work-start", workStart)
    }

    /// Makes the bundle of `unit` from `db` and returns its path.
    func bundle(_ s: Sandbox, _ db: String, unit: String) -> String {
        let path = s.folder + "/" + db + ".bundle"
        on(s, db, "bundle", "--unit", unit, "--output", path)
        return path
    }

    /// Three units in three databases: 甲 with 张三, open to 2024 senior exceptional and
    /// filed for it; 乙 with 李四; 丙 (another department) with 王五.
    func threeUnits() -> (Sandbox, [String]) {
        let s = Sandbox()
        s.today = "2024-03-01"
        add(s, "a.db", unit: "甲单位", department: "某局", 张三, name: "张三")
        on(s, "a.db", "cert", "add", 张三, "--trade", "电工", "--grade", "初级工", "--issued", "2003-06-01")
        on(s, "a.db", "cert", "add", 张三, "--trade", "电工", "--grade", "中级工", "--issued", "2021-06-01")
        for year in [2019, 2020, 2023] { on(s, "a.db", "assessment", "add", 张三, "--year", String(year), "--result", "合格") }
        for year in [2021, 2022] { on(s, "a.db", "assessment", "add", 张三, "--year", String(year), "--result", "优秀") }
        on(s, "a.db", "education", "add", 张三, "--level", "高中", "--graduated", "1998-07")
        on(s, "a.db", "apply", 张三, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years")

        add(s, "b.db", unit: "乙单位", department: "某局", 李四, name: "李四", workStart: "2004-07")
        on(s, "b.db", "cert", "add", 李四, "--trade", "电工", "--grade", "初级工", "--issued", "2008-06-01")
        for year in 2019...2023 { on(s, "b.db", "assessment", "add", 李四, "--year", String(year), "--result", "合格") }
        on(s, "b.db", "education", "add", 李四, "--level", "高中", "--graduated", "2001-07")
        on(s, "b.db", "job", "add", 李四, "--from", "2004-07", "--unit", "乙单位", "--post", "电工")

        add(s, "c.db", unit: "丙单位", department: "他局", 王五, name: "王五")
        on(s, "c.db", "cert", "add", 王五, "--trade", "电工", "--grade", "初级工", "--issued", "2005-06-01")
        for year in 2019...2023 { on(s, "c.db", "assessment", "add", 王五, "--year", String(year), "--result", "合格") }
        on(s, "c.db", "education", "add", 王五, "--level", "高中", "--graduated", "1998-07")
        return (s, [bundle(s, "a.db", unit: "甲单位"), bundle(s, "b.db", unit: "乙单位"), bundle(s, "c.db", unit: "丙单位")])
    }

    func object(_ any: Any?) -> [String: Any] { any as? [String: Any] ?? [:] }

    @Test("three units bundled in three databases merge into a fourth; --department scopes eligible, the roster and audit")
    func threeUnitsMerge() throws {
        let (s, bundles) = threeUnits()
        let result = s.run(["merge"] + bundles + ["--format", "json"])
        #expect(result.code == 0, "\(result.err)")
        let summary = object(try JSONSerialization.jsonObject(with: Data(result.out.utf8)))
        let added = object(summary["added"])
        #expect(added["person"] as? Int == 3)
        #expect(added["unit"] as? Int == 3)
        #expect(added["application"] as? Int == 1)
        #expect(added["exceptional_use"] as? Int == 1)
        #expect(added["job"] as? Int == 1)
        #expect((summary["conflicts"] as? [Any])?.isEmpty == true)
        #expect((summary["moved"] as? [Any])?.isEmpty == true)
        #expect(s.ok("check").contains("校验通过"))
        // The merge is logged: digest, unit and source head.
        let log = s.ok("log", "--table", "bundle_merge", "--format", "json")
        #expect(log.contains("甲单位") && log.contains("source_head_hash"))

        // The ledger came with its application: 张三 cannot use the category again (X1).
        let uses = try #require(s.json("exceptional", "list") as? [[String: Any]])
        #expect(uses.count == 1 && uses.first?["source"] as? String == "application")

        // eligible --department covers 甲 and 乙, not 丙 (他局).
        let eligible = try #require(s.json("eligible", "--cycle", "2024", "--department", "某局") as? [[String: Any]])
        let units = Set(eligible.compactMap { $0["unit"] as? String })
        #expect(units.isSubset(of: ["甲单位", "乙单位"]) && units.contains("乙单位"))
        let other = try #require(s.json("eligible", "--cycle", "2024", "--department", "他局") as? [[String: Any]])
        #expect(other.allSatisfy { $0["unit"] as? String == "丙单位" } && !other.isEmpty)
        s.fails(65, "eligible", "--cycle", "2024", "--department", "无此局")

        // export roster --department: 张三's application is under 某局 and not under 他局.
        let roster = s.ok("export", "roster", "--cycle", "2024", "--department", "某局")
        #expect(roster.contains(张三))
        #expect(!s.ok("export", "roster", "--cycle", "2024", "--department", "他局").contains(张三))
        s.fails(64, "export", "persons", "--department", "某局")

        let audit = object(s.json("audit", "--department", "他局"))
        #expect((audit["uses"] as? [Any])?.isEmpty == true)
        #expect(((object(s.json("audit", "--department", "某局"))["uses"]) as? [Any])?.count == 1)
    }

    @Test("a person moved between units with a use of one category in each: moved (R2), category-used-twice in audit (R3)")
    func movedWithSecondUse() throws {
        let s = Sandbox()
        add(s, "a.db", unit: "甲单位", department: "某局", 赵六, name: "赵六")
        on(s, "a.db", "exceptional", "record", 赵六, "--condition", "merit-award", "--year", "2015", "--grade", "中级工")
        add(s, "b.db", unit: "乙单位", department: "某局", 赵六, name: "赵六")
        on(s, "b.db", "exceptional", "record", 赵六, "--condition", "merit-award", "--year", "2020", "--grade", "高级工")
        let a = bundle(s, "a.db", unit: "甲单位"), b = bundle(s, "b.db", unit: "乙单位")
        s.ok("merge", a)
        let summary = object(s.json("merge", b))
        let moved = try #require(summary["moved"] as? [[String: Any]])
        #expect(moved.count == 1 && moved.first?["from"] as? String == "甲单位" && moved.first?["to"] as? String == "乙单位")
        #expect(s.ok("person", "list", "--unit", "乙单位").contains("赵六"))

        let audit = object(s.json("audit"))
        let findings = try #require(audit["findings"] as? [[String: Any]]).filter { $0["kind"] as? String == "category-used-twice" }
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding["idNumber"] as? String == 赵六)
        #expect(finding["units"] as? [String] == ["甲单位", "乙单位"])
        #expect(object(finding["first"])["year"] as? Int == 2015 && object(finding["first"])["grade"] as? String == "intermediate")
        #expect(object(finding["second"])["year"] as? Int == 2020 && object(finding["second"])["grade"] as? String == "senior")
        let detail = finding["detail"] as? String ?? ""
        #expect(detail.contains("甲单位") && detail.contains("乙单位") && detail.contains("2015") && detail.contains("2020"))
        // The first use stays the ledger's.
        let uses = try #require(s.json("exceptional", "list") as? [[String: Any]])
        #expect(uses.count == 1 && uses.first?["year"] as? Int == 2015)
        #expect(s.ok("check").contains("校验通过"))
    }

    @Test("a conflicting certificate date is refused without --prefer, and resolved by each choice")
    func conflictingCertificate() throws {
        let s = Sandbox()
        add(s, "a.db", unit: "甲单位", department: "某局", 李四, name: "李四")
        on(s, "a.db", "cert", "add", 李四, "--trade", "电工", "--grade", "初级工", "--issued", "2008-06-01")
        add(s, "b.db", unit: "乙单位", department: "某局", 李四, name: "李四")
        on(s, "b.db", "cert", "add", 李四, "--trade", "电工", "--grade", "初级工", "--issued", "2008-07-01")
        let a = bundle(s, "a.db", unit: "甲单位"), b = bundle(s, "b.db", unit: "乙单位")
        s.ok("merge", a)
        let copy = s.folder + "/copy.sqlite"
        try FileManager.default.copyItem(atPath: s.db, toPath: copy)

        let err = s.fails(1, "merge", b)
        #expect(err.contains("2008-06-01") && err.contains("2008-07-01") && err.contains("甲单位") && err.contains("乙单位"))
        #expect(err.contains("--prefer"))

        let stored = object(s.json("merge", b, "--prefer", "stored"))
        let conflict = try #require((stored["conflicts"] as? [[String: Any]])?.first)
        #expect(conflict["kind"] as? String == "certificate" && conflict["kept"] as? String == "stored")
        let field = try #require((conflict["fields"] as? [[String: Any]])?.first)
        #expect(field["stored"] as? String == "2008-06-01" && field["bundle"] as? String == "2008-07-01")
        #expect(s.ok("export", "certs").contains("2008-06-01"))
        #expect(s.ok("person", "list", "--unit", "乙单位").contains("李四"))

        s.ok("merge", b, "--prefer", "bundle", "--db", copy)
        let certs = s.ok("export", "certs", "--db", copy)
        #expect(certs.contains("2008-07-01") && !certs.contains("2008-06-01"))
        #expect(s.ok("check", "--db", copy).contains("校验通过"))
    }

    @Test("a unit the department keeps under another 主管部门 is a conflict: refused without --prefer, the bundle's kept with --prefer bundle")
    func conflictingUnit() throws {
        let s = Sandbox()
        add(s, "a.db", unit: "甲单位", department: "某局", 李四, name: "李四")
        let a = bundle(s, "a.db", unit: "甲单位")
        s.ok("unit", "add", "甲单位", "--department", "他局", "--district", "天宁区")

        let err = s.fails(1, "merge", a)
        #expect(err.contains("他局") && err.contains("某局") && err.contains("--prefer"))
        #expect(s.ok("unit", "list", "--format", "csv").contains("甲单位,他局,天宁区"))

        let merged = object(s.json("merge", a, "--prefer", "bundle"))
        let conflict = try #require((merged["conflicts"] as? [[String: Any]])?.first { $0["kind"] as? String == "unit" })
        let fields = (conflict["fields"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
        #expect(fields == ["department", "district"])
        #expect(s.ok("unit", "list", "--format", "csv").contains("甲单位,某局,,"))
        #expect(s.ok("check").contains("校验通过"))
    }

    @Test("a merge logs the rows each bundle adds to a table as one batch entry; check, corrections and revert work on them")
    func mergeBatches() throws {
        let (s, bundles) = threeUnits()
        #expect(s.run(["merge"] + bundles).code == 0)
        func entries(_ table: String) throws -> [[String: Any]] {
            try #require(s.json("log", "--table", table) as? [[String: Any]])
        }
        // One entry a bundle for each table it adds rows to, none a row.
        for (table, rows) in [("person", [1, 1, 1]), ("annual_assessment", [5, 5, 5]), ("person_source", [1, 1, 1])] {
            let log = try entries(table)
            #expect(log.allSatisfy { $0["op"] as? String == "import" }, "\(table): \(log)")
            let batches = log.map { object($0["after"]) }
            #expect(batches.map { $0["rows"] as? Int } == rows, "\(table)")
            #expect(batches.map { $0["unit"] as? String } == ["甲单位", "乙单位", "丙单位"], "\(table)")
            #expect(batches.allSatisfy { ($0["file"] as? String)?.hasSuffix(".db.bundle") == true && ($0["digest"] as? String)?.count == 64 })
        }
        // The unit and the application are few, and logged a row each as before.
        #expect(try entries("application").map { $0["op"] as? String } == ["insert"])
        #expect(s.ok("log", "--table", "annual_assessment").contains("单位“乙单位”的数据包“b.db.bundle”"))
        #expect(s.ok("log", "--table", "annual_assessment").contains("整批合并5条"))
        #expect(s.ok("check").contains("校验通过"))

        // A merged record corrected later is logged on its own, and the batch still accounts for the rest.
        let assessments = try #require(s.json("assessment", "list", 李四) as? [[String: Any]])
        let number = try #require(assessments.first?["id"] as? Int)
        s.ok("assessment", "update", String(number), "--result", "优秀")
        #expect(s.ok("check").contains("校验通过"))
        // A batch entry is not undone as a whole.
        let batchSeq = try #require(try entries("annual_assessment").first?["seq"] as? Int)
        #expect(s.fails(1, "revert", String(batchSeq)).contains("是单位“甲单位”的数据包“a.db.bundle”的整批合并（5条记录），不能整条撤销"))

        // A merged row changed behind gongqin's back no longer matches its batch's digest.
        s.tool(["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()",
                s.db, "DROP TRIGGER education_log_update; UPDATE education SET school = '某校' WHERE id = (SELECT max(id) FROM education);"])
        let check = s.run("check")
        #expect(check.code == 1 && check.out.contains("单位“丙单位”的数据包“c.db.bundle”整批合并）与该批的摘要不符"), "\(check.out)")
    }

    @Test("the same bundle merged twice changes nothing the second time, not even the log")
    func twice() throws {
        let (s, bundles) = threeUnits()
        s.ok("merge", bundles[0])
        let before = FileManager.default.contents(atPath: s.db)
        let again = s.ok("merge", bundles[0])
        #expect(again.contains("无变化") && again.contains("合并过"))
        #expect(again.contains("未变动（stale）：张三"), "its people are named, read from the bundle: \(again)")
        #expect(FileManager.default.contents(atPath: s.db) == before)
        let summary = object(s.json("merge", bundles[0]))
        #expect(object(summary["added"]).values.allSatisfy { $0 as? Int == 0 })
        #expect((summary["bundles"] as? [[String: Any]])?.first?["outcome"] as? String == "unchanged")
        let stale = summary["stale"] as? [[String: Any]]
        #expect(stale?.map { $0["name"] as? String } == ["张三"] && stale?.first?["unit"] as? String == "甲单位")
    }

    @Test("a bundle with one byte changed, or not a bundle at all, is refused with the database byte-identical")
    func tampered() throws {
        let (s, bundles) = threeUnits()
        s.ok("merge", bundles[1])
        var bytes = try #require(FileManager.default.contents(atPath: bundles[0]))
        // One byte of a record: the first certificate date's year 2003 becomes 2004.
        let needle = Array("2003-06-01".utf8)
        let index = try #require((0...(bytes.count - needle.count)).first { Array(bytes[$0..<($0 + needle.count)]) == needle })
        bytes[index + 3] = UInt8(ascii: "4")
        let changed = s.folder + "/changed.bundle"
        try bytes.write(to: URL(fileURLWithPath: changed))
        #expect(s.fails(65, "merge", changed).contains("摘要"))

        // One byte of the manifest's digest.
        var manifest = try #require(FileManager.default.contents(atPath: bundles[0]))
        let key = Array("source-head-entries".utf8)
        let at = try #require((0...(manifest.count - key.count)).first { Array(manifest[$0..<($0 + key.count)]) == key })
        manifest[at + key.count] = manifest[at + key.count] == UInt8(ascii: "9") ? UInt8(ascii: "8") : UInt8(ascii: "9")
        let edited = s.folder + "/manifest.bundle"
        try manifest.write(to: URL(fileURLWithPath: edited))
        s.fails(65, "merge", edited)

        let text = s.folder + "/text.bundle"
        try Data("not a bundle\n".utf8).write(to: URL(fileURLWithPath: text))
        s.fails(65, "merge", text)
        // A gongqin database that is not a bundle.
        s.fails(65, "merge", s.folder + "/a.db")
        s.fails(66, "merge", s.folder + "/missing.bundle")
        #expect(!FileManager.default.fileExists(atPath: s.folder + "/missing.bundle"))
        // A good bundle after a bad one in the same command: the bad one stops it first.
        s.fails(65, "merge", changed, bundles[0])
        // Bundles are checked several at a time; the refusal is the first bad one's of the list.
        let missing = s.folder + "/missing.bundle"
        #expect(s.fails(66, "merge", bundles[0], missing, text, bundles[2]).contains("missing.bundle"))
        let first = s.fails(65, "merge", bundles[0], bundles[2], text, missing)
        #expect(first.contains("text.bundle") && !first.contains("missing.bundle"), "\(first)")
        let listed = s.ok("person", "list")
        #expect(listed.contains("李四") && !listed.contains("张三") && !listed.contains("王五"), "only bundles[1] is merged")
    }

    @Test("a bad bundle last in a list, checked while the ones before it merge: a new database is not created, an existing one is byte-identical")
    func badBundleLast() throws {
        let (s, bundles) = threeUnits()
        let text = s.folder + "/text.bundle"
        try Data("not a bundle\n".utf8).write(to: URL(fileURLWithPath: text))
        // Into a new database: nothing at its path, nothing left beside it.
        let refused = s.run(["merge", bundles[0], bundles[1], bundles[2], text])
        #expect(refused.code == 65 && refused.err.contains("text.bundle") && !refused.err.contains("已新建"), "\(refused.err)")
        #expect(!FileManager.default.fileExists(atPath: s.db))
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.folder).filter { $0.contains("gongqin-new") }.isEmpty)
        // A merge into a new database says so once it is made.
        #expect(s.run(["merge", bundles[1]]).err.contains("已新建数据库"))
        // Into an existing database: byte for byte as before.
        let before = FileManager.default.contents(atPath: s.db)
        s.fails(65, "merge", bundles[0], bundles[2], text)
        #expect(FileManager.default.contents(atPath: s.db) == before)
        // A bad bundle's refusal comes before what the merge of an earlier one met (here,
        // --require-seal and an unsealed bundle).
        let first = s.fails(65, "merge", bundles[0], text, "--require-seal")
        #expect(first.contains("text.bundle") && !first.contains("require-seal"), "\(first)")
        #expect(s.fails(65, "merge", bundles[0], "--require-seal").contains("require-seal"))
        #expect(FileManager.default.contents(atPath: s.db) == before)
    }

    @Test("--dry-run reports what a merge would do and writes nothing")
    func dryRun() throws {
        let (s, bundles) = threeUnits()
        s.ok("merge", bundles[1])
        let before = FileManager.default.contents(atPath: s.db)
        let summary = object(s.json("merge", bundles[0], "--dry-run"))
        #expect(object(summary["added"])["person"] as? Int == 1)
        #expect((summary["bundles"] as? [[String: Any]])?.first?["outcome"] as? String == "dry-run")
        #expect(s.ok("merge", bundles[0], "--dry-run").contains("试运行"))
        #expect(FileManager.default.contents(atPath: s.db) == before)
        #expect(!s.ok("person", "list").contains("张三"))
    }

    @Test("a newer bundle from the same unit adds what is new, moves an application through its lifecycle, and keeps what the unit removed")
    func newerBundle() throws {
        let (s, bundles) = threeUnits()
        s.ok("merge", bundles[0], bundles[1])
        // In unit 甲: the application is accepted, then passed; a new colleague.
        on(s, "a.db", "application", "set-status", "1", "accepted")
        on(s, "a.db", "application", "set-status", "1", "passed")
        on(s, "a.db", "person", "add", "--id-number", 赵六, "--name", "赵六", "--unit", "甲单位", "--trade", "电工",
           "--work-start", "2010-07")
        try FileManager.default.removeItem(atPath: bundles[0])
        let newer = bundle(s, "a.db", unit: "甲单位")

        let refused = s.fails(1, "merge", newer)
        #expect(refused.contains("状态"))
        let summary = object(s.json("merge", newer, "--prefer", "bundle"))
        #expect(object(summary["added"])["person"] as? Int == 1)
        #expect(object(summary["updated"])["application"] as? Int == 1)
        let applications = try #require(s.json("application", "list", "--cycle", "2024") as? [[String: Any]])
        #expect(applications.count == 1 && applications.first?["status"] as? String == "passed")
        #expect(s.ok("check").contains("校验通过"))

        // 乙 removes 李四 and adds 王五: the newer bundle adds 王五; 李四 stays, reported absent.
        on(s, "b.db", "person", "remove", 李四, "--with-records")
        on(s, "b.db", "person", "add", "--id-number", 王五, "--name", "王五", "--unit", "乙单位", "--trade", "电工",
           "--work-start", "2001-07")
        try FileManager.default.removeItem(atPath: bundles[1])
        let b2 = bundle(s, "b.db", unit: "乙单位")
        let second = object(s.json("merge", b2))
        #expect(object(second["absent"])["person"] as? Int == 1)
        #expect(object(second["added"])["person"] as? Int == 1)
        #expect(s.ok("person", "list", "--unit", "乙单位").contains("李四"))
    }

    @Test("bundle refuses an unknown unit and an existing file, and writes a file of mode 0600")
    func bundleRefusals() throws {
        let (s, bundles) = threeUnits()
        let err = s.run(["bundle", "--unit", "甲单位", "--output", bundles[0], "--db", s.folder + "/a.db"])
        #expect(err.code == 65 && err.err.contains("已存在"))
        let unknown = s.run(["bundle", "--unit", "无此单位", "--output", s.folder + "/x.bundle", "--db", s.folder + "/a.db"])
        #expect(unknown.code == 65 && !FileManager.default.fileExists(atPath: s.folder + "/x.bundle"))
        let mode = try FileManager.default.attributesOfItem(atPath: bundles[0])[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let manifest = object(s.json("bundle", "--unit", "乙单位", "--output", s.folder + "/y.bundle", "--db", s.folder + "/b.db"))
        #expect(manifest["unit"] as? String == "乙单位" && manifest["department"] as? String == "某局")
        #expect(object(manifest["counts"])["person"] as? Int == 1 && (manifest["digest"] as? String)?.count == 64)
    }
}
