import Foundation
import GongQinCore
import GongQinSchema
import GRDB

/// Who writes, and when, for the change log and the gate: the OS user, the command line,
/// today (the day the checks at a commit judge dates by), and where the log's head is
/// recorded after each write (README, “What the log detects”).
public struct LogContext: Sendable {
    public var actor: String
    public var command: String
    public var today: Day
    /// Where the log's head is recorded after each write; nil: nowhere.
    public var witness: HeadWitness?
    /// The unit's seal, when its key is present: every write signs its new head with it.
    public var seal: SealKey?

    public init(actor: String, command: String, today: Day = .localToday, witness: HeadWitness? = nil, seal: SealKey? = nil) {
        self.actor = actor
        self.command = command
        self.today = today
        self.witness = witness
        self.seal = seal
    }

    /// Now, in the machine's time zone with its offset: `2026-12-03T10:15:00+08:00`.
    public static var now: String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = .current
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}

extension Day {
    /// Today in the machine's time zone.
    public static var localToday: Day {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

/// The gongqin database: one file, read through one read-only connection and written only
/// through the gate (../Gate/WriteGate.swift), its migrations, and what a command learns
/// when it opens it. Modelled on GRDB's demo `AppDatabase`.
public struct GongQinDatabase: Sendable {
    /// The file.
    public let path: String
    /// Where the file is: `path`, but for a database being built beside it under a private
    /// name until it is linked into place (WriteGate.build). Messages name `path`.
    let file: String
    /// The read-only connection: reads, and the gate's checks before a write.
    let connection: ReadConnection
    var reader: DatabaseQueue { get throws { try connection.get() } }
    let context: LogContext
    /// Where the log's head is recorded outside the file, if anywhere.
    var witness: HeadWitness? { context.witness }
    /// The file was created by this opening.
    public internal(set) var created = false

    /// The database at `path`, its read connection opened at once: a file that cannot be
    /// read is refused here, before anything else.
    init(path: String, file: String? = nil, context: LogContext) throws(StoreFailure) {
        self.path = path
        self.file = file ?? path
        self.context = context
        connection = ReadConnection(path: self.file, context: context)
        do {
            _ = try connection.get()
        } catch {
            throw StoreErrors.map(error, path: path)
        }
    }

    /// Opens the database at `path` for a command that writes: creates it (mode 0600)
    /// when it is missing and brings an older schema up to date, both through the gate.
    /// Refuses a database from a newer gongqin, and a file that is not a gongqin database,
    /// before anything is written to it. `created` tells whether the file was new.
    public static func open(at path: String, context: LogContext) throws(StoreFailure) -> GongQinDatabase {
        try refuseUnusable(path)
        let existed = FileManager.default.fileExists(atPath: path)
        if existed, try probe(path) == .foreign { throw notGongQin(path) }
        let created = existed ? false : try WriteGate.createWhole(path, context: context)
        var database = try GongQinDatabase(path: path, context: context)
        database.created = created
        try WriteGate(database).migrate()
        return database
    }

    /// Opens an existing database for a command that only reads: nothing is created,
    /// changed or upgraded, and a file on read-only media is read as it stands. A missing
    /// file, a file that is not gongqin's and a schema older or newer than this binary's
    /// are refused.
    public static func openForReading(at path: String, context: LogContext) throws(StoreFailure) -> GongQinDatabase {
        try refuseUnusable(path)
        guard FileManager.default.fileExists(atPath: path) else {
            throw .databaseMissing(path: path)
        }
        switch try probe(path) {
        case .foreign: throw notGongQin(path)
        case .empty:
            throw .databaseEmpty(path: path)
        case .gongqin(let applied):
            let known = SchemaMigrations.all.map(\.identifier)
            if !Set(applied).subtracting(known).isEmpty {
                throw .databaseNewer(path: path)
            }
            if Set(known).subtracting(applied).isEmpty == false {
                throw .databaseOlder(path: path, latest: applied.sorted().last)
            }
        }
        return try GongQinDatabase(path: path, context: context)
    }

    /// `--db ""` names no file (64); a folder, a dangling link, a FIFO or a device is not a
    /// database file (65).
    static func refuseUnusable(_ path: String) throws(StoreFailure) {
        if path.isEmpty { throw .emptyDatabasePath }
        try FilePaths.refuseSpecial(path, file: .database)
        if case .directory = FilePaths.kind(path) {
            throw .databaseIsFolder(path: path)
        }
    }

    static func notGongQin(_ path: String) -> StoreFailure { .notGongQin(path: path) }

    /// What a file is, read with a read-only connection that changes nothing (no WAL switch).
    enum Probe: Equatable {
        /// No tables at all: a new or empty file.
        case empty
        /// gongqin's, with the migrations applied.
        case gongqin([String])
        /// Anything else: another program's SQLite file, or not SQLite.
        case foreign
    }

    static func probe(_ path: String) throws(StoreFailure) -> Probe {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size == 0 { return .empty }
        do {
            let queue = try Connections.reader(path, context: LogContext(actor: "", command: ""))
            defer { try? queue.close() }
            return try queue.read { db -> Probe in
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")!
                if tables == 0 { return .empty }
                guard try db.tableExists("grdb_migrations"), try db.tableExists("person"), try db.tableExists("change_log") else {
                    return .foreign
                }
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                return applied.contains { $0.hasPrefix("0001_") } ? .gongqin(applied) : .foreign
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            return .foreign
        } catch {
            throw StoreErrors.map(error, path: path)
        }
    }

    /// The migrations this binary knows, in order.
    public static var migrationIdentifiers: [String] { SchemaMigrations.all.map(\.identifier) }

    /// Applies, inside the caller's transaction, the migrations of `Schema/` not yet
    /// applied (up to and including `last`), and lists each in GRDB's `grdb_migrations`
    /// table. The list is read inside the same transaction: two commands that open one
    /// new or older file at the same moment must not both apply a migration. (GRDB's
    /// `DatabaseMigrator` reads it outside each migration's transaction, and the slower of
    /// two racing commands failed on tables or seeded rows the other had just made: the
    /// race phase of Scripts/faults found it.) With an IMMEDIATE transaction, the second
    /// waits for the first's lock, then finds nothing pending.
    static func applyMigrations(_ db: Database, upTo last: String? = nil) throws {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        let applied = Set(try ExpectedSchema.appliedMigrations(db))
        for migration in SchemaMigrations.all {
            if !applied.contains(migration.identifier) {
                try db.execute(sql: migration.sql)
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.identifier])
            }
            if migration.identifier == last { break }
        }
    }

    /// Refuses a migration that left a reference dangling.
    static func checkForeignKeys(_ db: Database) throws {
        if try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") != nil {
            throw StoreFailure.migrationLeftDanglingReferences
        }
    }

    /// Whether the file at `path` is a database `gongqin demo` built, read without
    /// migrating or writing anything: demo replaces such a file, and only such a file.
    public static func isDemo(at path: String) -> Bool {
        guard let queue = try? Connections.reader(path, context: LogContext(actor: "", command: "")) else { return false }
        let marked = try? queue.read { db in
            try db.tableExists("setting")
                && String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [Settings.demo]) != nil
        }
        try? queue.close()
        return marked ?? false
    }

    /// The head recorded after this user's last write of this very file, if any.
    public var witnessedHead: LogHead? { witness?.recorded(for: path) }

    /// What the witness has to say of this file now (nil: it holds this file's head, and
    /// nothing was written since): no witness, one that does not read, one of another
    /// file, or entries added since this user's last write.
    public func witnessNotice() throws(StoreFailure) -> HeadWitness.Notice? {
        guard let witness else { return nil }
        return try readDatabase { db in try witness.notice(db, path: path) }
    }

    /// The migrations applied to this file.
    public func appliedMigrations() throws(StoreFailure) -> [String] {
        try readDatabase { db in try ExpectedSchema.appliedMigrations(db) }
    }

    /// Runs `body` in one IMMEDIATE transaction, through the gate: all of it is written,
    /// or none of it (WriteGate.transaction).
    func writeDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        try WriteGate(self).transaction(body)
    }

    /// Runs `body` in one read transaction: a consistent snapshot.
    func readDatabase<T>(_ body: (Database) throws -> T) throws(StoreFailure) -> T {
        do {
            return try reader.read(body)
        } catch {
            throw StoreErrors.map(error, path: path)
        }
    }

    /// Closes the read connection; a later read opens it again.
    public func close() {
        connection.close()
    }
}
