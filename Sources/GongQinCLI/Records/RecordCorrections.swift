import ArgumentParser
import Foundation
import GongQinCore
import GongQinStore

// `KIND list ID`, `KIND update N` and `KIND remove N` for every kind of record kept on a
// person (Documentation/CLI.md, record numbers), given by the kind's `RecordKindCommand`
// (RecordCommands.swift). The kind itself is described once, in the store (RecordKinds);
// `update` takes the same flags as `add` (RecordFields), and these commands word the
// outcomes.

/// A record line with its number first: `编号` in tables, `"id"` in JSON and CSV.
struct NumberedLine<Line: Listable>: Listable {
    var id: Int64
    var line: Line

    static var columns: [(key: String, title: String)] { [("id", "编号")] + Line.columns }
    func cells(_ output: OutputOptions) -> [String] { [String(id)] + line.cells(output) }

    private enum Key: String, CodingKey { case id }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(id, forKey: .id)
        try line.encode(to: encoder)
    }
}

/// The number of a record, as `update` and `remove` take it.
struct RecordNumber: ParsableArguments {
    @Argument(help: ArgumentHelp("记录编号（person show 或 list 中的“编号”）", valueName: "N")) var number: Int64
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions
}

enum Corrections {
    /// `KIND list ID`.
    static func list<R, L: Listable>(_ kind: RecordDescriptor<R>, _ argument: String, _ context: ReadContext,
                                     _ output: OutputOptions, _ line: (R) -> L) throws {
        let id = try context.person(argument)
        let items = try context.database().read { s in try s.people.list(kind, of: id) }
        try Render.list(items.map { NumberedLine(id: $0.id, line: line($0.record)) }, output,
                        empty: "尚无\(kind.chinese)记录")
    }

    /// `KIND update N`: changes only what `change` sets. A change that changes nothing
    /// prints 无变化 and writes nothing, not even a log entry.
    static func update<R, L: Listable>(_ kind: RecordDescriptor<R>, _ context: WriteContext, _ target: RecordNumber, _ line: (R) -> L,
                                       clearing: (inout R) throws -> Void = { _ in }, _ change: (inout R) throws -> Void) throws {
        try update(kind, context, target, line, clearing: clearing) { _, record in try change(&record) }
    }

    /// `update` for a change that reads the database (a condition's category).
    /// `clearing`: the optional fields `--clear` empties, before the change.
    static func update<R, L: Listable>(_ kind: RecordDescriptor<R>, _ context: WriteContext, _ target: RecordNumber, _ line: (R) -> L,
                                       clearing: (inout R) throws -> Void = { _ in }, reading change: (Session, inout R) throws -> Void) throws {
        let today = Environment.today
        let correction = try context.openExisting().write { s in
            try s.people.update(kind, target.number, today: today) { record in
                try clearing(&record)
                try change(s, &record)
            }
        }
        let after = NumberedLine(id: target.number, line: line(correction.after.record))
        guard correction.changed else {
            switch target.output.format {
            case .table: Console.out("无变化：\(correction.ownerName)的\(kind.chinese)（编号\(target.number)）已是所给的值")
            default: try Render.added(after, target.output, "")
            }
            return
        }
        let diff = differences(line(correction.before.record), line(correction.after.record))
        try Render.added(after, target.output,
                         "已修改\(correction.ownerName)的\(kind.chinese)（编号\(target.number)）：\(diff)")
    }

    /// `KIND remove N`.
    static func remove<R, L: Listable>(_ kind: RecordDescriptor<R>, _ context: WriteContext, _ target: RecordNumber, _ line: (R) -> L) throws {
        let today = Environment.today
        let (_, name, record) = try context.openExisting().write { s in
            try s.people.remove(kind, target.number, today: today)
        }
        var shown = target.output
        shown.format = .table
        let cells = line(record).cells(shown).filter { !$0.isEmpty }.joined(separator: "，")
        try Render.added(NumberedLine(id: target.number, line: line(record)), target.output,
                         "已删除\(name)的\(kind.chinese)（编号\(target.number)：\(cells)）")
    }

    /// `工种：车工 → 钳工；发证时间：…`: the columns that differ, as a person reads them.
    static func differences<L: Listable>(_ before: L, _ after: L) -> String {
        var shown = OutputOptions()
        shown.format = .table
        shown.reveal = Environment.reveal
        let old = before.cells(shown), new = after.cells(shown)
        return zip(L.columns, zip(old, new)).filter { $0.1.0 != $0.1.1 }.map { column, pair in
            "\(column.title)：\(pair.0.isEmpty ? "（空）" : pair.0) → \(pair.1.isEmpty ? "（空）" : pair.1)"
        }.joined(separator: "；")
    }
}

/// `KIND list ID`.
struct ListRecords<Kind: RecordKindCommand>: ReadCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: "列出某人的\(Kind.listed)（含编号）")
    }
    @Argument(help: StoreOptions.personHelp) var id: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions
    func run() throws { try Corrections.list(Kind.kind, id, context, output) { $0 } }
}

/// `KIND update N`: the flags of `add`, and `--clear`.
struct UpdateRecord<Kind: RecordKindCommand>: WriteCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "update", abstract: Kind.updateAbstract,
                             discussion: Kind.updateDiscussion + ClearOptions<Kind.Fields.Record>.discussion)
    }
    @OptionGroup var target: RecordNumber
    var store: StoreOptions { target.store }
    @OptionGroup var clearing: ClearOptions<Kind.Fields.Record>
    @OptionGroup var fields: Kind.Fields

    func run() throws {
        try Corrections.update(Kind.kind, context, target, { $0 }, clearing: clearing.apply, fields.apply)
    }
}

/// `KIND remove N`.
struct RemoveRecord<Kind: RecordKindCommand>: WriteCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "remove", abstract: Kind.removeAbstract, discussion: Kind.removeDiscussion ?? "")
    }
    @OptionGroup var target: RecordNumber
    var store: StoreOptions { target.store }
    func run() throws { try Corrections.remove(Kind.kind, context, target) { $0 } }
}

extension JobCommand {
    struct Update: WriteCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "更正一段工作经历",
            discussion: ClearOptions<Job>.discussion)
        @OptionGroup var target: RecordNumber
        var store: StoreOptions { target.store }
        @OptionGroup var clearing: ClearOptions<Job>
        @OptionGroup var fields: JobFields
        @Flag(help: "清除截止时间（改为现任岗位，同 --clear to）") var current = false

        func run() throws {
            if current && fields.to != nil { throw GongQinError.usage("--to 与 --current 只能给一个") }
            try Corrections.update(RecordKinds.job, context, target, JobLine.init, clearing: clearing.apply) { j in
                try fields.apply(to: &j)
                if current { j.to = nil }
            }
        }
    }

    struct Remove: WriteCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "删除一段工作经历")
        @OptionGroup var target: RecordNumber
        var store: StoreOptions { target.store }
        func run() throws { try Corrections.remove(RecordKinds.job, context, target, JobLine.init) }
    }
}

/// A historic use as its own update and remove show it.
struct HistoricUseLine: Listable {
    var condition: String
    var category: String
    var grade: Grade
    var year: Int
    var source: UseSource
    var note: String?

    init(_ use: ExceptionalUse) {
        condition = use.condition
        category = use.category
        grade = use.grade
        year = use.year
        source = use.source
        note = use.note
    }

    static let columns: [(key: String, title: String)] = [
        ("condition", "条件"), ("category", "类别"), ("grade", "等级"), ("year", "年度"), ("source", "来源"), ("note", "备注"),
    ]

    func cells(_ output: OutputOptions) -> [String] {
        let table = output.format == .table
        return [table ? Labels.condition(condition) : condition, table ? Labels.condition(category) : category,
                table ? grade.chinese : grade.code, String(year), table ? source.chinese : source.code, output.show(text: note)]
    }
}

extension ExceptionalCommand {
    struct Update: WriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "更正一条历史破格使用",
            discussion: "申报时记录的使用随申报保留，撤回申报即释放。改成已用过的类别会被拒绝（X1）。")
        @OptionGroup var target: RecordNumber
        var store: StoreOptions { target.store }
        @Option(help: "破格条件代码") var condition: String?
        @Option(help: "等级") var grade: Grade?
        @Option(help: "年度") var year: Int?
        @Option(help: "备注") var note: String?

        func run() throws {
            let checkedYear = try year.map { try Parse.year($0, "年度") }
            try Corrections.update(RecordKinds.exceptionalUse, context, target, HistoricUseLine.init) { s, u in
                if let condition {
                    let found = try s.catalog.condition(code: condition.trimmingSpaces)
                    u.condition = found.code
                    u.category = found.category
                }
                if let grade { u.grade = grade }
                if let checkedYear { u.year = checkedYear }
                if let note { u.note = Parse.text(note) }
            }
        }
    }

    struct Remove: WriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "删除一条历史破格使用（申报记录的使用须撤回申报释放）")
        @OptionGroup var target: RecordNumber
        var store: StoreOptions { target.store }
        func run() throws { try Corrections.remove(RecordKinds.exceptionalUse, context, target, HistoricUseLine.init) }
    }
}
