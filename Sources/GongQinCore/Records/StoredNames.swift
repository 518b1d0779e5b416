/// The Chinese names of the tables and their columns: what the change log, a merge's
/// report, the gate's and `check`'s findings and the error messages call them. A table of
/// a kind of record is named as the kind is (`RecordKind.chinese`), a column as its field
/// is labelled (the kind's spec or file columns); only the tables and columns no kind
/// describes are listed here.
public enum StoredNames {
    /// The Chinese name of a table: 等级证书, 用人单位, 变更日志.
    public static func table(_ table: String) -> String? { tables[table] }

    /// The Chinese label of `column` of `table`: 发证机关, 获奖时间; a column of a table
    /// no kind describes (an application's status), or of no table given, by the shared
    /// list; else nil.
    public static func column(_ column: String, of table: String?) -> String? {
        table.flatMap { columns[$0]?[column] } ?? otherColumns[column]
    }

    public static let tables: [String: String] = otherTables.merging(RecordKind.allCases.map { ($0.table, $0.chinese) }) { $1 }

    /// Each kind's table: its columns' labels.
    static let columns: [String: [String: String]] = Dictionary(uniqueKeysWithValues: RecordKind.allCases.map { kind in
        (kind.table, Dictionary(kind.fields.map { (kind.column(of: $0), $0.label) }) { first, _ in first })
    })

    static let otherTables: [String: String] = [
        "exceptional_condition": "破格条件", "application": "申报", "policy": "年度政策", "setting": "设置",
        "bundle_merge": "数据包合并记录", "second_use": "重复的破格使用", "change_log": "变更日志", "seal": "印章",
    ]

    /// Columns of the tables no kind describes, and the internal columns of those it does.
    static let otherColumns: [String: String] = [
        "id": "编号", "person_id": "人员", "id_number": "身份证号", "unit_id": "单位", "trade_id": "工种", "name": "名称",
        "date": "日期", "year": "年度", "grade": "等级", "code": "代码", "category": "类别", "evidence": "证明记录",
        "relax_work_years": "放宽工龄年数", "relax_grade_years": "放宽本等级年数", "waives_education": "免学历要求",
        "relax_status": "放宽年数来源", "clause": "条款", "builtin": "内置", "cycle": "申报年度", "module": "模块",
        "status": "状态", "filed_on": "申报日期", "certificate_year": "取证年度", "note": "备注",
        "condition_code": "破格条件", "source": "来源", "application_id": "申报编号", "exam_result": "选拔考试结果",
        "review_result": "综合评审结果", "key": "参数", "value": "取值", "document": "政策文件", "loaded_on": "载入日期",
        "department": "主管部门", "district": "辖市区",
        // The log shows a row's people, units and trades by name, under these keys.
        "person": "人员", "unit": "单位", "trade": "工种", "from_trade": "转出工种", "to_trade": "转入工种",
    ]
}

extension RecordKind {
    /// The kind's spec, without its record type, for the kinds the store keeps by their
    /// specs: made once, since an import asks for it on every row.
    public var spec: SpecColumns? {
        switch self {
        case .certs, .transfers, .assessments, .education, .awards, .training, .jobs: described
        case .units, .trades, .persons, .exceptional: nil
        }
    }

    /// The columns of the kind's table as its spec describes them. A unit and a trade are
    /// kept through their specs by the catalogue, not the record paths `spec` serves; a
    /// historic use is kept by the ledger's row (`UseRow`), the spec describing its file;
    /// a person is written through its spec and read by its own row (`PersonRow`).
    var described: SpecColumns {
        switch self {
        case .certs: SpecColumns.certificate
        case .transfers: SpecColumns.transfer
        case .assessments: SpecColumns.assessment
        case .education: SpecColumns.education
        case .awards: SpecColumns.award
        case .training: SpecColumns.training
        case .jobs: SpecColumns.job
        case .units: SpecColumns.unit
        case .trades: SpecColumns.trade
        case .persons: SpecColumns.person
        case .exceptional: SpecColumns.exceptionalUse
        }
    }

    /// The table the kind's records are kept in.
    public var table: String { described.table }

    /// The column of the table a file column is stored in: its spec's (a person's unit
    /// and trade by row id, a use's condition by code); the identity number that begins a
    /// personal kind's file is its owner's, the person's `id_number`.
    public func column(of field: FieldSpec) -> String {
        described.columns[field.name] ?? "id_number"
    }
}

extension SpecColumns {
    static let certificate = RecordSpecs.certificate.columnsOnly
    static let transfer = RecordSpecs.transfer.columnsOnly
    static let assessment = RecordSpecs.assessment.columnsOnly
    static let education = RecordSpecs.education.columnsOnly
    static let award = RecordSpecs.award.columnsOnly
    static let training = RecordSpecs.training.columnsOnly
    static let job = RecordSpecs.job.columnsOnly
    static let person = RecordSpecs.person.columnsOnly
    static let unit = RecordSpecs.unit.columnsOnly
    static let trade = RecordSpecs.trade.columnsOnly
    static let exceptionalUse = RecordSpecs.exceptionalUse.columnsOnly
}
