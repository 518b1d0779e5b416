/// The checks every record passes before it is written, by `add` and `import` alike
/// (the `add` commands and IMPORT.md): the same code, so a row of a spreadsheet is judged exactly as a
/// command line is.

/// One problem with one field. `field` is the long flag name (`work-start`), which is
/// also the English header of the import format.
public struct FieldProblem: Error, Hashable, Sendable {
    public var field: String
    /// Core's words for a problem not typed yet; empty when `cause` says what it is.
    public var message: String
    /// What it is, typed (a Core `RecordProblem`, a store's failure), for the CLI to word;
    /// nil when `message` says it. Hashable, so that problems compare by their causes' values.
    public var cause: (any Error & Sendable & Hashable)?

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public init(_ field: String, cause: any Error & Sendable & Hashable) {
        self.field = field
        self.message = ""
        self.cause = cause
    }

    public static func == (a: FieldProblem, b: FieldProblem) -> Bool {
        a.field == b.field && a.message == b.message && a.cause.map { AnyHashable($0) } == b.cause.map { AnyHashable($0) }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(field)
        hasher.combine(message)
        hasher.combine(cause.map { AnyHashable($0) })
    }
}

/// The youngest age at which gongqin accepts a work start or an enlistment.
let minimumWorkingAge = 16

/// The age below which a graduation is asked to be checked.
let minimumGraduationAge = 10

extension Day {
    /// A problem when the day is after `today`: dates are of things that happened.
    func futureProblem(_ field: String, today: Day, what: RecordProblem.Subject) -> FieldProblem? {
        self > today ? FieldProblem(field, .future(what, self, today: today)) : nil
    }
}

extension Person {
    /// The checks of a person's own fields. Units and trades are checked by the store.
    public func problems(today: Day) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if idNumber.birthDate > today {
            problems.append(FieldProblem("id-number", .bornAfterToday))
        }
        if name.trimmingSpaces.isEmpty { problems.append(FieldProblem("name", .empty(.personName))) }
        if let problem = TextSafety.nameProblem("name", name, what: .personName) { problems.append(problem) }
        if let problem = Limits.lengthProblem("name", name, limit: Limits.personName, what: .personName) { problems.append(problem) }
        let adult = idNumber.birthDate.adding(years: minimumWorkingAge)
        problems += [
            workStart.futureProblem("work-start", today: today, what: .workStart),
            enlisted?.futureProblem("enlisted", today: today, what: .enlisted),
            discharged?.futureProblem("discharged", today: today, what: .discharged),
            placed?.futureProblem("placed", today: today, what: .placed),
        ].compactMap { $0 }
        if workStart < adult {
            problems.append(FieldProblem("work-start", .underAge(.workStart, workStart, years: minimumWorkingAge, born: idNumber.birthDate)))
        }
        if let enlisted, enlisted < adult {
            problems.append(FieldProblem("enlisted", .underAge(.enlisted, enlisted, years: minimumWorkingAge, born: idNumber.birthDate)))
        }
        if let probationEnd, probationEnd < workStart {
            problems.append(FieldProblem("probation-end", .before(.probationEnd, probationEnd, earlier: .workStart, workStart)))
        }
        if discharged != nil, enlisted == nil {
            problems.append(FieldProblem("enlisted", .withoutEnlisted(.discharged)))
        }
        if placed != nil, enlisted == nil {
            problems.append(FieldProblem("enlisted", .withoutEnlisted(.placed)))
        }
        if let enlisted, let discharged, discharged < enlisted {
            problems.append(FieldProblem("discharged", .before(.discharged, discharged, earlier: .enlisted, enlisted)))
        }
        if let discharged, let placed, placed < discharged {
            problems.append(FieldProblem("placed", .before(.placed, placed, earlier: .discharged, discharged)))
        }
        if let enlisted, let placed, placed < enlisted {
            problems.append(FieldProblem("placed", .before(.placed, placed, earlier: .enlisted, enlisted)))
        }
        if let fromProvince, fromProvince.trimmingSpaces.isEmpty {
            problems.append(FieldProblem("from-province", .empty(.fromProvince)))
        }
        if let problem = Limits.lengthProblem("from-province", fromProvince, limit: Limits.province, what: .fromProvince) {
            problems.append(problem)
        }
        return problems
    }
}

/// A record whose checks of typed input need only its holder and the day: what the store
/// runs before it inserts such a record (RecordDescriptor's `ownProblems`).
public protocol CheckedAgainstHolder {
    func problems(of person: Person, today: Day) -> [FieldProblem]
}

extension Certificate: CheckedAgainstHolder {}
extension AnnualAssessment: CheckedAgainstHolder {}
extension Education: CheckedAgainstHolder {}
extension Award: CheckedAgainstHolder {}
extension Training: CheckedAgainstHolder {}

extension Certificate {
    public func problems(of person: Person, today: Day) -> [FieldProblem] {
        var problems = [issued.futureProblem("issued", today: today, what: .issued)].compactMap { $0 }
        if issued < person.idNumber.birthDate.adding(years: minimumWorkingAge) {
            problems.append(FieldProblem("issued", .holderUnderAge(issued: issued, years: minimumWorkingAge)))
        }
        if let number, number.trimmingSpaces.isEmpty { problems.append(FieldProblem("number", .empty(.certificateNumber))) }
        if province.trimmingSpaces.isEmpty { problems.append(FieldProblem("province", .empty(.certificateProvince))) }
        if let authority, authority.trimmingSpaces.isEmpty { problems.append(FieldProblem("authority", .empty(.authority))) }
        return problems + RecordSpecs.certificate.lengthProblems(self)
    }
}

extension Transfer {
    public func problems(of person: Person, previous: Transfer?, today: Day) -> [FieldProblem] {
        var problems = [date.futureProblem("date", today: today, what: .transferDate)].compactMap { $0 }
        if from == to { problems.append(FieldProblem("to", .sameTrade(to))) }
        if date < person.workStart {
            problems.append(FieldProblem("date", .before(.transferDate, date, earlier: .workStart, person.workStart)))
        }
        if let previous, from != previous.to {
            problems.append(FieldProblem("from", .notFromPreviousTrade(from: from, previousDate: previous.date, previousTo: previous.to)))
        }
        if let previous, date <= previous.date {
            problems.append(FieldProblem("date", .notAfterPreviousTransfer(date, previous: previous)))
        }
        return problems
    }
}

extension AnnualAssessment {
    public func problems(of person: Person, today: Day) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        // PL3: an assessment of year Y is made from Y-12-01 on.
        if year > today.year || (year == today.year && today < AnnualAssessment.madeFrom(year)) {
            problems.append(FieldProblem("year", .assessmentTooEarly(year: year, madeFrom: AnnualAssessment.madeFrom(year), today: today)))
        }
        if year < person.seniorityStart.year {
            problems.append(FieldProblem("year", .yearBeforeSeniority(.assessmentYear, year: year, start: person.seniorityStart)))
        }
        return problems
    }
}

extension Education {
    public func problems(of person: Person, today: Day) -> [FieldProblem] {
        var problems = [graduated.futureProblem("graduated", today: today, what: .graduated)].compactMap { $0 }
        if graduated < person.idNumber.birthDate.adding(years: minimumGraduationAge) {
            problems.append(FieldProblem("graduated", .graduatedYoung(graduated, years: minimumGraduationAge)))
        }
        return problems + RecordSpecs.education.lengthProblems(self)
    }
}

extension Award {
    public func problems(of person: Person, today: Day) -> [FieldProblem] {
        var problems = [date.futureProblem("date", today: today, what: .awardDate)].compactMap { $0 }
        if name.trimmingSpaces.isEmpty { problems.append(FieldProblem("name", .empty(.awardName))) }
        if let problem = TextSafety.nameProblem("name", name, what: .awardName) { problems.append(problem) }
        if date < person.idNumber.birthDate { problems.append(FieldProblem("date", .beforeBirth(.awardDate, date))) }
        return problems + RecordSpecs.award.lengthProblems(self)
    }
}

extension Training {
    /// The hours a training may have.
    public static let hoursRange = 1...10000

    public func problems(of person: Person, today: Day) -> [FieldProblem] {
        var problems = [date.futureProblem("date", today: today, what: .trainingDate)].compactMap { $0 }
        if name.trimmingSpaces.isEmpty { problems.append(FieldProblem("name", .empty(.trainingName))) }
        if let problem = TextSafety.nameProblem("name", name, what: .trainingName) { problems.append(problem) }
        if let hours, !Training.hoursRange.contains(hours) { problems.append(FieldProblem("hours", .outsideRange(.hours, Training.hoursRange))) }
        if date < person.idNumber.birthDate { problems.append(FieldProblem("date", .beforeBirth(.trainingDate, date))) }
        return problems + RecordSpecs.training.lengthProblems(self)
    }
}

extension AnnualAssessment {
    /// The day from which the annual assessment of `year` is made (RULES PL3): 1 December.
    public static func madeFrom(_ year: Int) -> Day { Day(year: year, month: 12, day: 1)! }
}

extension ExceptionalUse {
    /// PL1: a historic use for grade G in year Y is plausible only if the person held no
    /// certificate of grade G or higher, in a trade they held in year Y, issued before Y.
    /// The problem names the certificate; nil when plausible or not historic.
    public func heldGradeProblem(in record: PersonRecord) -> FieldProblem? {
        guard source == .historic else { return nil }
        let trades = record.tradesHeld(in: year)
        let held = record.certificates.filter { $0.grade >= grade && $0.issued.year < year && trades.contains($0.trade) }
        guard let first = held.min(by: { ($0.issued, $1.grade) < ($1.issued, $0.grade) }) else { return nil }
        return FieldProblem("grade", .heldGrade(name: record.person.name, year: year, grade: grade, held: first))
    }

    /// A historic use read off an earlier approval form.
    public func problems(of person: Person, today: Day) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if year > today.year { problems.append(FieldProblem("year", .yearAfterThisYear(.useYear, year: year, thisYear: today.year))) }
        if year < person.seniorityStart.year {
            problems.append(FieldProblem("year", .yearBeforeSeniority(.useYear, year: year, start: person.seniorityStart)))
        }
        if let problem = Limits.freeTextProblem("note", note, what: .note) { problems.append(problem) }
        return problems
    }
}

extension Day {
    /// The same day `years` later; 29 February becomes 28 February in a common year.
    public func adding(years: Int) -> Day {
        Day(year: year + years, month: month, day: day) ?? Day(year: year + years, month: month, day: 28)!
    }
}

extension Job {
    /// The checks of a post: real dates, none in the future, the end not before the
    /// start, a start on or after the 16th birthday, and no overlap with another post.
    public func problems(of person: Person, others: [Job], today: Day) -> [FieldProblem] {
        var problems = [from.futureProblem("from", today: today, what: .jobFrom),
                        to?.futureProblem("to", today: today, what: .jobTo)].compactMap { $0 }
        if let to, to < from { problems.append(FieldProblem("to", .endsBeforeStart(to: to, from: from))) }
        if from < person.idNumber.birthDate.adding(years: minimumWorkingAge) {
            problems.append(FieldProblem("from", .underAge(.jobFrom, from, years: minimumWorkingAge, born: person.idNumber.birthDate)))
        }
        if unit.trimmingSpaces.isEmpty { problems.append(FieldProblem("unit", .empty(.jobUnit))) }
        if let problem = Limits.lengthProblem("unit", unit, limit: Limits.jobUnit, what: .jobUnit) { problems.append(problem) }
        if let problem = TextSafety.nameProblem("unit", unit, what: .jobUnit) { problems.append(problem) }
        if let problem = TextSafety.nameProblem("post", post, what: .post) { problems.append(problem) }
        if post.trimmingSpaces.isEmpty { problems.append(FieldProblem("post", .empty(.post))) }
        if let problem = Limits.lengthProblem("post", post, limit: Limits.post, what: .post) { problems.append(problem) }
        for other in others where overlaps(other) {
            problems.append(FieldProblem("from", .overlapsJob(other, bothCurrent: other.to == nil && to == nil)))
        }
        return problems
    }
}

extension Unit {
    /// The checks of a unit's own names (README, “Hostile text and outputs”): no formula
    /// start, no control or invisible character, no more characters than the schema holds.
    public func problems() -> [FieldProblem] {
        [Self.nameProblem(name),
         department.flatMap { TextSafety.nameProblem("department", $0, what: .department) },
         district.flatMap { TextSafety.nameProblem("district", $0, what: .district) },
         Limits.lengthProblem("name", name, limit: Limits.unitName, what: .unitName),
         Limits.lengthProblem("department", department, limit: Limits.departmentName, what: .department),
         Limits.lengthProblem("district", district, limit: Limits.districtName, what: .district)].compactMap { $0 }
    }

    /// The unit name's hostile-text check alone, as `field` (a seal's trust names a unit too).
    public static func nameProblem(_ name: String, field: String = "name") -> FieldProblem? {
        TextSafety.nameProblem(field, name, what: .unitName)
    }
}

extension Trade {
    /// The checks of a trade's own names (README, “Hostile text and outputs”).
    public func problems() -> [FieldProblem] {
        [TextSafety.nameProblem("name", name, what: .tradeName),
         category.flatMap { TextSafety.nameProblem("category", $0, what: .tradeCategory) },
         Limits.lengthProblem("name", name, limit: Limits.tradeName, what: .tradeName),
         Limits.lengthProblem("category", category, limit: Limits.tradeCategory, what: .tradeCategory)].compactMap { $0 }
    }
}

extension ExceptionalCondition {
    /// The checks of a condition a clerk adds: its name as any name, its clause as free text.
    public func problems() -> [FieldProblem] {
        [TextSafety.nameProblem("name", name, what: .conditionName),
         Limits.lengthProblem("name", name, limit: Limits.conditionName, what: .conditionName),
         Limits.freeTextProblem("clause", clause, what: .clause)].compactMap { $0 }
    }
}
