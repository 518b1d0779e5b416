/// What one check found, as plain values: the few facts its text needs, written only when
/// shown, by one renderer (`Check.detail` and `Check.record`, Citation.swift). A check
/// holds no closure and no words: `eligible` over a province makes tens of millions of
/// them and shows the words of very few (Documentation/RULES.md, "Citations").
///
/// Each case names the rule that makes it; the rule's code is in the `Rules+…` file of
/// its module, its words in Citation.swift, under the same rule ID.
///
/// The cases whose facts are large (a certificate, an exceptional use, two or more days)
/// are `indirect`: they are held in a box, so that every check stays small and cheap to
/// copy. A seniority (T1) and A1's years are objects already, shared by the person's
/// checks.
enum Finding: Sendable {
    /// A text given whole: a check decoded or built by hand.
    case given(String, record: String?)

    // D1
    indirect case filingOutsideCycle(filed: Day, cycle: Int, deadline: Day)
    indirect case filed(on: Day, deadline: Day, grade: Grade)
    case deadlinePassed(Day, grade: Grade)
    case deadline(Day, grade: Grade)
    // CY
    case cycleYear(Int, isCycleYear: Bool, source: String, next: Int)
    // K1
    case currentTrade(String)
    case notCurrentTrade(applied: String, current: String)
    case tradeCeiling(String, max: Grade)
    // G1
    case highestGrade(held: Seniority?)
    case nextGrade(held: Seniority?, grade: Grade)
    case notNextGrade(held: Seniority?, next: Grade, grade: Grade)
    // A1
    case noAssessmentDue(workStart: Day, window: ClosedRange<Int>)
    case assessmentsSatisfactory(AssessmentYears, workStart: Int)
    case assessmentsUnsatisfactory(AssessmentYears)
    case assessmentsMissing(AssessmentYears)
    // M1
    case educationWaived(Grade, needed: EducationLevel)
    case noEducation(Grade, needed: EducationLevel)
    case education(EducationLevel, graduated: Int, grade: Grade, needed: EducationLevel)
    // N1
    case probation(end: Day, filing: Day)
    case probationUnknown
    // N1, N2, N3, E2, E3: the work start
    case workStart(Day, military: Bool, latest: Int, relax: Int)
    // N2, N3, E2, E3: the grade below
    case noCertificateInChain([String], below: Grade)
    case gradeYears(Seniority, latest: Int, relax: Int, waivedByV4: Bool)
    // N4, N5
    case technicianCertificate(Seniority, latest: Day, relax: Int)
    case noCertificateBelow(Grade)
    case technicianEducationWaived
    case technicianEducation(EducationLevel, graduated: Int, relevant: Bool)
    case technicianEducationMissing(EducationLevel?, relevant: Bool)
    // E2, E3
    case noEarlyRoute(Grade)
    case normalOpenNotEarly(cycle: Int)
    // X4
    case normalOpenNotExceptional(cycle: Int)
    case earlyOpenNotExceptional
    case exceptionalOffered(earlyOffered: Bool)
    case usableConditions([String], others: [String])
    // X3
    case relaxation(Relaxation, opens: Bool)
    // X2
    case evidence(Evidence)
    case unknownCondition
    case emptyCatalogue
    case noConditionNamed
    // X1
    indirect case categoryUsed(name: String, ExceptionalUse)
    case categoryUnused(name: String)
    // V0
    indirect case reviewOnly(Subject.ReviewKind)
    case notReviewed
    case reviewLevelOnly
    indirect case reviewed(Subject.ReviewKind)
    // V1
    indirect case veteranGrade(start: Day, placed: Int, intermediate: Int, senior: Int, base: Grade, grade: Grade)
    // V3
    case veteranRelaxed(relax: Int, years: Int, relaxed: Grade, grade: Grade)
    // V6
    indirect case interProvince(Certificate, grade: Grade)
    // PL2
    indirect case reviewBelowHeld(Certificate, grade: Grade)
    indirect case reviewAboveHeld(Certificate, grade: Grade)
    // V5
    case reviewTrade(String)
    // V2
    case placedLate(Day, filing: Day)
    case placed(Day)
    // V4
    indirect case reviewNotLevel(Certificate, grade: Grade)
    indirect case reviewWaiver(Certificate)
    indirect case reviewUsed(Certificate)
    // T1
    case seniority(Seniority)
    // T2
    case oldTrade(applied: String, current: String)
    case newTrade(String)
    // T3
    case transferNotLevel(Grade)
    case transferLevel(Grade)
    // T4
    case transferFirst(current: String, held: Seniority)
    case notTransferred
    case noCertificateBeforeTransfer
    case holdsCurrentTrade(String)
    case transferLateral(held: Seniority, trade: String, grade: Grade)
    case transferTooFar(held: Seniority)
    case transferNormal(held: Seniority)
    case transferEarly(held: Seniority)
    case transferThresholds(held: Seniority)
    // T5
    case currentTradeCertificate(String, below: Grade, issued: Day)
    case noCurrentTradeCertificate(String, below: Grade, grade: Grade)
}
