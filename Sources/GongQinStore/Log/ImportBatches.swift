import Crypto
import Foundation
import GongQinCore
import GRDB
import GRDBSQLite
import GongQinSQLiteConfig

/// What a batch entry of the change log records (BENCHMARKS.md, Schema/0007): one entry for
/// every row a bulk write (an import, a merge) inserted into one table, instead of one
/// entry a row. Stored as the entry's `after`, with op `import`, row_id 0 and the file's
/// name as row_key.
public struct ImportBatch: Hashable, Sendable, Codable {
    /// The file's name (without its folder) and the SHA-256 of its bytes, in hex.
    public var file: String
    public var sha256: String
    /// The unit whose bundle the rows were merged from; nil for an imported file (and
    /// absent from its JSON, so an import's entry is as it always was).
    public var unit: String?
    /// Rows written, and the range of row ids they have: every id of first...last.
    public var rows: Int
    public var first: Int64
    public var last: Int64
    /// Where the ids came from in the file: runs of `[id, file row]`; the ids from a run's
    /// id up to the next run's came from consecutive file rows (0: not from a file row).
    public var runs: [[Int64]]
    /// SHA-256, in hex, over the canonical encoding of every row of first...last in id
    /// order (`ImportBatches.digest`).
    public var digest: String

    /// The file row that wrote row `id`, when the batch has it.
    public func fileRow(of id: Int64) -> Int? {
        guard id >= first, id <= last, let run = runs.last(where: { $0.count == 2 && $0[0] <= id }), run[1] > 0 else {
            return nil
        }
        return Int(run[1] + (id - run[0]))
    }

    /// The runs of `fileRows`, the file row of each id from `first` on (0 for none).
    static func runs(first: Int64, fileRows: [Int32]) -> [[Int64]] {
        var runs: [[Int64]] = []
        var previous: Int32 = -1
        for (offset, row) in fileRows.enumerated() {
            if !(row > 0 && previous > 0 && row == previous + 1) && !(row == 0 && previous == 0) {
                runs.append([first + Int64(offset), Int64(row)])
            }
            previous = row
        }
        return runs
    }
}

/// Where a batch's rows came from.
public struct BatchSource: Sendable {
    public var file: String
    public var sha256: String
    /// The unit of a merged bundle (`ImportBatch.unit`).
    public var unit: String?

    public init(file: String, sha256: String, unit: String? = nil) {
        self.file = file
        self.sha256 = sha256
        self.unit = unit
    }

    /// The source of the file at `path`: its name and the SHA-256 of its bytes, read in
    /// chunks.
    public static func file(at path: String) throws -> BatchSource {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreFailure.fileUnreadable(path: path)
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return BatchSource(file: (path as NSString).lastPathComponent,
                           sha256: ChangeLog.hexadecimalText(hasher.finalize()))
    }
}

/// Batch entries: silencing a table's insert trigger for one bulk write on this
/// connection, logging the rows it wrote as one entry, and recomputing a batch's digest
/// for `check`. One path computes the digest, at import and at check.
enum ImportBatches {
    /// The op of a batch entry.
    static let op = "import"

    /// Names the table whose insert trigger skips its entry on this connection (nil: none).
    /// `gongqin_bulk_table()` is registered NULL when the connection opens (ChangeLog).
    /// The function is registered once per connection, reading a box that this sets:
    /// registering it again would expire every statement the connection has prepared
    /// (SQLite does so whenever a function is redefined), and a merge silences a table
    /// a dozen times a bundle.
    static func silence(_ table: String?, in db: Database) {
        (SilencedTable.of(db) ?? registerSilence(in: db)).table = table
    }

    /// Registers `gongqin_bulk_table()` on a connection being opened, NULL until `silence`
    /// names a table.
    @discardableResult
    static func registerSilence(in db: Database) -> SilencedTable {
        let silenced = SilencedTable()
        SilencedTable.byConnection.withLock { $0[ObjectIdentifier(db)] = SilencedTable.Weak(silenced) }
        // Called at every insert into a logged table, so straight on SQLite's C interface:
        // as a GRDB function it made an array of arguments and a Swift value at each call
        // (1.4 % of an import's samples). The function holds the box, released with it.
        sqlite3_create_function_v2(db.sqliteConnection, "gongqin_bulk_table", 0, SQLITE_UTF8,
                                   Unmanaged.passRetained(silenced).toOpaque(), { context, _, _ in
            let silenced = Unmanaged<SilencedTable>.fromOpaque(sqlite3_user_data(context)!).takeUnretainedValue()
            guard let name = silenced.nulTerminated else { return sqlite3_result_null(context) }
            name.withUnsafeBufferPointer { buffer in
                sqlite3_result_text(context, buffer.baseAddress, Int32(buffer.count - 1), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            }
        }, nil, nil, { Unmanaged<SilencedTable>.fromOpaque($0!).release() })
        return silenced
    }

    /// Runs `body`, which writes rows of `table` and nothing else (`Importer.writesItsTableOnly`),
    /// with the connection's triggers off, when the only triggers on `table` are its three
    /// log triggers: the insert trigger is silenced for the batch anyway (`silence`), yet
    /// SQLite ran it at every row to learn so, a fifth of an insert's cost; the update and
    /// delete triggers have nothing to log, since `body` only inserts. With any other
    /// trigger on the table (none in the schema today), every trigger stays on. Triggers
    /// are on again before this returns, so that the batch's own entry is logged.
    static func withoutTriggers<T>(on table: String, in db: Database, _ body: () throws -> T) throws -> T {
        let triggers = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1
            UNION ALL SELECT name FROM sqlite_temp_master WHERE type = 'trigger' AND tbl_name = ?1
            """, arguments: [table])
        guard triggers.sorted() == ChangeLog.triggerNames(table).sorted() else { return try body() }
        let connection = UnsafeMutableRawPointer(db.sqliteConnection)
        let code = gongqin_enable_triggers(connection, 0)
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
        defer { gongqin_enable_triggers(connection, 1) }
        return try body()
    }

    /// A range too long to walk: no import writes this many rows.
    static let longestRange: Int64 = 200_000_000

    /// SHA-256 over rows first...last of `table` in id order, each as the JSON the log
    /// triggers write (`ChangeLog.rowExpressions`), written as its byte length, a colon
    /// and its bytes, or `-` for an id with no row. `before` replaces the current state of
    /// the rows a later entry touched with what that entry says the row was (nil: the row
    /// did not exist). Returns the digest and the rows hashed.
    static func digest(_ db: Database, table: String, first: Int64, last: Int64,
                       before: [Int64: [UInt8]?] = [:]) throws -> (digest: String, rows: Int) {
        let (_, json) = try ChangeLog.rowExpressions(db, table: table)
        // Cached: a merge digests each of a hundred bundles' tables.
        let statement = try db.cachedStatement(sql: "SELECT rowid, \(json) FROM \"\(table)\" WHERE rowid BETWEEN ? AND ? ORDER BY rowid")
        try statement.setArguments([first, last])
        let handle = statement.sqliteStatement
        var hasher = SHA256()
        var rows = 0
        var next = first
        func feed(_ bytes: UnsafeRawBufferPointer?) {
            ChangeLog.hash(field: bytes, into: &hasher)
            if bytes != nil { rows += 1 }
        }
        func feed(id: Int64, current: UnsafeRawBufferPointer?) {
            if let replaced = before[id] {
                if let replaced { replaced.withUnsafeBytes { feed($0) } } else { feed(nil) }
            } else {
                feed(current)
            }
        }
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            let id = sqlite3_column_int64(handle, 0)
            while next < id { feed(id: next, current: nil); next += 1 }
            let text = sqlite3_column_text(handle, 1)
            let length = Int(sqlite3_column_bytes(handle, 1))
            feed(id: id, current: UnsafeRawBufferPointer(start: text, count: length))
            next = id + 1
        }
        while next <= last { feed(id: next, current: nil); next += 1 }
        return (ChangeLog.hexadecimalText(hasher.finalize()), rows)
    }

    /// The id the next row inserted into `table` gets: past every id it ever had
    /// (AUTOINCREMENT, Schema/0008), not only past the rows it holds.
    static func nextID(_ db: Database, table: String) throws -> Int64 {
        let used = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?1), 0), coalesce((SELECT max(rowid) FROM "\(table)"), 0))
            """), arguments: [table]) ?? 0
        return used + 1
    }

    /// Appends the batch entry of rows first...last of `table`, written by the file rows
    /// `fileRows` (one per id from `first`), to the hash chain.
    @discardableResult
    static func append(_ db: Database, table: String, source: BatchSource, first: Int64, last: Int64,
                       fileRows: [Int32]) throws -> ImportBatch {
        let (digest, rows) = try digest(db, table: table, first: first, last: last)
        let count = Int(last - first + 1)
        let fileRows = fileRows.count >= count ? Array(fileRows.prefix(count))
            : fileRows + Array(repeating: 0, count: count - fileRows.count)
        let batch = ImportBatch(file: source.file, sha256: source.sha256, unit: source.unit, rows: rows, first: first, last: last,
                                runs: ImportBatch.runs(first: first, fileRows: fileRows), digest: digest)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try db.cachedStatement(sql: "INSERT INTO change_log_append VALUES (?, 0, ?, NULL, NULL, ?, NULL, ?)")
            .execute(arguments: [table, source.file, op, String(decoding: try encoder.encode(batch), as: UTF8.self)])
        return batch
    }

    /// The batch entries of `table` (every table when nil), oldest first. An entry whose
    /// JSON does not read is returned with a nil batch, for `check` to report.
    static func entries(_ db: Database, table: String? = nil, after seq: Int64 = 0) throws -> [(seq: Int64, table: String, batch: ImportBatch?)] {
        var arguments: StatementArguments = [seq]
        if let table { arguments += [table] }
        let rows = try Row.fetchAll(db, sql: """
            SELECT seq, table_name, after FROM change_log WHERE op = 'import' AND seq > ?\(table == nil ? "" : " AND table_name = ?") ORDER BY seq
            """, arguments: arguments)
        let decoder = JSONDecoder()
        return rows.map { row -> (seq: Int64, table: String, batch: ImportBatch?) in
            let seq: Int64 = row["seq"]
            let name: String = row["table_name"]
            let text: String? = row["after"]
            return (seq, name, text.flatMap { try? decoder.decode(ImportBatch.self, from: Data($0.utf8)) })
        }
    }

    /// What the first entry after `seq` touching each row of first...last of `table` says
    /// the row was before it (nil: it says the row did not exist).
    static func touchedAfter(_ db: Database, seq: Int64, table: String, first: Int64, last: Int64) throws -> [Int64: [UInt8]?] {
        var before: [Int64: [UInt8]?] = [:]
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT row_id, before FROM change_log
            WHERE table_name = ? AND row_id BETWEEN ? AND ? AND seq > ? AND op <> 'import' ORDER BY row_id, seq
            """, arguments: [table, first, last, seq])
        while let row = try cursor.next() {
            let id: Int64 = row[0]
            if before[id] == nil {
                let text: String? = row[1]
                before[id] = .some(text.map { Array($0.utf8) })
            }
        }
        return before
    }

    /// Whether a batch's rows are as it says: its digest recomputed, each row a later entry
    /// touched taken as that entry's `before`.
    static func verify(_ db: Database, seq: Int64, table: String, batch: ImportBatch) throws -> Bool {
        guard batch.first >= 1, batch.last >= batch.first - 1, batch.last - batch.first < longestRange else { return false }
        let before = try touchedAfter(db, seq: seq, table: table, first: batch.first, last: batch.last)
        let (digest, rows) = try digest(db, table: table, first: batch.first, last: batch.last, before: before)
        return digest == batch.digest && rows == batch.rows
    }

    /// The refusal of undoing a batch entry: it stands for many rows, each of which is
    /// removed with its own command (`revert` refuses with this).
    public static func refuseRevert(seq: Int64, batch: ImportBatch) -> StoreFailure {
        .batchNotRevertible(seq: seq, batch: batch)
    }
}

extension Session {
    /// Runs `body` with the insert trigger of `table` silenced, then logs every row `body`
    /// inserted into it as one batch entry from `source`; `body` is given the first id its
    /// rows take, and `fileRows(first)` gives the file row of each id from `first` on. Nothing is logged when `body` returns false (it
    /// found problems, and the command rolls back). For a bulk write other than `import`
    /// (a `merge`, say), the same function serves.
    public func inBatch<T>(table: String, source: BatchSource, fileRows: (Int64) -> [Int32],
                           _ body: (_ first: Int64) throws -> (value: T, log: Bool)) throws -> T {
        let first = try ImportBatches.nextID(db, table: table)
        ImportBatches.silence(table, in: db)
        let result: (value: T, log: Bool)
        do {
            defer { ImportBatches.silence(nil, in: db) }
            result = try body(first)
        }
        if result.log {
            let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(rowid) FROM \"\(table)\"")) ?? 0
            if last >= first {
                try ImportBatches.append(db, table: table, source: source, first: first, last: last, fileRows: fileRows(first))
            }
        }
        return result.value
    }
}

/// The table whose insert trigger is silenced on one connection: set by
/// `ImportBatches.silence` and read by `gongqin_bulk_table()` at every insert, both on the
/// connection's own thread. The function holds it; `byConnection` finds it for `silence`.
final class SilencedTable: @unchecked Sendable {
    var table: String? {
        didSet { nulTerminated = table.map { Array($0.utf8CString) } }
    }
    /// `table` as the C string `gongqin_bulk_table()` returns.
    private(set) var nulTerminated: [CChar]?

    static let byConnection = Locked<[ObjectIdentifier: Weak]>([:])

    static func of(_ db: Database) -> SilencedTable? {
        byConnection.withLock { $0[ObjectIdentifier(db)]?.silenced }
    }

    /// Not the owner: a closed connection's entry empties when its function goes, and a
    /// connection opened later at the same address replaces it.
    struct Weak {
        weak var silenced: SilencedTable?
        init(_ silenced: SilencedTable) { self.silenced = silenced }
    }
}
