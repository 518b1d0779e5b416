import ArgumentParser
import GongQinCore

// The flags of a kind's fields, declared once for its `add` and its `update` (CLI.md:
// `KIND update N [flags of KIND add]`). Each flag is named as its field in the kind's
// spec (GongQinCore, RecordSpec), and its help is the field's label and what the field
// takes. `add` builds the record from them and refuses a required field left out;
// `update` sets only the fields given.

/// The flags of one kind's fields, as `@OptionGroup` of its `add` and `update`.
protocol RecordFields: ParsableArguments {
    associatedtype Record: Specified
    /// Each field's flag, by the field's name: its value as the spec holds it, or nil
    /// when the flag is not given. Read where `run()` starts, before anything is opened.
    func values() throws -> [String: FieldValue?]
}

extension RecordFields {
    /// The fields given, in the spec's order, with their values.
    func given() throws -> [(field: Field<Record>, value: FieldValue)] {
        let values = try values()
        return Record.spec.fields.compactMap { field in
            guard let value = values[field.name] ?? nil else { return nil }
            return (field, value)
        }
    }

    /// `update`: sets the fields given, leaves the others.
    func apply(to record: inout Record) throws {
        for (field, value) in try given() { field.set(&record, value) }
    }

    /// `add`: the record the flags give. A required field left out is a usage error
    /// (exit 64, as the parser's missing option was), naming each one missing and the help.
    func record(adding command: any ParsableCommand.Type) throws -> Record {
        let spec = Record.spec
        let given = try given()
        let missing = spec.fields.filter { field in field.required && !given.contains { $0.field.name == field.name } }
        guard missing.isEmpty else {
            let required = spec.fields.filter(\.required).map { "--" + $0.name }
            throw GongQinError.usage(
                "缺少 " + missing.map { "--\($0.name)（\($0.label)）" }.joined(separator: "、") + "，未写入任何内容",
                hint: "登记\(spec.chinese)须给出 " + Self.list(required)
                    + "；各项的写法见 gongqin \(command._commandName) add --help")
        }
        var record = spec.blank
        for (field, value) in given { field.set(&record, value) }
        return record
    }

    /// `a`, `a 和 b`, `a、b 和 c`.
    static func list(_ words: [String]) -> String {
        words.count < 2 ? words.joined() : words.dropLast().joined(separator: "、") + " 和 " + words.last!
    }
}

// MARK: From the spec

extension Specified {
    /// The field of the spec a flag stands for; a name that is none is a programming error.
    static func field(_ name: String) -> Field<Self> {
        guard let field = spec.field(name) else { preconditionFailure("\(name) is no field of \(spec.kind)") }
        return field
    }

    /// The help of a field's flag: its label, then what it takes (`发证时间：YYYY-MM-DD`);
    /// `valueName` names the value in the usage line when the field's name does not suit.
    static func flagHelp(_ name: String, valueName: String? = nil) -> ArgumentHelp {
        let field = field(name)
        let takes = takes(field)
        return ArgumentHelp(field.label + (takes.isEmpty ? "" : "：" + takes), valueName: valueName ?? self.valueName(field))
    }

    /// What a field's flag takes, from its type and the spec's help.
    static func takes(_ field: Field<Self>) -> String {
        switch field.type {
        case .day(let month, _):
            let form = month ? "YYYY-MM-DD 或 YYYY-MM" : "YYYY-MM-DD"
            return field.help.isEmpty || field.help == form ? form : form + "；" + field.help
        case .year:
            return field.help.isEmpty ? "四位年份，如 2025" : field.help
        case .flag:
            // The parser adds `（可选：yes、no；单写即：yes）` (HelpText).
            return field.help
        default:
            return field.help
        }
    }

    /// The value's name in the help and the usage line: `<date>` for a date, else the field's name.
    static func valueName(_ field: Field<Self>) -> String {
        field.type.isDate ? "date" : field.name
    }

    /// The reading of a date field's flag, as `@Option(transform:)`: months where the spec
    /// takes them, refused with `what` (its label unless given) before anything is opened.
    static func day(_ name: String, as what: String? = nil) -> @Sendable (String) throws -> Day {
        let field = field(name)
        guard case .day(let month, let future) = field.type else { preconditionFailure("\(name) is no date") }
        return Parse.day(as: what ?? field.label, allowMonth: month, allowFuture: future)
    }

    /// The usage line of `KIND add`, its required fields without brackets, as the parser
    /// wrote it when they were required options: `gongqin cert add [<options>] <id>
    /// --trade <trade> --grade <grade> --issued <date>`.
    static func addUsage(_ command: any ParsableCommand.Type) -> String {
        (["gongqin \(command._commandName) add [<options>] <id>"] + spec.fields.filter(\.required).map { "--\($0.name) <\(valueName($0))>" })
            .joined(separator: " ")
    }
}

extension FieldValue {
    /// A text flag: trimmed; given empty, nothing (the field is cleared, or takes its default).
    static func given(_ text: String?) -> FieldValue? {
        text.map { Parse.text($0).map(FieldValue.text) ?? .null }
    }

    static func given<V: Vocabulary>(_ value: V?) -> FieldValue? { value.map { .text($0.code) } }
    static func given(_ day: Day?) -> FieldValue? { day.map(FieldValue.day) }
    static func given(_ number: Int?) -> FieldValue? { number.map(FieldValue.integer) }
    static func given(_ answer: YesNo?) -> FieldValue? { answer.map { .flag($0 == .yes) } }
}

// MARK: The kinds

struct CertificateFields: RecordFields {
    typealias Record = Certificate
    @Option(help: Certificate.flagHelp("trade")) var trade: String?
    @Option(help: Certificate.flagHelp("grade")) var grade: Grade?
    @Option(help: Certificate.flagHelp("issued"), transform: Certificate.day("issued")) var issued: Day?
    @Option(help: Certificate.flagHelp("number")) var number: String?
    @Option(help: Certificate.flagHelp("route")) var route: Module?
    @Option(help: Certificate.flagHelp("province")) var province: String?
    @Option(help: Certificate.flagHelp("authority")) var authority: String?

    func values() -> [String: FieldValue?] {
        ["trade": .given(trade), "grade": .given(grade), "issued": .given(issued), "number": .given(number),
         "route": .given(route), "province": .given(province), "authority": .given(authority)]
    }
}

struct TransferFields: RecordFields {
    typealias Record = Transfer
    @Option(help: Transfer.flagHelp("from")) var from: String?
    @Option(help: Transfer.flagHelp("to")) var to: String?
    @Option(help: Transfer.flagHelp("date"), transform: Transfer.day("date")) var date: Day?

    func values() -> [String: FieldValue?] {
        ["from": .given(from), "to": .given(to), "date": .given(date)]
    }
}

struct AssessmentFields: RecordFields {
    typealias Record = AnnualAssessment
    @Option(help: AnnualAssessment.flagHelp("year")) var year: Int?
    @Option(help: AnnualAssessment.flagHelp("result")) var result: AssessmentResult?

    func values() throws -> [String: FieldValue?] {
        let label = AnnualAssessment.field("year").label
        return ["year": .given(try year.map { try Parse.year($0, label) }), "result": .given(result)]
    }
}

struct EducationFields: RecordFields {
    typealias Record = Education
    @Option(help: Education.flagHelp("level")) var level: EducationLevel?
    @Option(help: Education.flagHelp("graduated"), transform: Education.day("graduated")) var graduated: Day?
    @Option(help: Education.flagHelp("major")) var major: String?
    @Option(help: Education.flagHelp("school")) var school: String?
    @Option(defaultAsFlag: YesNo.yes, parsing: .next, help: Education.flagHelp("relevant")) var relevant: YesNo?

    func values() -> [String: FieldValue?] {
        ["level": .given(level), "graduated": .given(graduated), "major": .given(major), "school": .given(school),
         "relevant": .given(relevant)]
    }
}

struct AwardFields: RecordFields {
    typealias Record = Award
    @Option(help: Award.flagHelp("name")) var name: String?
    @Option(help: Award.flagHelp("date"), transform: Award.day("date")) var date: Day?
    @Option(help: Award.flagHelp("issuer")) var issuer: String?

    func values() -> [String: FieldValue?] {
        ["name": .given(name), "date": .given(date), "issuer": .given(issuer)]
    }
}

struct TrainingFields: RecordFields {
    typealias Record = Training
    @Option(help: Training.flagHelp("name")) var name: String?
    @Option(help: Training.flagHelp("date"), transform: Training.day("date")) var date: Day?
    @Option(help: Training.flagHelp("hours")) var hours: Int?
    @Option(help: Training.flagHelp("issuer")) var issuer: String?

    func values() -> [String: FieldValue?] {
        ["name": .given(name), "date": .given(date), "hours": .given(hours), "issuer": .given(issuer)]
    }
}

struct JobFields: RecordFields {
    typealias Record = Job
    // A date of a post is named as the form names it (任职起始时间) when refused.
    @Option(help: Job.flagHelp("from"), transform: Job.day("from", as: "任职起始时间")) var from: Day?
    @Option(help: Job.flagHelp("to"), transform: Job.day("to", as: "任职截止时间")) var to: Day?
    @Option(help: Job.flagHelp("unit")) var unit: String?
    @Option(help: Job.flagHelp("post")) var post: String?

    func values() -> [String: FieldValue?] {
        ["from": .given(from), "to": .given(to), "unit": .given(unit), "post": .given(post)]
    }
}
