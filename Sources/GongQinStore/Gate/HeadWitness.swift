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
        let digest = SHA256.hash(data: Data(real.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
        return folder + "/" + digest
    }

    /// The file's identity: device and inode. A witness of another file is not this one's.
    static func identity(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "\(info.st_dev):\(info.st_ino)"
    }

    /// The head recorded for `path`, when it was recorded for this very file.
    func recorded(for path: String) -> LogHead? {
        guard let identity = Self.identity(path),
              let text = try? String(contentsOfFile: file(for: path), encoding: .utf8) else { return nil }
        let parts = text.split(separator: " ")
        guard parts.count == 2, parts[0] == identity else { return nil }
        return LogHead.parse(String(parts[1]).trimmingCharacters(in: .whitespacesAndNewlines))
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

    /// The refusal when the log of `db` no longer holds the recorded head.
    func verify(_ db: Database, path: String) throws {
        guard let head = recorded(for: path) else { return }
        let stored = try String.fetchOne(db, sql: "SELECT hash FROM change_log WHERE seq = ?", arguments: [head.seq])
        guard stored != head.hash else { return }
        throw GongQinError(.invalidData,
                           "数据库“\(path)”的变更日志与 gongqin 上次写入后记下的不符（第\(head.seq)条\(stored == nil ? "已不存在" : "的哈希不同")）：日志在 gongqin 之外被重写或截短，拒绝写入",
                           hint: "请运行 gongqin check --db \(path) --anchor \(head) 查看，并从可信的备份恢复；数据库未被改动")
    }
}
