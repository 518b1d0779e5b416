import Foundation
import GongQinCore
import GRDB

/// Every SQLite connection gongqin makes, in one place (Gate/README.md). A connection that
/// can write the database is made here for the gate alone (`WriteGate`), and for new files
/// only gongqin writes (`FreshFile`): `GateTests` fails when `DatabaseQueue`, a transaction
/// or a raw write appears in any other source file.
enum Connections {
    /// How long a command waits for another's lock before it gives up (exit 75):
    /// `GONGQIN_BUSY_TIMEOUT` seconds, 5 by default.
    static var busyTimeout: TimeInterval {
        ProcessInfo.processInfo.environment["GONGQIN_BUSY_TIMEOUT"].flatMap(TimeInterval.init).map { max(0, min($0, 600)) } ?? 5
    }

    /// A path as SQLite must be given it: SQLite reads a name that begins with `file:` as a
    /// URI (Debian builds it with SQLITE_USE_URI), so such a name is made relative.
    static func plainName(_ path: String) -> String {
        path.hasPrefix("file:") ? "./" + path : path
    }

    /// The settings every connection shares: the busy timeout, foreign keys, and the SQL
    /// functions the change-log triggers call.
    static func configuration(_ context: LogContext, readonly: Bool) -> Configuration {
        var config = Configuration()
        config.readonly = readonly
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "gongqin"
        config.prepareDatabase { db in ChangeLog.registerFunctions(in: db, context: context) }
        return config
    }

    /// A read-only connection to an existing file: nothing it does changes the file. On
    /// read-only media (a folder or mount where SQLite cannot make the shared-memory file a
    /// write-ahead log needs), the file is opened immutable, which reads it as it stands.
    static func reader(_ path: String, context: LogContext) throws -> DatabaseQueue {
        let config = configuration(context, readonly: true)
        do {
            let queue = try DatabaseQueue(path: plainName(path), configuration: config)
            // The first read is where a write-ahead log without its shared memory fails.
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            return queue
        } catch let error as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_IOERR].contains(error.resultCode) {
            guard !FilePaths.isWritableFolder(of: path) else { throw error }
            return try DatabaseQueue(path: immutableURI(path), configuration: config)
        }
    }

    /// Whether the file begins as every SQLite database does.
    static func isSQLite(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 16)) == Data("SQLite format 3\u{0}".utf8)
    }

    /// `file:/abs/path?immutable=1`, the path's `%`, `?` and `#` escaped.
    static func immutableURI(_ path: String) -> String { uri(path, "immutable=1") }

    /// `file:/abs/path?mode=ro`: a file ATTACHed only to be read.
    static func readOnlyURI(_ path: String) -> String { uri(path, "mode=ro") }

    static func uri(_ path: String, _ query: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var escaped = ""
        for character in absolute.unicodeScalars {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return "file:" + escaped + "?" + query
    }

    /// A connection that writes the database: the gate's alone. The file is set to WAL the
    /// first time (GRDB's own `journalMode = .wal` writes on every open, and a write that
    /// is refused must leave the file as it was, so the gate checks the file first).
    static func writer(_ path: String, context: LogContext) throws -> DatabaseQueue {
        var config = configuration(context, readonly: false)
        config.prepareDatabase { db in
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            // Every committed transaction reaches the disk before the command reports it.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // 64 MB of page cache: a bulk import or an evaluation over a province keeps
            // its index pages in memory instead of spilling and rereading them.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // A merge's work tables (a bundle's copy, its ids mapped) are small and made
            // and emptied for every bundle: in memory, not in a temporary file.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        return try DatabaseQueue(path: plainName(path), configuration: config)
    }

    /// A private database in memory, for the expected schema: foreign keys off, as every
    /// migration runs (checked before the commit; Schema/0008 rebuilds tables).
    static func memory(_ context: LogContext) throws -> DatabaseQueue {
        var config = configuration(context, readonly: false)
        config.foreignKeysEnabled = false
        return try DatabaseQueue(configuration: config)
    }

    /// A private temporary database on disk, deleted when it closes: the copy
    /// `merge --dry-run` merges into (WriteGate.rehearse).
    static func scratch(_ context: LogContext) throws -> DatabaseQueue {
        try DatabaseQueue(path: "", configuration: configuration(context, readonly: false))
    }
}

/// The read-only connection of a `GongQinDatabase`, opened when first needed. The gate
/// closes it before it closes its writer, so that the writer is the file's last
/// connection in this process: SQLite then folds the write-ahead log back into the file as
/// the writer closes, and a clerk who copies the one file after a command copies all of
/// it. A read after that opens it again.
final class ReadConnection: @unchecked Sendable {
    let path: String
    let context: LogContext
    private var queue: DatabaseQueue?
    private let lock = NSLock()

    init(path: String, context: LogContext) {
        self.path = path
        self.context = context
    }

    func get() throws -> DatabaseQueue {
        lock.lock()
        defer { lock.unlock() }
        if let queue { return queue }
        let opened = try Connections.reader(path, context: context)
        queue = opened
        return opened
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        try? queue?.close()
        queue = nil
    }
}
