/// What the records say about an exceptional condition (RULES X2), shared by the engine,
/// which offers a condition, and the audit, which checks a recorded use (RULES X5).
public enum Evidence: Hashable, Sendable {
    /// The records evidence it: a Chinese detail, and the record.
    case satisfied(String, record: String)
    case missing(String)
    /// No record type can evidence it: a clerk's declaration (RULES X2).
    case declared(String)

    public var isSatisfied: Bool {
        if case .satisfied = self { return true }
        return false
    }

    public var detail: String {
        switch self {
        case .satisfied(let detail, _), .missing(let detail), .declared(let detail): detail
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
            let excellent = Set(record.assessments.filter { $0.result == .excellent && window.contains($0.year) }.map(\.year))
            if let year = excellent.sorted().first(where: { excellent.contains($0 + 1) }) {
                return .satisfied("\(year)、\(year + 1)年连续两年年度考核优秀", record: "\(year)–\(year + 1)年度考核")
            }
            if militaryHonours {
                let years = Set(record.awards.filter { $0.isMilitaryExcellence && $0.date <= cutoff }.map(\.date.year))
                if let year = years.sorted().first(where: { years.contains($0 + 1) }) {
                    return .satisfied("服役期间\(year)、\(year + 1)年连续两年获优秀士兵、优秀士官或三等功等奖励（须知·一(五)4）",
                                      record: "奖励 \(year)–\(year + 1)")
                }
            }
            return .missing("\(window.lowerBound)–\(window.upperBound)年度考核中没有连续两年优秀"
                            + (militaryHonours ? "，也没有连续两年的优秀士兵等奖励" : ""))
        case .collegeDegree:
            let degrees = record.education.filter { $0.level.countsAsCollege && $0.graduated <= cutoff }
            if let degree = degrees.first(where: \.relevant) {
                return .satisfied("\(degree.level.chinese)（\(degree.graduated.year)年毕业\(degree.major.map { "，\($0)专业" } ?? "")），与本工种相关",
                                  record: "学历 \(degree.level.chinese)")
            }
            return .missing(degrees.isEmpty ? "\(cutoff)前未登记大专及以上学历" : "大专及以上学历未登记为本工种相关专业（--relevant）")
        case .meritAward:
            if let award = record.awards.first(where: { $0.isMeritSecondClassOrHigher && $0.date <= cutoff }) {
                return .satisfied("\(award.date.year)年获\(award.name)", record: "奖励 \(award.name) \(award.date)")
            }
            return .missing("\(cutoff)前未登记二等功及以上奖励")
        case .declared:
            return .declared("“\(condition.name)”无对应记录类型，以经办人声明为准，审计时列为 declared-evidence 供人工核查")
        }
    }
}
