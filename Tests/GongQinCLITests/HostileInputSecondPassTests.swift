import Foundation
import GRDB
import Testing

/// Issue 24, second pass: zip bombs and other hostile workbooks, text shown escaped, ID
/// numbers masked in any spelling, look-alike characters, sizes, special files, write
/// failures of the .xlsx export, and the record number of a use in `audit`.
@Suite("hostile input, second pass: workbooks, display, masking, look-alikes, limits, special files")
struct HostileInputSecondPassTests {
    static let xlsx = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Corpus/hostile/xlsx.py").standardized.path

    /// A hostile workbook of Tests/Corpus/hostile/xlsx.py.
    static func workbook(_ s: Sandbox, _ kind: String, megabytes: Int? = nil) -> String {
        let path = s.folder + "/\(kind).xlsx"
        let made = HostileInputTests.python([xlsx, kind, path] + (megabytes.map { [String($0)] } ?? []))
        #expect(made.code == 0, "xlsx.py \(kind)")
        return path
    }

    /// Runs gongqin through bash with `limits` (ulimit …) and a time limit; its exit code,
    /// stderr and the seconds it took.
    static func limited(_ s: Sandbox, _ limits: String, _ arguments: [String], seconds: Int = 20,
                        environment: String = "") -> (code: Int32, err: String, elapsed: Double) {
        let line = arguments.map { "'\($0)'" }.joined(separator: " ")
        let start = Date()
        let r = s.run(["__bash__", "\(limits); GONGQIN_DB='\(s.db)' \(environment) timeout \(seconds) '\(Sandbox.binary)' \(line) 2>&1 >/dev/null"])
        return (r.code, r.out, Date().timeIntervalSince(start))
    }

    // MARK: 1. Workbooks

    @Test("a zip bomb, a sheet bomb, a stream cut short, entity expansion, 300 columns, a 2-million-character cell: 65, fast, in bounded memory, nothing written")
    func hostileWorkbooks() throws {
        let s = HostileInputTests.base()
        let before = s.snapshot()
        let cases: [(kind: String, megabytes: Int?, says: String)] = [
            ("strings-bomb", 200, "倍"), ("sheet-bomb", 200, "1048576"), ("truncated", nil, "无法"),
            ("entities", nil, "无法解析"), ("wide", nil, "超过200列"), ("long-cell", nil, "第2行第2列超过1000个字"),
        ]
        for c in cases {
            let file = Self.workbook(s, c.kind, megabytes: c.megabytes)
            // 1 GB of address space: a normal import needs under 200 MB; the unbounded reader
            // of issue 24 took 2.5 GB on the first of these.
            let r = Self.limited(s, "ulimit -v 1000000", ["import", "persons", file])
            #expect(r.code == 65, "\(c.kind) → \(r.code): \(r.err.prefix(300))")
            #expect(r.err.contains(c.says), "\(c.kind): \(r.err.prefix(300))")
            #expect(r.err.split(separator: "\n").count == 1 && r.err.utf8.count < 600, "\(c.kind): not one short line: \(r.err.prefix(300))")
            #expect(r.elapsed < 10, "\(c.kind) took \(r.elapsed) s")
        }
        #expect(s.snapshot() == before, "a refused workbook wrote something")
    }

    @Test("an .xlsx is read and written without $TMPDIR: imports and exports with it unusable")
    func noTemporaryFiles() throws {
        let s = HostileInputTests.base()
        let book = s.folder + "/persons.xlsx"
        let exported = s.run(["export", "persons", "--output", book], environment: ["TMPDIR": s.folder + "/missing"])
        #expect(exported.code == 0, "\(exported.err)")
        let imported = s.run(["import", "persons", book, "--update"], environment: ["TMPDIR": s.folder + "/missing"])
        #expect(imported.code == 0, "\(imported.err)")
        #expect(imported.out.contains("未变1条"), "\(imported.out)")
    }

    // MARK: 7. Write failures of the .xlsx export

    @Test("an .xlsx export that cannot be finished exits 74 naming the --output path, leaving nothing")
    func workbookWriteFailure() throws {
        let s = Sandbox()
        s.seed()
        let units = s.folder + "/units.csv"
        let rows = (0..<3000).map { "常州市第\($0)号名称很长很长很长很长的单位,常州市某主管局" }
        #expect(FileManager.default.createFile(atPath: units, contents: Data((["name,department"] + rows).joined(separator: "\n").utf8)))
        s.ok("import", "units", units)
        try FileManager.default.createDirectory(atPath: s.folder + "/out", withIntermediateDirectories: true)
        let target = s.folder + "/out/units.xlsx"
        let r = Self.limited(s, "ulimit -f 100", ["export", "units", "--output", target])
        #expect(r.code == 74, "\(r.err)")
        #expect(r.err.contains("“\(target)”"), "the error names the output: \(r.err)")
        #expect(!r.err.contains(".parts") && !r.err.contains("rows.xml"), "the error names a working file: \(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.folder + "/out").isEmpty, "something was left behind")
        // Into a folder that does not exist: 66, and nothing is created.
        #expect(s.run("export", "units", "--output", s.folder + "/nowhere/units.xlsx").code == 66)
        #expect(!FileManager.default.fileExists(atPath: s.folder + "/nowhere"))
    }

    // MARK: 2. What output shows

    @Test("materials check shows a file name's control and direction characters escaped: no screen cleared, no line forged")
    func materialsNamesEscaped() throws {
        let s = HostileInputTests.base()
        let dir = s.folder + "/scans"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for name in ["1审批表.pdf", "\u{1B}[2J\u{1B}[31m2身份证.pdf", "3照片.jpg\n✓ 全部正确", "4学历\u{202E}fdp.pdf"] {
            #expect(FileManager.default.createFile(atPath: dir + "/" + name, contents: Data("%PDF-1.4".utf8)))
        }
        let args = ["materials", "check", dir, "--person", HostileInputTests.id, "--cycle", "2026", "--grade", "高级工", "--module", "破格"]
        for format in ["table", "json"] {
            let r = s.run(args + ["--format", format])
            #expect(r.code == 1)
            let all = r.out + r.err
            #expect(!all.unicodeScalars.contains("\u{1B}") && !all.unicodeScalars.contains("\u{202E}"), "\(format): a raw control reached the terminal")
            #expect(!all.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("✓ 全部正确") },
                    "\(format): a forged line")
            if format == "table" {
                #expect(r.err.contains("<U+001B>[2J<U+001B>[31m2身份证.pdf") && r.err.contains("3照片.jpg<U+000A>✓ 全部正确")
                        && r.err.contains("4学历<U+202E>fdp.pdf"), "\(r.err)")
            }
        }
    }

    @Test("text stored outside gongqin is shown escaped in tables, lines and errors; JSON keeps its own escapes")
    func storedTextEscaped() throws {
        let s = Sandbox()
        s.seed()
        s.ok("unit", "add", "常州市乙局")
        try Self.writeAsHostileClient(s.db, "UPDATE unit SET name = ? WHERE name = '常州市乙局'", ["乙局\u{1B}[2J\n伪造行\u{202E}"])
        let table = s.ok("unit", "list")
        #expect(!table.unicodeScalars.contains("\u{1B}") && !table.contains("\n伪造行"), "\(table)")
        #expect(table.contains("乙局<U+001B>[2J<U+000A>伪造行<U+202E>"), "\(table)")
        let json = s.ok("unit", "list", "--format", "json")
        #expect(json.contains("\\u001b[2J\\n伪造行<U+202E>"), "\(json)")
        let person = s.run("person", "add", "--id-number", IDs.make(sequence: 5), "--name", "张三", "--unit", "乙局", "--trade", "电工",
                           "--work-start", "2005-07")
        #expect(person.code == 65 && !person.err.unicodeScalars.contains("\u{1B}"), "\(person.err)")
    }

    @Test("a forecast names a person whose stored unit holds controls: its JSON shows them escaped, and other people as they are")
    func forecastJSONEscapesStoredText() throws {
        let s = Sandbox()
        s.today = "2026-11-26"
        s.seed()
        s.ok("unit", "add", "常州市乙局")
        // Two people who open 初级工 in every cycle (G1), one of them in the unit renamed below.
        s.ok("person", "add", "--id-number", IDs.make(sequence: 5), "--name", "张三", "--unit", "常州市乙局", "--trade", "电工",
             "--work-start", "2020-07")
        s.ok("person", "add", "--id-number", IDs.make(sequence: 6), "--name", "李四", "--unit", "常州市某局", "--trade", "电工",
             "--work-start", "2020-07")
        let plain = s.ok("forecast", "--format", "json")
        #expect(plain.contains("\"name\":\"李四\",\"unit\":\"常州市某局\"}"), "\(plain)")
        try Self.writeAsHostileClient(s.db, "UPDATE unit SET name = ? WHERE name = '常州市乙局'", ["乙局\u{1B}[2J\n伪造行\u{202E}"])
        let json = s.ok("forecast", "--format", "json")
        #expect(!json.unicodeScalars.contains("\u{1B}") && !json.unicodeScalars.contains("\u{202E}"), "a raw control reached the output")
        #expect(json.contains("\"unit\":\"乙局\\u001b[2J\\n伪造行<U+202E>\"}"), "\(json)")
        #expect(json.contains("\"name\":\"李四\",\"unit\":\"常州市某局\"}"), "\(json)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(rows.count == 5 && rows.allSatisfy { ($0["idNumbers"] as? [String])?.count == 2 }, "\(rows)")
    }

    /// Runs `sql` on the database at `path` as a hostile client would: with stand-ins for
    /// the functions the log triggers call, so that the write gets past them.
    static func writeAsHostileClient(_ path: String, _ sql: String, _ arguments: StatementArguments) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            for name in ["gongqin_actor", "gongqin_command", "gongqin_bulk_table"] {
                db.add(function: DatabaseFunction(name, argumentCount: 0, pure: false) { _ in name == "gongqin_bulk_table" ? nil : "x" })
            }
            db.add(function: DatabaseFunction("gongqin_chain_hash", argumentCount: -1, pure: false) { _ in "x" })
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.write { db in try db.execute(sql: sql, arguments: arguments) }
    }

    // MARK: 3. Masking

    /// `id` in full-width digits (and Ｘ).
    static func fullWidth(_ id: String) -> String {
        String(id.unicodeScalars.map { c in
            Character(Unicode.Scalar(c == "X" ? 0xFF38 : c.value - 0x30 + 0xFF10)!)
        })
    }

    @Test("an ID in full-width digits, with spaces or dashes, in a note or a school: masked in log, notes and errors unless --reveal")
    func maskingEverySpelling() throws {
        let s = Sandbox()
        s.today = "2026-03-01"
        s.seed()
        let id = IDs.make(birth: "19800312", sequence: 123)
        let wide = Self.fullWidth(id)
        s.ok("person", "add", "--id-number", wide, "--name", "张三", "--unit", "常州市某局", "--trade", "电工", "--work-start", "2000-07")
        let spaced = id.prefix(6) + " " + id.dropFirst(6).prefix(8) + " " + id.suffix(4)
        let dashed = id.prefix(6) + "-" + id.dropFirst(6).prefix(8) + "-" + id.suffix(4)
        s.ok("education", "add", id, "--level", "高中", "--graduated", "1998-07", "--school", "学号\(id)中学")
        s.ok("exceptional", "record", id, "--condition", "excellent-two-years", "--year", "2016", "--grade", "中级工",
             "--note", "审批表 \(spaced)")
        let middle = String(id.dropFirst(6).prefix(8))
        let wideMiddle = String(wide.dropFirst(6).prefix(8))
        for output in [s.ok("log"), s.ok("log", "--format", "json"), s.ok("log", "--format", "csv")] {
            #expect(!output.contains(wideMiddle), "a full-width ID in the stored command line: \(output.prefix(2000))")
        }
        let log = s.ok("log")
        #expect(!log.contains(middle), "an ID in the log's contents: \(log)")
        #expect(s.ok("log", "--reveal").contains(middle))
        let uses = s.ok("exceptional", "list")
        #expect(!uses.contains(middle) && uses.contains("审批表 \(id.prefix(6)) ******** \(id.suffix(4))"), "\(uses)")
        #expect(s.ok("exceptional", "list", "--reveal").contains(String(spaced)))
        #expect(!s.ok("education", "list", id).contains(middle))
        // Errors that echo what was typed.
        let wrong = String(id.dropLast()) + (id.last == "1" ? "2" : "1")
        let wrongMiddle = String(wrong.dropFirst(6).prefix(8))
        for typed in [String(wrong.prefix(6) + "-" + wrongMiddle + "-" + wrong.suffix(4)),
                      String(wrong.prefix(6) + " " + wrongMiddle + " " + wrong.suffix(4)), Self.fullWidth(wrong)] {
            let err = s.fails(65, "person", "show", typed)
            #expect(!err.contains(wrongMiddle) && !err.contains(Self.fullWidth(wrongMiddle)), "\(typed): \(err)")
        }
        #expect(s.run("person", "show", String(dashed.dropLast()) + "0", "--reveal").err.contains(String(dashed.dropLast())))
    }

    // MARK: 4. Look-alikes

    @Test("direction overrides, zero-width characters and line separators are refused in names, typed and imported")
    func lookAlikesRefused() {
        let s = Sandbox()
        s.seed()
        for c in ["\u{202A}", "\u{202E}", "\u{2066}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}", "\u{200B}", "\u{200D}",
                  "\u{2060}", "\u{FEFF}", "\u{2028}", "\u{2029}"] {
            let err = s.fails(65, "unit", "add", "常州\(c)市某局")
            #expect(err.contains("不可见的格式字符"), "\(err)")
            s.fails(65, "person", "add", "--id-number", IDs.make(sequence: 9), "--name", "张\(c)三", "--unit", "常州市某局",
                    "--trade", "电工", "--work-start", "2005-07")
        }
        let file = s.file("units.csv", "name,department\n常州市\u{202E}局乙,某局\n")
        let err = s.fails(65, "import", "units", file)
        #expect(err.contains("第2行第1列") && err.contains("U+202E"), "\(err)")
        #expect(!s.ok("unit", "list").contains("局乙"))
    }

    // MARK: 5. Sizes

    @Test("a header of a million columns, a note of 20 million characters, a name or a note over its limit: 65, one short line")
    func sizesRefused() throws {
        let s = HostileInputTests.base()
        let id = HostileInputTests.id
        let header = s.file("wide.csv", (0..<1_000_000).map { "c\($0)" }.joined(separator: ",") + "\n")
        let start = Date()
        let wide = s.fails(65, "import", "persons", header)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(wide.contains("超过200列") && wide.utf8.count < 400, "\(wide.prefix(500))")
        // A bad header of 150 columns: the first few problems and a count, on one line.
        let bad = s.fails(65, "import", "persons", s.file("bad.csv", (0..<150).map { "列\($0)" }.joined(separator: ",") + "\n"))
        #expect(bad.contains("……共") && bad.utf8.count < 1000, "\(bad)")
        let note = s.file("note.csv", "id-number,condition,year,grade,note\n\(id),college-degree,2018,中级工,\(String(repeating: "长", count: 20_000_000))\n")
        #expect(s.fails(65, "import", "exceptional", note).contains("第2行第5列超过1000个字"))
        #expect(!s.ok("exceptional", "list", "--format", "json").contains("college-degree"))
        #expect(s.fails(65, "exceptional", "record", id, "--condition", "college-degree", "--year", "2018", "--grade", "中级工",
                        "--note", String(repeating: "长", count: 1001)).contains("上限1000个字"))
        #expect(s.fails(65, "application", "set-status", "1", "returned", "--note", String(repeating: "长", count: 1001))
                    .contains("上限1000个字"))
        #expect(s.fails(65, "unit", "add", String(repeating: "单", count: 201)).contains("上限200个字"))
        #expect(s.fails(65, "award", "add", id, "--name", String(repeating: "奖", count: 101), "--date", "2020-01-01").contains("上限100个字"))
        // A file over 1 GB (sparse: it takes no room) is refused before it is read.
        let big = s.folder + "/big.csv"
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: big))
        try handle.truncate(atOffset: (1 << 30) + 1)
        try handle.close()
        #expect(s.fails(65, "import", "persons", big).contains("上限1024 MB"))
    }

    // MARK: 6. Special files

    @Test("a FIFO, a device or a folder as an import or policy file exits 65 at once, never read")
    func specialInputs() throws {
        let s = Sandbox()
        s.seed()
        let fifo = s.folder + "/persons.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        for args in [["import", "persons", fifo], ["import", "persons", "/dev/zero"], ["import", "persons", s.folder],
                     ["policy", "load", fifo], ["policy", "load", "/dev/zero"], ["import", "persons", "/dev/zero", "--encoding", "gb18030"]] {
            let r = Self.limited(s, ":", args, seconds: 10)
            #expect(r.code == 65, "\(args.joined(separator: " ")) → \(r.code): \(r.err)")
            #expect(r.err.contains("不是普通文件"), "\(r.err)")
        }
    }

    // MARK: 10a. A use's record number in audit

    @Test("audit and exceptional record give each use its record number, the one exceptional update takes")
    func auditNumbers() throws {
        let s = HostileInputTests.base()
        let id = HostileInputTests.id
        let recorded = try #require(s.json("exceptional", "record", id, "--condition", "college-degree", "--year", "2016",
                                            "--grade", "中级工") as? [String: Any])
        let number = try #require(recorded["id"] as? Int)
        #expect(number > 0)
        let listed = try #require(s.json("exceptional", "list") as? [[String: Any]])
        let audit = try #require(s.json("audit") as? [String: Any])
        let uses = try #require(audit["uses"] as? [[String: Any]])
        #expect(uses.count == 2)
        #expect(Set(uses.compactMap { $0["id"] as? Int }) == Set(listed.compactMap { $0["id"] as? Int }))
        #expect(!uses.contains { ($0["id"] as? Int) == 0 })
        #expect(s.ok("audit").contains("\n\(number)  "), "the table shows the number")
        s.ok("exceptional", "update", String(number), "--year", "2017")
    }
}
