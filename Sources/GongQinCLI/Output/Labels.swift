import Foundation
import GongQinCore

/// The Chinese a table, a message or a `--chinese-header` export shows for a code value
/// (Documentation/CLI.md, Chinese labels): JSON keeps the codes, people read the labels. The fixed
/// vocabularies carry their own `chinese`; this is the one place for the rest: the
/// exceptional conditions of the catalogue, and the change log's tables and fields.
enum Labels {
    /// The catalogue's names by code: the built-ins, and the conditions a clerk added once
    /// a database has been opened (`StoreOptions.open`).
    private static let names = Locked<[String: String]>(
        Dictionary(uniqueKeysWithValues: ExceptionalCondition.builtins.map { ($0.code, $0.name) }))

    static func learn(_ conditions: [ExceptionalCondition]) {
        names.update { names in for c in conditions { names[c.code] = c.name } }
    }

    /// A condition's name, or its code when the catalogue does not know it.
    static func condition(_ code: String) -> String { names.value[code] ?? code }

    /// `[连续两年年度考核优秀] `: the condition a check is about, before its detail.
    static func about(_ check: Check) -> String { check.condition.map { "[\(condition($0))] " } ?? "" }

    /// The Chinese name of a change-log table (GongQinCore, StoredNames).
    static func table(_ name: String) -> String { StoredNames.table(name) ?? name }

    /// The Chinese name of column `key` of a change-log table's rows.
    static func field(_ key: String, of table: String) -> String { StoredNames.column(key, of: table) ?? key }

    /// A stored value of column `key` as a person reads it: the label of a code.
    static func value(_ key: String, _ text: String) -> String {
        switch key {
        case "grade", "max_grade": Grade(parsing: text)?.chinese ?? text
        case "route", "module": Module(parsing: text)?.chinese ?? text
        case "result": AssessmentResult(parsing: text)?.chinese ?? text
        case "status": ApplicationStatus(parsing: text)?.chinese ?? text
        case "exam_result", "review_result": ExamResult(rawValue: text)?.chinese ?? text
        case "source": UseSource(rawValue: text)?.chinese ?? text
        case "evidence": ConditionEvidence(rawValue: text)?.chinese ?? text
        case "relax_status": ValueStatus(rawValue: text)?.chinese ?? text
        case "condition_code", "category", "code": condition(text)
        case "driver", "cashier", "licensed", "relevant", "builtin", "waives_education":
            text == "1" || text == "true" ? "是" : text == "0" || text == "false" ? "否" : text
        default: text
        }
    }
}

/// A value behind a lock, for the few facts a command learns once and reads anywhere.
final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    func update(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}
