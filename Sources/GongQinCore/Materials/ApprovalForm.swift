/// The draft of the approval form (审批表, 附件1) per RULES F1 (须知·五): the fields a
/// clerk copies into the online form, drawn from the records.

extension Job {
    /// `2005年07月-2012年03月 常州市某单位驾驶员`; the current post open-ended:
    /// `2012年04月-  常州市某某办公室工作人员` (F1, 须知·五·3(1)).
    public var formLine: String {
        "\(from.chineseMonth)-\(to?.chineseMonth ?? " ") \(unit)\(post)"
    }
}

extension Award {
    /// `2019年12月某局嘉奖`, `2020年7月某区优秀党员`: the month as the notice writes it
    /// (F1, 须知·五·3(2)).
    public var formLine: String { "\(date.year)年\(date.month)月\(issuer ?? "")\(name)" }
}

public struct ApprovalForm: Hashable, Sendable, Encodable {
    /// 隶属 is always 常州市 (F1, 须知·五·1).
    public static let affiliation = "常州市"
    /// The employer remark used when there are no awards and none is configured: the
    /// notice's own example (须知·五·3(3)).
    public static let defaultRemark = "该同志工作认真负责，积极主动，刻苦钻研业务，较好地完成了各项工作任务。"
    /// The longest remark accepted.
    public static let remarkLimit = 300

    /// A remark as the form takes it: trimmed, never empty (F1).
    public static func remark(_ text: String) throws(RemarkProblem) -> String {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { throw .empty }
        guard trimmed.count <= remarkLimit else { throw .tooLong(characters: trimmed.count) }
        return trimmed
    }

    /// What is wrong with an employer remark: the facts, which GongQinCLI/Wording/CoreWording.swift
    /// words.
    public enum RemarkProblem: Error, Hashable, Sendable {
        /// Empty, or only spaces: 工作业绩 may not be empty (F1, 须知·五·3(3)).
        case empty
        /// More than `remarkLimit` characters.
        case tooLong(characters: Int)
    }

    /// What the clerk should know of a draft, the facts: GongQinCLI/Wording/CoreWording.swift
    /// words them.
    public enum Finding: Hashable, Sendable {
        /// No education recorded: 学历 to be filled in.
        case educationMissing
        /// No certificate held: 原持证技术工种 stays empty.
        case noCertificate
        /// Transferred, with no certificate yet in the current trade `trade` (F1, 须知·五·2).
        case noCertificateInCurrentTrade(trade: String)
        /// Transferred: the certificates before and after side by side (F1, 须知·五·2).
        case certificatesSideBySide
        /// A certificate without its number: 证书号码 to be filled in.
        case certificateNumberMissing
        /// No jobs recorded: 工作简历 derived from the work start, the unit and the trade.
        case workHistoryDerived
        /// Military service listed in 工作简历 from the enlistment and discharge.
        case serviceInWorkHistory
        /// No awards recorded: 工作业绩 is the employer remark (F1, 须知·五·3(3)).
        case remarkForAchievements
    }

    /// One certificate of 原持证技术工种; for a transferred person the old and the new stand
    /// side by side (F1, 须知·五·2).
    public struct HeldCertificate: Hashable, Sendable, Encodable {
        public var trade: String
        public var grade: Grade
        public var number: String?
        public var issued: Day
        /// Held in a trade before a transfer.
        public var preTransfer: Bool
    }

    public struct EducationField: Hashable, Sendable, Encodable {
        public var level: EducationLevel
        public var graduated: Day
        public var school: String?
        public var major: String?
        /// The field as the form prints it: `大专（2005年07月毕业，常州某学院，会计专业）`.
        public var summary: String
        /// D5's proof.
        public var verification: String
    }

    public var affiliation: String
    public var idNumber: IDNumber
    public var name: String
    public var sex: String
    /// 出生年月: `1980年03月`.
    public var birthMonth: String
    public var birthDate: Day
    public var unit: String
    public var workStart: Day
    public var education: EducationField?
    /// 原持证技术工种, 证书号码, 取证时间: the highest grade in the current trade chain (T1),
    /// for a transferred person the pre-transfer certificate beside the current one.
    public var heldCertificates: [HeldCertificate]
    /// 申报考评工种: the current trade (常人社办〔2020〕40号 names).
    public var trade: String
    public var grade: Grade
    public var module: Module
    public var cycle: Int
    /// 工作简历 lines.
    public var workHistory: [String]
    /// 工作业绩 lines: the awards, or the employer remark.
    public var achievements: [String]
    /// Whether 工作业绩 is the employer remark (no awards recorded).
    public var achievementsAreRemark: Bool
    /// What the clerk should know: derived lines, missing records (the CLI words them as
    /// the draft's notes).
    public var findings: [Finding]
    /// Whether the option is open to the person; the caller sets it from the engine.
    public var open = true

    /// Every field but the findings, which the CLI words as notes beside them.
    enum CodingKeys: String, CodingKey {
        case affiliation, idNumber, name, sex, birthMonth, birthDate, unit, workStart, education, heldCertificates
        case trade, grade, module, cycle, workHistory, achievements, achievementsAreRemark, open
    }

    /// Drafts the form. `remark` is the employer remark for a person without awards.
    public static func draft(_ record: PersonRecord, grade: Grade, module: Module, cycle: Int,
                             remark: String) throws(RemarkProblem) -> ApprovalForm {
        let p = record.person
        var findings: [Finding] = []
        let education = record.highestEducation.map {
            EducationField(level: $0.level, graduated: $0.graduated, school: $0.school, major: $0.major,
                           summary: $0.chineseSummary, verification: $0.verification + "（\(Formality.D5.citation)）")
        }
        if education == nil { findings.append(.educationMissing) }
        let held = record.heldCertificates()
        let certificates = held.inOrder.map { HeldCertificate($0, preTransfer: $0 != held.current) }
        if certificates.isEmpty {
            findings.append(.noCertificate)
        } else if held.current == nil, !held.preTransfer.isEmpty {
            findings.append(.noCertificateInCurrentTrade(trade: p.trade))
        } else if certificates.count > 1 {
            findings.append(.certificatesSideBySide)
        }
        if certificates.contains(where: { $0.number == nil }) { findings.append(.certificateNumberMissing) }
        let history = workHistory(record, findings: &findings)
        let achievements: [String]
        let fromRemark = record.awards.isEmpty
        if fromRemark {
            achievements = [try ApprovalForm.remark(remark)]
            findings.append(.remarkForAchievements)
        } else {
            achievements = record.awards.map(\.formLine)
        }
        return ApprovalForm(
            affiliation: affiliation, idNumber: p.idNumber, name: p.name, sex: p.idNumber.sex.chinese,
            birthMonth: p.idNumber.birthDate.chineseMonth, birthDate: p.idNumber.birthDate, unit: p.unit,
            workStart: p.workStart, education: education, heldCertificates: certificates, trade: p.trade, grade: grade,
            module: module, cycle: cycle, workHistory: history, achievements: achievements,
            achievementsAreRemark: fromRemark, findings: findings)
    }

    /// 工作简历 from the jobs; with none recorded, one open-ended line from the work start,
    /// the unit and the trade, said so in a note. Military service (军龄 counts as 工龄)
    /// gets a line when no job covers it.
    static func workHistory(_ record: PersonRecord, findings: inout [Finding]) -> [String] {
        let p = record.person
        var jobs = record.jobs
        if jobs.isEmpty {
            jobs = [Job(from: p.workStart, to: nil, unit: p.unit, post: p.trade)]
            findings.append(.workHistoryDerived)
        }
        var lines = jobs.map { ($0.from, $0.formLine) }
        if let enlisted = p.enlisted, let discharged = p.discharged {
            let service = Job(from: enlisted, to: discharged, unit: "部队", post: "服役")
            // A recorded post inside the service is the clerk's own line for it; one that
            // starts the day of discharge is not.
            if !record.jobs.contains(where: { $0.from < discharged && enlisted < ($0.to ?? discharged) }) {
                lines.append((enlisted, service.formLine))
                findings.append(.serviceInWorkHistory)
            }
        }
        return lines.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

extension ApprovalForm.HeldCertificate {
    init(_ c: Certificate, preTransfer: Bool) {
        self.init(trade: c.trade, grade: c.grade, number: c.number, issued: c.issued, preTransfer: preTransfer)
    }
}
