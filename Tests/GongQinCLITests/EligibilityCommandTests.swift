import Foundation
import Testing

@Suite("eligible, explain, seniority, policy and demo, end to end")
struct EligibilityCommandTests {
    /// A senior candidate (normal), an early intermediate, and a transferred worker.
    func seeded() -> (Sandbox, senior: String, early: String, moved: String) {
        let s = Sandbox()
        s.today = "2024-01-10"
        s.seed()
        let senior = IDs.make(birth: "19800101", sequence: 11), early = IDs.make(birth: "19900101", sequence: 13), moved = IDs.make(birth: "19800101", sequence: 15)
        s.person(senior, name: "张三", workStart: "2000-06")
        s.ok("cert", "add", senior, "--trade", "电工", "--grade", "junior", "--issued", "2003-06-01")
        s.ok("cert", "add", senior, "--trade", "电工", "--grade", "intermediate", "--issued", "2010-06-01")
        s.person(early, name: "李四", workStart: "2016-06")
        s.ok("cert", "add", early, "--trade", "电工", "--grade", "junior", "--issued", "2019-06-01")
        s.person(moved, name: "王五", trade: "汽车驾驶与管理", workStart: "2000-06")
        s.ok("cert", "add", moved, "--trade", "汽车驾驶与管理", "--grade", "junior", "--issued", "2004-06-01")
        s.ok("cert", "add", moved, "--trade", "汽车驾驶与管理", "--grade", "intermediate", "--issued", "2012-06-01")
        s.ok("transfer", "add", moved, "--to", "收银审核", "--date", "2016-03")
        s.ok("transfer", "add", moved, "--to", "电工", "--date", "2021-09")
        s.ok("cert", "add", moved, "--trade", "电工", "--grade", "intermediate", "--issued", "2022-06-01", "--route", "transfer")
        for (id, first) in [(senior, 2014), (early, 2016), (moved, 2014)] {
            for year in first...2023 { s.ok("assessment", "add", id, "--year", String(year), "--result", "合格") }
            s.ok("education", "add", id, "--level", "高中", "--graduated", "2005-07")
        }
        return (s, senior, early, moved)
    }

    @Test("eligible --format json has the contract's keys, one object per open option")
    func eligibleJSON() throws {
        let (s, senior, early, moved) = seeded()
        let lines = try #require(s.json("eligible", "--cycle", "2024") as? [[String: Any]])
        let byID = Dictionary(grouping: lines) { $0["idNumber"] as! String }
        #expect(byID[senior]?.map { $0["module"] as? String } == ["normal"])
        let earlyLine = try #require(byID[early]?.first)
        #expect(earlyLine["grade"] as? String == "intermediate")
        #expect(earlyLine["module"] as? String == "early")
        #expect(earlyLine["certificateYear"] as? Int == 2025)
        #expect((earlyLine["rules"] as? [String])?.contains("E2") == true)
        for key in ["idNumber", "name", "unit", "trade", "grade", "module", "certificateYear", "conditions", "rules", "warnings"] {
            #expect(earlyLine[key] != nil, "missing key \(key)")
        }
        // The two-hop transfer: seniority from 2012 in 汽车驾驶与管理 (T1).
        #expect(byID[moved]?.first?["grade"] as? String == "senior")
        #expect((byID[moved]?.first?["rules"] as? [String])?.contains("T1") == true)
    }

    @Test("eligible filters by grade, unit and person, and prints a table for the clerk")
    func eligibleFilters() {
        let (s, senior, _, _) = seeded()
        #expect((s.json("eligible", "--cycle", "2024", "--grade", "中级工") as? [Any])?.count == 1)
        #expect((s.json("eligible", "--cycle", "2024", "--person", senior) as? [Any])?.count == 1)
        #expect((s.json("eligible", "--cycle", "2024", "--unit", "常州市某局") as? [Any])?.count == 3)
        s.fails(65, "eligible", "--cycle", "2024", "--unit", "常州某局")
        s.fails(64, "eligible", "--cycle", "2024", "--grade", "大师")
        s.fails(64, "eligible", "--cycle", "1800")
        let table = s.ok("eligible", "--cycle", "2024")
        #expect(table.contains("提前一年申报") && table.contains("共3人、3个可申报选项"))
        #expect(s.ok("eligible", "--cycle", "2024", "--format", "csv").hasPrefix("idNumber,name,unit,trade,grade,module"))
    }

    @Test("--cycle next follows --as-of: the first cycle year whose deadline is not past")
    func next() {
        let (s, _, _, _) = seeded()
        let before = s.ok("eligible", "--cycle", "next", "--as-of", "2024-04-15")
        #expect(before.hasPrefix("2024年申报周期"))
        let after = s.ok("eligible", "--cycle", "next", "--as-of", "2024-04-16")
        #expect(after.hasPrefix("2026年申报周期"))
        #expect(after.contains("推算"))
    }

    @Test("2025 is not a 等级工 year")
    func nonCycle() {
        let (s, _, _, _) = seeded()
        #expect((s.json("eligible", "--cycle", "2025") as? [Any])?.isEmpty == true)
        #expect(s.ok("eligible", "--cycle", "2025").contains("不是等级工申报年"))
    }

    @Test("explain --format json has the contract's keys, and every check its clause")
    func explainJSON() throws {
        let (s, senior, _, moved) = seeded()
        let explained = try #require(s.json("explain", senior, "--cycle", "2024") as? [String: Any])
        #expect(explained["idNumber"] as? String == senior)
        #expect(explained["cycle"] as? Int == 2024)
        let options = try #require(explained["options"] as? [[String: Any]])
        let normal = try #require(options.first { $0["module"] as? String == "normal" })
        #expect(normal["grade"] as? String == "senior")
        #expect(normal["open"] as? Bool == true)
        let checks = try #require(normal["checks"] as? [[String: Any]])
        #expect(checks.contains { $0["rule"] as? String == "N3" && $0["clause"] as? String == "须知·一·表" && $0["verdict"] as? String == "pass" })
        for check in checks {
            for key in ["rule", "clause", "verdict", "detail"] { #expect(check[key] != nil) }
        }
        #expect(options.allSatisfy { $0.keys.contains("earliestCycle") })
        let text = s.ok("explain", moved, "--cycle", "2024")
        #expect(text.contains("T1") && text.contains("原工种汽车驾驶与管理"))
        // Open by the normal route; the old trade closed (T2); the earliest-cycle section
        // says the early route is not needed this cycle.
        #expect(text.contains("▶ 电工高级工·正常申报：可申报"))
        #expect(text.contains("▶ 收银审核高级工·正常申报：不可申报"))
        #expect(text.contains("最早可申报的周期（记录不变、只随时间推移）：\n  电工高级工·提前一年申报：本周期已可按正常申报申报，无需此模块"))
        s.fails(65, "explain", IDs.make(sequence: 99), "--cycle", "2024")
        s.fails(64, "explain", senior)
    }

    @Test("seniority follows a two-hop chain (T1)")
    func seniority() throws {
        let (s, _, _, moved) = seeded()
        let grades = try #require(s.json("seniority", moved) as? [[String: Any]])
        let intermediate = try #require(grades.first { $0["grade"] as? String == "intermediate" })
        #expect(intermediate["trade"] as? String == "电工")
        #expect(intermediate["since"] as? String == "2012-06-01")
        #expect((intermediate["certificate"] as? [String: Any])?["trade"] as? String == "汽车驾驶与管理")
        let transfers = try #require(intermediate["transfers"] as? [[String: Any]])
        #expect(transfers.map { $0["to"] as? String } == ["收银审核", "电工"])
        #expect(s.ok("seniority", moved).contains("电工 ← 收银审核 ← 汽车驾驶与管理"))
    }

    /// `policy show 2026 --format json`, made official with the 中级工 work start one year
    /// earlier than the offsets give: how a clerk writes a policy file.
    func policy2026(_ s: Sandbox, edit: (inout [String: Any]) -> Void = { _ in }) throws -> String {
        let text = s.ok("policy", "show", "2026", "--format", "json").replacingOccurrences(of: "\"provisional\"", with: "\"official\"")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        json["origin"] = "2026年常州市申报须知（测试）"
        var normal = try #require(json["intermediateNormal"] as? [String: Any])
        normal["workStartBy"] = ["value": 2016, "status": "official", "source": "须知·一·表"]
        json["intermediateNormal"] = normal
        edit(&json)
        let file = s.folder + "/2026-\(UUID().uuidString).json"
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: file))
        return file
    }

    @Test("policy show marks each value's status; policy load makes a year official")
    func policies() throws {
        let s = Sandbox()
        s.ok("init")
        let shown2024 = try #require(s.json("policy", "show", "2024") as? [String: Any])
        #expect((shown2024["intermediateNormal"] as? [String: Any]).flatMap { ($0["workStartBy"] as? [String: Any])?["value"] as? Int } == 2015)
        #expect(s.ok("policy", "show", "2024").contains("正式"))
        let text2026 = s.ok("policy", "show", "2026")
        #expect(text2026.contains("推算") && text2026.contains("假定值"))
        let file = try policy2026(s)
        #expect(s.ok("policy", "load", file).contains("已载入2026年正式政策"))
        let loaded = try #require(s.json("policy", "show", "2026") as? [String: Any])
        let normal = try #require((loaded["intermediateNormal"] as? [String: Any])?["workStartBy"] as? [String: Any])
        #expect(normal["value"] as? Int == 2016)
        #expect(normal["status"] as? String == "official")
        #expect(s.ok("policy", "list").contains("2026"))
        #expect(s.ok("policy", "load", file).contains("替换"))
    }

    @Test("policy show 2024 --format json, fed to policy load, round-trips unchanged")
    func policyRoundTrip() throws {
        let s = Sandbox()
        s.ok("init")
        let before = s.ok("policy", "show", "2024", "--format", "json")
        let file = s.folder + "/2024.json"
        try before.write(toFile: file, atomically: true, encoding: .utf8)
        s.ok("policy", "load", file)
        #expect(s.ok("policy", "show", "2024", "--format", "json") == before)
        #expect(s.ok("policy", "show", "2026", "--format", "json").contains("按2024年须知·一·表推算"))
    }

    @Test("policy load refuses a missing, incomplete or inconsistent file, and writes nothing")
    func policyRefusals() throws {
        let s = Sandbox()
        s.ok("init")
        s.fails(66, "policy", "load", s.folder + "/none.json")
        let incomplete = try policy2026(s) { $0["juniorWorkStartBy"] = nil }
        #expect(s.fails(65, "policy", "load", incomplete).contains("缺少字段 juniorWorkStartBy"))
        let inconsistent = try policy2026(s) { json in
            json["levelDeadline"] = ["value": "2025-04-15", "status": "official", "source": "须知·四·12"]
            var relaxations = json["relaxations"] as? [String: Any] ?? [:]
            relaxations["no-such-condition"] = ["value": ["workYears": 1, "gradeYears": 1, "waivesEducation": false],
                                                "status": "official", "source": "破格条件"]
            json["relaxations"] = relaxations
        }
        let err = s.fails(65, "policy", "load", inconsistent)
        #expect(err.contains("levelDeadline") && err.contains("no-such-condition") && err.contains("2处"))
        let garbage = s.folder + "/garbage.json"
        try "{not json".write(toFile: garbage, atomically: true, encoding: .utf8)
        s.fails(65, "policy", "load", garbage)
    }

    @Test("demo builds its database, answers for the next cycle, and never overwrites other data")
    func demo() throws {
        let s = Sandbox()
        let path = s.folder + "/demo.sqlite"
        let result = s.run("demo", "--db", path)
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("谁可以在2028年申报"))
        #expect(result.out.contains("逐条说明：孙梅") && result.out.contains("逐条说明：郑华"))
        for module in ["正常申报", "提前一年申报", "破格申报", "转岗申报", "复核申报"] { #expect(result.out.contains(module)) }
        #expect(s.run("demo", "--db", path).code == 0)  // refreshes
        let people = try #require(s.json("person", "list", "--db", path) as? [Any])
        #expect(people.count == 40)
        s.seed()
        #expect(s.run("demo", "--db", s.db).code == 1)
        // Only a database demo built is ever replaced: not an empty gongqin database, not
        // another program's SQLite file, and neither is changed.
        let empty = s.folder + "/empty-gongqin.sqlite"
        s.ok("init", "--db", empty)
        let other = s.folder + "/other.sqlite"
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE t (x)'); c.commit()", other]
        try python.run()
        python.waitUntilExit()
        for path in [empty, other] {
            let before = FileManager.default.contents(atPath: path)
            let refused = s.run("demo", "--db", path)
            #expect(refused.code == 1, "\(path)")
            #expect(refused.err.contains("不是 gongqin demo 建立的演示数据库"))
            #expect(FileManager.default.contents(atPath: path) == before)
        }
        let json = s.run("demo", "--db", path, "--format", "json")
        #expect(json.code == 0)
        #expect((try? JSONSerialization.jsonObject(with: Data(json.out.utf8))) is [Any])
    }
}
