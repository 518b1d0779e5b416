import GongQinCore
import Testing

/// The string literals of Swift source, for the tests that keep words out of Core and the
/// store (CoreWordingSourceTests, WordingSourceTests): they read the sources as files, so
/// both live here, beside the one scanner.
enum SourceLiterals {
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
                if first == nil, isWorded(String(c)) || text.hasSuffix("gongqin ") { first = line }
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

@Suite("the source-literal scanner")
struct SourceLiteralsTests {
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
        let found = SourceLiterals.literals(in: sample).filter { SourceLiterals.isWorded($0.text) }
        #expect(found.map(\.line) == [4, 5, 6, 9, 11])
        #expect(found.map(\.text.trimmingSpaces) == ["请运行 gongqin check", "编号", "人员", "first line\n    第二行", "raw \"quoted\" 中"])
        #expect(!SourceLiterals.isWorded("plain text, gongqin_chain_hash"))
    }
}
