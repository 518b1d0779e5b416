import ArgumentParser
import Foundation
import GongQinCore
import GongQinStore

/// `gongqin eligible`: who may apply in a cycle, through which module, and why.
struct EligibleCommand: ReadCommand {
    static let configuration = CommandConfiguration(
        commandName: "eligible",
        abstract: "列出某一周期可申报的人员、等级和模块",
        discussion: """
            按申报须知逐条判断全部人员（或按单位、等级、人员筛选），每个可申报的等级和模块一行。
            --cycle next 指今天之后（含今天）截止的第一个等级工申报年，含当年的技师、高级技师。
            周期按其自身的截止日判断（D1）：截止日已过不影响结论，只作提示；apply 才拒绝逾期申报。
            """)

    @Option(help: CycleChoice.help) var cycle: CycleChoice
    @OptionGroup var scope: ScopeOptions
    @Option(help: "只看该等级") var grade: Grade?
    @Option(help: StoreOptions.personHelp) var person: String?
    @Option(name: .customLong("as-of"), help: ArgumentHelp("把今天当作此日期来确定 next", valueName: "date"), transform: Parse.asOf) var asOf: Day?
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var header: HeaderOptions

    func run() throws {
        try header.check(output)
        let today = asOf ?? Environment.today
        let id = try person.map(store.person)
        let database = try context.database()
        try database.read { s in
            let engine = try s.engine(today: today)
            let year = cycle.resolve(engine, asOf: today)
            let filter = try scope.filter(person: id)
            // An unknown unit, department or person is refused before the first byte of output.
            try s.people.check(filter)
            let writer = Box(EligibleWriter(output: output, chinese: header.chineseHeader, cycle: year, policy: engine.policy(year),
                                            today: today))
            writer.value.begin()
            // One thread reads the records, the others judge batches of them at once, and
            // the lines are written in the order the records were read.
            // The workers also put each line into JSON or CSV; the writer only writes them in order.
            let (output, chinese) = (self.output, header.chineseHeader)
            let pipeline = Pipeline<[PersonRecord], [(EligibleLine, String?)]>(transform: { [grade] batch in
                var lines: [(EligibleLine, String?)] = []
                // By index: a record copied out of the batch costs a retain of each of its lists.
                let decisions = engine.eligibleOptions(batch, cycle: year)
                for i in batch.indices {
                    for option in decisions[i] where grade == nil || option.grade == grade {
                        let line = EligibleLine(batch[i], option)
                        lines.append((line, line.streamed(output, chinese: chinese)))
                    }
                }
                return lines
            }, consume: { lines in
                for (line, text) in lines { writer.value.write(line, streamed: text) }
            })
            var first: IDNumber?
            do {
                defer { pipeline.finish() }
                try s.people.forEachRecord(filter) { batch in
                    if first == nil { first = batch.first?.person.idNumber }
                    pipeline.submit(batch)
                }
            }
            writer.value.end(first: first)
        }
    }
}

/// One open option, as `eligible` prints it; the JSON keys are the contract's.
struct EligibleLine: Encodable {
    var idNumber: IDNumber
    var name: String
    var unit: String
    var trade: String
    var grade: Grade
    var module: Module
    var certificateYear: Int
    var conditions: [String]
    var rules: [RuleID]
    /// The warnings about the person first, then the notes on values the cycle shares.
    var warnings: [String]
    /// How many of `warnings` are about the person.
    var personalCount: Int

    enum CodingKeys: String, CodingKey {
        case idNumber, name, unit, trade, grade, module, certificateYear, conditions, rules, warnings
    }

    init(_ record: PersonRecord, _ option: OptionDecision) {
        idNumber = record.person.idNumber
        name = record.person.name
        unit = record.person.unit
        trade = option.trade
        grade = option.grade
        module = option.module
        certificateYear = option.certificateYear
        conditions = option.conditions
        rules = option.passedRules
        let personal = option.personalWarnings
        warnings = personal + option.valueNotes
        personalCount = personal.count
    }

    /// The line as one JSON object, written by hand: `eligible` over a province writes a
    /// line for every open option, and JSONEncoder costs more than the decision. The keys
    /// are those `Encodable` gives, in the same sorted order; a test compares the two.
    var json: String {
        var out = JSON.Object()
        out.add("certificateYear", certificateYear)
        out.add("conditions", conditions)
        out.add("grade", grade.code)
        out.add("idNumber", idNumber.text)
        out.add("module", module.code)
        out.add("name", name)
        out.add("rules", rules.map(\.rawValue))
        out.add("trade", trade)
        out.add("unit", unit)
        out.add("warnings", warnings)
        return out.text
    }

    /// The line as a JSON or CSV output streams it; nil for the table, which is laid out at the end.
    func streamed(_ output: OutputOptions, chinese: Bool) -> String? {
        switch output.format {
        case .json: json
        case .csv: Render.csvLine(cells(output, labelled: chinese))
        case .table: nil
        }
    }

    static let columns: [(key: String, title: String)] = [
        ("idNumber", "身份证号"), ("name", "姓名"), ("unit", "单位"), ("trade", "工种"), ("grade", "申报等级"),
        ("module", "模块"), ("certificateYear", "取证年度"), ("conditions", "破格条件"), ("rules", "依据"), ("warnings", "提示"),
    ]

    /// The cells; `labelled`, a CSV's codes as their Chinese labels (`--chinese-header`).
    func cells(_ output: OutputOptions, labelled: Bool = false) -> [String] {
        let table = output.format == .table
        let words = table || labelled
        return [output.show(idNumber), name, unit, trade, words ? grade.chinese : grade.code,
                words ? module.chinese : module.code, String(certificateYear),
                table ? conditions.map(Labels.condition).joined(separator: "、")
                    : (labelled ? conditions.map(Labels.condition) : conditions).joined(separator: ";"),
                rules.map(\.rawValue).joined(separator: table ? " " : ";"),
                table ? personalWarnings : warnings.joined(separator: ";")]
    }

    /// The number of warnings about this person, leaving out the notes on provisional
    /// and assumed values that every line of the cycle shares.
    var personalWarnings: String {
        personalCount == 0 ? "" : "\(personalCount)条"
    }
}

/// Streams `eligible`'s output: JSON and CSV a line at a time; the table is gathered to
/// align its columns, since it is for a clerk's screen.
struct EligibleWriter {
    let output: OutputOptions
    /// `--chinese-header`: the CSV's titles and labels in Chinese.
    let chinese: Bool
    let cycle: Int
    let policy: Policy
    let today: Day
    var count = 0
    /// The people with an open option, for the table's summary line; JSON and CSV stream
    /// and keep nothing.
    var people = Set<IDNumber>()
    /// The first person with an open option, whom the table's hint names.
    var firstOpen: IDNumber?
    var rows: [[String]] = []
    /// Per-person warnings for the table, and the notes on unofficial values shared by all.
    var warnings: [String] = []
    var valueNotes: [String] = []

    mutating func begin() {
        switch output.format {
        case .json: Console.write("[")
        case .csv: Console.out(Render.csvLine(EligibleLine.columns.map { chinese ? $0.title : $0.key }))
        case .table: break
        }
    }

    /// `streamed`: the line as `EligibleLine.streamed` put it on a judging thread.
    mutating func write(_ line: EligibleLine, streamed: String?) {
        switch output.format {
        case .json:
            Console.write(count == 0 ? "\n" : ",\n")
            Console.write(streamed ?? "")
        case .csv:
            Console.out(streamed ?? "")
        case .table:
            rows.append(line.cells(output))
            for warning in line.warnings.prefix(line.personalCount) {
                warnings.append("\(line.name)（\(line.grade.chinese)·\(line.module.short)）：\(warning)")
            }
            for note in line.warnings.dropFirst(line.personalCount) where !valueNotes.contains(note) {
                valueNotes.append(note)
            }
        }
        count += 1
        if output.format == .table { people.insert(line.idNumber) }
        if firstOpen == nil { firstOpen = line.idNumber }
    }

    /// `first`: the first person read, whom the hint names when no option is open.
    mutating func end(first: IDNumber?) {
        switch output.format {
        case .json:
            Console.out(count == 0 ? "]" : "\n]")
        case .csv:
            break
        case .table:
            Console.out("\(cycle)年申报周期（\(policy.origin)）")
            for note in policy.notes(asOf: today) { Console.out("注：\(note.chinese)") }
            for note in valueNotes { Console.out("注：\(note)") }
            Console.out("")
            if rows.isEmpty {
                Console.out("没有可申报的人员。" + (first.map { "各人的原因见 explain，如：gongqin explain \(output.show($0)) --cycle \(cycle)" } ?? ""))
            } else {
                Console.out(Render.table(header: EligibleLine.columns.map(\.title), rows: rows))
            }
            Console.out("")
            Console.out("共\(people.count)人、\(count)个可申报选项。" + (firstOpen.map { "逐条依据见 explain，如：gongqin explain \(output.show($0)) --cycle \(cycle)" } ?? ""))
            if !warnings.isEmpty {
                Console.out("提示：")
                for warning in warnings.prefix(20) { Console.out("  - \(warning)") }
                if warnings.count > 20 { Console.out("  …另有\(warnings.count - 20)条提示，见 --format json") }
            }
        }
    }
}
