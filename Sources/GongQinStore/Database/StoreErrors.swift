import GongQinCore
import GRDB

/// Turns what SQLite and GRDB throw into errors for the clerk. No raw SQLite message
/// reaches the screen: the code that writes checks first and explains; this is the net
/// under it.
enum StoreErrors {
    static func map(_ error: any Error, path: String) -> GongQinError {
        if let error = error as? GongQinError { return error }
        if error is RowDecodingError || error is UnreadableValue {
            return GongQinError(.internalError, "数据库“\(path)”中有记录无法读取，可能在 gongqin 之外被改动",
                                hint: "请运行 gongqin check 查看，或用 gongqin restore 从备份恢复")
        }
        guard let error = error as? DatabaseError else {
            return GongQinError(.internalError, "内部错误（\(type(of: error))）", hint: "请把命令和数据库备份交给维护人员")
        }
        let code = error.extendedResultCode
        switch code.primaryResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            let seconds = Connections.busyTimeout
            let wait = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
            return GongQinError(.busy, "数据库“\(path)”正被另一个程序占用，等待\(wait)秒后仍未释放", hint: "请稍后重试")
        case .SQLITE_NOTADB:
            return GongQinError(.unreadableFile, "“\(path)”不是 gongqin 数据库（不是 SQLite 文件）",
                                hint: "请用 --db 指定正确的数据库文件")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return GongQinError(.unreadableFile, "无法打开数据库“\(path)”", hint: "请检查文件是否存在以及读写权限")
        case .SQLITE_READONLY:
            return GongQinError(.unreadableFile, "数据库“\(path)”只读，不能写入", hint: "请检查文件和所在目录的写权限")
        case .SQLITE_CORRUPT:
            return GongQinError(.unreadableFile, "数据库“\(path)”已损坏",
                                hint: "请运行 gongqin check 查看，或用 gongqin restore 从备份恢复")
        case .SQLITE_FULL:
            return GongQinError(.outputFailed, "磁盘已满，未能写入“\(path)”，未写入任何内容", hint: "请清理磁盘空间后重试")
        case .SQLITE_IOERR where FilePaths.isFull(folderOf: path):
            return GongQinError(.outputFailed, "“\(path)”所在的磁盘已满，未写入任何内容", hint: "请清理磁盘空间后重试")
        case .SQLITE_IOERR:
            return GongQinError(.outputFailed, "读写“\(path)”时发生磁盘错误，未写入任何内容", hint: "请检查磁盘和文件权限后重试")
        case .SQLITE_CONSTRAINT:
            return constraint(code, error.message ?? "")
        case .SQLITE_ERROR where (error.message ?? "").contains("no such function: gongqin_"):
            return GongQinError(.internalError, "数据库的变更日志触发器调用了未注册的函数", hint: "请用 gongqin 操作数据库")
        default:
            return GongQinError(.internalError, "数据库错误（结果码 \(code.rawValue)）", hint: "请运行 gongqin check，或把命令交给维护人员")
        }
    }

    /// The failure to write an output file `path` (a backup, a kept copy): every I/O
    /// failure is exit 74 and names the path the user gave.
    static func output(_ error: any Error, path: String, what: String) -> GongQinError {
        if let error = error as? GongQinError { return error }
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_FULL:
                return GongQinError(.outputFailed, "磁盘已满，未能写入\(what)“\(path)”", hint: "请清理磁盘空间后重试")
            case .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM:
                return GongQinError(.outputFailed, "无法写入\(what)“\(path)”", hint: "请检查磁盘空间和所在文件夹的写权限")
            default: break
            }
        }
        return map(error, path: path)
    }

    /// A constraint the code did not check first. Name the table where SQLite does, in
    /// Chinese, and never echo SQLite's text.
    static func constraint(_ code: ResultCode, _ message: String) -> GongQinError {
        let table = Tables.chineseName(mentionedIn: message)
        let what = table.map { "（\($0)）" } ?? ""
        switch code {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            return .invalid("记录重复\(what)：数据库中已有相同的记录", hint: "请先用 list 或 show 命令查看已有记录")
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            return .invalid("引用的记录不存在或仍被其他记录引用\(what)")
        case .SQLITE_CONSTRAINT_CHECK, .SQLITE_CONSTRAINT_NOTNULL:
            return .invalid("数据不符合数据库规则\(what)", hint: "请检查日期、等级等取值")
        case .SQLITE_CONSTRAINT_TRIGGER:
            // The triggers' own words (Schema/0001, 0003), in Chinese.
            if message.contains("application status change") {
                return .refused("申报状态不能这样改变：已申报可退回、受理或撤回，退回的可重新申报或撤回，受理的可定为通过、未通过或延期")
            }
            if message.contains("withdrawn application") {
                return .refused("已撤回的申报不能占用破格条件：撤回时须先释放其破格使用（\(RuleID.X1.citation)）")
            }
            return .refused("变更日志只能追加，不能修改或删除（change_log）")
        default:
            return .invalid("数据不符合数据库约束\(what)")
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

    static func chineseName(mentionedIn message: String) -> String? {
        chinese.first { message.contains("\($0.table).") || message.contains(" \($0.table)") }?.name
    }
}
