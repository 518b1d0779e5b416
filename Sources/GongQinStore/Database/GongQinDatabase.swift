import Foundation
import GongQinCore
import GongQinSchema
import GRDB

/// Who writes, for the change log: the OS user and the command line (the change log, ARCHITECTURE.md).
public struct LogContext: Sendable {
    public var actor: String
    public var command: String
    /// Where the log's head is recorded after each write (README, “What the log detects”); nil: nowhere.
    public var witness: HeadWitness?

    public init(actor: String, command: String, witness: HeadWitness? = nil) {
        self.actor = actor
        self.command = command
        self.witness = witness
    }
}

/// The gongqin database: one file, one `DatabaseQueue`, its migrations, and the
/// transactions every command runs in. Modelled on GRDB's demo `AppDatabase`.
public struct GongQinDatabase: Sendable {
    /// The file.
    public let path: String
    let writer: DatabaseQueue
    /// Where the log's head is recorded outside the file, if anywhere.
    let witness: HeadWitness?
    /// The file was created by this opening.
    public internal(set) var created = false

    /// Opens the database at `path`, creating it (mode 0600) when it is missing and
    /// bringing an older schema up to date. Refuses a database from a newer gongqin.
    /// A file that is not a gongqin database (a foreign SQLite file, or any other file) is
    /// refused before anything is written to it. `created` tells whether the file was new.
    public static func open(at path: String, context: LogContext) throws(GongQinError) -> GongQinDatabase {
        try refuseEmptyPath(path)
        try FilePaths.refuseSpecial(path, what: "数据库")
        let existed = FileManager.default.fileExists(atPath: path)
        if existed, try probe(path) == .foreign { throw notGongQin(path) }
        // A file gongqin creates starts a new record of its log's head: an old record of
        // a file deleted at this path (whose inode may come back) is not its.
        let created = existed ? false : try createWhole(path, context: context)
        if created { context.witness?.forget(path) }
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: makeConfiguration(context: context))
        } catch {
            throw StoreErrors.map(error, path: path)
        }
        var database = GongQinDatabase(path: path, writer: queue, witness: context.witness)
        database.created = created
        try database.migrate()
        return database
    }

    /// Opens an existing database for a command that only reads: nothing is created,
    /// changed or upgraded. A missing file, a file that is not gongqin's and a schema
    /// older or newer than this binary's are refused.
    public static func openForReading(at path: String, context: LogContext) throws(GongQinError) -> GongQinDatabase {
        try refuseEmptyPath(path)
        try FilePaths.refuseSpecial(path, what: "数据库")
        guard FileManager.default.fileExists(atPath: path) else {
            throw GongQinError(.unreadableFile, "数据库“\(path)”不存在",
                               hint: "gongqin init 或任何写入命令（如 unit add）会创建它；请核对 --db 或 GONGQIN_DB")
        }
        switch try probe(path) {
        case .foreign: throw notGongQin(path)
        case .empty:
            throw GongQinError(.unreadableFile, "数据库“\(path)”是空文件，尚未建立",
                               hint: "gongqin init 或任何写入命令会建立它")
        case .gongqin(let applied):
            let known = SchemaMigrations.all.map(\.identifier)
            if !Set(applied).subtracting(known).isEmpty {
                throw GongQinError.invalid("数据库“\(path)”由更新版本的 gongqin 写入，本版本不能打开它",
                                           hint: "请升级 gongqin 后再使用；数据库未被改动")
            }
            if Set(known).subtracting(applied).isEmpty == false {
                throw GongQinError.invalid("数据库“\(path)”的结构版本较旧（\(applied.sorted().last ?? "无")），只读命令不升级它",
                                           hint: "请先运行 gongqin init 升级（升级前可用 gongqin backup 备份）")
            }
        }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        config.foreignKeysEnabled = true
        config.label = "gongqin"
        config.prepareDatabase { db in ChangeLog.registerFunctions(in: db, context: context) }
        do {
            // A reader writes nothing, so it records no head.
            return GongQinDatabase(path: path, writer: try DatabaseQueue(path: path, configuration: config), witness: nil)
        } catch {
            throw StoreErrors.map(error, path: path)
        }
    }

    /// `--db ""` names no file.
    static func refuseEmptyPath(_ path: String) throws(GongQinError) {
        if path.isEmpty { throw GongQinError.usage("数据库路径为空", hint: "请用 --db 给出数据库文件，或不写 --db 使用默认位置") }
    }

    static func notGongQin(_ path: String) -> GongQinError {
        .invalid("“\(path)”不是 gongqin 数据库，未做任何改动", hint: "请用 --db 指定 gongqin 的数据库文件")
    }

    /// What a file is, read with a read-only connection that changes nothing (no WAL switch).
    enum Probe: Equatable {
        /// No tables at all: a new or empty file.
        case empty
        /// gongqin's, with the migrations applied.
        case gongqin([String])
        /// Anything else: another program's SQLite file, or not SQLite.
        case foreign
    }

    static func probe(_ path: String) throws(GongQinError) -> Probe {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size == 0 { return .empty }
        var config = Configuration()
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
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

    static func makeConfiguration(context: LogContext) -> Configuration {
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.foreignKeysEnabled = true
        config.label = "gongqin"
        config.prepareDatabase { db in
            // WAL, set once when the file is new. GRDB's own `journalMode = .wal` writes to
            // the file on every open (it creates and drops a table to force a WAL file),
            // and a command that is refused must leave the file byte for byte as it was.
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            // Every committed transaction reaches the disk before the command reports it.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // 64 MB of page cache: a bulk import or an evaluation over a province keeps
            // its index pages in memory instead of spilling and rereading them.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            ChangeLog.registerFunctions(in: db, context: context)
        }
        return config
    }

    /// The migrations this binary knows, in order.
    public static var migrationIdentifiers: [String] { SchemaMigrations.all.map(\.identifier) }

    func migrate() throws(GongQinError) {
        do {
            let applied = try writer.read { db in try ExpectedSchema.appliedMigrations(db) }
            let unknown = Set(applied).subtracting(Self.migrationIdentifiers)
            if !unknown.isEmpty {
                throw GongQinError.invalid(
                    "数据库“\(path)”由更新版本的 gongqin 写入（含本版本不认识的结构版本 \(unknown.sorted().joined(separator: "、"))），本版本不能打开它",
                    hint: "请升级 gongqin 后再使用；数据库未被改动")
            }
            // An older file is upgraded only when its schema is the one its version should
            // have: a migration must not run on top of triggers someone added.
            if !applied.isEmpty, applied.count < Self.migrationIdentifiers.count {
                let differences = try writer.read { db in try ExpectedSchema.differences(db) }
                if !differences.isEmpty { throw ExpectedSchema.refusal(differences, path: path) }
            }
            try writer.writeWithoutTransaction { db in
                // A migration may rebuild a table (0008): foreign keys are off while the
                // migrations run, and every reference is checked before they commit.
                try db.execute(sql: "PRAGMA foreign_keys = OFF")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                try db.inTransaction(.immediate) {
                    try Self.applyMigrations(db)
                    try Self.checkForeignKeys(db)
                    return .commit
                }
            }
        } catch let error as GongQinError {
            throw error
        } catch {
            throw StoreErrors.map(error, path: path)
        }
    }

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
            throw GongQinError(.internalError, "升级数据库结构后有记录引用了不存在的记录，升级未完成",
                               hint: "数据库未被改动；请运行 gongqin check 查看，并把数据库备份交给维护人员")
        }
    }

    /// Whether the file at `path` is a database `gongqin demo` built, read without
    /// migrating or writing anything: demo replaces such a file, and only such a file.
    public static func isDemo(at path: String) -> Bool {
        var config = Configuration()
        config.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: config) else { return false }
        let marked = try? queue.read { db in
            try db.tableExists("setting")
                && String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [Settings.demo]) != nil
        }
        try? queue.close()
        return marked ?? false
    }

    /// The migrations applied to this file.
    public func appliedMigrations() throws(GongQinError) -> [String] {
        try readDatabase { db in try ExpectedSchema.appliedMigrations(db) }
    }

    /// Runs `body` in one IMMEDIATE transaction: all of it is written, or none of it.
    /// Taking the write lock up front makes concurrent gongqin processes wait for each
    /// other (up to the busy timeout) instead of failing on a lock upgrade.
    func writeDatabase<T>(_ body: (Database) throws -> T) throws(GongQinError) -> T {
        do {
            var result: T?
            var head: LogHead?
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    // Before anything is written, and so before a trigger of the file fires:
                    // a schema edited outside gongqin is refused, and so is a log that no
                    // longer holds the head recorded after the last write (README, “What the log detects”).
                    let differences = try ExpectedSchema.differences(db)
                    if !differences.isEmpty { throw ExpectedSchema.refusal(differences, path: path) }
                    try witness?.verify(db, path: path)
                    result = try body(db)
                    if witness != nil { head = try Integrity.head(db) }
                    return .commit
                }
            }
            witness?.record(head, for: path)
            return result!
        } catch {
            throw StoreErrors.map(error, path: path)
        }
    }

    /// Runs `body` in one read transaction: a consistent snapshot.
    func readDatabase<T>(_ body: (Database) throws -> T) throws(GongQinError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw StoreErrors.map(error, path: path)
        }
    }

    /// Runs `body` outside of any transaction, for the statements that refuse one
    /// (`VACUUM INTO`, backups).
    func withoutTransaction<T>(_ body: (Database) throws -> T) throws(GongQinError) -> T {
        do {
            return try writer.writeWithoutTransaction(body)
        } catch {
            throw StoreErrors.map(error, path: path)
        }
    }

    /// Creates the database at `path`, migrated, when no file is there, and tells whether
    /// this call created it. The file is built under a private name beside it and linked
    /// into place, so that commands opening the same new path at the same moment find no
    /// file or a whole one, never an empty or half-migrated one (a half-made file looked
    /// foreign to the others, and an empty one had them race on its journal mode; the
    /// race phase of Scripts/faults found both). A file system without hard links gets the
    /// file made in place, as before.
    static func createWhole(_ path: String, context: LogContext) throws(GongQinError) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).gongqin-new-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        func discard() {
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporary + suffix) }
        }
        guard try createFileIfMissing(temporary) else { return try createFileIfMissing(path) }
        do {
            let queue = try DatabaseQueue(path: temporary, configuration: makeConfiguration(context: context))
            try GongQinDatabase(path: temporary, writer: queue, witness: nil).migrate()
            try queue.close()
        } catch let error as GongQinError {
            discard()
            throw error
        } catch {
            discard()
            throw StoreErrors.map(error, path: path)
        }
        defer { discard() }
        if link(temporary, path) == 0 { return true }
        switch errno {
        case EEXIST: return false
        case EPERM, EOPNOTSUPP, ENOSYS: return try createFileIfMissing(path)
        default:
            throw GongQinError(.unreadableFile, "无法创建数据库文件“\(path)”",
                               hint: "请检查路径和权限，或用 --db 指定其他位置")
        }
    }

    /// Creates an empty file with mode 0600, and its folder with mode 0700, when missing:
    /// the file holds identity numbers (Documentation/CLI.md).
    /// Returns whether it created the file.
    @discardableResult
    static func createFileIfMissing(_ path: String, what: String = "数据库") throws(GongQinError) -> Bool {
        let fm = FileManager.default
        try FilePaths.refuseSpecial(path, what: what)
        if fm.fileExists(atPath: path) { return false }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !fm.fileExists(atPath: folder) {
            do {
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                       attributes: [.posixPermissions: 0o700])
            } catch {
                throw GongQinError(.unreadableFile, "无法创建数据库目录“\(folder)”",
                                   hint: "请检查路径和权限，或用 --db 指定其他位置")
            }
        }
        let fd = FilePaths.createPrivate(path)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw GongQinError(.unreadableFile, "无法创建数据库文件“\(path)”",
                               hint: "请检查路径和权限，或用 --db 指定其他位置")
        }
        close(fd)
        return true
    }
}
