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

    /// The help of every `--cycle`.
    static let help = ArgumentHelp("申报年度，或 next（今天之后截止的第一个等级工申报年）", valueName: "year|next")

    func resolve(_ engine: Engine, asOf day: Day) -> Int {
        switch self {
        case .year(let year): year
        case .next: engine.nextCycle(asOf: day)
        }
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
        try Values.idNumber(text, today: Environment.today)
    }

    /// A date, not after today. `allowMonth` admits `YYYY-MM` where the notice works in
    /// months (work start, graduation, transfer).
    static func day(_ text: String, _ what: String, allowMonth: Bool = false, allowFuture: Bool = false) throws -> Day {
        try Values.day(text, what, today: Environment.today, allowMonth: allowMonth, allowFuture: allowFuture)
    }

    static func optionalDay(_ text: String?, _ what: String, allowMonth: Bool = false, allowFuture: Bool = false) throws -> Day? {
        try text.map { try day($0, what, allowMonth: allowMonth, allowFuture: allowFuture) }
    }

    /// A year such as a cycle or an assessment year.
    static func year(_ value: Int, _ what: String) throws -> Int {
        try Values.year(value, what)
    }

    /// A text field: trimmed, and nil when empty.
    static func text(_ value: String?) -> String? {
        Values.text(value)
    }

    /// A free text (a note): trimmed, nil when empty; more than `Limits.freeText`
    /// characters is invalid data (exit 65).
    static func freeText(_ value: String?, _ what: String) throws -> String? {
        if let problem = Limits.freeTextProblem("note", value, what: what) { throw GongQinError.invalid(problem.message) }
        return text(value)
    }
}
