import Foundation
import GongQinCore
import Testing

/// Wording lives in the CLI only: Core returns typed values (`RecordProblem` in a
/// `FieldProblem`), and GongQinCLI/Wording/CoreWording.swift words them. A string literal
/// in Sources/GongQinCore that names a `gongqin ` command or holds a Chinese character
/// fails here, named by file and line, unless it is record or rule data (the allowlist)
/// or in a file still worded (the pending counts).
@Suite("Core writes no words")
struct CoreWordingSourceTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/GongQinCore").standardized

    /// Files (or folders, ending in `/`) under Sources/GongQinCore whose Chinese literals are
    /// data, not words, and why. Each entry that matches no literal fails.
    static let allowed: [(path: String, reason: String)] = [
        ("Rules/Rules.swift", "rule data: each rule's clause, title, the notice's own words and its reading, held to the notice by DocumentationTests"),
        ("Values/Vocabulary.swift", "the Chinese names and spellings of code values, which input matches and files hold (and the 或 that lists them)"),
        ("Records/Application.swift", "the Chinese names of an application's statuses and results, code values like Vocabulary's"),
        ("Records/StoredNames.swift", "the Chinese names of tables and columns, labels of the schema as the log and a merge show them"),
        ("Records/Records.swift", "record data: the home province as certificates store it, the award names a record is matched by"),
        ("Values/Values.swift", "the spellings of yes and no that a cell is read by"),
        ("Materials/Formalities.swift", "rule data: the formalities of the notice, their clauses and what each asks"),
        ("Materials/MaterialCatalogue.swift", "record data: the notice's lists of materials (RULES §8), each item's short file name, words and clause, each list's section and name and each mark's meaning, held to RULES §8 by MaterialsTests"),
        ("Materials/Roster.swift", "the roster's column labels, a file format"),
        ("Policy/PolicyParameters.swift", "policy data: each parameter's name as RULES §2's table names it and how a flag's values read, and the sources gongqin writes into a policy it derives, which its document holds as a loaded one holds its clauses"),
        ("Policy/LegacyPolicyFile.swift", "policy data: the clause each value of gongqin 0.1's policy file rests on, the sources policy-2024.json holds as data"),
        ("Rules/Citation.swift", "rule wording: each typed finding's words under its rule's ID, the one renderer of a rule's text (issue 25: a rule's check and its wording live together)"),
        ("Files/FileFormat.swift", "file-format data: each column's label, the header spellings it is read by and its help, and the spellings of a cell's values"),
        ("Files/RosterFile.swift", "file-format data: the 花名册's column labels, header spellings and help"),
        ("Records/RecordSpec.swift", "record-spec data: each field's label, aliases and help, described once per kind"),
        ("Exceptional/Exceptional.swift", "the Chinese names of code values (a condition's evidence, a value's status, a use's source), like Vocabulary's, and the built-in catalogue's names and clauses, which Schema/0001 seeds too"),
        ("Values/Day.swift", "the spellings of a date in files and forms: 2019年07月 as the roster and the approval form write a month (RULES F1), and 年, 月 and 日 as a cell may spell a date"),
        ("Values/IDNumber.swift", "the Chinese names of a sex (男, 女), code values like Vocabulary's, as the roster and the approval form write them"),
        ("Materials/ApprovalForm.swift", "the approval form's own data (RULES F1): 隶属 常州市, the notice's example remark, the line military service takes (部队, 服役) and an award's month as the form writes it"),
    ]

    /// Files still worded, with how many worded literals each holds. A file with more fails
    /// (new words); one with fewer fails too, until its count is lowered: the list only
    /// shrinks. A file neither here nor allowed holds none. Empty: every file's words are
    /// in the CLI, and what Chinese Core holds is data, allowed above.
    static let pending: [(path: String, count: Int)] = []

    @Test("no string literal in Core names a gongqin command or holds Chinese")
    func noWords() throws {
        let enumerator = try #require(FileManager.default.enumerator(atPath: Self.sources.path))
        var checked = 0
        var worded: [String: [SourceLiterals.Literal]] = [:]
        var used = Set<String>()
        while let file = enumerator.nextObject() as? String {
            guard file.hasSuffix(".swift") else { continue }
            let text = try String(contentsOfFile: Self.sources.path + "/" + file, encoding: .utf8)
            checked += 1
            let found = SourceLiterals.literals(in: text).filter { SourceLiterals.isWorded($0.text) }
            guard !found.isEmpty else { continue }
            if let entry = Self.allowed.first(where: { $0.path == file || ($0.path.hasSuffix("/") && file.hasPrefix($0.path)) }) {
                used.insert(entry.path)
            } else {
                worded[file] = found
            }
        }
        #expect(checked > 40)
        let counts = Dictionary(uniqueKeysWithValues: Self.pending.map { ($0.path, $0.count) })
        let offences = worded.keys.sorted().filter { counts[$0] != worded[$0]!.count }.map { file in
            "Sources/GongQinCore/\(file): \(worded[file]!.count) worded literals, pending says \(counts[file] ?? 0):\n"
                + worded[file]!.map { "  \($0.line): \"\($0.text)\"" }.joined(separator: "\n")
        }
        #expect(offences.isEmpty, "words in Core (word them in GongQinCLI/Wording/CoreWording.swift):\n\(offences.joined(separator: "\n"))")
        let stale = Self.allowed.map(\.path).filter { !used.contains($0) } + Self.pending.map(\.path).filter { worded[$0] == nil }
        #expect(stale.isEmpty, "entries that match no worded literal: \(stale)")
    }
}
