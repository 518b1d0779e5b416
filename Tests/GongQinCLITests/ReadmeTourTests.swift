import Foundation
import Testing

/// README.md's tour is a record of real runs: this runs its commands again, in order, in
/// one fresh database on the tour's date, and compares what each prints (stdout and
/// stderr, as a terminal shows them). A line `…` in the README stands for any number of
/// lines left out.
struct ReadmeTourTests {
    struct Step {
        var arguments: [String]
        var expected: [String]
    }

    /// The `$ gongqin …` commands of the tour's code blocks, each with the lines below it.
    static func tour() throws -> [Step] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "\n## A tour\n"),
              let end = readme.range(of: "\n## ", range: start.upperBound..<readme.endIndex) else { return [] }
        var steps: [Step] = []
        var inBlock = false
        for line in readme[start.upperBound..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inBlock.toggle()
            } else if inBlock, line.hasPrefix("$ gongqin ") {
                steps.append(Step(arguments: line.dropFirst("$ gongqin ".count).split(separator: " ").map(String.init), expected: []))
            } else if inBlock, !steps.isEmpty {
                steps[steps.count - 1].expected.append(String(line))
            }
        }
        return steps
    }

    /// Whether `actual` is `expected`, where an expected `…` matches any run of lines.
    /// Blank lines at the end and spaces at line ends do not count.
    static func matches(_ actual: [String], _ expected: [String]) -> Bool {
        func trimmed(_ lines: [String]) -> [String] {
            var lines = lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }
            while lines.last == "" { lines.removeLast() }
            return lines
        }
        let actual = trimmed(actual), expected = trimmed(expected)
        var i = 0
        var skipping = false
        for line in expected {
            if line == "…" { skipping = true; continue }
            if skipping {
                guard let found = actual[i...].firstIndex(of: line) else { return false }
                i = found
            }
            guard i < actual.count, actual[i] == line else { return false }
            i += 1
            skipping = false
        }
        return skipping || i == actual.count
    }

    @Test("the README's tour prints what the README says")
    func tourReplays() throws {
        let steps = try Self.tour()
        #expect(steps.count >= 15, "the tour's commands were not found in README.md")
        let s = Sandbox()
        #expect(s.today == "2026-11-26", "the tour was run on 2026-11-26")
        for step in steps {
            let result = s.run(step.arguments)
            // The tour points GONGQIN_DB at /tmp/gongqin-tour.sqlite; the test at its sandbox.
            let shown = (result.out + result.err).replacingOccurrences(of: s.db, with: "/tmp/gongqin-tour.sqlite")
                .components(separatedBy: "\n")
            #expect(Self.matches(shown, step.expected),
                    "gongqin \(step.arguments.joined(separator: " ")) printed:\n\(result.out)\(result.err)")
        }
    }

    @Test("… matches any run of lines, and nothing else is skipped")
    func ellipsis() {
        #expect(Self.matches(["a", "b", "c", "d"], ["a", "…", "d"]))
        #expect(Self.matches(["a", "b", "c"], ["a", "…"]))
        #expect(Self.matches(["a", "b "], ["a", "b", ""]))
        #expect(!Self.matches(["a", "b", "c"], ["a", "c"]))
        #expect(!Self.matches(["a", "b"], ["a"]))
        #expect(!Self.matches(["a"], ["a", "…", "b"]))
    }
}
