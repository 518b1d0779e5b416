import Foundation
import GongQinCore
import Testing

extension Sandbox {
    /// Writes an `.xlsx` with openpyxl (a real spreadsheet library, installed by
    /// Scripts/setup) from `rows`, JSON cells: a string is a text cell, a number a number
    /// cell, `{"date": "YYYY-MM-DD"}` a date cell. Returns its path.
    func workbook(_ name: String, sheet: String = "Sheet1", _ rows: [[Any]], before: [String: [[Any]]] = [:]) -> String {
        let path = folder + "/" + name
        let json = try! JSONSerialization.data(withJSONObject: ["path": path, "sheet": sheet, "rows": rows, "before": before])
        let script = """
            import json, sys, datetime, openpyxl
            spec = json.load(sys.stdin)
            book = openpyxl.Workbook()
            first = book.active
            sheets = list(spec["before"].items()) + [(spec["sheet"], spec["rows"])]
            for i, (title, rows) in enumerate(sheets):
                ws = first if i == 0 else book.create_sheet()
                ws.title = title
                for row in rows:
                    ws.append([datetime.datetime.strptime(c["date"], "%Y-%m-%d") if isinstance(c, dict) else c for c in row])
            book.save(spec["path"])
            """
        tool(["python3", "-c", script], input: json)
        return path
    }

    /// The rows of an `.xlsx` as openpyxl reads them, every cell as text, with a letter
    /// for its type: `s` text, `n` number, `d` date.
    func cells(ofWorkbook path: String) -> [[String]] {
        let script = """
            import json, sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1]).active
            print(json.dumps([[("" if c.value is None else str(c.value)) + "|" + c.data_type for c in row] for row in ws.iter_rows()]))
            """
        let data = tool(["python3", "-c", script, path])
        return (try? JSONSerialization.jsonObject(with: data) as? [[String]]) ?? []
    }
}

@Suite("Excel and WPS: .xlsx, full-width input, Chinese labels, typos (Documentation/IMPORT.md)")
struct SpreadsheetTests {
    let a = IDs.make(sequence: 31)
    let b = IDs.make(birth: "19790101", sequence: 42)

    @Test("an .xlsx written by openpyxl: 序号, header aliases, a date serial, full-width digits, a 合计 footer, an ID stored as a number")
    func clerkWorkbook() throws {
        let s = Sandbox()
        s.seed()
        let header: [Any] = ["序号", "身份证号", "姓名", "单位名称", "岗位", "参加工作日期"]
        let good: [[Any]] = [
            header,
            [1, a, "张三", "常州市某局", "电工", ["date": "2005-07-01"]],
            [2, b, "李四", "常州市某局", "电工", "２００３/３/１"],
            [3, IDs.make(sequence: 53), "王五", "常州市某局", "电工", 38718],  // a bare serial: 2006-01-01
            [4, "", "", "", "", ""],  // a template's numbered empty line
            ["合计：3人", "", "", "", "", ""],
            ["制表人：赵六"],
        ]
        // The ID of row 3 stored as a number: refused, naming Excel and the sheet's row.
        var numeric = good
        numeric[2][1] = Int(b)!
        let err = s.fails(65, "import", "persons", s.workbook("numeric.xlsx", numeric))
        #expect(err.contains("第3行") && err.contains("Excel") && err.contains("文本"), "\(err)")

        let result = s.run(["import", "persons", s.workbook("people.xlsx", sheet: "人员", good)])
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("新增3条"), "\(result.out)")
        #expect(result.err.contains("汇总行") && result.err.contains("第6行") && result.err.contains("第7行"), "\(result.err)")
        let people = try #require(s.json("person", "list") as? [[String: Any]])
        let starts = Dictionary(uniqueKeysWithValues: people.map { ($0["name"] as! String, $0["workStart"] as? String) })
        #expect(starts == ["张三": "2005-07-01", "李四": "2003-03-01", "王五": "2006-01-01"], "\(people)")

        // A summary row with data after it is a problem of its row.
        var misplaced = good
        let total = misplaced.remove(at: 5)
        misplaced.insert(total, at: 3)
        let bad = s.fails(65, "import", "persons", s.workbook("misplaced.xlsx", misplaced), "--update")
        #expect(bad.contains("第4行") && bad.contains("汇总行"), "\(bad)")
    }

    @Test("--sheet picks a worksheet by name; an unknown one lists those there are")
    func sheetByName() throws {
        let s = Sandbox()
        let path = s.workbook("two.xlsx", sheet: "单位", [["单位名称", "主管部门"], ["常州市某局", "常州市某主管局"]],
                              before: ["说明": [["这是说明页"]]])
        #expect(s.fails(65, "import", "units", path).contains("表头"))
        #expect(s.fails(65, "import", "units", path, "--sheet", "人员").contains("“说明”、“单位”"))
        s.ok("import", "units", path, "--sheet", "单位")
        #expect((s.json("unit", "list") as? [[String: Any]])?.first?["name"] as? String == "常州市某局")
    }

    /// Every kind's rows, imported into a database by CSV.
    func populated() -> Sandbox {
        let s = Sandbox()
        s.units()
        for (kind, header, rows) in ImportExportTests().kinds(false) {
            s.ok("import", kind, s.file("\(kind).csv", header + "\n" + rows))
        }
        return s
    }

    @Test("every kind round-trips through export --output x.xlsx and import, IDs and dates as text cells")
    func xlsxRoundTrip() throws {
        let s = populated()
        let copy = Sandbox()
        for kind in RecordKind.allCases {
            let path = s.folder + "/\(kind.rawValue).xlsx"
            s.ok("export", kind.rawValue, "--output", path)
            let rows = s.cells(ofWorkbook: path)
            #expect(rows.first?.first?.hasPrefix(kind.fields[0].name) == true, "\(kind): \(rows.first ?? [])")
            for row in rows.dropFirst() {
                #expect(row.allSatisfy { $0.hasSuffix("|s") }, "\(kind): a cell is not text: \(row)")
            }
            let imported = copy.run(["import", kind.rawValue, path, "--update"])
            #expect(imported.code == 0, "\(kind): \(imported.err)")
        }
        for kind in RecordKind.allCases {
            #expect(copy.ok("export", kind.rawValue) == s.ok("export", kind.rawValue), "\(kind) differs after the round trip")
        }
    }

    @Test("a --chinese-header CSV file has labels, keeps IDs from Excel's rounding without a formula, and imports back")
    func chineseCSVRoundTrip() throws {
        let s = populated()
        let copy = Sandbox()
        for kind in RecordKind.allCases {
            let path = s.folder + "/\(kind.rawValue).csv"
            s.ok("export", kind.rawValue, "--chinese-header", "--output", path)
            let text = s.read(path)
            if kind == .certs { #expect(text.contains("初级工") && text.contains("提前一年申报") && !text.contains("junior"), "\(text)") }
            if kind == .persons {
                let id = ImportExportTests().a
                #expect(text.contains("\t\(id)") && !text.contains("=\"") && !text.contains(",\(id)"), "\(text)")
            }
            let imported = copy.run(["import", kind.rawValue, path, "--update"])
            #expect(imported.code == 0, "\(kind): \(imported.err)")
        }
        for kind in RecordKind.allCases {
            #expect(copy.ok("export", kind.rawValue) == s.ok("export", kind.rawValue), "\(kind) differs after the round trip")
        }
    }

    @Test(".xls and other extensions are refused with exit 64")
    func extensions() {
        let s = populated()
        for name in ["roster.xls", "persons.txt", "persons.et", "persons"] {
            #expect(s.fails(64, "export", "persons", "--output", s.folder + "/" + name).contains("扩展名"))
            #expect(!FileManager.default.fileExists(atPath: s.folder + "/" + name))
        }
        s.fails(64, "export", "roster", "--cycle", "2025", "--output", s.folder + "/roster.xls")
        let xls = s.file("old.xls", bytes: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        #expect(s.fails(64, "import", "persons", xls).contains("另存为"))
        let disguised = s.file("old.csv", bytes: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        #expect(s.fails(64, "import", "persons", disguised).contains(".xls"))
    }

    @Test("Excel's damage in a CSV is named: a serial date, 2012.1, an ID in scientific notation")
    func excelDamage() {
        let s = Sandbox()
        s.seed()
        let header = "身份证号,姓名,单位,工种,参加工作时间\n"
        let serial = s.fails(65, "import", "persons", s.file("serial.csv", header + "\(a),张三,常州市某局,电工,41091\n"))
        #expect(serial.contains("Excel") && serial.contains("2012-07-01"), "\(serial)")
        let month = s.fails(65, "import", "persons", s.file("month.csv", header + "\(a),张三,常州市某局,电工,2012.1\n"))
        #expect(month.contains("2012-01") && month.contains("2012-10"), "\(month)")
        let sci = s.fails(65, "import", "persons", s.file("sci.csv", header + "3.20402E+17,张三,常州市某局,电工,2012-10\n"))
        #expect(sci.contains("Excel") && sci.contains("科学计数法"), "\(sci)")
        s.ok("import", "persons", s.file("ok.csv", header + "\(a),张三,常州市某局,电工,2012.10\n"))
    }

    @Test("full-width digits and letters in arguments and cells are read as ASCII")
    func fullWidth() throws {
        let s = Sandbox()
        s.seed()
        let wide = String(a.map { c in c.isNumber ? Character(UnicodeScalar(c.unicodeScalars.first!.value + 0xFEE0)!) : c })
        s.ok("person", "add", "--id-number", wide, "--name", "张三", "--unit", "常州市某局", "--trade", "电工",
             "--work-start", "２００５/７/１")
        s.ok("assessment", "add", a, "--year", "２０２１", "--result", "优秀")
        let shown = try #require(s.json("person", "show", a) as? [String: Any])
        #expect(shown["workStart"] as? String == "2005-07-01")
        #expect((shown["assessments"] as? [[String: Any]])?.first?["year"] as? Int == 2021)
        s.ok("import", "assessments", s.file("wide.csv", "身份证号,考核年度,考核结果\n\(wide),２０２２,合格\n"))
        #expect(((s.json("person", "show", a) as? [String: Any])?["assessments"] as? [[String: Any]])?.count == 2)
    }

    @Test("a condition, a result and a status are accepted by their Chinese labels")
    func chineseLabelsAccepted() throws {
        let s = Sandbox()
        s.seed()
        s.person(a)
        s.ok("exceptional", "record", a, "--condition", "一次二等功以上奖励", "--year", "2016", "--grade", "中级工")
        let uses = try #require(s.json("exceptional", "list") as? [[String: Any]])
        #expect(uses.first?["condition"] as? String == "merit-award")
        s.ok("import", "exceptional", s.file("uses.csv", "身份证号,破格条件,年度,等级\n\(a),连续两年年度考核优秀,2019,高级工\n"))
        #expect((s.json("exceptional", "list") as? [[String: Any]])?.count == 2)
    }

    @Test("a mistyped subcommand or code value exits 64 and suggests the nearest")
    func typos() {
        let s = Sandbox()
        #expect(s.fails(64, "eligable", "--cycle", "next").contains("是否指 eligible？"))
        let persn = s.fails(64, "persn", "list")
        #expect(persn.contains("是否指 person？") && !persn.contains("unexpected"), "\(persn)")
        #expect(s.fails(64, "person", "lst").contains("是否指 list？"))
        let status = s.fails(64, "application", "set-status", "2", "已受理")
        #expect(status.contains("是否指 accepted？") && !status.contains("the following"), "\(status)")
        let result = s.fails(64, "assessment", "add", a, "--year", "2021", "--result", "excelent")
        #expect(result.contains("是否指 excellent？") && result.contains("excellent（优秀）"), "\(result)")
        #expect(s.fails(64, "import", "persns", "x.csv").contains("是否指 persons？"))
    }

    /// Every code of the vocabularies a table must show by its Chinese label.
    static let codes: Set<String> = {
        var codes = Set<String>()
        func add<V: Vocabulary>(_: V.Type) { for v in V.allCases where v.code != v.chinese { codes.insert(v.code) } }
        add(Grade.self); add(Module.self); add(AssessmentResult.self); add(ApplicationStatus.self)
        add(ConditionEvidence.self); add(ExamResult.self); add(UseSource.self); add(ValueStatus.self)
        for c in ExceptionalCondition.builtins { codes.insert(c.code) }
        return codes
    }()

    /// The codes in a table's text, leaving out the commands it quotes (`gongqin …`) and
    /// the command lines the change log keeps.
    static func leakedCodes(_ text: String) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n") {
            let visible = line.range(of: "gongqin ").map { line[..<$0.lowerBound] } ?? line[...]
            // A dotted policy key (`review.seniorYears`) is one identifier, not a code.
            let words = visible.split { !($0.isASCII && ($0.isLetter || $0 == "-" || $0 == ".")) }.map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "-")) }
            found += words.filter(codes.contains).map { "\($0) in: \(line)" }
        }
        return found
    }

    @Test("every table of the demo and of the main commands shows Chinese labels, never a code; log times are local with the offset")
    func noCodesInTables() throws {
        let s = Sandbox()
        let demo = s.run(["demo"], environment: ["GONGQIN_DB": ""])
        #expect(demo.code == 0, "\(demo.err)")
        var outputs = [("demo", demo.out)]
        let db = s.folder + "/.local/share/gongqin/demo.sqlite"
        func table(_ arguments: String...) {
            let r = s.run(arguments + ["--db", db], environment: ["TZ": "Asia/Shanghai"])
            #expect(r.code == 0 || r.code == 1, "\(arguments): \(r.err)")
            outputs.append((arguments.joined(separator: " "), r.out))
        }
        // An application through an exceptional condition, for the `apply` message and the list.
        let open = try #require(s.json("eligible", "--cycle", "next", "--db", db) as? [[String: Any]])
        let chosen = try #require(open.first { !(($0["conditions"] as? [String]) ?? []).isEmpty })
        let cycle = String(chosen["certificateYear"] as! Int)
        let filed = s.run(["apply", chosen["idNumber"] as! String, "--cycle", cycle, "--grade", chosen["grade"] as! String,
                           "--module", chosen["module"] as! String, "--condition", (chosen["conditions"] as! [String])[0], "--db", db],
                           environment: ["GONGQIN_TODAY": cycle + "-03-01"])
        #expect(filed.code == 0, "\(filed.err)")
        outputs.append(("apply", filed.out))
        table("eligible", "--cycle", "next")
        table("audit")
        table("exceptional", "list")
        // `exceptional conditions` is the list of the codes themselves, to look them up: left out.
        table("application", "list")
        table("person", "list")
        table("unit", "list")
        table("trade", "list")
        table("log")
        table("policy", "show", "2024")
        let people = try #require(s.json("person", "list", "--db", db) as? [[String: Any]])
        for person in people {
            let id = person["idNumber"] as! String
            table("person", "show", id)
            table("explain", id, "--cycle", "next")
        }
        for (command, out) in outputs {
            #expect(!out.isEmpty, "\(command) printed nothing")
            let leaked = Self.leakedCodes(out)
            #expect(leaked.isEmpty, "\(command): \(leaked.prefix(5))")
        }
        // One time format (Documentation/CLI.md, “What output shows”): local, `2026-03-01 10:15`
        // in a table, with its offset in JSON and CSV; never the UTC the log stores.
        let log = outputs.first { $0.0 == "log" }!.1
        #expect(log.contains(#/\d{4}-\d\d-\d\d \d\d:\d\d /#) && !log.contains("Z "), "\(log.prefix(400))")
        let logJSON = s.run(["log", "--format", "json", "--db", db], environment: ["TZ": "Asia/Shanghai"]).out
        #expect(logJSON.contains(#/"at" : "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00"/#) && !logJSON.contains("Z\""))
        let logCSV = s.run(["log", "--format", "csv", "--db", db], environment: ["TZ": "Asia/Shanghai"]).out
        #expect(logCSV.contains("+08:00,") && !logCSV.contains("trade_id") && !logCSV.contains("unit_id"))
        let certs = s.run(["export", "certs", "--chinese-header", "--db", db]).out
        #expect(Self.leakedCodes(certs).isEmpty, "\(Self.leakedCodes(certs).prefix(3))")
    }

    /// Terminal columns of a line: CJK takes two, as Render counts them.
    static func columns(_ line: Substring) -> Int {
        line.unicodeScalars.reduce(0) { $0 + (($1.value >= 0x1100 && $1.value != 0x2026 && !(0x2010...0x206F).contains($1.value)) ? 2 : 1) }
    }

    @Test("tables fit a terminal's width, with … where cut; --wide and a pipe show everything")
    func terminalWidth() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let s = Sandbox()
        s.seed()
        for i in 1...3 { s.person(IDs.make(sequence: 60 + i), name: "工人\(i)", extra: ["--from-province", "浙江省杭州市某某区"]) }
        func onTerminal(_ flags: String) -> [Substring] {
            let r = s.run(["__bash__", "COLUMNS=60 script -qec '\(Sandbox.binary) person list \(flags)' /dev/null"])
            #expect(r.code == 0, "\(r.err)")
            return r.out.replacingOccurrences(of: "\r", with: "").split(separator: "\n")
        }
        let fitted = onTerminal("")
        #expect(fitted.count == 5 && fitted.allSatisfy { Self.columns($0) <= 60 }, "\(fitted)")
        #expect(fitted.contains { $0.contains("…") })
        let wide = onTerminal("--wide")
        #expect(wide.contains { Self.columns($0) > 60 } && !wide.contains { $0.contains("…") }, "\(wide)")
        let piped = s.ok("person", "list")
        #expect(piped.contains("浙江省杭州市某某区") && !piped.contains("…"))
    }
}
