import ArgumentParser
import GongQinCore
import GongQinStore

/// `gongqin form ID …` drafts the approval form (审批表, 附件1) per RULES F1 (须知·五);
/// `gongqin form remark set|show` keeps the default employer remark of 工作业绩.
struct FormCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "form",
        abstract: "审批表（附件1）草表：按 F1 从记录生成各栏，供在申报系统中填写",
        discussion: """
            生成某人某次申报的审批表草表（默认子命令 draft）；form remark set / show：没有奖励的人员工作业绩栏所填的默认评语（不能为空）。
            """,
        subcommands: [Draft.self, Remark.self],
        defaultSubcommand: Draft.self)

    struct Draft: ReadCommand {
        static let configuration = CommandConfiguration(
            commandName: "draft",
            abstract: "生成某人某次申报的审批表草表（默认子命令：draft 可省略）",
            discussion: """
                隶属统一填写常州市；出生年月、性别由身份证号得出；转岗人员原持证工种、证书号码、取证时间两证并排；
                工作简历按工作经历（job add）逐段一行，现任岗位开放；工作业绩按奖励列出，没有奖励时填用人单位评语（\(Formality.F1.citation)）。
                """)

        @Argument(help: StoreOptions.personHelp) var id: String
        @OptionGroup var application: MaterialsCommand.Application
        @Option(help: "没有奖励时工作业绩栏的评语（默认用 form remark set 设置的，未设置时用须知的示例）") var remark: String?
        @Option(name: .customLong("output"), help: ArgumentHelp("把草表写成 Excel 工作簿（.xlsx），版式同附件1；身份证号隐去中间8位，加 --reveal 写出完整号码", valueName: "file"),
                completion: .file(extensions: ["xlsx"]))
        var outputFile: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var header: HeaderOptions

        func run() throws {
            try header.check(output)
            if let outputFile, SpreadsheetFile.ext(outputFile) != "xlsx" {
                throw GongQinError.usage("审批表草表的输出文件“\(outputFile)”须为 .xlsx", hint: "例如 --output 审批表.xlsx")
            }
            let id = try store.person(self.id)
            var given: String?
            if let remark {
                do { given = try ApprovalForm.remark(remark) } catch { throw error.gongqin }
            }
            // The list of the grade and module decides whether the notice has a form for
            // it at all (T3, V0, E2/E3), and the engine whether the option is open.
            let (materials, stored, head, seal) = try context.database().read { s in
                (try application.materials(of: id, in: s), try s.settings.formRemark(), try s.integrity.head()?.description,
                 try s.integrity.sealState())
            }
            var form: ApprovalForm
            do {
                form = try ApprovalForm.draft(materials.record, grade: materials.grade, module: materials.module,
                                              cycle: materials.cycle, remark: given ?? stored)
            } catch {
                throw error.gongqin
            }
            form.open = materials.open
            var notes = form.findings.map(\.chinese)
            if let note = MaterialsText.notOpen(materials) { notes.insert(note, at: 0) }
            if given != nil, !form.achievementsAreRemark { notes.append("已登记奖励，工作业绩按奖励填写，未使用 --remark") }
            let draft = FormDraft(form: form, notes: notes)
            if let outputFile {
                try FormSheet.write(draft, output: output, head: head, seal: seal, to: outputFile)
                Console.out("已写出审批表草表：\(outputFile)" + (output.reveal ? "" : "（身份证号隐去中间8位；加 --reveal 写出完整号码）"))
                return
            }
            switch output.format {
            case .json: try Render.json(draft)
            case .csv:
                let chinese = header.chineseHeader
                Console.out(Render.csvLine(chinese ? ["栏目", "内容"] : ["field", "value"]))
                for (key, label, value) in FormText.fields(form, output: output) {
                    Console.out(Render.csvLine([chinese ? label : key, value ?? ""]))
                }
                Console.out(Render.csvLine([chinese ? "变更日志头" : "logHead", head ?? ""]))
            case .table:
                Console.out(FormText.text(draft, output: output))
                Console.out(Render.logHeadLine(head, seal: seal))
            }
        }
    }

    struct Remark: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remark",
            abstract: "没有奖励的人员工作业绩栏的默认评语（\(Formality.F1.citation(paragraph: "3(3)"))）", subcommands: [SetRemark.self, ShowRemark.self])

        struct SetRemark: WriteCommand {
            static let configuration = CommandConfiguration(commandName: "set", abstract: "设置默认评语（不能为空）")

            @Argument(help: "评语，如“该同志工作认真负责，积极主动，刻苦钻研业务。”") var text: String
            @OptionGroup var store: StoreOptions

            func run() throws {
                let remark = try context.open().write { s in try s.settings.setFormRemark(text) }
                Console.out("已设置工作业绩默认评语：\(remark)")
            }
        }

        struct ShowRemark: ReadCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "显示默认评语")

            @OptionGroup var store: StoreOptions
            @OptionGroup var output: OutputOptions

            struct View: Encodable {
                var remark: String
                var builtin: Bool
            }

            func run() throws {
                let remark = try context.database().read { s in try s.settings.formRemark() }
                let view = View(remark: remark, builtin: remark == ApprovalForm.defaultRemark)
                switch output.format {
                case .json: try Render.json(view)
                case .table, .csv: Console.out(remark + (view.builtin ? "（须知示例，未另行设置）" : ""))
                }
            }
        }
    }
}

/// The draft as the outputs show it: the form, and the notes under it (its findings worded,
/// whether the option is open, the remark not used). JSON: the form's keys and `notes`.
struct FormDraft: Encodable {
    var form: ApprovalForm
    var notes: [String]

    private enum Key: String, CodingKey { case notes }

    func encode(to encoder: any Encoder) throws {
        try form.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(notes, forKey: .notes)
    }
}

/// The form as text a clerk can copy, field by field, into the online form.
enum FormText {
    /// The single-line fields, in the form's order: (key, label, value). A transferred
    /// person's two certificates stand side by side in each field (F1, 须知·五·2).
    static func fields(_ form: ApprovalForm, output: OutputOptions) -> [(key: String, label: String, value: String?)] {
        let held = form.heldCertificates
        let sideBySide: (([ApprovalForm.HeldCertificate]) -> [String]) -> String? = { field in
            held.isEmpty ? nil : field(held).joined(separator: "、")
        }
        return [
            ("affiliation", "隶属", form.affiliation),
            ("name", "姓名", form.name),
            ("sex", "性别", form.sex),
            ("birthMonth", "出生年月", form.birthMonth),
            ("idNumber", "身份证号", output.show(form.idNumber)),
            ("unit", "工作单位", form.unit),
            ("workStart", "参加工作时间", form.workStart.chineseMonth),
            ("education", "学历", form.education?.summary ?? "（未登记）"),
            ("verification", "学历认证", form.education?.verification),
            ("heldTrade", "原持证技术工种", sideBySide { $0.map(\.trade) } ?? "（无）"),
            ("heldGrade", "原技术等级", sideBySide { $0.map(\.grade.chinese) }),
            ("certificateNumber", "证书号码", sideBySide { $0.map { $0.number ?? "（未登记）" } }),
            ("certificateIssued", "取证时间", sideBySide { $0.map(\.issued.chineseMonth) }),
            ("trade", "申报考评工种", form.trade),
            ("grade", "申报等级", form.grade.chinese),
            ("workHistory", "工作简历", form.workHistory.joined(separator: "\n")),
            ("achievements", "工作业绩", form.achievements.joined(separator: "\n")),
        ]
    }

    static func text(_ draft: FormDraft, output: OutputOptions) -> String {
        let form = draft.form
        let single = fields(form, output: output).filter { $0.key != "workHistory" && $0.key != "achievements" }
        var lines = [
            "江苏省机关事业单位工勤技能岗位技术等级考评审批表（附件1）草表：\(form.cycle)年\(form.grade.chinese)·\(form.module.chinese)",
            "按 \(Formality.F1.rawValue)（\(Formality.F1.clause)）生成，请在申报系统里逐栏填写后下载，一式两份",
            "",
            Render.fields(single.map { ($0.label, $0.value) }),
            "",
            "工作简历：",
        ]
        lines += form.workHistory
        lines.append("")
        lines.append(form.achievementsAreRemark ? "工作业绩（无奖励，填用人单位评语）：" : "工作业绩：")
        lines += form.achievements
        if !draft.notes.isEmpty {
            lines.append("")
            lines += draft.notes.map { "注：\($0)" }
        }
        return lines.joined(separator: "\n")
    }
}

/// The draft as a sheet laid out like 附件1 (`form draft … --output FILE.xlsx`): label cells
/// and value cells in a grid of six columns, 工作简历 and 工作业绩 as cells of several lines,
/// the notes under it, A4 portrait fitted to the width, the log head in the footer. The
/// identity number is masked unless `--reveal`, as on the screen.
enum FormSheet {
    static let widths: [Double] = [15, 18, 13, 18, 13, 20]

    static func write(_ draft: FormDraft, output: OutputOptions, head: String?, seal: SealState?, to path: String) throws {
        let form = draft.form
        let book = try Workbook(path: path, sheetName: "审批表草表", widths: widths)
        let values = Dictionary(FormText.fields(form, output: output).map { ($0.key, $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
        func value(_ key: String) -> String { values[key] ?? "" }
        /// One line of the grid: each part a text in a style spanning some columns.
        func line(_ parts: [(String, Workbook.Style, Int)], height: Double? = nil) {
            var cells: [(Workbook.Cell, Workbook.Style)] = []
            var spans: [ClosedRange<Int>] = []
            for (text, style, span) in parts {
                spans.append(cells.count...(cells.count + span - 1))
                cells.append((.text(text), style))
                cells += Array(repeating: (.text(""), style), count: span - 1)
            }
            book.row(cells, height: height)
            for span in spans { book.merge(row: book.lastRow, columns: span) }
        }
        func label(_ text: String) -> (String, Workbook.Style, Int) { (text, .label, 1) }
        func field(_ key: String, span: Int = 1) -> (String, Workbook.Style, Int) { (value(key), .value, span) }
        /// A height that shows `lines` lines of text, at least two.
        func height(_ text: String, width: Int, lines least: Int = 2) -> Double {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { max(1, (Render.displayWidth(String($0)) + width - 1) / width) }.reduce(0, +)
            return Double(max(least, lines)) * 16 + 8
        }
        let title = "江苏省机关事业单位工勤技能岗位技术等级考评审批表"
        line([(title, .title, 6)], height: 36)
        line([("（附件1）草表：\(form.cycle)年\(form.grade.chinese)·\(form.module.chinese)；按 \(Formality.F1.rawValue)（\(Formality.F1.clause)）生成，请在申报系统里逐栏填写后下载，一式两份",
               .note, 6)], height: 20)
        line([label("隶属"), field("affiliation", span: 5)], height: 24)
        line([label("姓名"), field("name"), label("性别"), field("sex"), label("出生年月"), field("birthMonth")], height: 24)
        line([label("身份证号"), field("idNumber", span: 3), label("参加工作时间"), field("workStart")], height: 24)
        line([label("工作单位"), field("unit", span: 5)], height: 24)
        line([label("学历"), field("education", span: 5)], height: 24)
        line([label("学历认证"), field("verification", span: 5)], height: height(value("verification"), width: 96))
        line([label("原持证技术工种"), field("heldTrade"), label("原技术等级"), field("heldGrade"), label("取证时间"),
              field("certificateIssued")], height: 32)
        line([label("证书号码"), field("certificateNumber", span: 5)], height: 24)
        line([label("申报考评工种"), field("trade"), label("申报等级"), field("grade"), label("申报类别"),
              (form.module.chinese, .value, 1)], height: 24)
        line([label("工作简历"), (value("workHistory"), .lines, 5)], height: height(value("workHistory"), width: 96, lines: 5))
        let achievements = (form.achievementsAreRemark ? "（无奖励，填用人单位评语）\n" : "") + value("achievements")
        line([label("工作业绩"), (achievements, .lines, 5)], height: height(achievements, width: 96, lines: 5))
        for note in draft.notes { line([("注：\(note)", .note, 6)], height: height(note, width: 110)) }
        line([(Render.logHeadLine(head, seal: seal), .note, 6)], height: 32)
        book.setPage(Workbook.Page(landscape: false, fitToWidth: true, repeatedRows: nil, footer: Render.logHeadFooter(head, seal: seal)))
        book.setProperties(title: "\(title)（草表）：\(form.name)，\(form.cycle)年\(form.grade.chinese)",
                           description: Render.logHeadLine(head, seal: seal))
        try book.commit()
    }
}
