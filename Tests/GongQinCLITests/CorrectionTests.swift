import Foundation
import GongQinStore
import Testing

/// Record numbers, update, remove and revert for every kind of record; the refusals of R1
/// and X1; the person argument; the database file (RULES R1).
@Suite("corrections: record numbers, update, remove, revert; person argument; the database file")
struct CorrectionTests {
    let id = IDs.make(birth: "19800312", sequence: 123)

    func seeded(today: String = "2024-03-01") -> Sandbox {
        let s = Sandbox()
        s.today = today
        s.seed()
        s.person(id, workStart: "2000-07")
        return s
    }

    /// The head of the change log: its last seq.
    func head(_ s: Sandbox) -> Int {
        let entries = s.json("log") as? [[String: Any]] ?? []
        return entries.last?["seq"] as? Int ?? 0
    }

    /// The numbered records of `kind` for the person.
    func list(_ s: Sandbox, _ kind: String) -> [[String: Any]] {
        s.json(kind, "list", id) as? [[String: Any]] ?? []
    }

    /// One kind, end to end: add, list with its number, update (changing only the field
    /// given, logged with before and after), a no-op update, remove, and revert of the
    /// removal and of the update.
    func roundTrip(kind: String, add: [String], update: [String], field: String, before: String, after: String) throws {
        let s = seeded()
        s.ok([kind, "add", id] + add)
        let added = list(s, kind)
        #expect(added.count == 1, "\(kind)")
        let number = try #require(added.first?["id"] as? Int, "\(kind) list has no id")
        #expect("\(added.first?[field] ?? "")" == before, "\(kind): \(added)")
        #expect(s.ok(kind, "list", id).contains("编号"))
        #expect(s.ok("person", "show", id).contains("编号"))

        let beforeUpdate = head(s)
        #expect(s.ok([kind, "update", String(number)] + update).contains("已修改"))
        let updated = list(s, kind)
        #expect("\(updated.first?[field] ?? "")" == after, "\(kind): \(updated)")
        #expect(updated.first?["id"] as? Int == number, "the number never changes")
        let entries = s.json("log") as? [[String: Any]] ?? []
        let change = try #require(entries.last { ($0["op"] as? String) == "update" && ($0["seq"] as? Int ?? 0) > beforeUpdate })
        #expect(change["before"] != nil && change["after"] != nil)

        // The same change again changes nothing, and writes nothing.
        let bytes = FileManager.default.contents(atPath: s.db)
        #expect(s.ok([kind, "update", String(number)] + update).contains("无变化"))
        #expect(FileManager.default.contents(atPath: s.db) == bytes, "\(kind): a no-op update wrote")

        let updateSeq = head(s)
        #expect(s.ok(kind, "remove", String(number)).contains("已删除"))
        #expect(list(s, kind).isEmpty)
        s.fails(65, kind, "remove", String(number))
        s.fails(65, kind, "update", String(number), update[0], update[1])

        // Revert the removal: the record is back, with its number and the corrected value.
        let log = s.json("log") as? [[String: Any]] ?? []
        let removeSeq = try #require(log.last { $0["op"] as? String == "delete" }?["seq"] as? Int)
        s.ok("revert", String(removeSeq))
        let restored = list(s, kind)
        #expect(restored.first?["id"] as? Int == number)
        #expect("\(restored.first?[field] ?? "")" == after)
        // The update cannot be reverted past the later removal and restoration…
        #expect(s.fails(1, "revert", String(updateSeq)).contains("gongqin revert"))
        #expect(s.ok("check").contains("校验通过"))
    }

    @Test("certificate: add, list, update, remove, revert")
    func certificates() throws {
        try roundTrip(kind: "cert", add: ["--trade", "电工", "--grade", "高级工", "--issued", "2015-06-01"],
                      update: ["--grade", "中级工"], field: "grade", before: "senior", after: "intermediate")
    }

    @Test("transfer: add, list, update, remove, revert")
    func transfers() throws {
        try roundTrip(kind: "transfer", add: ["--to", "汽车驾驶与管理", "--date", "2010-05"],
                      update: ["--date", "2011-05"], field: "date", before: "2010-05-01", after: "2011-05-01")
    }

    @Test("reverting a transfer's removal brings the transfer back, and the person's trade with it (T1)")
    func revertTransferRemoval() throws {
        let s = seeded()
        func trade() -> String? { (s.json("person", "show", id) as? [String: Any])?["trade"] as? String }
        let before = trade()
        s.ok("transfer", "add", id, "--to", "汽车驾驶与管理", "--date", "2010-05")
        #expect(trade() == "汽车驾驶与管理")
        let number = try #require(list(s, "transfer").first?["id"] as? Int)
        s.ok("transfer", "remove", String(number))
        #expect(trade() == before && list(s, "transfer").isEmpty)
        let entries = s.json("log") as? [[String: Any]] ?? []
        let removal = try #require(entries.last { $0["table"] as? String == "transfer" && $0["op"] as? String == "delete" }?["seq"] as? Int)
        s.ok("revert", String(removal))
        #expect(list(s, "transfer").count == 1)
        #expect(trade() == "汽车驾驶与管理")
        #expect(s.ok("check").contains("校验通过"))
    }

    @Test("assessment: add, list, update, remove, revert")
    func assessments() throws {
        try roundTrip(kind: "assessment", add: ["--year", "2022", "--result", "合格"],
                      update: ["--result", "优秀"], field: "result", before: "pass", after: "excellent")
    }

    @Test("education: add, list, update, remove, revert")
    func education() throws {
        try roundTrip(kind: "education", add: ["--level", "高中", "--graduated", "1998-07"],
                      update: ["--school", "常州一中"], field: "school", before: "", after: "常州一中")
    }

    @Test("an optional text given empty is cleared, logged, and a second clearing changes nothing")
    func clearOptionalText() throws {
        let s = seeded()
        s.ok("education", "add", id, "--level", "高中", "--graduated", "1998-07", "--school", "常州一中", "--major", "机电")
        let number = try #require(list(s, "education").first?["id"] as? Int)
        let before = head(s)
        #expect(s.ok("education", "update", String(number), "--school", "").contains("学校：常州一中 → （空）"))
        let cleared = try #require(list(s, "education").first)
        #expect(cleared["school"] == nil || cleared["school"] is NSNull || "\(cleared["school"]!)" == "", "\(cleared)")
        #expect("\(cleared["major"] ?? "")" == "机电", "only the field given changes")
        #expect(head(s) > before, "the clearing is logged")
        #expect(s.ok("education", "update", String(number), "--school", "").contains("无变化"))
        #expect(s.ok("check").contains("校验通过"))
    }

    @Test("award: add, list, update, remove, revert")
    func awards() throws {
        try roundTrip(kind: "award", add: ["--name", "嘉奖", "--date", "2018-05-01"],
                      update: ["--issuer", "某局"], field: "issuer", before: "", after: "某局")
    }

    @Test("training: add, list, update, remove, revert")
    func trainings() throws {
        try roundTrip(kind: "training", add: ["--name", "安全培训", "--date", "2019-05-01"],
                      update: ["--hours", "24"], field: "hours", before: "", after: "24")
    }

    @Test("job: add, list, update, remove, revert")
    func jobs() throws {
        try roundTrip(kind: "job", add: ["--from", "2000-07", "--unit", "常州市某局", "--post", "驾驶员"],
                      update: ["--post", "电工"], field: "post", before: "驾驶员", after: "电工")
    }

    @Test("historic exceptional use: record, number, update, remove, revert; X1 on update")
    func historicUses() throws {
        let s = seeded()
        s.ok("exceptional", "record", id, "--condition", "merit-award", "--grade", "中级工", "--year", "2010")
        s.ok("exceptional", "record", id, "--condition", "college-degree", "--grade", "初级工", "--year", "2005")
        let uses = try #require(s.json("exceptional", "list", "--person", id) as? [[String: Any]])
        let merit = try #require(uses.first { $0["condition"] as? String == "merit-award" }?["id"] as? Int)
        #expect(s.ok("person", "show", id).contains("编号"))
        // X1: one category, once.
        #expect(s.fails(1, "exceptional", "update", String(merit), "--condition", "college-degree").contains("X1"))
        #expect(s.ok("exceptional", "update", String(merit), "--year", "2011").contains("2010 → 2011"))
        #expect(s.ok("exceptional", "update", String(merit), "--year", "2011").contains("无变化"))
        s.ok("exceptional", "remove", String(merit))
        s.ok("revert", String(head(s)))
        let back = try #require(s.json("exceptional", "list", "--person", id) as? [[String: Any]])
        #expect(back.contains { $0["id"] as? Int == merit && $0["year"] as? Int == 2011 })
        s.fails(65, "exceptional", "remove", "999")
    }

    // MARK: R1

    /// 张三 with a filed 2024 senior 破格 application resting on his 中级工 certificate and
    /// on two years of 优秀 (excellent-two-years).
    func filed() -> Sandbox {
        let s = seeded()
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "初级工", "--issued", "2003-06-01")
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "中级工", "--issued", "2021-06-01")
        for year in [2019, 2020, 2023] { s.ok("assessment", "add", id, "--year", String(year), "--result", "合格") }
        for year in [2021, 2022] { s.ok("assessment", "add", id, "--year", String(year), "--result", "优秀") }
        s.ok("education", "add", id, "--level", "高中", "--graduated", "1998-07")
        s.ok("apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years")
        return s
    }

    func number(_ s: Sandbox, _ kind: String, where match: ([String: Any]) -> Bool) throws -> String {
        String(try #require(list(s, kind).first(where: match)?["id"] as? Int))
    }

    @Test("R1: a certificate a filed application rests on cannot be removed or changed away; withdrawal is the way out")
    func certificateUnderApplication() throws {
        let s = filed()
        let cert = try number(s, "cert") { $0["grade"] as? String == "intermediate" }
        let err = s.fails(1, "cert", "remove", cert)
        #expect(err.contains("R1") && err.contains("申报") && err.contains("application set-status"))
        s.fails(1, "cert", "update", cert, "--trade", "汽车修理")
        // A change that keeps the application whole is allowed.
        s.ok("cert", "update", cert, "--number", "A-123")
        let application = try #require((s.json("application", "list") as? [[String: Any]])?.first?["id"] as? Int)
        s.ok("application", "set-status", String(application), "withdrawn")
        s.ok("cert", "remove", cert)
    }

    @Test("R1: an assessment a filed application's condition rests on cannot be changed away")
    func assessmentUnderApplication() throws {
        let s = filed()
        let assessment = try number(s, "assessment") { $0["year"] as? Int == 2022 }
        #expect(s.fails(1, "assessment", "update", assessment, "--result", "合格").contains("R1"))
        s.fails(1, "assessment", "remove", assessment)
        // A change the application does not rest on is made.
        let education = try number(s, "education") { _ in true }
        s.ok("education", "update", education, "--school", "常州市第一中学")
    }

    @Test("R1: a use an application recorded goes with the application")
    func applicationUse() throws {
        let s = filed()
        let use = try #require((s.json("exceptional", "list", "--person", id) as? [[String: Any]])?.first?["id"] as? Int)
        #expect(s.fails(1, "exceptional", "remove", String(use)).contains("withdrawn"))
        s.fails(1, "exceptional", "update", String(use), "--year", "2023")
        // Nor can revert take it, or the application, away.
        let entries = s.json("log") as? [[String: Any]] ?? []
        let useSeq = try #require(entries.last { $0["table"] as? String == "exceptional_use" }?["seq"] as? Int)
        s.fails(1, "revert", String(useSeq))
    }

    @Test("R1: revert of a change an application rests on is refused")
    func revertUnderApplication() throws {
        let s = seeded()
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "初级工", "--issued", "2003-06-01")
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "中级工", "--issued", "2021-06-01")
        let certSeq = head(s)
        for year in [2019, 2020, 2023] { s.ok("assessment", "add", id, "--year", String(year), "--result", "合格") }
        for year in [2021, 2022] { s.ok("assessment", "add", id, "--year", String(year), "--result", "优秀") }
        s.ok("education", "add", id, "--level", "高中", "--graduated", "1998-07")
        s.ok("apply", id, "--cycle", "2024", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years")
        #expect(s.fails(1, "revert", String(certSeq)).contains("R1"))
    }

    @Test("assessment add for a recorded year names the stored result and assessment update")
    func assessmentTwice() {
        let s = seeded()
        s.ok("assessment", "add", id, "--year", "2022", "--result", "合格")
        let err = s.fails(65, "assessment", "add", id, "--year", "2022", "--result", "优秀")
        #expect(err.contains("合格") && err.contains("gongqin assessment update 1 --result excellent"))
        s.ok("assessment", "update", "1", "--result", "excellent")
    }

    // MARK: Transfers and the trade

    @Test("person update --trade is a transfer or an explicit --correction; a trade from a transfer follows its correction")
    func tradeChange() throws {
        let s = seeded()
        let err = s.fails(64, "person", "update", id, "--trade", "汽车驾驶与管理")
        #expect(err.contains("transfer add") && err.contains("--correction"))
        s.ok("person", "update", id, "--trade", "汽车驾驶与管理", "--correction")
        #expect((s.json("person", "show", id) as? [String: Any])?["trade"] as? String == "汽车驾驶与管理")
        s.ok("transfer", "add", id, "--to", "电工", "--date", "2015-03")
        #expect(s.fails(1, "person", "update", id, "--trade", "汽车修理", "--correction").contains("transfer update"))
        let transfer = try number(s, "transfer") { _ in true }
        s.ok("transfer", "update", transfer, "--to", "汽车修理")
        #expect((s.json("person", "show", id) as? [String: Any])?["trade"] as? String == "汽车修理")
        s.ok("transfer", "remove", transfer)
        #expect((s.json("person", "show", id) as? [String: Any])?["trade"] as? String == "汽车驾驶与管理")
    }

    @Test("seniority (T1) follows a corrected transfer; a removed transfer leaves the chain")
    func seniorityFollowsCorrection() throws {
        let s = seeded()
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "中级工", "--issued", "2010-06-01")
        s.ok("transfer", "add", id, "--to", "汽车修理", "--date", "2015-03")
        #expect(s.ok("seniority", id).contains("2015-03-01 电工→汽车修理"))
        let transfer = try number(s, "transfer") { _ in true }
        s.ok("transfer", "update", transfer, "--date", "2016-03", "--from", "电工")
        let corrected = s.ok("seniority", id)
        #expect(corrected.contains("2016-03-01 电工→汽车修理") && !corrected.contains("2015-03-01"))
        s.ok("transfer", "remove", transfer)
        let removed = s.ok("seniority", id)
        #expect(!removed.contains("→汽车修理") && removed.contains("现工种：电工"))
    }

    @Test("a read command on an older schema asks for init and leaves the file alone")
    func olderSchema() throws {
        let s = seeded()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", """
            import sqlite3,sys; c=sqlite3.connect(sys.argv[1])
            last=c.execute("SELECT max(identifier) FROM grdb_migrations").fetchone()[0]
            c.execute("DELETE FROM grdb_migrations WHERE identifier = ?", (last,)); c.commit()
            """, s.db]
        try p.run()
        p.waitUntilExit()
        #expect(s.fails(65, "person", "list").contains("gongqin init"))
        s.fails(65, "status")
    }

    @Test("a person update that changes nothing prints 无变化 and logs nothing")
    func noOpPersonUpdate() {
        let s = seeded()
        let bytes = FileManager.default.contents(atPath: s.db)
        #expect(s.ok("person", "update", id, "--name", "张三").contains("无变化"))
        #expect(FileManager.default.contents(atPath: s.db) == bytes)
    }

    // MARK: Units and trades

    @Test("unit update and remove; trade remove only for an unused, user-added trade")
    func unitsAndTrades() {
        let s = seeded()
        s.ok("unit", "add", "常州市空单位")
        #expect(s.ok("unit", "update", "常州市空单位", "--district", "武进区").contains("武进区"))
        #expect(s.ok("unit", "update", "常州市空单位", "--district", "武进区").contains("无变化"))
        s.ok("unit", "update", "常州市空单位", "--name", "常州市新单位")
        s.fails(1, "unit", "remove", "常州市某局")
        s.ok("unit", "remove", "常州市新单位")
        s.fails(65, "unit", "remove", "常州市新单位")
        s.fails(1, "trade", "remove", "电工")
        s.ok("trade", "add", "测试工种")
        s.ok("trade", "remove", "测试工种")
        s.ok("trade", "add", "在用工种")
        s.ok("cert", "add", id, "--trade", "在用工种", "--grade", "初级工", "--issued", "2003-06-01")
        s.fails(1, "trade", "remove", "在用工种")
    }

    // MARK: The person argument

    @Test("a person argument is an ID, a masked ID as printed, or an exact name; ambiguity lists candidates")
    func personArgument() {
        let s = seeded()
        let masked = String(id.prefix(6)) + "********" + String(id.suffix(4))
        #expect(s.ok("person", "show", masked).contains("张三"))
        #expect(s.ok("person", "show", "张三").contains(masked))
        s.fails(65, "person", "show", "李四")
        let twin = IDs.make(birth: "19850101", sequence: 5)
        s.person(twin, name: "张三")
        let err = s.fails(65, "person", "show", "张三")
        #expect(err.contains("常州市某局") && err.contains("电工") && !err.contains(id))
        #expect(s.ok("person", "list", "--name", "三").contains(masked))
        #expect(s.ok("person", "list", "--name", "李").contains("没有符合条件的人员"))
        #expect((s.json("person", "list", "--trade", "电工") as? [Any])?.count == 2)
        #expect((s.json("person", "list", "--trade", "汽车修理") as? [Any])?.count == 0)
    }

    // MARK: The database file

    @Test("read commands never create a database: missing 66, empty path 64, foreign file 65, all untouched")
    func databaseFile() throws {
        let s = Sandbox()
        for command in [["person", "list"], ["eligible", "--cycle", "2028"], ["log"], ["status"], ["check"], ["unit", "list"]] {
            let result = s.run(command)
            #expect(result.code == 66, "\(command): \(result.err)")
            #expect(result.err.contains(s.db) && result.err.contains("init"))
            #expect(!FileManager.default.fileExists(atPath: s.db), "\(command) created the database")
        }
        #expect(s.run(["person", "list", "--db", ""]).code == 64)
        #expect(s.run(["unit", "add", "甲", "--db", ""]).code == 64)

        // A foreign SQLite file and a text file, under reads and writes.
        let foreign = s.folder + "/other.sqlite"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('create table t(x)'); c.commit()", foreign]
        try p.run()
        p.waitUntilExit()
        let text = s.folder + "/notes.txt"
        try "not a database\n".write(toFile: text, atomically: true, encoding: .utf8)
        for file in [foreign, text] {
            let bytes = try #require(FileManager.default.contents(atPath: file))
            for command in [["person", "list"], ["status"], ["unit", "add", "甲"], ["init"]] {
                let result = s.run(command + ["--db", file])
                #expect(result.code == 65, "\(command) on \(file): \(result.code) \(result.err)")
                #expect(FileManager.default.contents(atPath: file) == bytes, "\(command) changed \(file)")
            }
        }

        // A write creates it and says so.
        let created = s.run(["unit", "add", "甲"])
        #expect(created.code == 0 && created.err.contains("已新建数据库") && created.err.contains(s.db))
        #expect(!s.run(["unit", "add", "乙"]).err.contains("已新建"))
    }

    @Test("status shows path, schema version, counts, log head and mode")
    func status() throws {
        let s = seeded()
        let status = try #require(s.json("status") as? [String: Any])
        #expect(status["path"] as? String == s.db)
        #expect((status["schemaVersion"] as? String).map { $0 == GongQinDatabase.migrationIdentifiers.last } == true)
        #expect(status["people"] as? Int == 1 && status["units"] as? Int == 1)
        #expect(status["mode"] as? String == "0600")
        let head = try #require(status["head"] as? [String: Any])
        #expect(head["entries"] as? Int == self.head(s))
        #expect((head["hash"] as? String)?.count == 64)
        #expect(s.ok("status").contains("日志头"))
    }

    // MARK: Hints

    /// Every `gongqin …` hint in the demo's table output of eligible, explain, audit and
    /// apply runs when pasted: exit 0 or a rule's refusal (1), never a usage error or an
    /// unknown person.
    @Test("every hint gongqin prints works when pasted")
    func hintsRun() throws {
        let s = Sandbox()
        var texts: [String] = [s.ok("demo", "--db", s.db)]
        let eligible = s.run(["eligible", "--cycle", "2028"])
        texts += [eligible.out, eligible.err]
        let audit = s.run(["audit"])
        texts += [audit.out, audit.err]
        let people = s.json("person", "list") as? [[String: Any]] ?? []
        for person in people.prefix(12) {
            let idNumber = person["idNumber"] as? String ?? ""
            let explain = s.run(["explain", idNumber, "--cycle", "2028"])
            texts += [explain.out, explain.err]
            let apply = s.run(["apply", idNumber, "--cycle", "2028", "--grade", "高级工", "--module", "正常"])
            texts += [apply.out, apply.err]
        }
        let hints = Set(texts.flatMap(Self.hints))
        #expect(!hints.isEmpty, "the demo printed no hints")
        for hint in hints {
            let words = hint.split(separator: " ").map(String.init)
            let result = s.run(Array(words.dropFirst()))
            #expect(result.code == 0 || result.code == 1, "pasted hint failed: \(hint) → \(result.code) \(result.err)")
        }
    }

    /// The `gongqin …` commands in a text: up to the end of the line or a Chinese
    /// punctuation mark, without placeholders (words a clerk fills in).
    static func hints(_ text: String) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n") {
            var rest = Substring(line)
            while let range = rest.range(of: "gongqin ") {
                let tail = rest[range.lowerBound...]
                let end = tail.firstIndex { "，。；）)」\"“”、".contains($0) } ?? tail.endIndex
                let command = tail[..<end].trimmingCharacters(in: .whitespaces)
                rest = tail[end...]
                let placeholders = ["身份证号", "编号", "YYYY", "…", "结果", "工种", "姓名", "新单位", "N"]
                if command.split(separator: " ").count > 1,
                   !placeholders.contains(where: { command.contains($0) }) {
                    found.append(command)
                }
            }
        }
        return found
    }
}

extension Sandbox {
    /// `ok` with the arguments as an array.
    @discardableResult
    func ok(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let result = run(arguments)
        #expect(result.code == 0, "gongqin \(arguments.joined(separator: " ")) → \(result.code): \(result.err)",
                sourceLocation: sourceLocation)
        return result.out
    }
}
