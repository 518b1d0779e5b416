import ArgumentParser
import Foundation
import GongQinCore

/// One command line (Documentation/CLI.md, “One command line”): the options every data
/// command shares may come before the subcommand, as in `git -C`; a mistyped option
/// names the nearest; a global option the command does not take is said as such.
enum CommandShape {
    /// The shared options that take a value, and those that do not.
    static let globalValued: Set<String> = ["--db", "--format", "--as-of"]
    static let globalFlags: Set<String> = ["--reveal", "--wide"]

    /// The option an argument names (`--db` of `--db=x.sqlite`), when it is a shared one.
    static func global(_ argument: String) -> String? {
        let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
        if globalFlags.contains(argument) { return argument }
        return globalValued.contains(name) ? name : nil
    }

    /// The command line with the shared options given before (or among) the subcommand
    /// words moved after the command's own arguments: `gongqin --db x.sqlite status` is
    /// `gongqin status --db x.sqlite`. `--db=X` and `--db X` both stay whole.
    static func reorder(_ arguments: [String]) -> [String] {
        var command: any ParsableCommand.Type = GongQin.self
        var path: [String] = []
        var moved: [String] = []
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            if let next = subcommand(of: command, named: word) {
                path.append(word)
                command = next
                i += 1
            } else if let option = global(word) {
                let takesValue = globalValued.contains(option) && !word.contains("=")
                moved += arguments[i..<min(arguments.count, i + (takesValue ? 2 : 1))]
                i += takesValue ? 2 : 1
            } else {
                break
            }
        }
        guard !moved.isEmpty else { return arguments }
        var rest = Array(arguments[i...])
        let end = rest.firstIndex(of: "--") ?? rest.endIndex
        rest.insert(contentsOf: moved, at: end)
        return path + rest
    }

    static func subcommand(of command: any ParsableCommand.Type, named word: String) -> (any ParsableCommand.Type)? {
        command.configuration.subcommands.first { $0._commandName == word || $0.configuration.aliases.contains(word) }
    }

    /// The command the line runs and the words that name it (`["materials", "check"]`);
    /// a command with a default subcommand runs that one (`materials ID` is `materials list ID`).
    static func target(of arguments: [String]) -> (command: any ParsableCommand.Type, path: [String], rest: [String]) {
        var command: any ParsableCommand.Type = GongQin.self
        var path: [String] = []
        var i = 0
        while i < arguments.count, let next = subcommand(of: command, named: arguments[i]) {
            path.append(arguments[i])
            command = next
            i += 1
        }
        if let fallback = command.configuration.defaultSubcommand {
            command = fallback
        }
        return (command, path, Array(arguments[i...]))
    }

    /// The options a command takes: `--name` with whether it takes a value, and its
    /// Chinese help, read from the parser's own description of the command.
    struct Option {
        var name: String
        var takesValue: Bool
        var abstract: String
        /// A yes/no option that may stand alone (`--relevant`, `YesNo`).
        var yesNo = false
    }

    static func options(of path: [String]) -> [Option] {
        do {
            _ = try GongQin.parseAsRoot(path + ["--experimental-dump-help"])
            return []
        } catch {
            let text = GongQin.fullMessage(for: error)
            guard let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                  var command = json["command"] as? [String: Any] else { return [] }
            // A command with a default subcommand: the options are the default's.
            if let fallback = command["defaultSubcommand"] as? String,
               let subs = command["subcommands"] as? [[String: Any]],
               let sub = subs.first(where: { $0["commandName"] as? String == fallback }) {
                command = sub
            }
            let arguments = command["arguments"] as? [[String: Any]] ?? []
            return arguments.flatMap { argument -> [Option] in
                let kind = argument["kind"] as? String
                guard kind == "option" || kind == "flag" else { return [] }
                let names = argument["names"] as? [[String: Any]] ?? []
                return names.compactMap { name in
                    guard name["kind"] as? String == "long", let n = name["name"] as? String else { return nil }
                    return Option(name: "--" + n, takesValue: kind == "option", abstract: argument["abstract"] as? String ?? "",
                                  yesNo: argument["allValues"] as? [String] == YesNo.allValueStrings)
                }
            }
        }
    }

    /// The built-in options the parser takes on any command.
    static let builtins: Set<String> = ["--help", "--version", "--experimental-dump-help", "--generate-completion-script"]

    /// The command of the line, its options checked against the command's own list
    /// (`checkOptions`) only where the parser's own refusal is not enough: when it refuses
    /// the line, and when a `--name=value` may give a yes/no option a value it would drop.
    /// That list comes from the parser's help dump, which costs a small command as much
    /// again as its work (BENCHMARKS.md, the unit's seal); the refusals are the same.
    static func parse(_ arguments: [String]) throws -> ParsableCommand {
        if arguments.contains(where: { $0.hasPrefix("--") && $0.contains("=") }) { try checkOptions(arguments) }
        do {
            return try GongQin.parseAsRoot(arguments)
        } catch {
            try checkOptions(arguments)
            throw error
        }
    }

    /// A `--word` the command does not take is a usage error (exit 64) that names the
    /// nearest option, by spelling or by its Chinese help (`--cylce` → `--cycle`,
    /// `--年度` → `--cycle`), or says that a shared option does not apply to it.
    static func checkOptions(_ arguments: [String]) throws {
        let (_, path, rest) = target(of: arguments)
        if path.first == "help" || path.isEmpty { return }
        let words = rest.prefix { $0 != "--" }
        guard words.contains(where: { $0.hasPrefix("--") }) else { return }
        let options = options(of: path)
        guard !options.isEmpty else { return }
        let known = Dictionary(options.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var skipValue = false
        for word in words {
            if skipValue { skipValue = false; continue }
            guard word.hasPrefix("--"), word.count > 2 else { continue }
            let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            if let option = known[name] {
                skipValue = option.takesValue && !word.contains("=")
                // A yes/no option alone is yes, so the parser reads `--relevant=nope` as
                // `--relevant`: the value it cannot read is refused here instead.
                if option.yesNo, let value = word.split(separator: "=", maxSplits: 1).dropFirst().first,
                   YesNo(argument: String(value)) == nil {
                    throw GongQinError.usage("参数 \(name) 的值“\(String(value).clipped())”无效，可选：是/否（也可写 yes/no、true/false、1/0、y/n）")
                }
                continue
            }
            if builtins.contains(name) { continue }
            let command = "gongqin " + path.joined(separator: " ")
            if global(name) != nil {
                throw GongQinError.usage("\(command) 不接受选项 \(name.clipped())",
                                         hint: "可运行 \(command) --help 查看此命令的选项")
            }
            let near = nearest(name, in: options)
            throw GongQinError.usage("未知的选项 \(name.clipped())" + (near.map { "。是否指 \($0)？" } ?? ""),
                                     hint: near == nil ? "可运行 \(command) --help 查看此命令的选项" : nil)
        }
    }

    /// The option nearest to a mistyped one: by edit distance of the name, else the one
    /// whose Chinese help holds the word typed (`--年度`).
    static func nearest(_ name: String, in options: [Option]) -> String? {
        let typed = String(name.drop { $0 == "-" }).lowercased()
        let names = options.map { String($0.name.dropFirst(2)) }
        if let near = NameMatch.nearest(to: typed, in: names), NameMatch.distance(typed, near) <= max(2, typed.count / 2)
            || near.hasPrefix(typed) {
            return "--" + near
        }
        guard typed.count >= 2 else { return nil }
        return options.first { $0.abstract.contains(typed) }.map(\.name)
    }
}
