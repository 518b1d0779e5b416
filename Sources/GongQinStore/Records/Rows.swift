import GongQinCore
import GRDB

// The rows of the tables of Schema/0001, as GRDB records. Foreign keys are row ids; the
// repositories turn them into the names GongQinCore works with.

extension Day: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Day? {
        guard let text = String.fromDatabaseValue(dbValue) else { return nil }
        return Day(iso: text)
    }
}

extension IDNumber: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { text.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> IDNumber? {
        guard let text = String.fromDatabaseValue(dbValue) else { return nil }
        return IDNumber(stored: text)
    }
}

extension Grade: DatabaseValueConvertible {}
extension Module: DatabaseValueConvertible {}
extension AssessmentResult: DatabaseValueConvertible {}
extension EducationLevel: DatabaseValueConvertible {}
extension ConditionEvidence: DatabaseValueConvertible {}
extension ValueStatus: DatabaseValueConvertible {}
extension UseSource: DatabaseValueConvertible {}
extension ApplicationStatus: DatabaseValueConvertible {}
extension ExamResult: DatabaseValueConvertible {}

/// A row of one of gongqin's tables, read and written by GRDB from its properties, as
/// GRDB's demo app does: a property is its column, and a type whose columns are not single
/// words names them in its `CodingKeys` (`unitId` is `unit_id`), the one place each is
/// spelt. Not a key strategy: GRDB would convert every column's name of every row read.
/// The values are read and written as `DatabaseValueConvertible` (a day as `YYYY-MM-DD`, a
/// code as its raw value). The paths that read millions of rows do not come here: they read
/// by column index (`StatementRow`, `PersonRow(columns:)`, SpecCodec).
protocol TableRow: Codable, FetchableRecord, MutablePersistableRecord {}

/// A row with an INTEGER PRIMARY KEY `id` that SQLite assigns.
protocol RowWithID: TableRow {
    var id: Int64? { get set }
}

extension RowWithID {
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Inserts the row, or updates the row `id` names; returns the row id.
    mutating func write(_ db: Database) throws -> Int64 {
        if id == nil { try insert(db) } else { try update(db) }
        return id!
    }
}

struct PersonRow: RowWithID {
    static let databaseTableName = "person"

    enum CodingKeys: String, CodingKey {
        case id, idNumber = "id_number", name, unitId = "unit_id", tradeId = "trade_id", workStart = "work_start"
        case probationEnd = "probation_end", enlisted, discharged, placed, fromProvince = "from_province"
    }

    var id: Int64?
    var idNumber: IDNumber
    var name: String
    var unitId: Int64
    var tradeId: Int64
    var workStart: Day
    var probationEnd: Day?
    var enlisted: Day?
    var discharged: Day?
    var placed: Day?
    var fromProvince: String?

    init(id: Int64? = nil, _ person: Person, unitID: Int64, tradeID: Int64) {
        self.id = id
        self.idNumber = person.idNumber
        self.name = person.name
        self.unitId = unitID
        self.tradeId = tradeID
        self.workStart = person.workStart
        self.probationEnd = person.probationEnd
        self.enlisted = person.enlisted
        self.discharged = person.discharged
        self.placed = person.placed
        self.fromProvince = person.fromProvince
    }

    func person(unit: String, trade: String) -> Person {
        Person(idNumber: idNumber, name: name, unit: unit, trade: trade, workStart: workStart,
               probationEnd: probationEnd, enlisted: enlisted, discharged: discharged, placed: placed,
               fromProvince: fromProvince)
    }
}

struct ConditionRow: TableRow {
    static let databaseTableName = "exceptional_condition"

    enum CodingKeys: String, CodingKey {
        case code, category, name, evidence, relaxWorkYears = "relax_work_years", relaxGradeYears = "relax_grade_years"
        case waivesEducation = "waives_education", relaxStatus = "relax_status", clause, builtin
    }

    var code: String
    var category: String
    var name: String
    var evidence: ConditionEvidence
    var relaxWorkYears: Int
    var relaxGradeYears: Int
    var waivesEducation: Bool
    var relaxStatus: ValueStatus
    var clause: String
    var builtin: Bool

    init(_ c: ExceptionalCondition) {
        code = c.code
        category = c.category
        name = c.name
        evidence = c.evidence
        relaxWorkYears = c.relaxation.workYears
        relaxGradeYears = c.relaxation.gradeYears
        waivesEducation = c.relaxation.waivesEducation
        relaxStatus = c.relaxationStatus
        clause = c.clause
        builtin = c.builtin
    }

    var condition: ExceptionalCondition {
        ExceptionalCondition(code: code, category: category, name: name, evidence: evidence,
                             relaxation: Relaxation(workYears: relaxWorkYears, gradeYears: relaxGradeYears,
                                                    waivesEducation: waivesEducation),
                             relaxationStatus: relaxStatus, clause: clause, builtin: builtin)
    }
}

struct UseRow: RowWithID {
    static let databaseTableName = "exceptional_use"

    enum CodingKeys: String, CodingKey {
        case id, personId = "person_id", conditionCode = "condition_code", category, grade, year, source
        case applicationId = "application_id", note
    }

    var id: Int64?
    var personId: Int64
    var conditionCode: String
    var category: String
    var grade: Grade
    var year: Int
    var source: UseSource
    var applicationId: Int64?
    var note: String?

    var use: ExceptionalUse {
        ExceptionalUse(condition: conditionCode, category: category, grade: grade, year: year, source: source,
                       applicationID: applicationId, note: note)
    }
}

struct ApplicationRow: RowWithID {
    static let databaseTableName = "application"

    enum CodingKeys: String, CodingKey {
        case id, personId = "person_id", cycle, grade, module, tradeId = "trade_id", status, filedOn = "filed_on"
        case certificateYear = "certificate_year", note, examResult = "exam_result", reviewResult = "review_result"
    }

    var id: Int64?
    var personId: Int64
    var cycle: Int
    var grade: Grade
    var module: Module
    var tradeId: Int64
    var status: ApplicationStatus
    var filedOn: Day
    var certificateYear: Int
    var note: String?
    var examResult: ExamResult?
    var reviewResult: ExamResult?
}

extension ApplicationRow {
    func application(_ catalog: Catalog) throws -> Application {
        Application(id: id!, cycle: cycle, grade: grade, module: module, trade: try catalog.tradeName(id: tradeId),
                    status: status, filedOn: filedOn, certificateYear: certificateYear, note: note,
                    examResult: examResult, reviewResult: reviewResult)
    }
}

extension PersonRow {
    /// The columns `init(columns:)` reads, in its order.
    static let columnList = "id, id_number, name, unit_id, trade_id, work_start, probation_end, enlisted, discharged, placed, from_province"

    /// A row selected with `columnList`, read by column index (`StatementRow`).
    init(columns c: StatementRow) throws {
        id = c.int64(0)
        guard let number = IDNumber(stored: c.text(1)) else { throw UnreadableValue(column: 1) }
        idNumber = number
        name = c.text(2)
        unitId = c.int64(3)
        tradeId = c.int64(4)
        workStart = try c.day(5)
        probationEnd = try c.optionalDay(6)
        enlisted = try c.optionalDay(7)
        discharged = try c.optionalDay(8)
        placed = try c.optionalDay(9)
        fromProvince = c.optionalText(10)
    }
}

struct SettingRow: TableRow {
    static let databaseTableName = "setting"
    var key: String
    var value: String
}
