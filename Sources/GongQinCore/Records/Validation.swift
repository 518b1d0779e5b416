/// The checks every record passes before it is written, by `add` and `import` alike
/// (the `add` commands and IMPORT.md): the same code, so a row of a spreadsheet is judged exactly as a
/// command line is.

/// One problem with one field. `field` is the long flag name (`work-start`), which is
/// also the English header of the import format.
public struct FieldProblem: Error, Hashable, Sendable {
    public var field: String
    /// Core's words for it; empty when `cause` says what it is.
    public var message: String
    /// The typed failure of another layer (the store's), which the CLI words; nil when
    /// `message` says it. Hashable, so that problems compare by their causes' values.
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

extension Day {
    /// A problem when the day is after `today`: dates are of things that happened.
    func futureProblem(_ field: String, today: Day, what: String) -> FieldProblem? {
        self > today ? FieldProblem(field, "\(what)\(self)晚于今天（\(today)）") : nil
    }
}

extension Person {
    /// The checks of a person's own fields. Units and trades are checked by the store.
    public func problems(today: Day) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if idNumber.birthDate > today {
            problems.append(FieldProblem("id-number", "身份证号中的出生日期晚于今天"))
        }
        if name.trimmingSpaces.isEmpty { problems.append(FieldProblem("name", "姓名为空")) }
        if let problem = TextSafety.nameProblem("name", name, what: "姓名") { problems.append(problem) }
        if let problem = Limits.lengthProblem("name", name, limit: Limits.personName, what: "姓名") { problems.append(problem) }
        let adult = idNumber.birthDate.adding(years: minimumWorkingAge)
        problems += [
            workStart.futureProblem("work-start", today: today, what: "参加工作时间"),
            enlisted?.futureProblem("enlisted", today: today, what: "入伍时间"),
            discharged?.futureProblem("discharged", today: today, what: "退役时间"),
            placed?.futureProblem("placed", today: today, what: "安置时间"),
        ].compactMap { $0 }
        if workStart < adult {
            problems.append(FieldProblem("work-start", "参加工作时间\(workStart)时未满\(minimumWorkingAge)周岁（出生于\(idNumber.birthDate)）"))
        }
        if let enlisted, enlisted < adult {
            problems.append(FieldProblem("enlisted", "入伍时间\(enlisted)时未满\(minimumWorkingAge)周岁（出生于\(idNumber.birthDate)）"))
        }
        if let probationEnd, probationEnd < workStart {
            problems.append(FieldProblem("probation-end", "试用期满时间\(probationEnd)早于参加工作时间\(workStart)"))
        }
        if discharged != nil, enlisted == nil {
            problems.append(FieldProblem("enlisted", "有退役时间，缺入伍时间"))
        }
        if placed != nil, enlisted == nil {
            problems.append(FieldProblem("enlisted", "有安置时间，缺入伍时间：复核按军龄计算（须知·一(五)3）"))
        }
        if let enlisted, let discharged, discharged < enlisted {
            problems.append(FieldProblem("discharged", "退役时间\(discharged)早于入伍时间\(enlisted)"))
        }
        if let discharged, let placed, placed < discharged {
            problems.append(FieldProblem("placed", "安置时间\(placed)早于退役时间\(discharged)"))
        }
        if let enlisted, let placed, placed < enlisted {
            problems.append(FieldProblem("placed", "安置时间\(placed)早于入伍时间\(enlisted)"))
        }
        if let fromProvince, fromProvince.trimmingSpaces.isEmpty {
            problems.append(FieldProblem("from-province", "调出省份为空"))
        }
        if let problem = Limits.lengthProblem("from-province", fromProvince, limit: Limits.province, what: "调出省份") {
            problems.append(problem)
        }
        return problems
    }
}

extension Certificate {
    public func problems(of person: Person, today: Day) -> [FieldProblem] {
        var problems = [issued.futureProblem("issued", today: today, what: "发证时间")].compactMap { $0 }
        if issued < person.idNumber.birthDate.adding(years: minimumWorkingAge) {
            problems.append(FieldProblem("issued", "发证时间\(issued)时持证人未满\(minimumWorkingAge)周岁"))
        }
        if let number, number.trimmingSpaces.isEmpty { problems.append(FieldProblem("number", "证书编号为空")) }
        if province.trimmingSpaces.isEmpty { problems.append(FieldProblem("province", "发证省份为空")) }
        if let authority, authority.trimmingSpaces.isEmpty { problems.append(FieldProblem("authority", "发证机关为空")) }
        return problems + RecordSpecs.certificate.lengthProblems(self)
    }
}

extension Transfer {
    public func problems(of person: Person, previous: Transfer?, today: Day) -> [FieldProblem] {
        var problems = [date.futureProblem("date", today: today, what: "转岗时间")].compactMap { $0 }
        if from == to { problems.append(FieldProblem("to", "转入工种与现工种相同（\(to)）")) }
        if date < person.workStart {
            problems.append(FieldProblem("date", "转岗时间\(date)早于参加工作时间\(person.workStart)"))
        }
        if let previous, from != previous.to {
            problems.append(FieldProblem("from", "转出工种\(from)与上一次转岗（\(previous.date)）转入的工种\(previous.to)不符"))
        }
        if let previous, date <= previous.date {
            problems.append(FieldProblem("date", "转岗时间\(date)不晚于上一次转岗（\(previous.date)，\(previous.from)→\(previous.to)）"))
        }
        return problems
    }
}

extension AnnualAssessment {
    public func problems(of person: Person, today: Day) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        // PL3: an assessment of year Y is made from Y-12-01 on.
        if year > today.year || (year == today.year && today < AnnualAssessment.madeFrom(year)) {
            problems.append(FieldProblem("year", "\(year)年度考核要到\(AnnualAssessment.madeFrom(year))起才进行，今天是\(today)，"
                                         + "不能先登记（\(RuleID.PL3.citation)）"))
        }
        if year < person.seniorityStart.year {
            problems.append(FieldProblem("year", "考核年度\(year)早于工龄起算时间\(person.seniorityStart)（参加工作或入伍，取早者）"))
        }
        return problems
    }
}

extension Education {
    public func problems(of person: Person, today: Day) -> [FieldProblem] {
        var problems = [graduated.futureProblem("graduated", today: today, what: "毕业时间")].compactMap { $0 }
        if graduated < person.idNumber.birthDate.adding(years: 10) {
            problems.append(FieldProblem("graduated", "毕业时间\(graduated)时未满10周岁，请核对"))
        }
        return problems + RecordSpecs.education.lengthProblems(self)
    }
}

extension Award {
    public func problems(of person: Person, today: Day) -> [FieldProblem] {
        var problems = [date.futureProblem("date", today: today, what: "获奖时间")].compactMap { $0 }
        if name.trimmingSpaces.isEmpty { problems.append(FieldProblem("name", "奖励名称为空")) }
        if let problem = TextSafety.nameProblem("name", name, what: "奖励名称") { problems.append(problem) }
        if date < person.idNumber.birthDate { problems.append(FieldProblem("date", "获奖时间\(date)早于出生日期")) }
        return problems + RecordSpecs.award.lengthProblems(self)
    }
}

extension Training {
    public func problems(of person: Person, today: Day) -> [FieldProblem] {
        var problems = [date.futureProblem("date", today: today, what: "继续教育时间")].compactMap { $0 }
        if name.trimmingSpaces.isEmpty { problems.append(FieldProblem("name", "继续教育名称为空")) }
        if let problem = TextSafety.nameProblem("name", name, what: "继续教育名称") { problems.append(problem) }
        if let hours, !(1...10000).contains(hours) { problems.append(FieldProblem("hours", "学时须在1到10000之间")) }
        if date < person.idNumber.birthDate { problems.append(FieldProblem("date", "继续教育时间\(date)早于出生日期")) }
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
        return FieldProblem("grade", "\(record.person.name)\(year)年破格申报\(grade.chinese)不合情理：此前已持有\(first.trade)\(first.grade.chinese)证书"
                            + "（\(first.issued)\(first.number.map { "，编号\($0)" } ?? "")），请核对审批表的年度和等级（\(RuleID.PL1.citation)）")
    }

    /// A historic use read off an earlier approval form.
    public func problems(of person: Person, today: Day) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if year > today.year { problems.append(FieldProblem("year", "使用年度\(year)晚于今年（\(today.year)）")) }
        if year < person.seniorityStart.year {
            problems.append(FieldProblem("year", "使用年度\(year)早于工龄起算时间\(person.seniorityStart)（参加工作或入伍，取早者）"))
        }
        if let problem = Limits.freeTextProblem("note", note, what: "备注") { problems.append(problem) }
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
        var problems = [from.futureProblem("from", today: today, what: "任职起始时间"),
                        to?.futureProblem("to", today: today, what: "任职截止时间")].compactMap { $0 }
        if let to, to < from { problems.append(FieldProblem("to", "任职截止时间\(to)早于起始时间\(from)")) }
        if from < person.idNumber.birthDate.adding(years: minimumWorkingAge) {
            problems.append(FieldProblem("from", "任职起始时间\(from)时未满\(minimumWorkingAge)周岁（出生于\(person.idNumber.birthDate)）"))
        }
        if unit.trimmingSpaces.isEmpty { problems.append(FieldProblem("unit", "工作单位为空")) }
        if let problem = Limits.lengthProblem("unit", unit, limit: Limits.jobUnit, what: "工作单位") { problems.append(problem) }
        if let problem = TextSafety.nameProblem("unit", unit, what: "工作单位") { problems.append(problem) }
        if let problem = TextSafety.nameProblem("post", post, what: "岗位（职务）") { problems.append(problem) }
        if post.trimmingSpaces.isEmpty { problems.append(FieldProblem("post", "岗位（职务）为空")) }
        if let problem = Limits.lengthProblem("post", post, limit: Limits.post, what: "岗位（职务）") { problems.append(problem) }
        for other in others where overlaps(other) {
            problems.append(FieldProblem("from", "与已登记的工作经历“\(other.formLine)”时间重叠"
                                         + (other.to == nil && to == nil ? "：现任岗位（不写截止时间的一段）只能有一段" : "")))
        }
        return problems
    }
}

extension Unit {
    /// The checks of a unit's own names (README, “Hostile text and outputs”): no formula
    /// start, no control or invisible character, no more characters than the schema holds.
    public func problems() -> [FieldProblem] {
        [Self.nameProblem(name),
         department.flatMap { TextSafety.nameProblem("department", $0, what: "主管部门") },
         district.flatMap { TextSafety.nameProblem("district", $0, what: "区域") },
         Limits.lengthProblem("name", name, limit: Limits.unitName, what: "单位名称"),
         Limits.lengthProblem("department", department, limit: Limits.departmentName, what: "主管部门"),
         Limits.lengthProblem("district", district, limit: Limits.districtName, what: "区域")].compactMap { $0 }
    }

    /// The unit name's hostile-text check alone, as `field` (a seal's trust names a unit too).
    public static func nameProblem(_ name: String, field: String = "name") -> FieldProblem? {
        TextSafety.nameProblem(field, name, what: "单位名称")
    }
}

extension Trade {
    /// The checks of a trade's own names (README, “Hostile text and outputs”).
    public func problems() -> [FieldProblem] {
        [TextSafety.nameProblem("name", name, what: "工种名称"),
         category.flatMap { TextSafety.nameProblem("category", $0, what: "工种类别") },
         Limits.lengthProblem("name", name, limit: Limits.tradeName, what: "工种名称"),
         Limits.lengthProblem("category", category, limit: Limits.tradeCategory, what: "工种类别")].compactMap { $0 }
    }
}

extension ExceptionalCondition {
    /// The checks of a condition a clerk adds: its name as any name, its clause as free text.
    public func problems() -> [FieldProblem] {
        [TextSafety.nameProblem("name", name, what: "破格条件名称"),
         Limits.lengthProblem("name", name, limit: Limits.conditionName, what: "破格条件名称"),
         Limits.freeTextProblem("clause", clause, what: "依据条款")].compactMap { $0 }
    }
}
