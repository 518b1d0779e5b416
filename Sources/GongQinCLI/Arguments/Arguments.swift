import ArgumentParser
import GongQinCore
import GongQinStore

// The fixed vocabularies are read from the command line as a code or in Chinese
// (Documentation/CLI.md). A value outside the list is a usage error: exit 64.

extension Grade: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.code) }
}

extension Module: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.code) }
}

extension AssessmentResult: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.code) }
}

extension EducationLevel: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.code) }
}

extension ConditionEvidence: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.code) }
}

extension ApplicationStatus: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.code) }
}


/// `--cycle YEAR|next`, taken by every command that takes a cycle (Documentation/CLI.md,
/// “One command line”): `next` is the first 等级工 cycle whose deadline is today or later.
enum CycleChoice: ExpressibleByArgument {
    case year(Int)
    case next

    init?(argument: String) {
        if argument == "next" || argument == "下一周期" {
            self = .next
        } else if let year = Int(argument), Policy.years.contains(year) {
            self = .year(year)
        } else {
            return nil
        }
    }

    /// A year is typed; `next` is offered.
    static var defaultCompletionKind: CompletionKind { .list(["next"]) }

    /// The help of every `--cycle`.
    static let help = ArgumentHelp("申报年度，或 next（今天之后截止的第一个等级工申报年）", valueName: "year|next")

    func resolve(_ engine: Engine, asOf day: Day) -> Int {
        switch self {
        case .year(let year): year
        case .next: engine.nextCycle(asOf: day)
        }
    }
}

/// The value of a yes/no option that may stand alone (`--relevant`, Records/RecordFields):
/// alone it is yes, as the flag `education add` always took; `--relevant no` says no, which
/// a flag cannot. Read as a file's cell is (`Values.bool`: 是/否, yes/no, true/false, 1/0,
/// y/n). `--relevant=VALUE` that is none of them is refused by `CommandShape.checkOptions`,
/// since the parser would read it as the option alone.
enum YesNo: String, ExpressibleByArgument, CaseIterable {
    case yes, no

    init?(argument: String) {
        guard let answer = try? Values.bool(argument, .label("")) else { return nil }
        self = answer ? .yes : .no
    }
}

/// The output formats of the data commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
    case csv
}

/// Arguments read as values of the domain, by the same code that reads a cell of an
/// import file (`Values`, GongQinCore). A value of the right form that the data rules
/// reject (a bad identity number, an impossible date) is invalid data: exit 65.
///
/// A value that needs nothing but itself and today (a date, an identity number, a log
/// head) is read where the command line is parsed, as `@Option(transform: Parse.…)`: the
/// command's `run()` gets a `Day`, an `IDNumber` or a `LogHead`, and a refused value stops
/// the command before anything is opened. The parser carries the `GongQinError` thrown
/// here inside its own error; `GongQinMain.refusedValue` takes it out, so that the line and
/// the exit code are those of the error itself. A value that needs the database (a person
/// named by name, a unit, a trade) is read in `run()`.
enum Parse {
    /// A change-log head, `N:HASH`, as `check` prints it (README, “What the log detects”).
    static func anchor(_ text: String) throws -> LogHead {
        guard let head = LogHead.parse(text) else {
            throw GongQinError.usage("--anchor 的值“\(text.clipped())”不是 N:HASH 的形式",
                                     hint: "请照抄 gongqin check 给出的变更日志头，如 12:3fa4c2…（哈希至少16位）")
        }
        return head
    }

    static func id(_ text: String) throws -> IDNumber {
        do { return try Values.idNumber(text, today: Environment.today) } catch { throw error.gongqin }
    }

    /// The reading of a date option, for `@Option(transform:)`: a date, not after today
    /// unless `allowFuture`; `allowMonth` admits `YYYY-MM` where the notice works in months
    /// (work start, graduation, transfer). `what` names it in the refusal
    /// (`发证时间：“2026-13-01”不是真实存在的日期`, exit 65), which comes before `run()`.
    static func day(as what: String, allowMonth: Bool = false, allowFuture: Bool = false) -> @Sendable (String) throws -> Day {
        { text in
            do throws(RecordProblem) { return try Values.day(text, .label(what), today: Environment.today, allowMonth: allowMonth, allowFuture: allowFuture) } catch {
                throw error.gongqin
            }
        }
    }

    /// `--as-of DATE` of `eligible`, `forecast` and `report`: the day taken for today, any date.
    static let asOf = day(as: "--as-of", allowFuture: true)

    /// A year such as a cycle or an assessment year.
    static func year(_ value: Int, _ what: String) throws -> Int {
        do { return try Values.year(value, .label(what)) } catch { throw error.gongqin }
    }

    /// A text field: trimmed, and nil when empty.
    static func text(_ value: String?) -> String? {
        Values.text(value)
    }

    /// A free text (a note): trimmed, nil when empty; more than `Limits.freeText`
    /// characters is invalid data (exit 65).
    static func freeText(_ value: String?, _ what: String) throws -> String? {
        if let problem = Limits.freeTextProblem("note", value, what: .label(what)) { throw GongQinError.invalid(problem.words) }
        return text(value)
    }
}
