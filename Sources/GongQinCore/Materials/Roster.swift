/// The summary roster (汇总名册, 须知·六·1) of the applications filed for a cycle, grouped
/// by supervising department, then unit (IMPORT.md, the roster).

/// One row of the roster.
public struct RosterRow: Hashable, Sendable {
    /// 序号, then the columns of `RosterFile.exported`, by their labels: the columns
    /// `import roster` reads back.
    public static let columns = ["序号"] + RosterFile.exported.map { RosterFile.layout.spec($0)!.label }
    /// The columns of identity and certificate numbers: digits a spreadsheet would turn
    /// into a number and round.
    public static let numberLikeColumns: Set<Int> = Set(["身份证号", "证书编号"].compactMap { columns.firstIndex(of: $0) })
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
        let education = record.highestEducation
        // The transfers that led to the current trade, oldest first (T1): what `import
        // roster` needs to set the certificates side by side again.
        let transfers = record.chain.transfers.map(\.date.chineseMonth).joined(separator: Self.sideBySide)
        cells = [
            String(number), department ?? "", p.unit, p.name, p.idNumber.sex.chinese, p.idNumber.birthDate.chineseMonth,
            p.idNumber.text, education?.level.chinese ?? "", education?.graduated.chineseMonth ?? "", p.workStart.chineseMonth,
            joined(\.trade), joined(\.grade.chinese), joined { $0.number ?? "" }, joined(\.issued.chineseMonth), transfers,
            application.trade, application.grade.chinese, application.module.chinese,
            conditions.joined(separator: Self.sideBySide), application.note ?? "",
        ]
    }
}
