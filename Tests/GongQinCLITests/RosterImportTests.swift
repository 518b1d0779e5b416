import Foundation
@testable import GongQinCLI
import GongQinCore
@testable import GongQinStore
import GRDB
import Testing

/// Issue 26: the clerk's own spreadsheets in (`import roster`, title rows, merged cells,
/// checked columns, folded names, 姓名 in every record file), print-ready sheets out (the
/// roster's page setup, the form's sheet).
@Suite("the clerk's spreadsheets in, print-ready sheets out (IMPORT.md, issue 26)")
struct RosterImportTests {
    let chen = IDs.make(birth: "19800315", sequence: 123)
    let wu = IDs.make(birth: "19871224", sequence: 57)
    let li = IDs.make(birth: "19900101", sequence: 24)

    /// A 花名册 as a clerk keeps it, written by openpyxl: a title merged across the columns,
    /// 序号 and 性别, 单位 merged down the rows of its people, a padded two-character name,
    /// a transferred worker's two certificates side by side, a 合计 footer.
    func clerkRoster(_ s: Sandbox, sex: String = "男") -> String {
        let path = s.folder + "/花名册.xlsx"
        let rows: [[Any]] = [
            ["常州市某某局工勤人员花名册（2026年12月）"],
            ["序号", "姓名", "性别", "身份证号", "单位", "工种", "参加工作时间", "学历", "毕业时间", "原持证工种", "原等级", "取证时间",
             "证书编号", "转岗时间"],
            [1, "陈  强", sex, chen, "常州市某局", "电工", "2001年07月", "高中", "1998年07月", "电工", "中级工", "2012年06月", "1207", ""],
            [2, "吴刚", "男", wu, "", "电工", "2008-07", "大专", "2008-07", "汽车驾驶与管理；电工", "中级工；中级工", "2014年06月；2022年06月",
             "A14；A22", "2021年03月"],
            [3, "李 娜", "女", li, "", "行政事务", "2012-07", "", "", "", "", "", "", ""],
            ["合计：3人"],
        ]
        let json = try! JSONSerialization.data(withJSONObject: ["path": path, "rows": rows])
        s.tool(["python3", "-c", """
            import json, sys, openpyxl
            spec = json.load(sys.stdin)
            book = openpyxl.Workbook()
            ws = book.active
            ws.title = "花名册"
            for row in spec["rows"]:
                ws.append(row)
            ws.merge_cells("A1:N1")
            ws.merge_cells("E3:E5")
            book.save(spec["path"])
            """], input: json)
        return path
    }

    @Test("a clerk's 花名册 .xlsx goes in whole: the title row skipped, merged cells read, 性别 checked, the name folded, a transfer")
    func clerkWorkbook() throws {
        let s = Sandbox()
        s.ok("init")
        // A wrong 性别 is an error naming its row; nothing is written.
        let wrong = s.fails(65, "import", "roster", clerkRoster(s, sex: "女"))
        #expect(wrong.contains("第3行 性别（sex）：性别“女”与身份证号") && wrong.contains("是男性"))
        let result = s.run(["import", "roster", clerkRoster(s)])
        #expect(result.code == 0, "\(result.err)")
        #expect(result.err.contains("表头在第2行，已略过其上的第1行（常州市某某局工勤人员花名册(2026年12月)）"))
        #expect(result.err.contains("已略过表尾的汇总行：第6行"))
        #expect(result.err.contains("已新增单位1个：常州市某局"))
        // The padded name is folded: 陈强 is found by his name, and so is 李娜.
        #expect(s.ok("person", "show", "陈强").contains("320402********"))
        #expect(s.ok("person", "show", "李娜").contains("行政事务"))
        // 单位 merged down rows 3–5 is the unit of all three.
        let people = try #require(s.json("person", "list") as? [[String: Any]])
        #expect(people.count == 3 && people.allSatisfy { $0["unit"] as? String == "常州市某局" })
        // The transfer row: both certificates, the transfer between them, the highest education.
        let certs = try #require(s.json("cert", "list", wu) as? [[String: Any]])
        #expect(certs.map { $0["trade"] as? String } == ["汽车驾驶与管理", "电工"])
        #expect(certs.map { $0["number"] as? String } == ["A14", "A22"])
        let transfers = try #require(s.json("transfer", "list", wu) as? [[String: Any]])
        #expect(transfers.count == 1 && transfers[0]["from"] as? String == "汽车驾驶与管理" && transfers[0]["date"] as? String == "2021-03-01")
        #expect(s.ok("seniority", wu).contains("汽车驾驶与管理中级工 2014-06-01"))
        let education = try #require(s.json("education", "list", chen) as? [[String: Any]])
        #expect(education.first?["level"] as? String == "高中")
        #expect(s.ok("check").contains("变更日志头"))
    }

    @Test("a 转岗 row without its 转岗时间, and a 出生年月 that is not the ID's, are errors naming the row")
    func rosterRowErrors() {
        let s = Sandbox()
        s.ok("init")
        let file = s.file("r.csv", """
            姓名,身份证号,出生年月,单位,主管部门,工种,参加工作时间,原持证工种,原等级,取证时间
            吴刚,\(wu),1987年12月,某局,某主管局,电工,2008-07,汽车驾驶与管理；电工,中级工；中级工,2014-06；2022-06
            陈强,\(chen),1981-03,某局,某主管局,电工,2001-07,,,
            """)
        let err = s.fails(65, "import", "roster", file)
        #expect(err.contains("第2行 转岗时间（transfer-date）") && err.contains("T1"))
        #expect(err.contains("第3行 出生年月（birth-month）：出生年月“1981-03”与身份证号"))
    }

    /// The applications of the roster test (`RosterBackupTests.seed`), put again into the
    /// database a roster was imported into: `import roster` files no application.
    func applications(_ s: Sandbox, _ a: String, _ b: String) throws {
        let database = try GongQinDatabase.open(at: s.db, context: LogContext(actor: "test", command: "test"))
        try database.writeDatabase { db in
            func apply(_ id: String, _ grade: String, _ module: String, note: String? = nil) throws {
                try db.execute(sql: """
                    INSERT INTO application (person_id, cycle, grade, module, trade_id, status, filed_on, certificate_year, note)
                    SELECT id, 2026, ?, ?, trade_id, 'filed', '2026-04-01', 2026, ? FROM person WHERE id_number = ?
                    """, arguments: [grade, module, note, id])
            }
            try apply(a, "intermediate", "normal")
            try apply(b, "senior", "exceptional", note: "备注，含逗号")
            try db.execute(sql: """
                INSERT INTO exceptional_use (person_id, condition_code, category, grade, year, source, application_id)
                SELECT person_id, 'college-degree', 'college-degree', 'senior', 2026, 'application', id
                FROM application WHERE person_id = (SELECT id FROM person WHERE id_number = ?)
                """, arguments: [b])
        }
    }

    @Test("export roster → import roster into an empty database → export roster gives the same rows, CSV and .xlsx")
    func roundTrip() throws {
        let seeded = RosterBackupTests()
        let s = Sandbox()
        try seeded.seed(s)
        for ext in ["csv", "xlsx"] {
            let first = s.folder + "/first.\(ext)"
            s.ok("export", "roster", "--cycle", "2026", "--output", first)
            if ext == "csv" {
                s.ok("export", "assessments", "--output", s.folder + "/assessments.csv")
                s.ok("export", "education", "--output", s.folder + "/education.csv")
            }
            let t = Sandbox()
            t.ok("init")
            let imported = t.run(["import", "roster", first])
            #expect(imported.code == 0, "\(imported.err)")
            #expect(imported.err.contains("2行填有申报工种") && imported.err.contains("gongqin apply"))
            // The applications rest on the assessments and on a relevant degree (R1), which a
            // roster does not carry: they go in from their own files.
            t.ok("import", "assessments", s.folder + "/assessments.csv")
            t.ok("import", "education", s.folder + "/education.csv", "--update")
            try applications(t, seeded.a, seeded.b)
            let second = t.folder + "/second.\(ext)"
            t.ok("export", "roster", "--cycle", "2026", "--output", second)
            if ext == "csv" {
                let before = try seeded.parseCSV(s, first), after = try seeded.parseCSV(t, second)
                #expect(before.dropLast() == after.dropLast())
                #expect(before.count == 4 && before[2][3] == "李四" && before[2][14] == "2024年03月")
            } else {
                let before = s.cells(ofWorkbook: first), after = t.cells(ofWorkbook: second)
                #expect(before.count == 4 && before == after)
            }
        }
    }

    @Test("the roster .xlsx prints as handed in: a title row, A4 landscape fitted to the width, the header on every page, the log head in the footer and the properties, not in a row")
    func rosterPrints() throws {
        let s = Sandbox()
        try RosterBackupTests().seed(s)
        let path = s.folder + "/汇总名册.xlsx"
        s.ok("export", "roster", "--cycle", "2026", "--output", path)
        let head = try #require(s.ok("check").split(separator: "\n").last { $0.contains("变更日志头") })
        let data = s.tool(["python3", "-c", """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb.active
            print(json.dumps({
                "orientation": ws.page_setup.orientation, "paper": str(ws.page_setup.paperSize),
                "fitWidth": ws.page_setup.fitToWidth, "fitHeight": ws.page_setup.fitToHeight,
                "fitToPage": ws.sheet_properties.pageSetUpPr.fitToPage,
                "titles": ws.print_title_rows, "freeze": ws.freeze_panes,
                "footer": ws.oddFooter.left.text, "merged": [str(r) for r in ws.merged_cells.ranges],
                "description": wb.properties.description, "title": wb.properties.title,
                "rows": [[("" if c.value is None else str(c.value)) for c in row] for row in ws.iter_rows()]}, ensure_ascii=False))
            """, path])
        let book = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(book["orientation"] as? String == "landscape")
        #expect(book["paper"] as? String == "9")
        #expect(book["fitWidth"] as? Int == 1 && book["fitHeight"] as? Int == 0 && book["fitToPage"] as? Bool == true)
        #expect(book["titles"] as? String == "$2:$2")
        #expect(book["freeze"] as? String == "A3")
        #expect((book["merged"] as? [String]) == ["A1:T1"])
        let rows = try #require(book["rows"] as? [[String]])
        #expect(rows[0][0] == "2026年度常州市机关事业单位工勤技能岗位技术等级考评申报汇总名册（全部人员）")
        #expect(rows[1].first == "序号" && rows[1].count == 20)
        #expect(rows.count == 4)
        #expect(!rows.joined().contains { $0.contains("变更日志头") })
        let hash = try #require(head.split(separator: "：").dropFirst().first?.split(separator: "（").first)
        #expect((book["footer"] as? String)?.contains("变更日志头：\(hash)") == true)
        #expect((book["description"] as? String)?.contains(String(hash)) == true)
        // It goes back in: the title row is skipped with a notice.
        let t = Sandbox()
        t.ok("init")
        let back = t.run(["import", "roster", path])
        #expect(back.code == 0 && back.err.contains("表头在第2行"), "\(back.err)")
    }

    @Test("every record export carries 姓名 beside the ID; import checks it against the person")
    func namesInRecordFiles() {
        let s = Sandbox()
        s.seed()
        s.person(chen, name: "陈强")
        s.ok("cert", "add", chen, "--trade", "电工", "--grade", "初级工", "--issued", "2004-06-01", "--number", "0401")
        s.ok("assessment", "add", chen, "--year", "2024", "--result", "合格")
        for kind in RecordKind.allCases where kind.isPersonal {
            let header = s.ok("export", kind.rawValue, "--chinese-header").split(separator: "\n").first ?? ""
            #expect(header.hasPrefix("身份证号,姓名,"), "\(kind): \(header)")
        }
        let certs = s.ok("export", "certs")
        #expect(certs.contains("\(chen),陈强,电工"))
        let t = Sandbox()
        t.seed()
        t.person(chen, name: "陈强")
        t.ok("import", "certs", t.file("c.csv", certs))
        let wrong = t.fails(65, "import", "assessments", t.file("a.csv", "身份证号,姓名,考核年度,考核结果\n\(chen),陈刚,2024,合格\n"))
        #expect(wrong.contains("第2行 姓名（person-name）：姓名“陈刚”与身份证号") && wrong.contains("“陈强”不符"))
        // A padded name is the same name.
        t.ok("import", "assessments", t.file("b.csv", "身份证号,姓名,考核年度,考核结果\n\(chen),陈  强,2023,合格\n"))
    }

    @Test("a persons file as clerks make it: a title row, a 性别 column, an unknown column still refused")
    func personsWithTitle() {
        let s = Sandbox()
        s.seed()
        let good = s.file("p.csv", """
            常州市某某局工勤人员花名册（2026年12月）,,,,
            序号,身份证号,姓名,性别,出生年月,单位,工种,参加工作时间
            1,\(chen),陈  强,男,1980年03月,常州市某局,电工,2001-07
            """)
        let result = s.run(["import", "persons", good])
        #expect(result.code == 0 && result.err.contains("表头在第2行"), "\(result.err)")
        s.ok("import", "persons", good, "--update")
        #expect(s.ok("person", "show", "陈强").contains("陈强"))
        let unknown = s.fails(65, "import", "persons", s.file("q.csv", "标题\n身份证号,姓名,单位,工种,参加工作时间,工资\n\(wu),吴刚,常州市某局,电工,2008-07,3000\n"))
        #expect(unknown.contains("第2行：人员文件的表头不对：第6列“工资”不是人员文件的列"))
    }

    @Test("names are folded on every path: typed, imported, looked up; a stored unfolded name is refused by the gate")
    func foldedNames() throws {
        let s = Sandbox()
        s.seed()
        s.person(chen, name: " 陈  强 ")
        s.person(wu, name: "阿依古丽 • 买买提")
        let people = try #require(s.json("person", "list") as? [[String: Any]])
        #expect(Set(people.compactMap { $0["name"] as? String }) == ["陈强", "阿依古丽·买买提"])
        #expect(s.ok("person", "show", "陈 强").contains("陈强"))
        #expect(s.ok("person", "show", "阿依古丽・买买提").contains("阿依古丽·买买提"))
        let database = try GongQinDatabase.open(at: s.db, context: LogContext(actor: "test", command: "test"))
        #expect {
            try database.writeDatabase { db in try db.execute(sql: "UPDATE person SET name = '陈  强' WHERE name = '陈强'") }
        } throws: { error in
            // The store's failure, worded as the clerk reads it (Wording/StoreWording.swift).
            (error as? StoreFailure)?.gongqin.message.contains("不是规范写法，应为“陈强”") == true
        }
    }

    @Test("form --output writes the draft as a sheet like 附件1; --reveal shows the whole ID; LibreOffice opens it")
    func formSheet() throws {
        let s = Sandbox()
        let db = s.folder + "/demo.sqlite"
        #expect(s.run("demo", "--db", db).code == 0)
        let path = s.folder + "/审批表.xlsx"
        let id = "320402198304160413"
        s.ok("form", id, "--cycle", "2028", "--grade", "senior", "--module", "normal", "--db", db, "--output", path)
        let masked = s.cells(ofWorkbook: path).flatMap { $0 }
        #expect(masked.contains("320402********0413|s") && !masked.contains { $0.hasPrefix(id) })
        s.ok("form", id, "--cycle", "2028", "--grade", "senior", "--module", "normal", "--db", db, "--output", path, "--reveal")
        let cells = s.cells(ofWorkbook: path).flatMap { $0 }
        for label in ["隶属|s", "姓名|s", "身份证号|s", "原持证技术工种|s", "工作简历|s", "工作业绩|s", "\(id)|s", "孙鹏|s"] {
            #expect(cells.contains(label), "\(label)")
        }
        s.fails(64, "form", id, "--cycle", "2028", "--grade", "senior", "--module", "normal", "--db", db, "--output", s.folder + "/x.csv")
        // Chinese CSV headers on form, eligible and forecast; JSON keeps its keys.
        #expect(s.ok("form", id, "--cycle", "2028", "--grade", "senior", "--module", "normal", "--db", db, "--format", "csv",
                     "--chinese-header").hasPrefix("栏目,内容\n隶属,常州市"))
        #expect(s.ok("eligible", "--cycle", "2028", "--db", db, "--format", "csv", "--chinese-header")
            .hasPrefix("身份证号,姓名,单位,工种,申报等级,模块"))
        #expect(s.ok("eligible", "--cycle", "2028", "--db", db, "--format", "csv", "--chinese-header").contains(",高级工,正常申报,"))
        s.fails(64, "eligible", "--cycle", "2028", "--db", db, "--chinese-header")
        let forecast = s.ok("forecast", "--db", db, "--format", "csv", "--chinese-header", "--cycles", "1")
        #expect(forecast.hasPrefix("申报年度,身份证号,姓名,单位,等级,模块,政策依据\n"))
        #expect(forecast.contains("2028,\(id),孙鹏,常州市示范管理处,高级工,正常申报,"))
        // LibreOffice, headless, turns it into a PDF (Scripts/setup installs it; CI must have it).
        let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let soffice else {
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "LibreOffice is not installed: run Scripts/setup")
            return
        }
        s.tool(["env", "HOME=\(s.folder)", soffice, "--headless", "--convert-to", "pdf", "--outdir", s.folder, path])
        let pdf = try #require(FileManager.default.contents(atPath: s.folder + "/审批表.pdf"))
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
    }

    @Test("forecast JSON names its people beside idNumbers")
    func forecastPeople() throws {
        let s = Sandbox()
        let db = s.folder + "/demo.sqlite"
        #expect(s.run("demo", "--db", db).code == 0)
        let rows = try #require(s.json("forecast", "--db", db, "--cycles", "1") as? [[String: Any]])
        #expect(!rows.isEmpty)
        for row in rows {
            let ids = try #require(row["idNumbers"] as? [String]), people = try #require(row["people"] as? [[String: String]])
            #expect(people.map { $0["idNumber"] } == ids)
            #expect(people.allSatisfy { !($0["name"] ?? "").isEmpty && !($0["unit"] ?? "").isEmpty })
        }
    }
}
