import GongQinCore
import GRDB
import GRDBSQLite

// A kind's row as its spec describes it (GongQinCore, RecordSpec): the column lists of
// its SELECT and INSERT, and the conversion between a row and the Core record. A trade is
// stored as its row id and read back as its name.

/// Each spec's statements, made once: an import writes one row after another with them.
private struct SpecStatements {
    let columnList: String
    let insert: String
    /// `insert` of `RecordSpecInserts.together` rows: `VALUES (…), (…), …`.
    let insertTogether: String
    let update: String

    init(_ spec: SpecColumns) {
        columnList = spec.fieldColumns.joined(separator: ", ")
        let columns = (spec.personal ? ["person_id"] : []) + spec.fieldColumns
        let values = "(?\(String(repeating: ", ?", count: columns.count - 1)))"
        insert = "INSERT INTO \(spec.table) (\(columns.joined(separator: ", "))) VALUES \(values)"
        insertTogether = "INSERT INTO \(spec.table) (\(columns.joined(separator: ", "))) VALUES "
            + repeatElement(values, count: RecordSpecInserts.together).joined(separator: ", ")
        update = "UPDATE \(spec.table) SET " + columns.map { "\($0) = ?" }.joined(separator: ", ") + " WHERE id = ?"
    }

    /// The kinds the store keeps by their specs, the person's insert, and the catalogue's
    /// units and trades.
    static let byTable: [String: SpecStatements] = Dictionary(
        uniqueKeysWithValues: (RecordKind.allCases.compactMap(\.spec)
            + [RecordSpecs.person.columnsOnly, RecordSpecs.unit.columnsOnly, RecordSpecs.trade.columnsOnly]).map { ($0.table, SpecStatements($0)) })
}

/// How many rows an import inserts in one statement.
enum RecordSpecInserts {
    /// A statement's own cost, paid once for every row when each row is its own statement,
    /// was most of a row's insert: starting and ending the statement, AUTOINCREMENT's
    /// counter, and the table SQLite builds anew at every statement for each `IN (…)` of
    /// three or more values in the schema's CHECKs (a certificate has two).
    static let together = 64
}

extension RecordSpec {
    private var statements: SpecStatements { SpecStatements.byTable[table]! }

    /// The fields' columns, in the spec's order: `trade_id, grade, issued, …`.
    var columnList: String { statements.columnList }

    /// `ORDER BY` of a person's records of this kind.
    var orderSQL: String { order.joined(separator: ", ") }

    /// The natural key as columns: `trade_id, grade, province`.
    var keyColumns: [String] { key.map { name in fields.first { $0.name == name }!.column } }

    var insertSQL: String { statements.insert }

    var updateSQL: String { statements.update }

    /// The record of a row read by `SELECT *` or by name.
    func decode(_ row: Row, _ catalog: Catalog) throws -> Record {
        var record = blank
        for field in fields { field.set(&record, try field.type.value(row[field.column], catalog)) }
        return record
    }

    /// The record of a row whose fields start at column `start`, in the spec's order
    /// (`SELECT …, \(columnList)`): read straight from the statement.
    func decode(_ row: StatementRow, from start: Int32, _ catalog: Catalog) throws -> Record {
        var record = blank
        // By index: a `Field` copied out of the array costs a retain of each of its texts.
        for i in fields.indices {
            let column = start + Int32(i)
            if let setStored = fields[i].setStored, !row.isNull(column) {
                guard setStored(&record, row.bytes(column)) else { throw UnreadableValue(column: column) }
                continue
            }
            fields[i].set(&record, try fields[i].type.value(row, column, catalog))
        }
        return record
    }

    /// Inserts `record` of the person `owner` with the cached `insertSQL`, each field bound
    /// on SQLite's C interface: no `StatementArguments`, no existentials. Returns the row id.
    func insert(_ record: Record, owner: Int64, _ db: Database, _ catalog: Catalog) throws -> Int64 {
        try insert([(record, owner)], sql: insertSQL, db, catalog)
    }

    /// Inserts `record` of a kind that belongs to no person (a person, a unit, a trade).
    func insert(_ record: Record, _ db: Database, _ catalog: Catalog) throws -> Int64 {
        precondition(!personal)
        return try insert([(record, 0)], sql: insertSQL, db, catalog)
    }

    /// Writes `record` of a kind that belongs to no person (a person, a unit, a trade): a
    /// new row, or the row `replacing`, whose internal columns (a trade's built-in mark)
    /// stay. Returns the row id.
    func write(_ record: Record, replacing: Int64?, _ db: Database, _ catalog: Catalog) throws -> Int64 {
        guard let replacing else { return try insert(record, db, catalog) }
        try db.cachedStatement(sql: updateSQL).execute(arguments: try arguments(record, owner: 0, catalog) + [replacing])
        return replacing
    }

    /// Inserts `RecordSpecInserts.together` records in one statement (an import's rows,
    /// BENCHMARKS.md): all of them, or none when the statement fails. They get consecutive
    /// row ids, being one statement's rows in a table whose ids only grow (AUTOINCREMENT);
    /// returns the last.
    func insertTogether(_ records: [(record: Record, owner: Int64)], _ db: Database, _ catalog: Catalog) throws -> Int64 {
        precondition(records.count == RecordSpecInserts.together)
        return try insert(records, sql: statements.insertTogether, db, catalog)
    }

    private func insert(_ records: [(record: Record, owner: Int64)], sql: String, _ db: Database, _ catalog: Catalog) throws -> Int64 {
        let handle = try db.cachedStatement(sql: sql).sqliteStatement
        // The texts are bound where they lie in a buffer that goes when this returns: the
        // bindings go with it.
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        func failure(_ code: Int32) -> DatabaseError {
            DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
        }
        // Every value first, the texts' bytes one after another in one buffer, then each
        // bound where it lies (`SQLITE_STATIC`): SQLite copied every text it was given, a
        // buffer of its own each. The fields are read in place: in this generic code a
        // `Field` read out of the array is copied whole, a retain of each of its texts.
        var values: [BoundValue] = []
        values.reserveCapacity(records.count * (fields.count + 1))
        var texts: [UInt8] = []
        texts.reserveCapacity(records.count * 64)
        try fields.withUnsafeBufferPointer { fields in
            for (record, owner) in records {
                if personal { values.append(.integer(owner)) }
                for i in fields.indices {
                    switch (fields[i].type, fields[i].get(record)) {
                    case (_, .null): values.append(.null)
                    case (.trade, .text(let name)): values.append(.integer(try catalog.tradeID(named: name)))
                    case (.unit, .text(let name)): values.append(.integer(try catalog.unitID(named: name)))
                    case (_, .text(let text)): values.append(.text(texts.append(text)))
                    case (_, .day(let day)): values.append(.text(texts.append(day.description)))
                    case (_, .integer(let n)): values.append(.integer(Int64(n)))
                    case (_, .flag(let flag)): values.append(.integer(flag ? 1 : 0))
                    }
                }
            }
        }
        return try texts.withUnsafeBufferPointer { texts in
            let base = texts.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            for (offset, value) in values.enumerated() {
                let index = Int32(offset + 1)
                let bound = switch value {
                case .null: sqlite3_bind_null(handle, index)
                case .integer(let n): sqlite3_bind_int64(handle, index, n)
                case .text(let range) where range.isEmpty || base == nil:
                    sqlite3_bind_text(handle, index, "", 0, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
                case .text(let range): sqlite3_bind_text(handle, index, base! + range.lowerBound, Int32(range.count), nil)
                }
                guard bound == SQLITE_OK else { throw failure(bound) }
            }
            // The texts stay where they were bound until the statement has run.
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else { throw failure(code) }
            return db.lastInsertedRowID
        }
    }

    /// The arguments of `insertSQL` and `updateSQL` (before the row id); `owner` only for
    /// a personal kind.
    func arguments(_ record: Record, owner: Int64, _ catalog: Catalog) throws -> StatementArguments {
        // Existentials: GRDB's init from `[DatabaseValue]` maps by a key path that is made
        // anew at every call, which showed in an import's profile.
        var values: [(any DatabaseValueConvertible)?] = personal ? [owner] : []
        values.reserveCapacity(fields.count + 1)
        for i in fields.indices { values.append(try fields[i].type.databaseValue(fields[i].get(record), catalog)) }
        return StatementArguments(values)
    }
}

extension FieldType {
    func value(_ stored: DatabaseValue, _ catalog: Catalog) throws -> FieldValue {
        if stored.isNull { return .null }
        switch self {
        case .trade: return .text(try catalog.tradeName(id: try Int64.fromDatabaseValue(stored).orThrow(stored)))
        case .unit: return .text(try catalog.unitName(id: try Int64.fromDatabaseValue(stored).orThrow(stored)))
        case .day: return .day(try Day.fromDatabaseValue(stored).orThrow(stored))
        case .year, .integer: return .integer(try Int.fromDatabaseValue(stored).orThrow(stored))
        case .flag: return .flag(try Bool.fromDatabaseValue(stored).orThrow(stored))
        case .code(let codes): return .text(try code(try String.fromDatabaseValue(stored).orThrow(stored), codes))
        case .text, .idNumber, .condition: return .text(try String.fromDatabaseValue(stored).orThrow(stored))
        }
    }

    func value(_ row: StatementRow, _ i: Int32, _ catalog: Catalog) throws -> FieldValue {
        if row.isNull(i) { return .null }
        switch self {
        case .trade: return .text(try catalog.tradeName(id: row.int64(i)))
        case .unit: return .text(try catalog.unitName(id: row.int64(i)))
        case .day: return .day(try row.day(i))
        case .year, .integer: return .integer(row.int(i))
        case .flag: return .flag(row.bool(i))
        case .code(let codes): return .text(try code(row.text(i), codes))
        case .text, .idNumber, .condition: return .text(row.text(i))
        }
    }

    /// A stored code the vocabulary knows; one edited by hand is unreadable, not a default.
    private func code(_ text: String, _ codes: Codes) throws -> String {
        guard codes.label(text) != nil else { throw UnreadableValue(column: -1) }
        return text
    }

    func databaseValue(_ value: FieldValue, _ catalog: Catalog) throws -> DatabaseValue {
        switch (self, value) {
        case (_, .null): .null
        case (.trade, .text(let name)): try catalog.tradeID(named: name).databaseValue
        case (.unit, .text(let name)): try catalog.unitID(named: name).databaseValue
        case (_, .text(let text)): text.databaseValue
        case (_, .day(let day)): day.databaseValue
        case (_, .integer(let n)): n.databaseValue
        case (_, .flag(let flag)): flag.databaseValue
        }
    }
}

/// A value of an insert's statement, bound once every value is known (`RecordSpec.insert`).
private enum BoundValue {
    case null
    case integer(Int64)
    /// Where the text's UTF-8 lies in the statement's buffer of texts.
    case text(Range<Int>)
}

extension [UInt8] {
    /// Appends `text`'s UTF-8; where it now lies.
    fileprivate mutating func append(_ text: String) -> Range<Int> {
        let start = count
        append(contentsOf: text.utf8)
        return start..<count
    }
}

extension Optional {
    /// The value, or `UnreadableValue` for a stored value not of its column's type (a file
    /// changed behind gongqin's back).
    fileprivate func orThrow(_ stored: DatabaseValue) throws -> Wrapped {
        guard let self else { throw UnreadableValue(column: -1) }
        return self
    }
}
