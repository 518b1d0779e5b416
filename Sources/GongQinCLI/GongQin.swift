import ArgumentParser
import GongQinCore
import GongQinStore

/// `gongqin`: the root command.
struct GongQin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongqin",
        abstract: "常州市机关事业单位工勤技能岗位技术等级考评记录管理",
        discussion: """
            登记人员、证书、转岗、年度考核、学历、奖励、军旅经历和历次破格使用，
            并按《申报须知》判断谁可在下一周期申报、走哪个模块、依据哪一条。
            数据库默认位于 ~/.local/share/gongqin/gongqin.sqlite，可用 --db 或 GONGQIN_DB 指定。
            """,
        version: "0.1.0",
        groupedSubcommands: [
            CommandGroup(name: "记录 records", subcommands: [
                UnitCommand.self, TradeCommand.self, PersonCommand.self, CertCommand.self, TransferCommand.self,
                AssessmentCommand.self, EducationCommand.self, AwardCommand.self, TrainingCommand.self, JobCommand.self,
            ]),
            CommandGroup(name: "申报资格 eligibility", subcommands: [
                EligibleCommand.self, ExplainCommand.self, SeniorityCommand.self, PolicyCommand.self, MaterialsCommand.self, FormCommand.self,
                ForecastCommand.self, ReportCommand.self,
            ]),
            CommandGroup(name: "申报与破格台账 ledger", subcommands: [
                ApplyCommand.self, ApplicationCommand.self, ExceptionalCommand.self, AuditCommand.self, LogCommand.self,
                RevertCommand.self,
            ]),
            CommandGroup(name: "文件 files", subcommands: [
                ImportCommand.self, ExportCommand.self, BundleCommand.self, MergeCommand.self, BackupCommand.self,
                RestoreCommand.self,
            ]),
            CommandGroup(name: "维护 upkeep", subcommands: [
                InitCommand.self, StatusCommand.self, CheckCommand.self, SealCommand.self, DemoCommand.self,
            ]),
        ]
    )
}

/// `gongqin init`: creates the database, or brings it up to date.
struct InitCommand: WriteCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "创建数据库，或把旧版本数据库升级到当前结构")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let database = try context.open()
        let applied = try database.appliedMigrations()
        Console.out("数据库：\(database.path)")
        Console.out("结构版本：\(applied.last ?? "无")（共\(applied.count)个迁移）")
    }
}
