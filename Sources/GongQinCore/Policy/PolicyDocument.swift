/// The checks on a policy document before `policy load` stores it. The document is a
/// `Policy` in the shape `policy show --format json` prints and
/// Policy/policy-2024.json holds: every parameter of RULES §2 as `{"value", "status",
/// "source"}`. Problems name the keys of that shape.
extension Policy {
    /// Every inconsistency. `conditions` are the codes of the catalogue.
    public func problems(conditions: Set<String>) -> [PolicyProblem] {
        var problems: [PolicyProblem] = []
        func check(_ ok: Bool, _ problem: @autoclosure () -> PolicyProblem) { if !ok { problems.append(problem()) } }
        check(Policy.years.contains(year), .yearOutOfRange(year, Policy.years))
        check(!origin.trimmingSpaces.isEmpty, .originEmpty)
        for row in parameters where row.source.trimmingSpaces.isEmpty {
            problems.append(.sourceEmpty(key: row.key))
        }
        for parameter in PolicyParameter.thresholdYears {
            guard case .year(let path) = parameter.value else { continue }
            let value = self[keyPath: path].value
            check(value < year && value > year - 60, .thresholdNotBefore(key: parameter.key, value, year: year))
        }
        for (grade, normal, early) in [(Grade.intermediate, intermediateNormal, intermediateEarly), (.senior, seniorNormal, seniorEarly)] {
            check(early.workStartBy.value >= normal.workStartBy.value,
                  .earlyWorkStartEarlier(grade, early: early.workStartBy.value, normal: normal.workStartBy.value))
            check(early.certificateBy.value >= normal.certificateBy.value,
                  .earlyCertificateEarlier(grade, early: early.certificateBy.value, normal: normal.certificateBy.value))
        }
        check(seniorNormal.workStartBy.value <= intermediateNormal.workStartBy.value,
              .seniorWorkStartLater(senior: seniorNormal.workStartBy.value, intermediate: intermediateNormal.workStartBy.value))
        for (name, day) in [("technicianCertificateBy", technicianCertificateBy.value),
                            ("seniorTechnicianCertificateBy", seniorTechnicianCertificateBy.value)] {
            check(day.year < year, .dayNotBefore(key: name, day, year: year))
        }
        for (name, day) in [("levelDeadline", levelDeadline.value), ("seniorTechnicianDeadline", seniorTechnicianDeadline.value)] {
            check(day.year == year, .dayOutsideYear(key: name, day, year: year))
        }
        if let exam = technicianExam.value {
            check(exam.year == year && exam > levelDeadline.value, .examOutsideYear(exam, year: year))
        }
        let (from, to) = (assessmentFrom.value, assessmentTo.value)
        check(from <= to, .assessmentFromAfterTo(from: from, to: to))
        check(to < year && to - from < 10, .assessmentWindow(from: from, to: to))
        check(review.intermediateYears.value > 0 && review.intermediateYears.value < review.seniorYears.value
                && review.seniorYears.value <= 40,
              .reviewYearsOutOfOrder)
        check((0...10).contains(review.relaxationYears.value), .reviewRelaxationOutOfRange)
        for (code, relaxation) in relaxations.sorted(by: { $0.key < $1.key }) {
            check(conditions.contains(code), .unknownCondition(code: code))
            check((0...10).contains(relaxation.value.workYears) && (0...10).contains(relaxation.value.gradeYears),
                  .relaxationOutOfRange(code: code))
        }
        return problems
    }
}

/// What is inconsistent in a policy document, each naming the keys of its shape; the
/// facts, which GongQinCLI/Wording/CoreWording.swift words.
public enum PolicyProblem: Hashable, Sendable {
    /// `year` is outside the years gongqin knows (`Policy.years`).
    case yearOutOfRange(Int, ClosedRange<Int>)
    /// `origin` is empty: it must name the document and its number.
    case originEmpty
    /// The source of the value at `key` is empty: it must name the clause.
    case sourceEmpty(key: String)
    /// The threshold year at `key` is not before the cycle's `year` (or 60 years or more before it).
    case thresholdNotBefore(key: String, Int, year: Int)
    /// The early work-start threshold of `grade` is before the normal one: early may only be wider.
    case earlyWorkStartEarlier(Grade, early: Int, normal: Int)
    /// The early certificate threshold of `grade` is before the normal one.
    case earlyCertificateEarlier(Grade, early: Int, normal: Int)
    /// The senior work-start threshold is after the intermediate one.
    case seniorWorkStartLater(senior: Int, intermediate: Int)
    /// The day at `key` is not in a year before the cycle's `year`.
    case dayNotBefore(key: String, Day, year: Int)
    /// The day at `key` is not in the cycle's `year`.
    case dayOutsideYear(key: String, Day, year: Int)
    /// The technician exam is outside the cycle's `year`, or not after the filing deadline.
    case examOutsideYear(Day, year: Int)
    /// `assessmentFrom` is after `assessmentTo`.
    case assessmentFromAfterTo(from: Int, to: Int)
    /// The assessment window is not before the cycle's year, or spans 10 years or more.
    case assessmentWindow(from: Int, to: Int)
    /// `review` fails 0 < intermediateYears < seniorYears ≤ 40.
    case reviewYearsOutOfOrder
    /// `review.relaxationYears` is outside 0 to 10.
    case reviewRelaxationOutOfRange
    /// `relaxations` holds a condition the catalogue lacks.
    case unknownCondition(code: String)
    /// The relaxation of `code` is outside 0 to 10 years.
    case relaxationOutOfRange(code: String)
}
