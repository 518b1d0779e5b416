import GongQinCore
import GRDB

/// Settings kept in the database (table `setting`, Schema/0004), such as the default
/// employer remark of the approval form (RULES F1).
public struct Settings {
    let session: Session
    var db: Database { session.db }

    /// The key of the employer remark used when a person has no awards.
    public static let formRemark = "form.remark"

    /// The key that marks a database `gongqin demo` built: demo replaces such a file
    /// (GongQinDatabase.isDemo), and only such a file.
    public static let demo = "demo"

    public func value(_ key: String) throws -> String? {
        try SettingRow.fetchOne(db, key: key)?.value
    }

    /// Sets a value; returns whether one was replaced.
    @discardableResult
    public func set(_ key: String, _ text: String) throws -> Bool {
        let replaced = try value(key) != nil
        var row = SettingRow(key: key, value: text)
        try row.upsert(db)
        return replaced
    }

    /// The employer remark for 工作业绩: the one set, or the notice's example (F1).
    public func formRemark() throws -> String {
        try value(Settings.formRemark) ?? ApprovalForm.defaultRemark
    }

    /// Sets the employer remark; an empty one is refused (F1).
    public func setFormRemark(_ text: String) throws -> String {
        let remark: String
        do {
            remark = try ApprovalForm.remark(text)
        } catch {
            throw StoreFailure.formRemarkRefused(error)
        }
        try set(Settings.formRemark, remark)
        return remark
    }
}

extension Session {
    public var settings: Settings { Settings(session: self) }
}
