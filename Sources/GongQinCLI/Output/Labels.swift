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

    /// The Chinese names of a change-log table.
    static func table(_ name: String) -> String {
        [
            "unit": "用人单位", "trade": "工种", "person": "人员", "certificate": "等级证书", "transfer": "转岗",
            "annual_assessment": "年度考核", "education": "学历", "award": "奖励", "continuing_education": "继续教育",
            "exceptional_condition": "破格条件", "application": "申报", "exceptional_use": "破格使用", "policy": "政策参数",
            "job": "工作经历", "setting": "设置",
        ][name] ?? name
    }

    /// The Chinese name of a column of the change log's rows.
    static func field(_ key: String) -> String {
        [
            "id": "编号", "id_number": "身份证号", "name": "名称", "unit_id": "单位", "trade_id": "工种", "unit": "单位",
            "person": "人员", "from_trade": "转出工种", "to_trade": "转入工种",
            "trade": "工种", "work_start": "参加工作时间", "probation_end": "试用期满时间", "enlisted": "入伍时间",
            "discharged": "退役时间", "placed": "安置时间", "from_province": "调出省份", "person_id": "人员",
            "grade": "等级", "issued": "发证时间", "number": "证书编号", "route": "取得方式", "province": "发证省份",
            "from_trade_id": "转出工种", "to_trade_id": "转入工种", "date": "日期", "year": "年度", "result": "结果",
            "level": "学历", "graduated": "毕业时间", "major": "专业", "school": "学校", "relevant": "相关专业",
            "issuer": "授予单位", "hours": "学时", "code": "代码", "category": "类别", "evidence": "证明记录",
            "relax_work_years": "放宽工龄年数", "relax_grade_years": "放宽本等级年数", "waives_education": "免学历要求",
            "relax_status": "放宽年数来源", "clause": "条款", "builtin": "内置", "cycle": "申报年度", "module": "模块",
            "status": "状态", "filed_on": "申报日期", "certificate_year": "取证年度", "note": "备注",
            "condition_code": "破格条件", "source": "来源", "application_id": "申报编号", "department": "主管部门",
            "district": "辖市区", "max_grade": "最高等级", "driver": "驾驶类", "cashier": "收银类", "licensed": "持证上岗",
            "from_date": "起始时间", "to_date": "截止时间", "post": "岗位", "exam_result": "选拔考试结果",
            "review_result": "综合评审结果", "key": "参数", "value": "取值", "document": "政策文件", "loaded_on": "载入日期",
        ][key] ?? key
    }

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
