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
        self.certificates = certificates.sorted { ($0.issued, $0.grade) < ($1.issued, $1.grade) }
        self.transfers = transfers.sorted { $0.date < $1.date }
        self.assessments = assessments.sorted { $0.year < $1.year }
        self.education = education.sorted { $0.graduated < $1.graduated }
        self.awards = awards.sorted { $0.date < $1.date }
        self.trainings = trainings.sorted { $0.date < $1.date }
        self.exceptionalUses = exceptionalUses.sorted { $0.year < $1.year }
        self.applications = applications.sorted { ($0.cycle, $0.id) < ($1.cycle, $1.id) }
        self.jobs = jobs.sorted { $0.from < $1.from }
    }

    public func assessment(in year: Int) -> AnnualAssessment? {
        assessments.first { $0.year == year }
    }

    /// The use of a category, if any (RULES X1).
    public func use(ofCategory category: String) -> ExceptionalUse? {
        exceptionalUses.first { $0.category == category }
    }
}
