/// The summary roster (汇总名册, 须知·六·1) of the applications filed for a cycle, grouped
/// by supervising department, then unit (IMPORT.md, the roster).

/// One row of the roster.
public struct RosterRow: Hashable, Sendable {
    public static let columns = ["序号", "主管部门", "单位", "姓名", "性别", "出生年月", "身份证号", "学历", "参加工作时间",
                                 "原持证工种", "原等级", "证书编号", "取证时间", "申报工种", "申报等级", "申报类别", "破格条件", "备注"]
    /// The columns of identity and certificate numbers: digits a spreadsheet would turn
    /// into a number and round.
    public static let numberLikeColumns: Set<Int> = [6, 11]
    /// Separates the old and the new certificate of a transferred person in one cell.
    public static let sideBySide = "；"

    public var cells: [String]

    /// The row of `application`, the `number`th of the roster. `conditions` names the
    /// exceptional conditions the application uses.
    public init(number: Int, department: String?, record: PersonRecord, application: Application, conditions: [String]) {
        let p = record.person
        // The same certificates as the approval form's, in the same order (F1: 汇总名册相同).
        let certificates = record.heldCertificates().inOrder
        func joined(_ f: (Certificate) -> String) -> String { certificates.map(f).joined(separator: Self.sideBySide) }
        cells = [
            String(number), department ?? "", p.unit, p.name, p.idNumber.sex.chinese, p.idNumber.birthDate.chineseMonth,
            p.idNumber.text, record.highestEducation?.level.chinese ?? "", p.workStart.chineseMonth,
            joined(\.trade), joined(\.grade.chinese), joined { $0.number ?? "" }, joined(\.issued.chineseMonth),
            application.trade, application.grade.chinese, application.module.chinese,
            conditions.joined(separator: Self.sideBySide), application.note ?? "",
        ]
    }
}
