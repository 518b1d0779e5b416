import Foundation
import GongQinCore

/// stdout and stderr. stdout is buffered, so that a large listing streams out in big
/// writes; stderr carries errors and progress, one line at a time.
enum Console {
    nonisolated(unsafe) private static var buffer: [UInt8] = {
        var b = [UInt8]()
        b.reserveCapacity(1 << 16)
        return b
    }()

    /// Writes `text` and a newline to stdout.
    static func out(_ text: String) {
        write(text)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes `text` to stdout, without a newline.
    static func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Foundation.write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Drops what is buffered and not yet written: a command that fails prints its error,
    /// not half a document.
    static func discard() {
        buffer.removeAll(keepingCapacity: true)
    }

    static func errorLine(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
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
