/// A person with every record gongqin keeps on them: what `person show` prints and what
/// the eligibility engine reads.
public struct PersonRecord: Hashable, Sendable, Codable {
    public var person: Person
    public var certificates: [Certificate]
    public var transfers: [Transfer]
    public var assessments: [AnnualAssessment]
    public var education: [Education]
    public var awards: [Award]
    public var trainings: [Training]
    public var exceptionalUses: [ExceptionalUse]
    public var applications: [Application]
    /// The posts held, oldest first (工作经历, RULES F1).
    public var jobs: [Job]

    public init(person: Person, certificates: [Certificate] = [], transfers: [Transfer] = [],
                assessments: [AnnualAssessment] = [], education: [Education] = [], awards: [Award] = [],
                trainings: [Training] = [], exceptionalUses: [ExceptionalUse] = [],
                applications: [Application] = [], jobs: [Job] = []) {
        self.person = person
        // Each list in its order; the store reads them in it already, so most are kept as given.
        self.certificates = certificates.inOrder { ($0.issued, $0.grade) < ($1.issued, $1.grade) }
        self.transfers = transfers.inOrder { $0.date < $1.date }
        self.assessments = assessments.inOrder { $0.year < $1.year }
        self.education = education.inOrder { $0.graduated < $1.graduated }
        self.awards = awards.inOrder { $0.date < $1.date }
        self.trainings = trainings.inOrder { $0.date < $1.date }
        self.exceptionalUses = exceptionalUses.inOrder { $0.year < $1.year }
        self.applications = applications.inOrder { ($0.cycle, $0.id) < ($1.cycle, $1.id) }
        self.jobs = jobs.inOrder { $0.from < $1.from }
    }

    /// The trades the person held at some time in `year`, by the transfers (RULES PL1):
    /// before the first transfer its `from`, after each its `to`.
    public func tradesHeld(in year: Int) -> Set<String> {
        guard let first = transfers.first else { return [person.trade] }
        var trades: Set<String> = first.date.year >= year ? [first.from] : []
        for (i, transfer) in transfers.enumerated() where transfer.date.year <= year {
            let end = i + 1 < transfers.count ? transfers[i + 1].date.year : Int.max
            if end >= year { trades.insert(transfer.to) }
        }
        return trades
    }

    /// RULES X1, the one definition of “used”: a category is used by a historic use, or
    /// by an application in every status but withdrawn (withdrawing deletes its uses:
    /// `ApplicationStatus.releasesExceptionalUses`), so a failed, passed or deferred result
    /// keeps it. `eligible`, `explain`, `apply`, the materials, the audit, `check` and the
    /// gate's R1 read it here. The uses of `own`, an application judged as itself (its
    /// cycle's `explain`, R1 at every commit), are its own and not earlier ones.
    public func use(ofCategory category: String, apartFrom own: Application? = nil) -> ExceptionalUse? {
        exceptionalUses.first { $0.category == category && (own == nil || $0.applicationID != own?.id) }
    }

    /// The application in progress (R1: filed, returned or accepted) for this cycle, grade
    /// and module: the one a decision about that option judges as itself.
    public func applicationInProgress(grade: Grade, module: Module, cycle: Int) -> Application? {
        applications.last { $0.cycle == cycle && $0.grade == grade && $0.module == module && $0.status.isInProgress }
    }
}

extension Array {
    /// The elements sorted by `less`, stably: the array itself when it is in that order
    /// already, without a copy.
    func inOrder(by less: (Element, Element) -> Bool) -> [Element] {
        for i in indices.dropFirst() where less(self[i], self[i - 1]) { return sorted(by: less) }
        return self
    }
}
