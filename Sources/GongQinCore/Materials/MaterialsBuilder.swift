/// An applicant's materials (RULES §8): the notice's list for the grade and module
/// (`MaterialList`), each item marked applicable or not by the marks of RULES §8, and a
/// note of what the person's records say of it (`MaterialNote`, typed: the CLI words it):
/// the education whose proof D5 asks for, the assessment years due, the certificates with
/// their numbers, the conditions used and their evidence, the selection exam (D2) and the
/// deadline (D1).

/// One item for one applicant.
public struct MaterialEntry: Hashable, Sendable {
    public var item: MaterialItem
    /// False for an item the marks rule out: its number stays a gap.
    public var applies: Bool
    public var required: Bool
    /// What the records say about it; for an item that does not apply, the marks that rule
    /// it out.
    public var note: MaterialNote

    public var number: Int { item.number }
    public var fileName: String { item.fileName }
}

/// What the records say about one item, as facts (RULES §8): one case for each kind of
/// item. Core words none of it: GongQinCLI/Wording/CoreWording.swift does, citing the
/// rules each case names.
public enum MaterialNote: Hashable, Sendable {
    /// 审批表 (F1): the filing deadline (D1) and, for technician, the selection exam (D2).
    case form(Filing, exam: SelectionExam?)
    /// 身份证: whose card, as the copy shows it (须知·六·5).
    case identity(name: String, idNumber: IDNumber)
    /// 照片: the notice's words for it, and the file's format.
    case photo
    /// 学历 (D5): the highest education recorded, whose proof D5 asks for; nil when none is.
    case education(Education?)
    /// 年度考核 (A1): the years due in the window, counted from the work start for new
    /// staff, and the missing, the not yet assessed and the unsatisfactory ones.
    case assessments(AssessmentYears, workStart: Day)
    /// 继续教育: the trainings recorded.
    case training([Training])
    /// 原等级证书 (F1, T1): the certificates held of the grade the application builds on
    /// (`basis`, nil for the highest held), in the current `trade` and before a transfer.
    case certificates(HeldCertificates, basis: Grade?, trade: String)
    /// 破格申请 (X1, X2, 须知·四·8): the conditions used and their evidence, the earlier uses.
    case exceptional(ExceptionalRequest)
    /// 转岗申请 (T1, T4): the transfers into the current trade, oldest first.
    case transferRequest([Transfer])
    /// 复核申请 (V0, V2, V5, V6): what makes the person one to review.
    case reviewRequest(ReviewGround)
    /// 入伍退役证明 (V1): the days recorded.
    case serviceProof(enlisted: Day?, discharged: Day?)
    /// 量化考评表 (D4): the notice's words for it, and the publication it asks for.
    case quantifiedScore
    /// 量化考评证明: the excellent years of the assessment window, and the awards recorded.
    case scoreEvidence(excellentYears: [Int], awards: [Award])
    /// Nothing in the records speaks to it: the notice's words for it.
    case title
    /// An item the marks rule out (RULES §8): the item's marks.
    case ruledOut([MaterialMark])

    /// The filing of the form: its cycle and grade, the deadline (D1) and whether it passed.
    public struct Filing: Hashable, Sendable {
        public var cycle: Int
        public var grade: Grade
        /// The grade's deadline, with its status: one not yet official says so.
        public var deadline: Sourced<Day>
        /// Today is after it: no late filing (D1).
        public var passed: Bool
    }

    /// The exceptional request: the conditions (X1, X2) and, for the exceptional route, the
    /// earlier forms (须知·四·8).
    public struct ExceptionalRequest: Hashable, Sendable {
        /// A condition the application uses or may use: its name in the catalogue and the
        /// X2 check that evidences it, when one does.
        public struct Condition: Hashable, Sendable {
            public var code: String
            public var name: String
            public var evidence: Check?
        }

        /// The conditions the application uses or may use, as the decision took them: those
        /// named, else those the records evidence and no earlier use spent.
        public var conditions: [Condition]
        /// More than one, and none named by the clerk or an application: one to choose.
        public var offered: Bool
        /// The uses of earlier applications: each category once in a lifetime (X1).
        public var used: [ExceptionalUse]
        /// For the exceptional module, the certificates of the trade chain whose approval
        /// forms go with it, by grade; nil for another module.
        public var earlierForms: [Certificate]?
    }

    /// What makes a person one to review (V0).
    public enum ReviewGround: Hashable, Sendable {
        /// A veteran placed on that day, reviewed in the trade the employer proposes (V2, V5).
        case placed(Day, trade: String)
        /// Moved from that province with its certificate (V6).
        case fromProvince(String)
        /// Neither: the review is not for them (V0).
        case neither
    }
}

/// The materials of one application.
public struct ApplicationMaterials: Hashable, Sendable {
    public var record: PersonRecord
    public var list: MaterialList
    public var grade: Grade
    public var module: Module
    public var cycle: Int
    /// The engine's decision on the option, judged as of the cycle's deadline. When it is
    /// not open, the list is for preparing only; its failed checks say why.
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
            var applies = true, required = true
            for mark in item.marks {
                switch mark {
                case .optional: required = false
                case .optionalForVeterans: required = !record.person.isVeteran
                case .driver: applies = applies && trade.driver
                case .cashier: applies = applies && trade.cashier
                case .licensed: applies = applies && trade.licensed
                case .exceptional: applies = applies && usesCondition
                case .veteran: applies = applies && record.person.isVeteran
                case .holdersOnly: applies = applies && !(grade == .junior && record.certificates.isEmpty)
                }
            }
            guard applies else { return MaterialEntry(item: item, applies: false, required: false, note: .ruledOut(item.marks)) }
            return MaterialEntry(item: item, applies: true, required: required, note: notes.note(for: item))
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

    func note(for item: MaterialItem) -> MaterialNote {
        switch item.kind {
        case .form: .form(filing, exam: record.selectionExam(grade: grade, cycle: cycle, examDate: policy.technicianExam.value))
        case .identity: .identity(name: person.name, idNumber: person.idNumber)
        case .photo: .photo
        case .education: .education(record.highestEducation)
        case .assessments: .assessments(AssessmentYears(record, window: policy.assessmentWindow, today: today), workStart: person.workStart)
        case .training: .training(record.trainings)
        case .certificate: certificates
        case .exceptionalRequest: .exceptional(exceptional)
        case .transferRequest: .transferRequest(record.chain.transfers)
        case .reviewRequest: .reviewRequest(reviewGround)
        case .serviceProof: .serviceProof(enlisted: person.enlisted, discharged: person.discharged)
        case .quantifiedScore: .quantifiedScore
        case .scoreEvidence: scoreEvidence
        case .publication, .other: .title
        }
    }

    // MARK: 审批表: D1

    /// The filing deadline of the grade (D1), as of today.
    var filing: MaterialNote.Filing {
        let deadline = policy.deadline(for: grade)
        return .init(cycle: cycle, grade: grade, deadline: deadline, passed: today > deadline.value)
    }

    // MARK: 原等级证书 (须知·一(一)7, 须知·二(一)6, 须知·三(一)7; F1, T5)

    var certificates: MaterialNote {
        let basis: Grade?
        switch list {
        case .technician: basis = .senior
        case .seniorTechnician: basis = .technician
        case .levelTransfer, .levelReview: basis = nil
        case .level: basis = grade.previous
        }
        // 技师 and 高级技师 name the grade: 高级工证书, 技师证书 (须知·二(一)6, 三(一)7).
        let held = record.heldCertificates(grade: basis, exact: list == .technician || list == .seniorTechnician)
        return .certificates(held, basis: basis, trade: person.trade)
    }

    // MARK: 破格申请 (X1–X4; 须知·四·8)

    var exceptional: MaterialNote.ExceptionalRequest {
        let usable = decision.conditions.map { code in
            MaterialNote.ExceptionalRequest.Condition(code: code, name: catalogue.first { $0.code == code }?.name ?? code,
                                                      evidence: evidence(of: code))
        }
        let forms = module == .exceptional
            ? record.certificatesInChain(record.chain).sorted { ($0.grade, $0.issued) < ($1.grade, $1.issued) } : nil
        return .init(conditions: usable, offered: usable.count > 1 && !conditionsNamed, used: record.exceptionalUses,
                     earlierForms: forms)
    }

    /// The X2 check of a condition: its evidence, as the engine found it.
    func evidence(of code: String) -> Check? {
        decision.checks.first { $0.rule == .X2 && $0.verdict != .fail && $0.condition == code }
    }

    // MARK: 复核申请 (V0)

    var reviewGround: MaterialNote.ReviewGround {
        if let placed = person.placed { return .placed(placed, trade: person.trade) }
        if let province = person.fromProvince { return .fromProvince(province) }
        return .neither
    }

    // MARK: 量化考评证明

    var scoreEvidence: MaterialNote {
        let excellent = record.assessments.filter { $0.result == .excellent && policy.assessmentWindow.contains($0.year) }.map(\.year)
        return .scoreEvidence(excellentYears: excellent, awards: record.awards)
    }
}
