import Crypto
import Foundation
import GongQinCore
import GRDB

/// The change log (table `change_log`): triggers on every table append one entry per
/// insert, update and delete, through the view `change_log_append` (Schema/0001).
/// Entries are hash-chained: each stores the SHA-256 of the previous entry's hash
/// together with its own fields, so an entry edited, deleted or inserted by hand breaks
/// the chain (issue 4).
enum ChangeLog {
    /// Registers the SQL functions the triggers call. They exist only on gongqin's own
    /// connections: a write made with another SQLite client fails unless it drops the
    /// triggers, and `check` then finds it.
    static func registerFunctions(in db: Database, context: LogContext) {
        db.add(function: DatabaseFunction("gongqin_actor", argumentCount: 0, pure: false) { _ in context.actor })
        db.add(function: DatabaseFunction("gongqin_command", argumentCount: 0, pure: false) { _ in context.command })
        db.add(function: DatabaseFunction("gongqin_chain_hash", argumentCount: 11, pure: true) { values in
            chainHash(values.map { value -> String? in
                switch value.storage {
                case .null: return nil
                case .int64(let n): return String(n)
                case .double(let d): return String(d)
                case .string(let s): return s
                case .blob(let b): return b.base64EncodedString()
                }
            })
        })
    }

    /// SHA-256, in hex, of the fields in order: previous hash, seq, at, actor, command,
    /// table, row key, person, op, before, after. Each field is written as its UTF-8
    /// length, a colon and its bytes, and NULL as `-`, so no two lists of fields collide.
    static func chainHash(_ fields: [String?]) -> String {
        var hasher = SHA256()
        for field in fields {
            if let field {
                let bytes = Array(field.utf8)
                hasher.update(data: Array("\(bytes.count):".utf8))
                hasher.update(data: bytes)
            } else {
                hasher.update(data: Array("-".utf8))
            }
        }
        return hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The tables whose writes the triggers log: those with a `<table>_log_insert` trigger.
    static func loggedTables(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name = tbl_name || '_log_insert' ORDER BY tbl_name
            """)
    }

    /// The key and JSON expressions the triggers log a row of `table` with: every column
    /// in table order, the key the primary key (the identity number for a person). The
    /// migrations write their triggers the same way; `check` recomputes them to compare.
    static func rowExpressions(_ db: Database, table: String) throws -> (key: String, json: String) {
        let info = try Row.fetchAll(db, sql: "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
        let columns = info.map { $0["name"] as String }
        let primaryKey = info.first { ($0["pk"] as Int) == 1 }.map { $0["name"] as String } ?? "rowid"
        // A person is logged under the identity number, every other row under its key.
        let key = table == "person" ? "id_number" : "CAST(\"\(primaryKey)\" AS TEXT)"
        let json: String = "json_object(" + columns.map { column in
            let value = (table, column) == ("policy", "document") ? "json(document)" : "\"\(column)\""
            return "'\(column)', \(value)"
        }.joined(separator: ", ") + ")"
        return (key, json)
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
            conditions.append("person = ?")
            arguments += [person.text]
        }
        if let since {
            conditions.append("at >= ?")
            arguments += [since.description]
        }
        if let table {
            guard try ChangeLog.loggedTables(session.db).contains(table) else {
                throw GongQinError.invalid("变更日志中没有表“\(table)”",
                                           hint: NameMatch.hint(for: table, in: try ChangeLog.loggedTables(session.db), listCommand: "gongqin log"))
            }
            conditions.append("table_name = ?")
            arguments += [table]
        }
        let sql = "SELECT * FROM change_log" + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")) + " ORDER BY seq"
        let cursor = try Row.fetchCursor(session.db, sql: sql, arguments: arguments)
        while let row = try cursor.next() {
            try body(LogEntry(seq: row["seq"], at: row["at"], actor: row["actor"], command: row["command"],
                              table: row["table_name"], rowKey: row["row_key"], person: row["person"], op: row["op"],
                              before: row["before"], after: row["after"]))
        }
    }
}

extension Session {
    public var log: ChangeLogReader { ChangeLogReader(session: self) }
}
