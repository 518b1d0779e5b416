/// The roster as a file (IMPORT.md, `import roster`): one row per person, as a clerk keeps
/// a 花名册 and as `export roster` writes the 汇总名册 (须知·六·1). A row fans out into the
/// person, the certificates of the 原持证 columns (a transferred person's side by side,
/// F1, 须知·五·2), the transfers between their trades, and the highest education. The
/// application columns are read and checked, never filed: an application goes through
/// `apply` and its rules.

/// One row of a roster, read.
public struct RosterEntry: Hashable, Sendable {
    public var person: Person
    /// 主管部门 of the person's unit, when the file gives it.
    public var department: String?
    /// The certificates of the 原持证 columns, in the order written (the oldest trade first).
    public var certificates: [Certificate]
    /// The transfers from the trade of each earlier certificate to the next, ending in the
    /// current trade (T1).
    public var transfers: [Transfer]
    public var education: Education?
    /// Whether the row names an application (申报工种, 申报等级, 申报类别, 破格条件).
    public var namesApplication: Bool
}

public enum RosterFile {
    /// The fields a roster row may hold; the persons file's own, with the roster's labels.
    static let fields: [FieldSpec] = {
        let person = Dictionary(uniqueKeysWithValues: RecordKind.persons.fields.map { ($0.name, $0) })
        return [
            .idNumber,
            person["name"]!,
            FieldSpec("department", "主管部门"),
            FieldSpec("unit", "单位", required: true, aliases: ["用人单位", "单位名称", "工作单位"], "未登记的单位随之登记，主管部门取本行的"),
            FieldSpec("trade", "工种", aliases: ["现工种", "岗位工种", "现岗位工种", "岗位", "岗位名称", "工种名称"], "现岗位工种；空时取申报工种"),
            person["work-start"]!,
            FieldSpec("level", "学历", aliases: ["最高学历", "文化程度"], "最高学历，须连同毕业时间"),
            FieldSpec("graduated", "毕业时间", date: true, aliases: ["毕业日期", "毕业年月"], "YYYY-MM-DD 或 YYYY-MM（2005年07月）"),
            FieldSpec("major", "专业", aliases: ["所学专业"]),
            FieldSpec("school", "毕业学校", aliases: ["学校", "毕业院校"]),
            FieldSpec("cert-trade", "原持证工种", aliases: ["原持证技术工种", "持证工种", "证书工种"], "转岗人员两证并排，以“；”分隔，原工种在前"),
            FieldSpec("cert-grade", "原等级", aliases: ["原技术等级", "技术等级", "证书等级", "持证等级"], "与原持证工种一一对应"),
            FieldSpec("cert-number", "证书编号", aliases: ["证书号", "证书号码"], "与原持证工种一一对应"),
            FieldSpec("cert-issued", "取证时间", aliases: ["发证时间", "取证日期", "发证日期", "取证年月"], "与原持证工种一一对应；可只写到月"),
            FieldSpec("transfer-date", "转岗时间", aliases: ["转岗日期"], "转岗人员：每次转岗一个时间，以“；”分隔"),
            FieldSpec("applied-trade", "申报工种", aliases: ["申报考评工种"], "核对后不导入"),
            FieldSpec("applied-grade", "申报等级", "核对后不导入"),
            FieldSpec("applied-module", "申报类别", aliases: ["申报模块"], "核对后不导入"),
            FieldSpec("conditions", "破格条件", "不导入"),
            FieldSpec("note", "备注", "不导入"),
        ] + ["probation-end", "enlisted", "discharged", "placed", "from-province"].map { person[$0]! }
    }()

    /// The layout `import roster` reads.
    public static let layout = FileLayout(chinese: "花名册", command: "import roster", fields: fields,
                                          checked: [.sex, .birthMonth], oneOf: [["trade", "applied-trade"]])

    /// The columns of `export roster`, by field name, after 序号: 性别 and 出生年月 are
    /// the checked ones.
    public static let exported = ["department", "unit", "name", FieldSpec.sex.name, FieldSpec.birthMonth.name,
                                  FieldSpec.idNumberName, "level", "graduated", "work-start", "cert-trade", "cert-grade",
                                  "cert-number", "cert-issued", "transfer-date", "applied-trade", "applied-grade",
                                  "applied-module", "conditions", "note"]

    /// Separates the certificates of a transferred person in one cell: `；` as written,
    /// `;` once NFKC has read it, and `、` as the form writes them.
    static let separators: Set<Character> = [";", "；", "、"]

    /// The parts of a side-by-side cell, trimmed; empty parts kept (a certificate without
    /// a number). An empty cell has none.
    static func parts(_ text: String?) -> [String] {
        guard let text = Values.text(text) else { return [] }
        return text.split(omittingEmptySubsequences: false, whereSeparator: separators.contains).map { String($0).trimmingSpaces }
    }

    /// Reads a row: `values` has one cell per field of `layout` (nil for a column the file
    /// lacks). Every problem of the row is thrown at once.
    public static func decode(_ values: [String?], today: Day) throws(RowProblems) -> RosterEntry {
        var r = CellReader(fields: fields, values: values, today: today)
        let id = r.id(), name = r.required("name"), department = r.text("department"), unit = r.required("unit")
        let workStart = r.day("work-start", allowMonth: true)
        let probationEnd = r.optionalDay("probation-end", allowMonth: true, allowFuture: true)
        let enlisted = r.optionalDay("enlisted", allowMonth: true)
        let discharged = r.optionalDay("discharged", allowMonth: true)
        let placed = r.optionalDay("placed", allowMonth: true)
        let fromProvince = r.text("from-province")
        // The current trade: 工种, else 申报工种, which is the current trade (K1).
        let trade = r.text("trade"), appliedTrade = r.text("applied-trade")
        if trade == nil && appliedTrade == nil { r.problems.append(FieldProblem("trade", .rosterTradeMissing)) }
        if let trade, let appliedTrade, trade != appliedTrade {
            r.problems.append(FieldProblem("applied-trade", .appliedTradeDiffers(applied: appliedTrade, trade: trade)))
        }
        let current = trade ?? appliedTrade
        // The application: read and checked, never filed.
        let appliedGrade: Grade? = r.optional("applied-grade") { t, what throws(RecordProblem) in try Values.vocabulary(t, what) }
        let appliedModule: Module? = r.optional("applied-module") { t, what throws(RecordProblem) in try Values.vocabulary(t, what) }
        let namesApplication = appliedTrade != nil || appliedGrade != nil || appliedModule != nil || r.text("conditions") != nil
        // The highest education.
        let level: EducationLevel? = r.optional("level") { t, what throws(RecordProblem) in try Values.vocabulary(t, what) }
        let graduated = r.optionalDay("graduated", allowMonth: true)
        let major = r.text("major"), school = r.text("school")
        if r.text("level") != nil, r.text("graduated") == nil {
            r.problems.append(FieldProblem("graduated", .levelWithoutGraduation))
        }
        if r.text("graduated") != nil, r.text("level") == nil {
            r.problems.append(FieldProblem("level", .graduationWithoutLevel))
        }
        let certificates = readCertificates(&r)
        let transfers = readTransfers(&r, certificates: certificates, current: current)
        guard let id, let name, let unit, let current, let workStart, r.problems.isEmpty else {
            throw RowProblems(problems: r.problems)
        }
        let person = Person(idNumber: id, name: name, unit: unit, trade: current, workStart: workStart,
                            probationEnd: probationEnd, enlisted: enlisted, discharged: discharged, placed: placed,
                            fromProvince: fromProvince)
        let education = level.flatMap { level in
            graduated.map { Education(level: level, graduated: $0, major: major, school: school, relevant: false) }
        }
        return RosterEntry(person: person, department: department, certificates: certificates, transfers: transfers,
                           education: education, namesApplication: namesApplication)
    }

    /// The certificates of the 原持证 columns: one per trade written, with the grade, number
    /// and issue month in the same place of their cells.
    static func readCertificates(_ r: inout CellReader) -> [Certificate] {
        let trades = parts(r.text("cert-trade")), grades = parts(r.text("cert-grade"))
        let numbers = parts(r.text("cert-number")), issued = parts(r.text("cert-issued"))
        guard !trades.isEmpty else {
            for (field, cell) in [("cert-grade", grades), ("cert-number", numbers), ("cert-issued", issued)] where !cell.isEmpty {
                r.problems.append(FieldProblem(field, .heldWithoutTrade(.label(r.spec(field).0.label))))
            }
            return []
        }
        var problems: [FieldProblem] = []
        for (field, cell) in [("cert-grade", grades), ("cert-issued", issued)] where cell.count != trades.count {
            problems.append(FieldProblem(field, .heldPartsDiffer(.label(r.spec(field).0.label), count: cell.count, trades: trades.count)))
        }
        if !numbers.isEmpty && numbers.count != trades.count {
            problems.append(FieldProblem("cert-number", .heldPartsDiffer(.certificateNumber, count: numbers.count, trades: trades.count)))
        }
        if trades.contains(where: \.isEmpty) { problems.append(FieldProblem("cert-trade", .heldTradeEmpty)) }
        guard problems.isEmpty else {
            r.problems += problems
            return []
        }
        var certificates: [Certificate] = []
        for (i, trade) in trades.enumerated() {
            let which = trades.count > 1 ? i + 1 : nil
            var grade: Grade?
            var day: Day?
            do { grade = try Values.vocabulary(grades[i], .heldCertificateGrade(which)) } catch {
                r.problems.append(FieldProblem("cert-grade", error))
            }
            do { day = try Values.day(issued[i], .heldCertificateIssued(which), today: r.today, allowMonth: true) } catch {
                r.problems.append(FieldProblem("cert-issued", error))
            }
            let number = numbers.isEmpty ? nil : Values.text(numbers[i])
            if let grade, let day { certificates.append(Certificate(trade: trade, grade: grade, issued: day, number: number)) }
        }
        return certificates
    }

    /// The transfers a row implies (T1, 须知·四·7): the trades of its certificates, in the
    /// order written, then the current trade, each change of trade a transfer, dated by the
    /// 转岗时间 cell in the same order.
    static func readTransfers(_ r: inout CellReader, certificates: [Certificate], current: String?) -> [Transfer] {
        let dates = parts(r.text("transfer-date"))
        var chain: [String] = []
        for trade in certificates.map(\.trade) + (current.map { [$0] } ?? []) where chain.last != trade { chain.append(trade) }
        let needed = max(0, chain.count - 1)
        guard dates.count == needed else {
            if dates.isEmpty {
                r.problems.append(FieldProblem("transfer-date", .transferDatesMissing(chain: chain)))
            } else if needed == 0 {
                r.problems.append(FieldProblem("transfer-date", .transferDatesWithoutChange))
            } else {
                r.problems.append(FieldProblem("transfer-date", .transferDatesDiffer(chain: chain, dates: dates.count)))
            }
            return []
        }
        var transfers: [Transfer] = []
        for (i, text) in dates.enumerated() {
            do {
                let date = try Values.day(text, .transferDate, today: r.today, allowMonth: true)
                transfers.append(Transfer(from: chain[i], to: chain[i + 1], date: date))
            } catch {
                r.problems.append(FieldProblem("transfer-date", error))
            }
        }
        return transfers
    }
}
