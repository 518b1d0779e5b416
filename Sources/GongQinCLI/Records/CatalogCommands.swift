import ArgumentParser
import GongQinCore
import GongQinStore

// `unit` and `trade`: the units and the trade catalogue.

struct UnitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unit", abstract: "用人单位", subcommands: [Add.self, List.self, Update.self, Remove.self])

    /// The flags of a unit's fields but its name, shared by add and update: named and
    /// helped as the unit's spec (`RecordSpecs.unit`) names and labels them.
    struct Fields: ParsableArguments {
        @Option(help: Unit.flagHelp("department")) var department: String?
        @Option(help: Unit.flagHelp("district")) var district: String?
    }

    struct Add: WriteCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "添加用人单位")

        @Argument(help: "单位名称，如“常州市某某局”") var name: String
        @OptionGroup var fields: Fields
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let unit = try context.open().write { s in
                try s.catalog.addUnit(Unit(name: name, department: Parse.text(fields.department), district: Parse.text(fields.district)))
            }
            try Render.added(UnitLine(UnitSummary(unit: unit, persons: 0)), output, "已添加单位：\(unit.name)")
        }
    }

    struct List: ReadCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出用人单位")

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let units = try context.database().read { s in try s.catalog.units() }
            try Render.list(units.map(UnitLine.init), output, empty: "尚无单位。用 unit add 添加，用法见：gongqin unit add --help")
        }
    }
}

/// A unit as `unit list` shows it: the `Unit` as it encodes itself, with how many people belong to it.
struct UnitLine: Listable {
    var unit: Unit
    var persons: Int

    init(_ summary: UnitSummary) {
        unit = summary.unit
        persons = summary.persons
    }

    private enum Key: String, CodingKey { case persons }

    func encode(to encoder: any Encoder) throws {
        try unit.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(persons, forKey: .persons)
    }

    /// The unit's fields under their spec's labels (单位, 主管部门, 辖市区), then 人数.
    static let columns: [(key: String, title: String)] = RecordSpecs.unit.fields.map { ($0.name, $0.label) } + [("persons", "人数")]
    func cells(_ output: OutputOptions) -> [String] { [unit.name, unit.department.cell, unit.district.cell, String(persons)] }
}

struct TradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trade", abstract: "工种目录", subcommands: [Add.self, Update.self, List.self, Remove.self])

    /// The flags of a trade, shared by add and update.
    struct Flags: ParsableArguments {
        @Option(name: .customLong("max-grade"), help: "该工种可申报的最高等级（默认高级工）") var maxGrade: Grade?
        @Option(help: "工种类别，如“机电类”") var category: String?
        @Flag(inversion: .prefixedNo, help: "驾驶类工种（汽车驾驶与管理，材料另需驾驶证等）") var driver: Bool?
        @Flag(inversion: .prefixedNo, help: "收银审核类工种（高级技师另需财务工作证明）") var cashier: Bool?
        @Flag(inversion: .prefixedNo, help: "须持证上岗的工种（材料另需上岗证）") var licensed: Bool?

        func apply(to trade: inout Trade) {
            if let maxGrade { trade.maxGrade = maxGrade }
            if let category { trade.category = Parse.text(category) }
            if let driver { trade.driver = driver }
            if let cashier { trade.cashier = cashier }
            if let licensed { trade.licensed = licensed }
        }
    }

    struct Add: WriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "添加工种",
            discussion: "目录外的等级工工种由用户添加，默认最高可申报高级工（RULES §10）。")

        @Argument(help: "工种名称") var name: String
        @OptionGroup var flags: Flags
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            var trade = Trade(name: name)
            flags.apply(to: &trade)
            let added = try context.open().write { s in try s.catalog.addTrade(trade) }
            try Render.added(added, output, "已添加工种：\(added.name)（最高\(added.maxGrade.chinese)）")
        }
    }

    struct Update: WriteCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "修改工种的最高等级或标记")

        @Argument(help: "工种名称") var name: String
        @OptionGroup var flags: Flags
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let updated = try context.open().write { s in
                var trade = try s.catalog.trade(named: name)
                flags.apply(to: &trade)
                try s.catalog.updateTrade(trade)
                return trade
            }
            try Render.added(updated, output, "已修改工种：\(updated.name)")
        }
    }

    struct List: ReadCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出工种目录")

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let trades = try context.database().read { s in try s.catalog.trades() }
            try Render.list(trades, output, empty: "工种目录为空")
        }
    }
}

extension Trade: Listable {
    static let columns: [(key: String, title: String)] = [("name", "工种"), ("category", "类别"), ("maxGrade", "最高等级"), ("driver", "驾驶"),
                          ("cashier", "收银"), ("licensed", "持证上岗"), ("builtin", "目录内置")]

    func cells(_ output: OutputOptions) -> [String] {
        let flag: (Bool) -> String = { output.format == .table ? ($0 ? "是" : "") : String($0) }
        return [name, category.cell, output.format == .table ? maxGrade.chinese : maxGrade.code,
                flag(driver), flag(cashier), flag(licensed), flag(builtin)]
    }
}

extension Render {
    /// The confirmation of an added or changed record: a Chinese line, or the record.
    static func added<T: Listable>(_ item: T, _ output: OutputOptions, _ line: String) throws {
        switch output.format {
        case .table: Console.out(line)
        case .json: try json(item)
        case .csv: try list([item], output, empty: "")
        }
    }
}
