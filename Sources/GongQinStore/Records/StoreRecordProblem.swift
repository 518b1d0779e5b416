import GongQinCore

/// What the store finds wrong with a record before it writes it, typed: the cause of a
/// `FieldProblem` (`FieldProblem(field, cause:)`), with the data and no words. The CLI
/// words it (GongQinCLI/Wording/StoreWording.swift).
public enum StoreRecordProblem: Error, Sendable, Hashable {
    // A record the database holds already; `owner` is the person's name.
    case personRecorded(IDNumber, name: String)
    /// `province` is nil for 江苏, which the words leave out.
    case certificateRecorded(owner: String, province: String?, trade: String, grade: Grade, issued: Day)
    case certificateNumberRecorded(number: String, holder: String)
    case transferRecorded(owner: String, date: Day, from: String, to: String)
    case assessmentRecorded(owner: String, year: Int, result: AssessmentResult)
    case educationRecorded(owner: String, graduated: Day, level: EducationLevel)
    case awardRecorded(owner: String, date: Day, name: String)
    case trainingRecorded(owner: String, date: Day, name: String)
    /// `held` is the post recorded from the same day.
    case jobRecorded(owner: String, from: Day, held: Job)
    /// A historic use of the same condition in the same year.
    case useRecorded(owner: String, year: Int, grade: Grade, condition: String)
    case unitRecorded(name: String)
    case tradeRecorded(name: String)

    case unitNameEmpty
    case tradeNameEmpty

    // Import rows.
    /// The row's 姓名 is not the name the identity number is registered under.
    case nameDiffers(given: String, id: IDNumber, registered: String)
    /// A row of a person's records for a person not registered.
    case unknownPerson(IDNumber)
    /// After a file of transfers, the person's trade is not where the last one led (T1).
    case tradeNotWhereTransferLed(current: String, lastTo: String)
    /// A roster row names a unit's 主管部门 otherwise than an earlier row (`row`) did.
    case departmentDiffersInFile(unit: String, row: Int, earlier: String, given: String)
    /// A roster row names a unit's 主管部门 otherwise than the database holds it.
    case departmentDiffersFromStored(unit: String, stored: String?, given: String)

    /// A written row whose values do not decode (the gate's checks of typed input).
    case unreadableValue
}
