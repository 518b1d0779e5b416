/// The audit of earlier 破格 use (RULES X5, 须知·四·8: 以查验之前是否使用过破格申报条件).
public enum Audit {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A certificate obtained through the exceptional route with no use at its grade.
        case exceptionalCertWithoutUse = "exceptional-cert-without-use"
        /// A use whose evidence the records lack.
        case useWithoutEvidence = "use-without-evidence"
        /// Two uses of one category: the schema forbids it, so only legacy or edited data.
        case categoryUsedTwice = "category-used-twice"
        /// A use of a condition no record type evidences: a person must check it (X2).
        case declaredEvidence = "declared-evidence"

        public var chinese: String {
            switch self {
            case .exceptionalCertWithoutUse: "破格取得的证书没有对应的破格使用记录"
            case .useWithoutEvidence: "破格使用缺少证明记录"
            case .categoryUsedTwice: "同一类破格条件使用了两次"
            case .declaredEvidence: "经办人声明的条件，须人工核查"
            }
        }
    }

    public struct Finding: Hashable, Sendable, Codable {
        public var kind: Kind
        public var idNumber: IDNumber
        public var name: String
        public var detail: String
    }

    /// The findings on one person (X5, 须知·四·8).
    public static func findings(_ record: PersonRecord, catalogue: [ExceptionalCondition]) -> [Finding] {
        let person = record.person
        var findings: [Finding] = []
        func add(_ kind: Kind, _ detail: String, citing rules: [RuleID] = [.X5]) {
            findings.append(Finding(kind: kind, idNumber: person.idNumber, name: person.name,
                                    detail: detail + "（\(RuleID.cite(rules))）"))
        }
        for certificate in record.certificates where certificate.route == .exceptional {
            if !record.exceptionalUses.contains(where: { $0.grade == certificate.grade }) {
                add(.exceptionalCertWithoutUse,
                    "\(certificate.trade)\(certificate.grade.chinese)证书（\(certificate.issued)\(certificate.number.map { "，\($0)" } ?? "")）为破格取得，但没有\(certificate.grade.chinese)的破格使用记录：请从当年审批表查明所用条件，用 exceptional record 登记")
            }
        }
        for (category, uses) in Dictionary(grouping: record.exceptionalUses, by: \.category) where uses.count > 1 {
            let label = catalogue.first { $0.category == category }?.name ?? category
            add(.categoryUsedTwice, "“\(label)”类使用了\(uses.count)次：" + uses.map(\.chineseSummary).joined(separator: "、") + "；每类终身只能使用一次",
                citing: [.X1, .X5])
        }
        for use in record.exceptionalUses {
            guard let condition = catalogue.first(where: { $0.code == use.condition }) else { continue }
            // The evidence window of a use in year U is U−5 … U−1; records dated on or
            // before the filing date of an application, or before U for a historic use.
            let application = use.applicationID.flatMap { id in record.applications.first { $0.id == id } }
            let cutoff = application?.filedOn ?? Day.endOfYear(use.year - 1)
            // Military honours count only in a veteran's review (X2): an application says its
            // module; a historic use of a veteran counts them only for a 等级工 grade, the
            // grades a review gives.
            let inReview = application.map { $0.module == .review } ?? (person.isVeteran && use.grade.isLevelWorker)
            let evidence = Evidence.check(condition, in: record, window: (use.year - 5)...(use.year - 1), by: cutoff,
                                          militaryHonours: inReview)
            if evidence.isDeclared {
                add(.declaredEvidence, "\(use.chineseSummary)使用“\(condition.name)”，无记录可证，请核对证明材料")
            } else if !evidence.isSatisfied {
                add(.useWithoutEvidence, "\(use.chineseSummary)使用“\(condition.name)”，但记录中\(evidence.detail)")
            }
        }
        return findings
    }

    /// The categories of the catalogue the person has not used.
    public static func unusedCategories(_ record: PersonRecord, catalogue: [ExceptionalCondition]) -> [String] {
        var seen: [String] = []
        for condition in catalogue where !seen.contains(condition.category) && record.use(ofCategory: condition.category) == nil {
            seen.append(condition.category)
        }
        return seen
    }
}
