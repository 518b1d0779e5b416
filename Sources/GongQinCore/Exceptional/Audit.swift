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
    }

    /// What an audit finds, as the facts its words need (GongQinCLI/Wording/CoreWording.swift).
    public enum Issue: Hashable, Sendable {
        /// `certificate`, obtained through the exceptional route, with no use at its grade.
        case certificateWithoutUse(Certificate)
        /// The category named `label` (the catalogue's name, or the category itself) used in each of `uses`.
        case categoryUsedTwice(label: String, uses: [ExceptionalUse])
        /// `use` of the condition `condition` (its name), which no record can evidence.
        case declared(ExceptionalUse, condition: String)
        /// `use` of the condition `condition` (its name), which the records do not evidence.
        case withoutEvidence(ExceptionalUse, condition: String, Evidence)

        /// The rules a finding of it cites.
        public var rules: [RuleID] {
            if case .categoryUsedTwice = self { return [.X1, .X5] }
            return [.X5]
        }
    }

    public struct Finding: Hashable, Sendable {
        public var kind: Kind
        public var idNumber: IDNumber
        public var name: String
        public var issue: Issue
    }

    /// The findings on one person (X5, 须知·四·8).
    public static func findings(_ record: PersonRecord, catalogue: [ExceptionalCondition]) -> [Finding] {
        let person = record.person
        var findings: [Finding] = []
        func add(_ kind: Kind, _ issue: Issue) {
            findings.append(Finding(kind: kind, idNumber: person.idNumber, name: person.name, issue: issue))
        }
        for certificate in record.certificates where certificate.route == .exceptional {
            if !record.exceptionalUses.contains(where: { $0.grade == certificate.grade }) {
                add(.exceptionalCertWithoutUse, .certificateWithoutUse(certificate))
            }
        }
        for (category, uses) in Dictionary(grouping: record.exceptionalUses, by: \.category) where uses.count > 1 {
            let label = catalogue.first { $0.category == category }?.name ?? category
            add(.categoryUsedTwice, .categoryUsedTwice(label: label, uses: uses))
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
                add(.declaredEvidence, .declared(use, condition: condition.name))
            } else if !evidence.isSatisfied {
                add(.useWithoutEvidence, .withoutEvidence(use, condition: condition.name, evidence))
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
