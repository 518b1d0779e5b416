import Foundation
import GongQinCore
import GRDB

/// One problem `check` found: the check, and what it found, typed (the CLI words it).
public struct IntegrityFinding: Hashable, Sendable {
    public var check: IntegrityCheck
    public var problem: IntegrityProblem

    public init(check: IntegrityCheck, _ problem: IntegrityProblem) {
        self.check = check
        self.problem = problem
    }
}

/// What a check of `check` found, with its data.
public indirect enum IntegrityProblem: Hashable, Sendable {
    case schema(ExpectedSchema.Difference)
    /// The anchor's entry is gone, or its hash differs (`stored`, `anchored`: the hashes).
    case anchorMissing(seq: Int64)
    case anchorHash(seq: Int64, stored: String, anchored: String)
    /// An anchor finding about the head recorded after this user's last write (entry `seq`).
    case sinceWitness(seq: Int64, IntegrityProblem)
    /// A line of SQLite's `PRAGMA integrity_check`, as SQLite wrote it.
    case sqlite(String)
    /// Row `row` of `table` refers to a missing row of `parent`.
    case foreignKey(table: String, row: Int64, parent: String)
    case chainGap(from: Int64, to: Int64)
    case chainHash(seq: Int64)
    case chainBreak(seq: Int64)
    case useWithoutApplication(name: String, condition: String, application: Int64)
    case categoryRepeated(name: String, category: String, count: Int)
    case applicationsInCycle(name: String, cycle: Int, count: Int)
    case exceptionalWithoutUse(name: String, application: Int64)
    case useCategoryMismatch(name: String, condition: String)
    /// An application in progress that no longer holds (R1); `failed`: the first checks that fail.
    case applicationNoLongerHolds(name: String, application: Application, failed: [Check])
    /// A row of `table` (`key` as shown: masked for a person) the log does not account for.
    case rowChanged(table: String, key: String)
    case rowUnlogged(table: String, key: String)
    case rowMissing(table: String, key: String)
    case counterBehind(table: String, counter: Int64, used: Int64)
    case batchUnreadable(seq: Int64, table: String)
    case batchDigest(seq: Int64, table: String, batch: ImportBatch)
    /// Seals: a signature that does not verify, a sealed head rewritten, a key not seen
    /// before, entries written after the newest seal (`count` from `first` to `last`).
    case sealSignature(id: Int64, seq: Int64, fingerprint: String)
    case sealedHeadRewritten(id: Int64, seq: Int64)
    case sealUnknownKey(id: Int64, seq: Int64, fingerprint: String)
    case unsealedEntries(first: Int64, last: Int64, count: Int, newest: Int64)
}

/// The checks of `check`, by the code it prints in brackets, in CSV and in JSON.
public enum IntegrityCheck: String, Hashable, Sendable, Codable, CaseIterable {
    /// The schema differs from the one expected for its version (a missing, extra or altered object).
    case schema
    /// The change log's hash chain is broken: an entry edited, deleted or inserted.
    case chain
    /// The log no longer holds the anchor `--anchor N:HASH` names.
    case anchor
    /// The log no longer holds the head recorded after this user's last write (the witness).
    case witness
    /// `PRAGMA integrity_check`.
    case integrity
    /// `PRAGMA foreign_key_check`.
    case foreignKey = "foreign-key"
    /// The ledger's invariants (RULES X1, D6, X4, and R1: every application in progress holds).
    case ledger
    /// A row the change log does not account for, or an entry with no row.
    case logVsData = "log-vs-data"
    /// A seal that does not verify, one by a key the file had not seen, or entries written
    /// after the newest seal without one (README, “The unit's seal”).
    case seal
}

/// `check` (CLI.md, upkeep): the hash chain of the change log, SQLite's own checks, the ledger
/// invariants, and whether the log accounts for every row, so that an entry edited,
/// deleted or inserted by hand, even with the triggers dropped, is found.
public struct Integrity {
    let session: Session
    var db: Database { session.db }

    /// At most this many findings of one check are listed; the rest are counted.
    static let limit = 50

    /// Every check, each named: `check` runs them in this order. `anchor`, when given, is
    /// a head printed earlier (`N:HASH`) that the log must still hold; `witnessed`, the head
    /// recorded after this user's last write (`GongQinDatabase.witnessedHead`), likewise.
    /// `today` is the day R1's decisions are made on.
    public func run(anchor: LogHead? = nil, witnessed: LogHead? = nil, today: Day = .localToday) throws -> [IntegrityFinding] {
        var findings = try sqlite()
        // A damaged file makes the other checks meaningless, or unsafe to run.
        guard findings.isEmpty else { return findings }
        let schemaFindings = try schema()
        findings += schemaFindings
        // With the version record itself wrong there is no expected schema to read the
        // tables by; the chain and the anchor still say whether the log was rewritten.
        let expected = ExpectedSchema.after(try ExpectedSchema.appliedMigrations(db))
        let actual = try ExpectedSchema.objects(db)
        // A table is read when it is in the file as expected; when the schema differs (a
        // `schema` finding already), also when it is there at all, as far as it can be.
        let tolerant = !schemaFindings.isEmpty
        let tables: (String) -> Bool = { table in
            guard actual[table]?.type == "table" else { return false }
            guard let expected else { return table == "change_log" }
            return expected.objects[table] != nil && (tolerant || expected.objects[table] == actual[table])
        }
        findings += try tolerating(tolerant) { try chain(tables) }
        if let anchor { findings += try tolerating(tolerant) { try self.anchor(anchor) } }
        if let witnessed {
            findings += try tolerating(tolerant) { try self.anchor(witnessed) }.map { finding in
                IntegrityFinding(check: .witness, .sinceWitness(seq: witnessed.seq, finding.problem))
            }
        }
        if ["exceptional_use", "application", "person", "exceptional_condition"].allSatisfy(tables) {
            findings += try ledger(tolerant: tolerant)
            if !tolerant { findings += try applicationsHold(today: today) }
        }
        if let expected { findings += try logAccountsForData(expected, present: tables, tolerant: tolerant) }
        if tables("seal") { findings += try tolerating(tolerant) { try seals() } }
        return findings
    }

    /// Runs a check; in a file whose schema differs, a query that the changed schema
    /// makes fail is skipped (the `schema` finding says why).
    func tolerating(_ tolerant: Bool, _ body: () throws -> [IntegrityFinding]) throws -> [IntegrityFinding] {
        do {
            return try body()
        } catch is DatabaseError where tolerant {
            return []
        }
    }

    /// The file's `sqlite_master` against the schema its version should have (README, “What the log detects”).
    func schema() throws -> [IntegrityFinding] {
        try ExpectedSchema.differences(db).prefix(Self.limit).map { IntegrityFinding(check: .schema, .schema($0)) }
    }

    /// The head of the log: its last entry's number and hash.
    public func head() throws -> LogHead? { try Self.head(db) }

    static func head(_ db: Database) throws -> LogHead? {
        guard let row = try Row.fetchOne(db, sql: "SELECT seq, at, actor, hash FROM change_log ORDER BY seq DESC LIMIT 1")
        else { return nil }
        return LogHead(seq: row["seq"], hash: row["hash"], at: row["at"], actor: row["actor"])
    }

    /// The log still holds entry N of an anchor taken earlier, with the same hash: it was
    /// neither cut short nor rewritten up to there since.
    func anchor(_ anchor: LogHead) throws -> [IntegrityFinding] {
        guard let stored = try String.fetchOne(db, sql: "SELECT hash FROM change_log WHERE seq = ?", arguments: [anchor.seq]) else {
            return [IntegrityFinding(check: .anchor, .anchorMissing(seq: anchor.seq))]
        }
        guard stored.hasPrefix(anchor.hash) else {
            return [IntegrityFinding(check: .anchor, .anchorHash(seq: anchor.seq, stored: stored, anchored: anchor.hash))]
        }
        return []
    }

    public func entryCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM change_log") ?? 0
    }

    /// `PRAGMA integrity_check` and `PRAGMA foreign_key_check`.
    func sqlite() throws -> [IntegrityFinding] {
        var findings: [IntegrityFinding] = []
        let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        if integrity != ["ok"] {
            findings += integrity.prefix(Self.limit).map { IntegrityFinding(check: .integrity, .sqlite($0)) }
        }
        let dangling = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
        findings += dangling.prefix(Self.limit).map { row in
            IntegrityFinding(check: .foreignKey, .foreignKey(table: row[0], row: row[1] as Int64? ?? 0, parent: row[2]))
        }
        return findings
    }

    /// The hash chain: every entry follows the previous one without a gap, and hashes,
    /// with the previous entry's hash, to what it stores. An entry deleted, inserted or
    /// edited breaks it at that entry. One pass in `seq` order on SQLite's C interface:
    /// each field's bytes go into the hash where SQLite holds them (as the triggers'
    /// `gongqin_chain_hash` reads them), with no string or array made per entry.
    func chain(_ present: (String) -> Bool) throws -> [IntegrityFinding] {
        guard present("change_log") else { return [] }
        var findings: [IntegrityFinding] = []
        var expectedSeq: Int64 = 1
        var previous = [UInt8]()
        previous.reserveCapacity(64)
        try db.eachRow("""
            SELECT seq, at, actor, command, table_name, row_id, row_key, person_row, person, op, before, after, hash
            FROM change_log ORDER BY seq
            """, []) { row in
            guard findings.count < Self.limit else { return }
            let seq = row.int64(0)
            if seq != expectedSeq {
                findings.append(IntegrityFinding(check: .chain, .chainGap(from: expectedSeq, to: seq - 1)))
            }
            let computed = previous.withUnsafeBytes { before in
                ChangeLog.chainHash(ChangeLog.fieldCount) { i in
                    i == 0 ? before : row.isNull(Int32(i - 1)) ? nil : UnsafeRawBufferPointer(row.bytes(Int32(i - 1)))
                }
            }
            let stored = row.bytes(12)
            if !computed.elementsEqual(stored) {
                findings.append(IntegrityFinding(check: .chain, seq == expectedSeq ? .chainHash(seq: seq) : .chainBreak(seq: seq)))
            }
            expectedSeq = seq + 1
            previous = Array(stored)
        }
        return findings
    }

    /// The ledger's invariants (RULES X1, §7), checked again in case the constraints were
    /// defeated by a file edited outside gongqin.
    func ledger(tolerant: Bool = false) throws -> [IntegrityFinding] {
        let checks: [(sql: String, problem: (Row) -> IntegrityProblem)] = [
            ("""
             SELECT u.id, p.name, u.condition_code, u.application_id FROM exceptional_use u JOIN person p ON p.id = u.person_id
             LEFT JOIN application a ON a.id = u.application_id
             WHERE u.source = 'application' AND (a.id IS NULL OR a.status = 'withdrawn' OR a.person_id <> u.person_id
                                                OR a.cycle <> u.year OR a.grade <> u.grade)
             """, { .useWithoutApplication(name: $0["name"], condition: $0["condition_code"], application: $0["application_id"] as Int64? ?? 0) }),
            ("""
             SELECT p.name, u.category, count(*) AS n FROM exceptional_use u JOIN person p ON p.id = u.person_id
             GROUP BY u.person_id, u.category HAVING count(*) > 1
             """, { .categoryRepeated(name: $0["name"], category: $0["category"], count: $0["n"]) }),
            ("""
             SELECT p.name, a.cycle, count(*) AS n FROM application a JOIN person p ON p.id = a.person_id
             WHERE a.status <> 'withdrawn' GROUP BY a.person_id, a.cycle HAVING count(*) > 1
             """, { .applicationsInCycle(name: $0["name"], cycle: $0["cycle"], count: $0["n"]) }),
            ("""
             SELECT a.id, p.name FROM application a JOIN person p ON p.id = a.person_id
             WHERE a.module = 'exceptional' AND a.status <> 'withdrawn'
               AND NOT EXISTS (SELECT 1 FROM exceptional_use u WHERE u.application_id = a.id)
             """, { .exceptionalWithoutUse(name: $0["name"], application: $0["id"]) }),
            ("""
             SELECT u.id, p.name, u.condition_code FROM exceptional_use u JOIN person p ON p.id = u.person_id
             LEFT JOIN exceptional_condition c ON c.code = u.condition_code WHERE c.category IS NOT u.category
             """, { .useCategoryMismatch(name: $0["name"], condition: $0["condition_code"]) }),
        ]
        var findings: [IntegrityFinding] = []
        for check in checks {
            let rows = try tolerating(tolerant) {
                try Row.fetchAll(db, sql: check.sql + " LIMIT \(Self.limit)").map { IntegrityFinding(check: .ledger, check.problem($0)) }
            }
            findings += rows
        }
        return findings
    }

    /// RULES R1: every application in progress still holds on the records as they are, as
    /// the gate judges it at every commit (`ApplicationHold`). One that does not is a
    /// ledger finding: the records changed behind gongqin's back, or before this check
    /// existed.
    func applicationsHold(today: Day) throws -> [IntegrityFinding] {
        let people = try PersonRow.fetchAll(db, sql: """
            SELECT * FROM person WHERE id IN (SELECT person_id FROM application WHERE \(ApplicationStatus.inProgressSQL))
            ORDER BY id
            """)
        guard !people.isEmpty else { return [] }
        let engine = try session.engine(today: today)
        var findings: [IntegrityFinding] = []
        for batch in stride(from: 0, to: people.count, by: 500) {
            let rows = Array(people[batch..<min(batch + 500, people.count)])
            for (row, record) in zip(rows, try session.people.records(of: rows)) {
                for application in record.applications where application.status.isInProgress {
                    let decision = ApplicationHold.judge(application, record: record, engine: engine)
                    guard !decision.open else { continue }
                    findings.append(IntegrityFinding(check: .ledger, .applicationNoLongerHolds(
                        name: row.name, application: application, failed: Array(decision.failedChecks.prefix(2)))))
                    if findings.count >= Self.limit { return findings }
                }
            }
        }
        return findings
    }

    /// Every row of a logged table matches the newest log entry for it, or the batch entry
    /// of the import that wrote it, and every row the log says exists does: a write made
    /// outside gongqin, or a log entry deleted, shows. A row is the batch's when the batch is
    /// newer than the row's own newest entry. The tables are those of the expected schema,
    /// never a list read from the file. `present` says whether a table can be read.
    func logAccountsForData(_ expected: ExpectedSchema, present: (String) -> Bool, tolerant: Bool) throws -> [IntegrityFinding] {
        var findings: [IntegrityFinding] = []
        guard present("change_log") else { return [] }
        for logged in expected.loggedTables {
            let table = logged.table
            // A table missing is a `schema` finding; one altered is read as far as it can be.
            guard present(table) else { continue }
            let (key, json) = ChangeLog.rowExpressions(table: table, columns: logged.columns, primaryKey: logged.primaryKey)
            let batches: [(seq: Int64, table: String, batch: ImportBatch?)]
            do {
                batches = try ImportBatches.entries(db, table: table)
            } catch is DatabaseError where tolerant {
                continue
            }
            // The newest batch covering row `k`, as an SQL expression over the batches' ranges.
            let ranges = batches.compactMap { entry in entry.batch.map { "(\(entry.seq), \($0.first), \($0.last))" } }
            let batchSeq = ranges.isEmpty ? "0"
                : "coalesce((SELECT max(b.column1) FROM (VALUES \(ranges.joined(separator: ", "))) AS b WHERE k BETWEEN b.column2 AND b.column3), 0)"
            let sql = """
                WITH latest AS (SELECT seq, row_id AS k, row_key AS shown, op, after AS j FROM change_log
                                WHERE seq IN (SELECT max(seq) FROM change_log WHERE table_name = ? AND op <> 'import' GROUP BY row_id))
                SELECT 'changed' AS kind, \(key) FROM "\(table)" AS cur JOIN latest ON latest.k = cur.rowid
                WHERE (latest.op = 'delete' OR latest.j IS NOT \(json)) AND latest.seq > (SELECT \(batchSeq))
                UNION ALL
                SELECT 'unlogged', \(key) FROM "\(table)" AS cur
                WHERE cur.rowid NOT IN (SELECT k FROM latest) AND (\(Self.outside(batches.compactMap(\.batch))))
                UNION ALL
                SELECT 'missing', latest.shown FROM latest
                WHERE latest.op <> 'delete' AND latest.k NOT IN (SELECT rowid FROM "\(table)") AND latest.seq > (SELECT \(batchSeq))
                LIMIT \(Self.limit)
                """
            let rows: [Row]
            do {
                rows = try Row.fetchAll(db, sql: sql, arguments: [table])
            } catch is DatabaseError where tolerant {
                continue
            }
            for row in rows {
                let k: String = row[1]
                let shown = table == "person" ? ((try? IDNumber(k))?.masked ?? k) : k
                let problem: IntegrityProblem = switch row["kind"] as String {
                case "changed": .rowChanged(table: table, key: shown)
                case "unlogged": .rowUnlogged(table: table, key: shown)
                default: .rowMissing(table: table, key: shown)
                }
                findings.append(IntegrityFinding(check: .logVsData, problem))
            }
            findings += try batchesAccountForData(table: table, batches: batches)
            findings += try counterAccountsForLog(table: table, batches: batches.compactMap(\.batch))
        }
        return findings
    }

    /// A table's record-number counter (AUTOINCREMENT, Schema/0008) is past every number
    /// the log says the table ever used: one set back outside gongqin would give a removed
    /// record's number to a new one.
    func counterAccountsForLog(table: String, batches: [ImportBatch]) throws -> [IntegrityFinding] {
        guard let counter = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table]) else {
            return []
        }
        let logged = try Int64.fetchOne(db, sql: """
            SELECT max(row_id) FROM change_log WHERE table_name = ? AND op <> 'import'
            """, arguments: [table]) ?? 0
        let used = max(logged, batches.map(\.last).max() ?? 0)
        guard counter < used else { return [] }
        return [IntegrityFinding(check: .logVsData, .counterBehind(table: table, counter: counter, used: used))]
    }

    /// An SQL condition on `cur.rowid` that holds for the rows no batch covers: the gaps
    /// between the batches' ranges, as rowid ranges SQLite seeks to (a MULTI-INDEX OR), so
    /// that a table written by bulk imports is not scanned row by row for its unlogged rows;
    /// the batches' rows are accounted for by their digests (`batchesAccountForData`).
    static func outside(_ batches: [ImportBatch]) -> String {
        let ranges = batches.filter { $0.first <= $0.last }.map { ($0.first, $0.last) }.sorted { $0.0 < $1.0 }
        guard let (low, end) = ranges.first else { return "1" }
        var gaps = ["cur.rowid < \(low)"]
        var high = end
        for (first, last) in ranges.dropFirst() {
            if first > high, first - 1 > high { gaps.append("cur.rowid BETWEEN \(high + 1) AND \(first - 1)") }
            high = max(high, last)
        }
        gaps.append("cur.rowid > \(high)")
        return gaps.joined(separator: " OR ")
    }

    /// Each batch entry's digest, recomputed over its rows as they are now, each row a
    /// later entry touched taken as that entry says it was: a row of the batch edited,
    /// deleted or added behind gongqin's back breaks it.
    func batchesAccountForData(table: String,
                               batches: [(seq: Int64, table: String, batch: ImportBatch?)]) throws -> [IntegrityFinding] {
        var findings: [IntegrityFinding] = []
        for entry in batches {
            guard let batch = entry.batch else {
                findings.append(IntegrityFinding(check: .logVsData, .batchUnreadable(seq: entry.seq, table: table)))
                continue
            }
            if try !ImportBatches.verify(db, seq: entry.seq, table: table, batch: batch) {
                findings.append(IntegrityFinding(check: .logVsData, .batchDigest(seq: entry.seq, table: table, batch: batch)))
            }
        }
        return findings
    }
}

extension Session {
    public var integrity: Integrity { Integrity(session: self) }
}
