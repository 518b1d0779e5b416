import Foundation
import Testing

/// `forecast` against `eligible`, person by person, and the `report` page: its counts,
/// its chart, its escaping and what a real browser makes of it (CLI.md, eligibility; RULES FC1).
@Suite("forecast and report, end to end")
struct ForecastReportTests {
    struct Option: Hashable {
        var grade: String
        var module: String
    }

    /// `eligible --cycle Y --format json`, as the people with each grade and module open, in
    /// the order `eligible` lists them.
    static func eligible(_ s: Sandbox, db: String, cycle: Int, sourceLocation: SourceLocation = #_sourceLocation) -> [Option: [String]] {
        let lines = s.json("eligible", "--cycle", String(cycle), "--db", db, sourceLocation: sourceLocation) as? [[String: Any]] ?? []
        var out: [Option: [String]] = [:]
        for line in lines {
            out[Option(grade: line["grade"] as! String, module: line["module"] as! String), default: []].append(line["idNumber"] as! String)
        }
        return out
    }

    /// `forecast --format json`, rows keyed by cycle.
    static func forecast(_ s: Sandbox, db: String, _ extra: [String] = []) -> [Int: [Option: (open: Int, new: Int, ids: [String])]] {
        let result = s.run(["forecast", "--db", db, "--format", "json"] + extra)
        #expect(result.code == 0, "\(result.err)")
        let rows = (try? JSONSerialization.jsonObject(with: Data(result.out.utf8))) as? [[String: Any]] ?? []
        var out: [Int: [Option: (open: Int, new: Int, ids: [String])]] = [:]
        for row in rows {
            #expect(Set(row.keys) == ["cycle", "grade", "module", "open", "new", "idNumbers", "people"], "keys: \(row.keys)")
            // `people` names the people `idNumbers` lists, in its order (CLI.md, JSON shapes).
            #expect((row["people"] as? [[String: String]])?.map { $0["idNumber"] ?? "" } == row["idNumbers"] as? [String])
            let option = Option(grade: row["grade"] as! String, module: row["module"] as! String)
            out[row["cycle"] as! Int, default: [:]][option] = (row["open"] as! Int, row["new"] as! Int, row["idNumbers"] as! [String])
        }
        return out
    }

    /// For every forecast year, the forecast's people of each grade and module are exactly
    /// `eligible`'s for that year, in `eligible`'s order, and its `new` counts exactly those open in none of the
    /// earlier years nor the current cycle (FC1). `eligible` applies FC1 by construction:
    /// it judges a future cycle from today's records, takes assessment years not yet over
    /// as 合格 (A1 passes them, 须届时合格) and uses the derived policy of a year without an
    /// official one; the forecast calls the same engine.
    static func agree(_ s: Sandbox, db: String, current: Int, cycles: [Int], extra: [String] = []) {
        let forecast = forecast(s, db: db, extra)
        #expect(Set(forecast.keys).isSubset(of: Set(cycles)), "forecast years \(forecast.keys.sorted()), expected within \(cycles)")
        var before: [Option: Set<String>] = eligible(s, db: db, cycle: current).mapValues(Set.init)
        var compared = 0
        for cycle in cycles {
            let expected = eligible(s, db: db, cycle: cycle)
            let rows = forecast[cycle] ?? [:]
            #expect(Set(rows.keys) == Set(expected.keys), "\(cycle): options \(rows.keys) vs eligible's \(expected.keys)")
            for (option, people) in expected {
                guard let row = rows[option] else { continue }
                #expect(Set(row.ids) == Set(people), "\(cycle) \(option): forecast and eligible name different people")
                #expect(row.ids == people, "\(cycle) \(option): forecast lists its people in another order than eligible")
                #expect(row.open == people.count, "\(cycle) \(option): counts differ")
                let new = Set(people).subtracting(before[option] ?? [])
                #expect(row.new == new.count, "\(cycle) \(option): new \(row.new), expected \(new.count)")
                compared += people.count
            }
            for (option, people) in expected { before[option, default: []].formUnion(people) }
        }
        #expect(compared > 0, "no open option in any forecast year: the comparison proves nothing")
    }

    @Test("forecast agrees with eligible for every forecast year, on the demo")
    func demoAgrees() {
        let s = Sandbox()
        let db = s.folder + "/demo.sqlite"
        #expect(s.run("demo", "--db", db).code == 0)
        // 2026-11-26: the current cycle is 2026's, the next five are 2028 … 2036.
        Self.agree(s, db: db, current: 2026, cycles: [2028, 2030, 2032, 2034, 2036])
        let table = s.ok("forecast", "--db", db, "--cycles", "2")
        #expect(table.contains("预测2028、2030年"))
        #expect(table.contains("尚未考核的年度一律按“合格”计（FC1）"))
        #expect(table.contains("高级工"))
        let csv = s.ok("forecast", "--db", db, "--format", "csv").split(separator: "\n")
        #expect(csv.first == "cycle,idNumber,name,unit,grade,module,policyStatus")
    }

    @Test("forecast: scope by unit or department, and bad input refused")
    func scopeAndRefusals() {
        let s = Sandbox()
        let db = s.folder + "/demo.sqlite"
        #expect(s.run("demo", "--db", db).code == 0)
        // A second unit, in another department, with someone who opens 初级工 in every cycle.
        let outsider = IDs.make(sequence: 901)
        s.ok("unit", "add", "常州市另一单位", "--department", "常州市另一局", "--db", db)
        s.ok("person", "add", "--id-number", outsider, "--name", "李四", "--unit", "常州市另一单位", "--trade", "电工",
             "--work-start", "2020-07", "--db", db)
        let all = Self.forecast(s, db: db)
        let unit = Self.forecast(s, db: db, ["--unit", "常州市示范管理处"])
        let department = Self.forecast(s, db: db, ["--department", "常州市示范局（演示）"])
        let other = Self.forecast(s, db: db, ["--department", "常州市另一局"])
        func ids(_ f: [Int: [Option: (open: Int, new: Int, ids: [String])]]) -> Set<String> {
            Set(f.values.flatMap(\.values).flatMap(\.ids))
        }
        #expect(ids(all).contains(outsider) && ids(all).count > 1)
        #expect(!ids(unit).contains(outsider) && ids(unit) == ids(all).subtracting([outsider]))
        #expect(ids(department) == ids(unit))
        #expect(ids(other) == [outsider])
        #expect(s.fails(64, "forecast", "--cycles", "0", "--db", db).contains("--cycles"))
        #expect(s.fails(65, "forecast", "--department", "常州市不存在局", "--db", db).contains("未找到主管部门"))
        #expect(s.fails(65, "forecast", "--unit", "不存在的单位", "--db", db).contains("未找到单位"))
        #expect(s.fails(64, "forecast", "--unit", "常州市另一单位", "--department", "常州市另一局", "--db", db).contains("只能选一个"))
    }

    // MARK: The report

    /// The attribute values of each element `<tag …>` whose attributes include `marker`.
    static func elements(_ html: String, tag: String, marker: String) -> [[String: String]] {
        let tagPattern = try! NSRegularExpression(pattern: "<\(tag)\\b([^>]*)>")
        let attributePattern = try! NSRegularExpression(pattern: #"([a-zA-Z-]+)="([^"]*)""#)
        var out: [[String: String]] = []
        for match in tagPattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let attributes = String(html[Range(match.range(at: 1), in: html)!])
            guard attributes.contains(marker) else { continue }
            var values: [String: String] = [:]
            for a in attributePattern.matches(in: attributes, range: NSRange(attributes.startIndex..., in: attributes)) {
                values[String(attributes[Range(a.range(at: 1), in: attributes)!])] = String(attributes[Range(a.range(at: 2), in: attributes)!])
            }
            out.append(values)
        }
        return out
    }

    /// Every `src` and `href` of the page.
    static func references(_ html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"\b(?:src|href|xlink:href)\s*=\s*["']?([^"'\s>]*)"#, options: [.caseInsensitive])
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map {
            String(html[Range($0.range(at: 1), in: html)!])
        }
    }

    @Test("the demo writes the report; its summary is eligible's, its chart is forecast's, it references nothing")
    func reportMatches() throws {
        let s = Sandbox()
        let db = s.folder + "/demo.sqlite"
        let demo = s.run("demo", "--db", db)
        #expect(demo.code == 0)
        let path = s.folder + "/demo-report.html"
        #expect(demo.out.contains("gongqin report --cycle next --output \(path)"))
        #expect(demo.out.contains("报告已写入：\(path)"))
        let html = try String(contentsOfFile: path, encoding: .utf8)

        // The summary: eligible's count of each grade and module.
        let eligible = Self.eligible(s, db: db, cycle: 2028)
        let summary = Self.elements(html, tag: "tr", marker: "data-count=")
        var shown: [Option: Int] = [:]
        for row in summary { shown[Option(grade: row["data-grade"]!, module: row["data-module"]!)] = Int(row["data-count"]!) }
        #expect(shown == eligible.mapValues(\.count))
        let total = Self.elements(html, tag: "tr", marker: "data-options=").first
        #expect(total?["data-people"] == String(Set(eligible.values.flatMap { $0 }).count))
        #expect(total?["data-options"] == String(eligible.values.reduce(0) { $0 + $1.count }))
        #expect(Self.elements(html, tag: "details", marker: "class=\"option\"").count == eligible.values.reduce(0) { $0 + $1.count })

        // The chart: per cycle and grade, the people forecast names with some option of the grade open.
        let forecast = Self.forecast(s, db: db)
        var expected: [String: Int] = [:]
        for (cycle, rows) in forecast {
            var people: [String: Set<String>] = [:]
            for (option, row) in rows { people[option.grade, default: []].formUnion(row.ids) }
            for (grade, ids) in people { expected["\(cycle) \(grade)"] = ids.count }
        }
        var bars: [String: Int] = [:]
        for rect in Self.elements(html, tag: "rect", marker: "class=\"seg\"") {
            bars["\(rect["data-cycle"]!) \(rect["data-grade"]!)"] = Int(rect["data-value"]!)
            #expect(Double(rect["height"]!)! > 0)
        }
        #expect(!bars.isEmpty)
        #expect(bars == expected)
        #expect(html.contains("申报年度") && html.contains("可申报人数（人）"), "axis titles")
        #expect(Self.elements(html, tag: "g", marker: "class=\"legend\"").count == 1)

        // Self-contained: no network reference, no script, no external style.
        for reference in Self.references(html) {
            #expect(!reference.lowercased().hasPrefix("http:") && !reference.lowercased().hasPrefix("https:") && !reference.hasPrefix("//"),
                    "network reference \(reference)")
        }
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.lowercased().contains("<link"))
        #expect(!html.contains("@import"))
        #expect(html.contains("size: A4 landscape"))
        #expect(html.contains("id=\"log-head\""))
        #expect(html.contains("data-status=\"provisional\""), "2028 has no official policy")

        // Masked identity numbers; --reveal shows them.
        let someone = try #require(eligible.values.first?.first)
        #expect(!html.contains(someone))
        let revealed = s.folder + "/revealed.html"
        s.ok("report", "--cycle", "next", "--db", db, "--output", revealed, "--reveal")
        #expect(try String(contentsOfFile: revealed, encoding: .utf8).contains(someone))
    }

    @Test("a worker named <script>alert(1)</script> stays text")
    func scriptNameEscaped() throws {
        let s = Sandbox()
        s.seed()
        let name = "<script>alert(1)</script>"
        s.person(IDs.make(sequence: 77), name: name, workStart: "2015-07")
        s.ok("unit", "add", "测试单位<b>", "--department", "<i>部门</i>")
        let path = s.folder + "/r.html"
        s.ok("report", "--cycle", "2028", "--output", path)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name is shown, escaped")
        #expect(!html.lowercased().contains("<script"))
        let department = s.folder + "/d.html"
        s.ok("report", "--cycle", "2028", "--output", department, "--department", "<i>部门</i>")
        let scoped = try String(contentsOfFile: department, encoding: .utf8)
        #expect(scoped.contains("&lt;i&gt;部门&lt;/i&gt;"))
        #expect(!scoped.contains("<i>"))
    }

    @Test("report refuses bad input and writes nothing")
    func reportRefusals() {
        let s = Sandbox()
        s.seed()
        #expect(s.fails(64, "report", "--cycle", "2028", "--output", s.folder + "/r.txt").contains(".html"))
        #expect(s.fails(66, "report", "--cycle", "2028", "--output", s.folder + "/no/such/r.html").contains("不存在"))
        #expect(s.fails(65, "report", "--cycle", "2028", "--output", s.folder + "/r.html", "--unit", "无此单位").contains("未找到单位"))
        #expect(!FileManager.default.fileExists(atPath: s.folder + "/r.html"))
    }

    // MARK: In a real browser

    static var chromium: String? {
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser"] where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        return nil
    }

    /// Headless Chromium (Debian's `chromium`, which Scripts/setup installs) renders the
    /// demo's report to a PNG and dumps its DOM. Without it the test is skipped outside
    /// CI; under CI (CI=true) it must run.
    @Test("headless Chromium renders the report: a PNG, and a DOM with the chart and the tables",
          .enabled(if: chromium != nil || ProcessInfo.processInfo.environment["CI"] == "true",
                   "Chromium is not installed (Scripts/setup installs Debian's chromium); under CI this test runs"))
    func browserRenders() throws {
        let chromium = try #require(Self.chromium, "CI=true but chromium is missing: Scripts/setup installs it")
        let s = Sandbox()
        let db = s.folder + "/demo.sqlite"
        #expect(s.run("demo", "--db", db).code == 0)
        let page = s.folder + "/demo-report.html"
        let png = s.folder + "/report.png"
        func browse(_ arguments: [String]) throws -> (code: Int32, out: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: chromium)
            process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                                 "--user-data-dir=\(s.folder)/chromium-profile"] + arguments + ["file://" + page]
            process.environment = ["HOME": s.folder, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let shot = try browse(["--screenshot=\(png)", "--window-size=1280,2200"])
        #expect(shot.code == 0)
        let image = try #require(FileManager.default.contents(atPath: png), "no screenshot")
        #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        #expect(image.count > 20_000, "a blank page? \(image.count) bytes")
        let dom = try browse(["--dump-dom"])
        #expect(dom.code == 0)
        #expect(dom.out.contains("id=\"forecast-chart\""))
        #expect(dom.out.contains("class=\"seg\""))
        #expect(dom.out.contains("id=\"summary-table\""))
        #expect(dom.out.contains("id=\"forecast-table\""))
        #expect(dom.out.contains("<details class=\"option\""))
    }
}
