import Foundation
import GongQinCore

/// The files gongqin writes: the database, backups and `--output` files (README, “Hostile text and outputs”). A
/// path that is a symlink to a missing file, a FIFO, a device or a socket is refused, so
/// that nothing is created through a link someone left, and no export blocks on a pipe
/// or is poured into a device. And the files it reads: only a regular file is read.
public enum FilePaths {
    /// What a path is, as far as writing to it goes.
    enum Kind { case missing, regular, directory, danglingLink, special(String) }

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
        case S_IFIFO: return .special("命名管道（FIFO）")
        case S_IFCHR, S_IFBLK: return .special("设备文件")
        case S_IFSOCK: return .special("套接字")
        default: return .special("特殊文件")
        }
    }

    /// Refuses (exit 65) a path that is a dangling symlink, a FIFO, a device or a socket.
    /// `what` names the file: 数据库, 备份文件, 输出文件.
    public static func refuseSpecial(_ path: String, what: String) throws(GongQinError) {
        switch kind(path) {
        case .danglingLink:
            throw .invalid("\(what)“\(path)”是指向不存在文件的符号链接，为防经由链接在别处建立文件，拒绝使用",
                           hint: "请删除该链接，或换一个路径")
        case .special(let name):
            throw .invalid("\(what)“\(path)”是\(name)，不是普通文件，拒绝使用", hint: "请换一个普通文件的路径")
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
    /// `stat`, before anything opens it; a missing or unreadable path is exit 66. `what`
    /// names the file: 导入文件, 政策文件. Returns the file's size.
    @discardableResult
    public static func refuseNonRegularInput(_ path: String, what: String) throws(GongQinError) -> Int64 {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw GongQinError(.unreadableFile, "找不到或无法读取\(what)“\(path)”", hint: "请检查路径和读权限")
        }
        switch kind(path) {
        case .regular: return Int64(info.st_size)
        case .directory: throw .invalid("\(what)“\(path)”是文件夹，不是普通文件", hint: "请给出文件的路径")
        case .special(let name): throw .invalid("\(what)“\(path)”是\(name)，不是普通文件，拒绝读取", hint: "请给出普通文件的路径")
        case .missing, .danglingLink:
            throw GongQinError(.unreadableFile, "找不到或无法读取\(what)“\(path)”", hint: "请检查路径和读权限")
        }
    }

    /// Creates a new empty file with mode 0600 without following a link (`O_EXCL`,
    /// `O_NOFOLLOW`); returns the descriptor, or -1 with `errno` set.
    static func createPrivate(_ path: String, flags: Int32 = O_WRONLY) -> Int32 {
        open(path, flags | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    }
}
