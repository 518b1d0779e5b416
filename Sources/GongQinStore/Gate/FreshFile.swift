import Foundation
import GongQinCore
import GRDB

/// New files that gongqin makes and nothing else has seen yet: the database being built
/// beside its path, and a backup. They are made with mode 0600 (they hold identity
/// numbers), never through a link, and never over a file that exists.
enum FreshFile {
    /// Creates an empty file with mode 0600, and its folder with mode 0700, when missing.
    /// Returns whether it created the file.
    @discardableResult
    static func createIfMissing(_ path: String, file: FileRole = .database) throws(StoreFailure) -> Bool {
        let fm = FileManager.default
        try FilePaths.refuseSpecial(path, file: file)
        if fm.fileExists(atPath: path) { return false }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !fm.fileExists(atPath: folder) {
            do {
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                       attributes: [.posixPermissions: 0o700])
            } catch {
                throw .folderNotCreated(folder: folder, file: file)
            }
        }
        let fd = FilePaths.createPrivate(path)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw .fileNotCreated(path: path, file: file, reason: String(cString: strerror(errno)))
        }
        close(fd)
        return true
    }

    /// Copies a database, as one consistent snapshot read in one read transaction, into
    /// the new file `target` through SQLite's backup API: one self-contained file (a
    /// rollback journal, no write-ahead log beside it). A copy that fails leaves nothing
    /// behind, its journal included.
    static func copy(_ source: DatabaseQueue, to target: String, file: FileRole) throws {
        try createIfMissing(target, file: file)
        do {
            let destination = try DatabaseQueue(path: Connections.plainName(target))
            do {
                try source.backup(to: destination)
                try destination.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
                try destination.close()
            } catch {
                try? destination.close()
                throw error
            }
        } catch {
            for suffix in ["", "-journal", "-wal", "-shm"] { unlink(target + suffix) }
            throw error
        }
    }
}

extension FreshFile {
    /// Fills the new gongqin file `path` (made by `GongQinDatabase.open` a moment ago, seen
    /// by no one else: a bundle) in one IMMEDIATE transaction, with the files of `attaching`
    /// (alias → path) attached read-only, then makes it one self-contained file (a rollback
    /// journal, no write-ahead log beside it).
    static func fill<T>(_ path: String, context: LogContext, attaching: [String: String] = [:],
                        _ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: Connections.plainName(path), configuration: Connections.configuration(context, readonly: false))
        defer { try? queue.close() }
        return try queue.writeWithoutTransaction { db in
            for (alias, file) in attaching {
                try db.execute(sql: "ATTACH DATABASE ? AS \(alias)", arguments: [Connections.readOnlyURI(file)])
            }
            defer { for alias in attaching.keys { try? db.execute(sql: "DETACH DATABASE \(alias)") } }
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            try db.execute(sql: "PRAGMA main.journal_mode = DELETE")
            return result!
        }
    }
}
