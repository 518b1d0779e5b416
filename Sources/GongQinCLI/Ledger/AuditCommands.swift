import ArgumentParser
import Foundation
import GongQinCore
import GongQinStore

/// `gongqin audit`: every 破格 use, each person's unused categories, and the findings
/// of RULES X5. Findings are the report, not an error: it exits 0.
struct AuditCommand: ReadCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "审计破格条件的使用（\(RuleID.X5.citation)）",
        discussion: """
            列出全部破格使用、每人尚未使用的类别，以及：破格取得却无使用记录的证书（exceptional-cert-without-use）、
            缺少证明记录的使用（use-without-evidence）、同一类别用了两次（category-used-twice）、经办人声明须人工核查的使用（declared-evidence）。
            发现问题也以 0 退出：这些是审计结果，不是错误。
            """)

    @Option(help: StoreOptions.personHelp) var person: String?
    @OptionGroup var scope: ScopeOptions
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    struct Report: Encodable {
        var uses: [UseLine]
        var unused: [Unused]
        var findings: [FindingLine]
        var peopleWithoutUses: Int
        /// The change-log head the audit was made at (`N:HASH`), for `check --anchor`.
        var logHead: String? = nil
        /// The newest seal on the log, nil for a file never sealed.
        var seal: SealState? = nil
    }

    struct Unused: Encodable {
        var idNumber: IDNumber
        var name: String
        var categories: [String]
    }

    struct FindingLine: Listable {
        var kind: Audit.Kind
        var idNumber: IDNumber
        var name: String
        var detail: String
        /// For a category used in two units (R3): the category, both units, both uses.
        var category: String? = nil
        var units: [String]? = nil
        var first: MergeReport.UseAt? = nil
        var second: MergeReport.UseAt? = nil

        static let columns: [(key: String, title: String)] = [("kind", "类型"), ("idNumber", "身份证号"), ("name", "姓名"), ("detail", "说明")]
        func cells(_ output: OutputOptions) -> [String] {
            [output.format == .table ? kind.chinese : kind.rawValue, output.show(idNumber), name, detail]
        }
    }

    func run() throws {
        let id = try person.map(store.person)
        var report = Report(uses: [], unused: [], findings: [], peopleWithoutUses: 0)
        try context.database().read { s in
            report.logHead = try s.integrity.head()?.description
            report.seal = try s.integrity.sealState()
            let catalogue = try s.catalog.conditions()
            let filter = try scope.filter(person: id)
            // The uses as the ledger lists them, each with its record number.
            report.uses = try s.ledger.entries(filter).map(UseLine.init)
            try s.people.forEachRecord(filter) { batch in
                for record in batch {
                    let p = record.person
                    if record.exceptionalUses.isEmpty && id == nil {
                        report.peopleWithoutUses += 1
                    } else {
                        report.unused.append(Unused(idNumber: p.idNumber, name: p.name,
                                                    categories: Audit.unusedCategories(record, catalogue: catalogue)))
                    }
                    report.findings += Audit.findings(record, catalogue: catalogue).map {
                        FindingLine(kind: $0.kind, idNumber: $0.idNumber, name: $0.name, detail: $0.detail)
                    }
                }
            }
            // A category used in two units, kept in view by a merge (R3).
            report.findings += try s.ledger.secondUses(filter).map { use in
                FindingLine(kind: .categoryUsedTwice, idNumber: use.idNumber, name: use.name,
                            detail: Self.detail(name: use.name, category: use.category, first: use.first, second: use.second),
                            category: use.category, units: [use.first?.unit, use.second.unit].compactMap { $0 },
                            first: use.first, second: use.second)
            }
        }
        switch output.format {
        case .json: try Render.json(report)
        case .csv: try Render.list(report.findings, output, empty: "")
        case .table:
            text(report)
            Console.out("")
            Console.out(Render.logHeadLine(report.logHead, seal: report.seal))
        }
    }

    /// A category used in two units, in words, naming both units, years and grades (R3).
    static func detail(name: String, category: String, first: MergeReport.UseAt?, second: MergeReport.UseAt) -> String {
        func at(_ use: MergeReport.UseAt) -> String { "“\(use.unit)”\(use.year)年\(use.grade.chinese)（\(use.condition)）" }
        let firstText = first.map { "第一次在\(at($0))，为台账上的使用" } ?? "台账上的使用已不在"
        return "\(name)的“\(category)”类破格条件在两个单位各用了一次：\(firstText)；另一次在\(at(second))，由合并数据包发现。"
            + "每类终身只能使用一次，请主管部门核实（\(RuleID.cite([.X1, .R3]))）"
    }

    func text(_ report: Report) {
        Console.out("破格使用（\(report.uses.count)条）：")
        if report.uses.isEmpty {
            Console.out("  无")
        } else {
            Console.out(Render.table(header: UseLine.columns.map(\.title), rows: report.uses.map { $0.cells(output) }))
        }
        Console.out("")
        Console.out("尚未使用的类别：")
        for unused in report.unused {
            let categories = unused.categories.isEmpty ? "全部类别均已使用" : unused.categories.map(Labels.condition).joined(separator: "、")
            Console.out("  \(unused.name)（\(output.show(unused.idNumber))）：\(categories)")
        }
        if report.peopleWithoutUses > 0 {
            Console.out("  其余\(report.peopleWithoutUses)人未使用过任何破格条件")
        }
        Console.out("")
        if report.findings.isEmpty {
            Console.out("审计发现：无")
        } else {
            Console.out("审计发现（\(report.findings.count)项，\(RuleID.X5.citation)）：")
            Console.out(Render.table(header: FindingLine.columns.map(\.title), rows: report.findings.map { $0.cells(output) }))
        }
    }
}

/// `gongqin log`: the change log.
struct LogCommand: ReadCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "查看变更日志：谁、何时、用什么命令、改了什么",
        discussion: "日志只能追加，并按哈希链连接；用 gongqin check 校验是否被改动。")

    @Option(help: StoreOptions.personHelp) var person: String?
    @Option(help: ArgumentHelp("只看此日期及以后的记录", valueName: "date"), transform: Parse.day(as: "--since", allowFuture: true))
    var since: Day?
    @Option(help: "只看该表，如 person、certificate、exceptional_use") var table: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    struct Line: Listable {
        var seq: Int64
        var at: String
        var actor: String
        var command: String
        var table: String
        var rowKey: String
        var person: String?
        var op: String
        var before: JSONValue?
        var after: JSONValue?
        /// For an imported row: the file row that wrote it (its entry is the batch's).
        var fileRow: Int?

        static let columns: [(key: String, title: String)] = [
            ("seq", "序号"), ("at", "时间"), ("actor", "用户"), ("op", "操作"), ("table", "表"), ("rowKey", "记录"),
            ("changes", "内容"), ("command", "命令"),
        ]

        func cells(_ output: OutputOptions) -> [String] {
            let table = output.format == .table
            let merged = op == "import" && after?.object?["unit"] != nil
            let opText = !table ? op : merged ? "合并" : (["insert": "新增", "update": "修改", "delete": "删除", "import": "导入"][op] ?? op)
            let key = !table ? rowKey
                : self.table == "person" ? ((try? IDNumber(rowKey)).map(output.show) ?? rowKey)
                : self.table == "exceptional_condition" ? Labels.condition(rowKey) : rowKey
            return [String(seq), table ? Times.table(at) : at, actor, opText, table ? Labels.table(self.table) : self.table, key,
                    changes(masking: table && !output.reveal, labelled: table), command]
        }

        /// A batch entry: the file, its hash and the rows, or the one row shown for a person.
        func importSummary(masking: Bool) -> String {
            let batch = after?.object ?? [:]
            let file = batch["file"].map { masking ? IDNumber.masking($0.text) : $0.text } ?? "?"
            let hash = String((batch["sha256"]?.text ?? "").prefix(12))
            if let fileRow { return "文件“\(file)”第\(fileRow)行（SHA-256 \(hash)…）" }
            let source = BatchWording(file: file, unit: batch["unit"]?.text)
            return "\(source.origin)（SHA-256 \(hash)…）\(source.act)\(batch["rows"]?.text ?? "?")条，记录\(batch["first"]?.text ?? "?")–\(batch["last"]?.text ?? "?")"
        }

        /// `field: old → new` for an update, the fields for an insert or a delete.
        /// `labelled`: fields and code values by their Chinese labels, for the table.
        /// `masking`: an ID number is masked, the person's own and any typed into a value
        /// (a note, a school), in any spelling (`IDNumber.masking`).
        func changes(masking: Bool, labelled: Bool = false) -> String {
            if op == "import" { return importSummary(masking: masking) }
            let old = before?.object ?? [:], new = after?.object ?? [:]
            let keys = (op == "update" ? new.keys.filter { old[$0] != new[$0] } : Array((op == "delete" ? old : new).keys)).sorted()
            return keys.map { key in
                let show = { (v: JSONValue?) -> String in
                    guard let v else { return labelled ? "空" : "null" }
                    if masking && key == "id_number" { return "…" }
                    if labelled, v == .null { return "空" }
                    let text = labelled ? Labels.value(key, v.text) : v.text
                    return masking ? IDNumber.masking(text) : text
                }
                let name = labelled ? Labels.field(key, of: self.table) : key
                return op == "update" ? "\(name): \(show(old[key])) → \(show(new[key]))" : "\(name)=\(show((op == "delete" ? old : new)[key]))"
            }.joined(separator: "; ")
        }
    }

    func run() throws {
        let id = try person.map(store.person)
        var lines: [Line] = []
        try context.database().read { s in
            try s.log.entries(person: id, since: since, table: table) { e in
                // The command line as typed holds ID numbers too: masked in every format
                // unless --reveal. The time the trigger wrote (UTC) is shown local.
                lines.append(Line(seq: e.seq, at: Times.iso(e.at), actor: e.actor,
                                  command: output.reveal ? e.command : IDNumber.masking(e.command),
                                  table: e.table, rowKey: e.rowKey,
                                  person: e.person, op: e.op, before: e.before.flatMap(JSONValue.parse),
                                  after: e.after.flatMap(JSONValue.parse), fileRow: e.fileRow))
            }
            // Trades, units and people by name, not by row id, in every format.
            var ids: [String: Set<Int64>] = [:]
            for line in lines where line.op != "import" {
                for value in [line.before, line.after] {
                    for (key, table) in ChangeLogReader.references {
                        if case .number(let n)? = value?.object?[key] { ids[table, default: []].insert(Int64(n)) }
                    }
                }
            }
            let names = try ids.mapValues { _ in [Int64: String]() }.keys.reduce(into: [String: [Int64: String]]()) { all, table in
                all[table] = try s.log.names(table, ids: ids[table]!)
            }
            for i in lines.indices where lines[i].op != "import" {
                lines[i].before = Self.named(lines[i].before, names)
                lines[i].after = Self.named(lines[i].after, names)
            }
        }
        try Render.list(lines, output, empty: "变更日志中没有符合条件的记录")
    }

    /// A logged row with the row ids of trades, units and people replaced by their names:
    /// `trade_id: 7` becomes `trade: 电工`. An id whose name is not known stays.
    static func named(_ value: JSONValue?, _ names: [String: [Int64: String]]) -> JSONValue? {
        guard var object = value?.object else { return value }
        for (key, table) in ChangeLogReader.references {
            guard case .number(let n)? = object[key], let name = names[table]?[Int64(n)] else { continue }
            object[key] = nil
            object[String(key.dropLast(3))] = .string(name)
        }
        return .object(object)
    }
}

/// A JSON value from the change log, kept as it was written.
enum JSONValue: Encodable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    static func parse(_ text: String) -> JSONValue? {
        guard let any = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else { return nil }
        return JSONValue(any)
    }

    init(_ any: Any) {
        switch any {
        case is NSNull: self = .null
        case let n as NSNumber: self = .number(n.doubleValue)
        case let s as String: self = .string(s)
        case let a as [Any]: self = .array(a.map(JSONValue.init))
        case let o as [String: Any]: self = .object(o.mapValues(JSONValue.init))
        default: self = .null
        }
    }

    var object: [String: JSONValue]? {
        if case .object(let o) = self { return o }
        return nil
    }

    var text: String {
        switch self {
        case .null: "null"
        case .bool(let b): String(b)
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .string(let s): s
        case .array(let a): "[" + a.map(\.text).joined(separator: ",") + "]"
        case .object: "{…}"
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): if n == n.rounded() && abs(n) < 1e15 { try c.encode(Int64(n)) } else { try c.encode(n) }
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}

/// `check --format json`: the findings and the log's head, in one object.
struct CheckReport: Encodable {
    var findings: [Finding]
    var head: Head?
    /// The newest seal on the log, nil for a file never sealed.
    var seal: SealState?

    /// A finding as JSON: its check's code and its line.
    struct Finding: Encodable {
        var check: IntegrityCheck
        var detail: String
    }

    struct Head: Encodable {
        var entries: Int64
        var hash: String
    }
}

/// `gongqin check`: the schema against the expected one, the change log's hash chain,
/// an anchor taken earlier, SQLite's checks and the ledger invariants. Prints each
/// finding and the log's head, and exits 1 when there is any finding.
struct CheckCommand: ReadCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "校验数据库：结构、变更日志哈希链、SQLite 完整性与外键、破格台账不变量、日志与数据是否一致",
        discussion: """
            有任何发现时逐条列出并以 1 退出。即使有人用 sqlite3 删除或改名触发器后手工改动记录或日志，也会被发现。
            最后一行给出变更日志头 N:HASH：把它抄在纸上或存在数据库之外，日后用 --anchor N:HASH 校验，
            可以发现此后日志被整体重算或截短。花名册、审批表和审计也印有当时的日志头。
            """)

    @Option(help: ArgumentHelp("此前记下的变更日志头，如 12:3fa4…（至少16位十六进制）；日志若已没有这一条或哈希不同，以 1 退出", valueName: "N:HASH"),
            transform: Parse.anchor)
    var anchor: LogHead?

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let database = try context.database()
        let witnessed = database.witnessedHead
        let (findings, entries, head, seal) = try database.read { s in
            (try s.integrity.run(anchor: anchor, witnessed: witnessed, today: Environment.today), try s.integrity.entryCount(),
             try s.integrity.head(), try s.integrity.sealState())
        }
        if let notice = try database.witnessNotice() { Console.errorLine(WitnessWords.forCheck(notice, path: database.path)) }
        let headLine = Render.logHeadLine(head?.description, seal: seal)
        switch output.format {
        case .json:
            try Render.json(CheckReport(findings: findings.map { .init(check: $0.check, detail: $0.detail) }, head: head.map { .init(entries: $0.seq, hash: $0.hash) }, seal: seal))
        case .csv:
            Console.out(Render.csvLine(["check", "detail"]))
            for f in findings { Console.out(Render.csvLine([f.check.rawValue, f.detail])) }
            Console.errorLine(headLine)
        case .table:
            for f in findings { Console.out("✗ [\(f.check.rawValue)] \(f.detail)") }
            Console.out(findings.isEmpty
                ? "校验通过：结构与本版本应有的一致，变更日志\(entries)条哈希链完整\(anchor.map { "且含锚点第\($0.seq)条" } ?? "")，SQLite 完整性和外键正常，破格台账不变量成立，日志与数据一致"
                : "校验发现\(findings.count)个问题")
            Console.out(headLine)
        }
        if !findings.isEmpty { throw ExitCode(1) }
    }
}
