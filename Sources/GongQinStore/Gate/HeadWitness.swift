import Crypto
import Foundation
import GongQinCore
import GRDB

/// Where the change log stood after gongqin last wrote a database, kept outside the file
/// (README, “Hostile text and outputs”): one small file of mode 0600 per database, in the user's state folder.
/// Before each write gongqin checks that the log still holds that entry with that hash, so
/// a log rewritten or cut short with the sqlite3 shell since is refused, not written on.
///
/// It is a witness, not a proof: it sits under the same account as the database, and a
/// file replaced wholesale (another inode) starts a new witness. `check --anchor` with a
/// head kept on paper is the check that holds against that too.
public struct HeadWitness: Sendable {
    /// The folder of the witness files.
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// The witness file of the database at `path`: named by a hash of its real path.
    func file(for path: String) -> String {
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let digest = ChangeLog.hexadecimalText(SHA256.hash(data: Data(real.utf8)).prefix(16))
        return folder + "/" + digest
    }

    /// The file's identity: device and inode. A witness of another file is not this one's.
    static func identity(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "\(info.st_dev):\(info.st_ino)"
    }

    /// What the witness file says of `path`.
    enum Reading {
        /// The head recorded after this user's last write of this very file.
        case head(LogHead)
        /// No witness: gongqin has not written this file as this user here, or the
        /// witness was deleted.
        case missing
        /// A witness that does not read.
        case garbled
        /// A witness of another file at this path: the file was replaced since.
        case otherFile
    }

    func reading(for path: String) -> Reading {
        guard let identity = Self.identity(path) else { return .missing }
        let target = file(for: path)
        guard FileManager.default.fileExists(atPath: target) else { return .missing }
        guard let text = try? String(contentsOfFile: target, encoding: .utf8) else { return .garbled }
        let parts = text.split(separator: " ")
        guard parts.count == 2, let head = LogHead.parse(String(parts[1]).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            return .garbled
        }
        return parts[0] == identity ? .head(head) : .otherFile
    }

    /// The head recorded for `path`, when it was recorded for this very file.
    func recorded(for path: String) -> LogHead? {
        if case .head(let head) = reading(for: path) { return head }
        return nil
    }

    /// What a command should be told about the witness before it writes: nothing when the
    /// witness holds this file's head; otherwise why the check of the log against it
    /// cannot be made this time (Documentation/CLI.md, the witness).
    public enum Notice: Sendable, Equatable {
        case missing, garbled, otherFile
        /// Entries added since this user's last write, by other gongqin users or processes.
        case appended(since: Int64, entries: Int64, actors: [String])
    }

    func notice(_ db: Database, path: String) throws -> Notice? {
        switch reading(for: path) {
        case .missing: return .missing
        case .garbled: return .garbled
        case .otherFile: return .otherFile
        case .head(let head):
            let rows = try Row.fetchAll(db, sql: "SELECT count(*), group_concat(DISTINCT actor) FROM change_log WHERE seq > ?",
                                        arguments: [head.seq])
            let count: Int64 = rows.first?[0] ?? 0
            guard count > 0 else { return nil }
            let actors = ((rows.first?[1] as String?) ?? "").split(separator: ",").map(String.init).sorted()
            return .appended(since: head.seq, entries: count, actors: actors)
        }
    }

    /// Records `head` for `path`. Best effort: a state folder that cannot be written does
    /// not fail a write that has committed.
    func record(_ head: LogHead?, for path: String) {
        guard let head, let identity = Self.identity(path) else { return }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let target = file(for: path)
        let temporary = target + ".\(getpid()).tmp"
        let fd = FilePaths.createPrivate(temporary)
        guard fd >= 0 else { return }
        let bytes = Array("\(identity) \(head)\n".utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        if written == bytes.count { rename(temporary, target) } else { unlink(temporary) }
    }

    /// Forgets the head recorded for `path`: gongqin has just created the file.
    func forget(_ path: String) {
        unlink(file(for: path))
    }

    /// The refusal when the log of `db` no longer holds `head`, the head recorded for
    /// `path`. The witness is read before the transaction that reads the log begins: another
    /// gongqin process records its head after its commit, and a snapshot taken before that
    /// commit must not be held to it.
    static func verify(_ db: Database, head: LogHead?, path: String) throws {
        guard let head else { return }
        let stored = try String.fetchOne(db, sql: "SELECT hash FROM change_log WHERE seq = ?", arguments: [head.seq])
        guard stored != head.hash else { return }
        throw StoreFailure.witnessedHeadMismatch(path: path, head: head, missing: stored == nil)
    }
}
