import Foundation
import GongQinCore
@testable import GongQinStore
import GRDB
import Testing

extension Sandbox {
    /// Writes `text` (UTF-8) into the sandbox and returns its path.
    @discardableResult
    func file(_ name: String, _ text: String) -> String {
        file(name, bytes: Data(text.utf8))
    }

    @discardableResult
    func file(_ name: String, bytes: Data) -> String {
        let path = folder + "/" + name
        #expect(FileManager.default.createFile(atPath: path, contents: bytes))
        return path
    }

    func read(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }

    /// Runs a helper program (python3, iconv) and returns its stdout.
    @discardableResult
    func tool(_ arguments: [String], input: Data? = nil) -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        if input != nil { process.standardInput = inPipe }
        try! process.run()
        if let input {
            inPipe.fileHandleForWriting.write(input)
            try? inPipe.fileHandleForWriting.close()
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(arguments)")
        return data
    }

    /// Two units, by import.
    func units() {
        ok("import", "units", file("units.csv", "name,department,district\n常州市某局,常州市某主管局,天宁区\n常州市另一局,常州市另一主管局,钟楼区\n"))
    }
}

@Suite("import and export (IMPORT.md)")
struct ImportExportTests {
    let a = IDs.make(sequence: 11)
    let b = IDs.make(birth: "19780312", sequence: 22)

    /// The rows of every kind, under an English and a Chinese header.
    func kinds(_ chinese: Bool) -> [(kind: String, header: String, rows: String)] {
        [
            ("persons", chinese ? "身份证号,姓名,单位,工种,参加工作时间,试用期满时间,入伍时间,退役时间,安置时间,调出省份"
                                : "id-number,name,unit,trade,work-start,probation-end,enlisted,discharged,placed,from-province",
             "\(a),张三,常州市某局,电工,2005-07,2006-07-01,,,,\n\(b),李四,常州市另一局,汽车驾驶与管理,2003-03,,1999-12,2002-12,2003-01,\n"),
            ("certs", chinese ? "身份证号,证书工种,证书等级,发证时间,证书编号,取得方式,发证省份" : "id-number,trade,grade,issued,number,route,province",
             "\(a),电工,初级工,2008-06-01,A001,,\n\(a),电工,intermediate,2013-06-01,A002,提前,\n\(b),汽车驾驶与管理,junior,2004-06-01,,复核,浙江\n"),
            ("transfers", chinese ? "身份证号,转入工种,转岗时间" : "id-number,to,date", "\(a),汽车驾驶与管理,2020-03\n"),
            ("assessments", chinese ? "身份证号,考核年度,考核结果" : "id-number,year,result", "\(a),2022,优秀\n\(a),2023,pass\n"),
            ("education", chinese ? "身份证号,学历,毕业时间,专业,学校,是否相关专业" : "id-number,level,graduated,major,school,relevant",
             "\(a),大专,2004-07,电气自动化,某职业技术学院,是\n\(b),高中,1999-07,,,n\n"),
            ("awards", chinese ? "身份证号,奖励名称,获奖时间,授予单位" : "id-number,name,date,issuer", "\(b),二等功,2001-08-01,某部\n"),
            ("training", chinese ? "身份证号,培训名称,培训时间,学时,发证单位" : "id-number,name,date,hours,issuer", "\(a),安全生产,2021-05-01,24,某局\n"),
            ("exceptional", chinese ? "身份证号,破格条件,年度,等级,备注" : "id-number,condition,year,grade,note",
             "\(b),merit-award,2016,中级工,2016年审批表\n"),
            ("jobs", chinese ? "身份证号,起始时间,截止时间,工作单位,岗位" : "id-number,from,to,unit,post",
             "\(a),2005-07,2020-02,常州市某局,电工\n\(a),2020-03,,常州市某局,驾驶员\n"),
        ]
    }

    @Test("each kind imports under an English and under a Chinese header", arguments: [false, true])
    func eachKind(_ chinese: Bool) throws {
        let s = Sandbox()
        s.units()
        for (kind, header, rows) in kinds(chinese) {
            let out = s.ok("import", kind, s.file("\(kind).csv", header + "\n" + rows))
            #expect(out.contains("新增"), "\(kind): \(out)")
        }
        let shown = try #require(s.json("person", "show", a) as? [String: Any])
        #expect(shown["trade"] as? String == "汽车驾驶与管理")
        #expect(shown["probationEnd"] as? String == "2006-07-01")
        let certificates = try #require(shown["certificates"] as? [[String: Any]])
        #expect(certificates.map { $0["grade"] as? String } == ["junior", "intermediate"])
        #expect(certificates[1]["route"] as? String == "early")
        #expect((shown["transfers"] as? [[String: Any]])?.first?["from"] as? String == "电工")
        #expect((shown["assessments"] as? [[String: Any]])?.map { $0["result"] as? String } == ["excellent", "pass"])
        #expect((shown["education"] as? [[String: Any]])?.first?["relevant"] as? Bool == true)
        #expect((shown["continuingEducation"] as? [[String: Any]])?.first?["hours"] as? Int == 24)
        #expect((shown["jobs"] as? [[String: Any]])?.map { $0["post"] as? String } == ["电工", "驾驶员"])
        let other = try #require(s.json("person", "show", b) as? [String: Any])
        #expect(other["placed"] as? String == "2003-01-01")
        #expect(other["unit"] as? String == "常州市另一局")
        #expect((other["certificates"] as? [[String: Any]])?.first?["province"] as? String == "浙江")
        #expect((other["education"] as? [[String: Any]])?.first?["relevant"] as? Bool == false)
        #expect((other["awards"] as? [[String: Any]])?.first?["name"] as? String == "二等功")
        let uses = try #require(s.json("exceptional", "list") as? [[String: Any]])
        #expect(uses.count == 1 && uses[0]["source"] as? String == "historic" && uses[0]["year"] as? Int == 2016)
    }

    @Test("a BOM, CRLF and a GB18030 file are read; quoted fields keep their commas; a line break in a cell is refused")
    func encodings() throws {
        let s = Sandbox()
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data("单位,主管部门,辖市区\r\n常州市某局,\"常州市某主管局,办公室\",天宁区\r\n".utf8)
        s.ok("import", "units", s.file("bom.csv", bytes: bom))
        let units = try #require(s.json("unit", "list") as? [[String: Any]])
        #expect(units.first?["name"] as? String == "常州市某局")
        #expect(units.first?["department"] as? String == "常州市某主管局,办公室")

        let text = "身份证号,姓名,单位,工种,参加工作时间\r\n\(a),\"欧阳\"\"小\"\"明\",常州市某局,电工,2005-07\r\n"
        let gb = s.tool(["iconv", "-f", "UTF-8", "-t", "GB18030"], input: Data(text.utf8))
        #expect(String(data: gb, encoding: .utf8) == nil, "the GB18030 bytes must not be UTF-8 for this test to mean anything")
        let path = s.file("gb.csv", bytes: gb)
        #expect(s.fails(66, "import", "persons", path, "--encoding", "utf-8").contains("--encoding gb18030"))
        #expect(s.ok("import", "persons", path).contains("GB18030"))
        #expect((s.json("person", "show", a) as? [String: Any])?["name"] as? String == "欧阳\"小\"明")

        // A line break inside a quoted cell is a control character in a name.
        let broken = "id-number,level,graduated,major,school,relevant\n\(a),大专,2004-07,\"电气, 自动化\",\"某学院\n（夜大）\",1\n"
        #expect(s.fails(65, "import", "education", s.file("broken.csv", broken)).contains("第2行第5列含有控制字符"))
        let quoted = "id-number,level,graduated,major,school,relevant\n\(a),大专,2004-07,\"电气, 自动化\",\"某学院（夜大）\",1\n"
        s.ok("import", "education", s.file("edu.csv", quoted))
        let education = try #require((s.json("person", "show", a) as? [String: Any])?["education"] as? [[String: Any]])
        #expect(education.first?["major"] as? String == "电气, 自动化")
        // NFKC: the full-width brackets of a cell are read as ASCII.
        #expect(education.first?["school"] as? String == "某学院(夜大)")
    }

    @Test("3 bad rows among 1,000: each named with its row and column, nothing written, and a report that imports once fixed")
    func badRows() throws {
        let s = Sandbox()
        s.units()
        var lines = ["身份证号,姓名,单位,工种,参加工作时间"]
        for i in 0..<1000 {
            lines.append("\(IDs.make(birth: i < 500 ? "19850312" : "19860415", sequence: i % 500 + 1)),职工\(i),常州市某局,电工,2005-07")
        }
        // Spreadsheet rows 101, 502 and 903 (the header is row 1).
        lines[100] = lines[100].replacingOccurrences(of: "常州市某局", with: "常州某局")
        lines[501] = lines[501].replacingOccurrences(of: "2005-07", with: "2030-01")
        let good = String(lines[902].prefix(18))
        lines[902] = lines[902].replacingOccurrences(of: good, with: String(good.dropLast()) + (good.last == "1" ? "2" : "1"))
        let path = s.file("persons.csv", lines.joined(separator: "\n") + "\n")
        let report = s.folder + "/report.csv"
        let err = s.fails(65, "import", "persons", path, "--report", report)
        #expect(err.contains("第101行 单位（unit）") && err.contains("是否指“常州市某局”"))
        #expect(err.contains("第502行 参加工作时间（work-start）"))
        #expect(err.contains("第903行 身份证号（id-number）") && err.contains("校验位"))
        #expect(err.contains("有3行不符合要求（共1000行"))
        #expect(s.ok("person", "list").contains("尚无人员"))
        // The report: its header, then the three rows with their problems and cells.
        let reportText = s.read(report)
        #expect(reportText.hasPrefix("\u{FEFF}行号,错误,身份证号,姓名,单位,工种,参加工作时间\r\n"))
        let reportLines = reportText.split(separator: "\r\n")
        #expect(reportLines.count == 4)
        #expect(reportLines.dropFirst().map { $0.split(separator: ",").first } == ["101", "502", "903"])
        // Fixed, the report goes in alone; then the file goes in without the three rows.
        let fixed = reportText.replacingOccurrences(of: ",常州某局,", with: ",常州市某局,").replacingOccurrences(of: "2030-01", with: "2005-07")
            .replacingOccurrences(of: String(good.dropLast()) + (good.last == "1" ? "2" : "1"), with: good)
        s.ok("import", "persons", s.file("fixed.csv", fixed))
        #expect((s.json("person", "list") as? [Any])?.count == 3)
    }

    @Test("a record already there or twice in the file is an error; --update replaces it")
    func duplicatesAndUpdate() throws {
        let s = Sandbox()
        s.units()
        let header = "id-number,name,unit,trade,work-start\n"
        s.ok("import", "persons", s.file("p.csv", header + "\(a),张三,常州市某局,电工,2005-07\n"))
        let twice = s.file("twice.csv", header + "\(b),李四,常州市某局,电工,2005-07\n\(b),李四,常州市某局,电工,2005-07\n")
        #expect(s.fails(65, "import", "persons", twice).contains("第3行 身份证号（id-number）：与第2行重复"))
        #expect(s.fails(65, "import", "persons", twice, "--update").contains("与第2行重复"))
        let changed = s.file("changed.csv", header + "\(a),张叁,常州市另一局,电工,2005-07\n")
        #expect(s.fails(65, "import", "persons", changed).contains("已登记"))
        let summary = try #require(s.json("import", "persons", changed, "--update") as? [String: Any])
        #expect(summary["updated"] as? Int == 1 && summary["added"] as? Int == 0)
        let shown = try #require(s.json("person", "show", a) as? [String: Any])
        #expect(shown["name"] as? String == "张叁" && shown["unit"] as? String == "常州市另一局")
        // Records: the same key with another value is an error, or an update.
        s.ok("import", "assessments", s.file("a1.csv", "id-number,year,result\n\(a),2022,合格\n"))
        let better = s.file("a2.csv", "id-number,year,result\n\(a),2022,优秀\n\(a),2023,合格\n")
        #expect(s.fails(65, "import", "assessments", better).contains("2022年度考核已登记为“合格”"))
        s.ok("import", "assessments", better, "--update")
        let results = (s.json("person", "show", a) as? [String: Any])?["assessments"] as? [[String: Any]]
        #expect(results?.map { $0["result"] as? String } == ["excellent", "pass"])
        // Unchanged rows under --update write nothing, not even the change log.
        let before = FileManager.default.contents(atPath: s.db)
        let again = try #require(s.json("import", "assessments", better, "--update") as? [String: Any])
        #expect(again["unchanged"] as? Int == 2)
        #expect(FileManager.default.contents(atPath: s.db) == before)
    }

    // A row of a kind whose natural key the schema holds is inserted first; the refusal of
    // a record already there, or twice in the file, still reads as `add` words it.
    @Test("insert first: a record repeated in the file, one already stored and a number held by another are refused as before")
    func insertFirstRefusals() throws {
        let s = Sandbox()
        s.units()
        let header = "id-number,name,unit,trade,work-start\n"
        s.ok("import", "persons", s.file("p.csv", header + "\(a),张三,常州市某局,电工,2005-07\n\(b),李四,常州市某局,电工,2005-07\n"))
        let certs = "id-number,trade,grade,issued,number\n"
        s.ok("import", "certs", s.file("c1.csv", certs + "\(a),电工,junior,2008-01-01,C1\n"))
        let bad = s.file("c2.csv", certs + "\(b),电工,junior,2009-01-01,C2\n\(b),电工,junior,2009-01-01,C3\n"
                          + "\(a),电工,junior,2008-01-01,C1\n\(b),电工,intermediate,2015-01-01,C1\n")
        let refused = s.fails(65, "import", "certs", bad)
        #expect(refused.contains("第3行 ") && refused.contains("与第2行重复：李四已有电工初级工证书（2009-01-01发证）"), "\(refused)")
        #expect(refused.contains("第4行 ") && refused.contains("张三已有电工初级工证书（2008-01-01发证）"), "\(refused)")
        #expect(refused.contains("第5行 ") && refused.contains("证书编号C1已登记在张三名下"), "\(refused)")
        #expect(!refused.contains("第2行 "), "\(refused)")
        let shown = try #require(s.json("person", "show", b) as? [String: Any])
        #expect((shown["certificates"] as? [Any])?.isEmpty == true, "nothing of the file is written")
        let years = s.file("a.csv", "id-number,year,result\n\(a),2022,合格\n\(a),2022,合格\n")
        #expect(s.fails(65, "import", "assessments", years).contains("与第2行重复：张三2022年度考核已登记为“合格”"))
    }

    // An import inserts the rows of such a kind 64 to a statement (RecordSpecInserts). A
    // file of several statements' rows goes in whole; a statement holding a repeat or a
    // stored record is refused and its rows go in one by one, with the words of one at a time.
    @Test("rows inserted together: several statements' rows go in whole; a refusal among them reads as before")
    func insertedTogether() throws {
        let people = (1...8).map { IDs.make(sequence: 100 + $0) }
        let names = ["甲一", "乙二", "丙三", "丁四", "戊五", "己六", "庚七", "辛八"]
        func sandbox() -> Sandbox {
            let s = Sandbox()
            s.units()
            s.ok("import", "persons", s.file("p.csv", "id-number,name,unit,trade,work-start\n"
                + zip(people, names).map { "\($0),\($1),常州市某局,电工,2005-07\n" }.joined()))
            return s
        }
        // 160 rows: two full statements (rows 2–65, 66–129), then 32 rows.
        var rows = zip(people, names).flatMap { id, name in (2006...2025).map { "\(id),\(name),\($0),合格" } }
        let good = sandbox()
        let summary = try #require(good.json("import", "assessments", good.file("a.csv", "id-number,person-name,year,result\n" + rows.joined(separator: "\n"))) as? [String: Any])
        #expect(summary["added"] as? Int == 160)
        for (id, name) in zip(people, names) {
            let shown = try #require(good.json("person", "show", id) as? [String: Any])
            #expect(shown["name"] as? String == name)
            #expect((shown["assessments"] as? [[String: Any]])?.map { $0["year"] as? Int } == (2006...2025).map { $0 })
        }
        good.ok("check")

        let bad = sandbox()
        bad.ok("import", "assessments", bad.file("one.csv", "id-number,year,result\n\(people[3]),2010,合格\n"))
        rows[38] = rows[8]                                       // row 40 repeats row 10
        rows[98] = rows[98].replacingOccurrences(of: names[4], with: "某某")  // row 100: another name
        let refused = bad.fails(65, "import", "assessments", bad.file("b.csv", "id-number,person-name,year,result\n" + rows.joined(separator: "\n")))
        #expect(refused.contains("第40行 ") && refused.contains("与第10行重复：甲一2014年度考核已登记为“合格”"), "\(refused)")
        #expect(refused.contains("第66行 ") && refused.contains("丁四2010年度考核已登记为“合格”"), "\(refused)")
        #expect(refused.contains("第100行 姓名（person-name）：姓名“某某”与身份证号"), "\(refused)")
        #expect(refused.contains("有3行不符合要求（共160行"), "\(refused)")
        let shown = try #require(bad.json("person", "show", people[3]) as? [String: Any])
        #expect((shown["assessments"] as? [Any])?.count == 1, "nothing of the file is written")
    }

    @Test("persons go in together too: a file of them is written whole; a refusal among them reads as before")
    func personsTogether() throws {
        let header = "id-number,name,unit,trade,work-start\n"
        let ids = (1...150).map { IDs.make(sequence: 200 + $0) }
        // 150 rows: two full statements (rows 2–65, 66–129), then 22 rows.
        var rows = ids.enumerated().map { "\($1),人员\($0 + 1),常州市某局,电工,2005-07" }
        let good = Sandbox()
        good.units()
        let summary = try #require(good.json("import", "persons", good.file("p.csv", header + rows.joined(separator: "\n"))) as? [String: Any])
        #expect(summary["added"] as? Int == 150)
        for i in [0, 63, 64, 128, 149] {
            #expect((good.json("person", "show", ids[i]) as? [String: Any])?["name"] as? String == "人员\(i + 1)")
        }
        good.ok("check")

        let bad = Sandbox()
        bad.units()
        bad.ok("import", "persons", bad.file("one.csv", header + rows[99] + "\n"))    // row 101's person, already stored
        rows[38] = rows[8]                                                              // row 40 repeats row 10
        rows[69] = rows[69].replacingOccurrences(of: "常州市某局", with: "常州市无此局")  // row 71: a unit not registered
        let refused = bad.fails(65, "import", "persons", bad.file("b.csv", header + rows.joined(separator: "\n")))
        #expect(refused.contains("第40行 身份证号（id-number）：与第10行重复"), "\(refused)")
        #expect(refused.contains("第71行 ") && refused.contains("常州市无此局"), "\(refused)")
        #expect(refused.contains("第101行 ") && refused.contains("已登记（人员100）"), "\(refused)")
        #expect(refused.contains("有3行不符合要求（共150行"), "\(refused)")
        #expect((bad.json("person", "list") as? [Any])?.count == 1, "nothing of the file is written")
    }

    @Test("bad headers, unknown kinds, missing files and people are refused with their exit codes")
    func refusals() {
        let s = Sandbox()
        s.units()
        #expect(s.fails(65, "import", "persons", s.file("h.csv", "id-number,姓名,单位,工种,wage\n")).contains("“wage”不是人员文件的列"))
        #expect(s.fails(65, "import", "persons", s.file("h2.csv", "id-number,name\n")).contains("缺少必填列"))
        s.fails(64, "import", "salaries", s.file("x.csv", "a\n"))
        #expect(s.fails(66, "import", "units", s.folder + "/missing.csv").contains("找不到"))
        #expect(s.fails(65, "import", "certs", s.file("c.csv", "id-number,trade,grade,issued\n\(a),电工,大师,2008-01-01\n"))
            .contains("证书等级“大师”无效"))
        #expect(s.fails(65, "import", "certs", s.file("c2.csv", "id-number,trade,grade,issued\n\(a),电工,junior,2008-01-01\n"))
            .contains("未找到身份证号"))
        #expect(s.fails(65, "import", "units", s.file("e.csv", "name\n甲,多出来的\n")).contains("第2列有内容"))
        // Each exceptional category once in a life (X1), in the file as in the database.
        s.ok("import", "persons", s.file("p.csv", "id-number,name,unit,trade,work-start\n\(a),张三,常州市某局,电工,2005-07\n"))
        let twice = s.fails(65, "import", "exceptional", s.file("x.csv", """
            id-number,condition,year,grade
            \(a),merit-award,2016,中级工
            \(a),merit-award,2020,高级工
            """))
        #expect(twice.contains("第3行 破格条件（condition）：与第2行重复") && twice.contains("X1"))
    }

    @Test("transfers: without a from column, as transfer add; a broken chain is named")
    func transfers() throws {
        let s = Sandbox()
        s.seed()
        s.person(a, trade: "电工")
        s.ok("import", "transfers", s.file("t.csv", "id-number,to,date\n\(a),汽车驾驶与管理,2016-03\n\(a),维修装配,2020-03\n".replacingOccurrences(of: "维修装配", with: "修理装配")))
        let shown = try #require(s.json("person", "show", a) as? [String: Any])
        #expect(shown["trade"] as? String == "修理装配")
        #expect((shown["transfers"] as? [[String: Any]])?.map { $0["from"] as? String } == ["电工", "汽车驾驶与管理"])
        s.person(b, trade: "电工")
        let err = s.fails(65, "import", "transfers", s.file("t2.csv", "id-number,from,to,date\n\(b),烹饪,电工,2010-01\n\(b),汽车修理,药剂,2012-01\n"))
        #expect(err.contains("第3行 转出工种（from）") && err.contains("上一次转岗"))
    }

    @Test("export then import into an empty database: the same records, every kind")
    func roundTrip() throws {
        let s = Sandbox()
        s.units()
        s.ok("trade", "add", "维修电工", "--max-grade", "技师", "--licensed")
        for (kind, header, rows) in kinds(false) { s.ok("import", kind, s.file("\(kind).csv", header + "\n" + rows)) }
        s.ok("transfer", "add", a, "--to", "维修电工", "--date", "2022-06")
        s.ok("cert", "add", a, "--trade", "维修电工", "--grade", "junior", "--issued", "2023-01-01", "--number", "号,\"1\"")
        let kinds = ["units", "trades", "persons", "certs", "transfers", "assessments", "education", "awards", "training", "exceptional",
                     "jobs"]
        for kind in kinds { s.ok("export", kind, "--output", s.folder + "/out-\(kind).csv") }
        let copy = s.folder + "/copy.sqlite"
        for kind in kinds {
            let result = s.run(["import", kind, s.folder + "/out-\(kind).csv", "--db", copy])
            #expect(result.code == 0, "\(kind): \(result.err)")
        }
        for kind in kinds {
            #expect(s.ok("export", kind) == s.ok("export", kind, "--db", copy), "\(kind)")
        }
        // Record numbers are the database's own: the copy numbers its records anew.
        func unnumbered(_ text: String) -> String {
            text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("\"id\" :") }.joined(separator: "\n")
        }
        for id in [a, b] {
            #expect(unnumbered(s.ok("person", "show", id, "--format", "json"))
                    == unnumbered(s.ok("person", "show", id, "--format", "json", "--db", copy)))
        }
        #expect(s.ok("trade", "list", "--format", "json") == s.ok("trade", "list", "--format", "json", "--db", copy))
        #expect(s.ok("exceptional", "list", "--format", "json") == s.ok("exceptional", "list", "--format", "json", "--db", copy))
        let exported = s.read(s.folder + "/out-persons.csv")
        #expect(exported.hasPrefix("\u{FEFF}id-number,name,unit,trade,work-start,"))
        #expect(exported.contains("\r\n"))
        #expect(s.ok("export", "persons", "--chinese-header").hasPrefix("身份证号,姓名,单位,工种,参加工作时间,"))
    }

    @Test("no progress line when stderr is not a terminal")
    func quietWhenPiped() {
        let s = Sandbox()
        s.ok("init")
        let result = s.run("import", "units", s.file("u.csv", "name\n甲\n乙\n"))
        #expect(result.code == 0)
        #expect(result.err.isEmpty)
    }
}

@Suite("the roster, backup and restore (IMPORT.md)")
struct RosterBackupTests {
    let a = IDs.make(sequence: 11)
    let b = IDs.make(sequence: 22)
    let c = IDs.make(sequence: 33)

    /// Three people with applications for 2026, one withdrawn; a transferred person with
    /// certificates in both trades, an exceptional use on an application.
    func seed(_ s: Sandbox) throws {
        s.units()
        s.ok("import", "persons", s.file("p.csv", """
            id-number,name,unit,trade,work-start
            \(a),张三,常州市另一局,电工,2005-07
            \(b),李四,常州市某局,电工,2003-03
            \(c),王五,常州市某局,电工,2003-03
            """))
        s.ok("import", "certs", s.file("c.csv", """
            id-number,trade,grade,issued,number
            \(a),电工,junior,2010-06-01,320400000000000123
            \(b),电工,junior,2008-06-01,B1
            \(b),电工,intermediate,2023-06-01,B2
            """))
        s.ok("transfer", "add", b, "--to", "汽车驾驶与管理", "--date", "2024-03")
        s.ok("cert", "add", b, "--trade", "汽车驾驶与管理", "--grade", "intermediate", "--issued", "2025-06-01", "--number", "B3")
        s.ok("education", "add", b, "--level", "高中", "--graduated", "1999-07")
        s.ok("education", "add", b, "--level", "大专", "--graduated", "2010-07", "--relevant")
        s.ok("education", "add", a, "--level", "高中", "--graduated", "2002-07")
        for year in 2021...2025 {
            for id in [a, b] { s.ok("assessment", "add", id, "--year", String(year), "--result", "合格") }
        }
        // Applications of a past cycle go straight in (`apply` files for the coming cycle
        // only), through the gate: each holds on the records above (R1).
        let database = try GongQinDatabase.open(at: s.db, context: LogContext(actor: "test", command: "test"))
        try database.writeDatabase { db in
            func apply(_ id: String, _ grade: String, _ module: String, _ status: String, note: String? = nil) throws {
                try db.execute(sql: """
                    INSERT INTO application (person_id, cycle, grade, module, trade_id, status, filed_on, certificate_year, note)
                    SELECT id, 2026, ?, ?, trade_id, ?, '2026-04-01', 2026, ? FROM person WHERE id_number = ?
                    """, arguments: [grade, module, status, note, id])
            }
            try apply(a, "intermediate", "normal", "filed")
            try apply(b, "senior", "exceptional", "filed", note: "备注，含逗号")
            try apply(c, "junior", "normal", "withdrawn")
            try db.execute(sql: """
                INSERT INTO exceptional_use (person_id, condition_code, category, grade, year, source, application_id)
                SELECT person_id, 'college-degree', 'college-degree', 'senior', 2026, 'application', id
                FROM application WHERE person_id = (SELECT id FROM person WHERE id_number = ?)
                """, arguments: [b])
        }
    }

    @Test("the roster as CSV: BOM, CRLF, grouped by department then unit, withdrawn left out, both certificates of a transfer")
    func rosterCSV() throws {
        let s = Sandbox()
        try seed(s)
        let path = s.folder + "/名册.csv"
        s.ok("export", "roster", "--cycle", "2026", "--output", path)
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let rows = try parseCSV(s, path)
        #expect(rows[0] == ["序号", "主管部门", "单位", "姓名", "性别", "出生年月", "身份证号", "学历", "毕业时间", "参加工作时间", "原持证工种",
                            "原等级", "证书编号", "取证时间", "转岗时间", "申报工种", "申报等级", "申报类别", "破格条件", "备注"])
        // The data rows, then the change-log head the roster was made at (README, “What the log detects”).
        #expect(rows.count == 4)
        #expect(rows.last?.first?.hasPrefix("变更日志头：") == true)
        // 常州市另一主管局 sorts before 常州市某主管局 by code point; each group is one department.
        let lisi = try #require(rows.first { $0[3] == "李四" })
        #expect(lisi[1] == "常州市某主管局" && lisi[2] == "常州市某局")
        #expect(lisi[6] == "\t" + b)
        #expect(lisi[7] == "大专" && lisi[8] == "2010年07月")
        #expect(lisi[10] == "电工；汽车驾驶与管理" && lisi[11] == "中级工；中级工" && lisi[12] == "\tB2；B3")
        #expect(lisi[13] == "2023年06月；2025年06月" && lisi[14] == "2024年03月")
        #expect(lisi[15] == "汽车驾驶与管理" && lisi[16] == "高级工" && lisi[17] == "破格申报")
        #expect(lisi[18] == "取得本工种（相关专业）大专及以上学历" && lisi[19] == "备注，含逗号")
        let zhang = try #require(rows.first { $0[3] == "张三" })
        // Sequence 011: the 17th digit, 1, is odd, so the number is a man's (GB 11643).
        #expect(zhang[4] == "男")
        #expect(zhang[5] == "1985年03月" && zhang[9] == "2005年07月" && zhang[14] == "")
        #expect(rows.dropLast().map { $0[0] } == ["序号", "1", "2"])
        #expect(rows.dropLast().map { $0[3] } == ["姓名", "张三", "李四"])
        #expect(!rows.dropLast().contains { $0[3] == "王五" })
        #expect(s.read(path).contains("\r\n"))
    }

    @Test("the roster as XLSX, read back by Python's zipfile and xml.etree: a title, text cells, a bold header, sized columns")
    func rosterXLSX() throws {
        let s = Sandbox()
        try seed(s)
        let path = s.folder + "/roster.xlsx"
        s.ok("export", "roster", "--cycle", "2026", "--output", path)
        let script = """
            import json, sys, zipfile, xml.etree.ElementTree as ET
            m = '{http://schemas.openxmlformats.org/spreadsheetml/2006/main}'
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            sheet = ET.fromstring(z.read('xl/worksheets/sheet1.xml'))
            styles = ET.fromstring(z.read('xl/styles.xml'))
            book = ET.fromstring(z.read('xl/workbook.xml'))
            fonts = [f.find(m + 'b') is not None for f in styles.find(m + 'fonts')]
            xfs = [(int(x.get('fontId')), x.get('numFmtId')) for x in styles.find(m + 'cellXfs')]
            rows = []
            for r in sheet.find(m + 'sheetData'):
                row = []
                for c in r:
                    s = int(c.get('s', '0'))
                    if c.get('t') == 'inlineStr':
                        value = ''.join(t.text or '' for t in c.iter(m + 't'))
                        kind = 'text'
                    else:
                        value = c.find(m + 'v').text
                        kind = c.get('t', 'n')
                    row.append({'v': value, 'kind': kind, 'bold': fonts[xfs[s][0]], 'format': xfs[s][1]})
                rows.append(row)
            cols = [float(c.get('width')) for c in sheet.find(m + 'cols')]
            print(json.dumps({'rows': rows, 'cols': cols, 'sheet': book.find(m + 'sheets')[0].get('name'),
                              'names': z.namelist()}, ensure_ascii=False))
            """
        let data = s.tool(["python3", "-c", script, path])
        let book = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(book["sheet"] as? String == "2026年汇总名册")
        let rows = try #require(book["rows"] as? [[[String: Any]]])
        // The title, the header, two people; the log head is in the footer, not a row.
        #expect(rows.count == 4)
        #expect(!rows.flatMap { $0 }.contains { ($0["v"] as? String)?.hasPrefix("变更日志头") == true })
        #expect((rows[0].first?["v"] as? String)?.hasPrefix("2026年度常州市") == true)
        #expect(rows[1].allSatisfy { $0["bold"] as? Bool == true && $0["kind"] as? String == "text" })
        #expect(rows[1].map { $0["v"] as? String } .first == "序号")
        let lisi = try #require(rows.first { $0[3]["v"] as? String == "李四" })
        #expect(lisi[6]["v"] as? String == b && lisi[6]["kind"] as? String == "text" && lisi[6]["format"] as? String == "49")
        #expect(lisi[13]["v"] as? String == "2023年06月；2025年06月" && lisi[13]["kind"] as? String == "text")
        #expect(lisi[0]["kind"] as? String == "n" && lisi[1]["bold"] as? Bool == false)
        let zhang = try #require(rows.first { $0[3]["v"] as? String == "张三" })
        #expect(zhang[12]["v"] as? String == "320400000000000123")
        let cols = try #require(book["cols"] as? [Double])
        #expect(cols.count == 20)
        #expect(cols[6] >= 18 && cols[0] < cols[6])
    }

    @Test("a backup taken while another process holds a write, then restored")
    func backupDuringWrite() throws {
        let s = Sandbox()
        try seed(s)
        // The writer holds its transaction open until its standard input closes.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute('BEGIN IMMEDIATE')
            c.execute("INSERT INTO grdb_migrations VALUES ('9999_uncommitted')")
            print('writing', flush=True)
            sys.stdin.read()
            """, s.db]
        let pipe = Pipe(), control = Pipe()
        holder.standardOutput = pipe
        holder.standardInput = control
        try holder.run()
        _ = pipe.fileHandleForReading.availableData
        let backup = s.folder + "/backup.sqlite"
        let result = s.run("backup", backup)
        // The writer is still in its transaction: a write now is refused as busy.
        #expect(s.run(["unit", "add", "写不进去"], environment: ["GONGQIN_BUSY_TIMEOUT": "0.5"]).code == 75)
        try control.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(result.code == 0, "\(result.err)")
        let mode = try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(s.fails(65, "backup", backup).contains("已存在"))
        // The backup holds what was committed, not the write in progress: it restores.
        let restored = s.folder + "/restored.sqlite"
        s.ok("unit", "add", "常州市某局", "--db", restored)
        s.ok("person", "add", "--id-number", IDs.make(sequence: 44), "--name", "新人", "--unit", "常州市某局", "--trade", "电工",
             "--work-start", "2010-01", "--db", restored)
        let out = s.ok("restore", backup, "--db", restored)
        #expect(out.contains("已用"))
        // The replaced database is kept, and the output says where.
        #expect(FileManager.default.fileExists(atPath: restored + ".before-restore"))
        #expect(out.contains(restored + ".before-restore"))
        #expect(s.ok("person", "list", "--db", restored + ".before-restore").contains("新人"))
        #expect(s.ok("export", "persons", "--db", restored) == s.ok("export", "persons"))
        #expect(s.ok("export", "roster", "--cycle", "2026", "--db", restored) == s.ok("export", "roster", "--cycle", "2026"))
    }

    @Test("restore refuses a corrupt file and a newer schema, and leaves the database alone")
    func restoreRefusals() throws {
        let s = Sandbox()
        try seed(s)
        let backup = s.folder + "/backup.sqlite"
        s.ok("backup", backup)
        var bytes = try #require(FileManager.default.contents(atPath: backup))
        let pages = bytes.count / 4096
        for page in 2..<pages where page % 2 == 0 {
            bytes.replaceSubrange(page * 4096 + 100..<page * 4096 + 400, with: Data(repeating: 0xA5, count: 300))
        }
        let corrupt = s.file("corrupt.sqlite", bytes: bytes)
        #expect(s.fails(65, "restore", corrupt).contains("损坏"))
        let newer = s.folder + "/newer.sqlite"
        s.ok("backup", newer)
        s.tool(["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"INSERT INTO grdb_migrations VALUES ('9999_future')\"); c.commit()", newer])
        #expect(s.fails(65, "restore", newer).contains("更新版本"))
        #expect(s.fails(66, "restore", s.file("junk.sqlite", String(repeating: "不是数据库", count: 900))).contains("无法读取"))
        s.fails(66, "restore", s.folder + "/missing.sqlite")
        #expect(!FileManager.default.fileExists(atPath: s.db + ".before-restore"))
    }

    /// Reads a CSV with Python's csv module, an independent reader.
    func parseCSV(_ s: Sandbox, _ path: String) throws -> [[String]] {
        let data = s.tool(["python3", "-c", """
            import csv, json, sys
            print(json.dumps(list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline=''))), ensure_ascii=False))
            """, path])
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String]])
    }
}

@Suite("the documentation of the import format")
struct ImportDocumentationTests {
    @Test("Documentation/IMPORT.md lists every column of every kind, with its flag name and Chinese label")
    func everyFieldDocumented() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
        let doc = try String(contentsOf: root.appendingPathComponent("Documentation/IMPORT.md"), encoding: .utf8)
        for kind in RecordKind.allCases {
            let section = try #require(doc.range(of: "### `\(kind.rawValue)`"), "\(kind)")
            let rest = doc[section.upperBound...]
            let end = rest.range(of: "\n### ")?.lowerBound ?? rest.endIndex
            for field in kind.fields {
                #expect(rest[..<end].contains("| `\(field.name)` | \(field.label) | \(field.required ? "是" : "") |"), "\(kind).\(field.name)")
            }
        }
    }
}
