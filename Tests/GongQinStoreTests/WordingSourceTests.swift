import Foundation
import GongQinCore
import Testing

/// Wording lives in the CLI only (Documentation/ARCHITECTURE.md, “A new command”): the
/// store throws and returns typed values, and GongQinCLI/Output/StoreWording.swift words
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
            for literal in Self.literals(in: text) where Self.isWorded(literal.text) {
                let excuses = Self.allowed.filter { $0.file == file && literal.text.contains($0.part) }
                if !excuses.isEmpty {
                    used.formUnion(excuses.map { $0.file + "|" + $0.part })
                } else {
                    offences.append("Sources/GongQinStore/\(file):\(literal.line): \"\(literal.text)\"")
                }
            }
        }
        #expect(checked > 30)
        #expect(offences.isEmpty, "words in the store (word them in GongQinCLI/Output/StoreWording.swift):\n\(offences.joined(separator: "\n"))")
        let stale = Self.allowed.map { $0.file + "|" + $0.part }.filter { !used.contains($0) }
        #expect(stale.isEmpty, "allowlist entries that match no literal: \(stale)")
    }

    @Test("the scanner finds words in literals, not in comments or interpolated code")
    func scannerCanFail() {
        let sample = #"""
            // 注释里的中文不算
            /* 块注释 "也不算" /* 嵌套 */ */
            let a = "plain"
            let b = "请运行 gongqin check"
            let c = "编号\(id)"
            let d = "x\(names["人员"] ?? "")y"
            let e = """
                first line
                第二行
                """
            let f = #"raw "quoted" 中"#
            """#
        let found = Self.literals(in: sample).filter { Self.isWorded($0.text) }
        #expect(found.map(\.line) == [4, 5, 6, 9, 11])
        #expect(found.map(\.text.trimmingSpaces) == ["请运行 gongqin check", "编号", "人员", "first line\n    第二行", "raw \"quoted\" 中"])
        #expect(!Self.isWorded("plain text, gongqin_chain_hash"))
    }

    /// A literal names a command (`gongqin ` and a word) or holds a Han character.
    static func isWorded(_ text: String) -> Bool {
        text.contains("gongqin ") || text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: true
            default: false
            }
        }
    }

    struct Literal {
        /// The line of the literal's first worded character, or of its start.
        var line: Int
        var text: String
    }

    /// The string literals of Swift source, each the text between its quotes with
    /// interpolations left out (a literal inside an interpolation is one of its own);
    /// comments skipped. Escapes are kept as written, except `\"`, which is a quote.
    static func literals(in source: String) -> [Literal] {
        let s = Array(source.unicodeScalars)
        var i = 0
        var line = 1
        var found: [Literal] = []

        func at(_ j: Int) -> Unicode.Scalar? { j < s.count ? s[j] : nil }
        func starts(_ text: String, _ j: Int) -> Bool {
            for (k, c) in text.unicodeScalars.enumerated() where at(j + k) != c { return false }
            return true
        }

        // Code until the `)` that closes an interpolation (or the end).
        func code(interpolation: Bool) {
            var depth = 0
            while i < s.count {
                let c = s[i]
                if starts("//", i) {
                    while i < s.count, s[i] != "\n" { i += 1 }
                } else if starts("/*", i) {
                    var nesting = 0
                    repeat {
                        if starts("/*", i) { nesting += 1; i += 2 } else if starts("*/", i) { nesting -= 1; i += 2 } else {
                            if s[i] == "\n" { line += 1 }
                            i += 1
                        }
                    } while nesting > 0 && i < s.count
                } else if c == "#" || c == "\"" {
                    var hashes = 0
                    while at(i + hashes) == "#" { hashes += 1 }
                    if at(i + hashes) == "\"" { i += hashes; string(hashes: hashes) } else { i += max(hashes, 1) }
                } else {
                    if c == "\n" { line += 1 }
                    if c == "(" { depth += 1 }
                    if c == ")" {
                        if interpolation && depth == 0 { i += 1; return }
                        depth -= 1
                    }
                    i += 1
                }
            }
        }

        // A literal from its opening quote(s).
        func string(hashes: Int) {
            let pounds = String(repeating: "#", count: hashes)
            let multiline = starts("\"\"\"", i)
            let close = (multiline ? "\"\"\"" : "\"") + pounds
            i += multiline ? 3 : 1
            if multiline, at(i) == "\n" { line += 1; i += 1 }
            var text = ""
            var first: Int?
            let start = line
            func add(_ c: Unicode.Scalar) {
                text.unicodeScalars.append(c)
                if first == nil, Self.isWorded(String(c)) || text.hasSuffix("gongqin ") { first = line }
            }
            while i < s.count {
                if starts(close, i) { i += close.unicodeScalars.count; break }
                if starts("\\" + pounds, i) {
                    let after = i + 1 + hashes
                    if at(after) == "(" {
                        i = after + 1
                        code(interpolation: true)
                        continue
                    }
                    if at(after) == "\n" { line += 1; i = after + 1; continue }
                    if at(after) == "\"" { add("\""); i = after + 1; continue }
                    add("\\")
                    i += 1 + hashes
                    continue
                }
                if s[i] == "\n" {
                    if !multiline { break }
                    line += 1
                }
                add(s[i])
                i += 1
            }
            if multiline {
                // The closing line's indentation is not part of the text.
                while let last = text.unicodeScalars.last, last == " " { text.unicodeScalars.removeLast() }
            }
            found.append(Literal(line: first ?? start, text: text))
        }

        code(interpolation: false)
        return found
    }
}
