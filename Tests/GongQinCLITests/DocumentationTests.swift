import ArgumentParser
import Foundation
@testable import GongQinCLI
import GongQinCore
import Testing

/// The repository documents itself: every rule and every command is in Documentation/,
/// and nothing there or in README.md points outside the repository.
enum Docs {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Every Markdown file that documents the repository: README.md and Documentation/.
    static func markdownFiles() throws -> [String] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Documentation").path)
        return ["README.md", "BENCHMARKS.md"] + docs.filter { $0.hasSuffix(".md") }.sorted().map { "Documentation/\($0)" }
    }

    /// The sections of RULES.md, by the ID in their heading (`### N2`), with their text.
    static func ruleSections() throws -> [String: String] {
        var sections: [String: String] = [:]
        var current: String?
        for line in try read("Documentation/RULES.md").split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("### ") {
                current = String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces)
                #expect(sections[current!] == nil, "RULES.md has two sections \(current!)")
                sections[current!] = ""
            } else if line.hasPrefix("## ") {
                current = nil
            } else if let id = current {
                sections[id]! += line + "\n"
            }
        }
        return sections
    }

    /// The first quotation in a RULES.md section's **Clause**, the notice's words it quotes.
    static func quotedWords(_ section: String) -> String? {
        guard let clause = section.firstRange(of: "**Clause**:"), let end = section.firstRange(of: "- **Reading**") else { return nil }
        return section[clause.upperBound..<end.lowerBound].firstMatch(of: /"([^"\n]*)"/).map { String($0.output.1) }
    }

    /// Every command path of the executable: `person add`, `form remark set`, …
    static func commandPaths(_ command: ParsableCommand.Type = GongQin.self, prefix: [String] = []) -> [String] {
        command.configuration.subcommands.flatMap { sub -> [String] in
            let path = prefix + [sub._commandName]
            return [path.joined(separator: " ")] + commandPaths(sub, prefix: path)
        }
    }
}

/// The notice (Tests/Fixtures/2024-changzhou-notice.txt, a copy of the source), its text
/// under each clause a rule can cite: `须知·四·8`, `须知·一(五)`, `须知·一(五)4`, `须知·一·表`.
/// Runs of white space are one space, so a table's cells read as one row.
enum Notice {
    static func clauses() throws -> [String: String] {
        let numerals = "一二三四五六"
        var text: [String: String] = [:]
        var (section, subsection, item): (String?, String?, String?) = (nil, nil, nil)
        for raw in try Docs.read("Tests/Fixtures/2024-changzhou-notice.txt").split(separator: "\n") {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if let bookmark = line.firstMatch(of: /^\[bookmark: [^\]]*\]/) { line.removeSubrange(bookmark.range) }
            if let first = line.first, numerals.contains(first), line.dropFirst().first == "、" {
                (section, subsection, item) = (String(first), nil, nil)
            } else if let m = line.firstMatch(of: /^（([一二三四五六])）/) {
                (subsection, item) = (String(m.output.1), nil)
            } else if let m = line.firstMatch(of: /^(\d+)[.、．]/) {
                item = String(m.output.1)
            }
            guard let section else { continue }
            var labels = ["须知·\(section)"]
            if let subsection {
                labels.append("须知·\(section)(\(subsection))")
                if let item { labels.append("须知·\(section)(\(subsection))\(item)") }
            } else if let item, section != "一" {
                labels.append("须知·\(section)·\(item)")
            } else if section == "一" {
                labels.append("须知·一·表")
            }
            for label in labels { text[label, default: ""] += " " + line }
        }
        return text.mapValues { $0.replacing(/\s+/, with: " ") }
    }

    /// A rule's words, split where RULES.md and `RuleDefinition.words` leave text out (`…`).
    static func fragments(_ words: String) -> [String] {
        words.split(separator: "…").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

@Suite("the documentation in the repository")
struct DocumentationTests {
    @Test("RULES.md has a section for every rule ID in the code, and no section without one")
    func rulesDocument() throws {
        let sections = try Docs.ruleSections()
        let codes = Set(RuleID.allCases.map(\.rawValue)).union(Formality.allCases.filter { $0 != .materials }.map(\.rawValue))
        for code in codes.sorted() { #expect(sections[code] != nil, "RULES.md has no section ### \(code)") }
        for id in sections.keys.sorted() { #expect(codes.contains(id), "RULES.md's section \(id) is no RuleID or Formality in the code") }
        for rule in RuleID.allCases {
            guard let text = sections[rule.rawValue] else { continue }
            // The whole clause: followed by its quotation or the end of the sentence, so that
            // a clause the code cuts short (`须知·一(一)5` of `须知·一(一)5；须知·二(一)5`) fails.
            #expect(text.contains("**Clause**: \(rule.clause) — ") || text.contains("**Clause**: \(rule.clause).\n"),
                    "RULES.md § \(rule.rawValue) does not give the clause \(rule.clause)")
            for part in ["**Reading**", "**Code**", "**Tests**"] {
                #expect(text.contains(part), "RULES.md § \(rule.rawValue) lacks \(part)")
            }
        }
        for formality in Formality.allCases where formality != .materials {
            #expect(sections[formality.rawValue]?.contains("**Clause**: \(formality.clause)") == true)
        }
    }

    @Test("every rule quotes the notice's own words, verbatim, from the clause it cites")
    func rulesQuoteTheNotice() throws {
        let notice = try Notice.clauses()
        #expect(notice["须知·四·8"]?.contains("一类破格申报条件只能使用一次") == true, "the notice's clauses were not found")
        #expect(notice["须知·一(五)4"]?.contains("可破格放宽工作年限3年") == true)
        #expect(notice["须知·一(一)5"]?.contains("2019-2023") == false, "clauses run into each other")
        var checked = 0
        for rule in RuleID.allCases {
            let clauses = rule.clause.split(separator: "；").map(String.init).filter { $0 != "省·基线" }
            guard let words = rule.definition.words else {
                #expect(clauses.isEmpty, "\(rule.rawValue) cites \(rule.clause) but quotes no words of it")
                continue
            }
            for fragment in Notice.fragments(words) {
                #expect(!fragment.isEmpty)
                #expect(clauses.contains { notice[$0]?.contains(fragment) == true },
                        "\(rule.rawValue): “\(fragment)” is not in the notice under \(rule.clause)")
                checked += 1
            }
        }
        #expect(checked > RuleID.allCases.count)
    }

    @Test("RULES.md quotes the same words of the notice as the code, for every rule")
    func rulesDocumentQuotes() throws {
        let sections = try Docs.ruleSections()
        var compared = 0
        for rule in RuleID.allCases {
            guard let section = sections[rule.rawValue] else { continue }
            #expect(Docs.quotedWords(section) == rule.definition.words,
                    "RULES.md § \(rule.rawValue) quotes \(Docs.quotedWords(section) ?? "nothing"), the code \(rule.definition.words ?? "nothing")")
            compared += 1
        }
        #expect(compared == RuleID.allCases.count)
    }

    @Test("RULES.md names the passing and failing cases of every engine rule")
    func ruleCasesNamed() throws {
        let sections = try Docs.ruleSections()
        let coverage = try Docs.read("Tests/GongQinCoreTests/RuleCoverageTests.swift")
        let pattern = /RuleCase\(rule: \.(\w+), verdict: \.(\w+), name: "([^"]*)"/
        #expect(coverage.matches(of: pattern).count > 40, "the pattern no longer finds RuleCoverageTests' cases")
        for match in coverage.matches(of: pattern) {
            let (rule, name) = (String(match.output.1), String(match.output.3))
            #expect(sections[rule]?.replacingOccurrences(of: "\n  ", with: " ").contains("\"\(name)\"") == true,
                    "RULES.md § \(rule) does not name its case \"\(name)\"")
        }
    }

    @Test("CLI.md documents every command of the executable")
    func cliDocument() throws {
        let text = try Docs.read("Documentation/CLI.md")
        let paths = Docs.commandPaths()
        #expect(paths.count > 40)
        for path in paths { #expect(text.contains("gongqin \(path)"), "CLI.md does not mention `gongqin \(path)`") }
        for code in ExitCode.documented { #expect(text.contains("| \(code) |"), "CLI.md does not list exit code \(code)") }
    }

    @Test("README.md and Documentation/ link only to files inside the repository")
    func noOutsideLinks() throws {
        for file in try Docs.markdownFiles() {
            let text = try Docs.read(file)
            #expect(!text.contains("../"), "\(file) points outside its folder with ../")
            for match in text.matches(of: /\]\(([^)#]+)\)/) {
                let target = String(match.output.1)
                let base = file.hasPrefix("Documentation/") ? Docs.root.appendingPathComponent("Documentation") : Docs.root
                #expect(FileManager.default.fileExists(atPath: base.appendingPathComponent(target).path),
                        "\(file) links \(target), which is not in the repository")
            }
        }
    }
}

extension ExitCode {
    /// The exit codes CLI.md must list.
    static let documented: [Int32] = [0, 1, 64, 65, 66, 70, 74, 75]
}
