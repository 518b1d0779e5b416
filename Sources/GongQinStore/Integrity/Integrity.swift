import Foundation
import GongQinCore
import GRDB

/// One problem `check` found.
public struct IntegrityFinding: Hashable, Sendable, Codable {
    public var check: IntegrityCheck
    public var detail: String
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
                IntegrityFinding(check: .witness, detail: "自您上次用 gongqin 写入（日志第\(witnessed.seq)条）以来，" + finding.detail.replacingOccurrences(of: "锚点", with: "该条"))
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
        try ExpectedSchema.differences(db).prefix(Self.limit).map { IntegrityFinding(check: .schema, detail: $0.detail) }
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
            return [IntegrityFinding(check: .anchor, detail: "变更日志中已没有锚点所记的第\(anchor.seq)条：日志在锚点之后被截短或删改")]
        }
        guard stored.hasPrefix(anchor.hash) else {
            return [IntegrityFinding(check: .anchor, detail: "变更日志第\(anchor.seq)条的哈希\(stored.prefix(16))…与锚点记的\(anchor.hash.prefix(16))…不同：日志在锚点之前的部分被重写")]
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
            findings += integrity.prefix(Self.limit).map { IntegrityFinding(check: .integrity, detail: "SQLite 完整性检查：\($0)") }
        }
        let dangling = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
        findings += dangling.prefix(Self.limit).map { row in
            IntegrityFinding(check: .foreignKey,
                             detail: "\(Tables.chineseName(of: row[0]) ?? row[0])表第\(row[1] as Int64? ?? 0)行引用的\(Tables.chineseName(of: row[2]) ?? row[2])记录不存在")
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
                findings.append(IntegrityFinding(check: .chain, detail: "变更日志缺少第\(expectedSeq)–\(seq - 1)条：记录被删除"))
            }
            let computed = previous.withUnsafeBytes { before in
                ChangeLog.chainHash(ChangeLog.fieldCount) { i in
                    i == 0 ? before : row.isNull(Int32(i - 1)) ? nil : UnsafeRawBufferPointer(row.bytes(Int32(i - 1)))
                }
            }
            let stored = row.bytes(12)
            if !computed.elementsEqual(stored) {
                findings.append(IntegrityFinding(check: .chain, detail: seq == expectedSeq
                    ? "变更日志第\(seq)条的内容与其哈希不符：该条或其前一条被改动、伪造或删除"
                    : "变更日志第\(seq)条与前面的记录衔接不上：其前的记录被删除"))
            }
            expectedSeq = seq + 1
            previous = Array(stored)
        }
        return findings
    }

    /// The ledger's invariants (RULES X1, §7), checked again in case the constraints were
    /// defeated by a file edited outside gongqin.
    func ledger(tolerant: Bool = false) throws -> [IntegrityFinding] {
        let checks: [(sql: String, detail: (Row) -> String)] = [
            ("""
             SELECT u.id, p.name, u.condition_code, u.application_id FROM exceptional_use u JOIN person p ON p.id = u.person_id
             LEFT JOIN application a ON a.id = u.application_id
             WHERE u.source = 'application' AND (a.id IS NULL OR a.status = 'withdrawn' OR a.person_id <> u.person_id
                                                OR a.cycle <> u.year OR a.grade <> u.grade)
             """, { "\($0["name"] as String)的破格使用\($0["condition_code"] as String)与申报\($0["application_id"] as Int64? ?? 0)不符（申报不存在、已撤回或等级年度不一致）" }),
            ("""
             SELECT p.name, u.category, count(*) AS n FROM exceptional_use u JOIN person p ON p.id = u.person_id
             GROUP BY u.person_id, u.category HAVING count(*) > 1
             """, { "\($0["name"] as String)的“\($0["category"] as String)”类破格条件使用了\($0["n"] as Int)次（\(RuleID.X1.citation)）" }),
            ("""
             SELECT p.name, a.cycle, count(*) AS n FROM application a JOIN person p ON p.id = a.person_id
             WHERE a.status <> 'withdrawn' GROUP BY a.person_id, a.cycle HAVING count(*) > 1
             """, { "\($0["name"] as String)在\($0["cycle"] as Int)年有\($0["n"] as Int)份未撤回的申报（每人每周期一份，\(RuleID.D6.citation)）" }),
            ("""
             SELECT a.id, p.name FROM application a JOIN person p ON p.id = a.person_id
             WHERE a.module = 'exceptional' AND a.status <> 'withdrawn'
               AND NOT EXISTS (SELECT 1 FROM exceptional_use u WHERE u.application_id = a.id)
             """, { "\($0["name"] as String)的破格申报\($0["id"] as Int64)没有记录所用的破格条件（\(RuleID.X4.citation)）" }),
            ("""
             SELECT u.id, p.name, u.condition_code FROM exceptional_use u JOIN person p ON p.id = u.person_id
             LEFT JOIN exceptional_condition c ON c.code = u.condition_code WHERE c.category IS NOT u.category
             """, { "\($0["name"] as String)的破格使用\($0["condition_code"] as String)与目录中的类别不符" }),
        ]
        var findings: [IntegrityFinding] = []
        for check in checks {
            let rows = try tolerating(tolerant) {
                try Row.fetchAll(db, sql: check.sql + " LIMIT \(Self.limit)").map { IntegrityFinding(check: .ledger, detail: check.detail($0)) }
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
            SELECT * FROM person WHERE id IN (SELECT person_id FROM application WHERE status IN ('filed', 'returned', 'accepted'))
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
                    let failed = decision.failedChecks.prefix(2).map { "\($0.rule.rawValue) \($0.detail)" }.joined(separator: "；")
                    findings.append(IntegrityFinding(check: .ledger, detail: """
                        \(row.name)的在办申报（编号\(application.id)，\(application.cycle)年\(application.trade)\(application.grade.chinese)·\(application.module.chinese)，\(application.status.chinese)）在现有记录上已不成立（\(RuleID.R1.citation)）：\(failed)
                        """))
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
            let name = Tables.chineseName(of: table) ?? table
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
                let detail = switch row["kind"] as String {
                case "changed": "\(name)记录\(shown)与变更日志的最后一条不符：在 gongqin 之外被改动，或其日志被删除"
                case "unlogged": "\(name)记录\(shown)在变更日志中没有记载：在 gongqin 之外写入，或其日志被删除"
                default: "\(name)记录\(shown)按变更日志应存在，但已不在：在 gongqin 之外被删除"
                }
                findings.append(IntegrityFinding(check: .logVsData, detail: detail))
            }
            findings += try batchesAccountForData(table: table, name: name, batches: batches)
            findings += try counterAccountsForLog(table: table, name: name, batches: batches.compactMap(\.batch))
        }
        return findings
    }

    /// A table's record-number counter (AUTOINCREMENT, Schema/0008) is past every number
    /// the log says the table ever used: one set back outside gongqin would give a removed
    /// record's number to a new one.
    func counterAccountsForLog(table: String, name: String, batches: [ImportBatch]) throws -> [IntegrityFinding] {
        guard let counter = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table]) else {
            return []
        }
        let logged = try Int64.fetchOne(db, sql: """
            SELECT max(row_id) FROM change_log WHERE table_name = ? AND op <> 'import'
            """, arguments: [table]) ?? 0
        let used = max(logged, batches.map(\.last).max() ?? 0)
        guard counter < used else { return [] }
        return [IntegrityFinding(check: .logVsData, detail: "\(name)的编号计数器（\(counter)）低于变更日志中已用过的编号\(used)：在 gongqin 之外被改动，新记录会重用旧编号")]
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
    func batchesAccountForData(table: String, name: String,
                               batches: [(seq: Int64, table: String, batch: ImportBatch?)]) throws -> [IntegrityFinding] {
        var findings: [IntegrityFinding] = []
        for entry in batches {
            guard let batch = entry.batch else {
                findings.append(IntegrityFinding(check: .logVsData, detail: "变更日志第\(entry.seq)条（\(name)的整批导入）的内容无法读取"))
                continue
            }
            if try !ImportBatches.verify(db, seq: entry.seq, table: table, batch: batch) {
                findings.append(IntegrityFinding(check: .logVsData, detail: """
                    \(name)记录\(batch.first)–\(batch.last)（变更日志第\(entry.seq)条，文件“\(batch.file)”整批导入）与该批的摘要不符：\
                    其中有记录在 gongqin 之外被改动、增加或删除，或其日志被删除
                    """))
            }
        }
        return findings
    }
}

extension Session {
    public var integrity: Integrity { Integrity(session: self) }
}
