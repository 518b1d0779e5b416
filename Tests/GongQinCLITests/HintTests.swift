import Foundation
@testable import GongQinCLI
import Testing

/// Every printed hint is a real command that runs when pasted (Documentation/CLI.md, “One
/// command line”; issue 27): the examples of every command's help, and every `gongqin …`
/// line printed by a battery of commands (the examples, the bad-input corpus, and the
/// refusals that carry a hint) are run against the README tour's database. Any exit but
/// 64 is accepted: a usage error means the hint is not a command line.
@Suite("every printed hint and example is a real command line")
struct HintTests {
    static let zhang = "320402198003151230"

    /// The README tour's 张三 and his unit, a second person without records, and an
    /// application.
    static func tour() -> Sandbox {
        let s = Sandbox()
        s.seed()
        s.ok("unit", "add", "常州市某某管理处", "--department", "常州市某某局", "--district", "天宁区")
        s.ok("person", "add", "--id-number", zhang, "--name", "张三", "--unit", "常州市某某管理处", "--trade", "汽车驾驶与管理",
             "--work-start", "2001-07")
        s.ok("cert", "add", zhang, "--trade", "汽车驾驶与管理", "--grade", "初级工", "--issued", "2004-06-01", "--number", "0401")
        s.ok("cert", "add", zhang, "--trade", "汽车驾驶与管理", "--grade", "中级工", "--issued", "2012-06-01", "--number", "1207")
        s.ok("transfer", "add", zhang, "--to", "电工", "--date", "2021-03")
        s.ok("education", "add", zhang, "--level", "高中", "--graduated", "1998-07")
        for year in 2021...2025 { s.ok("assessment", "add", zhang, "--year", String(year), "--result", "合格") }
        s.ok("award", "add", zhang, "--name", "嘉奖", "--date", "2019-12", "--issuer", "常州市某某局")
        s.ok("job", "add", zhang, "--from", "2001-07", "--to", "2021-02", "--unit", "常州市某某管理处", "--post", "驾驶员")
        s.ok("exceptional", "record", zhang, "--condition", "merit-award", "--year", "2012", "--grade", "中级工")
        s.person(IDs.make(birth: "19850101", sequence: 11), name: "李四", trade: "电工", workStart: "2005-07")
        return s
    }

    /// The words a hint may not hold: placeholders that are no value.
    static let placeholders: Set<String> = ["身份证号", "文件夹", "单位名称", "公钥", "年度", "编号", "工种", "新单位", "YYYY-MM",
                                            "姓名", "ID", "FILE", "DIR", "KIND", "N", "SEQ", "…", "...", "评语"]

    /// The commands a text prints: from `gongqin` to the end of the line, cut at the first
    /// full-width punctuation; only those that name a command.
    static func commands(in text: String) -> [[String]] {
        let names = Set(GongQin.configuration.subcommands.map { $0._commandName } + ["help"])
        var found: [[String]] = []
        // A help's usage line is the command's grammar, not a hint.
        for line in text.split(separator: "\n") where !line.hasPrefix("用法：") {
            var rest = Substring(line)
            while let range = rest.range(of: "gongqin ") {
                let tail = rest[range.upperBound...]
                let end = tail.firstIndex { "，。；：（）、？！“”\"`'".contains($0) } ?? tail.endIndex
                let words = tail[..<end].split(separator: " ").map(String.init)
                // “gongqin materials”: a command named in quotes, not a hint.
                let quoted = range.lowerBound > line.startIndex && line[line.index(before: range.lowerBound)] == "“"
                if !quoted, let first = words.first, names.contains(first) || first.hasPrefix("--") { found.append(words) }
                rest = tail[end...]
            }
        }
        return found
    }

    /// Runs a hint on a fresh copy of the tour's database, in a folder of its own; prose
    /// after the command (`gongqin trade list 查看全部`) is dropped word by word while the
    /// parser refuses it.
    static func run(_ words: [String], tour: Sandbox) -> (Sandbox.Result, [String]) {
        let s = Sandbox()
        try? FileManager.default.removeItem(atPath: s.db)
        try! FileManager.default.copyItem(atPath: tour.db, toPath: s.db)
        s.cwd = s.folder
        var words = words
        while true {
            let result = s.run(words)
            let prose = words.last.map { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } && !$0.contains("-") } ?? false
            if result.code == 64, words.count > 1, prose, result.err.contains("多余的参数") {
                words.removeLast()
                continue
            }
            return (result, words)
        }
    }

    @Test("every example of every command's help runs on the tour's database without a usage error")
    func examples() {
        let tour = Self.tour()
        #expect(Set(Examples.byCommand.keys) == Set([""] + Docs.commandPaths()), "every command has examples, and no others")
        for example in Examples.byCommand.values.joined() {
            let words = Array(example.split(separator: " ").map(String.init).dropFirst())
            for word in words { #expect(!Self.placeholders.contains(word), "\(example) holds the placeholder \(word)") }
            let (result, _) = Self.run(words, tour: tour)
            #expect(result.code != 64, "\(example) → 64: \(result.err)")
        }
    }

    @Test("every gongqin … line printed by the examples, the corpus and the refusals runs when pasted")
    func printedHints() throws {
        let tour = Self.tour()
        var battery = Examples.byCommand.values.joined().map { Array($0.split(separator: " ").map(String.init).dropFirst()) }
        battery += [
            ["eligible", "--cycle", "next"], ["eligible", "--cycle", "2027", "--unit", "常州市某某管理处"],
            ["explain", "张三", "--cycle", "next"], ["forecast"], ["materials", "张三", "--cycle", "next", "--grade", "高级工", "--module", "正常"],
            ["person", "remove", "张三"], ["person", "update", "张三", "--trade", "汽车驾驶与管理"], ["unit", "remove", "常州市某某管理处"],
            ["trade", "remove", "电工"], ["assessment", "add", "张三", "--year", "2025", "--result", "优秀"], ["cert", "remove", "999"],
            ["person", "show", "王二麻子"], ["person", "show", "3204"], ["apply", "张三", "--cycle", "next", "--grade", "技师", "--module", "正常"],
            ["revert", "1"], ["revert", "99999"], ["seal", "init"], ["seal", "trust", "--list"], ["unit", "list", "--db", "空.sqlite"],
            ["person", "list", "--db", "空.sqlite"], ["eligible", "--cylce", "next"], ["materials", "chek", "x"], ["frobnicate"],
            ["--db", "不存在.sqlite", "status"], ["check"], ["audit"], ["log", "--table", "certificat"],
            ["exceptional", "update", "1", "--condition", "merit-award"], ["import", "persons", "不存在.csv"],
        ]
        let corpus = try String(contentsOf: URL(fileURLWithPath: Sandbox.corpus + "/commands.jsonl"), encoding: .utf8)
        for line in corpus.split(separator: "\n") {
            guard let entry = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let args = entry["args"] as? [String] else { continue }
            battery.append(args)
        }
        var hints: [String: [String]] = [:]
        var printedBy: [String: String] = [:]
        for command in battery {
            let (result, _) = Self.run(command, tour: tour)
            for hint in Self.commands(in: result.out + "\n" + result.err) {
                hints[hint.joined(separator: " "), default: []] = hint
                printedBy[hint.joined(separator: " ")] = command.joined(separator: " ")
            }
        }
        #expect(hints.count > 40, "too few hints were printed: \(hints.keys.sorted())")
        for (text, words) in hints.sorted(by: { $0.key < $1.key }) {
            for word in words {
                #expect(!Self.placeholders.contains(word), "gongqin \(text) (printed by gongqin \(printedBy[text] ?? "")) holds the placeholder \(word)")
            }
            // A hint that runs a demo or a restore elsewhere writes outside the sandbox.
            if words.contains(where: { $0.hasPrefix("/") && !$0.hasPrefix(NSTemporaryDirectory()) }) { continue }
            let (result, ran) = Self.run(words, tour: tour)
            #expect(result.code != 64, "gongqin \(ran.joined(separator: " ")) (printed: gongqin \(text), by gongqin \(printedBy[text] ?? "")) → 64: \(result.err)")
        }
    }
}
