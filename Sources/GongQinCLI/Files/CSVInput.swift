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
/// fields with commas and line breaks, and CRLF. A GB18030 file is converted to UTF-8 as
/// it is read, a chunk at a time. Nothing holds the whole file in memory, and nothing is
/// written anywhere (no temporary file).
final class CSVInput {
    let path: String
    let encoding: TextEncoding
    /// Bytes of the file, for the progress line.
    let size: Int64

    /// Opens `path` (a regular file, checked by `SpreadsheetFile.open`) and decides its
    /// encoding (`auto`).
    init(path: String, encoding requested: TextEncoding, size: Int64) throws {
        self.path = path
        self.size = size
        encoding = requested == .auto ? try Self.detect(path) : requested
    }

    /// Calls `body` with each row with anything in it, as it stands, and its row number as
    /// a spreadsheet counts it (the first line is row 1; blank rows are skipped but
    /// counted). `body` returns false to stop. The bytes go through CSVParser in chunks of
    /// a megabyte.
    func forEachRow(_ body: (Int, [String]) throws -> Bool) throws {
        guard let handle = InputFile.openRegular(path) else {
            throw GongQinError(.unreadableFile, "无法打开文件“\(path)”", hint: "请检查路径和读权限")
        }
        defer { try? handle.close() }
        let decoder = encoding == .gb18030 ? try GB18030Decoder(path: path) : nil
        var parser = CSVParser()
        var row = 0
        func each(_ cells: [String]) throws -> Bool {
            row += 1
            if cells.allSatisfy({ $0.trimmingSpaces.isEmpty }) { return true }
            return try body(row, cells)
        }
        func feed(_ bytes: [UInt8]) throws -> Bool {
            try bytes.withUnsafeBufferPointer { try parser.feed($0, each) }
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
                let more = try decoder.map { try feed($0.convert(chunk)) }
                    ?? chunk.withUnsafeBytes { raw in try parser.feed(raw.bindMemory(to: UInt8.self), each) }
                if !more { return }
            }
            try decoder?.finish()
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
            case .tooManyColumns(let at):
                throw InputLimitError.columns(path: path, row: at)
            case .cellTooLong(let at, let column):
                throw InputLimitError.cell(path: path, row: at, column: column)
            }
        }
    }

    /// Valid UTF-8 is UTF-8; a file with a byte sequence that is not UTF-8 is GB18030.
    /// Reading stops once a few kilobytes of non-ASCII text have been seen to be valid.
    static func detect(_ path: String) throws -> TextEncoding {
        guard let handle = InputFile.openRegular(path) else {
            throw GongQinError(.unreadableFile, "无法打开文件“\(path)”", hint: "请检查路径和读权限")
        }
        defer { try? handle.close() }
        var validator = UTF8Validator()
        while let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            guard chunk.withUnsafeBytes({ validator.feed(chunk: $0) }) else { return .gb18030 }
            if validator.nonASCII >= 8192 { return .utf8 }
        }
        return validator.complete ? .utf8 : .gb18030
    }
}

/// GB18030 to UTF-8 through the C library's iconv, a chunk at a time as the file is read.
final class GB18030Decoder {
    private let path: String
    private let converter: iconv_t
    /// The bytes of a character the last chunk ended in the middle of.
    private var carry: [UInt8] = []
    /// Bytes of the file converted so far, for the message of a bad one.
    private var consumed = 0

    init(path: String) throws {
        self.path = path
        converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else {
            throw GongQinError(.internalError, "本机的 C 库不支持 GB18030 转换", hint: "请先把文件另存为 UTF-8 编码的 CSV")
        }
    }

    deinit { iconv_close(converter) }

    /// The UTF-8 of `chunk`, after what the last chunk left unfinished.
    func convert(_ chunk: Data) throws -> [UInt8] {
        var input = carry + [UInt8](chunk)
        let total = input.count
        var left = total
        // A GB18030 character of n bytes is at most 1.5 n bytes of UTF-8.
        var out = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var produced = 0
        try input.withUnsafeMutableBytes { inRaw in
            var inPointer = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
            while left > 0 {
                var room = out.count - produced
                let result = out.withUnsafeMutableBytes { outRaw -> Int in
                    var outPointer = outRaw.baseAddress.map { $0.assumingMemoryBound(to: CChar.self) + produced }
                    return iconv(converter, &inPointer, &left, &outPointer, &room)
                }
                produced = out.count - room
                guard result == -1 else { continue }
                switch errno {
                case E2BIG: out += [UInt8](repeating: 0, count: out.count)
                case EINVAL: return  // a character cut at the chunk's end: kept for the next
                default:
                    throw GongQinError(.unreadableFile, "文件“\(path)”第\(consumed + total - left + 1)个字节起不是有效的 GB18030 文本",
                                       hint: "请确认文件编码，或用 --encoding utf-8")
                }
            }
        }
        consumed += total - left
        carry = Array(input.suffix(left))
        return Array(out[0..<produced])
    }

    /// The end of the file: a character left unfinished is an error.
    func finish() throws {
        guard carry.isEmpty else {
            throw GongQinError(.unreadableFile, "文件“\(path)”末尾有不完整的 GB18030 字符",
                               hint: "请检查文件是否完整，或用 --encoding utf-8")
        }
    }
}
