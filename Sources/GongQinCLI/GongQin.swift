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
        subcommands: [
            Init.self,
            UnitCommand.self,
            TradeCommand.self,
            PersonCommand.self,
            CertCommand.self,
            TransferCommand.self,
            AssessmentCommand.self,
            EducationCommand.self,
            AwardCommand.self,
            TrainingCommand.self,
            JobCommand.self,
            ExceptionalCommand.self,
            Eligible.self,
            ForecastCommand.self,
            ReportCommand.self,
            Explain.self,
            SeniorityCommand.self,
            MaterialsCommand.self,
            FormCommand.self,
            PolicyCommand.self,
            Apply.self,
            ApplicationCommand.self,
            AuditCommand.self,
            LogCommand.self,
            CheckCommand.self,
            ImportCommand.self,
            ExportCommand.self,
            BackupCommand.self,
            RestoreCommand.self,
            Demo.self,
        ]
    )
}

/// `gongqin init`: creates the database, or brings it up to date.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "创建数据库，或把旧版本数据库升级到当前结构")

    @OptionGroup var store: StoreOptions

    func run() throws {
        let database = try store.open()
        let applied = try database.appliedMigrations()
        Console.out("数据库：\(database.path)")
        Console.out("结构版本：\(applied.last ?? "无")（共\(applied.count)个迁移）")
    }
}
