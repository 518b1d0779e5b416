import Foundation
import GongQinCore
import GRDB

/// `backup FILE` and `restore FILE` (CLI.md, files), through SQLite's online backup.
extension GongQinDatabase {
    /// Copies the database to a new file with mode 0600. The copy is read in one read
    /// transaction: a consistent snapshot, while other processes go on writing.
    public func backup(to target: String) throws(GongQinError) {
        try FilePaths.refuseSpecial(target, what: "备份文件")
        if FileManager.default.fileExists(atPath: target) {
            throw .invalid("备份文件“\(target)”已存在", hint: "备份不会覆盖已有文件，请换一个文件名")
        }
        do {
            try Self.copy(writer, to: target)
        } catch {
            throw StoreErrors.map(error, path: target)
        }
    }

    /// Copies a database into a new file of mode 0600 through the backup API. The copy is
    /// one self-contained file (rollback journal, no write-ahead log beside it).
    static func copy(_ source: some DatabaseReader, to target: String) throws {
        try createFileIfMissing(target, what: "备份文件")
        do {
            let destination = try DatabaseQueue(path: target)
            try source.backup(to: destination)
            try destination.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try destination.close()
        } catch {
            try? FileManager.default.removeItem(atPath: target)
            throw error
        }
    }

    /// What a restore did.
    public struct Restored: Sendable {
        /// The migrations the restored file had; older ones are brought up to date on open.
        public var migrations: [String]
    }

    /// Replaces the database at `path` by the backup `candidate`, after checking it: it
    /// must pass `PRAGMA integrity_check` and come from this version of the schema or an
    /// older one. The current database is kept as `PATH.before-restore` until the restore
    /// has succeeded; a restore that fails leaves it there and says so.
    /// `anchor`, when given, is a head (`check --anchor`) the backup's log must hold.
    public static func restore(from candidate: String, into path: String, context: LogContext,
                               anchor: LogHead? = nil) throws(GongQinError) -> Restored {
        try FilePaths.refuseSpecial(candidate, what: "备份文件")
        try FilePaths.refuseSpecial(path, what: "数据库")
        let migrations = try validateBackup(candidate, anchor: anchor)
        let kept = path + ".before-restore"
        let fm = FileManager.default
        let hadDatabase = fm.fileExists(atPath: path)
        if hadDatabase {
            if fm.fileExists(atPath: kept) {
                throw .invalid("“\(kept)”已存在：可能是上次恢复留下的原数据库",
                               hint: "请核对后把它移走或改名，再重新运行 gongqin restore")
            }
            do {
                // Through the backup API, so that what the write-ahead log holds is kept too.
                let current = try DatabaseQueue(path: path, configuration: makeConfiguration(context: context))
                try copy(current, to: kept)
                try current.close()
            } catch {
                let reason = (error as? GongQinError)?.line ?? StoreErrors.map(error, path: path).line
                throw GongQinError(.unreadableFile, "无法读取当前数据库“\(path)”以留存原件（\(reason)）",
                                   hint: "如当前数据库已损坏，请先把它移走，再运行 gongqin restore")
            }
        } else {
            try createFileIfMissing(path)
        }
        do {
            var readOnly = Configuration()
            readOnly.readonly = true
            let source = try DatabaseQueue(path: candidate, configuration: readOnly)
            // The backup API writes the destination in one transaction: all of the backup or
            // none of it, whoever else has the file open.
            let destination = try DatabaseQueue(path: path, configuration: makeConfiguration(context: context))
            try source.backup(to: destination)
            let check = try destination.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            guard check == ["ok"] else { throw GongQinError(.internalError, "恢复后的数据库未通过完整性检查") }
            // The restored log is the one to hold from now on.
            let head = try destination.read { db in try Integrity.head(db) }
            context.witness?.record(head, for: path)
            try destination.close()
            try source.close()
        } catch {
            let reason = (error as? GongQinError)?.line ?? StoreErrors.map(error, path: path).line
            throw GongQinError(.internalError, "恢复失败：\(reason)",
                               hint: hadDatabase ? "原数据库留存在“\(kept)”，可用 gongqin restore \(kept) 还原" : nil)
        }
        if hadDatabase { try? fm.removeItem(atPath: kept) }
        return Restored(migrations: migrations)
    }

    /// Checks a backup before it replaces anything; returns its migrations.
    static func validateBackup(_ candidate: String, anchor: LogHead? = nil) throws(GongQinError) -> [String] {
        guard FileManager.default.isReadableFile(atPath: candidate) else {
            throw GongQinError(.unreadableFile, "找不到或无法读取备份文件“\(candidate)”", hint: "请检查路径和权限")
        }
        do {
            var readOnly = Configuration()
            readOnly.readonly = true
            let source = try DatabaseQueue(path: candidate, configuration: readOnly)
            defer { try? source.close() }
            return try source.read { db in
                let check = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard check == ["ok"] else {
                    throw GongQinError.invalid("备份文件“\(candidate)”已损坏，未通过完整性检查（\(check.prefix(3).joined(separator: "；"))）",
                                               hint: "当前数据库未被改动；请换一个备份")
                }
                guard try db.tableExists("grdb_migrations") else {
                    throw GongQinError.invalid("“\(candidate)”不是 gongqin 的备份（没有结构版本记录）", hint: "当前数据库未被改动")
                }
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
                let unknown = applied.filter { !migrationIdentifiers.contains($0) }
                if !unknown.isEmpty {
                    throw GongQinError.invalid(
                        "备份文件“\(candidate)”由更新版本的 gongqin 写入（含本版本不认识的结构版本 \(unknown.joined(separator: "、"))）",
                        hint: "请升级 gongqin 后再恢复；当前数据库未被改动")
                }
                guard applied.first == migrationIdentifiers.first else {
                    throw GongQinError.invalid("“\(candidate)”不是 gongqin 的备份（结构版本不符）", hint: "当前数据库未被改动")
                }
                let differences = try ExpectedSchema.differences(db)
                if !differences.isEmpty {
                    throw GongQinError.invalid(
                        "备份文件“\(candidate)”的结构与 gongqin 应有的结构不符（\(differences.prefix(3).map(\.detail).joined(separator: "；"))\(differences.count > 3 ? "等\(differences.count)处" : "")），可能被改动过，拒绝恢复",
                        hint: "可用 gongqin check --db \(candidate) 查看详情；当前数据库未被改动，请换一个备份")
                }
                if let anchor {
                    let stored = try String.fetchOne(db, sql: "SELECT hash FROM change_log WHERE seq = ?", arguments: [anchor.seq])
                    if stored.map({ !$0.hasPrefix(anchor.hash) }) ?? true {
                        throw GongQinError.invalid(
                            "备份文件“\(candidate)”的变更日志\(stored == nil ? "没有锚点所记的第\(anchor.seq)条" : "第\(anchor.seq)条与锚点的哈希不同")：备份早于锚点，或其日志被重写或截短，拒绝恢复",
                            hint: "请换一个在锚点之后做的备份；当前数据库未被改动")
                    }
                }
                return applied
            }
        } catch let error as GongQinError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            throw GongQinError.invalid("备份文件“\(candidate)”已损坏，无法读取其中的数据", hint: "当前数据库未被改动；请换一个备份")
        } catch {
            let mapped = StoreErrors.map(error, path: candidate)
            if mapped.kind == .unreadableFile {
                throw GongQinError(.unreadableFile, "备份文件“\(candidate)”无法读取或不是 SQLite 数据库", hint: "当前数据库未被改动")
            }
            throw GongQinError.invalid("备份文件“\(candidate)”已损坏（\(mapped.message)）", hint: "当前数据库未被改动；请换一个备份")
        }
    }
}
