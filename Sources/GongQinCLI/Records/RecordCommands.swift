import ArgumentParser
import GongQinCore
import GongQinStore

// The records kept on a person: `cert`, `transfer`, `assessment`, `education`, `award`
// and `training` (continuing education). Each `add` is one transaction, checked first by
// the same code that checks an imported row.

/// The person a record is added to, and the database.
struct RecordTarget: ParsableArguments {
    @Argument(help: StoreOptions.personHelp) var id: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    /// Runs `body` in one write transaction, with the person's identity number and today.
    func write<T>(_ body: (Session, IDNumber, Day) throws -> T) throws -> (T, String) {
        let id = try store.person(self.id)
        let today = Environment.today
        return try store.open().write { s in
            let result = try body(s, id, today)
            return (result, try s.people.person(id).name)
        }
    }
}

struct CertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cert", abstract: "技术等级证书", subcommands: [Add.self, List.self, Update.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "登记证书",
            discussion: "转岗人员的原工种证书照常登记在原工种下：等级年限按 \(RuleID.T1.rawValue) 从原证书起算（\(RuleID.T1.clause)）。")

        @OptionGroup var target: RecordTarget
        @Option(help: "证书工种") var trade: String
        @Option(help: "等级：junior|intermediate|senior|technician|senior-technician，或初级工…高级技师") var grade: Grade
        @Option(help: ArgumentHelp("发证时间", valueName: "date"), transform: Parse.day(as: "发证时间")) var issued: Day
        @Option(help: "证书编号") var number: String?
        @Option(help: "取得方式：normal|early|exceptional|transfer|review（默认 normal）") var route: Module = .normal
        @Option(help: "发证省份（默认江苏）") var province: String = Certificate.homeProvince
        @Option(help: "发证机关，如“常州市人力资源和社会保障局”") var authority: String?

        func run() throws {
            let certificate = Certificate(trade: trade.trimmingSpaces, grade: grade, issued: issued,
                                          number: Parse.text(number), route: route,
                                          province: Parse.text(province) ?? Certificate.homeProvince,
                                          authority: Parse.text(authority))
            let (_, name) = try target.write { s, id, today in
                try s.people.addCertificate(certificate, to: id, today: today)
            }
            try Render.added(certificate, target.output,
                             "已登记\(name)的\(certificate.trade)\(certificate.grade.chinese)证书（\(certificate.issued)）")
        }
    }
}

struct TransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "transfer", abstract: "转岗", subcommands: [Add.self, List.self, Update.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "登记转岗：从现工种转到新工种，现工种随之变为新工种",
            discussion: "等级年限从转岗前取得原工种证书的时间起算（\(RuleID.T1.citation)）。")

        @OptionGroup var target: RecordTarget
        @Option(help: "转入的工种") var to: String
        @Option(help: ArgumentHelp("转岗时间，YYYY-MM-DD 或 YYYY-MM", valueName: "date"), transform: Parse.day(as: "转岗时间", allowMonth: true))
        var date: Day

        func run() throws {
            let (transfer, name) = try target.write { s, id, today in
                let transfer = try s.people.transfer(of: id, to: to, on: date)
                try s.people.addTransfer(transfer, to: id, today: today)
                return transfer
            }
            try Render.added(transfer, target.output, "已登记\(name)转岗：\(transfer.from) → \(transfer.to)（\(transfer.date)）")
        }
    }
}

struct AssessmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assessment", abstract: "年度考核", subcommands: [Add.self, List.self, Update.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "登记年度考核结果（每人每年一条）")

        @OptionGroup var target: RecordTarget
        @Option(help: "考核年度") var year: Int
        @Option(help: "结果：优秀|合格|基本合格|不合格，或 excellent|pass|basic|fail") var result: AssessmentResult

        func run() throws {
            let assessment = AnnualAssessment(year: try Parse.year(year, "考核年度"), result: result)
            let (_, name) = try target.write { s, id, today in
                try s.people.addAssessment(assessment, to: id, today: today)
            }
            try Render.added(assessment, target.output, "已登记\(name)\(assessment.year)年度考核：\(assessment.result.chinese)")
        }
    }
}

struct EducationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "education", abstract: "学历", subcommands: [Add.self, List.self, Update.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "登记学历")

        @OptionGroup var target: RecordTarget
        @Option(help: "学历：初中、高中、中专、职高、技校、高级技工学校、技师学院、大专、本科、硕士、博士、成人高等教育专业证书")
        var level: EducationLevel
        @Option(help: ArgumentHelp("毕业时间，YYYY-MM-DD 或 YYYY-MM", valueName: "date"), transform: Parse.day(as: "毕业时间", allowMonth: true))
        var graduated: Day
        @Option(help: "专业") var major: String?
        @Option(help: "学校") var school: String?
        @Flag(help: "与本人工种相关（本工种相关专业）") var relevant = false

        func run() throws {
            let education = Education(level: level, graduated: graduated,
                                      major: Parse.text(major), school: Parse.text(school), relevant: relevant)
            let (_, name) = try target.write { s, id, today in
                try s.people.addEducation(education, to: id, today: today)
            }
            try Render.added(education, target.output, "已登记\(name)的学历：\(education.level.chinese)（\(education.graduated)毕业）")
        }
    }
}

struct AwardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "award", abstract: "奖励（含立功、优秀士兵等军队奖励）", subcommands: [Add.self, List.self, Update.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "登记奖励")

        @OptionGroup var target: RecordTarget
        @Option(help: "奖励名称，如“嘉奖”“二等功”“优秀士兵”") var name: String
        @Option(help: ArgumentHelp("获奖时间", valueName: "date"), transform: Parse.day(as: "获奖时间", allowMonth: true)) var date: Day
        @Option(help: "授予单位，如“某局”") var issuer: String?

        func run() throws {
            let award = Award(name: name.trimmingSpaces, date: date, issuer: Parse.text(issuer))
            let (_, person) = try target.write { s, id, today in
                try s.people.addAward(award, to: id, today: today)
            }
            try Render.added(award, target.output, "已登记\(person)的奖励：\(award.name)（\(award.date)）")
        }
    }
}

struct TrainingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "training", abstract: "继续教育证书", subcommands: [Add.self, List.self, Update.self, Remove.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "登记继续教育证书或培训合格证明")

        @OptionGroup var target: RecordTarget
        @Option(help: "名称") var name: String
        @Option(help: ArgumentHelp("时间", valueName: "date"), transform: Parse.day(as: "继续教育时间", allowMonth: true)) var date: Day
        @Option(help: "学时") var hours: Int?
        @Option(help: "发证单位") var issuer: String?

        func run() throws {
            let training = Training(name: name.trimmingSpaces, date: date,
                                               hours: hours, issuer: Parse.text(issuer))
            let (_, person) = try target.write { s, id, today in
                try s.people.addTraining(training, to: id, today: today)
            }
            try Render.added(training, target.output, "已登记\(person)的继续教育：\(training.name)（\(training.date)）")
        }
    }
}

