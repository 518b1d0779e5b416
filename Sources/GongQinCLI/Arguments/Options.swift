import ArgumentParser
import Foundation
import GongQinCore
import GongQinStore

/// `--db PATH`, accepted by every command that touches data (Documentation/CLI.md).
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("数据库文件。默认依次为环境变量 GONGQIN_DB、$XDG_DATA_HOME/gongqin/gongqin.sqlite、~/.local/share/gongqin/gongqin.sqlite", valueName: "path"))
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

    /// Opens the database for a command that writes: creates it (and says so on stderr)
    /// or brings it up to date.
    func open() throws -> GongQinDatabase {
        let database = try GongQinDatabase.open(at: path, context: Environment.logContext)
        if database.created { Console.errorLine("已新建数据库：\(database.path)") }
        learnConditionNames(database)
        return database
    }

    /// The names of the conditions a clerk added, for tables and messages.
    private func learnConditionNames(_ database: GongQinDatabase) {
        if let conditions = try? database.read({ try $0.catalog.conditions() }) { Labels.learn(conditions) }
    }

    /// Opens the database for a command that only reads: never creates, changes or
    /// upgrades the file.
    func reader() throws -> GongQinDatabase {
        let database = try GongQinDatabase.openForReading(at: path, context: Environment.logContext)
        learnConditionNames(database)
        return database
    }

    /// The person a command-line argument names: a full identity number as it stands,
    /// or a masked ID as gongqin prints it, or an exact name, looked up in the database.
    func person(_ argument: String) throws -> IDNumber {
        let text = argument.trimmingSpaces
        if text.count == 18, text.prefix(17).allSatisfy(\.isASCII), text.prefix(17).allSatisfy(\.isNumber) {
            return try Parse.id(text)
        }
        // Anything of ID number shape that is not masked is read as a (bad) ID number.
        if text.count >= 15, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X" || $0 == "x") }) {
            return try Parse.id(text)
        }
        return try reader().read { s in try s.people.resolve(text) }
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

    /// Whether the command line asks for full ID numbers (`--reveal`): an error line shows
    /// an ID number in full only then (`Console.errorLine`, README, “Hostile text and outputs”).
    static var reveal: Bool { CommandLine.arguments.dropFirst().contains("--reveal") }

    /// The OS user and the command line, for the change log.
    static var logContext: LogContext {
        LogContext(actor: user, command: (["gongqin"] + CommandLine.arguments.dropFirst()).map(shellQuoted).joined(separator: " "),
                   witness: HeadWitness(folder: stateFolder + "/heads"))
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
