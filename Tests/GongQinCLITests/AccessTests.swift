import ArgumentParser
import Foundation
@testable import GongQinCLI
import Testing

/// Every command that takes the database declares whether it reads or writes it
/// (`ReadCommand`, `WriteCommand`: Arguments/Access.swift), and a read command reaches it
/// only read-only (CONTRACT: read commands never create or change a file; a missing file
/// exits 66).
@Suite("access: every database command declares .read or .write, and the .read ones only read")
struct AccessTests {
    /// Every command of the tree, with the words that name it.
    static func commands(_ command: ParsableCommand.Type = GongQin.self, path: [String] = []) -> [(path: [String], type: ParsableCommand.Type)] {
        command.configuration.subcommands.flatMap { sub -> [(path: [String], type: ParsableCommand.Type)] in
            let words = path + [sub._commandName]
            return [(words, sub)] + commands(sub, path: words)
        }
    }

    /// Whether a command takes `StoreOptions`: its options hold `--seal-key`, which
    /// `StoreOptions` alone declares (`demo` takes a `--db` of its own).
    static func takesStore(_ path: [String]) -> Bool {
        CommandShape.options(of: path).contains { $0.name == "--seal-key" }
    }

    /// The `.read` commands, by path.
    static let readCommands: [[String]] = commands().compactMap { command in
        (command.type as? any StoreCommand.Type)?.access == .read ? command.path : nil
    }

    /// The ways to a database, and the files of the CLI that may take them: the context
    /// (Access.swift), and the three commands that make or replace a file themselves
    /// (`restore` puts a backup in its place, `demo` builds its own, `seal init` rotates the
    /// key of a database it opens to write).
    static let openers: [(call: String, files: Set<String>)] = [
        ("store.reader()", ["Arguments/Access.swift"]),
        ("store.open()", ["Arguments/Access.swift"]),
        ("GongQinDatabase.openForReading(", ["Arguments/Access.swift"]),
        ("GongQinDatabase.open(", ["Arguments/Access.swift", "Upkeep/Demo.swift", "Upkeep/SealCommands.swift"]),
        ("GongQinDatabase.restore(", ["Files/FileCommands.swift"]),
        (".rotateSeal(", ["Upkeep/SealCommands.swift"]),
    ]

    @Test("a command reaches the database through its context: no other file of the CLI opens it")
    func onlyTheContextOpens() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/GongQinCLI").standardized.path
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources))
        var checked = 0, found = 0
        var offences: [String] = []
        while let file = enumerator.nextObject() as? String {
            guard file.hasSuffix(".swift") else { continue }
            checked += 1
            let text = try String(contentsOfFile: sources + "/" + file, encoding: .utf8)
            for (number, line) in text.components(separatedBy: "\n").enumerated() {
                let code = line.components(separatedBy: "//").first ?? ""
                for opener in Self.openers where code.contains(opener.call) {
                    found += 1
                    if !opener.files.contains(file) { offences.append("\(file):\(number + 1): \(opener.call)") }
                }
            }
        }
        #expect(checked > 40 && found >= 8)
        #expect(offences.isEmpty, "the database opened outside a command's context:\n\(offences.joined(separator: "\n"))")
    }

    @Test("every command that takes the database declares its access; the others declare none")
    func declared() {
        var read = 0, write = 0
        for command in Self.commands() where command.type.configuration.subcommands.isEmpty {
            let declared = command.type as? any StoreCommand.Type
            if Self.takesStore(command.path) {
                #expect(declared != nil, "gongqin \(command.path.joined(separator: " ")) takes --db but declares no access")
            } else {
                #expect(declared == nil, "gongqin \(command.path.joined(separator: " ")) declares an access but takes no --db")
            }
            switch declared?.access {
            case .read: read += 1
            case .write: write += 1
            case nil: break
            }
        }
        #expect(read > 20 && write > 20, "\(read) read, \(write) write")
        // A few that must be what they are.
        for path in [["status"], ["check"], ["export"], ["person", "show"], ["cert", "list"], ["eligible"], ["forecast"], ["bundle"]] {
            #expect(Self.readCommands.contains(path), "\(path) is not .read")
        }
        for path in [["init"], ["cert", "add"], ["cert", "update"], ["import"], ["merge"], ["revert"]] {
            #expect(!Self.readCommands.contains(path), "\(path) is .read")
        }
    }

    @Test("each .read command's examples, on a missing database, create nothing; on the tour's, change nothing")
    func readCommandsOnlyRead() throws {
        let tour = HintTests.tour()
        let original = try #require(FileManager.default.contents(atPath: tour.db))
        var ran = 0
        for path in Self.readCommands {
            let key = path.joined(separator: " ")
            for example in Examples.byCommand[key] ?? [] {
                let words = Array(example.split(separator: " ").map(String.init).dropFirst())
                // A missing database is refused and stays missing.
                let s = Sandbox()
                s.cwd = s.folder
                let missing = s.run(words)
                #expect(missing.code != 0, "\(example) on a missing database → 0")
                #expect(!FileManager.default.fileExists(atPath: s.db), "\(example) created the missing database")
                #expect(missing.code != 70, "\(example) → 70: \(missing.err)")

                // A read-only copy of the tour's database is read as it stands.
                try? FileManager.default.removeItem(atPath: s.db)
                try FileManager.default.copyItem(atPath: tour.db, toPath: s.db)
                try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: s.db)
                let result = s.run(words)
                #expect(result.code != 64 && result.code != 70, "\(example) on a read-only database → \(result.code): \(result.err)")
                #expect(FileManager.default.contents(atPath: s.db) == original, "\(example) changed the database")
                #expect(!result.err.contains("已新建数据库"), "\(example): \(result.err)")
                ran += 1
            }
        }
        #expect(ran >= Self.readCommands.count)
    }
}
