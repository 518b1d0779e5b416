/// The file format of `import KIND FILE` and `export KIND` (IMPORT.md): one row per record,
/// a header row naming the columns by the long flag of the matching `add` command or by
/// its Chinese label. The fields are defined once, as data, in each kind's spec
/// (Records/RecordSpec.swift); the CLI, the README and the tests read them from
/// `RecordKind.fields`.

/// One column: the long flag of the `add` command, its Chinese label, whether a row must
/// fill it, and further header spellings accepted.
public struct FieldSpec: Hashable, Sendable {
    public let name: String
    public let label: String
    public let required: Bool
    public let aliases: [String]
    /// What the column holds, for the README.
    public let help: String
    /// A date column: a spreadsheet's date serial in it is read as the day it stands for.
    public let isDate: Bool

    init(_ name: String, _ label: String, required: Bool = false, date: Bool = false, aliases: [String] = [],
         _ help: String = "") {
        self.name = name
        self.label = label
        self.required = required
        self.isDate = date
        self.aliases = aliases
        self.help = help
    }

    public var isIDNumber: Bool { name == Self.idNumberName }

    /// The identity-number column of every kind that belongs to a person.
    public static let idNumberName = "id-number"

    /// The person's (`RecordSpecs.person`), which every file of a person's records leads with.
    static let idNumber = RecordSpecs.person.fields[0].fileColumn

    /// 性别: derived from the identity number (GB 11643: the 17th digit odd is a man),
    /// checked against it.
    public static let sex = FieldSpec("sex", "性别", "男/女，须与身份证号相符")
    /// 出生年月: derived from the identity number, checked against it.
    public static let birthMonth = FieldSpec("birth-month", "出生年月", aliases: ["出生日期", "出生年月日"], "须与身份证号相符")
    /// 姓名 in a file of a person's records: checked against the name the person is
    /// registered under. Its English header is not `name`, which awards and trainings use.
    public static let personName = FieldSpec("person-name", "姓名", aliases: ["人员姓名"], "须与该身份证号登记的姓名相同")
}

/// The columns of one kind of file: what it is called, the command that adds one of its
/// records, the columns it stores, and the columns that repeat a fact gongqin derives or
/// keeps, which are read and checked, never stored.
public struct FileLayout: Sendable {
    /// `人员`, as messages name the file's kind.
    public let chinese: String
    /// The command whose long flags are the header.
    public let command: String
    /// The columns stored: one per field of the record.
    public let fields: [FieldSpec]
    /// The columns checked: 性别 and 出生年月 against the identity number, 姓名 against the
    /// person in a file of a person's records.
    public let checked: [FieldSpec]
    /// Groups of fields of which a header must have at least one.
    public let oneOf: [[String]]

    public init(chinese: String, command: String, fields: [FieldSpec], checked: [FieldSpec], oneOf: [[String]] = []) {
        self.chinese = chinese
        self.command = command
        self.fields = fields
        self.checked = checked
        self.oneOf = oneOf
    }

    /// What a header problem says of the layout.
    var named: HeaderProblem.Layout { HeaderProblem.Layout(chinese: chinese, command: command, fields: fields) }

    /// The column a problem of field `name` is about: a field or a checked column.
    public func spec(_ name: String) -> FieldSpec? {
        fields.first { $0.name == name } ?? checked.first { $0.name == name }
    }
}

/// What is wrong with the header row of an import file (`FileHeader`): the facts, which
/// GongQinCLI/Wording/CoreWording.swift words.
public enum HeaderProblem: Error, Hashable, Sendable {
    /// The file has no row.
    case empty(Layout)
    /// The columns of the header, at `row` when it is not the file's first: each problem, in
    /// the order of the columns.
    case columns(Layout, [Column], row: Int?)
    /// No row was judged: a fault of gongqin's.
    case notFound

    /// What is wrong with a column, numbered from 1.
    public enum Column: Hashable, Sendable {
        /// `name` names no column of the file.
        case unknown(Int, String)
        /// `name` names the column `earlier` named already.
        case repeated(Int, String, earlier: Int)
        /// Required columns are missing: each group is one of which the header needs any.
        case missing([[FieldSpec]])
    }

    /// The file's kind as the words name it, the command whose flags are its header, its fields.
    public struct Layout: Hashable, Sendable {
        public let chinese: String
        public let command: String
        public let fields: [FieldSpec]
    }
}

/// The kinds of record a file holds.
public enum RecordKind: String, CaseIterable, Sendable {
    case units
    case trades
    case persons
    case certs
    case transfers
    case assessments
    case education
    case awards
    case training
    case exceptional
    case jobs

    public var chinese: String {
        switch self {
        case .units: "用人单位"
        case .trades: "工种"
        case .persons: "人员"
        case .certs: "等级证书"
        case .transfers: "转岗"
        case .assessments: "年度考核"
        case .education: "学历"
        case .awards: "奖励"
        case .training: "继续教育"
        case .exceptional: "历史破格使用"
        case .jobs: "工作经历"
        }
    }

    /// The command that adds one record of the kind; its long flags are the header.
    public var command: String {
        switch self {
        case .units: "unit add NAME"
        case .trades: "trade add NAME"
        case .persons: "person add"
        case .certs: "cert add ID"
        case .transfers: "transfer add ID"
        case .assessments: "assessment add ID"
        case .education: "education add ID"
        case .awards: "award add ID"
        case .training: "training add ID"
        case .exceptional: "exceptional record ID"
        case .jobs: "job add ID"
        }
    }

    /// The columns of the kind's file, from its spec, made once (a file reads them for
    /// every row).
    public var fields: [FieldSpec] { described.fileColumns }

    /// Whether the kind's records belong to a person: its files carry 姓名 beside the ID.
    public var isPersonal: Bool { ![.units, .trades, .persons].contains(self) }

    /// The columns read and checked, never stored (IMPORT.md, “各单位的真实表格”).
    public var checkedFields: [FieldSpec] {
        self == .persons ? [.sex, .birthMonth] : isPersonal ? [.personName, .sex, .birthMonth] : []
    }

    /// The columns `export` writes: the fields, and 姓名 after the ID in a file of a
    /// person's records, so that a person can read it.
    public var exportFields: [FieldSpec] { isPersonal ? [fields[0], .personName] + fields.dropFirst() : fields }

    public var layout: FileLayout { FileLayout(chinese: chinese, command: command, fields: fields, checked: checkedFields) }

    /// `units（用人单位）、trades（工种）…`, for messages.
    public static var choices: String { allCases.map { "\($0.rawValue)（\($0.chinese)）" }.joined(separator: "、") }
}

/// The header of a file: which column holds which field.
public struct FileHeader: Sendable {
    public let layout: FileLayout
    /// The header as the file writes it.
    public let names: [String]
    /// For each field of the layout, in order, the column that holds it.
    public let columns: [Int?]
    /// For each checked column of the layout, in order, the column that holds it.
    public let checkedColumns: [Int?]
    /// The columns read as no field: 序号, and a report's 行号 and 错误.
    public let ignored: Set<Int>

    public var fields: [FieldSpec] { layout.fields }

    /// Columns of an error report (`--report`), ignored when the report comes back fixed.
    public static let reportColumns: [(name: String, label: String)] = [("row", "行号"), ("errors", "错误")]

    /// Columns a clerk's sheet carries that are not a field, ignored: the running number.
    public static let ignoredColumns: Set<String> = ["序号", "编号", "no", "no.", "#"]

    /// A header cell as it is compared: without white space (Excel wraps long headers
    /// onto two lines) and full-width brackets, which NFKC has already made ASCII.
    static func key(_ name: String) -> String {
        String(name.filter { !$0.isWhitespace }.map { $0 == "（" ? "(" : $0 == "）" ? ")" : $0 }).lowercased()
    }

    public init(kind: RecordKind, names: [String]) throws(HeaderProblem) {
        try self.init(layout: kind.layout, names: names)
    }

    /// What a header cell names: a field, a checked column, a column read as nothing, or
    /// nothing gongqin knows.
    enum Meaning: Equatable {
        case field(Int)
        case checked(Int)
        case ignored
        case unknown
    }

    static func meaning(of raw: String, in layout: FileLayout) -> Meaning? {
        let name = raw.trimmingSpaces
        if name.isEmpty { return nil }
        let key = Self.key(name)
        if Self.reportColumns.contains(where: { $0.name == key || $0.label == key }) || Self.ignoredColumns.contains(key) {
            return .ignored
        }
        func names(_ field: FieldSpec) -> Bool {
            field.name == key || Self.key(field.label) == key || field.aliases.contains { Self.key($0) == key }
        }
        if let index = layout.fields.firstIndex(where: names) { return .field(index) }
        if let index = layout.checked.firstIndex(where: names) { return .checked(index) }
        return .unknown
    }

    /// Reads the header row. Every column must name a field or a checked column of the
    /// layout (by flag name, Chinese label or alias), none twice, and every required field
    /// must be there.
    public init(layout: FileLayout, names: [String]) throws(HeaderProblem) {
        self.layout = layout
        self.names = names
        let fields = layout.fields
        var columns = [Int?](repeating: nil, count: fields.count)
        var checkedColumns = [Int?](repeating: nil, count: layout.checked.count)
        var ignored = Set<Int>()
        var problems: [HeaderProblem.Column] = []
        for (column, raw) in names.enumerated() {
            let name = raw.trimmingSpaces
            switch Self.meaning(of: raw, in: layout) {
            case nil: continue
            case .ignored: ignored.insert(column)
            case .unknown: problems.append(.unknown(column + 1, name))
            case .field(let index):
                if let earlier = columns[index] { problems.append(.repeated(column + 1, name, earlier: earlier + 1)) }
                columns[index] = column
            case .checked(let index):
                if let earlier = checkedColumns[index] { problems.append(.repeated(column + 1, name, earlier: earlier + 1)) }
                checkedColumns[index] = column
            }
        }
        let missing = zip(fields, columns).filter { $0.0.required && $0.1 == nil }.map { [$0.0] }
            + layout.oneOf.filter { group in !group.contains { name in fields.indices.contains { fields[$0].name == name && columns[$0] != nil } } }
                .map { group in group.compactMap { name in fields.first { $0.name == name } } }
        if !missing.isEmpty { problems.append(.missing(missing)) }
        guard problems.isEmpty else { throw .columns(layout.named, problems, row: nil) }
        self.columns = columns
        self.checkedColumns = checkedColumns
        self.ignored = ignored
    }

    /// A row with nothing but a 序号 (a template's numbered empty lines) holds no record.
    public func isEmpty(_ row: [String]) -> Bool {
        row.indices.allSatisfy { ignored.contains($0) || row[$0].trimmingSpaces.isEmpty }
    }

    /// A row's cells, one per field of the layout; nil where the file has no such column.
    public func values(of row: [String]) -> [String?] {
        columns.map { column in column.flatMap { $0 < row.count ? row[$0] : "" } }
    }

    /// A row's cells of the checked columns, by field name; only those the file has and
    /// the row fills.
    public func checkedValues(of row: [String]) -> [String: String] {
        var out: [String: String] = [:]
        for (field, column) in zip(layout.checked, checkedColumns) {
            if let column, column < row.count, let text = Values.text(row[column]) { out[field.name] = text }
        }
        return out
    }
}

// MARK: - The header among the first rows (IMPORT.md, “各单位的真实表格”)

extension FileHeader {
    /// How many rows with anything in them are searched for the header: a title, a line of
    /// scope and date, a header of two rows under merged group titles.
    public static let searchedRows = 20

    /// The header among the first rows of a sheet: the first row that reads as a header of
    /// `layout`; the rows above it are not records (the caller names them in a notice).
    /// When none reads as one, the row naming the most columns is the one judged, and its
    /// error thrown, with its row number when it is not the first.
    public static func find(layout: FileLayout, rows: [(row: Int, cells: [String])]) throws(HeaderProblem) -> (header: FileHeader, row: Int) {
        var best: (row: Int, cells: [String], known: Int)?
        for (row, cells) in rows.prefix(searchedRows) {
            if let header = try? FileHeader(layout: layout, names: cells) { return (header, row) }
            let known = cells.filter { meaning(of: $0, in: layout).map { $0 != .unknown } ?? false }.count
            if best == nil || known > best!.known { best = (row, cells, known) }
        }
        guard let best else { throw .empty(layout.named) }
        do {
            _ = try FileHeader(layout: layout, names: best.cells)
        } catch {
            guard best.row != rows.first?.row, case .columns(let file, let problems, nil) = error else { throw error }
            throw .columns(file, problems, row: best.row)
        }
        throw .notFound
    }
}

// MARK: - The checked columns: 性别 and 出生年月 against the identity number

extension FileHeader {
    /// The problems of a row's 性别 and 出生年月 against its identity number (GB 11643:
    /// the birth date is digits 7–14, the 17th digit odd is a man). A column the file
    /// lacks or a cell left empty is not checked.
    public static func checkedProblems(_ values: [String: String], id: IDNumber) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if let sex = values[FieldSpec.sex.name] {
            switch sex {
            case "男", "男性": if id.sex != .male { problems.append(sexProblem(sex, id)) }
            case "女", "女性": if id.sex != .female { problems.append(sexProblem(sex, id)) }
            default: problems.append(FieldProblem(FieldSpec.sex.name, .sexUnreadable(sex)))
            }
        }
        if let text = values[FieldSpec.birthMonth.name] {
            let digits = text.allSatisfy { $0.isASCII && $0.isNumber }
            let parsed: Day? = digits && text.count == 6 ? Day(year: Int(text.prefix(4))!, month: Int(text.suffix(2))!, day: 1)
                : digits && text.count == 8 ? Day(year: Int(text.prefix(4))!, month: Int(text.dropFirst(4).prefix(2))!, day: Int(text.suffix(2))!)
                : try? Day.parse(text, allowMonth: true)
            let birth = id.birthDate
            if let parsed {
                let hasDay = (digits && text.count == 8) || (!digits && (try? Day.parse(text)) != nil)
                if parsed.year != birth.year || parsed.month != birth.month || (hasDay && parsed.day != birth.day) {
                    problems.append(FieldProblem(FieldSpec.birthMonth.name, .birthDiffers(text, id)))
                }
            } else {
                problems.append(FieldProblem(FieldSpec.birthMonth.name, .birthUnreadable(text, id)))
            }
        }
        return problems
    }

    static func sexProblem(_ sex: String, _ id: IDNumber) -> FieldProblem {
        FieldProblem(FieldSpec.sex.name, .sexDiffers(sex, id))
    }
}

/// A set of problems with one row, thrown by decoding.
public struct RowProblems: Error, Sendable {
    public var problems: [FieldProblem]
}

/// One record as one row of a file.
public enum FileRecord: Hashable, Sendable {
    case unit(Unit)
    case trade(Trade)
    case person(Person)
    case certificate(IDNumber, Certificate)
    /// `from` is nil when the file leaves it to the person's trade at that time.
    case transfer(IDNumber, from: String?, to: String, date: Day)
    case assessment(IDNumber, AnnualAssessment)
    case education(IDNumber, Education)
    case award(IDNumber, Award)
    case training(IDNumber, Training)
    /// A historic use: the condition's code, the year and the grade of the approval form.
    case exceptional(IDNumber, condition: String, year: Int, grade: Grade, note: String?)
    /// A post held (工作经历, RULES F1).
    case job(IDNumber, Job)

    public var kind: RecordKind {
        switch self {
        case .unit: .units
        case .trade: .trades
        case .person: .persons
        case .certificate: .certs
        case .transfer: .transfers
        case .assessment: .assessments
        case .education: .education
        case .award: .awards
        case .training: .training
        case .exceptional: .exceptional
        case .job: .jobs
        }
    }

    /// The person the record is, or belongs to.
    public var idNumber: IDNumber? {
        switch self {
        case .unit, .trade: nil
        case .person(let p): p.idNumber
        case .certificate(let id, _), .transfer(let id, _, _, _), .assessment(let id, _), .education(let id, _),
             .award(let id, _), .training(let id, _), .exceptional(let id, _, _, _, _), .job(let id, _): id
        }
    }

    /// The cells `export` writes (`RecordKind.exportFields`): `values(labelled:condition:)`
    /// with the owner's name after the ID in a file of a person's records.
    public func exportValues(labelled: Bool, ownerName: String?, condition: (String) -> String = { $0 }) -> [String] {
        let cells = values(labelled: labelled, condition: condition)
        guard kind.isPersonal else { return cells }
        return [cells[0], ownerName ?? ""] + cells.dropFirst()
    }

    /// The cells of the row, one per field of the kind, as `export` writes them: codes for
    /// the vocabularies, `YYYY-MM-DD` for dates, `true`/`false`, empty for nothing.
    public var values: [String] { values(labelled: false) }

    /// The cells with the Chinese labels of the codes (是/否 for yes and no), as a
    /// `--chinese-header` export writes them; `condition` names a condition's code.
    /// `import` reads either.
    public func values(labelled: Bool, condition: (String) -> String = { $0 }) -> [String] {
        switch self {
        case .unit(let u): return RecordSpecs.unit.cells(u, labelled: labelled)
        case .trade(let t): return RecordSpecs.trade.cells(t, labelled: labelled)
        case .person(let p): return RecordSpecs.person.cells(p, labelled: labelled)
        case .certificate(let id, let c): return [id.text] + RecordSpecs.certificate.cells(c, labelled: labelled)
        case .transfer(let id, let from, let to, let date):
            return [id.text] + RecordSpecs.transfer.cells(Transfer(from: from ?? "", to: to, date: date), labelled: labelled)
        case .assessment(let id, let a): return [id.text] + RecordSpecs.assessment.cells(a, labelled: labelled)
        case .education(let id, let e): return [id.text] + RecordSpecs.education.cells(e, labelled: labelled)
        case .award(let id, let a): return [id.text] + RecordSpecs.award.cells(a, labelled: labelled)
        case .training(let id, let t): return [id.text] + RecordSpecs.training.cells(t, labelled: labelled)
        case .exceptional(let id, let code, let year, let grade, let note):
            let use = ExceptionalUse(condition: code, category: "", grade: grade, year: year, source: .historic, note: note)
            var cells = RecordSpecs.exceptionalUse.cells(use, labelled: labelled)
            // The condition's name is the catalogue's, which the spec does not hold.
            if labelled { cells[0] = condition(code) }
            return [id.text] + cells
        case .job(let id, let j): return [id.text] + RecordSpecs.job.cells(j, labelled: labelled)
        }
    }

    /// Reads a row: `values` has one cell per field of `kind` (nil for a column the file
    /// lacks). Each cell is read by `Values`, as the `add` command reads its flag; every
    /// problem of the row is thrown at once.
    public static func decode(_ kind: RecordKind, _ values: [String?], today: Day) throws(RowProblems) -> FileRecord {
        var r = CellReader(fields: kind.fields, values: values, today: today)
        let record: FileRecord?
        switch kind {
        case .units: record = r.record(RecordSpecs.unit).map { .unit($0) }
        case .trades: record = r.record(RecordSpecs.trade).map { .trade($0) }
        case .persons: record = r.record(RecordSpecs.person).map { .person($0) }
        case .certs: record = r.personal(RecordSpecs.certificate).map { .certificate($0, $1) }
        case .transfers:
            record = r.personal(RecordSpecs.transfer).map { .transfer($0, from: $1.from.isEmpty ? nil : $1.from, to: $1.to, date: $1.date) }
        case .assessments: record = r.personal(RecordSpecs.assessment).map { .assessment($0, $1) }
        case .education: record = r.personal(RecordSpecs.education).map { .education($0, $1) }
        case .awards: record = r.personal(RecordSpecs.award).map { .award($0, $1) }
        case .training: record = r.personal(RecordSpecs.training).map { .training($0, $1) }
        case .exceptional:
            record = r.personal(RecordSpecs.exceptionalUse).map {
                .exceptional($0, condition: $1.condition, year: $1.year, grade: $1.grade, note: $1.note)
            }
        case .jobs: record = r.personal(RecordSpecs.job).map { .job($0, $1) }
        }
        guard let record, r.problems.isEmpty else { throw RowProblems(problems: r.problems) }
        return record
    }
}

/// Reads the cells of one row by field name, collecting a problem for each bad cell.
struct CellReader {
    let fields: [FieldSpec]
    let values: [String?]
    let today: Day
    var problems: [FieldProblem] = []

    func spec(_ name: String) -> (FieldSpec, String?) {
        let i = fields.firstIndex { $0.name == name }!
        return (fields[i], values[i])
    }

    /// The cell, trimmed; nil when empty or absent.
    func text(_ name: String) -> String? { Values.text(spec(name).1) }

    /// The cell of a required field; a problem when empty.
    mutating func required(_ name: String) -> String? {
        let (field, _) = spec(name)
        if let t = text(name) { return t }
        problems.append(FieldProblem(name, .missing(.label(field.label))))
        return nil
    }

    /// The cell read by `parse`, or nil when empty; a problem when `parse` refuses it.
    mutating func optional<T>(_ name: String, _ parse: (String, RecordProblem.Subject) throws(RecordProblem) -> T) -> T? {
        guard let t = text(name) else { return nil }
        do {
            return try parse(t, .label(spec(name).0.label))
        } catch {
            problems.append(FieldProblem(name, error))
            return nil
        }
    }

    mutating func requiredValue<T>(_ name: String, _ parse: (String, RecordProblem.Subject) throws(RecordProblem) -> T) -> T? {
        guard required(name) != nil else { return nil }
        return optional(name, parse)
    }

    /// A record of a person's, read field by field as its spec says, after the identity number.
    mutating func personal<R>(_ spec: RecordSpec<R>) -> (IDNumber, R)? {
        let id = self.id()
        // The file's columns are the identity number, then the spec's fields in order.
        let (record, problems) = spec.read(cells: values.dropFirst(), today: today)
        self.problems += problems
        guard let id, let record else { return nil }
        return (id, record)
    }

    /// A record read field by field as its spec says, its file's columns being its fields.
    mutating func record<R>(_ spec: RecordSpec<R>) -> R? {
        let (record, problems) = spec.read(cells: values, today: today)
        self.problems += problems
        return record
    }

    mutating func id() -> IDNumber? {
        let today = self.today
        return requiredValue("id-number") { t, _ throws(RecordProblem) in try Values.idNumber(t, today: today) }
    }

    mutating func day(_ name: String, allowMonth: Bool = false) -> Day? {
        let today = self.today
        return requiredValue(name) { t, what throws(RecordProblem) in try Values.day(t, what, today: today, allowMonth: allowMonth) }
    }

    mutating func optionalDay(_ name: String, allowMonth: Bool = false, allowFuture: Bool = false) -> Day? {
        let today = self.today
        return optional(name) { t, what throws(RecordProblem) in
            try Values.day(t, what, today: today, allowMonth: allowMonth, allowFuture: allowFuture)
        }
    }

}
