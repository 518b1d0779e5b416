import GongQinCore
import GRDB
import GRDBSQLite

/// The current row of a statement, read by column index on SQLite's C interface: no
/// `Row`, no column names, no `DatabaseValue`. For the paths that read millions of rows
/// (the batched records of `eligible`, `forecast` and `report`; BENCHMARKS.md). The tables
/// are STRICT, so each column holds the type its schema says; a value of the right type
/// that does not read (a date or an enumeration edited by hand) throws `UnreadableValue`.
struct StatementRow {
    let handle: SQLiteStatement

    func isNull(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_NULL }

    func isText(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_TEXT }

    /// SQLITE_NULL, SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT or SQLITE_BLOB.
    func type(_ i: Int32) -> Int32 { sqlite3_column_type(handle, i) }

    func double(_ i: Int32) -> Double { sqlite3_column_double(handle, i) }

    /// A blob's bytes, valid until the statement moves on.
    func blob(_ i: Int32) -> UnsafeBufferPointer<UInt8> {
        let bytes = sqlite3_column_blob(handle, i)
        return UnsafeBufferPointer(start: bytes?.assumingMemoryBound(to: UInt8.self), count: Int(sqlite3_column_bytes(handle, i)))
    }

    /// A text column as SQLite's NUL-terminated UTF-8, valid until the statement moves on.
    func cString(_ i: Int32) -> UnsafePointer<CChar> {
        UnsafeRawPointer(sqlite3_column_text(handle, i)!).assumingMemoryBound(to: CChar.self)
    }

    func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }

    func int(_ i: Int32) -> Int { Int(sqlite3_column_int64(handle, i)) }

    func optionalInt(_ i: Int32) -> Int? { isNull(i) ? nil : int(i) }

    func optionalInt64(_ i: Int32) -> Int64? { isNull(i) ? nil : int64(i) }

    func bool(_ i: Int32) -> Bool { sqlite3_column_int64(handle, i) != 0 }

    /// The column's UTF-8 bytes, valid until the statement moves on.
    func bytes(_ i: Int32) -> UnsafeBufferPointer<UInt8> {
        // sqlite3_column_text before sqlite3_column_bytes, as SQLite's documentation asks.
        let text = sqlite3_column_text(handle, i)
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, i)))
    }

    func text(_ i: Int32) -> String { String(decoding: bytes(i), as: UTF8.self) }

    func optionalText(_ i: Int32) -> String? { isNull(i) ? nil : text(i) }

    /// A date stored as `YYYY-MM-DD`, read off its bytes.
    func day(_ i: Int32) throws -> Day {
        guard let day = Day(isoBytes: bytes(i)) else { throw UnreadableValue(column: i) }
        return day
    }

    func optionalDay(_ i: Int32) throws -> Day? { isNull(i) ? nil : try day(i) }

    /// An enumeration stored as its raw value.
    func value<E: RawRepresentable>(_ i: Int32, as type: E.Type = E.self) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: text(i)) else { throw UnreadableValue(column: i) }
        return value
    }

    func optionalValue<E: RawRepresentable>(_ i: Int32, as type: E.Type = E.self) throws -> E? where E.RawValue == String {
        isNull(i) ? nil : try value(i)
    }
}

/// A stored value that does not read as its column's type: `StoreErrors` words it as it
/// words GRDB's `RowDecodingError`.
struct UnreadableValue: Error {
    var column: Int32
}

extension Database {
    /// Runs the cached statement of `sql` with `arguments`, calling `body` with each row.
    func eachRow(_ sql: String, _ arguments: StatementArguments, _ body: (StatementRow) throws -> Void) throws {
        let statement = try cachedStatement(sql: sql)
        try statement.setArguments(arguments)
        try eachRow(of: statement, sql, body)
    }

    /// `eachRow` with one text argument, bound on SQLite's C interface without
    /// `StatementArguments` and its existentials: the look-up of a person by identity
    /// number, which an import makes for every person whose records it reads.
    func eachRow(_ sql: String, text: String, _ body: (StatementRow) throws -> Void) throws {
        let statement = try cachedStatement(sql: sql)
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        var text = text
        let handle = statement.sqliteStatement
        let code = text.withUTF8 { bytes in
            guard let start = bytes.baseAddress else { return sqlite3_bind_text(handle, 1, "", 0, transient) }
            return start.withMemoryRebound(to: CChar.self, capacity: bytes.count) { sqlite3_bind_text(handle, 1, $0, Int32(bytes.count), transient) }
        }
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)), sql: sql)
        }
        try eachRow(of: statement, sql, body)
    }

    private func eachRow(of statement: Statement, _ sql: String, _ body: (StatementRow) throws -> Void) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        let columns = StatementRow(handle: handle)
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)),
                                    sql: sql)
            }
            try body(columns)
        }
    }
}
