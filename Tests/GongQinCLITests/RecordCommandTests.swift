import Foundation
import Testing

@Suite("record-keeping commands, end to end")
struct RecordCommandTests {
    let id = IDs.make(sequence: 123)

    @Test("init creates a 0600 database and is idempotent")
    func initDatabase() throws {
        let s = Sandbox()
        let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Schema").standardized
        let newest = try FileManager.default.contentsOfDirectory(atPath: schema.path).filter { $0.hasSuffix(".sql") }.sorted().last!
        #expect(s.ok("init").contains("结构版本：\(newest.dropLast(4))"))
        let mode = try FileManager.default.attributesOfItem(atPath: s.db)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        s.ok("init")
    }

    @Test("commands that create one new database at the same moment all succeed, and migrate it once", arguments: 1...3)
    func concurrentCreation(_ round: Int) throws {
        let s = Sandbox()
        let results = s.concurrently(6, ["init"])
        for result in results { #expect(result.code == 0, "\(result.err)") }
        #expect(s.ok("check").contains("校验通过"))
    }

    @Test("the database is --db, then GONGQIN_DB, then $XDG_DATA_HOME, then ~/.local/share")
    func databaseChoice() {
        let s = Sandbox()
        let explicit = s.folder + "/explicit.sqlite"
        s.run(["unit", "add", "甲", "--db", explicit])
        #expect(FileManager.default.fileExists(atPath: explicit))
        s.run(["unit", "add", "乙"])
        #expect(FileManager.default.fileExists(atPath: s.db))
        s.run(["unit", "add", "丙"], environment: ["XDG_DATA_HOME": s.folder + "/xdg"], useDefaultDB: false)
        #expect(FileManager.default.fileExists(atPath: s.folder + "/xdg/gongqin/gongqin.sqlite"))
        s.run(["unit", "add", "丁"], useDefaultDB: false)
        #expect(FileManager.default.fileExists(atPath: s.folder + "/.local/share/gongqin/gongqin.sqlite"))
    }

    @Test("units: add, list in three formats, duplicates refused")
    func units() throws {
        let s = Sandbox()
        s.seed()
        #expect(s.ok("unit", "list").contains("常州市某主管局"))
        let units = s.json("unit", "list") as? [[String: Any]]
        #expect(units?.first?["name"] as? String == "常州市某局")
        #expect(units?.first?["department"] as? String == "常州市某主管局")
        #expect(s.ok("unit", "list", "--format", "csv").hasPrefix("name,department,district,persons\n常州市某局,"))
        #expect(s.fails(65, "unit", "add", "常州市某局").contains("已存在"))
        s.fails(65, "unit", "add", "  ")
    }

    @Test("trades: the seeded catalogue, add, update, refusals")
    func trades() {
        let s = Sandbox()
        s.ok("init")
        let trades = s.json("trade", "list") as? [[String: Any]] ?? []
        #expect(trades.count == 45)
        #expect(trades.contains { $0["name"] as? String == "收银审核" && $0["cashier"] as? Bool == true })
        s.ok("trade", "add", "维修电工")
        let added = (s.json("trade", "list") as? [[String: Any]] ?? []).first { $0["name"] as? String == "维修电工" }
        #expect(added?["maxGrade"] as? String == "senior")
        s.ok("trade", "update", "维修电工", "--max-grade", "技师", "--licensed")
        let updated = (s.json("trade", "list") as? [[String: Any]] ?? []).first { $0["name"] as? String == "维修电工" }
        #expect(updated?["maxGrade"] as? String == "technician")
        #expect(updated?["licensed"] as? Bool == true)
        s.fails(65, "trade", "add", "电工")
        s.fails(64, "trade", "add", "x", "--max-grade", "大师")
        #expect(s.fails(65, "trade", "update", "电焊").contains("是否指"))
    }

    @Test("person add, show, list, update, remove")
    func people() throws {
        let s = Sandbox()
        s.seed()
        s.ok("person", "add", "--id-number", id, "--name", "张三", "--unit", "常州市某局", "--trade", "电工",
             "--work-start", "2005-07", "--probation-end", "2006-07-01")
        let list = s.ok("person", "list")
        #expect(list.contains("320402********") && !list.contains(id))
        #expect(s.ok("person", "list", "--reveal").contains(id))
        #expect(s.ok("person", "list", "--format", "csv").contains(id))
        let shown = s.ok("person", "show", id)
        #expect(shown.contains("张三（男，1985-03-12生）"))
        #expect(shown.contains("常州市某主管局"))
        #expect(!shown.contains(id))
        let json = s.json("person", "show", id) as? [String: Any]
        #expect(json?["idNumber"] as? String == id)
        #expect(json?["birthDate"] as? String == "1985-03-12")
        #expect(json?["sex"] as? String == "male")
        #expect(json?["workStart"] as? String == "2005-07-01")
        s.ok("person", "update", id, "--name", "张叁", "--enlisted", "2001-12", "--discharged", "2004-12", "--placed", "2005-03")
        let updated = s.json("person", "show", id) as? [String: Any]
        #expect(updated?["name"] as? String == "张叁")
        #expect(updated?["placed"] as? String == "2005-03-01")
        s.ok("person", "update", id, "--clear", "placed", "discharged", "enlisted")
        #expect((s.json("person", "show", id) as? [String: Any])?["placed"] == nil)
        s.ok("person", "remove", id)
        s.fails(65, "person", "show", id)
    }

    @Test("person add refuses bad input with the reason", arguments: [
        (["--id-number", "32040219850312123"], Int32(65), "18位"),
        (["--id-number", "320402198503121231"], 65, "校验位"),
        (["--id-number", "320402198502301234"], 65, "出生日期"),
        (["--id-number", "990402198503121231"], 65, "地区码"),
        (["--unit", "常州某局"], 65, "是否指“常州市某局”"),
        (["--trade", "电"], 65, "是否指“电工”"),
        (["--work-start", "2005-02-30"], 65, "不是真实存在的日期"),
        (["--work-start", "2027-01-01"], 65, "晚于今天"),
        (["--work-start", "1990-01-01"], 65, "未满16周岁"),
        (["--work-start", "yesterday"], 65, "不是日期"),
        (["--placed", "2010-01-01"], 65, "缺入伍时间"),
        (["--frobnicate"], 64, "未知的选项"),
    ])
    func personRefusals(_ change: [String], _ code: Int32, _ reason: String) {
        let s = Sandbox()
        s.seed()
        var arguments = ["--id-number", IDs.make(sequence: 7), "--name", "李四", "--unit", "常州市某局", "--trade", "电工", "--work-start", "2005-07"]
        if let flag = change.first, let i = arguments.firstIndex(of: flag) {
            arguments.replaceSubrange(i...i + 1, with: change)
        } else {
            arguments += change
        }
        let before = FileManager.default.contents(atPath: s.db)
        let result = s.run(["person", "add"] + arguments)
        #expect(result.code == code, "\(result.err)")
        #expect(result.err.contains(reason), "\(result.err)")
        #expect(result.err.split(separator: "\n").count == 1)
        #expect(FileManager.default.contents(atPath: s.db) == before)
    }

    @Test("person add without its required flags is a usage error")
    func personMissing() {
        let s = Sandbox()
        s.seed()
        #expect(s.fails(64, "person", "add", "--id-number", id, "--name", "张三").contains("--unit"))
        s.fails(64, "person", "add", "--name", "张三")
    }

    @Test("a duplicate person is refused in Chinese")
    func duplicatePerson() {
        let s = Sandbox()
        s.seed()
        s.person(id)
        #expect(s.fails(65, "person", "add", "--id-number", id, "--name", "张三", "--unit", "常州市某局", "--trade", "电工",
                        "--work-start", "2005-07").contains("已登记"))
    }

    @Test("certificates, transfers, assessments, education, awards, training")
    func records() throws {
        let s = Sandbox()
        s.seed()
        s.person(id)
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "初级工", "--issued", "2008-06-01", "--number", "A001")
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "intermediate", "--issued", "2013-06-01", "--number", "A002", "--route", "提前")
        s.ok("transfer", "add", id, "--to", "汽车驾驶与管理", "--date", "2020-03")
        s.ok("assessment", "add", id, "--year", "2022", "--result", "优秀")
        s.ok("assessment", "add", id, "--year", "2023", "--result", "pass")
        s.ok("education", "add", id, "--level", "大专", "--graduated", "2004-07", "--major", "电气自动化", "--relevant")
        s.ok("award", "add", id, "--name", "嘉奖", "--date", "2019-12", "--issuer", "某局")
        s.ok("training", "add", id, "--name", "安全生产", "--date", "2021-05-01", "--hours", "24")
        let shown = try #require(s.json("person", "show", id) as? [String: Any])
        #expect(shown["trade"] as? String == "汽车驾驶与管理")
        let certificates = try #require(shown["certificates"] as? [[String: Any]])
        #expect(certificates.map { $0["grade"] as? String } == ["junior", "intermediate"])
        #expect(certificates[1]["route"] as? String == "early")
        #expect(certificates[0]["province"] as? String == "江苏")
        #expect((shown["transfers"] as? [[String: Any]])?.first?["from"] as? String == "电工")
        #expect((shown["assessments"] as? [[String: Any]])?.map { $0["result"] as? String } == ["excellent", "pass"])
        #expect((shown["education"] as? [[String: Any]])?.first?["relevant"] as? Bool == true)
        #expect((shown["awards"] as? [[String: Any]])?.count == 1)
        #expect((shown["continuingEducation"] as? [[String: Any]])?.first?["hours"] as? Int == 24)
        let text = s.ok("person", "show", id)
        for heading in ["等级证书", "转岗", "年度考核", "学历", "奖励", "继续教育", "破格条件使用"] {
            #expect(text.contains(heading))
        }
        #expect(s.ok("person", "show", id, "--format", "csv").contains("certificates,2,证书等级,中级工"))
    }

    @Test("record commands refuse bad input and leave the database alone")
    func recordRefusals() {
        let s = Sandbox()
        s.seed()
        s.person(id)
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "junior", "--issued", "2008-06-01", "--number", "A001")
        s.ok("assessment", "add", id, "--year", "2022", "--result", "优秀")
        let other = IDs.make(sequence: 9)
        s.fails(64, "cert", "add", id, "--trade", "电工", "--grade", "master", "--issued", "2010-01-01")
        s.fails(64, "cert", "add", id, "--trade", "电工", "--grade", "junior")
        s.fails(65, "cert", "add", id, "--trade", "电工", "--grade", "junior", "--issued", "2010-01-01")
        s.fails(65, "cert", "add", id, "--trade", "电工", "--grade", "senior", "--issued", "2010-01-01", "--number", "A001")
        s.fails(65, "cert", "add", id, "--trade", "电工", "--grade", "senior", "--issued", "2030-01-01")
        s.fails(65, "cert", "add", other, "--trade", "电工", "--grade", "senior", "--issued", "2010-01-01")
        s.fails(65, "cert", "add", "123", "--trade", "电工", "--grade", "senior", "--issued", "2010-01-01")
        s.fails(64, "cert", "add", id, "--trade", "电工", "--grade", "senior", "--issued", "2010-01-01", "--route", "luck")
        s.fails(65, "transfer", "add", id, "--to", "电工", "--date", "2020-03")
        s.fails(65, "transfer", "add", id, "--to", "潜水", "--date", "2020-03")
        s.fails(65, "transfer", "add", id, "--to", "潜水员", "--date", "2001-03")
        s.fails(64, "assessment", "add", id, "--year", "2021", "--result", "good")
        s.fails(65, "assessment", "add", id, "--year", "2022", "--result", "合格")
        s.fails(65, "assessment", "add", id, "--year", "2027", "--result", "合格")
        s.fails(65, "assessment", "add", id, "--year", "1999", "--result", "合格")
        s.fails(64, "assessment", "add", id, "--year", "二〇二一", "--result", "合格")
        s.fails(64, "education", "add", id, "--level", "小学", "--graduated", "2000-07")
        s.fails(65, "education", "add", id, "--level", "大专", "--graduated", "2000-13")
        s.fails(65, "award", "add", id, "--name", "嘉奖", "--date", "2040-01-01")
        s.fails(65, "award", "add", id, "--name", " ", "--date", "2020-01-01")
        s.fails(65, "training", "add", id, "--name", "安全", "--date", "2020-01-01", "--hours", "0")
    }

    @Test("exceptional conditions, historic uses and the one-use rule (X1)")
    func exceptional() throws {
        let s = Sandbox()
        s.seed()
        s.person(id)
        let conditions = try #require(s.json("exceptional", "conditions") as? [[String: Any]])
        #expect(Set(conditions.compactMap { $0["code"] as? String }) == ["excellent-two-years", "college-degree", "merit-award"])
        #expect(conditions.allSatisfy { $0["relaxationStatus"] as? String == "assumed" })
        s.ok("exceptional", "record", id, "--condition", "excellent-two-years", "--year", "2016", "--grade", "中级工", "--note", "2016年审批表")
        let err = s.fails(1, "exceptional", "record", id, "--condition", "excellent-two-years", "--year", "2020", "--grade", "高级工")
        #expect(err.contains("2016年中级工（历史审批表）") && err.contains("X1") && err.contains("须知·四·8"))
        #expect(s.fails(65, "exceptional", "record", id, "--condition", "excellent-2-years", "--year", "2020", "--grade", "高级工")
            .contains("是否指“excellent-two-years”"))
        s.fails(65, "exceptional", "record", id, "--condition", "merit-award", "--year", "2030", "--grade", "高级工")
        s.fails(64, "exceptional", "record", id, "--condition", "merit-award", "--year", "2020", "--grade", "x")
        let uses = try #require(s.json("exceptional", "list") as? [[String: Any]])
        #expect(uses.count == 1)
        let use = uses[0]
        #expect(use["idNumber"] as? String == id)
        #expect(use["condition"] as? String == "excellent-two-years")
        #expect(use["category"] as? String == "excellent-two-years")
        #expect(use["grade"] as? String == "intermediate")
        #expect(use["year"] as? Int == 2016)
        #expect(use["source"] as? String == "historic")
        #expect((s.json("exceptional", "list", "--person", id) as? [[String: Any]])?.count == 1)
        s.ok("exceptional", "add-condition", "skill-contest", "--name", "市级技能竞赛前三名", "--relax-work-years", "1", "--relax-grade-years", "1")
        s.fails(65, "exceptional", "add-condition", "Skill Contest", "--name", "x")
        s.fails(1, "person", "remove", id)
    }

    @Test("a database from a newer gongqin and a non-database are refused with exit 65")
    func versions() throws {
        let s = Sandbox()
        s.ok("init")
        let python = "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO grdb_migrations VALUES ('9999_future')\"); c.commit()"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", python, s.db]
        try p.run()
        p.waitUntilExit()
        #expect(s.fails(65, "unit", "list").contains("更新版本"))
        let junk = s.folder + "/junk.sqlite"
        try String(repeating: "不是数据库", count: 500).write(toFile: junk, atomically: true, encoding: .utf8)
        let result = s.run("unit", "list", "--db", junk)
        #expect(result.code == 65)
        #expect(result.err.contains("不是 gongqin 数据库"))
    }

    @Test("a database held by another writer past the timeout exits 75")
    func busy() throws {
        let s = Sandbox()
        s.seed()
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute('BEGIN IMMEDIATE')
            print('locked', flush=True)
            time.sleep(9)
            """, s.db]
        let pipe = Pipe()
        holder.standardOutput = pipe
        try holder.run()
        _ = pipe.fileHandleForReading.availableData  // wait for "locked"
        // The wait is the busy timeout, cut to half a second here (GONGQIN_BUSY_TIMEOUT).
        let result = s.run(["unit", "add", "另一个单位"], environment: ["GONGQIN_BUSY_TIMEOUT": "0.5"])
        holder.terminate()
        holder.waitUntilExit()
        #expect(result.code == 75, "\(result.err)")
        #expect(result.err.contains("稍后重试") && result.err.contains("0.5秒"))
    }

    @Test("help and usage")
    func help() {
        let s = Sandbox()
        let result = s.run("--help")
        #expect(result.code == 0)
        #expect(result.out.contains("person"))
        #expect(s.run("frobnicate").code == 64)
        // A command group without a subcommand prints its help, as --help does.
        let group = s.run("person")
        #expect(group.code == 0)
        #expect(group.out.contains("用法：gongqin person <子命令>") && group.out.contains("remove"))
    }
}
