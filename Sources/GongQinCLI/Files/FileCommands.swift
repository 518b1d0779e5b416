import ArgumentParser
import Foundation
import GongQinCore
import GongQinStore

// `import`, `export`, `backup` and `restore` (CLI.md, files; IMPORT.md): records in and out as files.

extension RecordKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// What `import` reads: a kind of record, or a roster of one row per person.
enum ImportKind: ExpressibleByArgument, Equatable {
    case records(RecordKind)
    case roster

    init?(argument: String) {
        if argument.lowercased() == "roster" { self = .roster } else if let kind = RecordKind(argument: argument) { self = .records(kind) } else { return nil }
    }

    static var allValueStrings: [String] { RecordKind.allCases.map(\.rawValue) + ["roster"] }
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }

    var layout: FileLayout {
        switch self {
        case .records(let kind): kind.layout
        case .roster: RosterFile.layout
        }
    }

    var name: String {
        switch self {
        case .records(let kind): kind.rawValue
        case .roster: "roster"
        }
    }
}

/// The importer of a kind, as the reading of the rows sees it: it takes a row, read and
/// decoded on the reading thread (`ReadRow`), or a row's problems.
protocol RowImporter: AnyObject {
    associatedtype Record: Sendable
    /// The record of a row's cells, on the reading thread: Core's decoding, nothing of
    /// the database.
    var decoder: @Sendable ([String?], Day) throws(RowProblems) -> Record { get }
    func reject(row: Int, _ problems: [FieldProblem]) throws
    /// The row checked and written when it passes; its problems kept when not.
    func take(_ read: ReadRow<Record>) throws
    func finish() throws
    var hasProblems: Bool { get }
    var problems: [Int: [FieldProblem]] { get }
    var problemCount: Int { get }
}

/// A row as the reading thread leaves it for the importer.
struct ReadRow<Record: Sendable>: Sendable {
    var row: Int
    var values: [String?]
    /// 姓名 and the columns checked against the identity number.
    var checked: [String: String]
    /// The row's problems found before decoding.
    var sheetProblems: [FieldProblem]
    /// The problems of its 性别 and 出生年月.
    var checkedProblems: [FieldProblem]
    var record: Result<Record, RowProblems>

    init(row: Int, values: [String?], checked: [String: String], sheetProblems: [FieldProblem], today: Day,
         decoder: @Sendable ([String?], Day) throws(RowProblems) -> Record) {
        self.row = row
        self.values = values
        self.checked = checked
        self.sheetProblems = sheetProblems
        checkedProblems = FileHeader.checkedProblems(checked, idCell: values.first ?? nil)
        do {
            record = .success(try decoder(values, today))
        } catch {
            record = .failure(error)
        }
    }

    /// The decoding's problems of the columns the sheet found none in.
    func moreProblems(_ problems: RowProblems) -> [FieldProblem] {
        problems.problems.filter { p in !sheetProblems.contains { $0.field == p.field } }
    }
}

extension FileHeader {
    /// The problems of a row's 性别 and 出生年月, when its identity number reads.
    static func checkedProblems(_ checked: [String: String], idCell: String?) -> [FieldProblem] {
        guard !checked.isEmpty, let text = Values.text(idCell), let id = try? IDNumber(text) else { return [] }
        return checkedProblems(checked, id: id)
    }
}

extension Importer: RowImporter {
    var decoder: @Sendable ([String?], Day) throws(RowProblems) -> FileRecord {
        { [kind] values, today throws(RowProblems) in try FileRecord.decode(kind, values, today: today) }
    }

    func take(_ read: ReadRow<FileRecord>) throws {
        switch read.record {
        case .success(let record) where read.sheetProblems.isEmpty:
            try take(record, row: read.row, personName: read.checked[FieldSpec.personName.name])
            if !read.checkedProblems.isEmpty { try reject(row: read.row, read.checkedProblems) }
        case .success:
            try reject(row: read.row, read.sheetProblems + read.checkedProblems, cells: read.values)
        case .failure(let problems):
            try reject(row: read.row, read.sheetProblems + read.moreProblems(problems) + read.checkedProblems, cells: read.values)
        }
    }
}

extension RosterImporter: RowImporter {
    var decoder: @Sendable ([String?], Day) throws(RowProblems) -> RosterEntry {
        { values, today throws(RowProblems) in try RosterFile.decode(values, today: today) }
    }

    func take(_ read: ReadRow<RosterEntry>) throws {
        switch read.record {
        case .success(let entry) where read.sheetProblems.isEmpty && read.checkedProblems.isEmpty:
            try take(entry, row: read.row)
        case .success:
            reject(row: read.row, read.sheetProblems + read.checkedProblems)
        case .failure(let problems):
            reject(row: read.row, read.sheetProblems + read.moreProblems(problems) + read.checkedProblems)
        }
    }
}

/// What the reading thread hands the importer, in the file's order.
enum ReadItem<Record: Sendable>: Sendable {
    case row(ReadRow<Record>)
    case problems(row: Int, [FieldProblem])
}

/// `import KIND FILE`: a clerk's spreadsheet, saved as CSV, in whole or not at all.
struct ImportCommand: WriteCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "从 CSV 或 Excel 工作簿（.xlsx）批量导入记录或花名册（全部通过才写入）",
        discussion: """
            KIND：\(RecordKind.allCases.map(\.rawValue).joined(separator: "、"))，
            或 roster（花名册：每人一行，含人员、原持证证书、转岗和最高学历）。
            表头用对应 add 命令的长选项名（id-number,name,unit,…）或中文名（身份证号,姓名,单位,…），
            格式见 Documentation/IMPORT.md。每行按与 add 命令相同的规则检查；有任何一行不符合，
            就一条也不写入，并列出每个问题的行号和列。已登记的记录和文件内重复的行都算错误；
            加 --update 则以文件为准更新已有记录。
            表头上方的标题行（如“常州市某某局工勤人员花名册”）略过并提示；合并单元格按其左上角的值读；
            性别、出生年月与身份证号核对，记录文件中的姓名与该人登记的姓名核对，不符即为该行的错误。
            .xlsx 读第一个工作表（或 --sheet 指定的），行号即工作表的行号，日期单元格读作日期；
            身份证号列须为文本格式。“序号”列不读；表尾的“合计”“小计”“制表人”等汇总行略过并提示。
            全角数字、字母和标点按半角读取。.xls 等旧格式请先另存为 .xlsx 或 CSV。
            """)

    @Argument(help: ArgumentHelp("记录种类，或 roster（花名册）", valueName: "kind")) var kind: ImportKind
    @Argument(help: ArgumentHelp("CSV 或 .xlsx 文件", valueName: "file"), completion: .file(extensions: ["csv", "xlsx"])) var file: String
    @Option(help: ArgumentHelp("读取 .xlsx 中此名称的工作表（默认第一个）", valueName: "name")) var sheet: String?
    @Flag(help: "已有的记录按文件内容更新，而不报错") var update = false
    @Option(help: "文件编码：auto（默认：合法的 UTF-8 即按 UTF-8，否则按 GB18030）、utf-8 或 gb18030")
    var encoding: TextEncoding = .auto
    @Option(help: ArgumentHelp("有错误时把出错的行连同原内容写成 CSV，改好后可再导入", valueName: "file"), completion: .file(extensions: ["csv"]))
    var report: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    /// The result, as JSON and CSV print it.
    struct Summary: Listable {
        var kind: String
        var file: String
        var encoding: String
        var rows: Int
        var added: Int
        var updated: Int
        var unchanged: Int

        static let columns: [(key: String, title: String)] = [
            ("kind", "种类"), ("file", "文件"), ("encoding", "编码"), ("rows", "行数"), ("added", "新增"), ("updated", "更新"),
            ("unchanged", "未变"),
        ]
        func cells(_ output: OutputOptions) -> [String] {
            [kind, file, encoding, String(rows), String(added), String(updated), String(unchanged)]
        }
    }

    func run() throws {
        try SpreadsheetFile.checkOutput(report, xlsx: false)
        let input = try SpreadsheetFile.open(file, encoding: encoding, sheet: sheet)
        let layout = kind.layout
        let (header, headerRow, skipped) = try input.header(layout)
        var footer = SummaryRows()
        let today = Environment.today
        let progress = ProgressLine(enabled: output.format != .json, totalBytes: input.size)
        var rows = 0
        var problems: [Int: [FieldProblem]] = [:]
        let database = try context.open()
        var notices: [String] = []
        // Reads every row into `importer`, and fails the whole file on any problem. The
        // file is read and its rows decoded on a thread of their own (ReadAhead), which
        // alone touches `input`, `footer`, `rows` and `progress` until every row is taken.
        func read<I: RowImporter>(_ importer: I) throws {
            let decoder = importer.decoder
            let reading = ReadAhead<ReadItem<I.Record>> { emit in
                var bytes: Int64 = 0
                try input.forEachRow(after: headerRow) { row, line in
                    bytes += Int64(line.cells.reduce(line.cells.count) { $0 + $1.utf8.count })
                    let cells = line.cells.map(Normalise.text)
                    // `合计：3人` and the like at the foot of a sheet are not records; nor is
                    // a line with nothing but its 序号.
                    if footer.take(row: row, cells: cells) || header.isEmpty(cells) { return true }
                    for (summaryRow, text) in footer.misplaced() {
                        guard emit(.problems(row: summaryRow, [FieldProblem("", "像是汇总行（“\(text.clipped())”），但其后还有数据行：汇总行只能在表尾，请删除或移到最后")])) else { return false }
                    }
                    rows += 1
                    if let extra = header.extraCell(in: cells) {
                        guard emit(.problems(row: row, [FieldProblem("", "第\(extra + 1)列有内容，但表头没有这一列")])) else { return false }
                    }
                    var values = header.values(of: cells)
                    var checked = header.checkedValues(of: cells)
                    let sheetProblems = header.readNumbers(line.numeric, into: &values, checked: &checked, cells: cells)
                    progress.update(rows: rows, bytes: bytes)
                    return emit(.row(ReadRow(row: row, values: values, checked: checked, sheetProblems: sheetProblems,
                                             today: today, decoder: decoder)))
                }
            }
            try reading.forEach { item in
                switch item {
                case .row(let read): try importer.take(read)
                case .problems(let row, let problems): try importer.reject(row: row, problems)
                }
            }
            try importer.finish()
            progress.finish()
            if importer.hasProblems {
                problems = importer.problems
                throw failure(importer.problems, rows: rows, count: importer.problemCount)
            }
        }
        let counts: Importer.Counts
        do {
            switch kind {
            case .records(let kind):
                // A bulk import is logged as one entry naming the file and its SHA-256 (BENCHMARKS.md).
                let source = try update ? nil : BatchSource.file(at: file)
                counts = try database.write { s in try s.importing(kind, update: update, today: today, source: source) { importer in
                    try read(importer)
                    return importer.counts
                } }
            case .roster:
                counts = try database.write { s in try s.importingRoster(update: update, today: today) { importer in
                    try read(importer)
                    notices += RosterWords.notices(importer)
                    return importer.counts
                } }
            }
        } catch {
            progress.finish()
            if let report, !problems.isEmpty {
                try writeReport(report, input: input, header: header, headerRow: headerRow, problems: problems)
            }
            throw error
        }
        if let notice = SkippedRows.notice(header: headerRow, skipped) { Console.errorLine(notice) }
        if let notice = footer.notice { Console.errorLine(notice) }
        for notice in notices { Console.errorLine(notice) }
        let summary = Summary(kind: kind.name, file: file, encoding: input.form, rows: rows,
                              added: counts.added, updated: counts.updated, unchanged: counts.unchanged)
        try Render.added(summary, output, "已导入\(layout.chinese)：共\(rows)行，新增\(counts.added)条，更新\(counts.updated)条，未变\(counts.unchanged)条（\(input.form)）")
    }

    /// Problems printed at most, before the summary line; `--report` has them all.
    static let printedProblems = 200

    /// The error of a file with bad rows: a line per problem, then the summary.
    func failure(_ problems: [Int: [FieldProblem]], rows: Int, count: Int) -> GongQinError {
        var lines: [String] = []
        for row in problems.keys.sorted() {
            for problem in problems[row]! {
                guard lines.count < Self.printedProblems else { break }
                lines.append("第\(row)行" + describe(problem))
            }
        }
        let kept = problems.values.reduce(0) { $0 + $1.count }
        if kept > lines.count { lines.append("……另有\(kept - lines.count)个问题未列出，加 --report FILE 可得到这些行") }
        if count > kept {
            lines.append("……错误的行超过\(Importer.keptRows)行，其后的\(count - kept)个问题只计数：请先检查整列的格式（如日期写法）")
        }
        let badRows = count > kept ? "超过\(problems.count)行" : "\(problems.count)行"
        return GongQinError(.invalidData, "文件“\(file)”有\(badRows)不符合要求（共\(rows)行，\(count)个问题），未导入任何记录",
                            hint: report == nil ? "请按上面各行的说明修改后重新导入；加 --report FILE 可把出错的行写成 CSV"
                                : "出错的行已写入“\(report!)”，改好后可重新导入",
                            details: lines)
    }

    /// ` 身份证号（id-number）：…`, naming the column by its label and flag name. A roster
    /// row's problem of one of its records names the record's column as the roster's.
    func describe(_ problem: FieldProblem) -> String {
        guard let field = kind.layout.spec(problem.field) ?? RecordKind.persons.layout.spec(problem.field) else {
            return "：\(problem.words)"
        }
        return " \(field.label)（\(field.name)）：\(problem.words)"
    }

    /// Writes the bad rows, with their row number, their problems and their cells as the
    /// file had them, under the file's own header: fixed, the report imports again.
    func writeReport(_ path: String, input: any TableInput, header: FileHeader, headerRow: Int,
                     problems: [Int: [FieldProblem]]) throws {
        let sink = try CSVSink(path: path)
        sink.row(FileHeader.reportColumns.map(\.label) + header.names)
        let idColumn = header.column(named: FieldSpec.idNumberName)
        try input.forEachRow(after: headerRow) { row, line in
            if let rowProblems = problems[row] {
                let cells = line.cells.enumerated().map { i, cell in i == idColumn ? SpreadsheetCell.keepingDigits(cell) : cell }
                sink.row([String(row), rowProblems.map { describe($0).trimmingSpaces.trimmingPrefix("：") }.joined(separator: "；")] + cells)
            }
            return true
        }
        try sink.commit()
    }
}

/// What `import roster` says beside its summary: the units it added, and the application
/// columns it read and did not file.
enum RosterWords {
    static func notices(_ importer: RosterImporter) -> [String] {
        var lines: [String] = []
        let people = importer.people
        lines.append("花名册：新增人员\(people.added)人，更新\(people.updated)人，未变\(people.unchanged)人；"
                     + "证书、转岗、学历记录随之登记")
        if !importer.unitsAdded.isEmpty {
            lines.append("已新增单位\(importer.unitsAdded.count)个：" + importer.unitsAdded.prefix(10).joined(separator: "、")
                         + (importer.unitsAdded.count > 10 ? "等" : ""))
        }
        if importer.applicationRows > 0 {
            lines.append("提示：\(importer.applicationRows)行填有申报工种、申报等级、申报类别或破格条件，已核对，未作为申报登记：申报须逐人用 gongqin apply 办理（按申报须知逐条检查）")
        }
        return lines
    }
}

/// The rows at the foot of a clerk's sheet that sum it up or sign it (`合计：3人`, `制表人：…`):
/// skipped with a notice while nothing but such rows follows; a problem of their row when
/// data follows them.
struct SummaryRows {
    /// Words that begin a summary or signature row.
    /// The cells are read as NFKC first: a full-width colon is `:` by then.
    static let openers = ["合计", "小计", "总计", "共计", "制表人", "制表", "填表人", "审核人", "负责人", "经办人", "备注:", "说明:",
                          "变更日志头:"]

    private(set) var pending: [(row: Int, text: String)] = []
    private(set) var skipped: [(row: Int, text: String)] = []

    /// Whether `cells` is such a row; it is held until the file ends or data follows.
    mutating func take(row: Int, cells: [String]) -> Bool {
        guard let first = cells.first(where: { !$0.trimmingSpaces.isEmpty })?.trimmingSpaces,
              // The bytes first: on every data row, cheaper than comparing Characters.
              Self.openers.contains(where: { first.utf8.starts(with: $0.utf8) && first.hasPrefix($0) }) else { return false }
        let text = cells.map(\.trimmingSpaces).filter { !$0.isEmpty }.joined(separator: " ")
        pending.append((row, text))
        return true
    }

    /// The held rows, when a data row follows them.
    mutating func misplaced() -> [(row: Int, text: String)] {
        defer { pending = [] }
        return pending
    }

    /// `已略过表尾的汇总行：第12行（合计：1人）`, once the file has ended.
    var notice: String? {
        guard !pending.isEmpty else { return nil }
        return "提示：已略过表尾的汇总行：" + pending.map { "第\($0.row)行（\($0.text.clipped())）" }.joined(separator: "、")
    }
}

extension FileHeader {
    /// The column that holds field `name`, if any.
    func column(named name: String) -> Int? {
        fields.firstIndex { $0.name == name }.flatMap { columns[$0] }
    }

    /// Cells a spreadsheet stored as numbers: a date serial in a date column (or in 出生年月)
    /// becomes the day; an identity number stored as a number is a problem that names Excel.
    func readNumbers(_ numeric: Set<Int>, into values: inout [String?], checked: inout [String: String],
                     cells: [String]) -> [FieldProblem] {
        guard !numeric.isEmpty else { return [] }
        var problems: [FieldProblem] = []
        for (i, field) in fields.enumerated() {
            guard let column = columns[i], numeric.contains(column), let text = values[i] else { continue }
            if field.isIDNumber {
                problems.append(FieldProblem(field.name, "身份证号“\(text.clipped(24))”在 Excel 中存成了数字，Excel 会把18位号码改成科学计数法或把末三位改成000；请把该列设为“文本”格式，重新录入号码后保存"))
            } else if field.isDate, let day = Self.serialDay(text) {
                values[i] = day.description
            }
        }
        for (field, column) in zip(layout.checked, checkedColumns) where field.name == FieldSpec.birthMonth.name {
            if let column, numeric.contains(column), column < cells.count, let day = Self.serialDay(cells[column]) {
                checked[field.name] = day.description
            }
        }
        return problems
    }

    static func serialDay(_ text: String) -> Day? {
        Double(text).map { Int($0.rounded(.down)) }.flatMap { Day(excelSerial: $0) }
    }

    /// The first cell with content beyond the header's columns, if any.
    func extraCell(in row: [String]) -> Int? {
        guard row.count > names.count else { return nil }
        return (names.count..<row.count).first { !row[$0].trimmingSpaces.isEmpty }
    }
}

extension String {
    func trimmingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}

/// What `export` writes: a kind of record, or the roster.
enum ExportKind: ExpressibleByArgument, Equatable {
    case records(RecordKind)
    case roster

    init?(argument: String) {
        if argument == "roster" { self = .roster } else if let kind = RecordKind(argument: argument) { self = .records(kind) } else { return nil }
    }

    static var allValueStrings: [String] { RecordKind.allCases.map(\.rawValue) + ["roster"] }
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

/// `export KIND [--output FILE]` and `export roster --cycle YEAR [--output FILE.csv|FILE.xlsx]`.
struct ExportCommand: ReadCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "导出记录（与 import 读取的格式相同），或导出申报汇总名册",
        discussion: """
            KIND 同 import；roster 为某一年度的汇总名册（须知·六·1），按主管部门、单位分组。
            --output 可为 .csv（UTF-8 带 BOM、CRLF 换行，身份证号和证书编号前加制表符，
            Excel/WPS 打开后号码不变）或 .xlsx（号码和日期为文本单元格）；两者都可再导入。
            不给 --output 时写到标准输出（不带 BOM）。
            """)

    @Argument(help: "记录种类，或 roster（汇总名册）") var kind: ExportKind
    @Option(help: ArgumentHelp("汇总名册的申报年度，或 next（仅 roster）", valueName: "year|next")) var cycle: CycleChoice?
    @Option(help: ArgumentHelp("输出文件：.csv 或 .xlsx；其他扩展名不受理", valueName: "file"), completion: .file(extensions: ["csv", "xlsx"]))
    var output: String?
    @Flag(name: .customLong("chinese-header"), help: "表头用中文名，代码值写中文（默认用长选项名和代码）") var chineseHeader = false
    @OptionGroup(title: "汇总名册的范围（仅 roster）") var scope: ScopeOptions
    @OptionGroup var store: StoreOptions

    /// The flags that go together, checked before anything is opened (exit 64).
    func checkFlags() throws {
        if kind != .roster && !scope.isEmpty { throw GongQinError.usage("--unit 和 --department 只用于 export roster") }
        if kind == .roster && cycle == nil { throw GongQinError.usage("导出汇总名册须给出 --cycle 年度") }
        if kind != .roster && cycle != nil { throw GongQinError.usage("--cycle 只用于 export roster") }
        try SpreadsheetFile.checkOutput(output)
    }

    var toWorkbook: Bool { output.map(SpreadsheetFile.isWorkbook) ?? false }

    func run() throws {
        try checkFlags()
        let database = try context.database()
        switch kind {
        case .records(let kind):
            // A file of a person's records carries the person's name beside the ID.
            let fields = kind.exportFields
            let header = fields.map { chineseHeader ? $0.label : $0.name }
            let idColumns = Set(fields.indices.filter { SpreadsheetCell.numberLikeFields.contains(fields[$0].name) })
            func cells(_ record: FileRecord, _ name: String?) -> [String] {
                record.exportValues(labelled: chineseHeader, ownerName: name, condition: Labels.condition)
            }
            var count = 0
            defer { wrote("\(kind.chinese)\(count)条") }
            if let output, toWorkbook {
                let book = try Workbook(path: output, sheetName: kind.chinese, header: header)
                try database.read { s in try s.exporter.forEach(kind) { count += 1; book.row(cells($0, $1).map(Workbook.Cell.text)) } }
                try book.commit()
            } else {
                let sink = try CSVSink(path: output)
                sink.row(header)
                // A file is for Excel and WPS, which would round an identity number.
                let forSpreadsheet = output != nil && output != "-"
                try database.read { s in
                    try s.exporter.forEach(kind) { record, name in
                        count += 1
                        let row = cells(record, name)
                        sink.row(forSpreadsheet ? row.enumerated().map { i, cell in
                            idColumns.contains(i) ? SpreadsheetCell.keepingDigits(cell) : cell
                        } : row)
                    }
                }
                try sink.commit()
            }
        case .roster:
            let today = Environment.today
            let cycle = self.cycle!.resolve(try database.read { s in try s.engine(today: today) }, asOf: today)
            var count = 0
            defer { wrote("\(cycle)年汇总名册\(count)行") }
            if let output, toWorkbook {
                // The form a department hands in: a title over the header, A4 landscape fitted
                // to the width, the header on every page, the log head in the footer.
                let title = "\(cycle)年度常州市机关事业单位工勤技能岗位技术等级考评申报汇总名册（\(scope.label)）"
                let book = try Workbook(path: output, sheetName: "\(cycle)年汇总名册", header: RosterRow.columns, title: title)
                let header = book.lastRow
                try database.read { s in
                    try s.exporter.roster(cycle: cycle, scope: try scope.filter()) { row in
                        count += 1
                        book.row(row.cells.enumerated().map { i, cell in i == 0 ? .number(Int(cell)!) : .text(cell) })
                    }
                    let head = try s.integrity.head()?.description, seal = try s.integrity.sealState()
                    book.setPage(Workbook.Page(landscape: true, fitToWidth: true, repeatedRows: header...header,
                                               footer: Render.logHeadFooter(head, seal: seal)))
                    book.setProperties(title: title, description: Render.logHeadLine(head, seal: seal))
                }
                try book.commit()
            } else {
                let sink = try CSVSink(path: output)
                sink.row(RosterRow.columns)
                try database.read { s in
                    try s.exporter.roster(cycle: cycle, scope: try scope.filter()) { row in
                        count += 1
                        sink.row(row.cells.enumerated().map { i, cell in
                            RosterRow.numberLikeColumns.contains(i) ? SpreadsheetCell.keepingDigits(cell) : cell
                        })
                    }
                    // The head the roster was made at: a printed roster anchors the log.
                    let head = try s.integrity.head()
                    sink.row([Render.logHeadLine(head?.description, seal: try s.integrity.sealState())])
                }
                try sink.commit()
            }
        }
    }
}

extension ExportCommand {
    /// What a file-writing command says it wrote (Documentation/CLI.md, files): `已导出…到“FILE”`.
    /// Nothing when the records went to stdout, which they fill.
    func wrote(_ what: String) {
        guard let output, output != "-", !Console.failed else { return }
        Console.out("已导出\(what)到“\(output)”")
    }
}

/// The cells of a CSV meant for Excel and WPS that they would otherwise take for numbers.
/// One home for the technique, so other cell rules (formula safety) compose with it.
enum SpreadsheetCell {
    /// The fields of the record files whose digits a spreadsheet would round: the identity
    /// number and a certificate number.
    static let numberLikeFields: Set<String> = [FieldSpec.idNumberName, "number"]

    /// An identity or certificate number as a CSV cell: a leading tab. Excel and WPS then
    /// read the cell as text and keep all 18 digits; it is not a formula, and `import`
    /// trims it off again as white space.
    static func keepingDigits(_ text: String) -> String {
        text.isEmpty ? text : "\t" + text
    }

    /// The cell as it was before `keepingDigits`: one leading tab is dropped, as the
    /// white space it is; a tab anywhere else is refused as a control character.
    static func withoutDigitsGuard(_ cell: String) -> String {
        cell.hasPrefix("\t") ? String(cell.dropFirst()) : cell
    }
}

/// `backup FILE`: SQLite's online backup, safe while another process writes.
struct BackupCommand: ReadCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "备份数据库到新文件（其他程序写入时也可备份）")

    @Argument(help: ArgumentHelp("备份文件（不能已存在）", valueName: "file"), completion: .file(extensions: ["sqlite"])) var file: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        let database = try context.database()
        try database.backup(to: file)
        Console.out("已备份数据库“\(database.path)”到“\(file)”")
    }
}

/// `restore FILE`: a checked backup replaces the database.
struct RestoreCommand: WriteCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "用备份文件恢复数据库",
        discussion: """
            备份须通过 gongqin check 的全部校验：SQLite 完整性、结构与其版本应有的一致（多出、缺少或改动的表、索引、触发器、
            视图都会被拒绝）、变更日志哈希链、日志与数据一致、破格台账不变量（含在办申报仍成立，R1）；且不能来自更新版本的
            gongqin。给出 --anchor N:HASH 时，备份的变更日志还须含有这一条。任何一项不符即以 65 退出，数据库不变。
            原数据库留存为 PATH.before-restore（已有时为 PATH.before-restore-2 等），恢复后也保留，并提示所在位置。
            """)

    @Argument(help: ArgumentHelp("备份文件", valueName: "file"), completion: .file(extensions: ["sqlite"])) var file: String
    @Option(help: ArgumentHelp("备份的变更日志须含有的日志头（gongqin check 给出的 N:HASH）", valueName: "N:HASH"), transform: Parse.anchor)
    var anchor: LogHead?
    @OptionGroup var store: StoreOptions

    func run() throws {
        let path = store.path
        let restored = try GongQinDatabase.restore(from: file, into: path, context: try store.context(), anchor: anchor)
        // Opening brings an older backup's schema up to date.
        let applied = try context.open().appliedMigrations()
        Console.out("已用“\(file)”恢复数据库“\(path)”（备份的结构版本 \(restored.migrations.last ?? "无")，现为 \(applied.last ?? "无")）")
        if let kept = restored.kept { Console.out("原数据库留存为“\(kept)”，确认无误后可自行删除") }
    }
}
