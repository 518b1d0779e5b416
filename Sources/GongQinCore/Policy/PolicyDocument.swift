/// The checks on a policy document before `policy load` stores it. The document is a
/// `Policy` in the shape `policy show --format json` prints and
/// Policy/policy-2024.json holds: every parameter of RULES §2 as `{"value", "status",
/// "source"}`. Problems name the keys of that shape.
extension Policy {
    /// Every inconsistency, in Chinese. `conditions` are the codes of the catalogue.
    public func problems(conditions: Set<String>) -> [String] {
        var problems: [String] = []
        func check(_ ok: Bool, _ message: @autoclosure () -> String) { if !ok { problems.append(message()) } }
        check(Policy.years.contains(year), "year \(year) 超出范围（\(Policy.years.lowerBound)–\(Policy.years.upperBound)）")
        check(!origin.trimmingSpaces.isEmpty, "origin 为空：请写明文件名称和文号")
        for row in parameters where row.source.trimmingSpaces.isEmpty {
            problems.append("\(row.key).source 为空：请写明条款")
        }
        for parameter in PolicyParameter.thresholdYears {
            guard case .year(let path) = parameter.value else { continue }
            let value = self[keyPath: path].value
            check(value < year && value > year - 60, "\(parameter.key) = \(value)：须早于申报年度\(year)")
        }
        for (grade, normal, early) in [("intermediate", intermediateNormal, intermediateEarly), ("senior", seniorNormal, seniorEarly)] {
            check(early.workStartBy.value >= normal.workStartBy.value,
                  "\(grade)Early.workStartBy（\(early.workStartBy.value)）不能早于 \(grade)Normal（\(normal.workStartBy.value)）：提前一年申报的条件只能更宽")
            check(early.certificateBy.value >= normal.certificateBy.value,
                  "\(grade)Early.certificateBy（\(early.certificateBy.value)）不能早于 \(grade)Normal（\(normal.certificateBy.value)）")
        }
        check(seniorNormal.workStartBy.value <= intermediateNormal.workStartBy.value,
              "seniorNormal.workStartBy（\(seniorNormal.workStartBy.value)）不能晚于 intermediateNormal.workStartBy（\(intermediateNormal.workStartBy.value)）")
        for (name, day) in [("technicianCertificateBy", technicianCertificateBy.value),
                            ("seniorTechnicianCertificateBy", seniorTechnicianCertificateBy.value)] {
            check(day.year < year, "\(name) = \(day)：须早于申报年度\(year)")
        }
        for (name, day) in [("levelDeadline", levelDeadline.value), ("seniorTechnicianDeadline", seniorTechnicianDeadline.value)] {
            check(day.year == year, "\(name) = \(day)：须在\(year)年内")
        }
        if let exam = technicianExam.value {
            check(exam.year == year && exam > levelDeadline.value, "technicianExam = \(exam)：须在\(year)年内、网上申报截止之后")
        }
        let (from, to) = (assessmentFrom.value, assessmentTo.value)
        check(from <= to, "assessmentFrom（\(from)）晚于 assessmentTo（\(to)）")
        check(to < year && to - from < 10, "assessmentFrom–assessmentTo \(from)–\(to)：须在申报年度之前，且不超过10年")
        check(review.intermediateYears.value > 0 && review.intermediateYears.value < review.seniorYears.value
                && review.seniorYears.value <= 40,
              "review：须 0 < intermediateYears < seniorYears ≤ 40")
        check((0...10).contains(review.relaxationYears.value), "review.relaxationYears 须在0到10之间")
        for (code, relaxation) in relaxations.sorted(by: { $0.key < $1.key }) {
            check(conditions.contains(code), "relaxations.\(code)：破格条件目录中没有此条件（见 gongqin exceptional conditions）")
            check((0...10).contains(relaxation.value.workYears) && (0...10).contains(relaxation.value.gradeYears),
                  "relaxations.\(code)：放宽年限须在0到10年之间")
        }
        return problems
    }
}
