import ArgumentParser
import Foundation
import GongQinCore
import GongQinStore

extension MergePreference: ExpressibleByArgument {}

/// `gongqin bundle --unit UNIT --output FILE`: one unit's records as one file.
struct BundleCommand: ReadCommand {
    static let configuration = CommandConfiguration(
        commandName: "bundle",
        abstract: "把一个单位的全部记录打成数据包，交主管部门汇总（R3）",
        discussion: """
            数据包是一个 SQLite 文件，结构与 gongqin 数据库相同，只含该单位、其人员及其全部记录（证书、转岗、年度考核、学历、
            奖励、继续教育、工作经历、申报及其破格使用、历次破格使用），外加清单表 bundle_manifest：单位、主管部门、生成时间、
            本库变更日志的头（条数与哈希）、各表记录数与 SHA-256 摘要、总摘要。可用 sqlite3 打开查看；主管部门用 gongqin merge 合并。
            文件权限为 0600（含身份证号）；不会覆盖已有文件。
            """)

    @Option(help: "单位名称") var unit: String
    @Option(help: ArgumentHelp("数据包文件（不能已存在）", valueName: "file"), completion: .file(extensions: ["bundle"])) var output: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var format: OutputOptions

    func run() throws {
        let database = try context.database()
        let manifest = try database.bundle(unit: unit, to: output, createdAt: Times.now, seal: try store.seal())
        switch format.format {
        case .json:
            try Render.json(manifest)
        case .csv:
            Console.out(Render.csvLine(["table", "count", "sha256"]))
            for table in UnitBundle.tables { Console.out(Render.csvLine([table, String(manifest.counts[table] ?? 0), manifest.digests[table] ?? ""])) }
        case .table:
            Console.out("已生成数据包“\(output)”：单位“\(manifest.unit)”" + (manifest.department.map { "（主管部门 \($0)）" } ?? ""))
            Console.out("  " + MergeCommand.counts(manifest.counts, tables: UnitBundle.recordTables, zeros: true))
            Console.out("  生成时间 \(Times.table(manifest.createdAt))；本库变更日志 \(manifest.sourceHead.entries):\(manifest.sourceHead.hash.prefix(16))")
            Console.out("  摘要 \(manifest.digest)")
            Console.out("  " + (manifest.seal.map { "已盖本单位印章，指纹\($0.fingerprint)" }
                ?? "未盖印章（gongqin seal init 建立本单位印章后，数据包会盖章，主管部门可据此核对来源）"))
            Console.out("请把此文件交主管部门，由其运行 gongqin merge \(Environment.shellQuoted((output as NSString).lastPathComponent))")
        }
    }
}

/// `gongqin merge FILE...`: brings units' bundles into a department's database.
struct MergeCommand: WriteCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "把各单位的数据包合并到本库（主管部门汇总，R2、R3）",
        discussion: """
            整批数据包在一个事务中按顺序合并，全部写入或全不写入。每个数据包合并前都经校验（合并一个时校验后面的）：
            SQLite 完整性、结构版本、清单中的每表摘要和总摘要、身份证号；任何一个数据包任何一项不符即以 65 退出，
            本库不变，也不新建数据库。人员按身份证号对应：已在其他单位的人视为调动（R2），改到数据包的单位并列出。
            各类记录按其自然键对应（证书按工种和等级，考核按年度……）：值相同为同一条；值不同为冲突，列出双方的值和来源，
            须用 --prefer bundle（采用数据包）或 --prefer stored（保留本库）决定，否则以 1 退出且不写入。
            同一人同一类破格条件在两个单位各用一次：本库已有的使用仍为台账上的使用，数据包中的另一次记为审计发现
            category-used-twice（gongqin audit 列出），不会丢弃（X1）。单位中已删除、本库仍有的记录不会被删除，只在报告中列为“数据包中没有”。
            同一个数据包再合并一次不改变任何内容。--dry-run 只报告，不写入。
            """)

    @Argument(help: ArgumentHelp("数据包文件", valueName: "file"), completion: .file(extensions: ["bundle"])) var files: [String]
    @Option(help: ArgumentHelp("冲突时采用哪一方：bundle（数据包）或 stored（本库）", valueName: "bundle|stored")) var prefer: MergePreference?
    @Flag(name: .customLong("dry-run"), help: "只报告将要做的合并，不写入") var dryRun = false
    @Flag(name: .customLong("require-seal"), help: "拒绝未盖印章的数据包（登记了公钥的单位，其数据包总须盖有该印章）")
    var requireSeal = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    /// The JSON document: the contract's keys summed over the bundles, and each bundle.
    struct Summary: Encodable {
        var added: [String: Int] = [:]
        var unchanged: [String: Int] = [:]
        var updated: [String: Int] = [:]
        var absent: [String: Int] = [:]
        var moved: [MergeReport.Move] = []
        var conflicts: [ConflictLine] = []
        var findings: [FindingLine] = []
        var stale: [StaleLine] = []
        var bundles: [BundleLine] = []
        var dryRun: Bool

        mutating func add(_ report: MergeReport) {
            added.merge(report.added, uniquingKeysWith: +)
            unchanged.merge(report.unchanged, uniquingKeysWith: +)
            updated.merge(report.updated, uniquingKeysWith: +)
            absent.merge(report.absent, uniquingKeysWith: +)
            moved += report.moved
            conflicts += report.conflicts.map(ConflictLine.init)
            findings += report.findings.map(FindingLine.init)
            stale += report.stale.map(StaleLine.init)
            bundles.append(BundleLine(report))
        }
    }

    /// A conflict in the JSON document, its record and sources worded.
    struct ConflictLine: Encodable {
        var kind: String
        var idNumber: IDNumber?
        var name: String?
        var record: String
        var fields: [MergeReport.Field]
        var storedSource: String
        var bundleSource: String
        var kept: MergePreference?

        init(_ c: MergeReport.Conflict) {
            (kind, idNumber, name, record, fields) = (c.kind, c.idNumber, c.name, c.record.chinese, c.fields)
            (storedSource, bundleSource, kept) = (c.storedSource.chinese, c.bundleSource.chinese, c.kept)
        }
    }

    /// A category used twice in the JSON document, its held-back application worded.
    struct FindingLine: Encodable {
        var kind: String
        var idNumber: IDNumber
        var name: String
        var category: String
        var first: MergeReport.UseAt
        var second: MergeReport.UseAt
        var new: Bool
        var application: String?

        init(_ f: MergeReport.SecondUse) {
            (kind, idNumber, name, category, first, second) = (f.kind, f.idNumber, f.name, f.category, f.first, f.second)
            (new, application) = (f.new, f.application?.chinese)
        }
    }

    /// A stale person in the JSON document, where their record came from worded.
    struct StaleLine: Encodable {
        var idNumber: IDNumber
        var name: String
        var unit: String
        var heldFrom: String
        var reason: String

        init(_ s: MergeReport.Stale) {
            (idNumber, name, unit, heldFrom, reason) = (s.idNumber, s.name, s.unit, s.heldFrom.chinese, s.reason)
        }
    }

    struct BundleLine: Encodable {
        var file: String
        var unit: String
        var department: String?
        var createdAt: String
        var digest: String
        var sourceHead: UnitBundle.Head
        var outcome: MergeReport.Outcome
        var mergedBefore: String?
        var added: Int
        var unchanged: Int
        var moved: Int
        var conflicts: Int
        var findings: Int
        var stale: Int
        /// The bundle's seal: the key's fingerprint, or `unsealed`.
        var seal: String

        init(_ report: MergeReport) {
            stale = report.stale.count
            seal = report.seal
            added = report.added.values.reduce(0, +)
            unchanged = report.unchanged.values.reduce(0, +)
            moved = report.moved.count
            conflicts = report.conflicts.count
            findings = report.findings.count
            file = report.file
            unit = report.manifest.unit
            department = report.manifest.department
            createdAt = Times.iso(report.manifest.createdAt)
            digest = report.manifest.digest
            sourceHead = report.manifest.sourceHead
            outcome = report.outcome
            mergedBefore = report.mergedBefore.map(Times.iso)
        }
    }

    func validate() throws {
        if files.isEmpty { throw ValidationError("Missing expected argument '<file> ...'") }
    }

    func run() throws {
        let terminal = Console.stderrIsTerminal
        let progress = { (step: MergeProgress) in if terminal { Console.errorLine("  " + step.chinese) } }
        // The bundles are checked while the merge runs; a bad one changes and creates
        // nothing, and its refusal comes first (GongQinDatabase.merging).
        let bundles = CheckedBundles(files: files, today: Environment.today)
        let merge = { (database: GongQinDatabase) in
            try database.merge(bundles, prefer: prefer, dryRun: dryRun, requireSeal: requireSeal, now: Times.now, progress: progress)
        }
        // A dry run is a read: it creates and changes nothing (Documentation/CLI.md, merge).
        let reports = try dryRun ? bundles.refusingBadBundlesFirst { try merge(context.reader()) } : context.merging(bundles, merge)
        var summary = Summary(dryRun: dryRun)
        let refused = reports.filter { $0.outcome == .refused }
        if !refused.isEmpty {
            let conflicts = refused.flatMap(\.conflicts)
            throw GongQinError.refused(
                "\(refused.map { "数据包“\($0.file)”" }.joined(separator: "、"))与本库有\(conflicts.count)处记录不一致，整批\(files.count)个数据包都未合并（\(RuleID.R3.citation)）",
                hint: "核对后用 --prefer bundle（采用数据包）或 --prefer stored（保留本库）重新合并；可先用 --dry-run 查看",
                details: conflicts.map { Self.line($0, show: \.masked) })
        }
        for report in reports {
            summary.add(report)
            if output.format == .table { text(report) }
        }
        switch output.format {
        case .json: try Render.json(summary)
        case .csv:
            Console.out(Render.csvLine(["file", "unit", "outcome", "added", "unchanged", "moved", "conflicts", "findings", "stale", "seal",
                                        "digest"]))
            for line in summary.bundles {
                Console.out(Render.csvLine([line.file, line.unit, line.outcome.rawValue, String(line.added), String(line.unchanged),
                                            String(line.moved), String(line.conflicts), String(line.findings), String(line.stale),
                                            line.seal, line.digest]))
            }
        case .table:
            if files.count > 1 {
                let merged = summary.bundles.filter { $0.outcome == .merged }.count
                Console.out("共\(files.count)个数据包：\(dryRun ? "试运行，未写入" : "合并\(merged)个，其余无变化")")
            }
        }
    }

    static func line(_ conflict: MergeReport.Conflict, show: (IDNumber) -> String) -> String {
        let who = conflict.idNumber.map { "\(conflict.name ?? "")（\(show($0))）" } ?? ""
        let fields = conflict.fields.map { field in
            "\(MergeReport.fieldName(field.field, of: conflict.kind))：\(conflict.storedSource.chinese)为“\(field.stored ?? "空")”，\(conflict.bundleSource.chinese)为“\(field.bundle ?? "空")”"
        }.joined(separator: "；")
        let kept = conflict.kept.map { $0 == .bundle ? "→ 采用数据包" : "→ 保留本库" } ?? ""
        return "冲突：\(who)\(conflict.record.chinese)：\(fields)\(kept.isEmpty ? "" : " " + kept)"
    }

    static func counts(_ counts: [String: Int], tables: [String], zeros: Bool = false) -> String {
        let parts = tables.compactMap { table -> String? in
            let n = counts[table] ?? 0
            guard n > 0 || zeros else { return nil }
            return "\(MergeReport.tableName(table))\(n)"
        }
        return parts.isEmpty ? "无" : parts.joined(separator: "、")
    }

    static func outcome(_ report: MergeReport) -> String {
        switch report.outcome {
        case .merged: "已合并"
        case .dryRun: "试运行：以上为将要做的合并，未写入任何内容"
        case .refused: "有冲突，未合并"
        case .unchanged: "无变化：本库已含此数据包的全部记录，未写入任何内容"
            + (report.mergedBefore.map { "（此数据包已于\(Times.table($0))合并过）" } ?? "")
        }
    }

    func text(_ report: MergeReport) {
        let m = report.manifest
        Console.out("数据包“\(report.file)”：单位“\(m.unit)”" + (m.department.map { "（主管部门 \($0)）" } ?? "")
                    + "，\(Times.table(m.createdAt))生成，摘要 \(m.digest.prefix(16))…，"
                    + (m.seal.map { "盖有印章（sealed by \($0.fingerprint)）" } ?? "未盖印章（unsealed）"))
        let all = ["unit", "trade", "exceptional_condition"] + UnitBundle.recordTables
        Console.out("  新增：" + Self.counts(report.added, tables: all))
        Console.out("  相同：" + Self.counts(report.unchanged, tables: all))
        if report.updated.values.contains(where: { $0 > 0 }) {
            Console.out("  采用数据包更新：" + Self.counts(report.updated, tables: all))
        }
        for move in report.moved {
            Console.out("  调动（R2）：\(move.name)（\(output.show(move.idNumber))）从“\(move.from)”调入“\(move.to)”")
        }
        for conflict in report.conflicts { Console.out("  " + Self.line(conflict, show: output.show)) }
        for finding in report.findings {
            Console.out("  破格类别重复（category-used-twice，X1，R3）：" + AuditCommand.detail(
                name: finding.name, category: finding.category, first: finding.first, second: finding.second)
                + (finding.application.map { "；数据包中的\($0.chinese)用到此类，未并入，待主管部门核实处理" } ?? "")
                + (finding.new ? "" : "（已记录）"))
        }
        for person in report.stale {
            Console.out("  未变动（stale）：\(person.name)（\(output.show(person.idNumber))）"
                        + (person.reason == "already-merged" ? "：此数据包已合并过"
                           : "：本库的记录来自更新的\(person.heldFrom.chinese)，此数据包较旧，不把其调回或改动")
                        + "，仍在“\(person.unit)”")
        }
        if report.absent.values.contains(where: { $0 > 0 }) {
            Console.out("  本库有而数据包中没有（单位已删除或人员已调出；合并不删除）：" + Self.counts(report.absent, tables: all))
        }
        Console.out("  " + Self.outcome(report))
    }
}
