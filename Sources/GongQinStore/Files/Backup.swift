import Foundation
import GongQinCore
import GRDB

/// `backup FILE` and `restore FILE` (CLI.md, files), through SQLite's online backup.
extension GongQinDatabase {
    /// Copies the database to a new file with mode 0600. The copy is read in one read
    /// transaction: a consistent snapshot, while other processes go on writing. A copy
    /// that fails leaves no file behind.
    public func backup(to target: String) throws(GongQinError) {
        try FilePaths.refuseSpecial(target, what: "备份文件")
        if FileManager.default.fileExists(atPath: target) {
            throw .invalid("备份文件“\(target)”已存在", hint: "备份不会覆盖已有文件，请换一个文件名")
        }
        do {
            try FreshFile.copy(try reader, to: target, what: "备份文件")
        } catch {
            throw StoreErrors.output(error, path: target, what: "备份文件")
        }
    }

    /// What a restore did.
    public struct Restored: Sendable {
        /// The migrations the restored file had; older ones are brought up to date on open.
        public var migrations: [String]
        /// Where the replaced database was kept, if there was one.
        public var kept: String?
    }

    /// Replaces the database at `path` by the backup `candidate`, after checking the whole
    /// of it as `check` does (SQLite's checks, the schema, the hash chain, the log against
    /// the data, the ledger), and `anchor`, when given: a head (`check --anchor`) its log
    /// must hold. The current database is kept as `PATH.before-restore` (or the first free
    /// `PATH.before-restore-N`), and stays there.
    public static func restore(from candidate: String, into path: String, context: LogContext,
                               anchor: LogHead? = nil) throws(GongQinError) -> Restored {
        try FilePaths.refuseSpecial(candidate, what: "备份文件")
        try refuseUnusable(path)
        let migrations = try validateBackup(candidate, anchor: anchor, context: context)
        let fm = FileManager.default
        var kept: String?
        if fm.fileExists(atPath: path) {
            let target = keptName(for: path)
            do {
                // Through the backup API, so that what the write-ahead log holds is kept too.
                let current = try Connections.reader(path, context: context)
                defer { try? current.close() }
                try FreshFile.copy(current, to: target, what: "原数据库的留存副本")
            } catch {
                let mapped = StoreErrors.output(error, path: target, what: "原数据库的留存副本")
                throw GongQinError(mapped.kind, "无法把当前数据库留存为“\(target)”，未恢复：\(mapped.message)",
                                   hint: mapped.kind == .outputFailed ? "请清理磁盘空间或检查权限后重试；当前数据库未被改动"
                                       : "如当前数据库已损坏，请先把它移走，再运行：gongqin restore \(candidate) --db \(path)")
            }
            kept = target
        }
        try WriteGate.restore(candidate, into: path, context: context, kept: kept)
        return Restored(migrations: migrations, kept: kept)
    }

    /// `PATH.before-restore`, or the first of `PATH.before-restore-2`, `-3`… not taken.
    static func keptName(for path: String) -> String {
        let base = path + ".before-restore"
        var name = base
        var n = 1
        while FileManager.default.fileExists(atPath: name) || (try? FileManager.default.destinationOfSymbolicLink(atPath: name)) != nil {
            n += 1
            name = base + "-\(n)"
        }
        return name
    }

    /// Checks a backup before it replaces anything, as `check` would; returns its migrations.
    static func validateBackup(_ candidate: String, anchor: LogHead?, context: LogContext) throws(GongQinError) -> [String] {
        guard FileManager.default.isReadableFile(atPath: candidate) else {
            throw GongQinError(.unreadableFile, "找不到或无法读取备份文件“\(candidate)”", hint: "请检查路径和权限")
        }
        let probed: Probe
        do {
            probed = try probe(candidate)
        } catch {
            throw GongQinError.invalid("备份文件“\(candidate)”已损坏，无法读取其中的数据", hint: "当前数据库未被改动；请换一个备份")
        }
        guard case .gongqin(let applied) = probed else {
            if Connections.isSQLite(candidate) {
                throw GongQinError.invalid("“\(candidate)”不是 gongqin 的备份", hint: "当前数据库未被改动；请换一个备份")
            }
            throw GongQinError(.unreadableFile, "备份文件“\(candidate)”无法读取或不是 SQLite 数据库", hint: "当前数据库未被改动")
        }
        let unknown = applied.filter { !migrationIdentifiers.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw GongQinError.invalid(
                "备份文件“\(candidate)”由更新版本的 gongqin 写入（含本版本不认识的结构版本 \(unknown.joined(separator: "、"))）",
                hint: "请升级 gongqin 后再恢复；当前数据库未被改动")
        }
        let source = try GongQinDatabase(path: candidate, context: context)
        defer { source.close() }
        let findings: [IntegrityFinding]
        do {
            findings = try source.read { s in try s.integrity.run(anchor: anchor, today: context.today) }
        } catch let error as GongQinError {
            throw error
        } catch {
            throw GongQinError.invalid("备份文件“\(candidate)”已损坏，无法读取其中的数据", hint: "当前数据库未被改动；请换一个备份")
        }
        if !findings.isEmpty {
            throw GongQinError.invalid(
                "备份文件“\(candidate)”未通过校验（\(findings.prefix(3).map(\.detail).joined(separator: "；"))\(findings.count > 3 ? "等\(findings.count)处" : "")），拒绝恢复",
                hint: "可用 gongqin check --db \(candidate) 查看详情；当前数据库未被改动，请换一个备份")
        }
        return applied
    }
}
