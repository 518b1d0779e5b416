/// The policy file of gongqin 0.1, before a policy was one document in the shape of
/// `Policy`: plain values, every one official, with one `source` for the file. Only
/// GongQinStore's `Policies.loaded` decodes it, for a year loaded into a database by that
/// version; `policy load` takes the one shape `policy show --format json` prints. It lives
/// in Core because what it makes is a `Policy`, whose sources (the clause each value comes
/// from) are policy data, as in policy-2024.json and the derived years.
public struct LegacyPolicyFile: Codable, Sendable, Hashable {
    struct YearPair: Codable, Sendable, Hashable {
        var workStartBy: Int
        var certificateBy: Int
    }

    struct Routes: Codable, Sendable, Hashable {
        var normal: YearPair
        var early: YearPair
    }

    struct Junior: Codable, Sendable, Hashable {
        var workStartBy: Int
    }

    struct CertificateBy: Codable, Sendable, Hashable {
        var certificateBy: Day
    }

    struct Deadlines: Codable, Sendable, Hashable {
        var levelAndTechnician: Day
        var seniorTechnician: Day
    }

    struct Window: Codable, Sendable, Hashable {
        var from: Int
        var to: Int
    }

    struct Review: Codable, Sendable, Hashable {
        var intermediateYears: Int
        var seniorYears: Int
        var relaxationYears: Int
    }

    struct BaselineDocument: Codable, Sendable, Hashable {
        var annualAssessment: Bool
        var minimumEducationIntermediate: EducationLevel
        var minimumEducationSenior: EducationLevel
        var tradeMatch: Bool
    }

    var year: Int
    /// The document the values come from, such as `2026年常州市…申报须知`.
    var source: String
    var levelCycleYear: Bool
    var junior: Junior
    var intermediate: Routes
    var senior: Routes
    /// The senior certificate a technician applicant holds by this day (N4).
    var technician: CertificateBy
    /// The technician certificate a senior-technician applicant holds by this day (N5).
    var seniorTechnician: CertificateBy
    var deadlines: Deadlines
    var technicianExam: Day?
    var assessmentWindow: Window
    var review: Review?
    /// Relaxations by condition code (X3).
    var exceptional: [String: Relaxation]?
    var baseline: BaselineDocument?

    /// The policy this file states, over `base` (the notice's policy derived for its
    /// year) for the parts it leaves out.
    public func policy(base: Policy) -> Policy {
        var p = base
        func official<V>(_ value: V, _ clause: String) -> Sourced<V> { Sourced(value, .official, "\(source)（\(clause)）") }
        p.origin = "\(source)（已载入的正式文件）"
        p.levelCycleYear = official(levelCycleYear, "须知·四·1")
        p.juniorWorkStartBy = official(junior.workStartBy, "须知·一·表")
        func thresholds(_ t: YearPair) -> Thresholds {
            Thresholds(workStartBy: official(t.workStartBy, "须知·一·表"), certificateBy: official(t.certificateBy, "须知·一·表"))
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
        p.assessmentFrom = official(assessmentWindow.from, "须知·二(一)5")
        p.assessmentTo = official(assessmentWindow.to, "须知·二(一)5")
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
