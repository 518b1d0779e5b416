import GongQinCore
import GRDB

/// A use as the ledger lists it: whose, and where it came from.
public struct LedgerEntry: Hashable, Sendable, Codable {
    /// The use's record number (`编号`, `"id"`), which `exceptional update N` takes.
    public var id: Int64
    public var idNumber: IDNumber
    public var name: String
    public var unit: String
    public var use: ExceptionalUse

    public init(id: Int64, idNumber: IDNumber, name: String, unit: String, use: ExceptionalUse) {
        self.id = id
        self.idNumber = idNumber
        self.name = name
        self.unit = unit
        self.use = use
    }
}

/// The exceptional ledger (RULES X1): every use of an exceptional condition, historic
/// or from an application. The schema's UNIQUE (person_id, category) is its last line of
/// defence; the code checks first, to name the earlier use.
public struct Ledger {
    let session: Session
    var db: Database { session.db }

    /// The earlier use of `category` by the person with row id `personID`, if any.
    func use(personID: Int64, category: String) throws -> ExceptionalUse? {
        try UseRow.filter(sql: "person_id = ? AND category = ?", arguments: [personID, category]).fetchOne(db)?.use
    }

    /// The refusal of a second use of a category (RULES X1, 须知·四·8).
    static func alreadyUsed(_ earlier: ExceptionalUse, name: String, condition: ExceptionalCondition) -> StoreFailure {
        .categoryUsed(name: name, earlier: earlier, condition: condition)
    }

    public func problems(recording use: ExceptionalUse, for id: IDNumber, today: Day) throws -> [FieldProblem] {
        let people = session.people
        let owner = try people.row(id)
        var problems = use.problems(of: try people.person(of: owner), today: today)
        if let p = use.heldGradeProblem(in: try people.records(of: [owner])[0]) { problems.append(p) }
        if let p = session.catalog.problem(field: "condition", { _ = try session.catalog.condition(code: use.condition) }) {
            problems.append(p)
        }
        return problems
    }

    /// Records a use read off an earlier grade's approval form (RULES X1, `exceptional
    /// record`). Refused when the category has been used (RULES X1). Returns the use as the
    /// ledger lists it, with its record number.
    public func recordHistoricUse(_ id: IDNumber, condition code: String, grade: Grade, year: Int, note: String?,
                                  today: Day) throws -> LedgerEntry {
        let condition = try session.catalog.condition(code: code)
        let use = ExceptionalUse(condition: condition.code, category: condition.category, grade: grade, year: year,
                                 source: .historic, note: note?.trimmingSpaces.nilIfEmpty)
        try refuse(try problems(recording: use, for: id, today: today))
        let owner = try session.people.row(id)
        let number = try insert(use, personID: owner.id!, ownerName: owner.name, condition: condition)
        let person = try session.people.person(of: owner)
        return LedgerEntry(id: number, idNumber: id, name: person.name, unit: person.unit, use: use)
    }

    /// Every check of a historic use before an import writes it: the checks of
    /// `exceptional record`, and the use of the same category already recorded (X1).
    func check(_ use: ExceptionalUse, owner: PersonRow, today: Day) throws -> Checked {
        var checked = Checked(problems: use.problems(of: try session.people.person(of: owner), today: today)
                                  + [use.heldGradeProblem(in: try session.people.records(of: [owner])[0])].compactMap { $0 })
        let condition: ExceptionalCondition
        do {
            condition = try session.catalog.condition(code: use.condition)
        } catch let failure as StoreFailure where !failure.isInternal {
            return checked.adding(.of(failure, field: "condition"))
        }
        if let earlier = try session.people.fetch(UseRow.self, "SELECT * FROM exceptional_use WHERE person_id = ? AND category = ?",
                                                  [owner.id!, condition.category]) {
            let same = earlier.conditionCode == condition.code && earlier.grade == use.grade && earlier.year == use.year
                && earlier.note == use.note
            let problem = earlier.source == .historic && earlier.conditionCode == condition.code && earlier.year == use.year
                ? FieldProblem("condition", cause: StoreRecordProblem.useRecorded(owner: owner.name, year: earlier.year, grade: earlier.grade,
                                                                        condition: condition.name))
                : FieldProblem.of(Self.alreadyUsed(earlier.use, name: owner.name, condition: condition), field: "condition")
            // Only a historic use may be replaced by a file; an application's use stays with it.
            if earlier.source != .historic { return checked.adding(problem) }
            checked.existing = .init(id: earlier.id!, identical: same, problem: problem)
        }
        return checked
    }

    /// Writes a historic use checked by `check`: a new row, or the row `replacing`.
    @discardableResult
    func save(_ use: ExceptionalUse, owner: PersonRow, replacing: Int64?) throws -> Int64 {
        let condition = try session.catalog.condition(code: use.condition)
        var row = UseRow(id: replacing, personId: owner.id!, conditionCode: condition.code, category: condition.category,
                         grade: use.grade, year: use.year, source: .historic, applicationId: nil, note: use.note)
        return try row.write(db)
    }

    /// Inserts a use after checking X1; a concurrent writer that slipped past the check
    /// meets the UNIQUE constraint, which is reported the same way. Returns the use's record number.
    @discardableResult
    func insert(_ use: ExceptionalUse, personID: Int64, ownerName: String, condition: ExceptionalCondition) throws -> Int64 {
        if let earlier = try self.use(personID: personID, category: use.category) {
            throw Self.alreadyUsed(earlier, name: ownerName, condition: condition)
        }
        var row = UseRow(personId: personID, conditionCode: use.condition, category: use.category, grade: use.grade,
                         year: use.year, source: use.source, applicationId: use.applicationID, note: use.note)
        do {
            try row.insert(db)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            let earlier = try self.use(personID: personID, category: use.category) ?? use
            throw Self.alreadyUsed(earlier, name: ownerName, condition: condition)
        }
        return db.lastInsertedRowID
    }

    /// Every use of the people `filter` selects (everyone by default), in identity-number
    /// order, each with its record number.
    public func entries(_ filter: People.Filter = People.Filter()) throws -> [LedgerEntry] {
        let scope = try session.people.scope(filter, person: "person")
        let sql = """
            SELECT person.id_number, person.name, unit.name AS unit, exceptional_use.*
            FROM exceptional_use
            JOIN person ON person.id = exceptional_use.person_id
            JOIN unit ON unit.id = person.unit_id
            WHERE \(scope.sql)
            ORDER BY person.id_number, exceptional_use.year, exceptional_use.category
            """
        return try Row.fetchAll(db, sql: sql, arguments: scope.arguments).map { row in
            LedgerEntry(id: row["id"], idNumber: row["id_number"], name: row["name"], unit: row["unit"],
                        use: try UseRow(row: row).use)
        }
    }
}
