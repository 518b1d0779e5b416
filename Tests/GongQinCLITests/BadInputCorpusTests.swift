import Foundation
import Testing

/// The corpus of bad inputs (CLI.md, exit codes): every entry of Tests/Corpus/commands.jsonl and
/// csv.jsonl is run against a seeded database. Each must exit 64, 65 or 66 (or the codes
/// its entry names) with a message, never 70 or a signal, and leave the database file and
/// its write-ahead log byte for byte as they were.
@Suite("the bad-input corpus")
struct BadInputCorpusTests {
    struct Entry: Decodable, Sendable {
        var args: [String]?
        var argsHex: [String]?
        var kind: String?
        var file: String?
        var expect: [Int32]
        var note: String
    }

    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Corpus").standardized

    /// A corpus file's lines: every one an entry, or the reason it is not.
    struct Loaded: Sendable {
        var entries: [Entry] = []
        var lines = 0
        var problems: [String] = []
    }

    static func load(_ name: String) -> Loaded {
        var loaded = Loaded()
        guard let text = try? String(contentsOf: corpus.appendingPathComponent(name), encoding: .utf8) else {
            loaded.problems.append("\(name) cannot be read")
            return loaded
        }
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            loaded.lines += 1
            do {
                loaded.entries.append(try JSONDecoder().decode(Entry.self, from: Data(line.utf8)))
            } catch {
                loaded.problems.append("\(name):\(n + 1) is not an entry: \(error)")
            }
        }
        return loaded
    }

    static let loadedCommands = load("commands.jsonl")
    static let loadedFiles = load("csv.jsonl")
    static var commands: [Entry] { loadedCommands.entries }
    static var files: [Entry] { loadedFiles.entries }
    static let chunks = 6

    /// A database with a unit and one person with some records, as the entries expect.
    static func seeded() -> Sandbox {
        let s = Sandbox()
        s.today = "2024-03-01"
        s.seed()
        let id = IDs.make(birth: "19800312", sequence: 123)
        s.person(id, workStart: "2000-07")
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "初级工", "--issued", "2003-06-01")
        s.ok("assessment", "add", id, "--year", "2020", "--result", "合格")
        return s
    }

    @Test("the corpus is large enough and every line of both files is an entry")
    func size() {
        for loaded in [Self.loadedCommands, Self.loadedFiles] {
            #expect(loaded.problems.isEmpty, "\(loaded.problems)")
            #expect(loaded.entries.count == loaded.lines)
            #expect(loaded.lines > 0)
        }
        #expect(Self.commands.count + Self.files.count >= 200)
    }

    @Test("bad command lines", arguments: 0..<chunks)
    func commandLines(_ chunk: Int) throws {
        let s = Self.seeded()
        for (n, entry) in Self.commands.enumerated() where n % Self.chunks == chunk {
            let before = s.snapshot()
            let result: Sandbox.Result
            if let hex = entry.argsHex {
                result = s.runBytes(Array(hex.dropLast()), hex: hex.last!)
            } else {
                result = s.run(entry.args ?? [])
            }
            check(entry, result, s, before: before)
        }
    }

    @Test("bad import files", arguments: 0..<chunks)
    func importFiles(_ chunk: Int) throws {
        let s = Self.seeded()
        for (n, entry) in Self.files.enumerated() where n % Self.chunks == chunk {
            let path: String
            if entry.file!.hasPrefix("GENERATED-") {
                path = s.folder + "/" + entry.file!
                let huge = String(repeating: "长", count: 10 * 1024 * 1024 / 3)
                let content = entry.file == "GENERATED-huge-field.csv"
                    ? "id-number,name,unit,trade,work-start\n\(IDs.make(birth: "19850101", sequence: 201)),\"\(huge)\",常州市某局,电工,2010-07\n"
                    : String(repeating: "a", count: 10 * 1024 * 1024)
                try content.write(toFile: path, atomically: true, encoding: .utf8)
            } else {
                path = Self.corpus.appendingPathComponent("csv/" + entry.file!).path
            }
            let before = s.snapshot()
            check(entry, s.run(["import", entry.kind!, path]), s, before: before)
        }
    }

    func check(_ entry: Entry, _ result: Sandbox.Result, _ s: Sandbox, before: Sandbox.Snapshot) {
        let what = "\(entry.note): \(entry.args ?? entry.argsHex ?? [entry.file ?? ""])"
        #expect(!result.signaled, "\(what) was killed by signal \(result.code): \(result.err.prefix(300))")
        #expect(result.signaled || entry.expect.contains(result.code), "\(what) → \(result.code): \(result.err.prefix(300))")
        #expect(result.code != 70 && result.code < 128, "\(what) crashed or failed inside: \(result.code)")
        #expect(!result.err.isEmpty, "\(what) printed no message")
        #expect(result.out.isEmpty, "\(what) printed to stdout: \(result.out.prefix(100))")
        #expect(!result.err.contains("GongQinError("), "\(what) printed a struct: \(result.err.prefix(200))")
        #expect(!result.err.contains("Fatal error") && !result.err.contains("SQLite error"), "\(what): \(result.err.prefix(300))")
        let after = s.snapshot()
        #expect(after.db == before.db, "\(what) changed the database")
        #expect(after.wal == before.wal, "\(what) changed the database's write-ahead log")
    }
}

extension Sandbox {
    /// Runs `gongqin arguments… BYTES`, the last argument given as hex bytes that need not
    /// be UTF-8, through bash's $'\xHH' quoting.
    func runBytes(_ arguments: [String], hex: String) -> Result {
        var bytes = ""
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes += "\\x" + hex[index..<next]
            index = next
        }
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return run(["__bash__", "exec '\(Sandbox.binary)' \(quoted) $'\(bytes)'"])
    }
}
