import Foundation
import Testing

/// Runs the built `gongqin` binary against a database in a fresh temporary folder, as a
/// clerk's shell would. Each test has its own sandbox, so tests run in parallel.
final class Sandbox: @unchecked Sendable {
    let folder: String
    let db: String
    /// The day the commands take for today.
    var today = "2026-11-26"
    /// The folder the commands run in; the test process's own when nil.
    var cwd: String?

    struct Result {
        /// The exit status, or the number of the signal that killed the process.
        var code: Int32
        var out: String
        var err: String
        /// Whether a signal ended the process (Foundation then gives the signal's number,
        /// below 128, as `code`).
        var signaled = false
    }

    /// The repository's top folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized.path
    /// Tests/Corpus.
    static let corpus = root + "/Tests/Corpus"

    static let binary: String = {
        let beside = Bundle.main.bundlePath + "/gongqin"
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        return root + "/.build/debug/gongqin"
    }()

    init() {
        folder = NSTemporaryDirectory() + "gongqin-cli-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        db = folder + "/gongqin.sqlite"
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Runs `gongqin arguments…`.
    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:], useDefaultDB: Bool = true) -> Result {
        let process = Process()
        if arguments.first == "__bash__" {
            // A command line with bytes Swift's strings cannot carry (runBytes).
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", arguments[1]]
        } else {
            process.executableURL = URL(fileURLWithPath: Sandbox.binary)
            process.arguments = arguments
        }
        var environment = ["HOME": folder, "PATH": "/usr/bin:/bin", "GONGQIN_TODAY": today, "LANG": "C.UTF-8"]
        if useDefaultDB { environment["GONGQIN_DB"] = db }
        environment.merge(extra) { $1 }
        process.environment = environment
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try! process.run()
        // Both pipes drain at once: a child that fills one while we wait on the other
        // would never finish.
        final class Drained: @unchecked Sendable {
            var data = Data()
            let done = DispatchSemaphore(value: 0)
        }
        let errDrained = Drained()
        let errHandle = err.fileHandleForReading
        Thread {
            errDrained.data = errHandle.readDataToEndOfFile()
            errDrained.done.signal()
        }.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errDrained.done.wait()
        let errData = errDrained.data
        process.waitUntilExit()
        return Result(code: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self), signaled: process.terminationReason == .uncaughtSignal)
    }

    @discardableResult
    func run(_ arguments: String...) -> Result { run(arguments) }

    /// Runs `count` processes of the same command at once, on threads of their own, and
    /// returns their results.
    func concurrently(_ count: Int, _ arguments: [String]) -> [Result] {
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var all: [Result] = []
        }
        let results = Results()
        let threads = (0..<count).map { _ in
            Thread {
                let result = self.run(arguments)
                results.lock.lock()
                results.all.append(result)
                results.lock.unlock()
            }
        }
        threads.forEach { $0.start() }
        while true {
            results.lock.lock()
            let done = results.all.count == count
            results.lock.unlock()
            if done { return results.all }
            usleep(10_000)
        }
    }

    /// Runs a command that must succeed, and returns its stdout.
    @discardableResult
    func ok(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let result = run(arguments)
        #expect(result.code == 0, "gongqin \(arguments.joined(separator: " ")) → \(result.code): \(result.err)",
                sourceLocation: sourceLocation)
        return result.out
    }

    /// The database file and its write-ahead log, byte for byte (nil when absent): a
    /// write that sits committed in the `-wal` has not reached the main file yet.
    struct Snapshot: Equatable {
        var db: Data?
        var wal: Data?
    }

    func snapshot() -> Snapshot {
        // An empty -wal holds no data: SQLite creates one for a reader and deletes it when a
        // writer closes, so its presence alone is no change.
        let wal = FileManager.default.contents(atPath: db + "-wal")
        return Snapshot(db: FileManager.default.contents(atPath: db), wal: wal?.isEmpty == true ? nil : wal)
    }

    /// Runs a command that must fail with `code`, leaving the database file and its
    /// write-ahead log byte for byte as they were, and returns its stderr.
    @discardableResult
    func fails(_ code: Int32, _ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let before = snapshot()
        let result = run(arguments)
        #expect(!result.signaled, "gongqin \(arguments.joined(separator: " ")) was killed by signal \(result.code)",
                sourceLocation: sourceLocation)
        #expect(result.code == code, "gongqin \(arguments.joined(separator: " ")) → \(result.code), expected \(code): \(result.err)",
                sourceLocation: sourceLocation)
        #expect(result.out.isEmpty || code == 0, "a refused command printed to stdout: \(result.out)", sourceLocation: sourceLocation)
        let lines = result.err.split(separator: "\n")
        #expect(!lines.isEmpty, "no message on stderr", sourceLocation: sourceLocation)
        #expect(!result.err.contains("SQLite error") && !result.err.contains("Fatal error") && !result.err.contains("UNIQUE constraint"),
                "a raw message reached the clerk: \(result.err)", sourceLocation: sourceLocation)
        #expect(snapshot() == before, "the refused command changed the database or its write-ahead log",
                sourceLocation: sourceLocation)
        return result.err
    }

    /// Parses stdout as JSON.
    func json(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) -> Any? {
        let result = run(arguments + ["--format", "json"])
        #expect(result.code == 0, "\(result.err)", sourceLocation: sourceLocation)
        do {
            return try JSONSerialization.jsonObject(with: Data(result.out.utf8), options: [.fragmentsAllowed])
        } catch {
            Issue.record("not JSON: \(result.out)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// A unit and a trade worker, ready for records.
    func seed() {
        ok("unit", "add", "常州市某局", "--department", "常州市某主管局", "--district", "天宁区")
    }

    func person(_ id: String, name: String = "张三", trade: String = "电工", workStart: String = "2005-07", extra: [String] = []) {
        let result = run(["person", "add", "--id-number", id, "--name", name, "--unit", "常州市某局", "--trade", trade,
                          "--work-start", workStart] + extra)
        #expect(result.code == 0, "\(result.err)")
    }
}

/// Valid identity numbers, computed here independently of the code under test.
enum IDs {
    static func make(region: String = "320402", birth: String = "19850312", sequence: Int) -> String {
        let seq = String(sequence)
        let body = region + birth + String(repeating: "0", count: 3 - seq.count) + seq
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }
}
