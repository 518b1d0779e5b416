import GongQinCore
import GRDB

/// Turns what SQLite and GRDB throw into typed failures, which the CLI words. No raw
/// SQLite message reaches the screen: the code that writes checks first and explains;
/// this is the net under it.
enum StoreErrors {
    static func map(_ error: any Error, path: String) -> StoreFailure {
        if let error = error as? StoreFailure { return error }
        if let error = error as? GongQinError { return .core(error) }
        if error is RowDecodingError || error is UnreadableValue { return .undecodableRow(path: path) }
        guard let error = error as? DatabaseError else { return .unexpected(type: "\(type(of: error))") }
        let code = error.extendedResultCode
        switch code.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path, seconds: Connections.busyTimeout)
        case .SQLITE_NOTADB: return .notSQLite(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: return .cannotOpen(path: path)
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_CORRUPT: return .corrupt(path: path)
        case .SQLITE_FULL: return .diskFull(path: path)
        case .SQLITE_IOERR where FilePaths.isFull(folderOf: path): return .folderDiskFull(path: path)
        case .SQLITE_IOERR: return .diskError(path: path)
        case .SQLITE_CONSTRAINT: return constraint(code, error.message ?? "")
        case .SQLITE_ERROR where (error.message ?? "").contains("no such function: gongqin_"): return .unregisteredFunction
        default: return .sqlite(code: code.rawValue)
        }
    }

    /// The failure to write an output file `path` (a backup, a kept copy): every I/O
    /// failure is exit 74 and names the path the user gave.
    static func output(_ error: any Error, path: String, file: FileRole) -> StoreFailure {
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_FULL: return .outputFull(path: path, file: file)
            case .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM: return .outputFailed(path: path, file: file)
            default: break
            }
        }
        return map(error, path: path)
    }

    /// A constraint the code did not check first. Name the table where SQLite does, and
    /// never echo SQLite's text.
    static func constraint(_ code: ResultCode, _ message: String) -> StoreFailure {
        let table = Tables.mentioned(in: message)
        switch code {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY: return .duplicate(table: table)
        case .SQLITE_CONSTRAINT_FOREIGNKEY: return .danglingReference(table: table)
        case .SQLITE_CONSTRAINT_CHECK, .SQLITE_CONSTRAINT_NOTNULL: return .checkConstraint(table: table)
        case .SQLITE_CONSTRAINT_TRIGGER:
            // The triggers' own words (Schema/0001, 0003), in English.
            if message.contains("application status change") { return .applicationStatusTrigger }
            if message.contains("withdrawn application") { return .withdrawnApplicationUse }
            return .appendOnlyLog
        default: return .constraint(table: table)
        }
    }
}

/// The Chinese names of the tables, for messages: the record kinds' from their
/// descriptors (RecordKinds), the others here. Longest table names first, so that
/// `education` is not found inside `continuing_education`.
enum Tables {
    /// The tables, longest name first, so that `exceptional_use` is found before `use`.
    static let chinese: [(table: String, name: String)] = StoredNames.tables
        .sorted { ($0.key.count, $0.key) > ($1.key.count, $1.key) }.map { (table: $0.key, name: $0.value) }

    static func chineseName(of table: String) -> String? { StoredNames.table(table) }

    /// The table SQLite's `message` names, if any.
    static func mentioned(in message: String) -> String? {
        chinese.first { message.contains("\($0.table).") || message.contains(" \($0.table)") }?.table
    }
}
