/// The JSON file `policy load` reads: an official policy for one cycle year (issue 3).
/// Every parameter of RULES §2 is required; `technicianExam`, `review`, `exceptional` and
/// `baseline` may be left out (the exam date is often unknown, the others keep the
/// notice's values). The README documents the format with an example.
public struct PolicyDocument: Codable, Sendable, Hashable {
    public struct Thresholds: Codable, Sendable, Hashable {
        public var workStartBy: Int
        public var certificateBy: Int
    }

    public struct Routes: Codable, Sendable, Hashable {
        public var normal: Thresholds
        public var early: Thresholds
    }

    public struct Junior: Codable, Sendable, Hashable {
        public var workStartBy: Int
    }

    public struct CertificateBy: Codable, Sendable, Hashable {
        public var certificateBy: Day
    }

    public struct Deadlines: Codable, Sendable, Hashable {
        public var levelAndTechnician: Day
        public var seniorTechnician: Day
    }

    public struct Window: Codable, Sendable, Hashable {
        public var from: Int
        public var to: Int
    }

    public struct Review: Codable, Sendable, Hashable {
        public var intermediateYears: Int
        public var seniorYears: Int
        public var relaxationYears: Int
    }

    public struct BaselineDocument: Codable, Sendable, Hashable {
        public var annualAssessment: Bool
        public var minimumEducationIntermediate: EducationLevel
        public var minimumEducationSenior: EducationLevel
        public var tradeMatch: Bool
    }

    public var year: Int
    /// The document the values come from, such as `2026年常州市…申报须知`.
    public var source: String
    public var levelCycleYear: Bool
    public var junior: Junior
    public var intermediate: Routes
    public var senior: Routes
    /// The senior certificate a technician applicant holds by this day (N4).
    public var technician: CertificateBy
    /// The technician certificate a senior-technician applicant holds by this day (N5).
    public var seniorTechnician: CertificateBy
    public var deadlines: Deadlines
    public var technicianExam: Day?
    public var assessmentWindow: Window
    public var review: Review?
    /// Relaxations by condition code (X3).
    public var exceptional: [String: Relaxation]?
    public var baseline: BaselineDocument?

    /// Every inconsistency, in Chinese. `conditions` are the codes of the catalogue.
    public func problems(conditions: Set<String>) -> [String] {
        var problems: [String] = []
        func check(_ ok: Bool, _ message: @autoclosure () -> String) { if !ok { problems.append(message()) } }
        check(Policy.years.contains(year), "year \(year) 超出范围（\(Policy.years.lowerBound)–\(Policy.years.upperBound)）")
        check(!source.trimmingSpaces.isEmpty, "source 为空：请写明文件名称和文号")
        for (name, value) in [("junior.workStartBy", junior.workStartBy),
                              ("intermediate.normal.workStartBy", intermediate.normal.workStartBy),
                              ("intermediate.normal.certificateBy", intermediate.normal.certificateBy),
                              ("intermediate.early.workStartBy", intermediate.early.workStartBy),
                              ("intermediate.early.certificateBy", intermediate.early.certificateBy),
                              ("senior.normal.workStartBy", senior.normal.workStartBy),
                              ("senior.normal.certificateBy", senior.normal.certificateBy),
                              ("senior.early.workStartBy", senior.early.workStartBy),
                              ("senior.early.certificateBy", senior.early.certificateBy)] {
            check(value < year && value > year - 60, "\(name) = \(value)：须早于申报年度\(year)")
        }
        for (grade, routes) in [("intermediate", intermediate), ("senior", senior)] {
            check(routes.early.workStartBy >= routes.normal.workStartBy,
                  "\(grade).early.workStartBy（\(routes.early.workStartBy)）不能早于 normal（\(routes.normal.workStartBy)）：提前一年申报的条件只能更宽")
            check(routes.early.certificateBy >= routes.normal.certificateBy,
                  "\(grade).early.certificateBy（\(routes.early.certificateBy)）不能早于 normal（\(routes.normal.certificateBy)）")
        }
        check(senior.normal.workStartBy <= intermediate.normal.workStartBy,
              "senior.normal.workStartBy（\(senior.normal.workStartBy)）不能晚于 intermediate.normal.workStartBy（\(intermediate.normal.workStartBy)）")
        for (name, day) in [("technician.certificateBy", technician.certificateBy),
                            ("seniorTechnician.certificateBy", seniorTechnician.certificateBy)] {
            check(day.year < year, "\(name) = \(day)：须早于申报年度\(year)")
        }
        for (name, day) in [("deadlines.levelAndTechnician", deadlines.levelAndTechnician),
                            ("deadlines.seniorTechnician", deadlines.seniorTechnician)] {
            check(day.year == year, "\(name) = \(day)：须在\(year)年内")
        }
        if let exam = technicianExam {
            check(exam.year == year && exam > deadlines.levelAndTechnician,
                  "technicianExam = \(exam)：须在\(year)年内、网上申报截止之后")
        }
        check(assessmentWindow.from <= assessmentWindow.to, "assessmentWindow.from（\(assessmentWindow.from)）晚于 to（\(assessmentWindow.to)）")
        check(assessmentWindow.to < year && assessmentWindow.to - assessmentWindow.from < 10,
              "assessmentWindow \(assessmentWindow.from)–\(assessmentWindow.to)：须在申报年度之前，且不超过10年")
        if let review {
            check(review.intermediateYears > 0 && review.intermediateYears < review.seniorYears && review.seniorYears <= 40,
                  "review：须 0 < intermediateYears < seniorYears ≤ 40")
            check((0...10).contains(review.relaxationYears), "review.relaxationYears 须在0到10之间")
        }
        for (code, relaxation) in (exceptional ?? [:]).sorted(by: { $0.key < $1.key }) {
            check(conditions.contains(code), "exceptional.\(code)：破格条件目录中没有此条件（见 gongqin exceptional conditions）")
            check((0...10).contains(relaxation.workYears) && (0...10).contains(relaxation.gradeYears),
                  "exceptional.\(code)：放宽年限须在0到10年之间")
        }
        return problems
    }

    /// The official policy this document states. Left-out parts keep the notice's values
    /// and the catalogue's relaxations, with their own status.
    public func policy(catalogue: [ExceptionalCondition]) -> Policy {
        var p = Policy.builtin(year: year, catalogue: catalogue)
        func official<V>(_ value: V, _ clause: String) -> Sourced<V> { Sourced(value, .official, "\(source)（\(clause)）") }
        p.origin = "\(source)（已载入的正式文件）"
        p.levelCycleYear = official(levelCycleYear, "须知·四·1")
        p.juniorWorkStartBy = official(junior.workStartBy, "须知·一·表")
        func thresholds(_ t: Thresholds) -> GongQinCore.Thresholds {
            GongQinCore.Thresholds(workStartBy: official(t.workStartBy, "须知·一·表"), certificateBy: official(t.certificateBy, "须知·一·表"))
        }
        p.intermediateNormal = thresholds(intermediate.normal)
        p.intermediateEarly = thresholds(intermediate.early)
        p.seniorNormal = thresholds(senior.normal)
        p.seniorEarly = thresholds(senior.early)
        p.technicianCertificateBy = official(technician.certificateBy, "须知·四·4")
        p.seniorTechnicianCertificateBy = official(seniorTechnician.certificateBy, "须知·四·5")
        p.levelDeadline = official(deadlines.levelAndTechnician, "须知·四·12")
        p.seniorTechnicianDeadline = official(deadlines.seniorTechnician, "须知·四·12")
        p.technicianExam = technicianExam.map { official(Optional($0), "须知·四·10") }
            ?? Sourced(nil, .provisional, "\(source) 未载明技师选拔考试日期")
        p.assessmentFrom = official(assessmentWindow.from, "须知·一(一)5")
        p.assessmentTo = official(assessmentWindow.to, "须知·一(一)5")
        if let review {
            p.review = ReviewThresholds(intermediateYears: official(review.intermediateYears, "须知·一(五)3"),
                                        seniorYears: official(review.seniorYears, "须知·一(五)3"),
                                        relaxationYears: official(review.relaxationYears, "须知·一(五)4"))
        }
        for (code, relaxation) in exceptional ?? [:] { p.relaxations[code] = official(relaxation, "破格条件") }
        if let baseline {
            p.baseline = Baseline(annualAssessment: official(baseline.annualAssessment, "省·基线"),
                                  minimumEducationIntermediate: official(baseline.minimumEducationIntermediate, "省·基线"),
                                  minimumEducationSenior: official(baseline.minimumEducationSenior, "省·基线"),
                                  tradeMatch: official(baseline.tradeMatch, "省·基线"))
        }
        return p
    }
}
