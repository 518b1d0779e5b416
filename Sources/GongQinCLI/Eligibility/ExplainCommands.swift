import ArgumentParser
import GongQinCore
import GongQinStore

/// `gongqin explain ID --cycle YEAR`: every grade and module considered, check by check.
struct ExplainCommand: ReadCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "逐条说明某人某一周期各等级、各模块能否申报及依据",
        discussion: "每条检查列出规则编号、须知条款和结论；不能申报的选项给出最早可申报的周期（只随时间推移、记录不变时）。")

    @Argument(help: StoreOptions.personHelp) var id: String
    @Option(help: CycleChoice.help) var cycle: CycleChoice
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let id = try store.person(self.id)
        let today = Environment.today
        let (evaluation, policy) = try context.database().read { s in
            let engine = try s.engine(today: today)
            let year = cycle.resolve(engine, asOf: today)
            return (engine.evaluate(try s.people.record(id), cycle: year), engine.policy(year))
        }
        switch output.format {
        case .json: try Render.json(ExplainView(evaluation))
        case .csv:
            Console.out(Render.csvLine(["grade", "module", "trade", "open", "certificateYear", "earliestCycle", "rule", "clause", "verdict", "detail"]))
            for option in evaluation.options {
                for check in option.checks {
                    Console.out(Render.csvLine([option.grade.code, option.module.code, option.trade, String(option.open),
                                                String(option.certificateYear), option.earliestCycle.map(String.init) ?? "",
                                                check.rule.rawValue, check.clause, check.verdict.rawValue, check.detail]))
                }
            }
        case .table: Console.out(Explanation.text(evaluation, policy: policy, output: output))
        }
    }
}

/// The text of an explanation, for the clerk.
enum Explanation {
    static func text(_ evaluation: Evaluation, policy: Policy, output: OutputOptions) -> String {
        let p = evaluation.record.person
        var lines = ["\(p.name)（\(output.show(p.idNumber))）\(p.unit) · \(p.trade) · \(evaluation.cycle)年申报周期",
                     "政策：\(policy.origin)"]
        for note in evaluation.chineseNotes { lines.append("注：\(note)") }
        if evaluation.options.isEmpty { lines.append("没有可考虑的等级。") }
        for option in evaluation.options {
            lines.append("")
            lines.append(heading(option))
            for check in option.checks { lines.append("  " + check.line) }
        }
        let closed = evaluation.options.filter { !$0.open }
        if !closed.isEmpty {
            lines.append("")
            lines.append("最早可申报的周期（记录不变、只随时间推移）：")
            for option in closed {
                var when = option.earliestCycle.map { "\($0)年" } ?? "\(Engine.horizon)年内不会仅因时间推移而符合"
                let alternatives = evaluation.options.filter { $0.open && $0.grade == option.grade && $0.trade == option.trade }
                if option.earliestCycle == nil, let open = alternatives.first {
                    when = "本周期已可按\(open.module.chinese)申报，无需此模块"
                }
                lines.append("  \(name(option))：\(when)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func name(_ option: OptionDecision) -> String {
        "\(option.trade)\(option.grade.chinese)·\(option.module.chinese)"
    }

    static func heading(_ option: OptionDecision) -> String {
        guard option.open else { return "▶ \(name(option))：不可申报" }
        var text = "▶ \(name(option))：可申报，\(option.certificateYear)年取证"
        if !option.conditions.isEmpty { text += "，使用破格条件 \(option.conditions.map(Labels.condition).joined(separator: "、"))" }
        return text
    }
}

/// `explain --format json`: the keys of CLI.md, and a few more. Each option is the
/// engine's `OptionDecision` as it encodes itself, with its warnings worded beside.
struct ExplainView: Encodable {
    var idNumber: IDNumber
    var name: String
    var cycle: Int
    var notes: [String]
    var options: [Option]

    init(_ e: Evaluation) {
        idNumber = e.record.person.idNumber
        name = e.record.person.name
        cycle = e.cycle
        notes = e.chineseNotes
        options = e.options.map(Option.init)
    }

    struct Option: Encodable {
        var decision: OptionDecision

        enum CodingKeys: String, CodingKey { case warnings }

        func encode(to encoder: any Encoder) throws {
            try decision.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(decision.warnings, forKey: .warnings)
        }
    }
}

/// `gongqin seniority ID`: the grade seniority of each grade held, through transfers (T1).
struct SeniorityCommand: ReadCommand {
    static let configuration = CommandConfiguration(
        commandName: "seniority",
        abstract: "显示各等级的等级年限起算日（转岗人员按原工种证书起算，T1）")

    @Argument(help: StoreOptions.personHelp) var id: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let id = try store.person(self.id)
        let record = try context.database().read { s in try s.people.record(id) }
        let chain = record.chain
        let lines = record.seniority(chain).map(SeniorityLine.init)
        if output.format == .table {
            Console.out("\(record.person.name)（\(output.show(id))）现工种：\(chain.current)；转岗链：\(chain.trades.joined(separator: " ← "))（\(RuleID.T1.citation)）")
            let outside = record.certificates.filter { !chain.contains($0.trade) }
            for certificate in outside {
                Console.out("注：\(certificate.trade)\(certificate.grade.chinese)证书不在现工种的转岗链中，不计入等级年限")
            }
        }
        try Render.list(lines, output, empty: "现工种转岗链中没有等级证书")
    }
}

/// One grade's seniority; the JSON keys are the contract's.
struct SeniorityLine: Listable {
    struct CertificateRef: Encodable {
        var trade: String
        var grade: Grade
        var issued: Day
        var number: String?
    }

    var grade: Grade
    var trade: String
    var since: Day
    var certificate: CertificateRef
    var transfers: [Transfer]

    init(_ s: Seniority) {
        grade = s.grade
        trade = s.trade
        since = s.since
        certificate = CertificateRef(trade: s.certificate.trade, grade: s.certificate.grade, issued: s.certificate.issued,
                                     number: s.certificate.number)
        transfers = s.transfers
    }

    static let columns: [(key: String, title: String)] = [
        ("grade", "等级"), ("trade", "现工种"), ("since", "年限起算"), ("certificate", "依据证书"), ("transfers", "经由转岗"),
    ]

    func cells(_ output: OutputOptions) -> [String] {
        let table = output.format == .table
        let cert = "\(certificate.trade)\(certificate.grade.chinese) \(certificate.issued)" + (certificate.number.map { " \($0)" } ?? "")
        let path = transfers.map { "\($0.date) \($0.from)→\($0.to)" }.joined(separator: table ? "，" : ";")
        return [table ? grade.chinese : grade.code, trade, since.description, cert, path]
    }
}
