import ArgumentParser
import Foundation
import GongQinCore
import GongQinStore

// `import`, `export`, `backup` and `restore` (CLI.md, files; IMPORT.md): records in and out as files.

extension RecordKind: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// `import KIND FILE`: a clerk's spreadsheet, saved as CSV, in whole or not at all.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "从 CSV 文件批量导入记录（全部通过才写入）",
        discussion: """
            KIND：units、trades、persons、certs、transfers、assessments、education、awards、training、exceptional。
            表头用对应 add 命令的长选项名（id-number,name,unit,…）或中文名（身份证号,姓名,单位,…），
            格式见 Documentation/IMPORT.md。每行按与 add 命令相同的规则检查；有任何一行不符合，
            就一条也不写入，并列出每个问题的行号和列。已登记的记录和文件内重复的行都算错误；
            加 --update 则以文件为准更新已有记录。
            """)

    @Argument(help: "记录种类") var kind: RecordKind
    @Argument(help: ArgumentHelp("CSV 文件", valueName: "file")) var file: String
    @Flag(help: "已有的记录按文件内容更新，而不报错") var update = false
    @Option(help: "文件编码：auto（默认：合法的 UTF-8 即按 UTF-8，否则按 GB18030）、utf-8 或 gb18030")
    var encoding: TextEncoding = .auto
    @Option(help: ArgumentHelp("有错误时把出错的行连同原内容写成 CSV，改好后可再导入", valueName: "file"))
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
        let input = try CSVInput(path: file, encoding: encoding)
        let header = try FileHeader(kind: kind, names: try input.header())
        let today = Environment.today
        let progress = ProgressLine(enabled: output.format != .json, totalBytes: input.size)
        var rows = 0
        var problems: [Int: [FieldProblem]] = [:]
        let database = try store.open()
        let counts: Importer.Counts
        // A bulk import is logged as one entry naming the file and its SHA-256 (issue 15).
        let source = try update ? nil : BatchSource.file(at: file)
        do {
            counts = try database.write { s in try s.importing(kind, update: update, today: today, source: source) { importer in
                var bytes: Int64 = 0
                try input.forEachRow { row, cells in
                    rows += 1
                    bytes += Int64(cells.reduce(cells.count) { $0 + $1.utf8.count })
                    if let extra = header.extraCell(in: cells) {
                        importer.reject(row: row, [FieldProblem("", "第\(extra + 1)列有内容，但表头没有这一列")])
                    }
                    let values = header.values(of: cells)
                    do {
                        try importer.take(try FileRecord.decode(kind, values, today: today), row: row)
                    } catch let error as RowProblems {
                        try importer.reject(row: row, error.problems, cells: values)
                    }
                    progress.update(rows: rows, bytes: bytes)
                    return true
                }
                try importer.finish()
                progress.finish()
                if importer.hasProblems {
                    problems = importer.problems
                    throw failure(importer.problems, rows: rows, count: importer.problemCount)
                }
                return importer.counts
            } }
        } catch {
            progress.finish()
            if let report, !problems.isEmpty { try writeReport(report, input: input, header: header, problems: problems) }
            throw error
        }
        let summary = Summary(kind: kind.rawValue, file: file, encoding: input.encoding.chinese, rows: rows,
                              added: counts.added, updated: counts.updated, unchanged: counts.unchanged)
        try Render.added(summary, output, "已导入\(kind.chinese)：共\(rows)行，新增\(counts.added)条，更新\(counts.updated)条，未变\(counts.unchanged)条（\(input.encoding.chinese)）")
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

    /// ` 身份证号（id-number）：…`, naming the column by its label and flag name.
    func describe(_ problem: FieldProblem) -> String {
        guard let field = kind.fields.first(where: { $0.name == problem.field }) else { return "：\(problem.message)" }
        return " \(field.label)（\(field.name)）：\(problem.message)"
    }

    /// Writes the bad rows, with their row number, their problems and their cells as the
    /// file had them, under the file's own header: fixed, the report imports again.
    func writeReport(_ path: String, input: CSVInput, header: FileHeader, problems: [Int: [FieldProblem]]) throws {
        let sink = try CSVSink(path: path)
        sink.row(FileHeader.reportColumns.map(\.label) + header.names)
        try input.forEachRow { row, cells in
            if let rowProblems = problems[row] {
                sink.row([String(row), rowProblems.map { describe($0).trimmingSpaces.trimmingPrefix("：") }.joined(separator: "；")] + cells)
            }
            return true
        }
        try sink.commit()
    }
}

extension FileHeader {
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
}

/// `export KIND [--output FILE]` and `export roster --cycle YEAR [--output FILE.csv|FILE.xlsx]`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "导出记录（与 import 读取的 CSV 格式相同），或导出申报汇总名册",
        discussion: """
            KIND 同 import；roster 为某一年度的汇总名册（须知·六·1），按主管部门、单位分组，
            可存为 .csv（UTF-8 带 BOM、CRLF 换行，Excel/WPS 可直接打开）或 .xlsx。
            不给 --output 时写到标准输出（不带 BOM）。
            """)

    @Argument(help: "记录种类，或 roster（汇总名册）") var kind: ExportKind
    @Option(help: "汇总名册的申报年度（仅 roster）") var cycle: Int?
    @Option(help: ArgumentHelp("输出文件：.csv，或（仅 roster）.xlsx", valueName: "file")) var output: String?
    @Flag(name: .customLong("chinese-header"), help: "表头用中文名（默认用长选项名）") var chineseHeader = false
    @OptionGroup var store: StoreOptions

    /// The flags that go together, checked before anything is opened (exit 64).
    func checkFlags() throws {
        if kind == .roster && cycle == nil { throw GongQinError.usage("导出汇总名册须给出 --cycle 年度") }
        if kind != .roster && cycle != nil { throw GongQinError.usage("--cycle 只用于 export roster") }
        if let output, output.lowercased().hasSuffix(".xlsx"), kind != .roster {
            throw GongQinError.usage("只有汇总名册可导出为 .xlsx；记录请导出为 .csv，以便再导入")
        }
    }

    func run() throws {
        try checkFlags()
        let database = try store.open()
        switch kind {
        case .records(let kind):
            let sink = try CSVSink(path: output)
            sink.row(kind.fields.map { chineseHeader ? $0.label : $0.name })
            try database.read { s in try s.exporter.forEach(kind) { sink.row($0.values) } }
            try sink.commit()
        case .roster:
            let cycle = try Parse.year(self.cycle!, "申报年度")
            if let output, output.lowercased().hasSuffix(".xlsx") {
                let book = try Workbook(path: output, sheetName: "\(cycle)年汇总名册", header: RosterRow.columns)
                try database.read { s in
                    try s.exporter.roster(cycle: cycle) { row in
                        book.row(row.cells.enumerated().map { i, cell in i == 0 ? .number(Int(cell)!) : .text(cell) })
                    }
                }
                try book.commit()
            } else {
                let sink = try CSVSink(path: output)
                sink.row(RosterRow.columns)
                try database.read { s in
                    try s.exporter.roster(cycle: cycle) { row in
                        // A leading tab keeps Excel and WPS from reading an identity or
                        // certificate number as a number and rounding it.
                        sink.row(row.cells.enumerated().map { i, cell in
                            RosterRow.numberLikeColumns.contains(i) && !cell.isEmpty ? "\t" + cell : cell
                        })
                    }
                }
                try sink.commit()
            }
        }
    }
}

/// `backup FILE`: SQLite's online backup, safe while another process writes.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "备份数据库到新文件（其他程序写入时也可备份）")

    @Argument(help: ArgumentHelp("备份文件（不能已存在）", valueName: "file")) var file: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        let database = try store.open()
        try database.backup(to: file)
        Console.out("已备份数据库“\(database.path)”到“\(file)”")
    }
}

/// `restore FILE`: a checked backup replaces the database.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "用备份文件恢复数据库",
        discussion: "备份须通过完整性检查，且不能来自更新版本的 gongqin。恢复成功前，原数据库留存为 PATH.before-restore。")

    @Argument(help: ArgumentHelp("备份文件", valueName: "file")) var file: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        let path = store.path
        let restored = try GongQinDatabase.restore(from: file, into: path, context: Environment.logContext)
        // Opening brings an older backup's schema up to date.
        let applied = try store.open().appliedMigrations()
        Console.out("已用“\(file)”恢复数据库“\(path)”（备份的结构版本 \(restored.migrations.last ?? "无")，现为 \(applied.last ?? "无")）")
    }
}
