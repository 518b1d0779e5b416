import ArgumentParser
import GongQinCore
import GongQinStore

/// `job add|list|end`: the employment history (工作经历) behind the 工作简历 of the approval
/// form (RULES F1, 须知·五·3).
struct JobCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "job", abstract: "工作经历（审批表的工作简历，F1）", subcommands: [Add.self, List.self, Update.self, Remove.self, End.self])

    struct Add: WriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "登记一段工作经历",
            usage: Job.addUsage(JobCommand.self),
            discussion: """
                审批表工作简历每段一行：2005年07月-2012年03月 常州市某单位驾驶员；现任岗位不写截止时间，该行开放：
                2012年04月-  常州市某某办公室工作人员（F1，须知·五·3）。各段不得重叠，起始不早于16周岁。
                """)

        @OptionGroup var target: RecordTarget
        var store: StoreOptions { target.store }
        @OptionGroup var fields: JobFields

        func run() throws {
            let job = try fields.record(adding: JobCommand.self)
            let (_, name) = try target.write(context) { s, id, today in try s.people.addJob(job, to: id, today: today) }
            try Render.added(JobLine(job), target.output, "已登记\(name)的工作经历：\(job.formLine)")
        }
    }

    struct List: ReadCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出某人的工作经历")

        @Argument(help: StoreOptions.personHelp) var id: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try Corrections.list(RecordKinds.job, id, context, output, JobLine.init)
        }
    }

    struct End: WriteCommand {
        static let configuration = CommandConfiguration(commandName: "end", abstract: "结束现任岗位：给截止时间为空的那段经历加上截止时间")

        @OptionGroup var target: RecordTarget
        var store: StoreOptions { target.store }
        @Option(help: ArgumentHelp("截止时间，YYYY-MM 或 YYYY-MM-DD", valueName: "date"), transform: Parse.day(as: "任职截止时间", allowMonth: true))
        var to: Day

        func run() throws {
            let (job, name) = try target.write(context) { s, id, today in try s.people.endJob(of: id, to: to, today: today) }
            try Render.added(JobLine(job), target.output, "已结束\(name)的现任岗位：\(job.formLine)")
        }
    }
}

/// A post as `job list` shows it, with its line on the form.
struct JobLine: Listable {
    var from: Day
    var to: Day?
    var unit: String
    var post: String
    /// The 工作简历 line (F1).
    var line: String

    init(_ job: Job) {
        from = job.from
        to = job.to
        unit = job.unit
        post = job.post
        line = job.formLine
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)  // null for the post held now
        try c.encode(unit, forKey: .unit)
        try c.encode(post, forKey: .post)
        try c.encode(line, forKey: .line)
    }

    enum CodingKeys: String, CodingKey { case from, to, unit, post, line }

    static let columns: [(key: String, title: String)] = [
        ("from", "起始"), ("to", "截止"), ("unit", "工作单位"), ("post", "岗位"), ("line", "工作简历"),
    ]

    func cells(_ output: OutputOptions) -> [String] {
        [from.description, to?.description ?? (output.format == .table ? "至今" : ""), unit, post, line]
    }
}
