import GongQinCore
import GRDB

extension ChangeLogReader {
    /// The tables whose rows the log's records refer to by row id, and the columns that do
    /// (`trade_id: 7`): `log` shows their names instead (Documentation/CLI.md, log).
    public static let references: [String: String] = [
        "trade_id": "trade", "from_trade_id": "trade", "to_trade_id": "trade", "unit_id": "unit", "person_id": "person",
    ]

    /// The names of the rows `ids` of `table` (`trade`, `unit` or `person`): the name the
    /// row has now, or, for a row since removed, the last name the log recorded for it.
    public func names(_ table: String, ids: Set<Int64>) throws -> [Int64: String] {
        guard ["trade", "unit", "person"].contains(table), !ids.isEmpty else { return [:] }
        var names: [Int64: String] = [:]
        let sorted = ids.sorted()
        for start in stride(from: 0, to: sorted.count, by: 500) {
            let chunk = sorted[start..<min(sorted.count, start + 500)].map(String.init).joined(separator: ",")
            for row in try Row.fetchAll(session.db, sql: "SELECT id, name FROM \(table) WHERE id IN (\(chunk))") {
                names[row["id"]] = row["name"]
            }
        }
        for id in sorted where names[id] == nil {
            names[id] = try String.fetchOne(session.db, sql: """
                SELECT json_extract(COALESCE(after, before), '$.name') FROM change_log
                WHERE table_name = ? AND row_id = ? AND op <> 'import' ORDER BY seq DESC LIMIT 1
                """, arguments: [table, id])
        }
        return names
    }
}
