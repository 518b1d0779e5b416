import ArgumentParser
import GongQinCore

/// A record whose kind has a spec (GongQinCore, RecordSpec).
protocol Specified: Hashable, Sendable {
    static var spec: RecordSpec<Self> { get }
}

/// A record listed by its spec: `list`, `person show` and the corrections show its fields,
/// titled by their labels, in the spec's order. A field added to the spec appears in all
/// of them.
protocol SpecListable: Listable, Specified {}

extension SpecListable {
    /// The JSON keys are the fields' names in camel case, as the Core types encode them.
    static var columns: [(key: String, title: String)] {
        spec.fields.map { field in
            let parts = field.name.split(separator: "-")
            return (String(parts[0]) + parts.dropFirst().map(\.capitalized).joined(), field.label)
        }
    }

    /// Codes as their Chinese labels in a table; free text may carry an identity number,
    /// masked as every table masks one.
    func cells(_ output: OutputOptions) -> [String] {
        Self.spec.fields.map { field in
            let cell = field.cell(self, labelled: output.format == .table)
            if case .text = field.type { return output.show(text: cell) }
            return cell
        }
    }
}

extension Certificate: SpecListable { static var spec: RecordSpec<Certificate> { RecordSpecs.certificate } }
extension Transfer: SpecListable { static var spec: RecordSpec<Transfer> { RecordSpecs.transfer } }
extension AnnualAssessment: SpecListable { static var spec: RecordSpec<AnnualAssessment> { RecordSpecs.assessment } }
extension Education: SpecListable { static var spec: RecordSpec<Education> { RecordSpecs.education } }
extension Award: SpecListable { static var spec: RecordSpec<Award> { RecordSpecs.award } }
extension Training: SpecListable { static var spec: RecordSpec<Training> { RecordSpecs.training } }
extension Job: Specified { static var spec: RecordSpec<Job> { RecordSpecs.job } }
extension Person: Specified { static var spec: RecordSpec<Person> { RecordSpecs.person } }
extension Unit: Specified { static var spec: RecordSpec<Unit> { RecordSpecs.unit } }

/// `--clear FIELD…` of a correction: the optional fields of a `Record` to empty (CLI.md,
/// “更正记录”). The completion scripts offer the names its spec gives them.
struct ClearOptions<Record: Specified>: ParsableArguments {
    @Option(parsing: .upToNextOption, help: ArgumentHelp("清空的可选项，可清空哪些见上", valueName: "field"),
            completion: .list(Record.spec.clearable.map { $0.name }))
    var clear: [String] = []

    /// Empties the fields named, refusing a name that is no optional field of the kind.
    func apply(to record: inout Record) throws {
        let spec = Record.spec
        for name in clear {
            guard let field = spec.clearable.first(where: { $0.name == name || $0.label == name }) else {
                throw GongQinError.usage("\(spec.chinese)没有可清空的项“\(name)”"
                                      + (spec.clearable.isEmpty ? "：各项均为必填" : "；可清空：" + Self.choices))
            }
            field.set(&record, .null)
        }
    }

    /// What the help of `update` says of `--clear`.
    static var discussion: String {
        Record.spec.clearable.isEmpty ? "" : "\n--clear 清空可选项：" + choices + "。"
    }

    /// `number（证书编号）、province（发证省份）…`, for the help and the error.
    static var choices: String {
        Record.spec.clearable.map { "\($0.name)（\($0.label)）" }.joined(separator: "、")
    }
}
