import GongQinCore
import GRDB

// The rows of the tables of Schema/0001, as GRDB records. Foreign keys are row ids; the
// repositories turn them into the names GongQinCore works with.

extension Day: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Day? {
        guard let text = String.fromDatabaseValue(dbValue) else { return nil }
        return try? Day.parse(text)
    }
}

extension IDNumber: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { text.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> IDNumber? {
        guard let text = String.fromDatabaseValue(dbValue) else { return nil }
        return try? IDNumber(text)
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

/// Column names are the snake_case of the properties.
protocol SnakeCaseRecord: Codable, FetchableRecord, MutablePersistableRecord {}

extension SnakeCaseRecord {
    static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

/// A row with an INTEGER PRIMARY KEY `id` that SQLite assigns.
protocol RowWithID: SnakeCaseRecord {
    var id: Int64? { get set }
}

extension RowWithID {
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
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

struct CertificateRow: RowWithID {
    static let databaseTableName = "certificate"
    var id: Int64?
    var personId: Int64
    var tradeId: Int64
    var grade: Grade
    var issued: Day
    var number: String?
    var route: Module
    var province: String
}

struct TransferRow: RowWithID {
    static let databaseTableName = "transfer"
    var id: Int64?
    var personId: Int64
    var fromTradeId: Int64
    var toTradeId: Int64
    var date: Day
}

struct AssessmentRow: RowWithID {
    static let databaseTableName = "annual_assessment"
    var id: Int64?
    var personId: Int64
    var year: Int
    var result: AssessmentResult
}

struct EducationRow: RowWithID {
    static let databaseTableName = "education"
    var id: Int64?
    var personId: Int64
    var level: EducationLevel
    var graduated: Day
    var major: String?
    var school: String?
    var relevant: Bool
}

struct AwardRow: RowWithID {
    static let databaseTableName = "award"
    var id: Int64?
    var personId: Int64
    var name: String
    var date: Day
    var issuer: String?
}

struct ContinuingEducationRow: RowWithID {
    static let databaseTableName = "continuing_education"
    var id: Int64?
    var personId: Int64
    var name: String
    var date: Day
    var hours: Int?
    var issuer: String?
}

struct ConditionRow: SnakeCaseRecord {
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
}

struct JobRow: RowWithID {
    static let databaseTableName = "job"
    var id: Int64?
    var personId: Int64
    var fromDate: Day
    var toDate: Day?
    var unit: String
    var post: String

    var job: Job { Job(from: fromDate, to: toDate, unit: unit, post: post) }
}

struct SettingRow: SnakeCaseRecord {
    static let databaseTableName = "setting"
    var key: String
    var value: String
}
