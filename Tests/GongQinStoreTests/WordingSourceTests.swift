import Foundation
import GongQinCore
import Testing

/// Wording lives in the CLI only (Documentation/ARCHITECTURE.md, “A new command”): the
/// store throws and returns typed values, and GongQinCLI/Wording/StoreWording.swift words
/// them. A string literal in Sources/GongQinStore that names a `gongqin ` command or holds
/// a Chinese character fails here, named by file and line, unless the allowlist below
/// names it with its reason.
@Suite("the store writes no words")
struct WordingSourceTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/GongQinStore").standardized

    /// Literals that may stay: the file (its path under Sources/GongQinStore), a part of the
    /// literal, and why. Keep it short; each entry that matches nothing fails too.
    static let allowed: [(file: String, part: String, reason: String)] = []

    @Test("no string literal in the store names a gongqin command or holds Chinese")
    func noWords() throws {
        let enumerator = try #require(FileManager.default.enumerator(atPath: Self.sources.path))
        var checked = 0
        var offences: [String] = []
        var used = Set<String>()
        while let file = enumerator.nextObject() as? String {
            guard file.hasSuffix(".swift") else { continue }
            let text = try String(contentsOfFile: Self.sources.path + "/" + file, encoding: .utf8)
            checked += 1
            for literal in SourceLiterals.literals(in: text) where SourceLiterals.isWorded(literal.text) {
                let excuses = Self.allowed.filter { $0.file == file && literal.text.contains($0.part) }
                if !excuses.isEmpty {
                    used.formUnion(excuses.map { $0.file + "|" + $0.part })
                } else {
                    offences.append("Sources/GongQinStore/\(file):\(literal.line): \"\(literal.text)\"")
                }
            }
        }
        #expect(checked > 30)
        #expect(offences.isEmpty, "words in the store (word them in GongQinCLI/Wording/StoreWording.swift):\n\(offences.joined(separator: "\n"))")
        let stale = Self.allowed.map { $0.file + "|" + $0.part }.filter { !used.contains($0) }
        #expect(stale.isEmpty, "allowlist entries that match no literal: \(stale)")
    }
}
