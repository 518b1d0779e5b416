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

    /// Every command path of the executable: `person add`, `form remark set`, …
    static func commandPaths(_ command: ParsableCommand.Type = GongQin.self, prefix: [String] = []) -> [String] {
        command.configuration.subcommands.flatMap { sub -> [String] in
            let path = prefix + [sub._commandName]
            return [path.joined(separator: " ")] + commandPaths(sub, prefix: path)
        }
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
            #expect(text.contains("**Clause**: \(rule.clause)"), "RULES.md § \(rule.rawValue) does not give the clause \(rule.clause)")
            for part in ["**Reading**", "**Code**", "**Tests**"] {
                #expect(text.contains(part), "RULES.md § \(rule.rawValue) lacks \(part)")
            }
        }
        for formality in Formality.allCases where formality != .materials {
            #expect(sections[formality.rawValue]?.contains("**Clause**: \(formality.clause)") == true)
        }
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
