import Foundation
import GongQinCore
import GRDB

/// What the gate judges at a commit, inside the transaction, from what the transaction
/// itself wrote: its own change-log entries and import batches (every entry after
/// `since`), never from the command that ran. Any failure throws, and the transaction
/// rolls back.
///
/// 1. Custody: a row the transaction changed or removed was, just before, what the log
///    last said it was. A row edited behind gongqin's back (with the triggers dropped and
///    put back) is refused here, not laundered by the next ordinary write.
/// 2. Every row the transaction wrote passes the checks typed input passes: the record's
///    own checks (GongQinCore's Validation) and the text rules (TextSafety), bundle rows
///    and restored rows included.
/// 3. RULES R1: every application in progress (filed, returned, accepted) of every person
///    the transaction touched still holds on the records as they now are. A change to
///    the trades, the exceptional catalogue or a policy touches every application in
///    progress.
struct CommitChecks {
    let db: Database
    let since: Int64
    let today: Day
    let path: String

    func run() throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM change_log WHERE seq > ?)", arguments: [since]) == true else {
            return
        }
        let session = Session(db)
        try custody()
        try validateWritten(session)
        try holdApplications(session)
    }

    /// The import batches the transaction wrote.
    func batches() throws -> [(table: String, batch: ImportBatch)] {
        try ImportBatches.entries(db, after: since).compactMap { entry in entry.batch.map { (entry.table, $0) } }
    }

    // MARK: 1. Custody

    /// Each row the transaction changed or removed first (its first entry in the
    /// transaction an update or a delete) was what the log last said: its `before` is the
    /// `after` of the row's previous entry, or the row is in an import batch whose digest,
    /// recomputed with this transaction's `before`s, still holds. The batch may be this
    /// transaction's own, written before the change: a merge list's first bundle adds a
    /// person in a batch, a later bundle moves them.
    func custody() throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT c.seq, c.table_name, c.row_id, c.row_key, c.before,
                   (SELECT p.seq FROM change_log p WHERE p.table_name = c.table_name AND p.row_id = c.row_id
                        AND p.seq <= ?1 AND p.op <> 'import' ORDER BY p.seq DESC LIMIT 1) AS prior_seq
            FROM change_log c
            WHERE c.seq IN (SELECT min(seq) FROM change_log WHERE seq > ?1 AND op <> 'import' GROUP BY table_name, row_id)
              AND c.op IN ('update', 'delete')
            """, arguments: [since])
        guard !rows.isEmpty else { return }
        let batches = try ImportBatches.entries(db)
        var toVerify: [Int64: (table: String, batch: ImportBatch)] = [:]
        for row in rows {
            let table: String = row["table_name"], rowID: Int64 = row["row_id"], seq: Int64 = row["seq"]
            let priorSeq: Int64? = row["prior_seq"]
            if let covering = batches.last(where: { $0.seq < seq && $0.table == table
                                                    && ($0.batch.map { rowID >= $0.first && rowID <= $0.last } ?? false) }),
               covering.seq > (priorSeq ?? 0), let batch = covering.batch {
                toVerify[covering.seq] = (table, batch)
                continue
            }
            let prior = try priorSeq.flatMap { try Row.fetchOne(db, sql: "SELECT op, after FROM change_log WHERE seq = ?", arguments: [$0]) }
            let before: String? = row["before"]
            guard let prior, (prior["op"] as String) != "delete", let after = prior["after"] as String?, let before,
                  Self.sameRow(after, before) else {
                throw Self.outsideChange(table: table, key: row["row_key"], path: path)
            }
        }
        for (seq, entry) in toVerify where try !ImportBatches.verify(db, seq: seq, table: entry.table, batch: entry.batch) {
            throw Self.outsideChange(table: entry.table, key: "\(entry.batch.first)–\(entry.batch.last)", path: path)
        }
    }

    /// Two JSON objects of one row: equal, a column one of them lacks (added by a later
    /// migration) counting as NULL.
    static func sameRow(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard let x = try? JSONSerialization.jsonObject(with: Data(a.utf8)) as? [String: Any],
              let y = try? JSONSerialization.jsonObject(with: Data(b.utf8)) as? [String: Any] else { return false }
        for key in Set(x.keys).union(y.keys) {
            let u = (x[key] ?? NSNull()) as? NSObject, v = (y[key] ?? NSNull()) as? NSObject
            guard let u, let v, u.isEqual(v) else { return false }
        }
        return true
    }

    static func outsideChange(table: String, key: String, path: String) -> StoreFailure {
        let shown = table == "person" ? (IDNumber(stored: key)?.masked ?? key) : key
        return .changedOutside(path: path, table: table, key: shown)
    }

    // MARK: 2. The checks of typed input

    /// Every row the transaction inserted or updated, read as it now is, against the
    /// checks of its kind and the text rules.
    func validateWritten(_ session: Session) throws {
        var ranges: [String: [ClosedRange<Int64>]] = [:]
        for (table, batch) in try batches() where batch.first <= batch.last {
            ranges[table, default: []].append(batch.first...batch.last)
        }
        let tables = try String.fetchAll(db, sql: """
            SELECT DISTINCT table_name FROM change_log WHERE seq > ? AND op IN ('insert', 'update')
            """, arguments: [since])
        for table in Set(tables).union(ranges.keys).sorted() {
            let validator = RowValidator(table: table, session: session, today: today)
            try validator.each(.logged(since: since))
            for range in ranges[table] ?? [] { try validator.each(.between(range)) }
        }
    }

    // MARK: 3. R1

    /// Every application in progress of every person the transaction touched, judged
    /// again on the records as they now are (RULES R1): one that no longer holds refuses
    /// the whole transaction, naming the application, the rule and the way out.
    func holdApplications(_ session: Session) throws {
        // No application in progress anywhere (a bulk import into a new database, most
        // often): nothing for R1 to hold, and no need to gather who was touched.
        guard try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM application WHERE \(ApplicationStatus.inProgressSQL))
            """)! else { return }
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS gate_touched (person_id INTEGER PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM temp.gate_touched")
        defer { try? db.execute(sql: "DELETE FROM temp.gate_touched") }
        let everyone = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM change_log WHERE seq > ? AND table_name IN ('trade', 'exceptional_condition', 'policy'))
            """, arguments: [since])!
        if everyone {
            try db.execute(sql: "INSERT INTO temp.gate_touched SELECT DISTINCT person_id FROM application")
        } else {
            try db.execute(sql: """
                INSERT OR IGNORE INTO temp.gate_touched SELECT person_row FROM change_log WHERE seq > ? AND person_row IS NOT NULL
                """, arguments: [since])
            // A record moved from one person to another touches both.
            try db.execute(sql: """
                INSERT OR IGNORE INTO temp.gate_touched
                SELECT json_extract(before, '$.person_id') FROM change_log
                WHERE seq > ? AND op = 'update' AND json_extract(before, '$.person_id') IS NOT NULL
                """, arguments: [since])
            for (table, batch) in try batches() {
                let column = table == "person" ? "id" : "person_id"
                let personal = try table == "person" || db.columns(in: table).contains { $0.name == "person_id" }
                guard personal else { continue }
                try db.execute(sql: """
                    INSERT OR IGNORE INTO temp.gate_touched SELECT DISTINCT \(column) FROM "\(table)" WHERE rowid BETWEEN ? AND ?
                    """, arguments: [batch.first, batch.last])
            }
        }
        let people = try PersonRow.fetchAll(db, sql: """
            SELECT * FROM person WHERE id IN (
                SELECT a.person_id FROM application a JOIN temp.gate_touched t ON t.person_id = a.person_id
                WHERE a.\(ApplicationStatus.inProgressSQL))
            ORDER BY id
            """)
        guard !people.isEmpty else { return }
        let engine = try session.engine(today: today)
        for (row, record) in zip(people, try session.people.records(of: people)) {
            for application in record.applications where application.status.isInProgress {
                let decision = ApplicationHold.judge(application, record: record, engine: engine)
                guard !decision.open else { continue }
                throw RecordError.restsOnApplication(
                    change: try changedRows(personID: row.id!), application: application.id, status: application.status,
                    title: ApplicationTitle(name: row.name, cycle: application.cycle, trade: application.trade,
                                            grade: application.grade, module: application.module),
                    failed: decision.failedChecks)
            }
        }
    }

    /// The first rows the transaction changed of a person's, for the refusal to name.
    func changedRows(personID: Int64) throws -> [ChangedRow] {
        try Row.fetchAll(db, sql: """
            SELECT DISTINCT table_name, row_id FROM change_log WHERE seq > ? AND person_row = ? ORDER BY seq LIMIT 4
            """, arguments: [since, personID]).map { row in
            let table: String = row[0]
            return table == "person" ? .person : .record(table: table, number: row[1])
        }
    }
}

/// RULES R1: whether an application in progress still holds on a person's records: the
/// same decision `apply` made, judged as itself (its own uses are its own, X1), as of
/// its filing date. The gate at every commit and `check` ask it here.
enum ApplicationHold {
    static func judge(_ application: Application, record: PersonRecord, engine: Engine) -> OptionDecision {
        let named = record.exceptionalUses.filter { $0.applicationID == application.id }.map(\.condition)
        return engine.decide(record, grade: application.grade, module: application.module, trade: application.trade,
                             cycle: application.cycle, filingDate: application.filedOn,
                             conditions: named.isEmpty ? nil : named, purpose: .judge)
    }
}

/// The checks of typed input for the rows of one table, read by their rowids: the
/// record's own checks (by kind) and, for every text column, the text rules.
struct RowValidator {
    let table: String
    let session: Session
    let today: Day
    var db: Database { session.db }

    /// Which rows of the table.
    enum Rows {
        /// The rows the change log has inserted or updated since entry `since`.
        case logged(since: Int64)
        /// An import batch's rows.
        case between(ClosedRange<Int64>)

        /// The condition on `rowid`, the name of the table's rowid in the query.
        func condition(_ rowid: String) -> String {
            switch self {
            case .logged: "\(rowid) IN (SELECT row_id FROM change_log WHERE seq > ? AND table_name = ? AND op IN ('insert', 'update'))"
            case .between: "\(rowid) BETWEEN ? AND ?"
            }
        }

        func arguments(table: String) -> StatementArguments {
            switch self {
            case .logged(let since): [since, table]
            case .between(let range): [range.lowerBound, range.upperBound]
            }
        }
    }

    /// Columns holding a document, not text typed by a clerk.
    static let documents: Set<String> = ["policy.document"]

    func each(_ rows: Rows) throws {
        if table == "person" { return try eachPerson(rows) }
        if let kind = RecordKinds.rowChecks[table] { return try eachRecord(of: kind, rows) }
        let statement = try db.makeStatement(sql: "SELECT rowid AS gate_rowid, * FROM \"\(table)\" WHERE \(rows.condition("rowid"))")
        let cursor = try Row.fetchCursor(statement, arguments: rows.arguments(table: table))
        let texts = statement.columnNames.enumerated().filter { _, column in
            column != "gate_rowid" && !Self.documents.contains("\(table).\(column)")
        }
        while let row = try cursor.next() {
            var problems: [FieldProblem] = []
            for (index, column) in texts {
                if let text = row[index] as String?, let problem = TextSafety.characterProblem(column, text, what: MergeReport.fieldName(column, of: table)) {
                    problems.append(problem)
                }
            }
            do {
                problems += try kindProblems(row)
            } catch where error is RowDecodingError || error is UnreadableValue {
                problems.append(Self.unreadable)
            }
            if let problem = problems.first {
                throw StoreFailure.writtenRowInvalid(table: table, row: .record(row["gate_rowid"] as Int64? ?? 0), problem: problem, more: problems.count - 1)
            }
        }
    }

    static let unreadable = FieldProblem("", cause: StoreRecordProblem.unreadableValue)

    /// The record's own checks, by kind, of the tables without a spec.
    func kindProblems(_ row: Row) throws -> [FieldProblem] {
        switch table {
        case RecordSpecs.unit.table: return try RecordSpecs.unit.decode(row, session.catalog).problems()
        case RecordSpecs.trade.table: return try Catalog.trade(row, session.catalog).problems()
        case RecordKinds.exceptionalUse.table:
            guard let personID = row["person_id"] as Int64?, let person = try session.people.existingRow(id: personID) else { return [] }
            return try RecordKinds.useProblems(row, session, try session.people.person(of: person), today)
        default: return []
        }
    }

    /// The text rules for `columns` (each named, at its index) of the current row: a
    /// column's bytes are looked at first, and only bytes that may hold a refused
    /// character are made a string. A bulk import's every row comes through here.
    func textProblems(_ c: StatementRow, _ columns: [(name: String, index: Int32)]) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        for (name, index) in columns where c.isText(index) && TextSafety.mayHoldRefused(c.bytes(index), keepingLineBreaks: false) {
            if let problem = TextSafety.characterProblem(name, c.text(index), what: MergeReport.fieldName(name, of: table)) {
                problems.append(problem)
            }
        }
        return problems
    }

    /// A person's rows, read by column index as `eligible` reads people. The name as
    /// stored: `Person` folds what it is given, so an unfolded one is seen here.
    func eachPerson(_ rows: Rows) throws {
        let names = PersonRow.columnList.components(separatedBy: ", ")
        let texts: [(name: String, index: Int32)] = names.enumerated().map { ($1, Int32($0)) }
        try db.eachRow("SELECT \(PersonRow.columnList) FROM person WHERE \(rows.condition("rowid"))", rows.arguments(table: table)) { c in
            var problems = textProblems(c, texts)
            do {
                let row = try PersonRow(columns: c)
                problems += try session.people.person(of: row).problems(today: today)
                    + [PersonName.problem(row.name, folded: StoredName.folded(row.name))].compactMap { $0 }
            } catch is UnreadableValue {
                problems.append(Self.unreadable)
            }
            if let problem = problems.first {
                let number = c.isText(1) ? IDNumber(stored: c.text(1)) : nil
                throw StoreFailure.writtenRowInvalid(table: table, row: .person(number), problem: problem, more: problems.count - 1)
            }
        }
    }

    /// The rows of a kind described by a spec, each read with its owner in one query by
    /// column index: the owner's columns (`PersonRow.columnList`), the rowid, then the
    /// record's fields. The owner is read once for the rows of one person together.
    func eachRecord(of kind: RecordKinds.RowCheck, _ rows: Rows) throws {
        let owner = PersonRow.columnList.components(separatedBy: ", ")
        let rowidColumn = Int32(owner.count), first = rowidColumn + 1
        // The text rules in the table's column order, as the other tables have them.
        let fieldIndex = Dictionary(uniqueKeysWithValues: kind.columns.enumerated().map { ($1, first + Int32($0)) })
        // Labelled as `textProblems` takes them: an unlabelled array was converted at every row.
        let texts: [(name: String, index: Int32)] = try db.columns(in: table).compactMap { column in
            fieldIndex[column.name].map { (column.name, $0) }
        }
        let sql = """
            SELECT \(owner.map { "p.\($0)" }.joined(separator: ", ")), t.rowid, \(kind.columns.map { "t.\($0)" }.joined(separator: ", "))
            FROM "\(table)" t LEFT JOIN person p ON p.id = t.person_id WHERE \(rows.condition("t.rowid"))
            """
        var last: (id: Int64, person: Person)?
        try db.eachRow(sql, rows.arguments(table: table)) { c in
            var problems = textProblems(c, texts)
            do {
                if !c.isNull(0) {
                    if last?.id != c.int64(0) { last = (c.int64(0), try session.people.person(of: try PersonRow(columns: c))) }
                    problems += try kind.problems(c, first, session, last!.person, today)
                }
            } catch is UnreadableValue {
                problems.append(Self.unreadable)
            }
            if let problem = problems.first {
                throw StoreFailure.writtenRowInvalid(table: table, row: .record(c.int64(rowidColumn)), problem: problem, more: problems.count - 1)
            }
        }
    }
}
