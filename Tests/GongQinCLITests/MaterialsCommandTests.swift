import Foundation
import Testing

@Suite("materials, materials check, form and job, end to end")
struct MaterialsCommandTests {
    /// 张三: senior-ready in 2024 (电工, intermediate 2010); 王五: transferred from
    /// 汽车驾驶与管理 to 电工, holding 中级工 in both trades, with jobs and an award.
    func seeded() -> (Sandbox, senior: String, moved: String) {
        let s = Sandbox()
        s.today = "2024-01-10"
        s.seed()
        let senior = IDs.make(birth: "19800101", sequence: 11), moved = IDs.make(birth: "19800101", sequence: 15)
        s.person(senior, name: "张三", workStart: "2000-06")
        s.ok("cert", "add", senior, "--trade", "电工", "--grade", "junior", "--issued", "2003-06-01", "--number", "J-0306")
        s.ok("cert", "add", senior, "--trade", "电工", "--grade", "intermediate", "--issued", "2010-06-01", "--number", "M-1006")
        s.person(moved, name: "王五", trade: "汽车驾驶与管理", workStart: "2000-06")
        s.ok("cert", "add", moved, "--trade", "汽车驾驶与管理", "--grade", "junior", "--issued", "2004-06-01", "--number", "0401")
        s.ok("cert", "add", moved, "--trade", "汽车驾驶与管理", "--grade", "intermediate", "--issued", "2012-06-01", "--number", "1207")
        s.ok("transfer", "add", moved, "--to", "电工", "--date", "2021-03")
        s.ok("cert", "add", moved, "--trade", "电工", "--grade", "intermediate", "--issued", "2022-06-01", "--number", "2201", "--route", "transfer")
        s.ok("job", "add", moved, "--from", "2000-06", "--to", "2021-02", "--unit", "常州市某单位", "--post", "驾驶员")
        s.ok("job", "add", moved, "--from", "2021-03", "--unit", "常州市某局", "--post", "电工")
        s.ok("award", "add", moved, "--name", "嘉奖", "--date", "2019-12-01", "--issuer", "某局")
        for id in [senior, moved] {
            for year in 2014...2023 where year != 2020 || id == moved {
                s.ok("assessment", "add", id, "--year", String(year), "--result", "合格")
            }
            s.ok("education", "add", id, "--level", "高中", "--graduated", "1998-07")
        }
        return (s, senior, moved)
    }

    // MARK: materials ID

    @Test("materials ID --cycle --grade --module parses as the contract writes it; JSON is the contract's array")
    func listJSON() throws {
        let (s, senior, _) = seeded()
        let items = try #require(s.json("materials", senior, "--cycle", "2024", "--grade", "senior", "--module", "normal") as? [[String: Any]])
        #expect(items.map { $0["file"] as? String } == ["1审批表.pdf", "2身份证.pdf", "3照片.jpg", "4学历.pdf", "5年度考核.pdf", "6继续教育.pdf", "7原等级证书.pdf"])
        for key in ["number", "name", "file", "required", "note"] { #expect(items[0][key] != nil, "missing key \(key)") }
        #expect(items[0]["number"] as? Int == 1 && items[0]["name"] as? String == "审批表" && items[0]["required"] as? Bool == true)
        #expect((items[4]["note"] as? String)?.hasPrefix("2019–2023年度考核表，缺2020年") == true)
        #expect((items[6]["note"] as? String)?.contains("电工中级工证书（编号M-1006，2010-06-01发证）") == true)
        #expect(items.allSatisfy { $0["open"] as? Bool == true })
        // The same list through the named subcommand, with Chinese vocabulary.
        let named = try #require(s.json("materials", "list", senior, "--cycle", "2024", "--grade", "高级工", "--module", "正常") as? [[String: Any]])
        #expect(named.count == items.count)
        #expect(s.ok("materials", senior, "--cycle", "2024", "--grade", "senior", "--module", "normal", "--format", "csv")
            .hasPrefix("number,name,file,required,note,"))
    }

    @Test("the table: numbered items, the gaps, and a note at the top when the option is not open")
    func listTable() throws {
        let (s, senior, moved) = seeded()
        let table = s.ok("materials", senior, "--cycle", "2024", "--grade", "senior", "--module", "normal")
        #expect(table.contains("7     7原等级证书.pdf  必需"))
        #expect(table.contains("序号空缺（不适用于本人）：8破格申请"))
        #expect(!table.contains("注意："))
        let technician = s.ok("materials", moved, "--cycle", "2024", "--grade", "technician", "--module", "normal")
        #expect(technician.contains("注意：王五2024年按电工技师·正常申报不可申报"))
        #expect(technician.contains("✗ G1 须知·一·表："))
        #expect(technician.contains("16上岗证.pdf") && technician.contains("序号空缺（不适用于本人）：14安全行车证明"))
        #expect(technician.contains("须参加技师选拔考试（2024-06-22）"))
        // JSON keeps the array; the note goes to stderr.
        let json = s.run(["materials", moved, "--cycle", "2024", "--grade", "technician", "--module", "normal", "--format", "json"])
        #expect(json.code == 0)
        #expect(json.err.contains("不可申报") && json.err.contains("G1"))
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(items.allSatisfy { $0["open"] as? Bool == false })
    }

    @Test("a combination the notice has no list for is refused with its rule; bad input with its code")
    func refusals() {
        let (s, senior, _) = seeded()
        #expect(s.fails(1, "materials", senior, "--cycle", "2024", "--grade", "technician", "--module", "transfer").contains("T3"))
        #expect(s.fails(1, "materials", senior, "--cycle", "2024", "--grade", "senior-technician", "--module", "review").contains("V0"))
        #expect(s.fails(1, "materials", senior, "--cycle", "2024", "--grade", "junior", "--module", "early").contains("E2"))
        s.fails(64, "materials", senior, "--cycle", "2024", "--grade", "大师", "--module", "normal")
        s.fails(64, "materials", senior, "--cycle", "2024", "--grade", "senior")
        s.fails(65, "materials", IDs.make(sequence: 99), "--cycle", "2024", "--grade", "senior", "--module", "normal")
        #expect(s.fails(65, "materials", senior, "--cycle", "2024", "--grade", "senior", "--module", "exceptional", "--condition", "nope")
            .contains("未找到破格条件"))
    }

    /// Each item's note as the clerk reads it (Wording/CoreWording.swift words Core's typed
    /// `MaterialNote`): in JSON, CSV and the table, a gap's marks, the line of an option not
    /// open, the deadline as of today (D1), the selection exam (D2) and the exceptional
    /// request (X1, X2). CoreWordingTests words every kind of note on its own.
    @Test("the notes: each item's words, in every format, as the records and today give them")
    func notes() throws {
        let (s, senior, moved) = seeded()
        let deadline = "网上申报截止2024-04-15（等级工、技师），截止后系统关闭、不予补报，请预留被驳回后修改的时间（D1，须知·四·12）"
        let notes = [
            "在申报系统里将内容填写完整后下载，一式两份（F1，须知·五）；" + deadline,
            "张三，男，1980年1月1日生；原样复印、不放大，复印在A4纸中间（须知·六·5）",
            "近期2寸白底免冠照片（照片格式为jpg、大小不超过2M）；上传文件为jpg，不超过2MB",
            "高中（1998年07月毕业）：高中学历只需原件和复印件，不需认证材料（D5，须知·四·6）",
            "2019–2023年度考核表，缺2020年（A1，省·基线；须知·一(一)5；须知·二(一)5）",
            "所有继续教育证书或培训合格证明；未登记继续教育记录，请核对",
            "电工中级工证书（编号M-1006，2010-06-01发证）",
        ]
        let items = try #require(s.json("materials", senior, "--cycle", "2024", "--grade", "senior", "--module", "normal") as? [[String: Any]])
        #expect(items.map { $0["note"] as? String } == notes)
        let csv = s.ok("materials", senior, "--cycle", "2024", "--grade", "senior", "--module", "normal", "--format", "csv")
        #expect(csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[4] } == notes.map { Substring($0) })
        let table = s.ok("materials", senior, "--cycle", "2024", "--grade", "senior", "--module", "normal")
        #expect(notes.allSatisfy { table.contains($0) })
        #expect(table.contains("\n序号空缺（不适用于本人）：8破格申请（X：仅破格申报，或复核时使用破格条件）\n"))
        // A gap's file in the folder is named with the gap's note.
        var files = Self.clean
        files["8破格申请.pdf"] = Self.pdf
        let err = s.fails(1, "materials", "check", folder(s, files), "--person", senior, "--cycle", "2024", "--grade", "senior",
                          "--module", "normal")
        #expect(err.contains("“8破格申请.pdf”：第8项“破格申请”不适用于本人（X：仅破格申报，或复核时使用破格条件），请移出文件夹"))
        // After the deadline; a cycle whose deadline is reckoned, not published.
        let late = s.run(["materials", senior, "--cycle", "2024", "--grade", "senior", "--module", "normal", "--format", "json"],
                         environment: ["GONGQIN_TODAY": "2024-05-01"])
        #expect(late.out.contains("\"在申报系统里将内容填写完整后下载，一式两份（F1，须知·五）；"
            + "2024年网上申报已于2024-04-15截止（等级工、技师），不予补报（D1，须知·四·12）\""))
        let reckoned = try #require(s.json("materials", senior, "--cycle", "2026", "--grade", "senior", "--module", "normal") as? [[String: Any]])
        #expect(reckoned.first?["note"] as? String == "在申报系统里将内容填写完整后下载，一式两份（F1，须知·五）；"
            + "网上申报截止2026-04-15（等级工、技师），截止后系统关闭、不予补报，请预留被驳回后修改的时间（D1，须知·四·12）［推算］")
        // Technician: the exam (D2); the option not open, said first.
        let technician = s.ok("materials", moved, "--cycle", "2024", "--grade", "technician", "--module", "normal")
        #expect(technician.contains("\n注意：王五2024年按电工技师·正常申报不可申报（以下清单仅供准备材料参考），原因：\n"))
        #expect(technician.contains("在申报系统里将内容填写完整后下载，一式两份（F1，须知·五）；" + deadline
            + "；须参加技师选拔考试（2024-06-22）；往年省综合评审未通过、重新申报的人员才可免考（D2，须知·四·10）"))
        // The exceptional request: the condition with its evidence (X2), an earlier use (X1), the earlier forms.
        let wu = IDs.make(birth: "19800808", sequence: 71)
        s.person(wu, name: "吴十", workStart: "2000-07")
        s.ok("cert", "add", wu, "--trade", "电工", "--grade", "junior", "--issued", "2003-06-01")
        s.ok("cert", "add", wu, "--trade", "电工", "--grade", "intermediate", "--issued", "2021-06-01")
        for year in 2014...2023 {
            s.ok("assessment", "add", wu, "--year", String(year), "--result", (2021...2022).contains(year) ? "优秀" : "合格")
        }
        s.ok("education", "add", wu, "--level", "高中", "--graduated", "1998-07")
        s.ok("exceptional", "record", wu, "--condition", "merit-award", "--year", "2010", "--grade", "intermediate")
        let exceptional = try #require(s.json("materials", wu, "--cycle", "2024", "--grade", "senior", "--module", "exceptional")
            as? [[String: Any]])
        #expect(exceptional.last?["note"] as? String
            == "使用破格条件：连续两年年度考核优秀，证明：2021、2022年连续两年年度考核优秀（X2，须知·四·8；须知·一(五)4）；"
            + "已使用过：merit-award（2010年中级工（历史审批表）），每类终身只能使用一次（X1，须知·四·8）；"
            + "附前几个等级的审批表以查验破格条件使用情况：初级工（2003年，电工）、中级工（2021年，电工）（须知·四·8）")
    }

    // MARK: materials check DIR

    func folder(_ s: Sandbox, _ files: [String: [UInt8]]) -> String {
        let dir = s.folder + "/scans-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, bytes) in files { #expect(FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(bytes))) }
        return dir
    }

    static let pdf = Array("%PDF-1.7\n%\u{E2}\u{E3}\n".utf8)
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10]
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static let clean: [String: [UInt8]] = [
        "1审批表.pdf": pdf, "2身份证.pdf": pdf, "3照片.jpg": jpeg, "4学历.pdf": pdf, "5年度考核.pdf": pdf, "6继续教育.pdf": pdf,
        "7原等级证书.pdf": pdf,
    ]

    @Test("a clean folder exits 0 and says it is ready; system files are notices")
    func cleanFolder() throws {
        let (s, senior, _) = seeded()
        var files = Self.clean
        files[".DS_Store"] = [0, 0, 0, 1]
        files["Thumbs.db"] = [0xD0, 0xCF]
        let dir = folder(s, files)
        let out = s.ok("materials", "check", dir, "--person", senior, "--cycle", "2024", "--grade", "senior", "--module", "normal")
        #expect(out.contains("✓ 1审批表.pdf") && out.contains("✓ 7原等级证书.pdf"))
        #expect(out.contains("提示：“.DS_Store”是系统自动生成的文件") && out.contains("提示：“Thumbs.db”"))
        #expect(out.contains("共9个文件，7项材料齐全、命名正确，可以上传（另有2条提示）"))
        let report = try #require(s.json("materials", "check", dir, "--person", senior, "--cycle", "2024", "--grade", "senior",
                                         "--module", "normal") as? [String: Any])
        #expect(report["ready"] as? Bool == true)
        #expect((report["problems"] as? [Any])?.isEmpty == true)
        #expect((report["notices"] as? [Any])?.count == 2)
    }

    @Test("each problem kind on a line of its own, then a summary; exit 1; the database untouched")
    func problemFolder() throws {
        let (s, senior, _) = seeded()
        var files = Self.clean
        files["6继续教育.pdf"] = nil                      // missing
        files["2身份证.PDF"] = Self.pdf                   // two files for one number
        files["5年度考核.pdf"] = nil
        files["5年度考核表.pdf"] = Self.pdf               // the wrong short name
        files["7原等级证书.pdf"] = nil
        files["8原等级证书.pdf"] = Self.pdf               // the wrong number
        files["扫描001.pdf"] = Self.pdf                  // unexpected
        files["1审批表.pdf"] = Self.png                   // not a PDF
        files["4学历.pdf"] = []                           // empty
        files["3照片.jpg"] = Self.jpeg + [UInt8](repeating: 0, count: 2 * 1024 * 1024)  // over 2 MB
        files[".DS_Store"] = [0, 0, 0, 1]                  // a notice
        let dir = folder(s, files)
        let err = s.fails(1, "materials", "check", dir, "--person", senior, "--cycle", "2024", "--grade", "senior", "--module", "normal")
        let lines = err.split(separator: "\n").map(String.init)
        let expected = [
            "“1审批表.pdf”不是真正的PDF（PDF文件以 %PDF- 开头，这个文件实际是PNG图片）",
            "第2项有2个文件：“2身份证.PDF”“2身份证.pdf”",
            "照片“3照片.jpg”大小2.0MB（2097158字节），超过2MB",
            "“4学历.pdf”是空文件（0字节）",
            "“5年度考核表.pdf”简称不对：第5项的简称是“年度考核”，应命名为“5年度考核.pdf”",
            "缺少第6项“6继续教育.pdf”",
            "“8原等级证书.pdf”序号不对：“原等级证书”是第7项，应命名为“7原等级证书.pdf”",
            "“扫描001.pdf”不是本清单的材料",
            "提示：“.DS_Store”是系统自动生成的文件",
        ]
        for phrase in expected {
            #expect(lines.filter { $0.contains(phrase) }.count == 1, "no single line says \(phrase): \(err)")
        }
        #expect(lines.last?.hasPrefix("不符合规定：材料文件夹") == true)
        #expect(lines.last?.contains("有8处问题（缺项1，重复1，命名不对2，多余文件1，格式不符1，空文件1，照片过大1）") == true, "\(lines.last ?? "")")
        // JSON: the report on stdout, exit 1.
        let json = s.run(["materials", "check", dir, "--person", senior, "--cycle", "2024", "--grade", "senior", "--module", "normal",
                          "--format", "json"])
        #expect(json.code == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(report["ready"] as? Bool == false)
        let kinds = Set(((report["problems"] as? [[String: Any]]) ?? []).compactMap { $0["kind"] as? String })
        #expect(kinds == ["missing", "duplicate", "misnamed", "unexpected", "wrong-content", "empty", "photo-too-large"])
    }

    @Test("a folder that does not exist, or is a file, exits 66")
    func missingFolder() {
        let (s, senior, _) = seeded()
        #expect(s.fails(66, "materials", "check", s.folder + "/none", "--person", senior, "--cycle", "2024", "--grade", "senior",
                        "--module", "normal").contains("不存在"))
        #expect(s.fails(66, "materials", "check", s.db, "--person", senior, "--cycle", "2024", "--grade", "senior",
                        "--module", "normal").contains("不是文件夹"))
    }

    @Test("file names are read in Unicode NFC: a decomposed name is reported composed")
    func nfc() throws {
        let (s, senior, _) = seeded()
        var files = Self.clean
        files["Re\u{301}sume\u{301}.pdf"] = Self.pdf
        let dir = folder(s, files)
        let err = s.fails(1, "materials", "check", dir, "--person", senior, "--cycle", "2024", "--grade", "senior", "--module", "normal")
        let composed = Array("“R\u{E9}sum\u{E9}.pdf”".utf8)
        #expect(Array(err.utf8).indices.contains { Array(err.utf8).dropFirst($0).starts(with: composed) })
    }

    @Test("full-width digits in a file name are read as ASCII (NFKC): ６继续教育.pdf is item 6")
    func fullWidthNames() throws {
        let (s, senior, _) = seeded()
        var files = Self.clean
        files["6继续教育.pdf"] = nil
        files["６继续教育.pdf"] = Self.pdf
        let dir = folder(s, files)
        let out = s.ok("materials", "check", dir, "--person", senior, "--cycle", "2024", "--grade", "senior", "--module", "normal")
        #expect(out.contains("7项材料齐全"), "\(out)")
    }

    // MARK: form

    @Test("form: a transferred worker, the certificates side by side; jobs; awards")
    func formTransferred() throws {
        let (s, _, moved) = seeded()
        let text = s.ok("form", moved, "--cycle", "2024", "--grade", "senior", "--module", "normal")
        for line in ["隶属            常州市", "出生年月        1980年01月", "性别            男", "原持证技术工种  汽车驾驶与管理、电工",
                     "证书号码        1207、2201", "取证时间        2012年06月、2022年06月", "申报考评工种    电工",
                     "2000年06月-2021年02月 常州市某单位驾驶员", "2021年03月-  常州市某局电工", "2019年12月某局嘉奖"] {
            #expect(text.contains(line), "missing \(line)")
        }
        let form = try #require(s.json("form", moved, "--cycle", "2024", "--grade", "senior", "--module", "normal") as? [String: Any])
        #expect(form["affiliation"] as? String == "常州市")
        #expect((form["heldCertificates"] as? [[String: Any]])?.map { $0["number"] as? String } == ["1207", "2201"])
        #expect(form["achievements"] as? [String] == ["2019年12月某局嘉奖"])
        #expect(form["achievementsAreRemark"] as? Bool == false)
    }

    @Test("form without awards: the employer remark, configurable and never empty")
    func formRemark() throws {
        let (s, senior, _) = seeded()
        let first = try #require(s.json("form", senior, "--cycle", "2024", "--grade", "senior", "--module", "normal") as? [String: Any])
        #expect(first["achievements"] as? [String] == ["该同志工作认真负责，积极主动，刻苦钻研业务，较好地完成了各项工作任务。"])
        #expect(first["workHistory"] as? [String] == ["2000年06月-  常州市某局电工"])
        #expect((first["notes"] as? [String])?.contains { $0.contains("未登记工作经历") } == true)
        #expect(s.fails(65, "form", "remark", "set", "  ").contains("不能为空"))
        s.ok("form", "remark", "set", "该同志爱岗敬业，服从安排。")
        #expect(s.ok("form", "remark", "show").contains("该同志爱岗敬业，服从安排。"))
        let second = try #require(s.json("form", senior, "--cycle", "2024", "--grade", "senior", "--module", "normal") as? [String: Any])
        #expect(second["achievements"] as? [String] == ["该同志爱岗敬业，服从安排。"])
        let third = try #require(s.json("form", senior, "--cycle", "2024", "--grade", "senior", "--module", "normal", "--remark", "该同志踏实肯干。")
            as? [String: Any])
        #expect(third["achievements"] as? [String] == ["该同志踏实肯干。"])
        s.fails(65, "form", senior, "--cycle", "2024", "--grade", "senior", "--module", "normal", "--remark", "")
        s.fails(1, "form", senior, "--cycle", "2024", "--grade", "technician", "--module", "transfer")
    }

    @Test("job add, list, end; person show prints the jobs; overlaps refused")
    func jobs() throws {
        let (s, senior, _) = seeded()
        s.ok("job", "add", senior, "--from", "2000-06", "--unit", "常州市某单位", "--post", "驾驶员")
        #expect(s.fails(65, "job", "add", senior, "--from", "2012-04", "--unit", "常州市某局", "--post", "电工").contains("job end"))
        #expect(s.ok("job", "end", senior, "--to", "2012-03").contains("2000年06月-2012年03月 常州市某单位驾驶员"))
        s.ok("job", "add", senior, "--from", "2012-04", "--unit", "常州市某局", "--post", "电工")
        s.fails(65, "job", "add", senior, "--from", "2011-01", "--to", "2013-01", "--unit", "常州市某局", "--post", "电工")
        s.fails(65, "job", "add", senior, "--from", "1990-01", "--to", "1991-01", "--unit", "常州市某局", "--post", "电工")
        let jobs = try #require(s.json("job", "list", senior) as? [[String: Any]])
        #expect(jobs.map { $0["line"] as? String } == ["2000年06月-2012年03月 常州市某单位驾驶员", "2012年04月-  常州市某局电工"])
        #expect(jobs[1]["to"] is NSNull)
        #expect(s.ok("person", "show", senior).contains("工作经历："))
    }

    @Test("form gives the F1 fields for every person in the demo database")
    func demo() throws {
        let s = Sandbox()
        s.today = "2025-11-26"
        let db = s.folder + "/demo.sqlite"
        s.ok("demo", "--db", db, "--format", "json")
        let people = try #require(s.json("person", "list", "--db", db) as? [[String: Any]])
        let eligible = try #require(s.json("eligible", "--cycle", "next", "--db", db) as? [[String: Any]])
        #expect(people.count > 30)
        var drafts = people.map { ($0["idNumber"] as! String, "intermediate", "normal") }
        drafts += eligible.map { ($0["idNumber"] as! String, $0["grade"] as! String, $0["module"] as! String) }
        for (id, grade, module) in drafts {
            let form = try #require(s.json("form", id, "--db", db, "--cycle", "2026", "--grade", grade, "--module", module) as? [String: Any],
                                    "\(id) \(grade) \(module)")
            #expect(form["affiliation"] as? String == "常州市")
            #expect((form["birthMonth"] as? String)?.hasSuffix("月") == true)
            #expect(!((form["workHistory"] as? [String]) ?? []).isEmpty)
            #expect(!((form["achievements"] as? [String]) ?? [""]).contains { $0.isEmpty })
            #expect(!((form["achievements"] as? [String]) ?? []).isEmpty)
        }
        // And the materials list for every open option.
        for line in eligible {
            let r = s.run(["materials", line["idNumber"] as! String, "--db", db, "--cycle", "2026", "--grade", line["grade"] as! String,
                           "--module", line["module"] as! String, "--format", "json"])
            #expect(r.code == 0 && r.err.isEmpty, "\(r.err)")
        }
    }
}
