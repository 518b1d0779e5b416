import ArgumentParser
import Foundation
import GongQinCore
import GongQinStore
import Mustache

/// `gongqin report`: one self-contained HTML page for a department head: the cycle's open
/// options with their checks, the warnings, the 破格 audit and the forecast as a chart.
struct ReportCommand: ReadCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "生成某一周期的申报报告（单个 HTML 文件，可离线打开、打印）",
        discussion: """
            报告含：范围、日期、政策依据（正式、推算或假定）、变更日志最新一条；按等级和模块的汇总；
            每个可申报选项及其逐条依据（点开查看）；提示；范围内的破格审计发现；今后各周期的申报预测图（FC1）。
            页面不引用任何网络资源，样式和图表都在文件内，可按 A4 横向打印。身份证号默认隐藏中间8位，--reveal 显示完整号码。
            """)

    @Option(help: CycleChoice.help) var cycle: CycleChoice
    @OptionGroup var scope: ScopeOptions
    @Option(help: ArgumentHelp("报告文件（.html）", valueName: "file.html"), completion: .file(extensions: ["html", "htm"])) var output: String
    @Option(help: ArgumentHelp("预测的申报周期个数（1–20）", valueName: "n")) var cycles = 5
    @Option(name: .customLong("as-of"), help: ArgumentHelp("把今天当作此日期", valueName: "date"), transform: Parse.asOf) var asOf: Day?
    @Flag(help: "显示完整身份证号（默认隐藏中间8位）") var reveal = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        guard (1...20).contains(cycles) else {
            throw GongQinError.usage("--cycles 须在1到20之间，收到\(cycles)", hint: "例如 --cycles 5")
        }
        let lower = output.lowercased()
        guard lower.hasSuffix(".html") || lower.hasSuffix(".htm") else {
            throw GongQinError.usage("报告文件须以 .html 结尾：“\(output)”", hint: "例如 --output 报告.html")
        }
        let today = asOf ?? Environment.today
        let filter = try scope.filter()
        let page = try context.database().read { s in
            try ReportPage.gather(s, filter: filter, scopeLabel: scope.label, cycle: cycle, today: today,
                                  forecastCycles: cycles, reveal: reveal)
        }
        let file = try OutputFile(path: output)
        file.write(try ReportPage.render(page))
        try file.commit()
        Console.out("报告已写入：\(output)（\(page.cycle)年，\(page.scope)，\(page.summaryTotal.people)人、\(page.summaryTotal.options)个可申报选项）")
    }
}

/// What the report's template shows: every text as it appears on the page (the
/// template escapes it), and the chart's geometry worked out here, as numbers.
struct ReportPage {
    var title: String
    var scope: String
    var today: String
    var cycle: Int
    var policyOrigin: String
    var policyStatus: String
    var policyStatusCode: String
    var policyNotes: [String]
    var hasPolicyNotes: Bool
    var logHead: String
    var summary: [SummaryRow]
    var summaryTotal: SummaryRow
    var options: [OptionView]
    var warnings: [String]
    var findings: [FindingView]
    /// `X5，须知·四·8`, beside the findings' heading.
    var auditCitation = RuleID.X5.citation
    // Stored, not computed: the template sees stored properties only.
    var hasOptions: Bool
    var hasWarnings: Bool
    var hasFindings: Bool
    var chart: Chart
    var forecastRows: [ForecastRowView]
    var assumptions: [String]
    var idNote: String

    struct SummaryRow {
        var grade: String
        var module: String
        var gradeCode = ""
        var moduleCode = ""
        var people: Int
        var options: Int
    }

    struct OptionView {
        var name: String
        var idNumber: String
        var unit: String
        var trade: String
        var grade: String
        var module: String
        var gradeCode: String
        var moduleCode: String
        var certificateYear: Int
        var conditions: String
        var hasConditions: Bool
        var rules: String
        var checkCount: Int
        var checks: [CheckView]
    }

    struct CheckView {
        var rule: String
        var clause: String
        var verdict: String
        var verdictCode: String
        var detail: String
        var record: String
        var status: String
    }

    struct FindingView {
        var kind: String
        var kindCode: String
        var idNumber: String
        var name: String
        var detail: String
    }

    struct ForecastRowView {
        var cycle: Int
        var grade: String
        var module: String
        var open: Int
        var new: Int
        var assumed: Int
        var status: String
    }

    /// Reads the people `filter` covers once: their open options in `cycle` (as
    /// `eligible` judges them), their audit findings, and the forecast (as `forecast`).
    static func gather(_ s: Session, filter: People.Filter, scopeLabel: String, cycle choice: CycleChoice, today: Day,
                       forecastCycles: Int, reveal: Bool) throws -> ReportPage {
        let engine = try s.engine(today: today)
        try s.people.check(filter)
        let cycle = choice.resolve(engine, asOf: today)
        let policy = engine.policy(cycle)
        let catalogue = try s.catalog.conditions()
        let show: (IDNumber) -> String = { reveal ? $0.text : $0.masked }
        var forecast = Forecast(engine: engine, today: today, count: forecastCycles)
        var options: [OptionView] = []
        var counts: [Grade: [Module: Int]] = [:]
        var people = Set<IDNumber>()
        var warnings: [String] = []
        var valueNotes: [String] = []
        var findings: [FindingView] = []
        try s.people.forEachRecord(filter) { batch in
            for (record, open) in zip(batch, engine.eligibleOptions(batch, cycle: cycle)) {
                let p = record.person
                for option in open {
                    counts[option.grade, default: [:]][option.module, default: 0] += 1
                    people.insert(p.idNumber)
                    options.append(OptionView(record, option, show: show, catalogue: catalogue))
                    for warning in option.personalWarnings {
                        warnings.append("\(p.name)（\(show(p.idNumber))，\(option.grade.chinese)·\(option.module.short)）：\(warning)")
                    }
                    for note in option.valueNotes where !valueNotes.contains(note) { valueNotes.append(note) }
                }
                findings += Audit.findings(record, catalogue: catalogue).map {
                    FindingView(kind: $0.kind.chinese, kindCode: $0.kind.rawValue, idNumber: show($0.idNumber), name: $0.name,
                                detail: $0.detail)
                }
                forecast.add(record, engine: engine)
            }
        }
        // A category used in two units, kept in view by a merge (R3).
        findings += try s.ledger.secondUses(filter).map { use in
            FindingView(kind: Audit.Kind.categoryUsedTwice.chinese, kindCode: Audit.Kind.categoryUsedTwice.rawValue,
                        idNumber: show(use.idNumber), name: use.name,
                        detail: AuditCommand.detail(name: use.name, category: use.category, first: use.first, second: use.second))
        }
        var summary: [SummaryRow] = []
        for grade in Grade.allCases {
            for module in Module.allCases {
                if let n = counts[grade]?[module] {
                    summary.append(SummaryRow(grade: grade.chinese, module: module.chinese, gradeCode: grade.code, moduleCode: module.code,
                                              people: n, options: n))
                }
            }
        }
        // The year's policy is official (loaded, or the 2024 notice) or provisional
        // (derived); values the notice leaves open are assumed even in an official year.
        let status = policy.levelDeadline.status
        let assumed = policy.parameters.filter { $0.status == .assumed }.count
        let head = try s.log.head()
        return ReportPage(
            title: "\(cycle)年工勤技能岗位技术等级申报报告",
            scope: scopeLabel,
            today: today.description,
            cycle: cycle,
            policyOrigin: policy.origin + (assumed == 0 ? "" : "；另有\(assumed)项为假定值（须知未载明，RULES X3）"),
            policyStatus: ReportPage.statusText(status),
            policyStatusCode: status.code,
            policyNotes: policy.notes(asOf: today).map(\.chinese) + valueNotes,
            hasPolicyNotes: !(policy.notes(asOf: today).map(\.chinese) + valueNotes).isEmpty,
            logHead: head.map { "第\($0.seq)条，\(Times.table($0.at))，\($0.actor)，哈希 \($0.hash.prefix(16))…" } ?? "变更日志为空",
            summary: summary,
            summaryTotal: SummaryRow(grade: "合计", module: "", people: people.count, options: options.count),
            options: options,
            warnings: warnings,
            findings: findings,
            hasOptions: !options.isEmpty,
            hasWarnings: !warnings.isEmpty,
            hasFindings: !findings.isEmpty,
            chart: Chart(forecast),
            forecastRows: forecast.rows.map {
                ForecastRowView(cycle: $0.cycle, grade: $0.grade.chinese, module: $0.module.chinese, open: $0.open.count,
                                new: $0.new, assumed: $0.assumedAssessments, status: $0.policyStatus.chinese)
            },
            assumptions: Forecast.assumptions,
            idNote: reveal ? "身份证号完整显示（--reveal），请妥善保管本文件" : "身份证号已隐藏中间8位")
    }

    static func statusText(_ status: ValueStatus) -> String {
        switch status {
        case .official: "正式"
        case .provisional: "推算"
        case .assumed: "假定"
        }
    }

    /// The template, embedded in the binary.
    /// The template's escaping (its `CONTENT_TYPE` pragma): the text made visible
    /// (`TextSafety.visible`), so that a name with a direction override shows it, then
    /// escaped as XML character data is, which serves the page's text and its
    /// double-quoted attributes.
    struct VisibleHTML: MustacheContentType {
        func escapeText(_ text: String) -> String { Workbook.escape(TextSafety.visible(text)) }
    }

    static let template: MustacheTemplate = {
        MustacheContentTypes.register(VisibleHTML(), named: "VISIBLE_HTML")
        do {
            return try MustacheTemplate(string: String(decoding: PackageResources.report_mustache, as: UTF8.self))
        } catch {
            fatalError("the embedded report template does not parse: \(error)")
        }
    }()

    static func render(_ page: ReportPage) throws -> String {
        template.render(page)
    }
}

extension ReportPage.OptionView {
    init(_ record: PersonRecord, _ option: OptionDecision, show: (IDNumber) -> String, catalogue: [ExceptionalCondition]) {
        let p = record.person
        name = p.name
        idNumber = show(p.idNumber)
        unit = p.unit
        trade = option.trade
        grade = option.grade.chinese
        module = option.module.chinese
        gradeCode = option.grade.code
        moduleCode = option.module.code
        certificateYear = option.certificateYear
        conditions = option.conditions.map { code in catalogue.first { $0.code == code }?.name ?? code }.joined(separator: "、")
        hasConditions = !option.conditions.isEmpty
        rules = option.passedRules.map(\.rawValue).joined(separator: " ")
        checks = option.checks.map {
            ReportPage.CheckView(rule: $0.rule.rawValue, clause: $0.clause, verdict: $0.verdict.chinese, verdictCode: $0.verdict.rawValue,
                                 detail: $0.detail, record: $0.record ?? "", status: $0.status.map(\.chinese) ?? "")
        }
        checkCount = checks.count
    }
}

/// The forecast as a stacked bar chart: a bar a cycle, a segment a grade, its height the
/// number of people with some option of that grade open (`Forecast.people(cycle:grade:)`).
/// Every coordinate is worked out here; the template only places them.
struct Chart {
    static let width = 760.0
    static let height = 340.0
    static let left = 56.0, right = 150.0, top = 20.0, bottom = 50.0

    struct Segment {
        var cycle: Int
        var grade: String
        var gradeCode: String
        var value: Int
        var x: String
        var y: String
        var width: String
        var height: String
        var color: String
        var labelX: String
        var labelY: String
        var showLabel: Bool
    }

    struct Bar {
        var cycle: Int
        var total: Int
        var labelX: String
        var totalY: String
        var segments: [Segment]
    }

    struct Tick {
        var value: Int
        var y: String
        var labelY: String
    }

    struct LegendItem {
        var grade: String
        var color: String
        var y: String
        var textY: String
    }

    var width = Chart.format(Chart.width)
    var height = Chart.format(Chart.height)
    var axisX1 = Chart.format(Chart.left)
    var axisX2 = Chart.format(Chart.width - Chart.right)
    var axisY = Chart.format(Chart.height - Chart.bottom)
    var axisTop = Chart.format(Chart.top)
    var xTitleX = Chart.format(Chart.left + (Chart.width - Chart.left - Chart.right) / 2)
    var xTitleY = Chart.format(Chart.height - 10)
    var yTitleY = Chart.format(Chart.top + (Chart.height - Chart.top - Chart.bottom) / 2)
    var legendX = Chart.format(Chart.width - Chart.right + 20)
    var legendTextX = Chart.format(Chart.width - Chart.right + 38)
    var xLabelY = Chart.format(Chart.height - Chart.bottom + 18)
    var bars: [Bar] = []
    var ticks: [Tick] = []
    var legend: [LegendItem] = []
    var isEmpty: Bool

    static let colors: [Grade: String] = [
        .junior: "#9ecae1", .intermediate: "#4292c6", .senior: "#08519c", .technician: "#fdae6b", .seniorTechnician: "#e6550d",
    ]

    static func format(_ v: Double) -> String { String(format: "%.1f", v) }

    init(_ forecast: Forecast) {
        let values = forecast.cycles.map { cycle in (cycle, Grade.allCases.map { (grade: $0, n: forecast.openPeople(cycle: cycle, grade: $0)) }) }
        let maxTotal = values.map { $0.1.reduce(0) { $0 + $1.n } }.max() ?? 0
        isEmpty = maxTotal == 0
        let step = Chart.tickStep(maxTotal)
        let top = max(step, Int((Double(maxTotal) / Double(step)).rounded(.up)) * step)
        let plotHeight = Chart.height - Chart.top - Chart.bottom
        let plotWidth = Chart.width - Chart.left - Chart.right
        let scale = plotHeight / Double(top)
        let slot = plotWidth / Double(max(1, values.count))
        let barWidth = min(70, slot * 0.6)
        for (i, (cycle, grades)) in values.enumerated() {
            let x = Chart.left + slot * Double(i) + (slot - barWidth) / 2
            var base = Chart.height - Chart.bottom
            var segments: [Segment] = []
            for (grade, n) in grades where n > 0 {
                let h = Double(n) * scale
                base -= h
                segments.append(Segment(cycle: cycle, grade: grade.chinese, gradeCode: grade.code, value: n, x: Chart.format(x), y: Chart.format(base),
                                        width: Chart.format(barWidth), height: Chart.format(h), color: Chart.colors[grade]!,
                                        labelX: Chart.format(x + barWidth / 2), labelY: Chart.format(base + h / 2 + 4), showLabel: h >= 14))
            }
            let total = grades.reduce(0) { $0 + $1.n }
            bars.append(Bar(cycle: cycle, total: total, labelX: Chart.format(x + barWidth / 2), totalY: Chart.format(base - 5),
                            segments: segments))
        }
        ticks = stride(from: 0, through: top, by: step).map {
            let y = Chart.height - Chart.bottom - Double($0) * scale
            return Tick(value: $0, y: Chart.format(y), labelY: Chart.format(y + 4))
        }
        let shown = Grade.allCases.filter { grade in values.contains { $0.1.contains { $0.grade == grade && $0.n > 0 } } }
        legend = shown.reversed().enumerated().map { i, grade in
            let y = Chart.top + 10 + Double(i) * 22
            return LegendItem(grade: grade.chinese, color: Chart.colors[grade]!, y: Chart.format(y), textY: Chart.format(y + 11))
        }
    }

    /// 1, 2 or 5 times a power of ten, giving at most about six ticks.
    static func tickStep(_ maximum: Int) -> Int {
        guard maximum > 5 else { return 1 }
        var power = 1
        while true {
            for m in [1, 2, 5] where maximum / (m * power) <= 6 { return m * power }
            power *= 10
        }
    }
}
