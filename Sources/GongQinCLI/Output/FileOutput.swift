import Foundation
import GongQinCore
import GongQinStore

/// A file written as it goes into a private temporary file beside its target, and moved
/// into place only when complete: a failed export leaves no half-written file. Mode 0600,
/// because exports hold identity numbers.
final class OutputFile {
    let path: String
    let temporary: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var done = false

    init(path: String) throws {
        self.path = path
        // A FIFO, a device or a dangling link is refused, never replaced (README, “Hostile text and outputs”).
        try FilePaths.refuseSpecial(path, file: .outputFile)
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
            throw GongQinError(.unreadableFile, "输出目录“\(folder)”不存在", hint: "请先创建目录，或换一个 --output 路径")
        }
        temporary = (folder.isEmpty ? "" : folder + "/") + ".\((path as NSString).lastPathComponent).\(UUID().uuidString).part"
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw GongQinError(.unreadableFile, "无法写入“\(path)”", hint: "请检查目录的写权限")
        }
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        if !done {
            close(descriptor)
            unlink(temporary)
        }
    }

    func write(_ text: String) { write(bytes: text.utf8) }

    func write<S: Sequence<UInt8>>(bytes: S) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    private var failed = false

    private func flush() {
        guard !failed else { buffer.removeAll(keepingCapacity: true); return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { failed = true; return }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and moves the file into place.
    func commit() throws {
        flush()
        let synced = fsync(descriptor) == 0
        close(descriptor)
        done = true
        guard !failed, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw GongQinError(.outputFailed, "写入输出文件“\(path)”失败（磁盘已满或不可写），未留下不完整的文件",
                               hint: "请检查磁盘空间和目录的写权限后重试")
        }
    }

    /// Gives up: the temporary file goes, the target is untouched.
    func discard() {
        guard !done else { return }
        close(descriptor)
        unlink(temporary)
        done = true
    }
}

/// Where the rows of a CSV go: stdout as it is, or a file for Excel and WPS, which is
/// UTF-8 with a BOM and CRLF line ends (IMPORT.md, the roster).
final class CSVSink {
    private let file: OutputFile?

    /// `path` nil or `-`: stdout.
    init(path: String?) throws {
        file = try path.flatMap { $0 == "-" ? nil : $0 }.map(OutputFile.init)
        file?.write(bytes: [0xEF, 0xBB, 0xBF])
    }

    func row(_ cells: [String]) {
        let line = Render.csvLine(cells)
        if let file {
            file.write(line)
            file.write("\r\n")
        } else {
            Console.out(line)
        }
    }

    func commit() throws { try file?.commit() }
}

/// The progress line of a long command, on stderr when it is a terminal: rows read, rows
/// per second and, for files big enough to matter, the time remaining. Never when stderr
/// is piped, and never with JSON output.
final class ProgressLine {
    private let totalBytes: Int64
    private let start = Date()
    private var last = Date.distantPast
    private var shown = false
    private let enabled: Bool

    /// Files below this size finish before an estimate means anything.
    static let bigEnough: Int64 = 4 << 20

    init(enabled: Bool, totalBytes: Int64) {
        self.enabled = enabled && Console.stderrIsTerminal
        self.totalBytes = totalBytes
    }

    /// Called after each row; redraws at most five times a second.
    func update(rows: Int, bytes: Int64) {
        guard enabled, rows % 256 == 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(last) >= 0.2 else { return }
        last = now
        let elapsed = now.timeIntervalSince(start)
        guard elapsed >= 0.5 else { return }
        let rate = Double(rows) / elapsed
        var line = "已读 \(rows) 行，每秒 \(Int(rate)) 行"
        if totalBytes >= Self.bigEnough, bytes > 0, bytes < totalBytes {
            let remaining = elapsed * Double(totalBytes - bytes) / Double(bytes)
            line += "，预计还需 \(Self.duration(remaining))"
        }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        shown = true
    }

    /// Clears the line.
    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 60 ? "\(s / 60)分\(s % 60)秒" : "\(s)秒"
    }
}
