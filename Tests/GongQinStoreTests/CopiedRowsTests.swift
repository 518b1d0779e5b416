import Foundation
import GRDB
import GRDBSQLite
import Testing
@testable import GongQinStore

/// Rows read into memory (`ReadRows`) and inserted later (`Database.insertRows`), as a
/// merge reads the next bundle's records while it merges the one before.
@Suite("rows read ahead: every value as it was, ids mapped, rows left out")
struct CopiedRowsTests {
    /// A database with the table `source (id, person_id, a, b)`, untyped, holding `rows`,
    /// and an empty `target` of the same columns.
    func database(_ rows: [[DatabaseValueConvertible?]]) throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE source (id INTEGER PRIMARY KEY, person_id, a, b)")
            try db.execute(sql: "CREATE TABLE target (id INTEGER PRIMARY KEY, person_id, a, b)")
            for row in rows {
                try db.execute(sql: "INSERT INTO source VALUES (?, ?, ?, ?)", arguments: StatementArguments(row.map { $0?.databaseValue ?? .null }))
            }
        }
        return queue
    }

    /// Each row's values as SQLite shows them, with their types.
    func shown(_ table: String, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT quote(id) || ' ' || quote(person_id) || ' ' || typeof(a) || ':' || quote(a) || ' ' || typeof(b) || ':' || quote(b)
            FROM \(table) ORDER BY id
            """)
    }

    @Test("integers, reals, texts (empty, with a NUL, not ASCII), blobs (empty too) and NULLs come back as they were")
    func everyValue() throws {
        let queue = try database([
            [1, 10, 42, 2.5],
            [2, 10, "", "张三"],
            [3, 11, "a\u{0}b", Data([0, 1, 2])],
            [4, 11, Data(), nil],
            [5, nil, Int64.min, -0.0],
        ])
        try queue.write { db in
            let rows = try ReadRows(db.makeStatement(sql: "SELECT id, person_id, a, b FROM source ORDER BY id"))
            #expect(rows.count == 5)
            #expect(rows.columns == ["id", "person_id", "a", "b"])
            try db.insertRows(rows, into: db.makeStatement(sql: "INSERT INTO target VALUES (?, ?, ?, ?)"),
                              values: [.column(0), .column(1), .column(2), .column(3)])
            #expect(try shown("target", db) == shown("source", db))
        }
    }

    @Test("an id goes through its map: NULL when the map lacks it, the row left out when it is required")
    func mapped() throws {
        let queue = try database([[1, 10, 7, "x"], [2, 11, 8, "y"], [3, 12, nil, "z"]])
        try queue.write { db in
            let rows = try ReadRows(db.makeStatement(sql: "SELECT id, person_id, a, b FROM source ORDER BY id"))
            try db.insertRows(rows, into: db.makeStatement(sql: "INSERT INTO target VALUES (?, ?, ?, ?)"),
                              values: [.column(0), .mapped(1, [10: 100, 12: 120], required: true),
                                       .mapped(2, [7: 70], required: false), .column(3)])
            #expect(try shown("target", db) == ["1 100 integer:70 text:'x'", "3 120 null:NULL text:'z'"])
        }
    }

    @Test("a statement left bound to nothing: its texts are not kept after the rows are in")
    func unbound() throws {
        let queue = try database([[1, 10, "kept", nil]])
        try queue.write { db in
            let rows = try ReadRows(db.makeStatement(sql: "SELECT id, person_id, a, b FROM source"))
            let insert = try db.makeStatement(sql: "INSERT INTO target VALUES (?, ?, ?, ?)")
            try db.insertRows(rows, into: insert, values: [.column(0), .column(1), .column(2), .column(3)])
            try db.execute(sql: "DELETE FROM target")
            // Stepped as it was left: GRDB would insist on arguments.
            #expect(sqlite3_step(insert.sqliteStatement) == SQLITE_DONE)
            sqlite3_reset(insert.sqliteStatement)
            #expect(try shown("target", db).first?.hasSuffix("null:NULL null:NULL") == true)
        }
    }

    @Test("a text's place in the buffer survives up to 4 GB: start and length each below 2³²")
    func places() {
        for (start, length) in [(0, 0), (1, 2), (Int(Int32.max), 7), (Int(UInt32.max) - 5, 5), (3, Int(UInt32.max))] {
            let place = ReadRows.place(ReadRows.number(start: start, length: length))
            #expect(place.start == start && place.length == length)
        }
    }
}
