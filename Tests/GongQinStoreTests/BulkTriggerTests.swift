import Foundation
import GongQinCore
import GRDB
import Testing
@testable import GongQinStore

/// An import turns the connection's triggers off while it writes its one table, when the
/// table's only triggers are its log triggers (`ImportBatches.withoutTriggers`), and on
/// again before anything else is written: the batch's own entry, any later write.
@Suite("an import's triggers: off while it writes its table, on again after")
struct BulkTriggerTests {
    /// Adds a unit, whose insert trigger logs it; returns how many units the log has.
    func addUnit(_ name: String, _ db: Database) throws -> Int {
        try db.execute(sql: "INSERT INTO unit (name) VALUES (?)", arguments: [name])
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM change_log WHERE table_name = 'unit' AND op = 'insert'")!
    }

    @Test("triggers are off inside, and on again after, also when the body fails")
    func offThenOn() throws {
        try migratedInMemory().write { db in
            #expect(try addUnit("甲", db) == 1)
            let inside = try ImportBatches.withoutTriggers(on: "award", in: db) { try addUnit("乙", db) }
            #expect(inside == 1, "no trigger ran inside")
            #expect(try addUnit("丙", db) == 2, "triggers are on again")
            struct Stop: Error {}
            #expect(throws: Stop.self) { try ImportBatches.withoutTriggers(on: "award", in: db) { throw Stop() } }
            #expect(try addUnit("丁", db) == 3, "on again after a failure")
        }
    }

    @Test("the imports that write their table alone: persons and the kinds saved as their row")
    func kindsWritingTheirTableOnly() {
        let kinds = RecordKind.allCases.filter(RecordKinds.savesRowOnly)
        #expect(kinds == [.persons, .certs, .assessments, .education, .awards, .training])
    }

    @Test("a table with a trigger other than its log's keeps every trigger on")
    func anotherTrigger() throws {
        try migratedInMemory().write { db in
            try db.execute(sql: "CREATE TEMP TRIGGER award_counted AFTER INSERT ON main.award BEGIN SELECT 1; END")
            let inside = try ImportBatches.withoutTriggers(on: "award", in: db) { try addUnit("甲", db) }
            #expect(inside == 1, "the unit's insert was logged inside")
        }
    }
}
