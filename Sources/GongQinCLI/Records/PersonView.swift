import GongQinCore
import GongQinStore

/// A person's whole record, as `person show` prints it (CLI.md, records): the `Person` as
/// it encodes itself, with the keys this view adds beside its own.
struct PersonView: Encodable {
    var person: Person
    var department: String?
    // Each record with its number (`编号`, `"id"`), which `KIND update N` and `KIND remove N` take.
    var certificates: [NumberedLine<Certificate>]
    var transfers: [NumberedLine<Transfer>]
    var assessments: [NumberedLine<AnnualAssessment>]
    var education: [NumberedLine<Education>]
    var awards: [NumberedLine<Award>]
    var trainings: [NumberedLine<Training>]
    var exceptionalUses: [NumberedLine<HistoricUseLine>]
    var applications: [Application]
    var jobs: [NumberedLine<JobLine>]

    init(_ record: PersonRecord, numbered n: NumberedRecords, unit: Unit) {
        person = record.person
        department = unit.department
        func lines<R, L: Listable>(_ items: [Numbered<R>], _ line: (R) -> L) -> [NumberedLine<L>] {
            items.map { NumberedLine(id: $0.id, line: line($0.record)) }
        }
        certificates = lines(n.certificates) { $0 }
        transfers = lines(n.transfers) { $0 }
        assessments = lines(n.assessments) { $0 }
        education = lines(n.education) { $0 }
        awards = lines(n.awards) { $0 }
        trainings = lines(n.trainings) { $0 }
        exceptionalUses = lines(n.uses, HistoricUseLine.init)
        applications = record.applications
        jobs = lines(n.jobs, JobLine.init)
    }

    /// The keys beside the person's own. The trainings keep the key `person show` has
    /// always printed them under.
    private enum Key: String, CodingKey {
        case sex, birthDate, department, certificates, transfers, assessments, education, awards
        case trainings = "continuingEducation", exceptionalUses, applications, jobs
    }

    func encode(to encoder: any Encoder) throws {
        try person.encode(to: encoder)
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(person.idNumber.sex, forKey: .sex)
        try c.encode(person.idNumber.birthDate, forKey: .birthDate)
        try c.encodeIfPresent(department, forKey: .department)
        try c.encode(certificates, forKey: .certificates)
        try c.encode(transfers, forKey: .transfers)
        try c.encode(assessments, forKey: .assessments)
        try c.encode(education, forKey: .education)
        try c.encode(awards, forKey: .awards)
        try c.encode(trainings, forKey: .trainings)
        try c.encode(exceptionalUses, forKey: .exceptionalUses)
        try c.encode(applications, forKey: .applications)
        try c.encode(jobs, forKey: .jobs)
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
            section("继续教育", Key.trainings.rawValue, trainings, output),
            section("破格条件使用", "exceptionalUses", exceptionalUses, output),
            ("申报", "applications", ["编号", "周期", "等级", "模块", "工种", "状态", "申报日期"],
             applications.map { [String($0.id), String($0.cycle), $0.grade.chinese, $0.module.chinese, $0.trade,
                                 $0.status.chinese, $0.filedOn.description] }),
        ]
    }

    private var identity: [(String, String?)] {
        [
            ("单位", person.unit + (department.map { "（主管部门：\($0)）" } ?? "")),
            ("工种", person.trade),
            ("参加工作", person.workStart.description),
            ("试用期满", person.probationEnd?.description),
            ("入伍", person.enlisted?.description),
            ("退役", person.discharged?.description),
            ("安置", person.placed?.description),
            ("外省调入", person.fromProvince.map { "自\($0)调入" }),
        ]
    }

    func text(_ output: OutputOptions) -> String {
        let id = person.idNumber
        var out = ["\(person.name)（\(id.sex.chinese)，\(id.birthDate)生）",
                   Render.fields([("身份证号", output.show(id))] + identity)]
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

    /// One line per record that removing the person would remove (`person remove`):
    /// `等级证书：编号 2  汽车驾驶与管理  中级工  2012-06-01 …`.
    /// The uses and applications are not among them: they keep the person (X1).
    func removalLines(_ output: OutputOptions) -> [String] {
        sections(output).filter { !["exceptionalUses", "applications"].contains($0.key) }.flatMap { section in
            section.rows.map { row in
                "\(section.title)：" + zip(section.header, row).filter { !$0.1.isEmpty }.map { "\($0.0) \($0.1)" }.joined(separator: "，")
            }
        }
    }

    /// `section,row,field,value` lines: the whole record in one CSV.
    func csv(_ output: OutputOptions) -> String {
        var lines = [Render.csvLine(["section", "row", "field", "value"])]
        let id = person.idNumber
        let fields: [(String, String?)] = [("idNumber", id.text), ("name", person.name), ("sex", id.sex.rawValue),
                                           ("birthDate", id.birthDate.description), ("department", department)]
            + identity.map { ($0.0, $0.1) }
        for (field, value) in fields { lines.append(Render.csvLine(["person", "1", field, value.cell])) }
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
