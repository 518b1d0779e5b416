import ArgumentParser
import Foundation
import GongQinCore
import GongQinStore

/// `gongqin forecast`: who may apply in each of the coming cycles if the records stay as
/// they are (RULES FC1).
struct ForecastCommand: ReadCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "预测今后各申报周期按等级、模块可申报的人数（FC1）",
        discussion: """
            从今天所在的等级工申报周期起，预测其后 N 个等级工申报年（默认5个；技师、高级技师也按这些年份统计），
            每年按等级和模块列出可申报人数，以及其中首次可申报的人数（此前的预测年度和当前周期都不可申报）。
            判断与 eligible --cycle 年度 完全相同，前提是（FC1）：尚未考核的年度按“合格”计；不计今后新取得的证书、
            转岗和破格使用；没有正式文件的年度按推算值判断。这些前提决定结论时，表格逐行注明。
            每人只读一次，逐年判断。
            """)

    @Option(help: ArgumentHelp("预测的申报周期个数（1–20）", valueName: "n")) var cycles = 5
    @OptionGroup var scope: ScopeOptions
    @Option(name: .customLong("as-of"), help: ArgumentHelp("把今天当作此日期", valueName: "date"), transform: Parse.asOf) var asOf: Day?
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var header: HeaderOptions

    func run() throws {
        try header.check(output)
        guard (1...20).contains(cycles) else {
            throw GongQinError.usage("--cycles 须在1到20之间，收到\(cycles)", hint: "例如 --cycles 5")
        }
        let today = asOf ?? Environment.today
        let filter = try scope.filter()
        let forecast = try context.database().read { s in
            try ForecastCommand.forecast(s, filter: filter, today: today, count: cycles)
        }
        switch output.format {
        case .json: ForecastCommand.writeJSON(forecast)
        case .csv:
            // One line per person and option of a forecast year: who, not only how many.
            let words = header.chineseHeader
            Console.out(Render.csvLine(header.header(Self.csvColumns)))
            for row in forecast.rows {
                for place in row.open {
                    let named = forecast.person(place)
                    Console.out(Render.csvLine([String(row.cycle), named.idNumber.text, named.name, named.unit,
                                                words ? row.grade.chinese : row.grade.code, words ? row.module.chinese : row.module.code,
                                                words ? row.policyStatus.chinese : row.policyStatus.code]))
                }
            }
        case .table: table(forecast, today: today)
        }
    }

    /// The forecast of the people `filter` covers, as of `today`: the records read once,
    /// each batch judged on whichever core is free while one thread reads, and the batches'
    /// forecasts added up in the order they were read, so that each row lists its people
    /// in the order `eligible` does.
    static func forecast(_ s: Session, filter: People.Filter, today: Day, count: Int) throws -> Forecast {
        let engine = try s.engine(today: today)
        try s.people.check(filter)
        let empty = Forecast(engine: engine, today: today, count: count)
        let total = Box(empty)
        let pipeline = Pipeline<[PersonRecord], Forecast>(transform: { batch in
            // Each batch is judged on one core, with its own engine and policies (`Engine.ownCopy()`).
            let engine = engine.ownCopy()
            var part = empty.ownCopy()
            // Lent from the batch's buffer: a `for … in`, or the array's subscript here, copies
            // each record (a retain of each of its lists).
            batch.withUnsafeBufferPointer { records in
                for i in records.indices { part.add(records[i], engine: engine) }
            }
            return part
        }, consume: { total.value.merge($0) })
        do {
            defer { pipeline.finish() }
            try s.people.forEachRecord(filter) { pipeline.submit($0) }
        }
        return total.value
    }

    /// The columns of the CSV: one line per person and option of a forecast year.
    static let csvColumns: [(key: String, title: String)] = [
        ("cycle", "申报年度"), ("idNumber", "身份证号"), ("name", "姓名"), ("unit", "单位"), ("grade", "等级"), ("module", "模块"),
        ("policyStatus", "政策依据"),
    ]

    /// The contract's JSON: one object a row, `idNumbers` in full, and `people` naming
    /// them. Written as it is made, a person at a time: a province's forecast lists every
    /// person in several rows, which as one string would be held two and three times over.
    static func writeJSON(_ forecast: Forecast) {
        guard !forecast.rows.isEmpty else {
            Console.out("[]")
            return
        }
        Console.write("[\n")
        let people = PeopleJSON(forecast.named)
        for (i, row) in forecast.rows.enumerated() {
            var head = JSON.Object()
            head.add("cycle", row.cycle)
            head.add("grade", row.grade.code)
            head.add("module", row.module.code)
            head.add("open", row.open.count)
            head.add("new", row.new)
            // The object left open after its last member, for the two lists that follow.
            Console.write(utf8: Array(((i > 0 ? ",\n  " : "  ") + head.text.dropLast() + ",\"idNumbers\":[").utf8))
            people.write(row.open, objects: false)
            Console.write(utf8: Array("],\"people\":[".utf8))
            people.write(row.open, objects: true)
            Console.write(utf8: Array("]}".utf8))
        }
        Console.out("\n]")
    }

    func table(_ forecast: Forecast, today: Day) {
        Console.out("申报预测：\(scope.label)，共\(forecast.people)人；今天是\(today)，当前为\(forecast.current)年周期，"
                    + "预测\(forecast.cycles.map(String.init).joined(separator: "、"))年")
        for assumption in Forecast.assumptions { Console.out("前提：\(assumption)") }
        Console.out("")
        let rows = forecast.rows
        if rows.isEmpty {
            Console.out("预测的各年度都没有可申报的人员")
            return
        }
        let header = ["申报年度", "等级", "模块", "可申报人数", "其中首次", "其中按未考核年度合格计", "政策依据"]
        let cells = rows.map { row in
            [String(row.cycle), row.grade.chinese, row.module.chinese, String(row.open.count), String(row.new),
             row.assumedAssessments == 0 ? "" : String(row.assumedAssessments), row.policyStatus.chinese]
        }
        Console.out(Render.table(header: header, rows: cells))
        Console.out("")
        Console.out("名单见 --format json 或 csv；某人某年的逐条依据见 explain"
                    + (rows.first { !$0.open.isEmpty }.map { "，如：gongqin explain \(output.show(forecast.person($0.open[0]).idNumber)) --cycle \($0.cycle)" } ?? ""))
    }
}

/// The forecast's people as JSON, each written once, however many rows list them: a row's
/// `idNumbers` and `people` copy these bytes. One buffer, with each person's ranges in it.
struct PeopleJSON {
    private var bytes: [UInt8] = []
    /// Each person's quoted number and object: `"320402…"` lies inside
    /// `{"idNumber":"320402…","name":"…","unit":"…"}`.
    private var ranges: [(id: Range<Int>, object: Range<Int>)] = []

    /// Whether no person's bytes hold a character to make visible: then every piece cut
    /// from them goes out as it is (`Console.write(visibleUTF8:)`), unsearched.
    private let visible: Bool

    init(_ people: [Forecast.Named]) {
        ranges.reserveCapacity(people.count)
        for person in people {
            let object = bytes.count
            bytes += "{\"idNumber\":".utf8
            let id = bytes.count
            JSON.appendQuoted(person.idNumber.text, to: &bytes)
            let idEnd = bytes.count
            bytes += ",\"name\":".utf8
            JSON.appendQuoted(person.name, to: &bytes)
            bytes += ",\"unit\":".utf8
            JSON.appendQuoted(person.unit, to: &bytes)
            bytes.append(0x7D)
            ranges.append((id..<idEnd, object..<bytes.count))
        }
        visible = !bytes.withUnsafeBufferPointer { TextSafety.mayHoldRefused($0, keepingLineBreaks: false) }
    }

    /// Writes the people at `places`, separated by commas: each one's quoted number, or
    /// their object, in pieces of about 32 KB (a row names up to every person once).
    func write(_ places: [Int32], objects: Bool) {
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 15 + 256)
        func piece() {
            if visible { Console.write(visibleUTF8: chunk) } else { Console.write(utf8: chunk) }
            chunk.removeAll(keepingCapacity: true)
        }
        for (j, place) in places.enumerated() {
            if j > 0 { chunk.append(0x2C) }
            let range = ranges[Int(place)]
            chunk += bytes[objects ? range.object : range.id]
            if chunk.count >= 1 << 15 { piece() }
        }
        if !chunk.isEmpty { piece() }
    }
}
