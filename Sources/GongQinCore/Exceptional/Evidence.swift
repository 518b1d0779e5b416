/// What the records say about an exceptional condition (RULES X2), shared by the engine,
/// which offers a condition, and the audit, which checks a recorded use (RULES X5).
public enum Evidence: Hashable, Sendable {
    // The records evidence it. These cases are boxed (`indirect`): the engine tries every
    // condition for every person, and few are satisfied, so the evidence stays small.
    /// Two consecutive 优秀 years inside the window, from `year`.
    case excellentYears(from: Int)
    /// Two consecutive years of military honours, from `year` (a veteran's review).
    case militaryHonours(from: Int)
    /// A college degree relevant to the trade.
    indirect case relevantDegree(Education)
    /// A 二等功 or higher.
    indirect case meritAward(Award)

    // They do not.
    case noExcellentYears(window: ClosedRange<Int>, militaryHonours: Bool)
    case noDegree(by: Day)
    case degreeNotRelevant
    case noMeritAward(by: Day)

    /// No record type can evidence it: a clerk's declaration (RULES X2).
    case declared(name: String)

    public var isSatisfied: Bool {
        switch self {
        case .excellentYears, .militaryHonours, .relevantDegree, .meritAward: true
        default: false
        }
    }

    public var isDeclared: Bool {
        if case .declared = self { return true }
        return false
    }

    /// Checks `condition` against `record`: 优秀 years inside `window`, education and
    /// awards dated no later than `by`. `militaryHonours` admits, for a veteran's review,
    /// two consecutive years of service each with an 优秀士兵, 优秀士官, 四有优秀士兵 or
    /// 三等功, whenever they fall (须知·一(五)4).
    public static func check(_ condition: ExceptionalCondition, in record: PersonRecord, window: ClosedRange<Int>,
                             by cutoff: Day, militaryHonours: Bool) -> Evidence {
        switch condition.evidence {
        case .excellentTwoYears:
            // The assessments are sorted by year (PersonRecord).
            var previous: Int?
            for assessment in record.assessments where assessment.result == .excellent && window.contains(assessment.year) {
                if previous == assessment.year - 1 { return .excellentYears(from: assessment.year - 1) }
                previous = assessment.year
            }
            if militaryHonours {
                let years = Set(record.awards.filter { $0.isMilitaryExcellence && $0.date <= cutoff }.map(\.date.year))
                if let year = years.sorted().first(where: { years.contains($0 + 1) }) {
                    return .militaryHonours(from: year)
                }
            }
            return .noExcellentYears(window: window, militaryHonours: militaryHonours)
        case .collegeDegree:
            var anyDegree = false
            for degree in record.education where degree.level.countsAsCollege && degree.graduated <= cutoff {
                if degree.relevant { return .relevantDegree(degree) }
                anyDegree = true
            }
            return anyDegree ? .degreeNotRelevant : .noDegree(by: cutoff)
        case .meritAward:
            if let award = record.awards.first(where: { $0.isMeritSecondClassOrHigher && $0.date <= cutoff }) {
                return .meritAward(award)
            }
            return .noMeritAward(by: cutoff)
        case .declared:
            return .declared(name: condition.name)
        }
    }
}
