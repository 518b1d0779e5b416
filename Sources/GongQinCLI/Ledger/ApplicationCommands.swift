import ArgumentParser
import GongQinCore
import GongQinStore

/// `gongqin apply`: files an application after the same checks as `explain`.
struct ApplyCommand: WriteCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "提交申报：先按须知逐条检查，符合才记录申报和所用破格条件",
        discussion: """
            不符合时列出每条不符合的检查（规则编号和须知条款）并以 1 退出，不写入任何内容。
            破格申报（或复核按 V3 放宽）须用 --condition 指明所用条件；申报即记入破格台账，该类条件终身不能再用（X1），
            在主管部门受理前撤回可释放。--date 为申报日期，默认今天，须不晚于截止日（D1）。
            """)

    @Argument(help: StoreOptions.personHelp) var id: String
    @Option(help: CycleChoice.help) var cycle: CycleChoice
    @Option(help: "申报等级") var grade: Grade
    @Option(help: "申报模块：normal|early|exceptional|transfer|review，或 正常|提前|破格|转岗|复核") var module: Module
    @Option(help: ArgumentHelp("所用破格条件，代码或名称（见 gongqin exceptional conditions），可多次给出", valueName: "code")) var condition: [String] = []
    @Option(help: ArgumentHelp("申报日期（默认今天）", valueName: "date"), transform: Parse.day(as: "申报日期")) var date: Day?
    @Option(help: "申报工种（默认现岗位工种；已转岗人员不能按原工种申报，T2）") var trade: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let id = try store.person(self.id)
        let today = Environment.today
        let filedOn = date ?? today
        let entry = try context.open().write { s in
            let request = ApplicationRequest(person: id, cycle: cycle.resolve(try s.engine(today: today), asOf: today), grade: grade,
                                             module: module, trade: trade.map(\.trimmingSpaces),
                                             conditions: condition.map(\.trimmingSpaces), filedOn: filedOn)
            return try s.applications.file(request, today: today)
        }
        let a = entry.application
        var line = "已申报：\(entry.name)（\(output.show(entry.idNumber))）\(a.cycle)年\(a.trade)\(a.grade.chinese)·\(a.module.chinese)，编号\(a.id)，\(a.certificateYear)年取证"
        if !entry.uses.isEmpty {
            line += "；记入破格台账：" + entry.uses.map { Labels.condition($0.condition) }.joined(separator: "、") + "（\(RuleID.X1.citation)：该类条件终身不能再用）"
        }
        try Render.added(ApplicationLine(entry), output, line)
    }
}

/// `gongqin application list|show|set-status|result`.
struct ApplicationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "application", abstract: "申报及其状态：已申报、退回修改、受理、通过、未通过、延期、撤回",
        subcommands: [List.self, Show.self, SetStatus.self, Result.self])

    struct List: ReadCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出申报")

        @Option(help: CycleChoice.help) var cycle: CycleChoice?
        @Option(help: "单位") var unit: String?
        @Option(help: "状态：filed|returned|accepted|passed|failed|deferred|withdrawn") var status: ApplicationStatus?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let today = Environment.today
            let entries = try context.database().read { s in
                try s.applications.list(cycle: try cycle.map { $0.resolve(try s.engine(today: today), asOf: today) }, unit: unit, status: status)
            }
            try Render.list(entries.map(ApplicationLine.init), output, empty: "没有符合条件的申报")
        }
    }

    struct Show: ReadCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "显示一份申报")

        @Argument(help: "申报编号") var number: Int64
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let entry = try context.database().read { s in try s.applications.entry(number) }
            let line = ApplicationLine(entry)
            switch output.format {
            case .table:
                Console.out(Render.fields(zip(ApplicationLine.columns.map(\.title), line.cells(output)).map { ($0, $1) }))
            default:
                try Render.added(line, output, "")
            }
        }
    }

    struct SetStatus: WriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-status",
            abstract: "改变申报状态",
            discussion: """
                已申报 → 退回修改、受理、撤回；退回修改 → 已申报、撤回；受理 → 通过、未通过、延期。
                受理前撤回会释放该申报使用的破格条件（记入变更日志）；未通过或延期的申报仍占用所用条件（X1）。
                """)

        @Argument(help: "申报编号") var number: Int64
        @Argument(help: "新状态：filed|returned|accepted|passed|failed|deferred|withdrawn") var status: ApplicationStatus
        @Option(help: "备注，如退回原因") var note: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let note = try Parse.freeText(self.note, "备注")
            let (released, entry) = try context.open().write { s in
                let released = try s.applications.setStatus(number, to: status, note: note)
                return (released, try s.applications.entry(number))
            }
            var line = "申报\(number)（\(entry.name)）已改为“\(status.chinese)”"
            if !released.isEmpty {
                line += "；已释放破格条件：" + released.map { Labels.condition($0.condition) }.joined(separator: "、") + "（\(RuleID.X1.citation)）"
            }
            try Render.added(ApplicationLine(entry), output, line)
        }
    }

    struct Result: WriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "result",
            abstract: "登记技师选拔考试或综合评审结果",
            discussion: "往年综合评审未通过、重新申报技师的人员免技师选拔考试（\(Formality.D2.citation)）。")

        @Argument(help: "申报编号") var number: Int64
        @Option(help: "技师选拔考试：passed|failed") var exam: ExamResult?
        @Option(help: "省综合评审：passed|failed") var review: ExamResult?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            guard exam != nil || review != nil else {
                throw GongQinError.usage("请给出 --exam 或 --review")
            }
            let entry = try context.open().write { s in
                try s.applications.setResults(number, exam: exam, review: review)
                return try s.applications.entry(number)
            }
            try Render.added(ApplicationLine(entry), output, "已登记申报\(number)（\(entry.name)）的结果")
        }
    }
}

extension ExamResult: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.code) }
}

/// An application as lists show it: the `Application` as it encodes itself, with the
/// person's, the unit's and the conditions' keys beside its own.
struct ApplicationLine: Listable {
    var application: Application
    var idNumber: IDNumber
    var name: String
    var unit: String
    var conditions: [String]

    init(_ e: ApplicationEntry) {
        application = e.application
        idNumber = e.idNumber
        name = e.name
        unit = e.unit
        conditions = e.uses.map(\.condition)
    }

    private enum Key: String, CodingKey { case idNumber, name, unit, conditions }

    func encode(to encoder: any Encoder) throws {
        try application.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(idNumber, forKey: .idNumber)
        try c.encode(name, forKey: .name)
        try c.encode(unit, forKey: .unit)
        try c.encode(conditions, forKey: .conditions)
    }

    static let columns: [(key: String, title: String)] = [
        ("id", "编号"), ("cycle", "周期"), ("idNumber", "身份证号"), ("name", "姓名"), ("unit", "单位"), ("trade", "工种"),
        ("grade", "等级"), ("module", "模块"), ("status", "状态"), ("filedOn", "申报日期"), ("certificateYear", "取证年度"),
        ("conditions", "破格条件"), ("examResult", "选拔考试"), ("reviewResult", "综合评审"), ("note", "备注"),
    ]

    func cells(_ output: OutputOptions) -> [String] {
        let table = output.format == .table, a = application
        return [String(a.id), String(a.cycle), output.show(idNumber), name, unit, a.trade, table ? a.grade.chinese : a.grade.code,
                table ? a.module.chinese : a.module.code, table ? a.status.chinese : a.status.code, a.filedOn.description,
                String(a.certificateYear), table ? conditions.map(Labels.condition).joined(separator: "、") : conditions.joined(separator: ";"),
                (table ? a.examResult?.chinese : a.examResult?.code) ?? "", (table ? a.reviewResult?.chinese : a.reviewResult?.code) ?? "",
                output.show(text: a.note)]
    }
}
