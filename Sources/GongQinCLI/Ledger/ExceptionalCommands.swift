import ArgumentParser
import GongQinCore
import GongQinStore

/// `exceptional conditions|add-condition|record|list`: the 破格 catalogue and ledger.
struct ExceptionalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exceptional", abstract: "破格条件目录与使用记录（每类条件终身只能使用一次，X1）",
        subcommands: [Conditions.self, AddCondition.self, Record.self, List.self, Update.self, Remove.self])

    struct Conditions: ReadCommand {
        static let configuration = CommandConfiguration(commandName: "conditions", abstract: "列出破格条件目录")

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let conditions = try context.database().read { s in try s.catalog.conditions() }
            try Render.list(conditions, output, empty: "破格条件目录为空")
        }
    }

    struct AddCondition: WriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-condition",
            abstract: "向目录添加破格条件，如技能竞赛名次、技术能手称号",
            discussion: "没有记录类型能证明这类条件，因此 eligible 不会主动提供；apply 时须由经办人点名，声明会被记录，审计时列为 declared-evidence 供人工核查（X2）。")

        @Argument(help: "条件代码：小写英文字母、数字和连字符，如 skill-contest") var code: String
        @Option(help: "所属类别代码（默认与条件代码相同）；同一类别终身只能使用一次") var category: String?
        @Option(help: "条件名称，如“市级技能竞赛前三名”") var name: String
        @Option(name: .customLong("relax-work-years"), help: "放宽工作年限（年）") var relaxWorkYears: Int = 0
        @Option(name: .customLong("relax-grade-years"), help: "放宽本等级年限（年）") var relaxGradeYears: Int = 0
        @Flag(name: .customLong("waives-education"), help: "免除学历要求") var waivesEducation = false
        @Option(help: "依据的文件条款") var clause: String = "用户添加"
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            guard (0...10).contains(relaxWorkYears), (0...10).contains(relaxGradeYears) else {
                throw GongQinError.invalid("放宽年限须在0到10年之间")
            }
            let condition = ExceptionalCondition(
                code: code, category: category ?? code, name: name.trimmingSpaces, evidence: .declared,
                relaxation: Relaxation(workYears: relaxWorkYears, gradeYears: relaxGradeYears, waivesEducation: waivesEducation),
                relaxationStatus: .official, clause: clause)
            try context.open().write { s in try s.catalog.addCondition(condition) }
            try Render.added(condition, output, "已添加破格条件：\(condition.code)（\(condition.name)）")
        }
    }

    struct Record: WriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "登记历史破格使用（从以往等级审批表上查得）",
            discussion: "\(RuleID.X1.clause) 要求附前几个等级的审批表，以查验是否使用过破格条件。登记后该类条件不再提供（X1）。")

        @Argument(help: StoreOptions.personHelp) var id: String
        @Option(help: "条件代码或名称，见 gongqin exceptional conditions") var condition: String
        @Option(help: "审批表年度") var year: Int
        @Option(help: "审批表上申报的等级") var grade: Grade
        @Option(help: "备注，如审批表编号") var note: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let id = try store.person(self.id)
            let year = try Parse.year(self.year, "年度")
            let today = Environment.today
            let entry = try context.open().write { s in
                try s.ledger.recordHistoricUse(id, condition: condition, grade: grade, year: year, note: note, today: today)
            }
            try Render.added(UseLine(entry), output,
                             "已登记\(entry.name)的历史破格使用：\(Labels.condition(entry.use.condition))，\(entry.use.year)年\(entry.use.grade.chinese)")
        }
    }

    struct List: ReadCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出破格使用记录及其来源")

        @Option(help: StoreOptions.personHelp) var person: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let id = try person.map(store.person)
            let entries = try context.database().read { s in try s.ledger.entries(People.Filter(person: id)) }
            try Render.list(entries.map(UseLine.init), output, empty: "尚无破格使用记录")
        }
    }
}

extension ExceptionalCondition: Listable {
    static let columns: [(key: String, title: String)] = [
        ("code", "代码"), ("category", "类别"), ("name", "名称"), ("evidence", "证明"),
        ("relaxation.workYears", "放宽工作年限"), ("relaxation.gradeYears", "放宽等级年限"),
        ("relaxation.waivesEducation", "免学历"), ("relaxationStatus", "放宽值来源"), ("clause", "依据"),
    ]

    func cells(_ output: OutputOptions) -> [String] {
        let table = output.format == .table
        return [code, category, name, table ? evidence.chinese : evidence.code, String(relaxation.workYears),
                String(relaxation.gradeYears), table ? relaxation.waivesEducation.yesNo : String(relaxation.waivesEducation),
                table ? relaxationStatus.chinese : relaxationStatus.code, clause]
    }
}

/// A use as `exceptional list` shows it; the JSON keys are the contract's.
struct UseLine: Listable {
    var id: Int64
    var idNumber: IDNumber
    var name: String
    var condition: String
    var category: String
    var grade: Grade
    var year: Int
    var source: UseSource
    var applicationId: Int64?
    var note: String?

    init(_ e: LedgerEntry) {
        id = e.id
        idNumber = e.idNumber
        name = e.name
        condition = e.use.condition
        category = e.use.category
        grade = e.use.grade
        year = e.use.year
        source = e.use.source
        applicationId = e.use.applicationID
        note = e.use.note
    }

    static let columns: [(key: String, title: String)] = [
        ("id", "编号"), ("idNumber", "身份证号"), ("name", "姓名"), ("condition", "条件"), ("category", "类别"), ("grade", "等级"),
        ("year", "年度"), ("source", "来源"), ("applicationId", "申报编号"), ("note", "备注"),
    ]

    func cells(_ output: OutputOptions) -> [String] {
        let table = output.format == .table
        return [String(id), output.show(idNumber), name, table ? Labels.condition(condition) : condition,
                table ? Labels.condition(category) : category, table ? grade.chinese : grade.code, String(year),
                table ? source.chinese : source.code, applicationId.map(String.init) ?? "", output.show(text: note)]
    }
}
