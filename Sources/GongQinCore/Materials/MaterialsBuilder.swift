/// An applicant's materials (RULES §8): the notice's list for the grade and module
/// (`MaterialList`), each item marked applicable or not by the marks of RULES §8, and a
/// note drawn from the person's records: the education proof D5 asks for, the assessment
/// years due, the certificates with their numbers, the conditions used and their
/// evidence, the selection exam (D2) and the deadline (D1).

/// One item for one applicant.
public struct MaterialEntry: Hashable, Sendable {
    public var item: MaterialItem
    /// False for an item the marks rule out: its number stays a gap.
    public var applies: Bool
    public var required: Bool
    /// What the records say about it; for an item that does not apply, the marks that rule
    /// it out.
    public var note: String

    public var number: Int { item.number }
    public var fileName: String { item.fileName }
}

/// The materials of one application.
public struct ApplicationMaterials: Hashable, Sendable {
    public var record: PersonRecord
    public var list: MaterialList
    public var grade: Grade
    public var module: Module
    public var cycle: Int
    /// The engine's decision on the option, judged as of the cycle's deadline.
    public var decision: OptionDecision
    /// The exceptional conditions the application uses (or may use), by code.
    public var conditions: [String]
    /// Every item of the list, in the notice's order.
    public var entries: [MaterialEntry]

    /// The items that apply: the files to scan.
    public var applicable: [MaterialEntry] { entries.filter(\.applies) }
    /// The items that do not: the gaps in the numbering.
    public var gaps: [MaterialEntry] { entries.filter { !$0.applies } }
    public var open: Bool { decision.open }

    /// When the option is not open: one line saying so; the failed checks say why.
    public var notOpenNote: String? {
        guard !decision.open else { return nil }
        let p = record.person
        return "\(p.name)\(cycle)年按\(p.trade)\(grade.chinese)·\(module.chinese)不可申报（以下清单仅供准备材料参考），原因："
    }
}

extension Engine {
    /// The materials of an application for any grade and module. The combinations the
    /// notice has no list for are refused (T3, V0, E2/E3). `named` are the conditions
    /// the clerk names; without them, those recorded on the person's application for the
    /// cycle, else every condition the records evidence.
    public func materials(for record: PersonRecord, grade: Grade, module: Module, cycle: Int,
                          conditions named: [String]? = nil) throws(MaterialListRefusal) -> ApplicationMaterials {
        let list = try MaterialList.of(grade: grade, module: module)
        let filed = record.applicationInProgress(grade: grade, module: module, cycle: cycle)
        let recorded = filed.map { application in record.exceptionalUses.filter { $0.applicationID == application.id } } ?? []
        let chosen = (named?.isEmpty == false ? named : nil) ?? (recorded.isEmpty ? nil : recorded.map(\.condition))
        // The uses recorded with this very application are the ones it makes, not earlier
        // ones: the decision judges the cycle (X1), and the notes list only the others.
        var judged = record
        judged.exceptionalUses.removeAll { use in filed.map { use.applicationID == $0.id } ?? false }
        let p = policy(cycle)
        let decision = decide(record, grade: grade, module: module, cycle: cycle, filingDate: p.deadline(for: grade).value,
                              conditions: chosen, purpose: .judge)
        let trade = trades[record.person.trade] ?? Trade(name: record.person.trade)
        let notes = MaterialNotes(record: judged, grade: grade, module: module, cycle: cycle, list: list, policy: p,
                                  decision: decision, catalogue: catalogue, today: today, conditionsNamed: chosen != nil)
        let usesCondition = consumesConditions(record, grade: grade, module: module, cycle: cycle)
        let entries = list.items.map { item in
            var entry = MaterialEntry(item: item, applies: true, required: true, note: "")
            for mark in item.marks {
                switch mark {
                case .optional: entry.required = false
                case .optionalForVeterans: entry.required = !record.person.isVeteran
                case .driver: entry.applies = entry.applies && trade.driver
                case .cashier: entry.applies = entry.applies && trade.cashier
                case .licensed: entry.applies = entry.applies && trade.licensed
                case .exceptional: entry.applies = entry.applies && usesCondition
                case .veteran: entry.applies = entry.applies && record.person.isVeteran
                case .holdersOnly: entry.applies = entry.applies && !(grade == .junior && record.certificates.isEmpty)
                }
            }
            if entry.applies {
                entry.note = notes.note(for: item, required: entry.required)
            } else {
                entry.required = false
                entry.note = item.marks.map { "\($0.rawValue)：\($0.chinese)" }.joined(separator: "；")
            }
            return entry
        }
        return ApplicationMaterials(record: record, list: list, grade: grade, module: module, cycle: cycle,
                                    decision: decision, conditions: decision.conditions, entries: entries)
    }
}

/// The notes of the items, from the records.
struct MaterialNotes {
    let record: PersonRecord
    let grade: Grade
    let module: Module
    let cycle: Int
    let list: MaterialList
    let policy: Policy
    let decision: OptionDecision
    let catalogue: [ExceptionalCondition]
    let today: Day
    /// Whether the conditions were named (by the clerk or an application) rather than
    /// offered by the engine.
    let conditionsNamed: Bool

    var person: Person { record.person }

    func note(for item: MaterialItem, required: Bool) -> String {
        switch item.kind {
        case .form: form
        case .identity: "\(person.name)，\(person.idNumber.sex.chinese)，\(person.idNumber.birthDate.chinese)生；原样复印、不放大，复印在A4纸中间（须知·六·5）"
        case .photo: "\(item.title)；上传文件为jpg，不超过2MB"
        case .education: education
        case .assessments: assessments
        case .training: training
        case .certificate: certificates(required: required)
        case .exceptionalRequest: exceptional
        case .transferRequest: transferRequest
        case .reviewRequest: reviewRequest
        case .serviceProof: serviceProof
        case .quantifiedScore: "\(item.title)；量化考评表须经用人单位、主管部门审核，公示不少于5个工作日（\(Formality.D4.citation)）"
        case .scoreEvidence: scoreEvidence(item)
        case .publication, .other: item.title
        }
    }

    // MARK: 审批表: D1 and D2

    /// The form, the filing deadline (D1) and, for technician, the selection exam (D2).
    var form: String {
        let deadline = policy.deadline(for: grade)
        let which = grade == .seniorTechnician ? "高级技师" : "等级工、技师"
        let status = deadline.status == .official ? "" : "［\(deadline.status.chinese)］"
        var parts = ["在申报系统里将内容填写完整后下载，一式两份（\(Formality.F1.citation)）"]
        if today > deadline.value {
            parts.append("\(cycle)年网上申报已于\(deadline.value)截止（\(which)），不予补报（\(RuleID.D1.citation)）\(status)")
        } else {
            parts.append("网上申报截止\(deadline.value)（\(which)），截止后系统关闭、不予补报，请预留被驳回后修改的时间（\(RuleID.D1.citation)）\(status)")
        }
        if let exam = record.selectionExam(grade: grade, cycle: cycle, examDate: policy.technicianExam.value) {
            parts.append(exam.detail)
        }
        return parts.joined(separator: "；")
    }

    // MARK: 学历: D5

    var education: String {
        guard let best = record.highestEducation else {
            return "未登记学历，请核对后登记；大专及以上须附认证材料（\(Formality.D5.citation)）"
        }
        return "\(best.chineseSummary)：\(best.verification)（\(Formality.D5.citation)）"
    }

    // MARK: 年度考核: A1's window

    /// `2019–2023年度考核表，缺2020年`: the years due in the window, counted from the work
    /// start for new staff; the missing, the not yet assessed and the unsatisfactory ones.
    var assessments: String {
        let a = AssessmentYears(record, window: policy.assessmentWindow, today: today)
        let window = a.window
        let citation = "\(RuleID.A1.citation)"
        guard let first = a.due.first, let last = a.due.last else {
            return "\(person.workStart)参加工作，\(window.lowerBound)–\(window.upperBound)年度无应提供的年度考核表（\(citation)）"
        }
        var text = first == last ? "\(first)年度考核表" : "\(first)–\(last)年度考核表"
        if a.due.count < window.count { text += "（\(person.workStart.year)年参加工作，按实际工作年限提供）" }
        if !a.missing.isEmpty { text += "，缺\(a.missing.yearList)年" }
        if !a.pending.isEmpty { text += "，\(a.pending.yearList)年度尚未考核，届时补齐" }
        if !a.unsatisfactory.isEmpty {
            text += "；" + a.unsatisfactory.map { "\($0.year)年\($0.result.chinese)" }.joined(separator: "、") + "，须每年合格或优秀"
        }
        return text + "（\(citation)）"
    }

    // MARK: 继续教育

    var training: String {
        let trainings = record.trainings
        guard !trainings.isEmpty else { return "所有继续教育证书或培训合格证明；未登记继续教育记录，请核对" }
        let listed = trainings.map { t in
            "\(t.date.year)年\(t.name)" + (t.hours.map { "（\($0)学时）" } ?? "")
        }
        return "所有继续教育证书，已登记\(trainings.count)份：\(listed.joined(separator: "、"))；2021年起为电子证书（须知·六·4）"
    }

    // MARK: 原等级证书 (须知·一(一)7, 须知·二(一)6, 须知·三(一)7; F1, T5)

    func certificates(required: Bool) -> String {
        let basis: Grade?
        switch list {
        case .technician: basis = .senior
        case .seniorTechnician: basis = .technician
        case .levelTransfer, .levelReview: basis = nil
        case .level: basis = grade.previous
        }
        // 技师 and 高级技师 name the grade: 高级工证书, 技师证书 (须知·二(一)6, 三(一)7).
        let held = record.heldCertificates(grade: basis, exact: list == .technician || list == .seniorTechnician)
        let prefix = required ? "" : "退役安置人员可不提供；"
        guard !held.isEmpty else {
            return prefix + "未登记\(basis.map { "\($0.chinese)" } ?? "等级")证书" + (required ? "，请核对后登记" : "")
        }
        guard !held.preTransfer.isEmpty else { return prefix + held.all.map(\.chineseSummary).joined(separator: "；") }
        let current = held.current.map { "现工种：\($0.chineseSummary)" } ?? "现工种\(person.trade)尚无\(basis?.chinese ?? "")证书"
        let pre = held.preTransfer.map(\.chineseSummary).joined(separator: "、")
        return prefix + "转岗人员两证并列：\(current)；转岗前：\(pre)（\(RuleID.T1.citation)）"
    }

    // MARK: 破格申请 (X1–X4; 须知·四·8)

    var exceptional: String {
        var parts: [String] = []
        let usable = decision.conditions
        if usable.isEmpty {
            parts.append("没有记录可证明且尚未使用的破格条件（X1、X2），见清单上方的说明")
        } else {
            let described = usable.map { code in
                let name = catalogue.first { $0.code == code }?.name ?? code
                return name + (evidence(of: code).map { "，证明：\($0)" } ?? "")
            }
            if usable.count == 1 || conditionsNamed {
                parts.append("使用破格条件：" + described.joined(separator: "；"))
            } else {
                parts.append("可用破格条件：" + described.joined(separator: "；") + "；申报时选用其一")
            }
        }
        let used = record.exceptionalUses
        if !used.isEmpty {
            parts.append("已使用过：" + used.map { "\($0.category)（\($0.chineseSummary)）" }.joined(separator: "、")
                         + "，每类终身只能使用一次（\(RuleID.X1.citation)）")
        }
        if module == .exceptional {
            let forms = record.certificatesInChain(record.chain).sorted { ($0.grade, $0.issued) < ($1.grade, $1.issued) }
            let listed = forms.isEmpty ? "尚无" : forms.map { "\($0.grade.chinese)（\($0.issued.year)年，\($0.trade)）" }.joined(separator: "、")
            parts.append("附前几个等级的审批表以查验破格条件使用情况：\(listed)（须知·四·8）")
        }
        return parts.joined(separator: "；")
    }

    /// The X2 check of a condition: its evidence, as the engine found it.
    func evidence(of code: String) -> String? {
        decision.checks.first { $0.rule == .X2 && $0.verdict != .fail && $0.condition == code }
            .map { $0.bareDetail + "（\(RuleID.X2.citation)）" }
    }

    // MARK: 转岗申请, 复核申请, 入伍退役证明

    var transferRequest: String {
        let transfers = record.chain.transfers
        guard !transfers.isEmpty else { return "未登记转岗，请核对（\(RuleID.T4.citation)）" }
        let listed = transfers.map { "\($0.date)由\($0.from)转\($0.to)" }.joined(separator: "，")
        return "\(listed)；等级年限从转岗前取得原岗位工种证书的时间起算（\(RuleID.T1.citation)）"
    }

    var reviewRequest: String {
        if let placed = person.placed {
            return "退役安置人员（\(placed)安置），按安置当年的工龄（军龄）复核（\(RuleID.V2.citation)）；复核工种按用人单位人事部门建议：\(person.trade)（\(RuleID.V5.citation)）"
        }
        if let province = person.fromProvince {
            return "自\(province)调入、已持机关事业单位岗位等级证书，复核确认原等级（\(RuleID.V6.citation)）"
        }
        return "不属复核对象：复核只适用于退役安置人员和外省调入人员（\(RuleID.V0.citation)）"
    }

    var serviceProof: String {
        let enlisted = person.enlisted.map { "\($0)入伍" } ?? "未登记入伍时间"
        let discharged = person.discharged.map { "\($0)退役" } ?? "未登记退役时间"
        return "入伍批准书和退役证：\(enlisted)，\(discharged)；军龄计入工龄（\(RuleID.V1.citation)）"
    }

    // MARK: 量化考评证明

    func scoreEvidence(_ item: MaterialItem) -> String {
        var parts = [item.title]
        let excellent = record.assessments.filter { $0.result == .excellent && policy.assessmentWindow.contains($0.year) }.map(\.year)
        if !excellent.isEmpty { parts.append("年度考核优秀：\(excellent.yearList)年，附年度考核登记表（须知·六·4）") }
        if !record.awards.isEmpty { parts.append("已登记奖励：" + record.awards.map(\.formLine).joined(separator: "、")) }
        return parts.joined(separator: "；")
    }
}
