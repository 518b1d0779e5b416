import Foundation
@testable import GongQinCLI
import GongQinCore
import Testing

/// One command line (Documentation/CLI.md, “One command line”; issue 27): shared options
/// anywhere, one vocabulary for values, did-you-mean for options, help in Chinese.
@Suite("one command line: options anywhere, one vocabulary, typos, help in Chinese")
struct CommandLineTests {
    let id = IDs.make(birth: "19800312", sequence: 123)

    func seeded() -> Sandbox {
        let s = Sandbox()
        s.seed()
        s.person(id, workStart: "2000-07")
        return s
    }

    @Test("--db, --format, --reveal, --wide and --as-of before the subcommand, in both spellings")
    func globalOptionsBefore() throws {
        let s = seeded()
        let other = s.folder + "/other.sqlite"
        s.ok("--db", other, "init")
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(s.ok("--db", other, "status").contains(other))
        #expect(s.ok("--db=" + other, "status").contains(other))
        let units = try #require(try JSONSerialization.jsonObject(with: Data(s.ok("--format", "json", "unit", "list").utf8)) as? [[String: Any]])
        #expect(units.first?["name"] as? String == "常州市某局")
        #expect(s.ok("--reveal", "person", "list").contains(id))
        #expect(!s.ok("person", "list").contains(id))
        #expect(s.ok("--wide", "--as-of", "2027-05-01", "eligible", "--cycle", "next").contains("2028年申报周期"))
        // Between the words of a subcommand, and with the command's own arguments after.
        #expect(s.ok("person", "--format", "json", "show", id).hasPrefix("{"))
        // A shared option the command does not take: a clear usage error, nothing written.
        let err = s.fails(64, "--format", "json", "export", "units")
        #expect(err.contains("gongqin export 不接受选项 --format"))
    }

    @Test("a mistyped option names the nearest, by spelling or by its Chinese help; a mistyped subcommand is not a person")
    func optionTypos() {
        let s = seeded()
        #expect(s.fails(64, "eligible", "--cylce", "next").contains("是否指 --cycle？"))
        #expect(s.fails(64, "cert", "add", id, "--trade", "电工", "--grade", "中级工", "--isued", "2012-06-01").contains("是否指 --issued？"))
        #expect(s.fails(64, "eligible", "--年度", "2028").contains("是否指 --cycle？"))
        #expect(s.fails(64, "materials", "chek", "scans").contains("是否指 materials check？"))
        #expect(s.fails(64, "form", "remrak", "show").contains("是否指 form remark？"))
    }

    @Test("--cycle next wherever --cycle is taken: apply, export roster, application list, form, materials, report")
    func cycleNextEverywhere() throws {
        let s = exceptionalCandidate()
        s.ok("apply", id, "--cycle", "next", "--grade", "高级工", "--module", "破格", "--condition", "一次二等功以上奖励")
        let applications = try #require(s.json("application", "list", "--cycle", "next") as? [[String: Any]])
        #expect(applications.first?["cycle"] as? Int == 2028)
        #expect(applications.first?["conditions"] as? [String] == ["merit-award"])
        let roster = s.folder + "/名册.csv"
        #expect(s.ok("export", "roster", "--cycle", "next", "--output", roster).contains(roster))
        #expect(try String(contentsOfFile: roster, encoding: .utf8).contains("张三"))
        s.ok("form", id, "--cycle", "next", "--grade", "高级工", "--module", "破格")
        s.ok("materials", id, "--cycle", "next", "--grade", "高级工", "--module", "破格")
        s.ok("report", "--cycle", "next", "--output", s.folder + "/r.html")
    }

    /// 张三 on 2028-03-01, before the cycle's deadline: 中级工 in 2025, too late for 2028's
    /// normal (2023) and early (2024) 高级工 but within X3's assumed two years, and a 二等功:
    /// 破格 through merit-award.
    func exceptionalCandidate() -> Sandbox {
        let s = seeded()
        s.today = "2028-03-01"
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "初级工", "--issued", "2004-06-01")
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "中级工", "--issued", "2025-06-01")
        for year in 2021...2025 { s.ok("assessment", "add", id, "--year", String(year), "--result", "合格") }
        s.ok("education", "add", id, "--level", "高中", "--graduated", "1998-07")
        s.ok("award", "add", id, "--name", "荣立二等功", "--date", "2024-08-01")
        return s
    }

    @Test("a condition by its Chinese name or a short form on apply, as on exceptional record; several are named")
    func conditionsByName() {
        let s = exceptionalCandidate()
        s.ok("exceptional", "add-condition", "skill-contest", "--name", "市级技能竞赛二等奖")
        let err = s.fails(64, "apply", id, "--cycle", "2028", "--grade", "高级工", "--module", "破格", "--condition", "二等")
        #expect(err.contains("是否指 一次二等功以上奖励（merit-award）或 市级技能竞赛二等奖（skill-contest）？"))
        s.ok("apply", id, "--cycle", "2028", "--grade", "高级工", "--module", "破格", "--condition", "二等功以上")
    }

    @Test("enum values: the code, the Chinese name and the unambiguous short form; 高级 is refused naming both")
    func vocabulary() throws {
        let s = seeded()
        let err = s.fails(64, "cert", "add", id, "--trade", "电工", "--grade", "高级", "--issued", "2012-06-01")
        #expect(err.contains("是否指 高级工（senior）或 高级技师（senior-technician）？"))
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "中级", "--issued", "2012-06-01", "--route", "正常")
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "初级工", "--issued", "2004-06-01", "--route", "normal")
        s.ok("assessment", "add", id, "--year", "2021", "--result", "基本")
        let certs = try #require(s.json("cert", "list", id) as? [[String: Any]])
        #expect(Set(certs.compactMap { $0["grade"] as? String }) == ["intermediate", "junior"])
        let assessments = try #require(s.json("assessment", "list", id) as? [[String: Any]])
        #expect(assessments.first?["result"] as? String == "basic")
        // In a file the same: an ambiguous cell is named with both.
        let file = s.folder + "/certs.csv"
        try "id-number,trade,grade,issued\n\(id),电工,高级,2020-06-01\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(s.fails(65, "import", "certs", file).contains("是否指 高级工（senior）或 高级技师（senior-technician）？"))
    }

    @Test("no English heading, built-in flag or list of values in the help of any command")
    func helpInChinese() {
        let s = Sandbox()
        let english = ["OVERVIEW:", "USAGE:", "OPTIONS:", "ARGUMENTS:", "SUBCOMMANDS:", "Show help information", "Show the version",
                       "(values:", "(default:", "for detailed help", "<subcommand>"]
        for path in [""] + Docs.commandPaths() {
            let words = path.split(separator: " ").map(String.init)
            for help in [s.run(words + ["--help"]), s.run(["help"] + words)] {
                #expect(help.code == 0, "gongqin \(path) --help → \(help.code)")
                for word in english { #expect(!help.out.contains(word), "gongqin \(path) --help shows “\(word)”") }
                #expect(help.out.contains("用法："), "gongqin \(path) --help has no 用法")
            }
        }
    }

    @Test("every command's help has an example, and help rules gives every rule ID with its meaning and clause")
    func examplesAndRules() {
        let s = Sandbox()
        for path in Docs.commandPaths() {
            let words = path.split(separator: " ").map(String.init)
            let help = s.run(words + ["--help"]).out
            #expect(help.contains("例：") || help.contains("例如："), "gongqin \(path) --help has no example")
        }
        #expect(s.ok("import", "--help").contains("exceptional、jobs"))
        #expect(s.ok("cert", "add", "--help").contains("掩码身份证号") && s.ok("cert", "add", "--help").contains("姓名"))
        let rules = s.ok("help", "rules")
        for rule in RuleID.allCases {
            #expect(rules.split(separator: "\n").contains { line in
                line.hasPrefix(rule.rawValue + " ") && line.contains(rule.title) && line.contains(rule.clause)
            }, "help rules does not explain \(rule.rawValue)")
        }
        for formality in Formality.allCases {
            #expect(rules.contains(formality.rawValue) && rules.contains(formality.title))
        }
    }

    @Test("person remove of a person with records lists them and exits 64 without --with-records, nothing written")
    func removeAsks() throws {
        let s = seeded()
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "初级工", "--issued", "2004-06-01", "--number", "0401")
        s.ok("assessment", "add", id, "--year", "2021", "--result", "合格")
        let err = s.fails(64, "person", "remove", id)
        #expect(err.contains("等级证书：编号 1，证书工种 电工，证书等级 初级工，发证时间 2004-06-01，证书编号 0401"))
        #expect(err.contains("年度考核：编号 1，考核年度 2021，考核结果 合格"))
        #expect(err.contains("有2条记录") && err.contains("--with-records"))
        s.ok("person", "show", id)
        s.ok("person", "remove", id, "--with-records")
        s.fails(65, "person", "show", id)
        // A person without records needs no flag.
        let other = IDs.make(birth: "19850101", sequence: 11)
        s.person(other, name: "李四")
        s.ok("person", "remove", other)
    }

    @Test("log shows trades, units and people by name in every format, and every time in one format")
    func logNamesAndTimes() throws {
        let s = seeded()
        s.ok("transfer", "add", id, "--to", "汽车驾驶与管理", "--date", "2018-03")
        let table = s.run(["log"], environment: ["TZ": "Asia/Shanghai"]).out
        #expect(table.contains("工种=电工") && table.contains("单位=常州市某局") && table.contains("转入工种=汽车驾驶与管理"))
        #expect(table.contains(#/\n\d+ +\d{4}-\d\d-\d\d \d\d:\d\d  /#))
        let csv = s.run(["log", "--format", "csv"], environment: ["TZ": "Asia/Shanghai"]).out
        #expect(csv.contains("trade=电工") && csv.contains("to_trade=汽车驾驶与管理") && csv.contains("person=张三"))
        #expect(!csv.contains("trade_id") && !csv.contains("unit_id") && !csv.contains("person_id"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(s.run(["log", "--format", "json"],
                                                                                  environment: ["TZ": "Asia/Shanghai"]).out.utf8)) as? [[String: Any]])
        let transfer = try #require(json.first { $0["table"] as? String == "transfer" })
        let after = try #require(transfer["after"] as? [String: Any])
        #expect(after["from_trade"] as? String == "电工" && after["to_trade"] as? String == "汽车驾驶与管理" && after["person"] as? String == "张三")
        #expect(after["to_trade_id"] == nil)
        for entry in json { #expect((entry["at"] as? String)?.contains(#/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/#) == true) }
        let status = try #require(try JSONSerialization.jsonObject(with: Data(s.run(["status", "--format", "json"],
                                                                                    environment: ["TZ": "Asia/Shanghai"]).out.utf8)) as? [String: Any])
        #expect((status["lastChange"] as? String)?.hasSuffix("+08:00") == true)
    }

    @Test("tables leave out empty columns and cut names before an ID number; file-writing commands say what they wrote")
    func tablesAndFiles() throws {
        let s = seeded()
        let list = s.ok("person", "list")
        #expect(!list.contains("外省调入") && list.contains("身份证号"))
        #expect(!Render.table(header: ["身份证号", "姓名", "提示"], rows: [["320402********1230", "张三", ""]]).contains("提示"))
        let narrow = Render.table(header: ["身份证号", "单位"], rows: [["320402********1230", String(repeating: "某", count: 40)]], width: 40)
        #expect(narrow.contains("320402********1230  某") && narrow.contains("…"))
        let file = s.folder + "/人员.csv"
        #expect(s.ok("export", "persons", "--output", file).contains("已导出人员1条到“\(file)”"))
        #expect(s.ok("export", "persons").hasPrefix("id-number"))
    }

    @Test("the change log keeps a long command line's first words and how many more there were, a short one whole")
    func loggedCommand() {
        let short = ["gongqin", "unit", "add", "常州市某局"]
        #expect(Environment.loggedCommand(short) == "gongqin unit add 常州市某局")
        let bundles = (1...100).map { String(format: "/home/clerk/汇总/2026年/各单位数据包/%03d.bundle", $0) }
        let logged = Environment.loggedCommand(["gongqin", "merge"] + bundles)
        #expect(logged.utf8.count <= Environment.loggedCommandLimit)
        #expect(logged.hasPrefix("gongqin merge /home/clerk/汇总/2026年/各单位数据包/001.bundle "))
        let kept = logged.split(separator: " ").filter { $0.hasSuffix(".bundle") }.count
        #expect(logged.hasSuffix(" …（另有\(102 - 2 - kept)项未记入日志）"), "\(logged)")
    }
}
