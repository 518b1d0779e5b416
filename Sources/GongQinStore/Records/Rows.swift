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

/// A row of one of gongqin's tables. Each reads and writes its columns by name (the
/// extensions at the end of this file), in snake_case.
protocol TableRow: FetchableRecord, MutablePersistableRecord {}

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

struct UnitRow: RowWithID {
    static let databaseTableName = "unit"
    var id: Int64?
    var name: String
    var department: String?
    var district: String?

    init(id: Int64? = nil, _ unit: Unit) {
        self.id = id
        self.name = unit.name
        self.department = unit.department
        self.district = unit.district
    }

    var unit: Unit { Unit(name: name, department: department, district: district) }
}

struct TradeRow: RowWithID {
    static let databaseTableName = "trade"
    var id: Int64?
    var name: String
    var category: String?
    var maxGrade: Grade
    var driver: Bool
    var cashier: Bool
    var licensed: Bool
    var builtin: Bool

    init(id: Int64? = nil, _ trade: Trade) {
        self.id = id
        self.name = trade.name
        self.category = trade.category
        self.maxGrade = trade.maxGrade
        self.driver = trade.driver
        self.cashier = trade.cashier
        self.licensed = trade.licensed
        self.builtin = trade.builtin
    }

    var trade: Trade {
        Trade(name: name, category: category, maxGrade: maxGrade, driver: driver, cashier: cashier,
              licensed: licensed, builtin: builtin)
    }
}

struct PersonRow: RowWithID {
    static let databaseTableName = "person"
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

struct TransferRow: RowWithID {
    static let databaseTableName = "transfer"
    var id: Int64?
    var personId: Int64
    var fromTradeId: Int64
    var toTradeId: Int64
    var date: Day
}

struct ConditionRow: TableRow {
    static let databaseTableName = "exceptional_condition"
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

// Reading and writing rows by column name, without Codable: an import or an `eligible`
// over a province decodes millions of rows, and Codable's keyed containers cost more
// than the query.

extension UnitRow {
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        name = try row.decode(forColumn: "name")
        department = try row.decode(forColumn: "department")
        district = try row.decode(forColumn: "district")
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["name"] = name
        container["department"] = department
        container["district"] = district
    }
}

extension TradeRow {
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        name = try row.decode(forColumn: "name")
        category = try row.decode(forColumn: "category")
        maxGrade = try row.decode(forColumn: "max_grade")
        driver = try row.decode(forColumn: "driver")
        cashier = try row.decode(forColumn: "cashier")
        licensed = try row.decode(forColumn: "licensed")
        builtin = try row.decode(forColumn: "builtin")
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["name"] = name
        container["category"] = category
        container["max_grade"] = maxGrade
        container["driver"] = driver
        container["cashier"] = cashier
        container["licensed"] = licensed
        container["builtin"] = builtin
    }
}

extension PersonRow {
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        idNumber = try row.decode(forColumn: "id_number")
        name = try row.decode(forColumn: "name")
        unitId = try row.decode(forColumn: "unit_id")
        tradeId = try row.decode(forColumn: "trade_id")
        workStart = try row.decode(forColumn: "work_start")
        probationEnd = try row.decode(forColumn: "probation_end")
        enlisted = try row.decode(forColumn: "enlisted")
        discharged = try row.decode(forColumn: "discharged")
        placed = try row.decode(forColumn: "placed")
        fromProvince = try row.decode(forColumn: "from_province")
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["id_number"] = idNumber
        container["name"] = name
        container["unit_id"] = unitId
        container["trade_id"] = tradeId
        container["work_start"] = workStart
        container["probation_end"] = probationEnd
        container["enlisted"] = enlisted
        container["discharged"] = discharged
        container["placed"] = placed
        container["from_province"] = fromProvince
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

extension TransferRow {
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        personId = try row.decode(forColumn: "person_id")
        fromTradeId = try row.decode(forColumn: "from_trade_id")
        toTradeId = try row.decode(forColumn: "to_trade_id")
        date = try row.decode(forColumn: "date")
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["person_id"] = personId
        container["from_trade_id"] = fromTradeId
        container["to_trade_id"] = toTradeId
        container["date"] = date
    }
}

extension ConditionRow {
    init(row: Row) throws {
        code = try row.decode(forColumn: "code")
        category = try row.decode(forColumn: "category")
        name = try row.decode(forColumn: "name")
        evidence = try row.decode(forColumn: "evidence")
        relaxWorkYears = try row.decode(forColumn: "relax_work_years")
        relaxGradeYears = try row.decode(forColumn: "relax_grade_years")
        waivesEducation = try row.decode(forColumn: "waives_education")
        relaxStatus = try row.decode(forColumn: "relax_status")
        clause = try row.decode(forColumn: "clause")
        builtin = try row.decode(forColumn: "builtin")
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["code"] = code
        container["category"] = category
        container["name"] = name
        container["evidence"] = evidence
        container["relax_work_years"] = relaxWorkYears
        container["relax_grade_years"] = relaxGradeYears
        container["waives_education"] = waivesEducation
        container["relax_status"] = relaxStatus
        container["clause"] = clause
        container["builtin"] = builtin
    }
}

extension UseRow {
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        personId = try row.decode(forColumn: "person_id")
        conditionCode = try row.decode(forColumn: "condition_code")
        category = try row.decode(forColumn: "category")
        grade = try row.decode(forColumn: "grade")
        year = try row.decode(forColumn: "year")
        source = try row.decode(forColumn: "source")
        applicationId = try row.decode(forColumn: "application_id")
        note = try row.decode(forColumn: "note")
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["person_id"] = personId
        container["condition_code"] = conditionCode
        container["category"] = category
        container["grade"] = grade
        container["year"] = year
        container["source"] = source
        container["application_id"] = applicationId
        container["note"] = note
    }
}

extension ApplicationRow {
    init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        personId = try row.decode(forColumn: "person_id")
        cycle = try row.decode(forColumn: "cycle")
        grade = try row.decode(forColumn: "grade")
        module = try row.decode(forColumn: "module")
        tradeId = try row.decode(forColumn: "trade_id")
        status = try row.decode(forColumn: "status")
        filedOn = try row.decode(forColumn: "filed_on")
        certificateYear = try row.decode(forColumn: "certificate_year")
        note = try row.decode(forColumn: "note")
        examResult = try row.decode(forColumn: "exam_result")
        reviewResult = try row.decode(forColumn: "review_result")
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["person_id"] = personId
        container["cycle"] = cycle
        container["grade"] = grade
        container["module"] = module
        container["trade_id"] = tradeId
        container["status"] = status
        container["filed_on"] = filedOn
        container["certificate_year"] = certificateYear
        container["note"] = note
        container["exam_result"] = examResult
        container["review_result"] = reviewResult
    }
}

struct SettingRow: TableRow {
    static let databaseTableName = "setting"
    var key: String
    var value: String
}

extension SettingRow {
    init(row: Row) throws {
        key = try row.decode(forColumn: "key")
        value = try row.decode(forColumn: "value")
    }

    func encode(to container: inout PersistenceContainer) throws {
        container["key"] = key
        container["value"] = value
    }
}
