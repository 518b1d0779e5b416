import ArgumentParser
import Foundation
import GongQinCore

/// The text encodings an import file may be in.
enum TextEncoding: String, ExpressibleByArgument, CaseIterable {
    /// Valid UTF-8 (with or without a BOM) is UTF-8; anything else is taken for GB18030.
    case auto
    case utf8 = "utf-8"
    /// What Excel and WPS write on Chinese Windows ("ANSI"); a superset of GBK and GB2312.
    case gb18030

    var chinese: String { self == .gb18030 ? "GB18030" : "UTF-8" }
}

/// A CSV file read row by row with CSVParser (GongQinCore), which handles a BOM, quoted
/// fields with commas and line breaks, and CRLF. A GB18030 file is first converted to UTF-8, in
/// chunks, into a private temporary file. Nothing holds the whole file in memory.
final class CSVInput {
    let path: String
    let encoding: TextEncoding
    /// The UTF-8 file the parser reads: `path` itself, or the converted copy.
    private let utf8Path: String
    /// Bytes of `utf8Path`, for the progress line.
    let size: Int64

    /// Opens `path`, decides its encoding (`auto`), and converts it when it is GB18030.
    init(path: String, encoding requested: TextEncoding) throws {
        self.path = path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
              FileManager.default.isReadableFile(atPath: path) else {
            throw GongQinError(.unreadableFile, "找不到或无法读取文件“\(path)”", hint: "请检查路径和读权限")
        }
        let encoding = requested == .auto ? try Self.detect(path) : requested
        self.encoding = encoding
        if encoding == .gb18030 {
            utf8Path = try Transcoder.gb18030ToUTF8(path)
        } else {
            utf8Path = path
        }
        size = (try? FileManager.default.attributesOfItem(atPath: utf8Path)[.size] as? NSNumber)?.int64Value ?? 0
    }

    deinit {
        if utf8Path != path { try? FileManager.default.removeItem(atPath: utf8Path) }
    }

    /// Reads the header row (row 1).
    func header() throws -> [String] {
        var header: [String]?
        try forEachRow(includingHeader: true) { _, cells in
            header = cells
            return false
        }
        guard let header, header.contains(where: { !$0.trimmingSpaces.isEmpty }) else {
            throw GongQinError.invalid("文件“\(path)”是空的，没有表头行", hint: "第一行须为表头，如 id-number,name,… 或 身份证号,姓名,…")
        }
        return header
    }

    /// Calls `body` with each row after the header and its row number as a spreadsheet
    /// counts it (the header is row 1). Blank rows are skipped but counted. `body` returns
    /// false to stop. The bytes go through CSVParser in chunks of a megabyte.
    func forEachRow(includingHeader: Bool = false, _ body: (Int, [String]) throws -> Bool) throws {
        guard let handle = FileHandle(forReadingAtPath: utf8Path) else {
            throw GongQinError(.unreadableFile, "无法打开文件“\(path)”", hint: "请检查路径和读权限")
        }
        defer { try? handle.close() }
        var parser = CSVParser()
        var row = 0
        func each(_ cells: [String]) throws -> Bool {
            row += 1
            if row == 1 && !includingHeader { return true }
            if row > 1 && cells.allSatisfy({ $0.trimmingSpaces.isEmpty }) { return true }
            return try body(row, try importedCells(cells, row: row))
        }
        do {
            while true {
                let chunk: Data
                do {
                    chunk = try handle.read(upToCount: 1 << 20) ?? Data()
                } catch {
                    throw GongQinError(.unreadableFile, "读取文件“\(path)”第\(row + 1)行附近时出错", hint: "请检查文件是否完整")
                }
                if chunk.isEmpty { break }
                let more = try chunk.withUnsafeBytes { raw in
                    try parser.feed(raw.bindMemory(to: UInt8.self), each)
                }
                if !more { return }
            }
            try parser.finish(each)
        } catch let failure as CSVParser.Failure {
            switch failure {
            case .invalidUTF8(let at):
                throw GongQinError(.unreadableFile, "文件“\(path)”第\(at)行附近不是有效的\(encoding.chinese)文本",
                                   hint: encoding == .gb18030 ? "请确认文件编码，或用 --encoding utf-8"
                                       : "如文件由 Excel/WPS 存为“CSV（逗号分隔）”（GB18030/GBK 编码），请加 --encoding gb18030")
            case .unterminatedQuote(let at):
                throw GongQinError(.unreadableFile, "文件“\(path)”第\(at)行的引号没有配对，直到文件末尾",
                                   hint: "请检查该行带引号的单元格，或在表格软件中重新另存为 CSV")
            }
        }
    }

    /// Valid UTF-8 is UTF-8; a file with a byte sequence that is not UTF-8 is GB18030.
    /// Reading stops once a few kilobytes of non-ASCII text have been seen to be valid.
    static func detect(_ path: String) throws -> TextEncoding {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw GongQinError(.unreadableFile, "无法打开文件“\(path)”", hint: "请检查路径和读权限")
        }
        defer { try? handle.close() }
        var validator = UTF8Validator()
        while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            guard validator.feed(chunk) else { return .gb18030 }
            if validator.nonASCII >= 8192 { return .utf8 }
        }
        return validator.complete ? .utf8 : .gb18030
    }
}

/// GB18030 to UTF-8 through the C library's iconv, in chunks.
enum Transcoder {
    /// Converts `path` into a new private temporary file and returns its path.
    static func gb18030ToUTF8(_ path: String) throws -> String {
        let target = NSTemporaryDirectory() + "gongqin-import-\(UUID().uuidString).csv"
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0, let input = FileHandle(forReadingAtPath: path) else {
            if fd >= 0 { close(fd) }
            throw GongQinError(.internalError, "无法创建临时文件以转换 GB18030 编码")
        }
        let output = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        defer { try? input.close() }
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else {
            try? FileManager.default.removeItem(atPath: target)
            throw GongQinError(.internalError, "本机的 C 库不支持 GB18030 转换", hint: "请先把文件另存为 UTF-8 编码的 CSV")
        }
        defer { iconv_close(converter) }
        var carry = [UInt8]()
        var consumed = 0
        var out = [UInt8](repeating: 0, count: 1 << 18)
        do {
            while true {
                let chunk = try input.read(upToCount: 1 << 16) ?? Data()
                let atEnd = chunk.isEmpty
                var bytes = carry + [UInt8](chunk)
                if atEnd && bytes.isEmpty { break }
                if atEnd && !carry.isEmpty && bytes.count == carry.count {
                    throw GongQinError(.unreadableFile, "文件“\(path)”末尾有不完整的 GB18030 字符",
                                       hint: "请检查文件是否完整，或用 --encoding utf-8")
                }
                let total = bytes.count
                var left = total
                try bytes.withUnsafeMutableBytes { inRaw in
                    var inPointer = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                    while left > 0 {
                        var room = out.count
                        let result = out.withUnsafeMutableBytes { outRaw -> Int in
                            var outPointer = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                            let r = iconv(converter, &inPointer, &left, &outPointer, &room)
                            return r
                        }
                        let produced = out.count - room
                        if produced > 0 { try output.write(contentsOf: out[0..<produced]) }
                        if result == -1 {
                            switch errno {
                            case E2BIG: continue
                            case EINVAL: return  // an incomplete character at the chunk's end
                            default:
                                throw GongQinError(.unreadableFile,
                                                   "文件“\(path)”第\(consumed + total - left + 1)个字节起不是有效的 GB18030 文本",
                                                   hint: "请确认文件编码，或用 --encoding utf-8")
                            }
                        }
                    }
                }
                consumed += bytes.count - left
                carry = Array(bytes.suffix(left))
                if atEnd { break }
            }
        } catch let error as GongQinError {
            try? FileManager.default.removeItem(atPath: target)
            throw error
        } catch {
            // A read of the file or a write of the temporary copy failed (a disk full,
            // a file removed while read): a one-line error, not the system's dump.
            try? FileManager.default.removeItem(atPath: target)
            throw GongQinError(.unreadableFile, "转换文件“\(path)”的 GB18030 编码时读写失败",
                               hint: "请检查文件是否仍在、磁盘空间是否足够，或先把文件另存为 UTF-8")
        }
        return target
    }
}
