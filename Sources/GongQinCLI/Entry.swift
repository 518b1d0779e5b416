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
        let code: Int32
        do {
            var command = try GongQin.parseAsRoot(arguments)
            try command.run()
            code = 0
        } catch let error as GongQinError {
            Console.discard()
            Console.error(error)
            code = exitCode(error.kind)
        } catch let error as RecordError {
            Console.discard()
            Console.error(error.gongqin)
            code = exitCode(error.gongqin.kind)
        } catch let error as ExitCode {
            code = error.rawValue
        } catch {
            code = handleParserError(error)
        }
        Console.flush()
        return code
    }

    /// The exit codes of Documentation/CLI.md.
    static func exitCode(_ kind: GongQinError.Kind) -> Int32 {
        switch kind {
        case .refused: 1
        case .usage: 64
        case .invalidData: 65
        case .unreadableFile: 66
        case .internalError: 70
        case .busy: 75
        }
    }

    /// Help, version and usage errors from the argument parser; anything else that got
    /// this far is an internal error, reported without its raw text.
    static func handleParserError(_ error: any Error) -> Int32 {
        let code = GongQin.exitCode(for: error).rawValue
        if code == 0 {
            Console.out(GongQin.fullMessage(for: error))
            return 0
        }
        Console.discard()
        guard code == ExitCode.validationFailure.rawValue else {
            Console.error(GongQinError(.internalError, "内部错误（\(type(of: error))），未写入任何内容",
                                       hint: "请把命令和数据库备份交给维护人员"))
            return exitCode(.internalError)
        }
        let message = UsageMessages.chinese(GongQin.message(for: error))
        Console.errorLine("用法错误：\(message)。可运行 gongqin help 查看用法")
        return code
    }
}

/// Chinese for the argument parser's usage errors, which it writes in English.
enum UsageMessages {
    static func chinese(_ english: String) -> String {
        let text = english.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "Error: ", with: "")
        let rules: [(String, (([String]) -> String))] = [
            (#"^The value '(.*)' is invalid for '([^']*)'(?:\. Please provide one of (.*))?\.?$"#, {
                "参数 \($0[1]) 的值“\($0[0])”无效" + ($0.count > 2 && !$0[2].isEmpty ? "，可选：" + choices($0[2]) : "")
            }),
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

    /// `'a', 'b' or 'c'.` → `a、b、c`.
    static func choices(_ list: String) -> String {
        list.replacingOccurrences(of: "'", with: "")
            .replacingOccurrences(of: " or ", with: ", ")
            .trimmingCharacters(in: CharacterSet(charactersIn: ". "))
            .components(separatedBy: ", ").joined(separator: "、")
    }
}
