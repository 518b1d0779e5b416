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

    /// What was found or is missing, in Chinese: written only when read, since the
    /// engine tries every condition for every person and shows the words of few.
    public var detail: String {
        switch self {
        case .excellentYears(let year): "\(year)、\(year + 1)年连续两年年度考核优秀"
        case .militaryHonours(let year): "服役期间\(year)、\(year + 1)年连续两年获优秀士兵、优秀士官或三等功等奖励（须知·一(五)4）"
        case .relevantDegree(let degree):
            "\(degree.level.chinese)（\(degree.graduated.year)年毕业\(degree.major.map { "，\($0)专业" } ?? "")），与本工种相关"
        case .meritAward(let award): "\(award.date.year)年获\(award.name)"
        case .noExcellentYears(let window, let militaryHonours):
            "\(window.lowerBound)–\(window.upperBound)年度考核中没有连续两年优秀" + (militaryHonours ? "，也没有连续两年的优秀士兵等奖励" : "")
        case .noDegree(let cutoff): "\(cutoff)前未登记大专及以上学历"
        case .degreeNotRelevant: "大专及以上学历未登记为本工种相关专业（--relevant）"
        case .noMeritAward(let cutoff): "\(cutoff)前未登记二等功及以上奖励"
        case .declared(let name): "“\(name)”无对应记录类型，以经办人声明为准，审计时列为 declared-evidence 供人工核查"
        }
    }

    /// The record that evidences it, when one does.
    public var record: String? {
        switch self {
        case .excellentYears(let year): "\(year)–\(year + 1)年度考核"
        case .militaryHonours(let year): "奖励 \(year)–\(year + 1)"
        case .relevantDegree(let degree): "学历 \(degree.level.chinese)"
        case .meritAward(let award): "奖励 \(award.name) \(award.date)"
        default: nil
        }
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
