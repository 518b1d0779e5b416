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

struct CertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cert", abstract: "技术等级证书", subcommands: [Add.self, ListRecords<Self>.self, UpdateRecord<Self>.self, RemoveRecord<Self>.self])

    struct Add: WriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "登记证书",
            usage: Certificate.addUsage(CertCommand.self),
            discussion: "转岗人员的原工种证书照常登记在原工种下：等级年限按 \(RuleID.T1.rawValue) 从原证书起算（\(RuleID.T1.clause)）。")

        @OptionGroup var target: RecordTarget
        var store: StoreOptions { target.store }
        @OptionGroup var fields: CertificateFields

        func run() throws {
            let certificate = try fields.record(adding: CertCommand.self)
            let (_, name) = try target.write(context) { s, id, today in
                try s.people.addCertificate(certificate, to: id, today: today)
            }
            try Render.added(certificate, target.output,
                             "已登记\(name)的\(certificate.trade)\(certificate.grade.chinese)证书（\(certificate.issued)）")
        }
    }
}

struct TransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "transfer", abstract: "转岗", subcommands: [Add.self, ListRecords<Self>.self, UpdateRecord<Self>.self, RemoveRecord<Self>.self])

    struct Add: WriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "登记转岗：从现工种转到新工种，现工种随之变为新工种",
            usage: Transfer.addUsage(TransferCommand.self),
            discussion: """
                等级年限从转岗前取得原工种证书的时间起算（\(RuleID.T1.citation)）。
                补登较早的一次转岗时可用 --from 写明当时的转出工种；不写即为现工种。
                """)

        @OptionGroup var target: RecordTarget
        var store: StoreOptions { target.store }
        @OptionGroup var fields: TransferFields

        func run() throws {
            let given = try fields.record(adding: TransferCommand.self)
            let (transfer, name) = try target.write(context) { s, id, today in
                let transfer = given.from.isEmpty ? try s.people.transfer(of: id, to: given.to, on: given.date) : given
                try s.people.addTransfer(transfer, to: id, today: today)
                return transfer
            }
            try Render.added(transfer, target.output, "已登记\(name)转岗：\(transfer.from) → \(transfer.to)（\(transfer.date)）")
        }
    }
}

struct AssessmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assessment", abstract: "年度考核", subcommands: [Add.self, ListRecords<Self>.self, UpdateRecord<Self>.self, RemoveRecord<Self>.self])

    struct Add: WriteCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "登记年度考核结果（每人每年一条）",
                                                        usage: AnnualAssessment.addUsage(AssessmentCommand.self))

        @OptionGroup var target: RecordTarget
        var store: StoreOptions { target.store }
        @OptionGroup var fields: AssessmentFields

        func run() throws {
            let assessment = try fields.record(adding: AssessmentCommand.self)
            let (_, name) = try target.write(context) { s, id, today in
                try s.people.addAssessment(assessment, to: id, today: today)
            }
            try Render.added(assessment, target.output, "已登记\(name)\(assessment.year)年度考核：\(assessment.result.chinese)")
        }
    }
}

struct EducationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "education", abstract: "学历", subcommands: [Add.self, ListRecords<Self>.self, UpdateRecord<Self>.self, RemoveRecord<Self>.self])

    struct Add: WriteCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "登记学历",
                                                        usage: Education.addUsage(EducationCommand.self))

        @OptionGroup var target: RecordTarget
        var store: StoreOptions { target.store }
        @OptionGroup var fields: EducationFields

        func run() throws {
            let education = try fields.record(adding: EducationCommand.self)
            let (_, name) = try target.write(context) { s, id, today in
                try s.people.addEducation(education, to: id, today: today)
            }
            try Render.added(education, target.output, "已登记\(name)的学历：\(education.level.chinese)（\(education.graduated)毕业）")
        }
    }
}

struct AwardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "award", abstract: "奖励（含立功、优秀士兵等军队奖励）", subcommands: [Add.self, ListRecords<Self>.self, UpdateRecord<Self>.self, RemoveRecord<Self>.self])

    struct Add: WriteCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "登记奖励",
                                                        usage: Award.addUsage(AwardCommand.self))

        @OptionGroup var target: RecordTarget
        var store: StoreOptions { target.store }
        @OptionGroup var fields: AwardFields

        func run() throws {
            let award = try fields.record(adding: AwardCommand.self)
            let (_, person) = try target.write(context) { s, id, today in
                try s.people.addAward(award, to: id, today: today)
            }
            try Render.added(award, target.output, "已登记\(person)的奖励：\(award.name)（\(award.date)）")
        }
    }
}

struct TrainingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "training", abstract: "继续教育证书", subcommands: [Add.self, ListRecords<Self>.self, UpdateRecord<Self>.self, RemoveRecord<Self>.self])

    struct Add: WriteCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "登记继续教育证书或培训合格证明",
                                                        usage: Training.addUsage(TrainingCommand.self))

        @OptionGroup var target: RecordTarget
        var store: StoreOptions { target.store }
        @OptionGroup var fields: TrainingFields

        func run() throws {
            let training = try fields.record(adding: TrainingCommand.self)
            let (_, person) = try target.write(context) { s, id, today in
                try s.people.addTraining(training, to: id, today: today)
            }
            try Render.added(training, target.output, "已登记\(person)的继续教育：\(training.name)（\(training.date)）")
        }
    }
}

