import ArgumentParser
import GongQinCore

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
}
