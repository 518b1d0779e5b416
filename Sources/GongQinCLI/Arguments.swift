import ArgumentParser
import GongQinCore

// The fixed vocabularies are read from the command line as a code or in Chinese
// (CONTRACT.md). A value outside the list is a usage error: exit 64.

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

/// Arguments read as values of the domain. A value of the right form that the data rules
/// reject (a bad identity number, an impossible date) is invalid data: exit 65.
enum Parse {
    static func id(_ text: String) throws -> IDNumber {
        do {
            return try IDNumber(text, today: Environment.today)
        } catch {
            throw GongQinError.invalid("身份证号“\(text)”无效：\(error.chinese)")
        }
    }

    /// A date, not after today. `allowMonth` admits `YYYY-MM` where the notice works in
    /// months (work start, graduation, transfer).
    static func day(_ text: String, _ what: String, allowMonth: Bool = false, allowFuture: Bool = false) throws -> Day {
        let day: Day
        do {
            day = try Day.parse(text, allowMonth: allowMonth)
        } catch {
            throw GongQinError.invalid("\(what)：\(error.chinese)")
        }
        if !allowFuture && day > Environment.today {
            throw GongQinError.invalid("\(what)\(day)晚于今天（\(Environment.today)）", hint: "只能登记已发生的日期")
        }
        return day
    }

    static func optionalDay(_ text: String?, _ what: String, allowMonth: Bool = false, allowFuture: Bool = false) throws -> Day? {
        try text.map { try day($0, what, allowMonth: allowMonth, allowFuture: allowFuture) }
    }

    /// A year such as a cycle or an assessment year.
    static func year(_ value: Int, _ what: String) throws -> Int {
        guard (1950...2100).contains(value) else {
            throw GongQinError.invalid("\(what)\(value)超出范围（1950–2100）")
        }
        return value
    }

    /// A text field: trimmed, and nil when empty.
    static func text(_ value: String?) -> String? {
        guard let t = value?.trimmingSpaces, !t.isEmpty else { return nil }
        return t
    }
}
