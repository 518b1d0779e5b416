import Crypto
import Foundation
import GongQinCore
import GRDB
import GRDBSQLite

/// The change log (table `change_log`): triggers on every table append one entry per
/// insert, update and delete, through the view `change_log_append` (Schema/0001).
/// Entries are hash-chained: each stores the SHA-256 of the previous entry's hash
/// together with its own fields, so an entry edited, deleted or inserted by hand breaks
/// the chain (ARCHITECTURE.md, the change log).
enum ChangeLog {
    /// Registers the SQL functions the triggers call. They exist only on gongqin's own
    /// connections: a write made with another SQLite client fails unless it drops the
    /// triggers, and `check` then finds it.
    static func registerFunctions(in db: Database, context: LogContext) {
        db.add(function: DatabaseFunction("gongqin_actor", argumentCount: 0, pure: false) { _ in context.actor })
        db.add(function: DatabaseFunction("gongqin_command", argumentCount: 0, pure: false) { _ in context.command })
        // A stored name folded as gongqin folds a name it is given (Schema/0011).
        db.add(function: DatabaseFunction("gongqin_person_name", argumentCount: 1, pure: true) { values in
            String.fromDatabaseValue(values[0]).map(StoredName.folded)
        })
        // NULL but inside a bulk import (Schema/0007): every insert is logged.
        ImportBatches.registerSilence(in: db)
        // Called once per logged row, so straight on SQLite's C interface: no arrays of
        // values, no Swift strings, the bytes hashed where SQLite holds them.
        sqlite3_create_function_v2(db.sqliteConnection, "gongqin_chain_hash", Int32(fieldCount),
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil, { context, count, values in
            let hex = ChangeLog.chainHash(Int(count)) { i in
                let value = values![i]
                if sqlite3_value_type(value) == SQLITE_NULL { return nil }
                let text = sqlite3_value_text(value)
                return UnsafeRawBufferPointer(start: text, count: Int(sqlite3_value_bytes(value)))
            }
            hex.withUnsafeBufferPointer { buffer in
                sqlite3_result_text(context, buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                    Int32(buffer.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            }
        }, nil, nil, nil)
    }

    /// The fields of an entry, in the order they are hashed: the previous entry's hash,
    /// then seq, at, actor, command, table_name, row_id, row_key, person_row, person, op,
    /// before, after.
    static let fieldCount = 13

    static let nullField: [UInt8] = Array("-".utf8)

    /// The chain hash of an entry (README, “What the log detects”), in hex: SHA-256 over
    /// its `count` fields in order, each as its UTF-8 length, a colon and its bytes, NULL
    /// (`field` gives nil) as `-`, so no two lists of fields collide. The triggers'
    /// `gongqin_chain_hash` and `check` (`Integrity.chain`) both hash through here.
    static func chainHash(_ count: Int, _ field: (Int) -> UnsafeRawBufferPointer?) -> [UInt8] {
        var hasher = SHA256()
        for i in 0..<count { hash(field: field(i), into: &hasher) }
        return hexadecimal(hasher.finalize())
    }

    /// Feeds one field as the chain hash and a batch's digest (`ImportBatches.digest`)
    /// encode it: its UTF-8 length in decimal, a colon and its bytes (`12:` and 12 bytes),
    /// or `-` for NULL. The length is written on the stack: a string made for it was an
    /// allocation at every row of a batch.
    static func hash(field bytes: UnsafeRawBufferPointer?, into hasher: inout SHA256) {
        guard let bytes else { return hasher.update(data: nullField) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var start = buffer.count - 1
            buffer[start] = UInt8(ascii: ":")
            var length = bytes.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(length % 10)
                length /= 10
            } while length > 0
            hasher.update(bufferPointer: UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[start...])))
        }
        hasher.update(bufferPointer: bytes)
    }

    /// Bytes in lower-case hexadecimal, as UTF-8: a digest as the log, a bundle's manifest,
    /// the head witness's file name and a seal's fingerprint write it.
    static func hexadecimal<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return out
    }

    /// The same, as a string.
    static func hexadecimalText<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        String(decoding: hexadecimal(bytes), as: UTF8.self)
    }

    /// The tables whose writes the triggers log, by the schema this file's version should
    /// have (never by the triggers in the file, which an editor may have renamed).
    static func loggedTables(_ db: Database) throws -> [String] {
        ExpectedSchema.after(try ExpectedSchema.appliedMigrations(db))?.loggedTables.map { $0.table } ?? []
    }

    /// The key and JSON expressions the triggers log a row of `table` with: every column
    /// in table order, the key the primary key (the identity number for a person). The
    /// migrations write their triggers the same way; `check` recomputes them to compare.
    static func rowExpressions(_ db: Database, table: String) throws -> (key: String, json: String) {
        guard let logged = ExpectedSchema.after(try ExpectedSchema.appliedMigrations(db))?.loggedTables.first(where: { $0.table == table }) else {
            throw StoreFailure.tableNotLogged(table: table)
        }
        return rowExpressions(table: table, columns: logged.columns, primaryKey: logged.primaryKey)
    }

    static func rowExpressions(table: String, columns: [String], primaryKey: String) -> (key: String, json: String) {
        let key = table == "person" ? "id_number" : "CAST(\"\(primaryKey)\" AS TEXT)"
        let json: String = "json_object(" + columns.map { column in
            let value = (table, column) == ("policy", "document") ? "json(document)" : "\"\(column)\""
            return "'\(column)', \(value)"
        }.joined(separator: ", ") + ")"
        return (key, json)
    }

    /// The tables a bulk write (an import, a merge) fills, whose insert trigger is silent
    /// while `gongqin_bulk_table()` names the table (Schema/0007, 0013).
    static let bulkTables: Set<String> = [
        "unit", "trade", "person", "certificate", "transfer", "annual_assessment", "education", "award",
        "continuing_education", "exceptional_use", "job", "person_source",
    ]

    /// The names of `table`'s log triggers, as `triggerSQL` writes them.
    static func triggerNames(_ table: String) -> [String] {
        ["insert", "update", "delete"].map { "\(table)_log_\($0)" }
    }

    /// The change-log triggers of `table` (insert, update, delete), as a migration writes
    /// them: the generator of every migration's log triggers, whose output is committed in
    /// `Schema/` (ARCHITECTURE.md, “A new migration”). `SchemaTests` holds every trigger
    /// of the expected schema to what this writes for its table.
    ///
    /// The entry's row is the integer primary key (the rowid for a text key), its key the
    /// primary key as text (a person's identity number), and, for a person's record, the
    /// person's row and identity number; the row itself is every column in table order, as
    /// `rowExpressions` reads it back for `check`.
    public static func triggerSQL(table: String, columns: [String], primaryKey: String,
                                  integerKey: Bool) -> String {
        func row(_ side: String) -> (id: String, key: String, personRow: String, person: String, json: String) {
            let id = integerKey ? "\(side).\(primaryKey)" : "\(side).rowid"
            let key = table == "person" ? "\(side).id_number" : integerKey ? "CAST(\(side).\(primaryKey) AS TEXT)" : "\(side).\(primaryKey)"
            let personRow: String, person: String
            if table == "person" {
                (personRow, person) = ("\(side).id", "\(side).id_number")
            } else if columns.contains("person_id") {
                (personRow, person) = ("\(side).person_id", "(SELECT id_number FROM person WHERE id = \(side).person_id)")
            } else {
                (personRow, person) = ("NULL", "NULL")
            }
            let json: String = "json_object(" + columns.map { column in
                let value = (table, column) == ("policy", "document") ? "json(\(side).document)" : "\(side).\(column)"
                return "'\(column)', \(value)"
            }.joined(separator: ", ") + ")"
            return (id, key, personRow, person, json)
        }
        let new = row("NEW"), old = row("OLD")
        let bulk = bulkTables.contains(table) ? " WHEN gongqin_bulk_table() IS NOT '\(table)'" : ""
        return """
            CREATE TRIGGER \(table)_log_insert AFTER INSERT ON \(table)\(bulk) BEGIN
              INSERT INTO change_log_append VALUES ('\(table)', \(new.id), \(new.key), \(new.personRow), \(new.person), 'insert', NULL,
                \(new.json));
            END;
            CREATE TRIGGER \(table)_log_update AFTER UPDATE ON \(table) BEGIN
              INSERT INTO change_log_append VALUES ('\(table)', \(new.id), \(new.key), \(new.personRow), \(new.person), 'update',
                \(old.json),
                \(new.json));
            END;
            CREATE TRIGGER \(table)_log_delete AFTER DELETE ON \(table) BEGIN
              INSERT INTO change_log_append VALUES ('\(table)', \(old.id), \(old.key), \(old.personRow), \(old.person), 'delete',
                \(old.json), NULL);
            END;

            """
    }
}

/// One entry of the change log, as `log` shows it.
public struct LogEntry: Hashable, Sendable, Codable {
    public var seq: Int64
    public var at: String
    public var actor: String
    public var command: String
    public var table: String
    public var rowKey: String
    public var person: String?
    public var op: String
    public var before: String?
    public var after: String?
    /// For one row of a batch entry (op `import`) shown for a person: the file row that
    /// wrote it.
    public var fileRow: Int?
}

/// Reading the change log.
public struct ChangeLogReader {
    let session: Session

    /// The entries, oldest first, filtered by person, by day and by table.
    public func entries(person: IDNumber? = nil, since: Day? = nil, table: String? = nil,
                        _ body: (LogEntry) throws -> Void) throws {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let person {
            // The rows the person has had (a row id may come back after a removal, so the
            // identity number is checked too), through the index on person_row.
            let rows = try Int64.fetchAll(session.db, sql: """
                SELECT DISTINCT row_id FROM change_log WHERE table_name = 'person' AND row_key = ?1 AND op <> 'import'
                UNION SELECT id FROM person WHERE id_number = ?1
                """, arguments: [person.text])
            conditions.append("person_row IN (\(rows.map(String.init).joined(separator: ",")))")
            conditions.append("person = ?")
            arguments += [person.text]
        }
        if let since {
            conditions.append("at >= ?")
            arguments += [since.description]
        }
        if let table {
            guard try ChangeLog.loggedTables(session.db).contains(table) else {
                throw StoreFailure.tableNotInLog(table: table, known: try ChangeLog.loggedTables(session.db))
            }
            conditions.append("table_name = ?")
            arguments += [table]
        }
        // An imported row has no entry of its own: its batch's entry stands for it, shown
        // once for each of the person's rows it wrote (BENCHMARKS.md).
        var batchLines = try person.map { try batchEntries(person: $0, since: since, table: table) } ?? []
        batchLines.reverse()
        let sql = "SELECT * FROM change_log" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")) + " ORDER BY seq"
        let cursor = try Row.fetchCursor(session.db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            let entry = Self.entry(row)
            while let next = batchLines.last, next.seq < entry.seq { try body(batchLines.removeLast()) }
            try body(entry)
        }
        while let next = batchLines.popLast() { try body(next) }
    }

    static func entry(_ row: Row) -> LogEntry {
        LogEntry(seq: row["seq"], at: row["at"], actor: row["actor"], command: row["command"], table: row["table_name"],
                 rowKey: row["row_key"], person: row["person"], op: row["op"], before: row["before"], after: row["after"])
    }

    /// The batch entries that wrote rows of the person `id`, one line per row, in log order:
    /// the row's key, and the file row it came from.
    func batchEntries(person id: IDNumber, since: Day?, table: String?) throws -> [LogEntry] {
        let db = session.db
        var sql = "SELECT * FROM change_log WHERE op = 'import'"
        var arguments: StatementArguments = []
        if let since { sql += " AND at >= ?"; arguments += [since.description] }
        if let table { sql += " AND table_name = ?"; arguments += [table] }
        let batches = try Row.fetchAll(db, sql: sql + " ORDER BY seq", arguments: arguments)
        guard !batches.isEmpty else { return [] }
        // The person's rows: now, and in the log (a row id may come back after a removal).
        let personRows = Set(try Int64.fetchAll(db, sql: """
            SELECT id FROM person WHERE id_number = ?1
            UNION SELECT row_id FROM change_log WHERE table_name = 'person' AND row_key = ?1 AND op <> 'import'
            """, arguments: [id.text]))
        guard !personRows.isEmpty else { return [] }
        let rowList = personRows.sorted().map(String.init).joined(separator: ",")
        let decoder = JSONDecoder()
        var lines: [LogEntry] = []
        for row in batches {
            let entry = Self.entry(row)
            guard let text = entry.after, let batch = try? decoder.decode(ImportBatch.self, from: Data(text.utf8)) else { continue }
            let ids: [Int64]
            if entry.table == "person" {
                ids = personRows.filter { $0 >= batch.first && $0 <= batch.last }.sorted()
            } else if try db.columns(in: entry.table).contains(where: { $0.name == "person_id" }) {
                ids = try Int64.fetchAll(db, sql: """
                    SELECT rowid FROM "\(entry.table)" WHERE person_id IN (\(rowList)) AND rowid BETWEEN ?1 AND ?2
                    UNION SELECT row_id FROM change_log WHERE table_name = ?3 AND person_row IN (\(rowList)) AND person = ?4
                        AND row_id BETWEEN ?1 AND ?2
                    ORDER BY 1
                    """, arguments: [batch.first, batch.last, entry.table, id.text])
            } else {
                continue
            }
            for rowID in ids {
                var line = entry
                line.rowKey = entry.table == "person" ? id.text : String(rowID)
                line.person = id.text
                line.fileRow = batch.fileRow(of: rowID)
                lines.append(line)
            }
        }
        return lines
    }
}

/// The last entry of the change log: where the records stood when a page was made.
/// Printed as `N:HASH` (README, “What the log detects”): `check --anchor` takes it back to prove the log was
/// not rewritten or cut short since. An anchor read back from text has no time or actor.
public struct LogHead: Hashable, Sendable, CustomStringConvertible {
    public var seq: Int64
    public var at: String
    public var actor: String
    public var hash: String

    public init(seq: Int64, hash: String, at: String = "", actor: String = "") {
        self.seq = seq
        self.hash = hash
        self.at = at
        self.actor = actor
    }

    public var description: String { "\(seq):\(hash)" }

    /// `N:HASH`, the hash in hex, at least 16 digits of it.
    public static func parse(_ text: String) -> LogHead? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let seq = Int64(parts[0]), seq >= 1, (16...64).contains(parts[1].count),
              parts[1].allSatisfy({ $0.isHexDigit }) else { return nil }
        return LogHead(seq: seq, hash: parts[1].lowercased())
    }
}

extension ChangeLogReader {
    /// The last entry, nil for an empty log.
    public func head() throws -> LogHead? { try Integrity.head(session.db) }
}

extension Session {
    public var log: ChangeLogReader { ChangeLogReader(session: self) }
}
