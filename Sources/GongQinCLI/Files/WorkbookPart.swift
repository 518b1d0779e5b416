import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GongQinCore
import ZIPFoundation

/// What the parts of one `.xlsx` may inflate to (Limits, Documentation/CLI.md “Limits”):
/// each part its own limit, all of them together at most `Limits.workbookBytes` and at
/// most `Limits.workbookRatio` times the file's size (but `Limits.workbookRatioFloor`
/// always). The bytes counted
/// are those really inflated, never the sizes the archive declares, which a zip bomb
/// forges.
final class InflationBudget: @unchecked Sendable {
    let path: String
    /// All parts together, inflated.
    let total: Int64
    private let lock = NSLock()
    private var used: Int64 = 0

    init(path: String, fileSize: Int64) {
        self.path = path
        total = min(Limits.workbookBytes, max(Limits.workbookRatioFloor, Limits.workbookRatio * fileSize))
    }

    /// Counts `count` more bytes of `part`, of which `inflated` so far; throws when a limit
    /// is passed.
    func take(_ count: Int, part: String, inflated: Int64, limit: Int64?) throws {
        if let limit, inflated > limit {
            throw refusal("其中的“\(part)”解压后超过\(InputFile.megabytes(limit)) MB（该部分的上限）")
        }
        let over = lock.withLock {
            used += Int64(count)
            return used > total
        }
        guard over else { return }
        if total < Limits.workbookBytes {
            throw refusal("解压后超过文件大小的\(Limits.workbookRatio)倍（真正的工作簿解压后只有几倍到二十倍大）")
        }
        throw refusal("解压后超过\(InputFile.megabytes(Limits.workbookBytes)) MB（工作簿的上限）")
    }

    private func refusal(_ what: String) -> GongQinError {
        .invalid("工作簿“\(path)”\(what)，不像是真正的 Excel 工作簿，未导入任何记录",
                 hint: "请在 Excel/WPS 中打开后重新“另存为” .xlsx 或 CSV；确实很大的表格请拆成几个文件")
    }
}

/// One part of a workbook as a stream for XMLParser, inflated as the parser reads it:
/// nothing is extracted to a file, and no more than a few chunks are held at once.
///
/// ZIPFoundation inflates only into a closure, so the part is inflated on a thread of its
/// own (`PartInflater`, with its own handle on the archive) into a queue of a few chunks,
/// which `read` drains; the parser, and whatever it calls (the importer, inside the
/// database's transaction), stays on the caller's thread. Each chunk is counted against
/// the `InflationBudget` before the parser sees it. `stop` ends the inflating early: a
/// reader that has what it wants, or has met an error, does not inflate the rest.
final class WorkbookPart: InputStream {
    private let inflater: PartInflater
    private var head = Data()
    private var offset = 0

    /// `path` is the workbook, `part` the entry's path in it, `limit` this part's limit.
    init(path: String, part: String, budget: InflationBudget, limit: Int64?, broken: GongQinError) {
        inflater = PartInflater(path: path, part: part, budget: budget, limit: limit, broken: broken)
        super.init(data: Data())
    }

    /// Why the part could not be read whole, if it could not: a limit passed, an archive
    /// that is broken, a read of the file that failed.
    var failure: (any Error)? { inflater.failure }

    override func open() { inflater.start() }

    override var hasBytesAvailable: Bool { true }

    // XMLParser asks these when a read returns -1; InputStream's own would trap.
    override var streamError: (any Error)? { inflater.failure }
    override var streamStatus: Stream.Status { inflater.failure == nil ? .open : .error }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength length: Int) -> Int {
        if offset >= head.count {
            switch inflater.next() {
            case .chunk(let data):
                head = data
                offset = 0
            case .end: return 0
            case .failed: return -1
            }
        }
        let n = min(length, head.count - offset)
        head.copyBytes(to: buffer, from: offset..<(offset + n))
        offset += n
        return n
    }

    /// Ends the inflating: the reader has what it wants, or has met an error.
    func stop() { inflater.stop() }

    override func close() { stop() }
}

/// The inflating of one part on a thread of its own, into a queue of `depth` chunks.
///
/// ZIPFoundation's inflater loops without end, and without handing anything on, on a
/// deflate stream cut short by the end of the file; a part that gives no byte for `stall`
/// seconds is therefore refused as broken, and its thread left to the process's exit.
final class PartInflater: @unchecked Sendable {
    let path: String
    let part: String
    private let budget: InflationBudget
    private let limit: Int64?
    private let broken: GongQinError

    private let condition = NSCondition()
    private var queue: [Data] = []
    private var finished = false
    private var stopping = false
    private var started = false
    private var failed: (any Error)?

    static let depth = 4
    static let chunk = 1 << 16
    static let stall: TimeInterval = 5

    init(path: String, part: String, budget: InflationBudget, limit: Int64?, broken: GongQinError) {
        self.path = path
        self.part = part
        self.budget = budget
        self.limit = limit
        self.broken = broken
    }

    var failure: (any Error)? { condition.withLock { failed } }

    func start() {
        let begin = condition.withLock {
            defer { started = true }
            return !started
        }
        guard begin else { return }
        let thread = Thread { [self] in inflate() }
        thread.name = "gongqin-xlsx"
        thread.start()
    }

    enum Next { case chunk(Data), end, failed }

    /// The next chunk, once the thread has it; `.end` after the last one or once stopped.
    func next() -> Next {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: Self.stall)
        while queue.isEmpty && !finished && !stopping {
            if !condition.wait(until: deadline), queue.isEmpty && !finished && !stopping {
                failed = failed ?? GongQinError.invalid("工作簿“\(path)”中的“\(part)”压缩数据不完整，无法读完，未导入任何记录",
                                                        hint: broken.hint)
                stopping = true
            }
        }
        if failed != nil { return .failed }
        guard !stopping, !queue.isEmpty else { return .end }
        condition.broadcast()
        return .chunk(queue.removeFirst())
    }

    func stop() {
        condition.withLock {
            stopping = true
            condition.broadcast()
        }
    }

    private struct Stopped: Error {}

    /// The thread's work: the part, inflated chunk by chunk into the queue.
    private func inflate() {
        var error: (any Error)?
        do {
            let archive: Archive
            do {
                archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
            } catch {
                throw broken
            }
            guard let entry = archive[part], entry.type == .file else { throw broken }
            // No CRC: it guards against nothing a forger could not match, and a damaged
            // stream does not inflate.
            var inflated: Int64 = 0
            _ = try archive.extract(entry, bufferSize: Self.chunk, skipCRC32: true) { data in
                inflated += Int64(data.count)
                try budget.take(data.count, part: part, inflated: inflated, limit: limit)
                try put(data)
            }
        } catch let caught {
            error = caught
        }
        condition.withLock {
            if let error, !(error is Stopped), failed == nil {
                switch error {
                case let error as GongQinError: failed = error
                case Data.DataError.unreadableFile:
                    failed = GongQinError(.unreadableFile, "读取文件“\(path)”时出错", hint: "请检查文件是否完整、磁盘是否正常")
                default: failed = broken
                }
            }
            finished = true
            condition.broadcast()
        }
    }

    private func put(_ data: Data) throws {
        guard !data.isEmpty else { return }
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.depth && !stopping { condition.wait() }
        if stopping { throw Stopped() }
        queue.append(data)
        condition.broadcast()
    }
}

/// Between a part's parser and its stream: a reader that stops, having what it wanted or
/// on an error, stops the inflating too; XMLParser itself would read the stream to its
/// end.
final class PartControl {
    weak var stream: WorkbookPart?
    private(set) var stopped = false
    /// The error that stopped the reader, if one did.
    private(set) var failure: (any Error)?

    func stop(_ parser: XMLParser, failure: (any Error)? = nil) {
        stopped = true
        self.failure = self.failure ?? failure
        parser.abortParsing()
        stream?.stop()
    }

    /// A malformed part: the parser is done with it, so is the stream.
    func parseError() { stream?.stop() }
}
