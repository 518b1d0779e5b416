import Foundation
import Testing

/// A bulk import logs one entry per file (BENCHMARKS.md): the ledger stays tamper-evident.
@Suite("import batches in the change log (BENCHMARKS.md)")
struct ImportBatchTests {
    let a = IDs.make(sequence: 11)
    let b = IDs.make(birth: "19780312", sequence: 22)
    let c = IDs.make(birth: "19790411", sequence: 33)

    /// Three people and their assessments, each file imported in bulk.
    func imported() -> Sandbox {
        let s = Sandbox()
        s.units()
        s.ok("import", "persons", s.file("people.csv", """
            id-number,name,unit,trade,work-start
            \(a),张三,常州市某局,电工,2005-07
            \(b),李四,常州市某局,电工,2006-07
            \(c),王五,常州市另一局,电工,2007-07

            """))
        var rows = "id-number,year,result\n"
        for id in [a, b, c] { for year in 2019...2023 { rows += "\(id),\(year),合格\n" } }
        s.ok("import", "assessments", s.file("assessments.csv", rows))
        return s
    }

    func entries(_ s: Sandbox, _ arguments: String...) throws -> [[String: Any]] {
        try #require(s.run(["log"] + arguments + ["--format", "json"]).out.data(using: .utf8)
            .flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [[String: Any]])
    }

    /// Runs SQL on the file with Python's sqlite3; `bulk` defines gongqin_bulk_table() (and
    /// the other functions the triggers name) as a hostile client could, to write rows the
    /// insert triggers skip.
    func tamper(_ db: String, _ sql: String, bulk: String? = nil) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            if sys.argv[3]:
                c.create_function('gongqin_bulk_table', 0, lambda: sys.argv[3])
                c.create_function('gongqin_actor', 0, lambda: 'x')
                c.create_function('gongqin_command', 0, lambda: 'x')
                c.create_function('gongqin_chain_hash', -1, lambda *a: 'x')
            c.executescript(sys.argv[2]); c.commit(); c.close()
            """, db, sql, bulk ?? ""]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }

    @Test("a bulk import writes one entry per file: name, SHA-256, rows, ids and digest")
    func oneEntryPerFile() throws {
        let s = imported()
        let batches = try entries(s, "--table", "annual_assessment")
        #expect(batches.count == 1)
        let batch = try #require(batches.first)
        #expect(batch["op"] as? String == "import")
        let after = try #require(batch["after"] as? [String: Any])
        #expect(after["file"] as? String == "assessments.csv")
        #expect(after["rows"] as? Int == 15 && after["first"] as? Int == 1 && after["last"] as? Int == 15)
        #expect((after["sha256"] as? String)?.count == 64 && (after["digest"] as? String)?.count == 64)
        let persons = try entries(s, "--table", "person")
        #expect(persons.count == 1 && (persons.first?["after"] as? [String: Any])?["rows"] as? Int == 3)
        #expect(s.ok("check").contains("校验通过"))
        #expect(s.ok("log", "--table", "person").contains("整批导入3条"))
    }

    @Test("log --person shows each imported row by its batch entry, file and row number")
    func personStory() throws {
        let s = imported()
        let lines = try entries(s, "--person", b)
        let imports = lines.filter { $0["op"] as? String == "import" }
        #expect(imports.count == 6)
        #expect(imports.first?["table"] as? String == "person" && imports.first?["fileRow"] as? Int == 3)
        // b's assessments are rows 7–11 of the file (the header is row 1).
        #expect(imports.dropFirst().map { $0["fileRow"] as? Int } == [7, 8, 9, 10, 11])
        #expect(s.ok("log", "--person", b).contains("文件“assessments.csv”第9行"))
        // --update writes entries a row, with before and after, after the batch.
        s.ok("import", "assessments", s.file("fix.csv", "id-number,year,result\n\(b),2021,优秀\n"), "--update")
        let after = try entries(s, "--person", b)
        #expect(after.last?["op"] as? String == "update")
        #expect((after.last?["before"] as? [String: Any])?["result"] as? String == "pass")
        #expect(s.ok("check").contains("校验通过"))
    }

    @Test("check finds imported rows edited, deleted or added behind gongqin's back")
    func tampering() throws {
        let cases: [(sql: String, bulk: String?, finding: String)] = [
            ("DROP TRIGGER annual_assessment_log_update; UPDATE annual_assessment SET result = 'excellent' WHERE id = 7;", nil,
             "与该批的摘要不符"),
            ("DROP TRIGGER person_log_update; UPDATE person SET name = '赵六' WHERE id = 2;", nil, "与该批的摘要不符"),
            ("DROP TRIGGER annual_assessment_log_delete; DELETE FROM annual_assessment WHERE id = 15;", nil, "与该批的摘要不符"),
            ("DROP TRIGGER annual_assessment_log_insert; INSERT INTO annual_assessment (person_id, year, result) VALUES (1, 2018, 'excellent');",
             nil, "在变更日志中没有记载"),
            // A client that defines the function the triggers ask: its rows are still unlogged.
            ("INSERT INTO annual_assessment (person_id, year, result) VALUES (2, 2018, 'excellent');", "annual_assessment",
             "在变更日志中没有记载"),
            // The batch entry itself edited: the chain breaks.
            ("DROP TRIGGER change_log_no_update; UPDATE change_log SET after = json_set(after, '$.rows', 14) WHERE op = 'import' AND table_name = 'annual_assessment';",
             nil, "与其哈希不符"),
        ]
        for c in cases {
            let s = imported()
            // A row touched later by a logged write is checked against that entry instead.
            s.ok("import", "assessments", s.file("fix.csv", "id-number,year,result\n\(a),2020,优秀\n"), "--update")
            #expect(s.ok("check").contains("校验通过"))
            try tamper(s.db, c.sql, bulk: c.bulk)
            let result = s.run("check")
            #expect(result.code == 1, "\(c.sql)")
            #expect(result.out.contains(c.finding), "\(c.sql) → \(result.out)")
        }
    }

    @Test("a file with a bad row writes nothing, not even its batch entry")
    func badFileWritesNothing() throws {
        let s = imported()
        let before = FileManager.default.contents(atPath: s.db)
        s.fails(65, "import", "assessments", s.file("bad.csv", "id-number,year,result\n\(a),2024,合格\n\(a),2024,合格\n"))
        #expect(FileManager.default.contents(atPath: s.db) == before)
        #expect(try entries(s, "--table", "annual_assessment").count == 1)
    }
}
