import Foundation
import GongQinCore
import GongQinSchema
import GRDB

/// The schema a database of a given version must have, as data in the binary (README, “What the log detects”):
/// the embedded migrations `Schema/` applied, in order, to an empty in-memory database.
/// The migrations stay the one home of the schema; this reads back what they build, so
/// that `check`, every write and `restore` can compare a file's `sqlite_master` with it,
/// by name, type, table and SQL. A trigger renamed, dropped, added or altered, an extra
/// table or view, shows.
public struct ExpectedSchema: Sendable {
    /// One entry of `sqlite_master`.
    public struct Object: Hashable, Sendable, Comparable, Codable {
        public var type: String
        public var name: String
        public var table: String
        /// The SQL with runs of white space made one space; nil for automatic indexes.
        public var sql: String?

        public static func < (a: Object, b: Object) -> Bool { (a.type, a.name) < (b.type, b.name) }
    }

    /// The migrations applied, in order.
    public let migrations: [String]
    /// Every table, index, trigger and view, by name.
    public let objects: [String: Object]
    /// The tables the change-log triggers log, with their columns in order and primary key.
    let loggedTables: [LoggedTable]

    /// A table the change-log triggers log.
    struct LoggedTable: Hashable, Sendable, Codable {
        var table: String
        /// Every column, in table order.
        var columns: [String]
        var primaryKey: String
        /// The primary key is an integer (the rowid), not a text key.
        var integerKey: Bool

        /// Its triggers, as `ChangeLog.triggerSQL` writes them.
        var triggerSQL: String {
            ChangeLog.triggerSQL(table: table, columns: columns, primaryKey: primaryKey, integerKey: integerKey)
        }
    }

    /// Everything in `sqlite_master`, no name pattern skipped (a trigger named like SQLite's
    /// own tables is a trigger), but for SQLite's statistics tables exactly as `ANALYZE`
    /// makes them: a table of that name with other columns is an extra table.
    static let objectsSQL = """
        SELECT type, name, tbl_name, sql FROM sqlite_master
        WHERE NOT (type = 'table' AND (name, sql) IN (VALUES ('sqlite_stat1', 'CREATE TABLE sqlite_stat1(tbl,idx,stat)'),
                                                          ('sqlite_stat4', 'CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)')))
        ORDER BY type, name
        """

    static func objects(_ db: Database) throws -> [String: Object] {
        var objects: [String: Object] = [:]
        for row in try Row.fetchAll(db, sql: objectsSQL) {
            let object = Object(type: row[0], name: row[1], table: row[2], sql: (row[3] as String?).map(normalized))
            objects[object.name] = object
        }
        return objects
    }

    /// Runs of white space as one space, trimmed.
    static func normalized(_ sql: String) -> String {
        sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// The expected schema after `migrations`, which must be the first migrations of this
    /// binary in order; nil otherwise. Once per process and version: the current version's
    /// is read from its snapshot (`Schema/expected-schema.json`), an older one's built.
    public static func after(_ migrations: [String]) -> ExpectedSchema? {
        let known = SchemaMigrations.all.map(\.identifier)
        guard !migrations.isEmpty, migrations.count <= known.count, Array(known.prefix(migrations.count)) == migrations else {
            return nil
        }
        return cache.withLock { (cache: inout [Int: ExpectedSchema]) -> ExpectedSchema? in
            if let schema = cache[migrations.count] { return schema }
            let current = migrations.count == known.count ? snapshot().flatMap { $0.migrations == migrations ? $0 : nil } : nil
            guard let schema = current ?? (try? build(upTo: migrations.last!, count: migrations.count)) else { return nil }
            cache[migrations.count] = schema
            return schema
        }
    }

    private static let cache = Locked<[Int: ExpectedSchema]>([:])

    /// The snapshot of the current version's schema, embedded in the binary: what `build`
    /// makes of every migration, written down by SchemaSnapshotTests (ARCHITECTURE.md, “A
    /// new migration”), which also holds the two equal. Every write and `check` compares
    /// the file with it; building it instead was about two thirds of a single write's CPU
    /// time (`unit add`: 90–98 ms with the build, 36–40 ms with the snapshot).
    static func snapshot() -> ExpectedSchema? {
        try? JSONDecoder().decode(Snapshot.self, from: Data(SchemaMigrations.expectedSchemaJSON)).schema
    }

    /// The snapshot's JSON: its objects and logged tables in name order, one a line.
    struct Snapshot: Codable {
        var migrations: [String]
        var objects: [Object]
        var loggedTables: [LoggedTable]

        init(_ schema: ExpectedSchema) {
            migrations = schema.migrations
            objects = schema.objects.values.sorted()
            loggedTables = schema.loggedTables
        }

        var schema: ExpectedSchema {
            ExpectedSchema(migrations: migrations, objects: Dictionary(uniqueKeysWithValues: objects.map { ($0.name, $0) }),
                           loggedTables: loggedTables)
        }

        /// As committed: sorted keys, pretty-printed, a newline at the end.
        var text: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
        }
    }

    /// The schema `Schema/`'s migrations up to `identifier` build in an empty database.
    static func build(upTo identifier: String, count: Int) throws -> ExpectedSchema {
        // The migrations fill the catalogue, and their rows go through the log triggers.
        let queue = try Connections.memory(LogContext(actor: "gongqin", command: "expected schema"))
        try queue.write { db in
            try GongQinDatabase.applyMigrations(db, upTo: identifier)
            try GongQinDatabase.checkForeignKeys(db)
        }
        return try queue.read { db in
            let found = try Self.objects(db)
            let logged = try String.fetchAll(db, sql: """
                SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name = tbl_name || '_log_insert' ORDER BY tbl_name
                """)
            let tables = try logged.map { try Self.loggedTable($0, in: db) }
            return ExpectedSchema(migrations: Array(SchemaMigrations.all.prefix(count).map(\.identifier)),
                                  objects: found, loggedTables: tables)
        }
    }

    /// The columns and key of `table` as the migrations made it.
    static func loggedTable(_ table: String, in db: Database) throws -> LoggedTable {
        let info = try Row.fetchAll(db, sql: "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
        let key = info.first { ($0["pk"] as Int) == 1 }
        return LoggedTable(table: table, columns: info.map { $0["name"] as String }, primaryKey: key?["name"] ?? "rowid",
                           integerKey: key.map { ($0["type"] as String) == "INTEGER" } ?? true)
    }

    /// The migrations a file records as applied, in the order applied; empty when it has
    /// no record.
    static func appliedMigrations(_ db: Database) throws -> [String] {
        guard try db.tableExists("grdb_migrations") else { return [] }
        return try String.fetchAll(db.cachedStatement(sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"))
    }

    /// A difference between a file's schema and the expected one.
    public struct Difference: Hashable, Sendable {
        public enum Kind: String, Sendable { case missing, extra, altered, version }
        public var kind: Kind
        public var type: String
        /// The object's name; for `.version`, the migrations applied, in order.
        public var name: String
        /// For `.version`: the migrations applied (empty when none).
        public var migrations: [String] = []
    }

    /// How the schema of `db` differs from the one its recorded migrations should have
    /// built. Empty when it matches.
    public static func differences(_ db: Database) throws -> [Difference] {
        let applied = try appliedMigrations(db)
        guard let expected = after(applied) else {
            return [Difference(kind: .version, type: "", name: "", migrations: applied)]
        }
        return expected.differences(from: try objects(db))
    }

    func differences(from actual: [String: Object]) -> [Difference] {
        var found: [Difference] = []
        for (name, object) in objects.sorted(by: { $0.value < $1.value }) {
            guard let other = actual[name] else {
                found.append(Difference(kind: .missing, type: object.type, name: name))
                continue
            }
            if other != object { found.append(Difference(kind: .altered, type: object.type, name: name)) }
        }
        for (name, object) in actual.sorted(by: { $0.value < $1.value }) where objects[name] == nil {
            found.append(Difference(kind: .extra, type: object.type, name: name))
        }
        return found
    }

    /// The refusal of a write, or of a restore, on a file whose schema differs.
    static func refusal(_ differences: [Difference], path: String) -> StoreFailure {
        .schemaDiffers(path: path, differences: differences)
    }
}

/// A value behind a lock (Foundation's `NSLock`; `Synchronization.Mutex` needs macOS 15).
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
