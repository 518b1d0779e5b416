import Foundation
import GongQinCore

/// The files gongqin writes: the database, backups and `--output` files (README, “Hostile text and outputs”). A
/// path that is a symlink to a missing file, a FIFO, a device or a socket is refused, so
/// that nothing is created through a link someone left, and no export blocks on a pipe
/// or is poured into a device. And the files it reads: only a regular file is read.
public enum FilePaths {
    /// What a path is, as far as writing to it goes.
    enum Kind { case missing, regular, directory, danglingLink, special(SpecialFile) }

    static func kind(_ path: String) -> Kind {
        var link = stat()
        guard lstat(path, &link) == 0 else { return .missing }
        var target = stat()
        guard stat(path, &target) == 0 else {
            return (link.st_mode & S_IFMT) == S_IFLNK ? .danglingLink : .missing
        }
        switch target.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFIFO: return .special(.fifo)
        case S_IFCHR, S_IFBLK: return .special(.device)
        case S_IFSOCK: return .special(.socket)
        default: return .special(.other)
        }
    }

    /// Refuses (exit 65) a path that is a dangling symlink, a FIFO, a device or a socket.
    /// `file` says which file it is: the database, a backup, an output file.
    public static func refuseSpecial(_ path: String, file: FileRole) throws(StoreFailure) {
        switch kind(path) {
        case .danglingLink:
            throw .danglingLink(path: path, file: file)
        case .special(let kind):
            throw .specialFile(path: path, file: file, kind: kind)
        case .missing, .regular, .directory:
            return
        }
    }

    /// Whether the folder holding `path` can be written: where it cannot (a write-protected
    /// stick, a read-only mount), SQLite cannot make a write-ahead log's shared memory.
    static func isWritableFolder(of path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        return access(folder.isEmpty ? "." : folder, W_OK) == 0
    }

    /// Whether the file system holding `path` has (almost) no room left: what a disk error
    /// on a write most often means.
    static func isFull(folderOf path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        var info = statvfs()
        guard statvfs(folder.isEmpty ? "." : folder, &info) == 0 else { return false }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize) < 1 << 20
    }

    /// Refuses (exit 65) an input file that is not a regular file: a FIFO would block the
    /// read, a device never end it, and a folder or a socket holds no rows. Checked with
    /// `stat`, before anything opens it; a missing or unreadable path is exit 66. `file`
    /// says which file it is: an import file, a policy file. Returns the file's size.
    @discardableResult
    public static func refuseNonRegularInput(_ path: String, file: FileRole) throws(StoreFailure) -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .inputMissing(path: path, file: file) }
        switch kind(path) {
        case .regular: return Int64(info.st_size)
        case .directory: throw .inputIsFolder(path: path, file: file)
        case .special(let kind): throw .inputSpecial(path: path, file: file, kind: kind)
        case .missing, .danglingLink: throw .inputMissing(path: path, file: file)
        }
    }

    /// Creates a new empty file with mode 0600 without following a link (`O_EXCL`,
    /// `O_NOFOLLOW`); returns the descriptor, or -1 with `errno` set.
    static func createPrivate(_ path: String, flags: Int32 = O_WRONLY) -> Int32 {
        open(path, flags | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    }
}
