import ArgumentParser
import Foundation
import GongQinCore
import GongQinStore

/// The entry point: parses the command line, runs the command, and turns every error
/// into one Chinese line on stderr and the contract's exit code. No stack trace, no raw
/// SQLite message, no crash reaches the clerk.
public enum GongQinMain {
    public static func main() -> Never {
        signal(SIGPIPE, SIG_IGN)
        // A file-size limit is a failed write (exit 74), not a kill.
        signal(SIGXFSZ, SIG_IGN)
        // Swift repairs bytes that are not UTF-8 into U+FFFD; a name or a number mangled
        // that way must not be written. Refuse the command line instead.
        for i in 1..<Int(CommandLine.argc) {
            if let argument = CommandLine.unsafeArgv[i], String(validatingCString: argument) == nil {
                Console.errorLine("错误：第\(i)个参数含有无法识别的字节（不是 UTF-8 编码），未执行任何操作。请检查终端或脚本的字符编码")
                exit(65)
            }
        }
        exit(run(Array(CommandLine.arguments.dropFirst())))
    }

    public static func run(_ arguments: [String]) -> Int32 {
        // No text input holds a control character (README, “Hostile text and outputs”): an ESC sequence in a name
        // would drive the clerk's terminal, a line break would forge a row; nor an invisible
        // one, a direction override or a zero-width space, with which two names look alike.
        for (i, argument) in arguments.enumerated() {
            if let character = TextSafety.refusedCharacter(in: argument) {
                Console.errorLine("错误：第\(i + 1)个参数含有\(character)，未执行任何操作。请去掉后重试")
                return 65
            }
        }
        let code: Int32
        let arguments = CommandShape.reorder(Normalise.arguments(arguments))
        do {
            if arguments.first == "help", arguments.dropFirst().first == "rules" {
                RulesHelp.print()
                Console.flush()
                return Console.failed ? exitCode(.outputFailed) : 0
            }
            try Typos.checkSubcommands(arguments)
            var command = try CommandShape.parse(arguments)
            try command.run()
            code = 0
        } catch let error as GongQinError {
            code = refuse(error)
        } catch let error as StoreFailure {
            code = refuse(error.gongqin)
        } catch let error as RecordError {
            code = refuse(error.gongqin)
        } catch let error as ExitCode {
            code = error.rawValue
        } catch {
            // A value a `transform:` refused comes wrapped in the parser's own error.
            if let refusal = refusedValue(error) {
                code = refuse(refusal)
            } else {
                let words = arguments.first == "help" ? Array(arguments.dropFirst()) : arguments
                code = handleParserError(error, translating: !arguments.contains { $0.hasPrefix("--generate-completion-script") || $0 == "--experimental-dump-help" },
                                         path: CommandShape.target(of: words).path)
            }
        }
        Console.flush()
        // A short write to stdout is never a success (README, “Hostile text and outputs”): exit 74, naming it.
        if Console.failed && code != 74 {
            Console.error(Console.failure)
            return exitCode(.outputFailed)
        }
        return code
    }

    /// An error worded for the clerk: nothing of the half-written output, the one line, its exit code.
    static func refuse(_ error: GongQinError) -> Int32 {
        Console.discard()
        Console.error(error)
        return exitCode(error.kind)
    }

    /// The exit codes of Documentation/CLI.md.
    static func exitCode(_ kind: GongQinError.Kind) -> Int32 {
        switch kind {
        case .refused: 1
        case .usage: 64
        case .invalidData: 65
        case .unreadableFile: 66
        case .internalError: 70
        case .outputFailed: 74
        case .busy: 75
        }
    }

    /// The error with which a `transform:` refused the value of an option or argument
    /// (`Parse.day(as:)`, `Parse.id`, `Parse.anchor`): the parser wraps it in its own error
    /// (`ParserError.unableToParseValue`, whose `originalError` it is), which has no public
    /// accessor, so it is found by reflection. Nil for every other error, so that the
    /// parser's own usage errors are worded as before.
    static func refusedValue(_ error: any Error) -> GongQinError? {
        for part in Mirror(reflecting: error).children {
            guard let parserError = part.value as? any Error else { continue }
            for case let (label, payload) in Mirror(reflecting: parserError).children where label == "unableToParseValue" {
                for element in Mirror(reflecting: payload).children where element.label == "originalError" {
                    return element.value as? GongQinError
                }
            }
        }
        return nil
    }

    /// Help, version and usage errors from the argument parser; anything else that got
    /// this far is an internal error, reported without its raw text.
    static func handleParserError(_ error: any Error, translating: Bool = true, path: [String] = []) -> Int32 {
        let code = GongQin.exitCode(for: error).rawValue
        if code == 0 {
            // Help in Chinese, its lists of values whole on one line; a completion script or
            // the parser's JSON as they are.
            let text = translating ? GongQin.fullMessage(for: error, columns: 1000) : GongQin.fullMessage(for: error)
            Console.out(translating && text.contains("USAGE: ") ? Examples.inserted(into: HelpText.chinese(text), path: path) : text)
            Console.flush()
            guard !Console.failed else {
                Console.error(Console.failure)
                return exitCode(.outputFailed)
            }
            return 0
        }
        Console.discard()
        guard code == ExitCode.validationFailure.rawValue else {
            Console.error(GongQinError(.internalError, "内部错误（\(type(of: error))），未写入任何内容",
                                       hint: "请把命令和数据库备份交给维护人员"))
            return exitCode(.internalError)
        }
        let message = UsageMessages.chinese(GongQin.message(for: error))
        Console.errorLine("用法错误：\(message)\(message.hasSuffix("？") ? "" : "。")可运行 gongqin help 查看用法")
        return code
    }
}

/// Chinese for the argument parser's usage errors, which it writes in English.
enum UsageMessages {
    static func chinese(_ english: String) -> String {
        let text = english.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "Error: ", with: "")
        // A long list of choices comes as `one of the following:` and a line per choice.
        let listed = text.components(separatedBy: "\n").compactMap { line -> String? in
            let t = line.trimmingCharacters(in: .whitespaces)
            return t.hasPrefix("- ") ? String(t.dropFirst(2)) : nil
        }
        let rules: [(String, (([String]) -> String))] = [
            (#"^The value '(.*)' is invalid for '([^']*)'(?:\. Please provide one of (.*))?\.?$"#, {
                let list = $0.count > 2 && !$0[2].isEmpty && !$0[2].hasPrefix("the following") ? choiceList($0[2]) : listed
                if let either = Typos.ambiguity($0[0], codes: list) {
                    return "参数 \($0[1]) 的值“\($0[0])”可指多个。是否指 \(either)？"
                }
                return "参数 \($0[1]) 的值“\($0[0])”无效" + (list.isEmpty ? "" : "，可选：" + Typos.labelled(list))
                    + (Typos.nearest($0[0], in: list).map { "。是否指 \($0)？" } ?? "")
            }),
            (#"^\d+ unexpected arguments: (.*)$"#, { "多余的参数：" + choiceList($0[0]).joined(separator: "、") }),
            (#"^Missing expected argument '([^']*)'$"#, { "缺少参数 \($0[0])" }),
            (#"^Unknown option '([^']*)'"#, { "未知的选项 \($0[0])" }),
            (#"^Unexpected argument '([^']*)'$"#, { "多余的参数“\($0[0])”" }),
            (#"^Missing value for '([^']*)'$"#, { "选项 \($0[0]) 缺少取值" }),
            (#"^Unexpected value '(.*)' for '([^']*)'$"#, { "选项 \($0[1]) 不接受取值“\($0[0])”" }),
        ]
        let firstLine = text.split(separator: "\n").first.map(String.init) ?? text
        for (pattern, render) in rules {
            guard let regex = try? NSRegularExpression(pattern: pattern),
                  let match = regex.firstMatch(in: firstLine, range: NSRange(firstLine.startIndex..., in: firstLine))
            else { continue }
            let groups = (1..<match.numberOfRanges).map { i -> String in
                guard let range = Range(match.range(at: i), in: firstLine) else { return "" }
                return String(firstLine[range])
            }
            return render(groups)
        }
        return firstLine
    }

    /// `'a', 'b' or 'c'.` → `[a, b, c]`.
    static func choiceList(_ list: String) -> [String] {
        list.replacingOccurrences(of: "'", with: "")
            .replacingOccurrences(of: " or ", with: ", ")
            .trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            .components(separatedBy: ", ")
    }
}

/// Mistyped subcommands and code values (Documentation/CLI.md, typos): exit 64 with the nearest
/// (`是否指 eligible？`).
enum Typos {
    /// Walks the command line down the tree of subcommands; a word where a subcommand is
    /// expected that names none is a usage error naming the nearest.
    static func checkSubcommands(_ arguments: [String]) throws {
        var command: any ParsableCommand.Type = GongQin.self
        var path = ["gongqin"]
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return }
            if word.hasPrefix("-") { return }
            if word == "help" && command == GongQin.self { return }
            guard let next = subcommands.first(where: { $0._commandName == word || $0.configuration.aliases.contains(word) }) else {
                let names = subcommands.map { $0._commandName }
                // A command with a default subcommand reads the word as its argument (a
                // person), unless it is a subcommand mistyped: `materials chek` is
                // `materials check`, not a person named chek.
                if command.configuration.defaultSubcommand != nil {
                    guard word.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }),
                          let near = NameMatch.nearest(to: word.lowercased(), in: names),
                          NameMatch.distance(word.lowercased(), near) <= 2 else { return }
                    let full = (path.dropFirst() + [near]).joined(separator: " ")
                    throw GongQinError.usage("“\(path.joined(separator: " "))”没有子命令“\(word.clipped())”，也不是人员",
                                             hint: "是否指 \(full)？可运行 \(path.joined(separator: " ")) --help 查看全部子命令")
                }
                let near = nearest(word, in: names)
                throw GongQinError.usage("“\(path.joined(separator: " "))”没有子命令“\(word.clipped())”",
                                         hint: (near.map { "是否指 \($0)？" } ?? "") + "可运行 \(path.joined(separator: " ")) --help 查看全部子命令")
            }
            command = next
            path.append(word)
        }
    }

    /// The nearest of `candidates` to a mistyped word, or the code whose Chinese label is
    /// nearest; nil when nothing is close.
    static func nearest(_ word: String, in candidates: [String]) -> String? {
        let w = word.lowercased()
        if let near = NameMatch.nearest(to: w, in: candidates.filter { $0.count > 1 || w.count == 1 }),
           NameMatch.distance(w, near) <= max(2, w.count / 2) || near.contains(w) || w.contains(near) {
            return near
        }
        // `已受理`: near the label 主管部门已受理, so `accepted`.
        let byLabel = Dictionary(candidates.compactMap { code in label(code).map { ($0, code) } }, uniquingKeysWith: { a, _ in a })
        return NameMatch.nearest(to: word, in: byLabel.keys).flatMap { byLabel[$0] }
    }

    /// `excellent（优秀）、pass（合格）…`: the codes of a list with their Chinese labels.
    static func labelled(_ codes: [String]) -> String {
        codes.map { code in label(code).map { "\(code)（\($0)）" } ?? code }.joined(separator: "、")
    }

    /// `高级工（senior）或 高级技师（senior-technician）` when `value` is a short form of
    /// several values of the vocabulary whose codes are `codes`; nil otherwise.
    static func ambiguity(_ value: String, codes: [String]) -> String? {
        func find<V: Vocabulary>(_: V.Type) -> String? {
            guard Set(V.allCases.map(\.code)) == Set(codes) else { return nil }
            let matches = V.matches(value)
            return matches.count > 1 ? V.either(matches) : nil
        }
        return find(Grade.self) ?? find(Module.self) ?? find(AssessmentResult.self) ?? find(EducationLevel.self)
            ?? find(ApplicationStatus.self) ?? find(ConditionEvidence.self) ?? find(ExamResult.self)
    }

    /// The Chinese label of a code of a fixed vocabulary.
    static func label(_ code: String) -> String? {
        func find<V: Vocabulary>(_: V.Type) -> String? {
            V.allCases.first { $0.code == code }.flatMap { $0.chinese == code ? nil : $0.chinese }
        }
        return find(Grade.self) ?? find(Module.self) ?? find(AssessmentResult.self) ?? find(ApplicationStatus.self)
            ?? find(ConditionEvidence.self) ?? find(ExamResult.self) ?? find(ValueStatus.self)
    }
}
