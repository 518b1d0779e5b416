import GongQinCore
import GongQinStore

/// A person's whole record, as `person show` prints it (CLI.md, records).
struct PersonView: Encodable {
    var idNumber: IDNumber
    var name: String
    var sex: IDNumber.Sex
    var birthDate: Day
    var unit: String
    var department: String?
    var trade: String
    var workStart: Day
    var probationEnd: Day?
    var enlisted: Day?
    var discharged: Day?
    var placed: Day?
    var fromProvince: String?
    // Each record with its number (`编号`, `"id"`), which `KIND update N` and `KIND remove N` take.
    var certificates: [NumberedLine<Certificate>]
    var transfers: [NumberedLine<Transfer>]
    var assessments: [NumberedLine<AnnualAssessment>]
    var education: [NumberedLine<Education>]
    var awards: [NumberedLine<Award>]
    /// The trainings, under the JSON key `person show` has always printed them with.
    var continuingEducation: [NumberedLine<Training>]
    var exceptionalUses: [NumberedLine<HistoricUseLine>]
    var applications: [Application]
    var jobs: [NumberedLine<JobLine>]

    init(_ record: PersonRecord, numbered n: NumberedRecords, unit: Unit) {
        let p = record.person
        idNumber = p.idNumber
        name = p.name
        sex = p.idNumber.sex
        birthDate = p.idNumber.birthDate
        self.unit = p.unit
        department = unit.department
        trade = p.trade
        workStart = p.workStart
        probationEnd = p.probationEnd
        enlisted = p.enlisted
        discharged = p.discharged
        placed = p.placed
        fromProvince = p.fromProvince
        func lines<R, L: Listable>(_ items: [Numbered<R>], _ line: (R) -> L) -> [NumberedLine<L>] {
            items.map { NumberedLine(id: $0.id, line: line($0.record)) }
        }
        certificates = lines(n.certificates) { $0 }
        transfers = lines(n.transfers) { $0 }
        assessments = lines(n.assessments) { $0 }
        education = lines(n.education) { $0 }
        awards = lines(n.awards) { $0 }
        continuingEducation = lines(n.trainings) { $0 }
        exceptionalUses = lines(n.uses, HistoricUseLine.init)
        applications = record.applications
        jobs = lines(n.jobs, JobLine.init)
    }

    typealias Section = (title: String, key: String, header: [String], rows: [[String]])

    /// A section of records listed as their own `list`/`add` commands list them, with the
    /// values as a person reads them (中级工, not `intermediate`) in every format.
    private func section<T: Listable>(_ title: String, _ key: String, _ items: [T], _ output: OutputOptions) -> Section {
        var shown = output
        shown.format = .table
        return (title, key, T.columns.map(\.title), items.map { $0.cells(shown) })
    }

    /// The sections of the record: a title, the column titles and the rows.
    private func sections(_ output: OutputOptions) -> [Section] {
        [
            section("等级证书", "certificates", certificates, output),
            section("转岗", "transfers", transfers, output),
            section("年度考核", "assessments", assessments, output),
            section("学历", "education", education, output),
            // Jobs: their own list carries the F1 line, which this view does not need.
            ("工作经历", "jobs", ["编号", "起始", "截止", "工作单位", "岗位"],
             jobs.map { [String($0.id), $0.line.from.description, $0.line.to?.description ?? "至今", $0.line.unit, $0.line.post] }),
            section("奖励", "awards", awards, output),
            section("继续教育", "continuingEducation", continuingEducation, output),
            section("破格条件使用", "exceptionalUses", exceptionalUses, output),
            ("申报", "applications", ["编号", "周期", "等级", "模块", "工种", "状态", "申报日期"],
             applications.map { [String($0.id), String($0.cycle), $0.grade.chinese, $0.module.chinese, $0.trade,
                                 $0.status.chinese, $0.filedOn.description] }),
        ]
    }

    private var identity: [(String, String?)] {
        [
            ("单位", unit + (department.map { "（主管部门：\($0)）" } ?? "")),
            ("工种", trade),
            ("参加工作", workStart.description),
            ("试用期满", probationEnd?.description),
            ("入伍", enlisted?.description),
            ("退役", discharged?.description),
            ("安置", placed?.description),
            ("外省调入", fromProvince.map { "自\($0)调入" }),
        ]
    }

    func text(_ output: OutputOptions) -> String {
        var out = ["\(name)（\(sex.chinese)，\(birthDate)生）",
                   Render.fields([("身份证号", output.show(idNumber))] + identity)]
        for section in sections(output) {
            out.append("")
            if section.rows.isEmpty {
                out.append("\(section.title)：无")
            } else {
                out.append("\(section.title)：")
                out.append(Render.table(header: section.header, rows: section.rows)
                    .split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            }
        }
        return out.joined(separator: "\n")
    }

    /// `section,row,field,value` lines: the whole record in one CSV.
    func csv(_ output: OutputOptions) -> String {
        var lines = [Render.csvLine(["section", "row", "field", "value"])]
        let person: [(String, String?)] = [("idNumber", idNumber.text), ("name", name), ("sex", sex.rawValue),
                                           ("birthDate", birthDate.description), ("department", department)]
            + identity.map { ($0.0, $0.1) }
        for (field, value) in person { lines.append(Render.csvLine(["person", "1", field, value.cell])) }
        for section in sections(output) {
            for (i, row) in section.rows.enumerated() {
                for (field, value) in zip(section.header, row) {
                    lines.append(Render.csvLine([section.key, String(i + 1), field, value]))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
