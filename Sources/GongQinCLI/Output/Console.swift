import Foundation
import GongQinCore

/// stdout and stderr. stdout is buffered, so that a large listing streams out in big
/// writes; stderr carries errors and progress, one line at a time.
///
/// Everything gongqin prints passes here, and here text is made visible
/// (`TextSafety.visible`, Documentation/CLI.md “What output shows”): a control or an
/// invisible character is shown as `<U+001B>`, in a table cell, a line, an error that
/// echoes input, a file name. stdout keeps the line breaks gongqin lays out; a piece of
/// user or file text that may hold one is made visible where it is put into a line
/// (`Render.table` does it for every cell). stderr is one line per error, so nothing in it
/// breaks a line, and an ID number in it is masked unless `--reveal`.
enum Console {
    nonisolated(unsafe) private static var buffer: [UInt8] = {
        var b = [UInt8]()
        b.reserveCapacity(1 << 16)
        return b
    }()

    /// The bytes of `buffer` up to its last line break: what a flush while the command
    /// runs may write. Kept as text is added, so that a line written in many pieces (a
    /// forecast's row lists thousands of people) is not searched again at every piece.
    nonisolated(unsafe) private static var wholeLines = 0

    /// Writes `text` and a newline to stdout.
    static func out(_ text: String) {
        write(text)
        buffer.append(0x0A)
        wholeLines = buffer.count
        if wholeLines >= 1 << 16 { flush(complete: false) }
    }

    /// Writes UTF-8 made from strings (a forecast's JSON, a piece at a time) to stdout,
    /// without a newline: as `write(_:)` writes its text, without making a string of it
    /// unless it holds a character to make visible.
    static func write(utf8 bytes: [UInt8]) {
        let refused = bytes.withUnsafeBufferPointer { TextSafety.mayHoldRefused($0, keepingLineBreaks: true) }
        guard !refused else { return write(String(decoding: bytes, as: UTF8.self)) }
        let start = buffer.count
        buffer += bytes
        if let last = buffer[start...].lastIndex(of: 0x0A) { wholeLines = last + 1 }
        if wholeLines >= 1 << 16 { flush(complete: false) }
    }

    /// Writes UTF-8 that holds no line break and is cut, at ASCII characters, from bytes
    /// `TextSafety.mayHoldRefused` passed as a whole (a forecast's people, checked once
    /// and copied into many rows): appended as it is, searched neither for a character to
    /// make visible nor for a line break.
    static func write(visibleUTF8 bytes: [UInt8]) {
        buffer += bytes
    }

    /// Writes `text` to stdout, without a newline.
    static func write(_ text: String) {
        let start = buffer.count
        buffer.append(contentsOf: TextSafety.visible(text, keepingLineBreaks: true).utf8)
        if let last = buffer[start...].lastIndex(of: 0x0A) { wholeLines = last + 1 }
        if wholeLines >= 1 << 16 { flush(complete: false) }
    }

    /// Whether a write to stdout failed: the command then exits 74 (README, “Hostile text and outputs”), and
    /// nothing more is written.
    nonisolated(unsafe) private(set) static var failed = false

    /// The error of a failed write to stdout.
    static var failure: GongQinError {
        GongQinError(.outputFailed, "写入标准输出失败（磁盘已满、管道已关闭或设备不可写），输出不完整",
                     hint: "请检查输出的去向（重定向的文件、管道或磁盘空间）后重试")
    }

    /// Writes what is buffered. While a command runs (`complete` false) only whole lines
    /// go out, so that a disk that fills up leaves stdout cut between lines, never in the
    /// middle of a character.
    static func flush(complete: Bool = true) {
        guard !buffer.isEmpty else { return }
        if failed { discard(); return }
        let end = complete ? buffer.count : wholeLines
        guard end > 0 else { return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < end {
                let n = Foundation.write(STDOUT_FILENO, bytes.baseAddress! + offset, end - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failed = true; break }
                offset += n
            }
        }
        buffer.removeSubrange(0..<end)
        wholeLines = 0
    }

    /// Drops what is buffered and not yet written: a command that fails prints its error,
    /// not half a document.
    static func discard() {
        buffer.removeAll(keepingCapacity: true)
        wholeLines = 0
    }

    /// One line on stderr: made visible, and with any ID number masked unless `--reveal`
    /// (README, “Hostile text and outputs”).
    static func errorLine(_ text: String) {
        let shown = TextSafety.visible(Environment.reveal ? text : IDNumber.masking(text))
        FileHandle.standardError.write(Data((shown + "\n").utf8))
    }

    /// An error: its line, then one line per detail.
    static func error(_ error: GongQinError) {
        let prefix: String
        switch error.kind {
        case .refused: prefix = "不符合规定："
        case .usage: prefix = "用法错误："
        default: prefix = "错误："
        }
        for detail in error.details { errorLine("  " + detail) }
        errorLine(prefix + error.line)
    }

    /// Whether stderr is a terminal, for progress lines.
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
