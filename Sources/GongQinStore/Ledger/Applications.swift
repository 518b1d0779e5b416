import GongQinCore
import GRDB

extension ApplicationStatus {
    /// `status IN ('filed', …)`: an application in progress (RULES R1), as SQL.
    static let inProgressSQL = "status IN (" + allCases.filter(\.isInProgress).map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
}

/// An application as lists show it: whose, and with the uses it holds.
public struct ApplicationEntry: Hashable, Sendable {
    public var application: Application
    public var idNumber: IDNumber
    public var name: String
    public var unit: String
    public var department: String?
    public var uses: [ExceptionalUse]
}

/// What `apply` asks for.
public struct ApplicationRequest: Sendable {
    public var person: IDNumber
    public var cycle: Int
    public var grade: Grade
    public var module: Module
    /// The trade applied in; the current trade when nil. Another trade is refused (T2, K1).
    public var trade: String?
    /// The exceptional conditions the clerk names (X4, V3).
    public var conditions: [String]
    public var filedOn: Day

    public init(person: IDNumber, cycle: Int, grade: Grade, module: Module, trade: String? = nil,
                conditions: [String] = [], filedOn: Day) {
        self.person = person
        self.cycle = cycle
        self.grade = grade
        self.module = module
        self.trade = trade
        self.conditions = conditions
        self.filedOn = filedOn
    }
}

/// Applications and their lifecycle (RULES D6, X1, D3). Filing records the application and the
/// use of every named condition in one transaction (RULES X4); the schema's UNIQUE
/// (person_id, category) and the one-open-application index are the last line of defence.
public struct Applications {
    let session: Session
    var db: Database { session.db }

    /// Files an application after running the same checks as `explain`: refused with
    /// every failed check when the option is not open, the filing is late (D1), a named
    /// condition is unsatisfied or its category used (X1).
    public func file(_ request: ApplicationRequest, today: Day) throws -> ApplicationEntry {
        let people = session.people
        let owner = try people.row(request.person)
        // Names first: an unknown trade or condition is invalid data (65), not a rule's refusal.
        if let trade = request.trade { _ = try session.catalog.tradeID(named: trade) }
        let record = try people.records(of: [owner])[0]
        // A condition by its code or its Chinese name, as `exceptional record` reads it.
        let conditions = try request.conditions.map { try session.catalog.condition(code: $0) }
        var request = request
        request.conditions = conditions.map(\.code)
        if request.conditions.count != Set(request.conditions).count {
            throw StoreFailure.conditionRepeated
        }
        let engine = try session.engine(today: today)
        let named = try usesConditions(request, record: record, engine: engine) ? request.conditions : nil
        let decision = engine.decide(record, grade: request.grade, module: request.module, trade: request.trade,
                                     cycle: request.cycle, filingDate: request.filedOn, conditions: named)
        guard decision.open else {
            let title = ApplicationTitle(name: owner.name, cycle: request.cycle, trade: decision.trade, grade: request.grade, module: request.module)
            throw StoreFailure.notEligible(title: title, person: request.person, failed: decision.failedChecks)
        }
        if let open = record.applications.first(where: { $0.cycle == request.cycle && !$0.status.isWithdrawn }) {
            throw StoreFailure.openApplicationExists(name: owner.name, cycle: request.cycle, open: open)
        }
        var row = ApplicationRow(personId: owner.id!, cycle: request.cycle, grade: request.grade, module: request.module,
                                 tradeId: try session.catalog.tradeID(named: decision.trade), status: .filed,
                                 filedOn: request.filedOn, certificateYear: decision.certificateYear, note: nil)
        do {
            try row.insert(db)
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw StoreFailure.applicationExists(name: owner.name, cycle: request.cycle)
        }
        var uses: [ExceptionalUse] = []
        for condition in conditions {
            let use = ExceptionalUse(condition: condition.code, category: condition.category, grade: request.grade,
                                     year: request.cycle, source: .application, applicationID: row.id)
            try session.ledger.insert(use, personID: owner.id!, ownerName: owner.name, condition: condition)
            uses.append(use)
        }
        return try entry(row.id!)
    }

    /// Whether the option consumes conditions (Engine.consumesConditions): they must then
    /// be named; conditions named for any other option are refused.
    func usesConditions(_ request: ApplicationRequest, record: PersonRecord, engine: Engine) throws -> Bool {
        let needs = engine.consumesConditions(record, grade: request.grade, module: request.module, cycle: request.cycle)
        if needs, request.conditions.isEmpty {
            let offered = engine.decide(record, grade: request.grade, module: request.module, trade: request.trade,
                                        cycle: request.cycle, filingDate: request.filedOn, conditions: nil).conditions
            // With nothing to offer, the engine's refusal explains better than a usage hint.
            if offered.isEmpty { return true }
            throw StoreFailure.conditionRequired(module: request.module, offered: offered)
        }
        if !needs, !request.conditions.isEmpty {
            throw StoreFailure.conditionNotUsed(module: request.module)
        }
        return needs
    }

    /// One application with its person and uses.
    public func entry(_ id: Int64) throws -> ApplicationEntry {
        guard let entry = try entries(sql: "application.id = ?", arguments: [id]).first else {
            throw StoreFailure.applicationNotFound(id: id)
        }
        return entry
    }

    /// Applications, filtered; in cycle, 主管部门, unit and identity-number order.
    public func list(cycle: Int? = nil, unit: String? = nil, status: ApplicationStatus? = nil) throws -> [ApplicationEntry] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let cycle {
            conditions.append("application.cycle = ?")
            arguments += [cycle]
        }
        if let unit {
            conditions.append("person.unit_id = ?")
            arguments += [try session.catalog.unitID(named: unit)]
        }
        if let status {
            conditions.append("application.status = ?")
            arguments += [status.rawValue]
        }
        return try entries(sql: conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments: arguments)
    }

    func entries(sql condition: String, arguments: StatementArguments) throws -> [ApplicationEntry] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT application.*, person.id_number, person.name AS person_name, unit.name AS unit_name, unit.department
            FROM application
            JOIN person ON person.id = application.person_id
            JOIN unit ON unit.id = person.unit_id
            WHERE \(condition)
            ORDER BY application.cycle, unit.department, unit.name, person.id_number, application.id
            """, arguments: arguments)
        let ids = rows.map { $0["id"] as Int64 }
        let uses = ids.isEmpty ? [:] : Dictionary(grouping: try UseRow.filter(ids.contains(Column("application_id"))).fetchAll(db),
                                                  by: { $0.applicationId! })
        return try rows.map { row in
            let application = try ApplicationRow(row: row).application(session.catalog)
            return ApplicationEntry(application: application, idNumber: row["id_number"], name: row["person_name"],
                                    unit: row["unit_name"], department: row["department"],
                                    uses: (uses[application.id] ?? []).map(\.use))
        }
    }

    /// Moves an application along its lifecycle. Withdrawing releases its uses (RULES X1:
    /// a use counts from filing; a withdrawal before acceptance gives it back); the
    /// deletion is in the change log. Returns the released uses.
    @discardableResult
    public func setStatus(_ id: Int64, to status: ApplicationStatus, note: String? = nil) throws -> [ExceptionalUse] {
        let entry = try entry(id)
        let current = entry.application.status
        guard current != status else {
            throw StoreFailure.applicationAlready(id: id, status: status)
        }
        guard current.successors.contains(status) else {
            throw StoreFailure.applicationStatusChange(id: id, from: current, to: status)
        }
        if status == .filed, let other = try list(cycle: entry.application.cycle).first(where: {
            $0.idNumber == entry.idNumber && $0.application.id != id && !$0.application.status.isWithdrawn
        }) {
            throw StoreFailure.anotherApplication(name: entry.name, cycle: entry.application.cycle, other: other.application.id)
        }
        var released: [ExceptionalUse] = []
        if status.releasesExceptionalUses {
            released = entry.uses
            try db.execute(sql: "DELETE FROM exceptional_use WHERE application_id = ?", arguments: [id])
        }
        var row = try ApplicationRow.fetchOne(db, key: id)!
        row.status = status
        if let note { row.note = note }
        try row.update(db)
        return released
    }

    /// Records the technician selection exam (须知·四·10) and the provincial 综合评审
    /// (须知·四·9) of an application: D2 reads them in later years.
    public func setResults(_ id: Int64, exam: ExamResult?, review: ExamResult?) throws {
        let entry = try entry(id)
        let grade = entry.application.grade
        if exam != nil, grade != .technician {
            throw StoreFailure.examOnlyForTechnician(id: id, grade: grade)
        }
        if review != nil, grade.isLevelWorker {
            throw StoreFailure.reviewOnlyForTechnicians(id: id, grade: grade)
        }
        if entry.application.status.isWithdrawn {
            throw StoreFailure.applicationWithdrawn(id: id)
        }
        var row = try ApplicationRow.fetchOne(db, key: id)!
        if let exam { row.examResult = exam }
        if let review { row.reviewResult = review }
        try row.update(db)
    }
}

extension Session {
    public var applications: Applications { Applications(session: self) }
}
