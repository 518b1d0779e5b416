import ArgumentParser
import GongQinCore
import GongQinStore

// The records kept on a person: `cert`, `transfer`, `assessment`, `education`, `award`
// and `training` (continuing education). Each kind's parent command conforms once to
// `RecordKindCommand`, and its `add`, `list`, `update` and `remove` are the same four
// generic commands for every kind (`AddRecord` here, the others in RecordCorrections.swift).
// Each `add` is one transaction, checked first by the same code that checks an imported row.

/// A kind of record kept on a person, as its commands say it: its fields' flags, its
/// descriptor in the store, how it is added and the words of each command.
protocol RecordKindCommand: ParsableCommand {
    associatedtype Fields: RecordFields where Fields.Record: SpecListable
    static var kind: RecordDescriptor<Fields.Record> { get }
    static var addAbstract: String { get }
    static var addDiscussion: String { get }
    /// Adds the record the flags give to the person `id`, by default through the kind's
    /// descriptor; returns the record as added.
    static func add(_ given: Fields.Record, to id: IDNumber, in s: Session, today: Day) throws -> Fields.Record
    /// The line `add` prints: 已登记张三的…
    static func added(_ record: Fields.Record, name: String) -> String
    /// What `list` lists: 证书, 转岗记录, 年度考核…
    static var listed: String { get }
    static var updateAbstract: String { get }
    /// What `update` says before the fields `--clear` may empty.
    static var updateDiscussion: String { get }
    static var removeAbstract: String { get }
    static var removeDiscussion: String? { get }
}

extension RecordKindCommand {
    static func add(_ given: Fields.Record, to id: IDNumber, in s: Session, today: Day) throws -> Fields.Record {
        try s.people.add(kind, given, to: id, today: today)
        return given
    }

    static var addDiscussion: String { "" }
    static var updateDiscussion: String { "" }
    static var removeDiscussion: String? { nil }
}

/// The person a record is added to, and the database.
struct RecordTarget: ParsableArguments {
    @Argument(help: StoreOptions.personHelp) var id: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    /// Runs `body` in one write transaction of the command's `context`, with the person's
    /// identity number and today.
    func write<T>(_ context: WriteContext, _ body: (Session, IDNumber, Day) throws -> T) throws -> (T, String) {
        let id = try store.person(self.id)
        let today = Environment.today
        return try context.open().write { s in
            let result = try body(s, id, today)
            return (result, try s.people.person(id).name)
        }
    }
}

/// `KIND add ID`: the record the kind's flags give.
struct AddRecord<Kind: RecordKindCommand>: WriteCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "add", abstract: Kind.addAbstract, usage: Kind.Fields.Record.addUsage(Kind.self),
                             discussion: Kind.addDiscussion)
    }

    @OptionGroup var target: RecordTarget
    var store: StoreOptions { target.store }
    @OptionGroup var fields: Kind.Fields

    func run() throws {
        let given = try fields.record(adding: Kind.self)
        let (record, name) = try target.write(context) { s, id, today in try Kind.add(given, to: id, in: s, today: today) }
        try Render.added(record, target.output, Kind.added(record, name: name))
    }
}

struct CertCommand: RecordKindCommand {
    static let configuration = CommandConfiguration(commandName: "cert", abstract: "技术等级证书",
                                                    subcommands: [AddRecord<Self>.self, ListRecords<Self>.self, UpdateRecord<Self>.self, RemoveRecord<Self>.self])
    typealias Fields = CertificateFields
    static var kind: RecordDescriptor<Certificate> { RecordKinds.certificate }
    static let addAbstract = "登记证书"
    static let addDiscussion = "转岗人员的原工种证书照常登记在原工种下：等级年限按 \(RuleID.T1.rawValue) 从原证书起算（\(RuleID.T1.clause)）。"
    static let listed = "证书"
    static let updateAbstract = "更正证书：只改给出的项"
    static let updateDiscussion = "在办申报所依据的证书不能改成使申报不再成立的样子（R1）；须先撤回申报。"
    static let removeAbstract = "删除证书（在办申报所依据的不能删，R1）"

    static func added(_ c: Certificate, name: String) -> String {
        "已登记\(name)的\(c.trade)\(c.grade.chinese)证书（\(c.issued)）"
    }
}

struct TransferCommand: RecordKindCommand {
    static let configuration = CommandConfiguration(commandName: "transfer", abstract: "转岗",
                                                    subcommands: [AddRecord<Self>.self, ListRecords<Self>.self, UpdateRecord<Self>.self, RemoveRecord<Self>.self])
    typealias Fields = TransferFields
    static var kind: RecordDescriptor<Transfer> { RecordKinds.transfer }
    static let addAbstract = "登记转岗：从现工种转到新工种，现工种随之变为新工种"
    static let addDiscussion = """
        等级年限从转岗前取得原工种证书的时间起算（\(RuleID.T1.citation)）。
        补登较早的一次转岗时可用 --from 写明当时的转出工种；不写即为现工种。
        """
    static let listed = "转岗记录"
    static let updateAbstract = "更正转岗：时间、原工种或新工种"
    static let updateDiscussion = "等级年限（T1）和审批表随更正后的转岗记录计算；如更正的是最近一次转岗，人员的现工种随之更正。"
    static let removeAbstract = "删除转岗记录"
    static let removeDiscussion: String? = "删除最近一次转岗时，人员的现工种回到转岗前的工种。"

    /// Without `--from`, the transfer leaves the person's current trade.
    static func add(_ given: Transfer, to id: IDNumber, in s: Session, today: Day) throws -> Transfer {
        let transfer = given.from.isEmpty ? try s.people.transfer(of: id, to: given.to, on: given.date) : given
        try s.people.add(kind, transfer, to: id, today: today)
        return transfer
    }

    static func added(_ t: Transfer, name: String) -> String {
        "已登记\(name)转岗：\(t.from) → \(t.to)（\(t.date)）"
    }
}

struct AssessmentCommand: RecordKindCommand {
    static let configuration = CommandConfiguration(commandName: "assessment", abstract: "年度考核",
                                                    subcommands: [AddRecord<Self>.self, ListRecords<Self>.self, UpdateRecord<Self>.self, RemoveRecord<Self>.self])
    typealias Fields = AssessmentFields
    static var kind: RecordDescriptor<AnnualAssessment> { RecordKinds.assessment }
    static let addAbstract = "登记年度考核结果（每人每年一条）"
    static let listed = "年度考核"
    static let updateAbstract = "更正年度考核"
    static let removeAbstract = "删除年度考核"

    static func add(_ given: AnnualAssessment, to id: IDNumber, in s: Session, today: Day) throws -> AnnualAssessment {
        try s.people.addAssessment(given, to: id, today: today)
        return given
    }

    static func added(_ a: AnnualAssessment, name: String) -> String {
        "已登记\(name)\(a.year)年度考核：\(a.result.chinese)"
    }
}

struct EducationCommand: RecordKindCommand {
    static let configuration = CommandConfiguration(commandName: "education", abstract: "学历",
                                                    subcommands: [AddRecord<Self>.self, ListRecords<Self>.self, UpdateRecord<Self>.self, RemoveRecord<Self>.self])
    typealias Fields = EducationFields
    static var kind: RecordDescriptor<Education> { RecordKinds.education }
    static let addAbstract = "登记学历"
    static let listed = "学历"
    static let updateAbstract = "更正学历"
    static let removeAbstract = "删除学历"

    static func added(_ e: Education, name: String) -> String {
        "已登记\(name)的学历：\(e.level.chinese)（\(e.graduated)毕业）"
    }
}

struct AwardCommand: RecordKindCommand {
    static let configuration = CommandConfiguration(commandName: "award", abstract: "奖励（含立功、优秀士兵等军队奖励）",
                                                    subcommands: [AddRecord<Self>.self, ListRecords<Self>.self, UpdateRecord<Self>.self, RemoveRecord<Self>.self])
    typealias Fields = AwardFields
    static var kind: RecordDescriptor<Award> { RecordKinds.award }
    static let addAbstract = "登记奖励"
    static let listed = "奖励"
    static let updateAbstract = "更正奖励"
    static let removeAbstract = "删除奖励"

    static func added(_ a: Award, name: String) -> String {
        "已登记\(name)的奖励：\(a.name)（\(a.date)）"
    }
}

struct TrainingCommand: RecordKindCommand {
    static let configuration = CommandConfiguration(commandName: "training", abstract: "继续教育证书",
                                                    subcommands: [AddRecord<Self>.self, ListRecords<Self>.self, UpdateRecord<Self>.self, RemoveRecord<Self>.self])
    typealias Fields = TrainingFields
    static var kind: RecordDescriptor<Training> { RecordKinds.training }
    static let addAbstract = "登记继续教育证书或培训合格证明"
    static let listed = "继续教育"
    static let updateAbstract = "更正继续教育"
    static let removeAbstract = "删除继续教育"

    static func added(_ t: Training, name: String) -> String {
        "已登记\(name)的继续教育：\(t.name)（\(t.date)）"
    }
}
