import Foundation
import GongQinCore
import GRDB

/// `backup FILE` and `restore FILE` (CLI.md, files), through SQLite's online backup.
extension GongQinDatabase {
    /// Copies the database to a new file with mode 0600. The copy is read in one read
    /// transaction: a consistent snapshot, while other processes go on writing. A copy
    /// that fails leaves no file behind.
    public func backup(to target: String) throws(StoreFailure) {
        try FilePaths.refuseSpecial(target, file: .backup)
        if FileManager.default.fileExists(atPath: target) {
            throw .backupExists(path: target)
        }
        do {
            try FreshFile.copy(try reader, to: target, file: .backup)
        } catch {
            throw StoreErrors.output(error, path: target, file: .backup)
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
                               anchor: LogHead? = nil) throws(StoreFailure) -> Restored {
        try FilePaths.refuseSpecial(candidate, file: .backup)
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
                try FreshFile.copy(current, to: target, file: .keptCopy)
            } catch {
                throw .keepFailed(target: target, candidate: candidate, path: path,
                                  reason: StoreErrors.output(error, path: target, file: .keptCopy))
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
    static func validateBackup(_ candidate: String, anchor: LogHead?, context: LogContext) throws(StoreFailure) -> [String] {
        guard FileManager.default.isReadableFile(atPath: candidate) else {
            throw .backupUnreadable(path: candidate)
        }
        let probed: Probe
        do {
            probed = try probe(candidate)
        } catch {
            throw .backupDamaged(path: candidate)
        }
        guard case .gongqin(let applied) = probed else {
            if Connections.isSQLite(candidate) {
                throw .backupNotGongQin(path: candidate)
            }
            throw .backupNotSQLite(path: candidate)
        }
        let unknown = applied.filter { !migrationIdentifiers.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw .backupNewer(path: candidate, unknown: unknown)
        }
        let source = try GongQinDatabase(path: candidate, context: context)
        defer { source.close() }
        let findings: [IntegrityFinding]
        do {
            findings = try source.read { s in try s.integrity.run(anchor: anchor, today: context.today) }
        } catch let error as GongQinError {
            throw .core(error)
        } catch let error as StoreFailure {
            throw error
        } catch {
            throw .backupDamaged(path: candidate)
        }
        if !findings.isEmpty {
            throw .backupFailsChecks(path: candidate, findings: findings)
        }
        return applied
    }
}
