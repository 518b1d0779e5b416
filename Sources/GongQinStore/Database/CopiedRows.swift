import GRDB
import GRDBSQLite

/// One parameter of an insert that copies rows (`copyRows`, `insertRows`), taken from
/// the row being copied.
enum CopiedValue {
    /// The value in the row's column at this index, as it is.
    case column(Int32)
    /// The integer in the row's column at this index, through `map`: NULL when the column
    /// is NULL or `map` lacks it; when `required`, such a row is not copied at all.
    case mapped(Int32, [Int64: Int64], required: Bool)
}

extension Database {
    /// Runs `insert` once for each row `select` gives, its parameters bound to the row's
    /// columns in order (`sqlite3_bind_value` copies each value): rows copied between two
    /// connections without a `Row` or `StatementArguments` of each. `select` may belong to
    /// another connection, used on this thread.
    func copyRows(from select: Statement, into insert: Statement) throws {
        let from = select.sqliteStatement, to = insert.sqliteStatement
        defer {
            sqlite3_reset(from)
            sqlite3_reset(to)
        }
        let count = sqlite3_column_count(from)
        while true {
            let code = sqlite3_step(from)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw Self.failure(code, select) }
            sqlite3_reset(to)
            for i in 0..<count {
                let bound = sqlite3_bind_value(to, i + 1, sqlite3_column_value(from, i))
                guard bound == SQLITE_OK else { throw Self.failure(bound, insert) }
            }
            let inserted = sqlite3_step(to)
            guard inserted == SQLITE_DONE else { throw Self.failure(inserted, insert) }
        }
    }

    /// Runs `insert` once for each of `rows`, its parameters bound to `values`. The texts
    /// and blobs are bound in place (`SQLITE_STATIC`), and unbound before this returns.
    func insertRows(_ rows: ReadRows, into insert: Statement, values: [CopiedValue]) throws {
        let to = insert.sqliteStatement
        defer {
            sqlite3_reset(to)
            sqlite3_clear_bindings(to)
        }
        try rows.bytes.withUnsafeBufferPointer { bytes in
            rows: for row in 0..<rows.count {
                let cells = row * rows.columns.count
                sqlite3_reset(to)
                for (i, value) in values.enumerated() {
                    let parameter = Int32(i) + 1
                    let bound: Int32
                    switch value {
                    case .column(let column):
                        let cell = cells + Int(column), number = rows.numbers[cell]
                        switch Int32(rows.types[cell]) {
                        case SQLITE_INTEGER: bound = sqlite3_bind_int64(to, parameter, number)
                        case SQLITE_FLOAT: bound = sqlite3_bind_double(to, parameter, Double(bitPattern: UInt64(bitPattern: number)))
                        case SQLITE_TEXT:
                            // Bound where it lies (a nil destructor is SQLITE_STATIC); an empty
                            // text may have no bytes to point at.
                            let (start, length) = ReadRows.place(number)
                            if length == 0 {
                                bound = sqlite3_bind_text(to, parameter, "", 0, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
                            } else {
                                bound = sqlite3_bind_text(to, parameter, UnsafeRawPointer(bytes.baseAddress! + start)
                                    .assumingMemoryBound(to: CChar.self), Int32(length), nil)
                            }
                        case SQLITE_BLOB:
                            let (start, length) = ReadRows.place(number)
                            bound = length == 0 ? sqlite3_bind_zeroblob(to, parameter, 0)
                                : sqlite3_bind_blob(to, parameter, bytes.baseAddress! + start, Int32(length), nil)
                        default: bound = sqlite3_bind_null(to, parameter)
                        }
                    case .mapped(let column, let map, let required):
                        let cell = cells + Int(column)
                        if Int32(rows.types[cell]) == SQLITE_INTEGER, let mapped = map[rows.numbers[cell]] {
                            bound = sqlite3_bind_int64(to, parameter, mapped)
                        } else if required {
                            continue rows
                        } else {
                            bound = sqlite3_bind_null(to, parameter)
                        }
                    }
                    guard bound == SQLITE_OK else { throw Self.failure(bound, insert) }
                }
                let inserted = sqlite3_step(to)
                guard inserted == SQLITE_DONE else { throw Self.failure(inserted, insert) }
            }
        }
    }

    fileprivate static func failure(_ code: Int32, _ statement: Statement) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement.sqliteStatement))),
                      sql: statement.sql)
    }
}

/// Rows read off a statement into memory, to be inserted elsewhere later, from another
/// thread (`Database.insertRows`): a merge reads the next bundle's records while it merges
/// the one before. Each value is kept as its type and a number: the integer, a double's
/// bits, or where a text's or blob's bytes are in `bytes`. The texts and blobs of one
/// statement may hold up to 4 GB in all; more is refused (`SQLITE_TOOBIG`).
struct ReadRows: Sendable {
    /// The statement's columns.
    let columns: [String]
    private(set) var count = 0
    fileprivate private(set) var types: [UInt8] = []
    fileprivate private(set) var numbers: [Int64] = []
    fileprivate private(set) var bytes: [UInt8] = []

    /// Every row of `select`, which has been given its arguments.
    init(_ select: Statement) throws {
        let handle = select.sqliteStatement
        defer { sqlite3_reset(handle) }
        let width = sqlite3_column_count(handle)
        columns = (0..<width).map { String(cString: sqlite3_column_name(handle, $0)) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw Database.failure(code, select) }
            count += 1
            for i in 0..<width {
                let type = sqlite3_column_type(handle, i)
                types.append(UInt8(type))
                switch type {
                case SQLITE_INTEGER: numbers.append(sqlite3_column_int64(handle, i))
                case SQLITE_FLOAT: numbers.append(Int64(bitPattern: sqlite3_column_double(handle, i).bitPattern))
                case SQLITE_TEXT, SQLITE_BLOB:
                    // sqlite3_column_text or _blob before sqlite3_column_bytes, as SQLite's
                    // documentation asks.
                    let start = type == SQLITE_TEXT ? UnsafeRawPointer(sqlite3_column_text(handle, i)) : sqlite3_column_blob(handle, i)
                    let length = Int(sqlite3_column_bytes(handle, i))
                    guard bytes.count + length <= Int(UInt32.max) else { throw DatabaseError(resultCode: .SQLITE_TOOBIG) }
                    numbers.append(Self.number(start: bytes.count, length: length))
                    if let start { bytes.append(contentsOf: UnsafeRawBufferPointer(start: start, count: length)) }
                default: numbers.append(0)
                }
            }
        }
    }

    /// A text's or blob's place in `bytes`, both below 2³², as one number.
    static func number(start: Int, length: Int) -> Int64 { Int64(bitPattern: UInt64(start) << 32 | UInt64(length)) }

    static func place(_ number: Int64) -> (start: Int, length: Int) {
        let bits = UInt64(bitPattern: number)
        return (Int(bits >> 32), Int(bits & 0xFFFF_FFFF))
    }
}
