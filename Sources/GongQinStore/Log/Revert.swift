import Foundation
import GongQinCore
import GRDB

/// What `revert` wrote: the entry it undid and the new entries of the inverse change.
public struct Reverted: Sendable {
    public var seq: Int64
    public var table: String
    public var op: String
    public var rowKey: String
    /// The change-log entries the inverse wrote, in order.
    public var newEntries: ClosedRange<Int64>?
}

extension Session {
    /// The tables a `revert` may touch: the records kept on people, people, units and
    /// trades. Applications, uses recorded by them, policies and settings have their own
    /// commands, which keep the ledger (X1) whole.
    static let revertible: Set<String> = Set(RecordKinds.specTables.map(\.table) + [
        RecordKinds.exceptionalUse.table, "person", "unit", "trade",
    ])

    /// Undoes change-log entry `seq` by writing its inverse as a new change, logged like
    /// any other (R1). Refused when a later entry changed the same row: that one is named,
    /// and reverted first.
    public func revert(_ seq: Int64, today: Day) throws -> Reverted {
        guard let entry = try Row.fetchOne(db, sql: "SELECT * FROM change_log WHERE seq = ?", arguments: [seq]) else {
            throw RecordError.unknownLogEntry(seq: seq)
        }
        let table: String = entry["table_name"], rowID: Int64 = entry["row_id"], op: String = entry["op"]
        if op == "import" {
            // One entry for a whole imported file: its rows are corrected one by one.
            let after: String? = entry["after"]
            guard let batch = after.flatMap({ try? JSONDecoder().decode(ImportBatch.self, from: Data($0.utf8)) }) else {
                throw RecordError.notRevertible(seq: seq, table: table)
            }
            throw ImportBatches.refuseRevert(seq: seq, batch: batch)
        }
        // A later entry of the same row, its own or a batch's whose range holds it (a batch
        // entry names no row: its row_id is 0).
        if let later = try Int64.fetchOne(db, sql: """
            SELECT max(seq) FROM change_log WHERE table_name = ?1 AND seq > ?3
              AND ((op <> 'import' AND row_id = ?2)
                   OR (op = 'import' AND ?2 BETWEEN json_extract(after, '$.first') AND json_extract(after, '$.last')))
            """, arguments: [table, rowID, seq]) {
            throw RecordError.revertSuperseded(seq: seq, later: later, table: table)
        }
        guard Self.revertible.contains(table) else { throw RecordError.notRevertible(seq: seq, table: table) }
        let before: String? = entry["before"]
        if table == RecordKinds.exceptionalUse.table,
           let json = before ?? entry["after"] as String?,
           let source = try String.fetchOne(db, sql: "SELECT json_extract(?, '$.source')", arguments: [json]),
           source == UseSource.application.rawValue {
            throw RecordError.notRevertible(seq: seq, table: table)
        }
        if table == "trade", op == "insert",
           try Bool.fetchOne(db, sql: "SELECT builtin FROM trade WHERE id = ?", arguments: [rowID]) == true {
            throw RecordError.notRevertible(seq: seq, table: table)
        }
        let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
        let last = try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM change_log")!
        let personRow: Int64? = entry["person_row"]
        let owner = try personRow.flatMap { try PersonRow.fetchOne(db, key: $0) }
        // The inverse goes through the gate like any write: R1 and the checks of typed
        // input are judged at the commit.
        do {
            switch op {
            case "insert":
                try db.execute(sql: "DELETE FROM \(table) WHERE rowid = ?", arguments: [rowID])
            case "delete":
                let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                let values = columns.map { "json_extract(:json, '$.\"\($0)\"')" }.joined(separator: ", ")
                try db.execute(sql: "INSERT INTO \(table) (\(names)) SELECT \(values)", arguments: ["json": before])
            default:
                let sets = columns.filter { $0 != "id" }.map { "\"\($0)\" = json_extract(:json, '$.\"\($0)\"')" }
                    .joined(separator: ", ")
                try db.execute(sql: "UPDATE \(table) SET \(sets) WHERE rowid = :row", arguments: ["json": before, "row": rowID])
            }
            if table == RecordKinds.transfer.table, let owner { try self.realignTrade(owner, transfer: rowID, op: op, before: before) }
        }
        let now = try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM change_log")!
        return Reverted(seq: seq, table: table, op: op, rowKey: entry["row_key"], newEntries: now > last ? (last + 1)...now : nil)
    }

    /// After a transfer is reverted, the person's trade follows the chain again (T1).
    func realignTrade(_ owner: PersonRow, transfer rowID: Int64, op: String, before: String?) throws {
        switch op {
        case "delete":
            // The transfer is back: when it is the latest and the person stands where it
            // started, they stand where it led.
            guard let restored = try people.storedTransfer("id = ?", [rowID])?.transfer,
                  var person = try PersonRow.fetchOne(db, key: owner.id!),
                  try people.storedTransfer("person_id = ? AND date > ?", [owner.id!, restored.date]) == nil,
                  try catalog.tradeName(id: person.tradeId) == restored.from else { return }
            person.tradeId = try catalog.tradeID(named: restored.to)
            try person.update(db)
        default:
            let old: Transfer
            if op == "insert" {
                // The inserted transfer, as the row stood before the delete just made.
                guard let row = try Row.fetchOne(db, sql: "SELECT after FROM change_log WHERE table_name = 'transfer' AND row_id = ? AND op = 'insert' ORDER BY seq DESC LIMIT 1", arguments: [rowID]),
                      let json = row["after"] as String? else { return }
                old = try transfer(json)
            } else {
                guard let before else { return }
                // An update: the changed transfer, as it stood after the change being undone.
                guard let after = try String.fetchOne(db, sql: "SELECT after FROM change_log WHERE table_name = 'transfer' AND row_id = ? AND op = 'update' ORDER BY seq DESC LIMIT 1 OFFSET 1", arguments: [rowID]) else {
                    _ = before
                    return
                }
                old = try transfer(after)
            }
            try people.followTransfers(owner, rowID, before: old)
        }
    }

    func transfer(_ json: String) throws -> Transfer {
        let row = try Row.fetchOne(db, sql: """
            SELECT json_extract(:j, '$.from_trade_id') AS f, json_extract(:j, '$.to_trade_id') AS t, json_extract(:j, '$.date') AS d
            """, arguments: ["j": json])!
        return Transfer(from: try catalog.tradeName(id: row["f"]), to: try catalog.tradeName(id: row["t"]), date: row["d"])
    }
}

/// What `status` shows.
public struct DatabaseStatus: Sendable, Encodable {
    public var path: String
    public var schemaVersion: String
    public var people: Int
    public var units: Int
    public var records: Int
    public var head: Head
    public var mode: String
    public var lastChange: String?
    /// The newest seal on the log, nil for a file never sealed (README, “The unit's seal”).
    public var seal: SealState?

    public struct Head: Sendable, Encodable {
        public var entries: Int
        public var hash: String
    }
}

extension GongQinDatabase {
    /// The path, the schema version, the counts, the change-log head, the file's mode and
    /// the time of the last change.
    public func status() throws(StoreFailure) -> DatabaseStatus {
        let permissions = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
        let mode = "0" + String(permissions & 0o7777, radix: 8)
        return try readDatabase { db in
            let version = try String.fetchOne(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier DESC LIMIT 1") ?? ""
            let people = try Int.fetchOne(db, sql: "SELECT count(*) FROM person")!
            let units = try Int.fetchOne(db, sql: "SELECT count(*) FROM unit")!
            var records = 0
            for table in RecordKinds.specTables.map(\.table) + [RecordKinds.exceptionalUse.table, "application"] {
                records += try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")!
            }
            let last = try Row.fetchOne(db, sql: "SELECT seq, hash, at FROM change_log ORDER BY seq DESC LIMIT 1")
            return DatabaseStatus(path: path, schemaVersion: version, people: people, units: units, records: records,
                                  head: .init(entries: last?["seq"] ?? 0, hash: last?["hash"] ?? ""), mode: mode,
                                  lastChange: last?["at"], seal: try Session(db).integrity.sealState())
        }
    }
}
