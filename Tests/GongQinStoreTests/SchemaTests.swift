import Foundation
import GongQinCore
@testable import GongQinStore
import GRDB
import Testing

@Suite("schema: migrations, constraints and the change log")
struct SchemaTests {
    @Test("a new file is migrated, has mode 0600 and WAL")
    func newFile() throws {
        let store = try TempStore()
        let attributes = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try store.database.appliedMigrations() == SchemaMigrations_all())
        let mode = try store.database.readDatabase { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let strict = try store.database.readDatabase { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%STRICT%' AND name NOT LIKE 'grdb_%' AND name NOT LIKE 'sqlite_%'")
        }
        #expect(strict.isEmpty, "tables without STRICT: \(strict)")
    }

    @Test("an empty existing file is migrated")
    func emptyFile() throws {
        let folder = NSTemporaryDirectory() + "gongqin-empty-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/empty.sqlite"
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let database = try GongQinDatabase.open(at: path, context: LogContext(actor: "t", command: "t"))
        let trades = try database.read { s in try s.catalog.trades() }
        #expect(trades.count == 45)
        #expect(trades.contains { $0.name == "汽车驾驶与管理" && $0.driver && $0.maxGrade == .seniorTechnician })
    }

    @Test("a database from a newer gongqin is refused and left alone")
    func newerSchema() throws {
        let store = try TempStore()
        try store.database.writeDatabase { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('9999_future')")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: store.path))
        #expect {
            _ = try GongQinDatabase.open(at: store.path, context: LogContext(actor: "t", command: "t"))
        } throws: { error in
            error as? StoreFailure == .databaseNewerMigrations(path: store.path, unknown: ["9999_future"])
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.path)) == before)
    }

    @Test("a file that is not a database is refused as not gongqin's (65), and left as it was")
    func notADatabase() throws {
        let folder = NSTemporaryDirectory() + "gongqin-notdb-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/x.sqlite"
        try String(repeating: "这不是数据库\n", count: 200).write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try GongQinDatabase.open(at: path, context: LogContext(actor: "t", command: "t"))
        } throws: { $0 as? StoreFailure == .notGongQin(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == String(repeating: "这不是数据库\n", count: 200))
    }

    @Test("UNIQUE: identity number, one result per year, one use per category (X1)")
    func uniques() throws {
        let store = try TempStore()
        let id = try store.seedPerson()
        try store.database.writeDatabase { db in
            let personID = try Int64.fetchOne(db, sql: "SELECT id FROM person")!
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO person (id_number, name, unit_id, trade_id, work_start) SELECT id_number, 'x', unit_id, trade_id, work_start FROM person")
            }
            try db.execute(sql: "INSERT INTO annual_assessment (person_id, year, result) VALUES (?, 2020, 'pass')", arguments: [personID])
            #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO annual_assessment (person_id, year, result) VALUES (?, 2020, 'excellent')", arguments: [personID])
            }
            try db.execute(sql: """
                INSERT INTO exceptional_use (person_id, condition_code, category, grade, year, source)
                VALUES (?, 'excellent-two-years', 'excellent-two-years', 'intermediate', 2016, 'historic')
                """, arguments: [personID])
            do {
                try db.execute(sql: """
                    INSERT INTO exceptional_use (person_id, condition_code, category, grade, year, source)
                    VALUES (?, 'excellent-two-years', 'excellent-two-years', 'senior', 2020, 'historic')
                    """, arguments: [personID])
                Issue.record("a second use of one category was stored")
            } catch let error as DatabaseError {
                #expect(error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE)
            }
        }
        _ = id
    }

    @Test("foreign keys: a dangling reference is refused")
    func danglingReference() throws {
        let store = try TempStore()
        try store.database.writeDatabase { db in
            do {
                try db.execute(sql: "INSERT INTO certificate (person_id, trade_id, grade, issued) VALUES (424242, 1, 'junior', '2020-01-01')")
                Issue.record("a certificate of no one was stored")
            } catch let error as DatabaseError {
                #expect(error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY)
            }
        }
    }

    @Test("CHECK: impossible dates and unknown codes", arguments: [
        "INSERT INTO unit (name) VALUES ('')",
        "INSERT INTO trade (name, max_grade) VALUES ('x', 'master')",
        "INSERT INTO certificate (person_id, trade_id, grade, issued) VALUES (1, 1, 'junior', '2023-02-29')",
        "INSERT INTO certificate (person_id, trade_id, grade, issued) VALUES (1, 1, 'junior', '2023-2-1')",
        "INSERT INTO certificate (person_id, trade_id, grade, issued, route) VALUES (1, 1, 'junior', '2023-02-01', 'luck')",
        "INSERT INTO annual_assessment (person_id, year, result) VALUES (1, 2020, 'good')",
        "INSERT INTO education (person_id, level, graduated) VALUES (1, '小学', '2000-07-01')",
        "UPDATE person SET id_number = '320402198502301231'",
        "UPDATE person SET placed = '2010-01-01'",
        "INSERT INTO exceptional_use (person_id, condition_code, category, grade, year, source) VALUES (1, 'merit-award', 'excellent-two-years', 'senior', 2020, 'historic')",
        "INSERT INTO exceptional_use (person_id, condition_code, category, grade, year, source) VALUES (1, 'merit-award', 'merit-award', 'senior', 2020, 'application')",
    ])
    func checks(_ sql: String) throws {
        let store = try TempStore()
        try store.seedPerson()
        _ = try store.database.writeDatabase { db in
            #expect(throws: DatabaseError.self) { try db.execute(sql: sql) }
        }
    }

    @Test("the change log records every write and refuses UPDATE and DELETE")
    func changeLog() throws {
        let store = try TempStore()
        try store.seedPerson()
        try store.database.writeDatabase { db in
            let entries = try Row.fetchAll(db, sql: "SELECT * FROM change_log WHERE table_name IN ('unit', 'person') ORDER BY seq")
            #expect(entries.map { $0["table_name"] as String } == ["unit", "person"])
            #expect(entries.last?["actor"] == "tester")
            #expect(entries.last?["command"] == "gongqin test")
            #expect((entries.last?["after"] as String?)?.contains("电工") == false)  // trade is an id
            #expect(throws: DatabaseError.self) { try db.execute(sql: "UPDATE change_log SET actor = 'someone'") }
            #expect(throws: DatabaseError.self) { try db.execute(sql: "DELETE FROM change_log WHERE seq = 1") }
        }
    }

    @Test("every migration file in Schema/ is embedded, in order")
    func migrationsEmbedded() throws {
        let schema = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Schema").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: schema.path)
            .filter { $0.hasSuffix(".sql") }.sorted().map { String($0.dropLast(4)) }
        #expect(files == SchemaMigrations_all())
    }
}

func SchemaMigrations_all() -> [String] {
    GongQinDatabase.migrationIdentifiers
}

@Suite("seed data")
struct SeedTests {
    @Test("the seeded exceptional catalogue is the one GongQinCore knows (RULES X2)")
    func catalogue() throws {
        let store = try TempStore()
        let seeded = try store.database.read { s in try s.catalog.conditions() }
        #expect(Set(seeded) == Set(ExceptionalCondition.builtins))
    }
}

@Suite("upgrades")
struct UpgradeTests {
    @Test("a database from an older gongqin is brought up to date on open, its records kept")
    func upgradesOlderSchema() throws {
        let folder = NSTemporaryDirectory() + "gongqin-upgrade-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/old.sqlite"
        // A file as the first version wrote it: only 0001, with a unit in it.
        let context = LogContext(actor: "t", command: "t")
        let old = try Connections.writer(path, context: context)
        try old.write { db in try GongQinDatabase.applyMigrations(db, upTo: "0001_records") }
        try old.write { db in try db.execute(sql: "INSERT INTO unit (name) VALUES ('旧单位')") }
        try old.close()
        let database = try GongQinDatabase.open(at: path, context: context)
        #expect(try database.appliedMigrations() == GongQinDatabase.migrationIdentifiers)
        #expect(try database.read { s in try s.catalog.units().map(\.unit.name) } == ["旧单位"])
        #expect(try database.read { s in try s.integrity.run() } == [])
    }
}

extension UpgradeTests {
    @Test("upgrading a 0007 file keeps every row and its log, and never gives a removed record's number again (0008)")
    func recordNumbersAfterUpgrade() throws {
        let folder = NSTemporaryDirectory() + "gongqin-upgrade-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/old.sqlite"
        let context = LogContext(actor: "t", command: "t")
        let id = IDs.make(birth: "19850312", sequence: 7)
        let old = try Connections.writer(path, context: context)
        try old.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.inTransaction { try GongQinDatabase.applyMigrations(db, upTo: "0007_import_batches"); return .commit }
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        try old.write { db in
            try db.execute(sql: "INSERT INTO unit (name) VALUES ('旧单位')")
            try db.execute(sql: """
                INSERT INTO person (id_number, name, unit_id, trade_id, work_start) VALUES (?, '张三', 1, 1, '2005-07-01')
                """, arguments: [id])
            for year in [2020, 2021, 2022] {
                try db.execute(sql: "INSERT INTO annual_assessment (person_id, year, result) VALUES (1, ?, 'pass')", arguments: [year])
            }
            try db.execute(sql: "DELETE FROM annual_assessment WHERE year = 2022")
        }
        try old.close()
        let database = try GongQinDatabase.open(at: path, context: context)
        #expect(try database.appliedMigrations() == GongQinDatabase.migrationIdentifiers)
        #expect(try database.read { s in try s.integrity.run() } == [])
        try database.write { s in
            try s.people.addAssessment(AnnualAssessment(year: 2023, result: .pass), to: try IDNumber(id), today: TempStore.today)
        }
        let numbers = try database.read { s in try s.people.list(RecordKinds.assessment, of: try IDNumber(id)).map(\.id) }
        #expect(numbers == [1, 2, 4])
        #expect(try database.read { s in try s.integrity.run() } == [])
    }
}

extension UpgradeTests {
    @Test("upgrading a 0010 file folds the names stored before (0011), each change a logged UPDATE")
    func namesFoldedOnUpgrade() throws {
        let folder = NSTemporaryDirectory() + "gongqin-upgrade-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/old.sqlite"
        let context = LogContext(actor: "t", command: "t")
        let padded = IDs.make(birth: "19800315", sequence: 13), dotted = IDs.make(birth: "19850312", sequence: 25)
        let old = try Connections.writer(path, context: context)
        try old.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.inTransaction { try GongQinDatabase.applyMigrations(db, upTo: "0010_seals"); return .commit }
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        try old.write { db in
            try db.execute(sql: "INSERT INTO unit (name) VALUES ('旧单位')")
            for (id, name) in [(padded, "陈  强 "), (dotted, "阿依古丽•买买提"), (IDs.make(birth: "19900101", sequence: 31), "张三")] {
                try db.execute(sql: "INSERT INTO person (id_number, name, unit_id, trade_id, work_start) VALUES (?, ?, 1, 1, '2005-07-01')",
                               arguments: [id, name])
            }
        }
        try old.close()
        let database = try GongQinDatabase.open(at: path, context: context)
        #expect(try database.appliedMigrations() == GongQinDatabase.migrationIdentifiers)
        #expect(try database.read { s in try s.people.person(try IDNumber(padded)).name } == "陈强")
        #expect(try database.read { s in try s.people.resolve("陈强") } == (try IDNumber(padded)))
        let stored = try database.readDatabase { db in try String.fetchAll(db, sql: "SELECT name FROM person ORDER BY id") }
        #expect(stored == ["陈强", "阿依古丽·买买提", "张三"])
        let updates = try database.readDatabase { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM change_log WHERE table_name = 'person' AND op = 'update'")!
        }
        #expect(updates == 2)
        #expect(try database.read { s in try s.integrity.run() } == [])
    }
}

@Suite("schema: the change-log triggers are generated")
struct LogTriggerTests {
    /// `GONGQIN_PRINT_TRIGGERS=person,certificate swift test --filter LogTriggerTests` prints the
    /// triggers `ChangeLog.triggerSQL` writes for those tables as the latest migration leaves
    /// them, to paste into a new migration (ARCHITECTURE.md, “A new migration”).
    @Test("every change-log trigger in Schema/ is the one ChangeLog.triggerSQL writes for its table")
    func triggersAreGenerated() throws {
        let expected = try #require(ExpectedSchema.after(GongQinDatabase.migrationIdentifiers))
        if let wanted = ProcessInfo.processInfo.environment["GONGQIN_PRINT_TRIGGERS"] {
            try migratedInMemory().writeWithoutTransaction { db in
                for table in wanted.split(separator: ",") {
                    print(try ExpectedSchema.loggedTable(String(table), in: db).triggerSQL, terminator: "")
                }
            }
        }
        #expect(expected.loggedTables.count >= 17)
        for logged in expected.loggedTables {
            let generated = logged.triggerSQL.components(separatedBy: "END;").map(ExpectedSchema.normalized).filter { !$0.isEmpty }
            #expect(generated.count == 3)
            for (op, sql) in zip(["insert", "update", "delete"], generated) {
                let name = "\(logged.table)_log_\(op)"
                #expect(expected.objects[name]?.sql == sql + " END", "\(name) differs from ChangeLog.triggerSQL:\n\(sql) END;")
            }
        }
    }
}

@Suite("schema: the snapshot of the current version")
struct SchemaSnapshotTests {
    /// After a new migration: `GONGQIN_WRITE_SCHEMA=1 swift test --filter SchemaSnapshotTests`
    /// writes the snapshot again, and the next build embeds it (ARCHITECTURE.md, “A new migration”).
    @Test("Schema/expected-schema.json is what the migrations build, and the binary embeds it")
    func snapshotIsCurrent() throws {
        let identifiers = GongQinDatabase.migrationIdentifiers
        let built = try ExpectedSchema.build(upTo: try #require(identifiers.last), count: identifiers.count)
        let text = ExpectedSchema.Snapshot(built).text
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Schema/expected-schema.json").standardized
        if ProcessInfo.processInfo.environment["GONGQIN_WRITE_SCHEMA"] != nil {
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == text,
                "Schema/expected-schema.json is not what the migrations build: GONGQIN_WRITE_SCHEMA=1 swift test --filter SchemaSnapshotTests")
        // The binary embeds the file as it was when built (compared whole, not printed whole).
        let embedded = try #require(ExpectedSchema.snapshot())
        let same = embedded.migrations == built.migrations && embedded.objects == built.objects
            && embedded.loggedTables == built.loggedTables
        #expect(same, "the embedded snapshot differs from what the migrations build: build again after writing it")
        #expect(built.objects.count > 100 && built.loggedTables.count >= 17)
        // The current version is read from the snapshot, not built again.
        let current = ExpectedSchema.after(identifiers)?.objects == built.objects
        #expect(current)
    }
}
