import Foundation
import GongQinCore
import GongQinSchema
import GRDB

/// Who writes, for the change log: the OS user and the command line (the change log, ARCHITECTURE.md).
public struct LogContext: Sendable {
    public var actor: String
    public var command: String

    public init(actor: String, command: String) {
        self.actor = actor
        self.command = command
    }
}

/// The gongqin database: one file, one `DatabaseQueue`, the migrator, and the
/// transactions every command runs in. Modelled on GRDB's demo `AppDatabase`.
public struct GongQinDatabase: Sendable {
    /// The file.
    public let path: String
    let writer: DatabaseQueue

    /// Opens the database at `path`, creating it (mode 0600) when it is missing and
    /// bringing an older schema up to date. Refuses a database from a newer gongqin.
    public static func open(at path: String, context: LogContext) throws(GongQinError) -> GongQinDatabase {
        try createFileIfMissing(path)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: makeConfiguration(context: context))
        } catch {
            throw StoreErrors.map(error, path: path)
        }
        let database = GongQinDatabase(path: path, writer: queue)
        try database.migrate()
        return database
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

    /// The migrator: one migration per file of `Schema/`, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in SchemaMigrations.all {
            migrator.registerMigration(migration.identifier, foreignKeyChecks: .immediate) { db in
                try db.execute(sql: migration.sql)
            }
        }
        return migrator
    }

    /// The migrations this binary knows, in order.
    public static var migrationIdentifiers: [String] { SchemaMigrations.all.map(\.identifier) }

    func migrate() throws(GongQinError) {
        let migrator = Self.migrator
        do {
            let unknown = try writer.read { db in
                try migrator.appliedIdentifiers(db).subtracting(SchemaMigrations.all.map(\.identifier))
            }
            if !unknown.isEmpty {
                throw GongQinError.invalid(
                    "数据库“\(path)”由更新版本的 gongqin 写入（含本版本不认识的结构版本 \(unknown.sorted().joined(separator: "、"))），本版本不能打开它",
                    hint: "请升级 gongqin 后再使用；数据库未被改动")
            }
            try migrator.migrate(writer)
        } catch let error as GongQinError {
            throw error
        } catch {
            throw StoreErrors.map(error, path: path)
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
        try readDatabase { db in try Self.migrator.completedMigrations(db) }
    }

    /// Runs `body` in one IMMEDIATE transaction: all of it is written, or none of it.
    /// Taking the write lock up front makes concurrent gongqin processes wait for each
    /// other (up to the busy timeout) instead of failing on a lock upgrade.
    func writeDatabase<T>(_ body: (Database) throws -> T) throws(GongQinError) -> T {
        do {
            var result: T?
            try writer.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
            }
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

    /// Creates an empty file with mode 0600, and its folder with mode 0700, when missing:
    /// the file holds identity numbers (Documentation/CLI.md).
    static func createFileIfMissing(_ path: String) throws(GongQinError) {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) { return }
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
        let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if fd < 0 {
            if errno == EEXIST { return }
            throw GongQinError(.unreadableFile, "无法创建数据库文件“\(path)”",
                               hint: "请检查路径和权限，或用 --db 指定其他位置")
        }
        close(fd)
    }
}
