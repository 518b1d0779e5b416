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
        /// A person's records of a kind as its spec reads them, in its order, then by its key.
        func each<R>(_ spec: RecordSpec<R>, _ make: (IDNumber, R) -> FileRecord) throws {
            let order = (spec.order + spec.keyColumns.filter { !spec.order.contains($0) }).map { "t.\($0)" }
            try each(owned(spec.table, order: order.joined(separator: ", "))) { row in make(id(row), try spec.decode(row, catalog)) }
        }
        switch kind {
        case .units:
            try each("SELECT * FROM unit ORDER BY department IS NULL, department, name") { .unit(try RecordSpecs.unit.decode($0, catalog)) }
        case .trades:
            try each("SELECT * FROM trade ORDER BY builtin DESC, id") { .trade(try Catalog.trade($0, catalog)) }
        case .persons:
            try each("SELECT * FROM person ORDER BY id_number") { .person(try session.people.person(of: try PersonRow(row: $0))) }
        case .certs: try each(RecordSpecs.certificate) { .certificate($0, $1) }
        case .transfers:
            try each(RecordSpecs.transfer) { .transfer($0, from: $1.from, to: $1.to, date: $1.date) }
        case .assessments: try each(RecordSpecs.assessment) { .assessment($0, $1) }
        case .education: try each(RecordSpecs.education) { .education($0, $1) }
        case .awards: try each(RecordSpecs.award) { .award($0, $1) }
        case .training: try each(RecordSpecs.training) { .training($0, $1) }
        case .exceptional:
            // Historic uses only: a use recorded by `apply` belongs to its application.
            try each("""
                SELECT person.id_number, person.name AS owner_name, t.* FROM exceptional_use t JOIN person ON person.id = t.person_id
                WHERE t.source = 'historic' ORDER BY person.id_number, t.year, t.category
                """) { row in
                let u = try UseRow(row: row)
                return .exceptional(id(row), condition: u.conditionCode, year: u.year, grade: u.grade, note: u.note)
            }
        case .jobs: try each(RecordSpecs.job) { .job($0, $1) }
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
