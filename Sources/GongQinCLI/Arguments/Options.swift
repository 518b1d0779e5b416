import ArgumentParser
import Foundation
import GongQinCore
import GongQinStore

/// `--db PATH`, accepted by every command that touches data (Documentation/CLI.md).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("数据库文件。默认依次为环境变量 GONGQIN_DB、$XDG_DATA_HOME/gongqin/gongqin.sqlite、~/.local/share/gongqin/gongqin.sqlite", valueName: "path"),
            completion: .file(extensions: ["sqlite"]))
    var db: String?

    /// The database file: `--db`, then `GONGQIN_DB`, then the XDG path.
    var path: String {
        let env = ProcessInfo.processInfo.environment
        // `--db ""` stays empty, and is refused (exit 64) when opened.
        if let db { return db }
        if let db = env["GONGQIN_DB"], !db.isEmpty { return db }
        if let xdg = env["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/gongqin/gongqin.sqlite" }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/gongqin/gongqin.sqlite"
    }

    @Option(name: .customLong("seal-key"),
            help: ArgumentHelp("本单位印章的密钥文件；默认依次为环境变量 GONGQIN_SEAL_KEY、$XDG_STATE_HOME/gongqin/seal.key（有则用）。有密钥时每次写入都盖章", valueName: "file"),
            completion: .file())
    var sealKey: String?

    /// The key file: `--seal-key`, then `GONGQIN_SEAL_KEY` (either must exist), then the
    /// one in the state folder when there is one.
    var sealKeyFile: (path: String, named: Bool) {
        if let sealKey { return (sealKey, true) }
        if let env = ProcessInfo.processInfo.environment["GONGQIN_SEAL_KEY"], !env.isEmpty { return (env, true) }
        return (Environment.stateFolder + "/seal.key", false)
    }

    /// The unit's seal for this command's writes, when its key is present (README, “The
    /// unit's seal”).
    func seal() throws -> SealKey? {
        let (file, named) = sealKeyFile
        guard named || FileManager.default.fileExists(atPath: file) else { return nil }
        return try SealKey.load(from: file)
    }

    /// Who writes, today, the witness and the seal.
    func context() throws -> LogContext {
        var context = Environment.logContext
        context.seal = try seal()
        return context
    }

    /// The help of every argument that names a person (README, “Naming a person”).
    static let personHelp = ArgumentHelp("人员：身份证号、表格中显示的掩码身份证号（如 320402********1230）或姓名", valueName: "id")
}

/// What the head witness says, in words (README, “What the log detects”).
enum WitnessWords {
    /// Before a write: a witness that cannot be read is said, not passed over in silence;
    /// entries added by others since are normal before a write and not said.
    static func beforeWrite(_ notice: HeadWitness.Notice, path: String) -> String? {
        switch notice {
        case .missing:
            "注意：本机没有记下这个数据库上次由您写入后的日志头（首次在本机以此用户写入，或记录已被删除），本次无法核对此前日志是否被改写；写入后会重新记下"
        case .garbled:
            "注意：本机记下的这个数据库的日志头无法读取（记录文件已损坏），本次无法核对此前日志是否被改写；写入后会重新记下"
        case .otherFile:
            "注意：“\(path)”已不是您上次写入的那个文件（被替换或复制覆盖），无法核对此前日志；如是从备份复制回来，请改用 gongqin restore"
        case .appended: nil
        }
    }

    /// For `check`: every notice, entries added by others included.
    static func forCheck(_ notice: HeadWitness.Notice, path: String) -> String {
        if case .appended(let since, let entries, let actors) = notice {
            return "自您上次写入（日志第\(since)条）以来，日志又增加了\(entries)条，由\(actors.joined(separator: "、"))写入"
        }
        return beforeWrite(notice, path: path) ?? ""
    }
}

/// `--format` and `--reveal`, for commands that print data.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "输出格式：table（表格，默认）、json 或 csv")
    var format: OutputFormat = .table

    @Flag(name: .long, help: "表格中显示完整身份证号（默认隐藏中间8位）")
    var reveal = false

    @Flag(name: .long, help: "表格显示全部内容，不按终端宽度截短")
    var wide = false

    mutating func validate() throws {
        if wide { TableWidth.showEverything() }
    }

    /// An identity number as this output shows it: masked in tables unless `--reveal`.
    func show(_ id: IDNumber) -> String {
        format == .table && !reveal ? id.masked : id.text
    }

    /// Free text (a note, a school, an issuer) as this output shows it: an ID number typed
    /// into it is masked in tables unless `--reveal`, in any spelling (`IDNumber.masking`).
    func show(text: String?) -> String {
        guard let text else { return "" }
        return format == .table && !reveal ? IDNumber.masking(text) : text
    }
}

/// What commands learn from their surroundings: today and who is running them.
enum Environment {
    /// Today, in the machine's time zone. `GONGQIN_TODAY=YYYY-MM-DD` fixes it, for
    /// reproducible tests and demos.
    static var today: Day {
        if let fixed = ProcessInfo.processInfo.environment["GONGQIN_TODAY"], let day = try? Day.parse(fixed) {
            return day
        }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// This month as `YYYY-MM`, the value a hint gives where the notice works in months.
    static var thisMonth: String {
        let day = today
        return "\(day.year)-" + (day.month < 10 ? "0" : "") + "\(day.month)"
    }

    /// Whether the command line asks for full ID numbers (`--reveal`): an error line shows
    /// an ID number in full only then (`Console.errorLine`, README, “Hostile text and outputs”).
    static var reveal: Bool { CommandLine.arguments.dropFirst().contains("--reveal") }

    /// The OS user and the command line, for the change log.
    static var logContext: LogContext {
        LogContext(actor: user, command: loggedCommand(["gongqin"] + CommandLine.arguments.dropFirst()),
                   today: today, witness: HeadWitness(folder: stateFolder + "/heads"))
    }

    /// The most bytes of a command line every change-log entry keeps.
    static let loggedCommandLimit = 256

    /// The command line as the change log keeps it with every entry: whole when short,
    /// else its first words and how many more there were. Every entry of a command holds
    /// it, and a merge of a hundred bundles named with their paths would otherwise put
    /// 6 KB into each of a million entries (6.5 GB for 100,000 people); each bundle merged
    /// is recorded in `bundle_merge` by its unit and digest.
    static func loggedCommand(_ words: [String]) -> String {
        let quoted = words.map(shellQuoted)
        let whole = quoted.joined(separator: " ")
        guard whole.utf8.count > loggedCommandLimit else { return whole }
        var kept = quoted[0]
        var count = 1
        while count < quoted.count, kept.utf8.count + 1 + quoted[count].utf8.count <= loggedCommandLimit - 64 {
            kept += " " + quoted[count]
            count += 1
        }
        return kept + " …（另有\(quoted.count - count)项未记入日志）"
    }

    /// gongqin's state folder: `$XDG_STATE_HOME/gongqin`, else `~/.local/state/gongqin`.
    static var stateFolder: String {
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_STATE_HOME"], xdg.hasPrefix("/") { return xdg + "/gongqin" }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/gongqin"
    }

    static var user: String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "uid\(geteuid())"
    }

    static func shellQuoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:@,+%".contains($0) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
