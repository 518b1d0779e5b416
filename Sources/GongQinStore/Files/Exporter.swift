import GongQinCore
import GRDB

/// Reads the records of a kind back out, row by row through a cursor, in the order
/// `import` takes them: people by identity number, each person's records in date order
/// (transfers must go back in that order, RULES T1). Memory stays flat.
public struct Exporter {
    let session: Session
    var db: Database { session.db }
    var catalog: Catalog { session.catalog }

    /// Calls `body` with each record of `kind` and, for a person's records, the name of
    /// the person (the 姓名 column of the file, `RecordKind.exportFields`).
    public func forEach(_ kind: RecordKind, _ body: (FileRecord, String?) throws -> Void) throws {
        func each(_ sql: String, _ make: (Row) throws -> FileRecord) throws {
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() { try body(try make(row), row["owner_name"]) }
        }
        func id(_ row: Row) -> IDNumber { row["id_number"] }
        /// The rows of a person's records with the owner's identity number, in order.
        func owned(_ table: String, order: String) -> String {
            "SELECT person.id_number, person.name AS owner_name, t.* FROM \(table) t JOIN person ON person.id = t.person_id ORDER BY person.id_number, \(order)"
        }
        switch kind {
        case .units:
            try each("SELECT * FROM unit ORDER BY department IS NULL, department, name") { .unit(try UnitRow(row: $0).unit) }
        case .trades:
            try each("SELECT * FROM trade ORDER BY builtin DESC, id") { .trade(try TradeRow(row: $0).trade) }
        case .persons:
            try each("SELECT * FROM person ORDER BY id_number") { .person(try session.people.person(of: try PersonRow(row: $0))) }
        case .certs:
            try each(owned("certificate", order: "t.issued, t.grade")) { row in
                let c = try CertificateRow(row: row)
                return .certificate(id(row), Certificate(trade: try catalog.tradeName(id: c.tradeId), grade: c.grade, issued: c.issued,
                                                         number: c.number, route: c.route, province: c.province))
            }
        case .transfers:
            try each(owned("transfer", order: "t.date")) { row in
                let t = try TransferRow(row: row)
                return .transfer(id(row), from: try catalog.tradeName(id: t.fromTradeId), to: try catalog.tradeName(id: t.toTradeId),
                                 date: t.date)
            }
        case .assessments:
            try each(owned("annual_assessment", order: "t.year")) { row in
                let a = try AssessmentRow(row: row)
                return .assessment(id(row), AnnualAssessment(year: a.year, result: a.result))
            }
        case .education:
            try each(owned("education", order: "t.graduated, t.level")) { row in
                let e = try EducationRow(row: row)
                return .education(id(row), Education(level: e.level, graduated: e.graduated, major: e.major, school: e.school,
                                                     relevant: e.relevant))
            }
        case .awards:
            try each(owned("award", order: "t.date, t.name")) { row in
                let a = try AwardRow(row: row)
                return .award(id(row), Award(name: a.name, date: a.date, issuer: a.issuer))
            }
        case .training:
            try each(owned("continuing_education", order: "t.date, t.name")) { row in
                let t = try TrainingRow(row: row)
                return .training(id(row), Training(name: t.name, date: t.date, hours: t.hours, issuer: t.issuer))
            }
        case .exceptional:
            // Historic uses only: a use recorded by `apply` belongs to its application.
            try each("""
                SELECT person.id_number, person.name AS owner_name, t.* FROM exceptional_use t JOIN person ON person.id = t.person_id
                WHERE t.source = 'historic' ORDER BY person.id_number, t.year, t.category
                """) { row in
                let u = try UseRow(row: row)
                return .exceptional(id(row), condition: u.conditionCode, year: u.year, grade: u.grade, note: u.note)
            }
        case .jobs:
            try each(owned("job", order: "t.from_date")) { row in .job(id(row), try JobRow(row: row).job) }
        }
    }

    /// Calls `body` with each row of the summary roster (汇总名册, 须知·六·1) of `cycle`:
    /// the applications that are not withdrawn, grouped by supervising department, then
    /// unit. Returns the number of rows.
    @discardableResult
    public func roster(cycle: Int, scope filter: People.Filter = People.Filter(), _ body: (RosterRow) throws -> Void) throws -> Int {
        let conditions = Dictionary(uniqueKeysWithValues: try catalog.conditions().map { ($0.code, $0.name) })
        let scope = try session.people.scope(filter, person: "person")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT application.id AS application_id, unit.department, person.*
            FROM application
            JOIN person ON person.id = application.person_id
            JOIN unit ON unit.id = person.unit_id
            WHERE application.cycle = ? AND application.status <> 'withdrawn' AND \(scope.sql)
            ORDER BY unit.department IS NULL, unit.department, unit.name, application.filed_on, application.id
            """, arguments: [cycle] + scope.arguments)
        var number = 0
        while let row = try rows.next() {
            let applicationID: Int64 = row["application_id"]
            let record = try session.people.records(of: [try PersonRow(row: row)])[0]
            guard let application = record.applications.first(where: { $0.id == applicationID }) else { continue }
            let used = record.exceptionalUses.filter { $0.applicationID == applicationID }.map { conditions[$0.condition] ?? $0.condition }
            number += 1
            try body(RosterRow(number: number, department: row["department"], record: record, application: application,
                               conditions: used))
        }
        return number
    }
}

extension Session {
    /// Records read back out for `export`.
    public var exporter: Exporter { Exporter(session: self) }
}
