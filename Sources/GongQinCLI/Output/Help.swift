import Foundation
import GongQinCore

/// The help the argument parser writes, in Chinese throughout (Documentation/CLI.md,
/// “One command line”): its headings, its built-in flags and its lists of values. The
/// parser writes them in English; this is the one place they are rewritten.
enum HelpText {
    static func chinese(_ text: String) -> String {
        var lines: [String] = []
        for line in text.components(separatedBy: "\n") {
            lines.append(chineseLine(line))
        }
        return lines.joined(separator: "\n")
    }

    static func chineseLine(_ line: String) -> String {
        var line = line
        let headings = [("OVERVIEW: ", "概述："), ("USAGE: ", "用法："), ("OPTIONS:", "选项："), ("ARGUMENTS:", "参数："),
                        ("SUBCOMMANDS:", "子命令："), ("FLAGS:", "开关：")]
        for (english, chinese) in headings where line.hasPrefix(english) {
            line = chinese + line.dropFirst(english.count)
        }
        // A group of subcommands: `记录 RECORDS SUBCOMMANDS:` → `记录类子命令：`.
        if line.hasSuffix(" SUBCOMMANDS:") {
            let group = line.dropLast(" SUBCOMMANDS:".count).split(separator: " ").first.map(String.init) ?? ""
            line = group + "类子命令："
        }
        let phrases = [
            ("Show help information.", "显示帮助"),
            ("Show the version.", "显示版本号"),
            ("Show subcommand help information.", "显示子命令的帮助"),
            ("<subcommand>", "<子命令>"),
        ]
        for (english, chinese) in phrases { line = line.replacingOccurrences(of: english, with: chinese) }
        if line.trimmingCharacters(in: .whitespaces).hasPrefix("See '"), line.hasSuffix("for detailed help.") {
            // `See 'gongqin help person <subcommand>' for detailed help.`
            let command = line.components(separatedBy: "'").dropFirst().first ?? "gongqin help"
            return "  各子命令的详细说明：\(command)"
        }
        return values(line)
    }

    /// `(values: junior, intermediate; default: x)` → `（可选：junior 初级工、…；默认：x）`.
    /// The help is made with lines too long to break (`fullMessage(for:columns:)`), so that
    /// a list is on one line; each code gets its label.
    static func values(_ line: String) -> String {
        var line = line
        line = line.replacingOccurrences(of: " (values: ", with: "（可选：").replacingOccurrences(of: "(values: ", with: "（可选：")
        line = line.replacingOccurrences(of: " (default: ", with: "（默认：")
        line = line.replacingOccurrences(of: "; default as flag: ", with: "；单写即：")
        line = line.replacingOccurrences(of: "; default: ", with: "；默认：")
        line = line.replacingOccurrences(of: "(default: ", with: "（默认：")
        if line.contains("（可选：") || line.contains("（默认："), line.hasSuffix(")") {
            line = String(line.dropLast()) + "）"
        }
        // The codes of a fixed vocabulary, with their Chinese names.
        if let range = line.range(of: "（可选：") {
            let head = line[..<range.upperBound]
            var tail = String(line[range.upperBound...])
            let closes = tail.hasSuffix("）")
            if closes { tail.removeLast() }
            let parts = tail.components(separatedBy: "；")
            let codes = parts[0].components(separatedBy: ", ").map { code in
                Typos.label(code).map { "\(code)（\($0)）" } ?? code
            }
            line = head + codes.joined(separator: "、") + (parts.count > 1 ? "；" + parts[1...].joined(separator: "；") : "")
                + (closes ? "）" : "")
        }
        return line
    }
}

/// `gongqin help rules`: every rule ID gongqin prints, with its meaning and clause, from
/// the same `RuleID` and `Formality` that Documentation/RULES.md documents, so that a code
/// shown anywhere can be looked up without the document.
enum RulesHelp {
    static func print() {
        Console.out("规则编号（依据《2024年常州市机关事业单位工勤技能岗位技术等级考评申报须知》，“须知·一·表”指第一部分的表）")
        Console.out("")
        let rules = RuleID.allCases.map { ($0.rawValue, $0.title, $0.clause) }
            + Formality.allCases.map { ($0.rawValue, $0.title, $0.clause) }
        Console.out(Render.table(header: ["编号", "含义", "依据条款"], rows: rules.map { [$0.0, $0.1, $0.2] }, width: nil))
        Console.out("")
        Console.out("省·基线：须知未重述的省级基本要求（可在政策文件 baseline 中调整）。各年度参数的状态（正式、推算、假定值）见 gongqin policy list")
    }
}
