import ArgumentParser
import Foundation
import GongQinCore
import GongQinStore

/// `gongqin materials ID …` lists an applicant's materials; `gongqin materials check DIR …`
/// checks a folder of scans against that list (RULES §8, 须知·六·8).
struct MaterialsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "materials",
        abstract: "申报材料清单（按须知序号），以及上传前检查扫描件文件夹",
        discussion: """
            列出某人某次申报的材料清单（默认子命令 list），或检查扫描件文件夹（check）。
            每个序号扫描为一个PDF（照片为jpg），按“序号+简称”命名，如 1审批表.pdf（RULES §8，须知·六·8）。
            """,
        subcommands: [List.self, Check.self],
        defaultSubcommand: List.self)

    /// The application whose materials are meant: `--cycle --grade --module`, and the
    /// exceptional conditions used.
    struct Application: ParsableArguments {
        @Option(help: CycleChoice.help) var cycle: CycleChoice
        @Option(help: "申报等级：junior|intermediate|senior|technician|senior-technician，或初级工…高级技师") var grade: Grade
        @Option(help: "申报模块：normal|early|exceptional|transfer|review，或正常、提前、破格、转岗、复核") var module: Module
        @Option(name: .customLong("condition"),
                help: ArgumentHelp("使用的破格条件，代码或名称（可重复）；不写时取本周期申报记录中的，否则列出记录可证明的全部条件", valueName: "code"))
        var conditions: [String] = []

        /// The materials of `id`'s application, from the records.
        func materials(of id: IDNumber, in s: Session) throws -> ApplicationMaterials {
            let today = Environment.today
            let engine = try s.engine(today: today)
            // By code or Chinese name, as `apply` and `exceptional record` read them.
            let codes = try conditions.map { try s.catalog.condition(code: $0).code }
            let record = try s.people.record(id)
            let year = cycle.resolve(engine, asOf: today)
            do {
                return try engine.materials(for: record, grade: grade, module: module, cycle: year, conditions: codes)
            } catch {
                throw error.gongqin
            }
        }

        /// The flags again, for the commands the output suggests.
        func flags(_ cycle: Int) -> String { "--cycle \(cycle) --grade \(grade.code) --module \(module.code)" }
    }

    struct List: ReadCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "列出某人某次申报的材料清单（默认子命令：list 可省略）",
            discussion: "序号与须知一致，不适用的序号空缺；每项给出文件名、是否必需和依据记录得出的说明。JSON 为数组，每项一个对象。")

        @Argument(help: StoreOptions.personHelp) var id: String
        @OptionGroup var application: Application
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let id = try store.person(self.id)
            let materials = try context.database().read { s in try application.materials(of: id, in: s) }
            let lines = materials.applicable.map { MaterialLine($0, open: materials.open) }
            switch output.format {
            case .table:
                Console.out(MaterialsText.list(materials, output: output, flags: application.flags(materials.cycle)))
            case .json, .csv:
                // The contract's array stays an array: the note that the option is not
                // open goes to stderr, and `open` is false on every item.
                if let note = MaterialsText.notOpen(materials) { Console.errorLine(note) }
                try Render.list(lines, output, empty: "")
            }
        }
    }

    struct Check: ReadCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "上传前检查扫描件文件夹：缺项、重复、命名不对、多余文件、文件不是真正的PDF/JPEG、空文件、照片超过2MB",
            discussion: """
                每个问题一行，最后一行汇总。有问题时退出码为1，文件夹可以上传时为0。
                .DS_Store、Thumbs.db 等系统文件只作提示，不算问题。文件名按 Unicode NFC 比较，扩展名不分大小写。
                """)

        @Argument(help: "扫描件所在的文件夹", completion: .directory) var dir: String
        @Option(help: StoreOptions.personHelp) var person: String
        @OptionGroup var application: Application
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let id = try store.person(person)
            let files = try FolderScan.read(dir)
            let materials = try context.database().read { s in try application.materials(of: id, in: s) }
            let report = FolderCheck.check(files, against: materials)
            var notices = report.notices.map { "提示：" + $0.chinese }
            if let note = MaterialsText.notOpen(materials) { notices.insert("提示：" + note, at: 0) }
            let summary = MaterialsText.summary(report, materials: materials, dir: dir)
            if output.format == .json {
                try Render.json(FolderReportView(report, dir: dir, summary: summary))
                if !report.ready {
                    Console.errorLine("不符合规定：" + summary)
                    throw ExitCode(1)
                }
                return
            }
            guard report.ready else {
                throw GongQinError.refused(summary, details: report.failures.map { "✗ " + $0.chinese } + notices)
            }
            // A file name is the folder's, not gongqin's: each line is made visible whole,
            // so that a name with a line break in it cannot forge the next line.
            let p = materials.record.person
            Console.out(TextSafety.visible("材料文件夹：\(dir)（\(p.name)，\(materials.cycle)年\(materials.grade.chinese)·\(materials.module.chinese)）"))
            for entry in materials.applicable {
                if let file = report.matched[entry.number] {
                    Console.out(TextSafety.visible("  ✓ \(file)"))
                } else {
                    Console.out("  ○ \(entry.fileName)（非必要提供项，未提供）")
                }
            }
            for notice in notices { Console.out(TextSafety.visible(notice)) }
            Console.out(TextSafety.visible(summary))
        }
    }
}

/// One item, as `materials --format json|csv` prints it: the contract's keys, and more.
struct MaterialLine: Listable {
    var number: Int
    var name: String
    var file: String
    var required: Bool
    var note: String
    /// The notice's words for the item.
    var title: String
    var clause: String
    /// RULES §8 marks: ○ D C L X V, ○V (optional for veterans), H (holders only).
    var marks: [String]
    /// Whether the option is open to the person (the engine's decision).
    var open: Bool

    init(_ entry: MaterialEntry, open: Bool) {
        number = entry.number
        name = entry.item.short
        file = entry.fileName
        required = entry.required
        note = entry.chineseNote
        title = entry.item.title
        clause = entry.item.clause
        marks = entry.item.marks.map(\.rawValue)
        self.open = open
    }

    static let columns: [(key: String, title: String)] = [
        ("number", "序号"), ("name", "简称"), ("file", "文件名"), ("required", "必需"), ("note", "说明"),
        ("title", "须知原文"), ("clause", "条款"), ("marks", "标记"), ("open", "可申报"),
    ]

    func cells(_ output: OutputOptions) -> [String] {
        [String(number), name, file, String(required), note, title, clause, marks.joined(separator: ";"), String(open)]
    }
}

/// The texts of `materials` for the clerk.
enum MaterialsText {
    static func heading(_ m: ApplicationMaterials, output: OutputOptions) -> String {
        let p = m.record.person
        return "\(p.name)（\(output.show(p.idNumber))）\(p.unit) · \(p.trade) · \(m.cycle)年\(m.grade.chinese)·\(m.module.chinese)"
    }

    /// The note that the option is not open, with the failed checks, on one line.
    static func notOpen(_ m: ApplicationMaterials) -> String? {
        m.notOpenChinese.map { $0 + m.decision.failedChecks.map(\.inline).joined(separator: "；") }
    }

    static func list(_ m: ApplicationMaterials, output: OutputOptions, flags: String) -> String {
        var lines = [heading(m, output: output),
                     "材料清单：\(m.list.chinese)（\(m.list.clause)）；每个序号扫描为一个PDF（照片为jpg），按“序号+简称”命名（\(Formality.materials.citation)）"]
        if let note = m.notOpenChinese {
            lines.append("注意：" + note)
            for check in m.decision.failedChecks { lines.append("  " + check.line) }
        }
        lines.append("")
        let rows = m.applicable.map { [String($0.number), $0.fileName, $0.required ? "必需" : "可选", $0.chineseNote] }
        lines.append(Render.table(header: ["序号", "文件名", "必需", "说明"], rows: rows))
        if !m.gaps.isEmpty {
            lines.append("")
            lines.append("序号空缺（不适用于本人）：" + m.gaps.map { "\($0.number)\($0.item.short)（\($0.chineseNote)）" }
                .joined(separator: "、"))
        }
        let who = output.show(m.record.person.idNumber)
        let folder = Environment.shellQuoted("\(m.record.person.name)\(m.cycle)扫描件")
        lines.append("")
        lines.append("扫描件放入文件夹 \(folder) 后检查：gongqin materials check \(folder) --person \(who) \(flags)")
        lines.append("审批表草表：gongqin form \(who) \(flags)")
        return lines.joined(separator: "\n")
    }

    /// The last line of a check.
    static func summary(_ report: FolderReport, materials m: ApplicationMaterials, dir: String) -> String {
        let files = "共\(report.fileCount)个文件"
        let notices = report.notices.isEmpty ? "" : "（另有\(report.notices.count)条提示）"
        guard !report.ready else {
            return "\(files)，\(report.matched.count)项材料齐全、命名正确，可以上传\(notices)（\(Formality.materials.citation)）"
        }
        var counts: [FolderProblem.Kind: Int] = [:]
        for problem in report.failures { counts[problem.kind, default: 0] += 1 }
        let named = FolderProblem.Kind.allCases.compactMap { kind in counts[kind].map { "\(kind.chinese)\($0)" } }
        return "材料文件夹“\(dir)”\(files)，有\(report.failures.count)处问题（\(named.joined(separator: "，"))），"
            + "改正后再检查一次（\(Formality.materials.citation)：一个序号一个PDF，名称逐个对应，不能传错）"
    }
}

extension FolderProblem.Kind {
    var chinese: String {
        switch self {
        case .missing: "缺项"
        case .duplicate: "重复"
        case .misnamed: "命名不对"
        case .unexpected: "多余文件"
        case .wrongContent: "格式不符"
        case .empty: "空文件"
        case .photoTooLarge: "照片过大"
        case .unreadable: "无法读取"
        case .systemFile: "系统文件"
        case .notRegular: "非普通文件"
        case .subfolder: "子文件夹"
        }
    }
}

/// `materials check --format json`.
struct FolderReportView: Encodable {
    var folder: String
    var ready: Bool
    var files: Int
    var matched: [String]
    var problems: [Problem]
    var notices: [Problem]
    var summary: String

    /// A problem or a notice, with its words.
    struct Problem: Encodable {
        var kind: FolderProblem.Kind
        var file: String?
        var number: Int?
        var message: String

        init(_ problem: FolderProblem) {
            (kind, file, number, message) = (problem.kind, problem.file, problem.number, problem.chinese)
        }
    }

    init(_ report: FolderReport, dir: String, summary: String) {
        folder = dir
        ready = report.ready
        files = report.fileCount
        matched = report.matched.keys.sorted().map { report.matched[$0]! }
        problems = report.failures.map(Problem.init)
        notices = report.notices.map(Problem.init)
        self.summary = summary
    }
}

/// Reads a folder for `materials check`: each entry's name (in Unicode NFC), size and
/// first bytes. The only file I/O of the check; the judging is GongQinCore's.
enum FolderScan {
    /// How many leading bytes identify a file's type.
    static let leadingCount = 16

    static func read(_ dir: String) throws -> [ScannedFile] {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: dir, isDirectory: &isDirectory) else {
            throw GongQinError(.unreadableFile, "文件夹“\(dir)”不存在", hint: "请检查路径")
        }
        guard isDirectory.boolValue else {
            throw GongQinError(.unreadableFile, "“\(dir)”不是文件夹", hint: "请给出扫描件所在的文件夹")
        }
        let names: [String]
        do {
            names = try fm.contentsOfDirectory(atPath: dir)
        } catch {
            throw GongQinError(.unreadableFile, "无法读取文件夹“\(dir)”", hint: "请检查文件夹的读权限")
        }
        return names.map { name in
            let path = (dir as NSString).appendingPathComponent(name)
            // NFKC: `６继续教育.pdf` is `6继续教育.pdf` (README, full-width input).
            let nfc = Normalise.text(name)
            var entryIsDirectory: ObjCBool = false
            _ = fm.fileExists(atPath: path, isDirectory: &entryIsDirectory)
            if entryIsDirectory.boolValue { return ScannedFile(name: nfc, size: 0, leadingBytes: [], isDirectory: true) }
            // A FIFO would block the read forever, a device never end: not opened (README, “Hostile text and outputs”).
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
                return ScannedFile(name: nfc, size: 0, leadingBytes: [], isSpecial: true)
            }
            let size = (try? fm.attributesOfItem(atPath: (path as NSString).resolvingSymlinksInPath)[.size] as? NSNumber)?.intValue
            // Opened without blocking and checked again once open: a file turned into a
            // FIFO since the stat above is not read either.
            guard let handle = InputFile.openRegular(path), let size else {
                return ScannedFile(name: nfc, size: size ?? 0, leadingBytes: [], readable: false)
            }
            defer { try? handle.close() }
            let bytes = (try? handle.read(upToCount: leadingCount)).map { [UInt8]($0) } ?? []
            return ScannedFile(name: nfc, size: size, leadingBytes: bytes)
        }
    }
}
