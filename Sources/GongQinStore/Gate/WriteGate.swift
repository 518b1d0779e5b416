import Foundation
import GongQinCore
import GRDB

/// The one gate every write passes (Documentation/ARCHITECTURE.md, “The write gate”):
/// every command, import with or without `--update`, merge, revert, restore, init and the
/// migrations. It is the only code that makes a connection able to write the database
/// (Connections.writer).
///
/// Before the body runs, the file is read through the read-only connection, unchanged:
/// its whole schema must be the one its version should have, and its log must still hold
/// the head recorded after this user's last write. Only then is a writable connection
/// opened (which may switch the file to WAL) and an IMMEDIATE transaction begun, in which
/// the same two checks are made again under the write lock. At the commit, in the same
/// transaction, `CommitChecks` judges what the transaction wrote (RULES R1, the checks of
/// typed input, the custody of every row it changed). Any failure rolls everything back.
struct WriteGate {
    let database: GongQinDatabase

    init(_ database: GongQinDatabase) {
        self.database = database
    }

    var path: String { database.path }
    var context: LogContext { database.context }

    /// The file as it is, read without changing it: a schema edited outside gongqin, or a
    /// log that no longer holds `witnessed` (the head recorded after this user's last
    /// write, read before the transaction began), is refused before anything is written.
    func verifyFile(_ db: Database, witnessed: LogHead?) throws {
        let differences = try ExpectedSchema.differences(db)
        if !differences.isEmpty { throw ExpectedSchema.refusal(differences, path: path) }
        try HeadWitness.verify(db, head: witnessed, path: path)
    }

    /// The head the witness recorded for this file, read before a transaction begins.
    var witnessed: LogHead? { context.witness?.recorded(for: path) }

    /// Runs `body` in one IMMEDIATE transaction that passes the gate, and records the new
    /// head. A `GongQinError` or `RecordError` thrown by the body or the checks passes
    /// through as it is; anything else is worded by `StoreErrors`.
    /// `commit` decides from the body's result whether to commit (a merge with conflicts
    /// and no `--prefer` rolls back, and says so); a transaction rolled back is not checked.
    func transaction<T>(_ body: (Database) throws -> T, commit: (T) -> Bool = { _ in true }) throws -> T {
        let before = witnessed
        try guarded { try database.reader.read { db in try verifyFile(db, witnessed: before) } }
        let writer = try open()
        defer { close(writer) }
        var result: T?
        var head: LogHead?
        let recorded = witnessed
        try guarded {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try verifyFile(db, witnessed: recorded)
                    let start = try Integrity.head(db)?.seq ?? 0
                    let value = try body(db)
                    result = value
                    guard commit(value) else { return .rollback }
                    try CommitChecks(db: db, since: start, today: context.today, path: path).run()
                    // The unit's seal on the new head, in this transaction (README, “The unit's seal”).
                    if let key = context.seal, try Seals.unsealed(db, since: start) {
                        try Seals.sealHead(db, key: key, at: LogContext.now)
                    }
                    head = try Integrity.head(db)
                    return .commit
                }
            }
        }
        if head != nil { context.witness?.record(head, for: path) }
        return result!
    }

    /// A write made on a private copy of the database, with the gate's checks at its end,
    /// then thrown away: `merge --dry-run` judges a list as the real run would, and changes
    /// and creates nothing. The copy is a temporary file SQLite deletes when it closes.
    func rehearse<T>(_ body: (Database) throws -> T) throws -> T {
        try guarded {
            let recorded = witnessed
            try database.reader.read { db in try verifyFile(db, witnessed: recorded) }
            let scratch = try Connections.scratch(context)
            defer { try? scratch.close() }
            try database.reader.backup(to: scratch)
            var result: T?
            try scratch.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    let start = try Integrity.head(db)?.seq ?? 0
                    result = try body(db)
                    try CommitChecks(db: db, since: start, today: context.today, path: path).run()
                    return .rollback
                }
            }
            return result!
        }
    }

    /// Runs `body`; a `GongQinError`, `StoreFailure` or `RecordError` passes through as it
    /// is, anything else is typed by `StoreErrors`.
    func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as GongQinError {
            throw error
        } catch let error as StoreFailure {
            throw error
        } catch let error as RecordError {
            throw error
        } catch {
            throw StoreErrors.map(error, path: path)
        }
    }

    /// Closes the writer as the file's last connection in this process (the read one
    /// closed first, `ReadConnection`), so that SQLite folds the write-ahead log back into
    /// the file.
    func close(_ writer: DatabaseQueue) {
        database.connection.close()
        try? writer.close()
    }

    /// The writable connection, once the file has passed. A file on read-only media is
    /// still read (`Connections.reader`), and a write to it says why it cannot be made.
    func open() throws(StoreFailure) -> DatabaseQueue {
        let file = database.file
        if !FilePaths.isWritableFolder(of: file) || access(file, W_OK) != 0 {
            throw .databaseReadOnlyMedia(path: path)
        }
        do {
            return try Connections.writer(file, context: context)
        } catch {
            throw StoreErrors.map(error, path: path)
        }
    }

    /// Brings an older file up to date, through the gate: refused (65, unchanged) when a
    /// newer gongqin wrote it, when its schema is not the one its version should have
    /// (a migration must not run on top of triggers someone added), or when its log no
    /// longer holds the recorded head. The pending migrations and the list of them are
    /// read and applied in one IMMEDIATE transaction, with foreign keys off and checked
    /// before the commit (a migration may rebuild a table, Schema/0008).
    func migrate() throws(StoreFailure) {
        let applied = try database.readDatabase { db in try ExpectedSchema.appliedMigrations(db) }
        let unknown = Set(applied).subtracting(GongQinDatabase.migrationIdentifiers)
        if !unknown.isEmpty {
            throw .databaseNewerMigrations(path: path, unknown: unknown.sorted())
        }
        guard applied.count < GongQinDatabase.migrationIdentifiers.count else { return }
        var head: LogHead?
        do {
            let recorded = witnessed
            if !applied.isEmpty { try database.reader.read { db in try verifyFile(db, witnessed: recorded) } }
            let writer = try open()
            defer { close(writer) }
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                try db.inTransaction(.immediate) {
                    let now = try ExpectedSchema.appliedMigrations(db)
                    if !now.isEmpty, now.count < GongQinDatabase.migrationIdentifiers.count { try verifyFile(db, witnessed: recorded) }
                    try GongQinDatabase.applyMigrations(db)
                    try GongQinDatabase.checkForeignKeys(db)
                    head = try Integrity.head(db)
                    return .commit
                }
            }
        } catch {
            throw StoreErrors.map(error, path: path)
        }
        context.witness?.record(head, for: path)
    }

    /// Creates the database at `path`, migrated, when no file is there, and tells whether
    /// this call created it: built beside the path and linked into place (`build`), or, on
    /// a file system without hard links, made in place as before.
    static func createWhole(_ path: String, context: LogContext) throws(StoreFailure) -> Bool {
        do {
            switch try build(path, context: context, fill: { _ in }) {
            case .linked: return true
            case .taken: return false
            case .inPlace:
                context.witness?.forget(path)
                return try FreshFile.createIfMissing(path)
            }
        } catch let error as StoreFailure {
            throw error
        } catch {
            throw .databaseNotCreated(path: path)
        }
    }

    /// What became of a database built beside its path.
    enum Built<T> {
        /// Linked into place, whole, with what `fill` returned.
        case linked(T)
        /// A file appeared at the path meanwhile (another command made it): this one is
        /// discarded, and the command goes on with that file.
        case taken
        /// The file system has no hard links (or the private name was taken): this one is
        /// discarded, and the file is to be made in place.
        case inPlace
    }

    /// Builds a new database for `path` under a private name beside it: created (mode
    /// 0600) and migrated, then filled by `fill` through the gate (a `merge` into a new
    /// file), and linked into place only then. Commands opening the same new path at the
    /// same moment find no file or a whole one, never an empty or half-migrated one (a
    /// half-made file looked foreign to the others, and an empty one had them race on its
    /// journal mode; the race phase of Scripts/faults found both); and when `fill` throws,
    /// nothing is created. The file's head is recorded for `path` once it is in place: a
    /// new file starts a new record, and an old record of a file deleted at this path
    /// (whose inode may come back) is not its.
    static func build<T>(_ path: String, context: LogContext, fill: (GongQinDatabase) throws -> T) throws -> Built<T> {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).gongqin-new-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        func discard() {
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary + suffix) }
        }
        guard try FreshFile.createIfMissing(temporary) else { return .inPlace }
        let value: T
        let head: LogHead?
        do {
            // The file under its private name has no witness: its head is recorded once it
            // is in place.
            let building = LogContext(actor: context.actor, command: context.command, today: context.today, seal: context.seal)
            let fresh = try GongQinDatabase(path: path, file: temporary, context: building)
            defer { fresh.close() }
            try WriteGate(fresh).migrate()
            value = try fill(fresh)
            head = try fresh.readDatabase { db in try Integrity.head(db) }
        } catch {
            discard()
            throw error
        }
        defer { discard() }
        if link(temporary, path) == 0 {
            context.witness?.forget(path)
            context.witness?.record(head, for: path)
            return .linked(value)
        }
        switch errno {
        case EEXIST: return .taken
        case EPERM, EOPNOTSUPP, ENOSYS: return .inPlace
        default: throw StoreFailure.databaseNotCreated(path: path)
        }
    }
}

extension WriteGate {
    /// `restore`'s write: the backup `candidate`, already checked whole
    /// (GongQinDatabase.validateBackup), copied over the database at `path` through
    /// SQLite's backup API in one transaction, whoever else has the file open. The restored
    /// log is the one the witness holds from now on.
    static func restore(_ candidate: String, into path: String, context: LogContext, kept: String?) throws(StoreFailure) {
        try FreshFile.createIfMissing(path)
        do {
            let source = try Connections.reader(candidate, context: context)
            defer { try? source.close() }
            let destination = try Connections.writer(path, context: context)
            defer { try? destination.close() }
            try source.backup(to: destination)
            let check = try destination.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            guard check == ["ok"] else { throw StoreFailure.restoredUnsound }
            context.witness?.record(try destination.read { db in try Integrity.head(db) }, for: path)
        } catch {
            throw .restoreFailed(path: path, kept: kept, reason: StoreErrors.map(error, path: path))
        }
    }
}
