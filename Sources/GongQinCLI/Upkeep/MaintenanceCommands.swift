import ArgumentParser
import Foundation
import GongQinCore
import GongQinStore

// `revert SEQ`, `status`, `unit update|remove` and `trade remove`.

/// `gongqin revert SEQ`: undoes one change-log entry as a new, logged change (R1).
struct RevertCommand: WriteCommand {
    static let configuration = CommandConfiguration(
        commandName: "revert", abstract: "撤销变更日志中的一条变更（写入其反向变更，并记入日志）",
        discussion: """
            序号见 gongqin log 的“序号”列。撤销本身也是一次变更，记入日志，可再撤销。
            同一条记录在此之后又有改动时不能直接撤销：须先撤销后来的改动（R1）。
            撤销须符合各项规则：在办申报所依据的记录不能因撤销而失效（R1），破格条件每类只能使用一次（X1）。
            申报、申报记录的破格使用、年度政策和设置不能撤销，请用各自的命令。
            """)

    @Argument(help: ArgumentHelp("变更日志序号", valueName: "SEQ")) var seq: Int64
    @OptionGroup var store: StoreOptions

    func run() throws {
        let today = Environment.today
        let reverted = try context.openExisting().write { s in try s.revert(seq, today: today) }
        let what = "\(Self.ops[reverted.op] ?? reverted.op)\(StoredNames.table(reverted.table) ?? reverted.table)"
        let entries = reverted.newEntries.map { $0.count == 1 ? "序号\($0.lowerBound)" : "序号\($0.lowerBound)–\($0.upperBound)" }
        Console.out("已撤销序号\(reverted.seq)（\(what)）" + (entries.map { "，反向变更记为\($0)" } ?? ""))
    }

    static let ops = ["insert": "新增", "update": "修改", "delete": "删除"]
}

/// `gongqin status`: where the database is and what it holds.
struct StatusCommand: ReadCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "数据库概况：路径、结构版本、人数、日志头、文件权限")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let status = try context.database().status()
        switch output.format {
        case .json:
            var status = status
            status.lastChange = status.lastChange.map(Times.iso)
            try Render.json(status)
        case .csv:
            Console.out(Render.csvLine(["path", "schemaVersion", "people", "units", "records", "entries", "hash", "mode", "lastChange"]))
            Console.out(Render.csvLine([status.path, status.schemaVersion, String(status.people), String(status.units),
                                        String(status.records), String(status.head.entries), status.head.hash, status.mode,
                                        status.lastChange.map(Times.iso) ?? ""]))
        case .table:
            Console.out(Render.fields([
                ("数据库", status.path),
                ("结构版本", status.schemaVersion),
                ("人员", "\(status.people)人"),
                ("单位", "\(status.units)个"),
                ("记录", "\(status.records)条（证书、转岗、考核、学历、奖励、继续教育、工作经历、破格使用、申报）"),
                ("日志头", "\(status.head.entries):\(status.head.hash)"),
                ("文件权限", status.mode + (status.mode == "0600" ? "" : "（建议 0600：库中有身份证号）")),
                ("最后变更", status.lastChange.map(Times.table) ?? "无"),
                ("印章", status.seal.map { seal in
                    "盖于第\(seal.head.seq)条，指纹\(seal.fingerprint)" + (seal.unsealedAfter > 0 ? "；此后\(seal.unsealedAfter)条未盖章" : "")
                } ?? "未盖印章（gongqin seal init 建立本单位印章后，每次写入都盖章）"),
            ]))
        }
    }
}

extension UnitCommand {
    struct Update: WriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "update", abstract: "修改用人单位的名称、主管部门或辖市区",
            discussion: "只改所给的项；--department '' 或 --district '' 清空该项。")

        @Argument(help: "单位名称") var name: String
        @Option(name: .customLong("name"), help: "新名称") var newName: String?
        @OptionGroup var fields: UnitCommand.Fields
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let (before, after) = try context.openExisting().write { s in
                try s.catalog.updateUnit(named: name) { unit in
                    if let newName { unit.name = newName }
                    if let department = fields.department { unit.department = department }
                    if let district = fields.district { unit.district = district }
                }
            }
            if before == after, output.format == .table {
                Console.out("无变化：单位“\(before.name)”已是所给的值")
                return
            }
            try Render.added(UnitLine(UnitSummary(unit: after, persons: 0)), output,
                             "已修改单位：\(Corrections.differences(UnitLine(UnitSummary(unit: before, persons: 0)), UnitLine(UnitSummary(unit: after, persons: 0))))")
        }
    }

    struct Remove: WriteCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "删除用人单位（还有人员的单位不能删除）")

        @Argument(help: "单位名称") var name: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let unit = try context.openExisting().write { s in try s.catalog.removeUnit(named: name) }
            try Render.added(UnitLine(UnitSummary(unit: unit, persons: 0)), output, "已删除单位：\(unit.name)")
        }
    }
}

extension TradeCommand {
    struct Remove: WriteCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "删除自行添加且无人使用的工种")

        @Argument(help: "工种名称") var name: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            let trade = try context.openExisting().write { s in try s.catalog.removeTrade(named: name) }
            Console.out("已删除工种：\(trade.name)")
        }
    }
}
