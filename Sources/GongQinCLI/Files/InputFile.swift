import Foundation
import GongQinCore
import GongQinStore

/// The files gongqin reads (`import`, `policy load`, the scans of `materials check`), and
/// their limits (Documentation/CLI.md, “Limits”). Only a regular file is read: it is
/// checked with `stat` before it is opened, opened with `O_NONBLOCK` so that a path turned
/// into a FIFO meanwhile cannot block, and checked again on the open descriptor.
enum InputFile {
    /// Opens `path` for reading when it is a regular file; nil (with nothing left open)
    /// when it cannot be opened or is not a regular file.
    static func openRegular(_ path: String) -> FileHandle? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return nil
        }
        // A regular file never blocks; reads go on as usual.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// The import file at `path`: a regular file (else exit 65, or 66 when missing) of at
    /// most `Limits.fileBytes`. Returns its size.
    @discardableResult
    static func checkImport(_ path: String) throws -> Int64 {
        let size = try FilePaths.refuseNonRegularInput(path, file: .importFile)
        if size > Limits.fileBytes {
            throw GongQinError.invalid("导入文件“\(path)”有\(megabytes(size)) MB，超过上限\(megabytes(Limits.fileBytes)) MB，未导入任何记录",
                                       hint: "请把文件按单位或年度拆成几个较小的文件，分别导入")
        }
        return size
    }

    /// The whole of a small file (`policy load`): a regular file of at most `limit` bytes,
    /// of which no more than `limit + 1` is ever read.
    static func contents(_ path: String, file: FileRole, limit: Int, hint: String) throws -> Data {
        let size = try FilePaths.refuseNonRegularInput(path, file: file)
        let what = file.chinese
        let tooBig = { (size: Int64) in
            GongQinError.invalid("\(what)“\(path)”有\(size / 1024) KB，超过上限\(limit / 1024) KB，未载入", hint: hint)
        }
        if size > limit { throw tooBig(size) }
        guard let handle = openRegular(path) else {
            throw GongQinError(.unreadableFile, "无法读取\(what)“\(path)”", hint: "请检查路径和读权限")
        }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: limit + 1) ?? Data() else {
            throw GongQinError(.unreadableFile, "读取\(what)“\(path)”时出错", hint: "请检查文件是否完整")
        }
        if data.count > limit { throw tooBig(Int64(data.count)) }
        return data
    }

    static func megabytes(_ bytes: Int64) -> Int64 { (bytes + (1 << 20) - 1) >> 20 }
}

/// The refusals of an import file over a limit (Documentation/CLI.md, “Limits”): exit 65,
/// one short line naming the limit and the way out, echoing nothing of the file.
enum InputLimitError {
    static func columns(path: String, row: Int) -> GongQinError {
        .invalid("文件“\(path)”第\(row)行超过\(Limits.columns)列（每行最多\(Limits.columns)列），未导入任何记录",
                 hint: "每种记录不过十来列：请删去多余的列，或确认文件是逗号分隔的 CSV")
    }

    static func cell(path: String, row: Int, column: Int) -> GongQinError {
        .invalid("文件“\(path)”第\(row)行第\(column)列超过\(Limits.cellCharacters)个字（每个单元格最多\(Limits.cellCharacters)个字），未导入任何记录",
                 hint: "请缩短该单元格；如是 CSV，也请检查引号是否配对（未配对的引号会把其后的内容读进同一个单元格）")
    }
}
