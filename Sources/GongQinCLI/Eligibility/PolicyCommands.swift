import ArgumentParser
import Foundation
import GongQinCore
import GongQinStore

/// `gongqin policy show|load|list`: the parameters of each cycle year (RULES §2).
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "年度政策参数（RULES §2）：查看、载入正式文件",
        subcommands: [Show.self, Load.self, List.self])

    struct Show: ReadCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "显示某年的政策参数及每个值的来源和状态",
            discussion: "状态：正式（2024年须知或已载入的正式文件）、推算（按2024年须知的年份差推算）、假定值（须知未载明）。")

        @Argument(help: "年度") var year: Int
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let year = try Parse.year(self.year, "年度")
            let policy = try context.database().read { s in try s.policies.policy(year: year) }
            switch output.format {
            case .json: try Render.json(policy)
            case .csv, .table:
                if output.format == .table { Console.out("\(year)年政策：\(policy.origin)") }
                try Render.list(policy.parameters.map(ParameterLine.init), output, empty: "")
            }
        }
    }

    struct Load: WriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "load",
            abstract: "载入某年的正式政策文件（JSON，格式与 policy show --format json 的输出相同）",
            discussion: "文件须给出 RULES §2 的全部参数，每个值带 value、status、source；可先用 gongqin policy show 2024 --format json 输出一份再修改。缺项或前后矛盾时拒绝载入并逐条说明。同一年度再次载入会替换之前的版本，并记入变更日志。")

        @Argument(help: "JSON 文件", completion: .file(extensions: ["json"])) var file: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            // Never read a FIFO (it blocks), a device (it never ends) or a file far over the
            // cap (README, “Hostile text and outputs”).
            let data = try InputFile.contents(file, file: .policyFile, limit: JSONLimits.maximumBytes,
                                              hint: "政策文件只需 RULES §2 的参数，请核对是否选错了文件")
            let today = Environment.today
            let (document, replaced) = try context.open().write { s in
                let codes = Set(try s.catalog.conditions().map(\.code))
                let document = try Policies.document(from: data, conditions: codes)
                return (document, try s.policies.load(document, today: today))
            }
            Console.out("已载入\(document.year)年正式政策：\(document.origin)" + (replaced ? "（替换了之前载入的版本）" : ""))
        }
    }

    struct List: ReadCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出已载入正式政策的年度")

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let years = try context.database().read { s in try s.policies.loadedYears() }
            try Render.list(years.map { LoadedPolicyLine(year: $0.year, source: $0.source, loadedOn: $0.loadedOn) }, output,
                            empty: "尚未载入正式政策：2024年按须知，其他年度按2024年须知推算")
        }
    }
}

struct ParameterLine: Listable {
    var key: String
    var name: String
    var value: String
    var status: ValueStatus
    var source: String

    init(_ p: (key: String, name: String, value: PolicyValue, status: ValueStatus, source: String)) {
        key = p.key
        name = p.name
        value = p.value.chinese
        status = p.status
        source = p.source
    }

    static let columns: [(key: String, title: String)] = [
        ("key", "参数"), ("name", "含义"), ("value", "取值"), ("status", "状态"), ("source", "来源"),
    ]

    func cells(_ output: OutputOptions) -> [String] {
        [key, name, value, output.format == .table ? status.chinese : status.code, source]
    }
}

struct LoadedPolicyLine: Listable {
    var year: Int
    var source: String
    var loadedOn: Day

    static let columns: [(key: String, title: String)] = [("year", "年度"), ("source", "文件"), ("loadedOn", "载入日期")]
    func cells(_ output: OutputOptions) -> [String] { [String(year), source, loadedOn.description] }
}
