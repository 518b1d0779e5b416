/// What is wrong with a field of a record, as the checks of typed input (Validation,
/// TextSafety, Limits, a file's checked columns and roster rows) and the reading of a value
/// (Values) find it: the facts and no words. GongQinCLI/Wording/CoreWording.swift words every
/// case; a `FieldProblem` carries one as its `cause`.
public enum RecordProblem: Error, Hashable, Sendable {
    /// The day of `subject` is after `today`.
    case future(Subject, Day, today: Day)
    /// The birth date an identity number holds is after today.
    case bornAfterToday
    /// The text of `subject` is empty.
    case empty(Subject)
    /// `subject`, which must be given, is not.
    case missing(Subject)
    /// On `day`, the day of `subject`, the person was younger than `years` (born on `born`).
    case underAge(Subject, Day, years: Int, born: Day)
    /// A certificate issued on `issued`, before its holder was `years` old.
    case holderUnderAge(issued: Day, years: Int)
    /// A graduation on `graduated`, before the person was `years` old: to be checked.
    case graduatedYoung(Day, years: Int)
    /// The day of `subject` is before the day of `earlier`.
    case before(Subject, Day, earlier: Subject, Day)
    /// A post ends (`to`) before it starts (`from`).
    case endsBeforeStart(to: Day, from: Day)
    /// The day of `subject` is before the person's birth.
    case beforeBirth(Subject, Day)
    /// `subject` (a discharge, a placement) is given without the enlistment it follows.
    case withoutEnlisted(Subject)
    /// A transfer into the trade the person holds.
    case sameTrade(String)
    /// A transfer out of `from`, when the previous transfer (on `previousDate`) led into `previousTo`.
    case notFromPreviousTrade(from: String, previousDate: Day, previousTo: String)
    /// A transfer on `date`, not after the previous one.
    case notAfterPreviousTransfer(Day, previous: Transfer)
    /// An assessment of `year` entered before `madeFrom`, the day it is made from (PL3).
    case assessmentTooEarly(year: Int, madeFrom: Day, today: Day)
    /// The year of `subject` is before the start of seniority.
    case yearBeforeSeniority(Subject, year: Int, start: Day)
    /// The year of `subject` is after this year.
    case yearAfterThisYear(Subject, year: Int, thisYear: Int)
    /// The number of `subject` is outside `range`.
    case outsideRange(Subject, ClosedRange<Int>)
    /// PL1: `name` used an exceptional condition for `grade` in `year` while holding `held`.
    indirect case heldGrade(name: String, year: Int, grade: Grade, held: Certificate)
    /// The post overlaps `other`, already recorded; `bothCurrent` when neither has an end.
    indirect case overlapsJob(Job, bothCurrent: Bool)
    /// The text of `subject` holds `character`, a control or an invisible one (TextSafety).
    case refusedCharacter(Subject, Unicode.Scalar)
    /// The name `text` of `subject` begins with `first`, which a spreadsheet reads as a formula.
    case formulaStart(Subject, String, Character)
    /// The text of `subject` has `length` characters, more than `limit`.
    case tooLong(Subject, length: Int, limit: Int)
    /// A name stored otherwise than `folded`, as gongqin would have stored it (PersonName).
    case nameNotFolded(String, folded: String)
    /// A file's 性别 cell, neither man nor woman.
    case sexUnreadable(String)
    /// A file's 性别 cell, other than the identity number's 17th digit says.
    case sexDiffers(String, IDNumber)
    /// A file's 出生年月 cell, a day other than the identity number's birth date.
    case birthDiffers(String, IDNumber)
    /// A file's 出生年月 cell, no date at all.
    case birthUnreadable(String, IDNumber)

    // A value as a flag or a cell writes it (Values).

    /// An identity number that Excel took for a number, so that the number is lost.
    case idNumberMangled(String, Values.ExcelMangling)
    /// A text that is no identity number.
    case idNumberInvalid(String, IDNumber.Invalid)
    /// A text that is no date.
    case dayUnreadable(Subject, Day.ParseError)
    /// A date after today, where only what has happened is entered.
    case dayAfterToday(Subject, Day, today: Day)
    /// A year outside `range`.
    case yearOutOfRange(Subject, Int, ClosedRange<Int>)
    /// A text that is no whole number.
    case notInteger(Subject, String)
    /// A text that is neither yes nor no.
    case notYesOrNo(Subject, String)
    /// A text that names several values of a vocabulary: `either` lists them.
    case ambiguousValue(Subject, String, either: String)
    /// A text that names no value of a vocabulary: `choices` lists them.
    case unknownValue(Subject, String, choices: String)

    // A row of a roster (RosterFile).

    /// Neither 工种 nor 申报工种.
    case rosterTradeMissing
    /// 申报工种 other than 工种 (K1).
    case appliedTradeDiffers(applied: String, trade: String)
    /// 学历 without 毕业时间.
    case levelWithoutGraduation
    /// 毕业时间 without 学历.
    case graduationWithoutLevel
    /// A cell of the certificates held before, `subject`, without their trades.
    case heldWithoutTrade(Subject)
    /// `count` parts in the cell `subject` of the certificates held before, for `trades` trades.
    case heldPartsDiffer(Subject, count: Int, trades: Int)
    /// An empty part among the trades held before.
    case heldTradeEmpty
    /// The trades held (`chain`, the current one last) changed, and no 转岗时间 says when.
    case transferDatesMissing(chain: [String])
    /// 转岗时间, where the trade held before is the current one.
    case transferDatesWithoutChange
    /// `dates` transfer dates for the changes of `chain`.
    case transferDatesDiffer(chain: [String], dates: Int)

    /// What a problem is about: a field of a kind of record, named as its words name it.
    public enum Subject: Hashable, Sendable {
        case personName, workStart, enlisted, discharged, placed, probationEnd, fromProvince
        case issued, certificateNumber, certificateProvince, authority
        case transferDate, assessmentYear, graduated
        case awardDate, awardName, trainingDate, trainingName, hours
        case useYear, note
        /// The grade and the issue of a certificate held before, in a roster: the `n`th when a
        /// cell holds several.
        case heldCertificateGrade(Int?), heldCertificateIssued(Int?)
        case jobFrom, jobTo, jobUnit, post
        case unitName, department, district, tradeName, tradeCategory, conditionName, clause
        /// A field named by its label elsewhere: a spec's, the stored names', the command line's.
        case label(String)
    }
}

extension FieldProblem {
    /// The problem of `field` that `problem` says.
    public init(_ field: String, _ problem: RecordProblem) {
        self.init(field, cause: problem)
    }
}
