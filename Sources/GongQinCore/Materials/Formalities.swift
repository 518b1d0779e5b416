/// The formalities of Documentation/RULES.md §7 and §8 that the materials list, the
/// approval form and the application lifecycle cite. They are not eligibility checks, so they are not in `RuleID`, the
/// engine's catalogue: D1 is, and is cited from there.
public enum Formality: String, CaseIterable, Sendable {
    /// The technician selection exam, and who is exempt (须知·四·10).
    case D2
    /// A failed or deferred 综合评审 re-applies with materials (须知·四·9).
    case D3
    /// The 量化考评 score, published for at least 5 working days (须知·四·11).
    case D4
    /// Education verification (须知·四·6).
    case D5
    /// The approval form (须知·五).
    case F1
    /// The materials: numbered as the notice numbers them, one file per item (RULES §8).
    case materials = "§8"

    public var clause: String {
        switch self {
        case .D2: "须知·四·10"
        case .D3: "须知·四·9"
        case .D4: "须知·四·11"
        case .D5: "须知·四·6"
        case .F1: "须知·五"
        case .materials: "须知·六·8"
        }
    }

    /// What the formality asks, in a few words (`gongqin help rules`).
    public var title: String {
        switch self {
        case .D2: "技师须参加选拔考试；往年综合评审未通过者免考"
        case .D3: "综合评审未通过或延期的，须重新网上申报"
        case .D4: "技师、高级技师量化考评结果公示不少于5个工作日"
        case .D5: "学历认证：2001年起的大专及以上查学信网，此前查毕业生登记表"
        case .F1: "审批表：隶属常州市，转岗人员两个证书并排填写"
        case .materials: "申报材料按须知序号，一项一个PDF，名称逐个对应"
        }
    }

    /// `D5，须知·四·6`: what a note ends with.
    public var citation: String { "\(rawValue)，\(clause)" }

    /// `F1，须知·五·2`: the formality and one paragraph of its clause.
    public func citation(paragraph: String) -> String { "\(rawValue)，\(clause)·\(paragraph)" }
}

// MARK: - D5 (须知·四·6)

extension Education {
    /// D5: what proves this education in the materials.
    /// - 大专 or above graduated 2001 or later: a 学信网 report;
    /// - graduated 2000 or earlier: the archived 毕业生登记表;
    /// - 成人高等教育专业证书 (counts as 大专), 中专 and below: originals and copies only.
    public var verification: String {
        if level == .adultHigherEducationCertificate {
            return "成人高等教育专业证书视同大专，只需原件和复印件，不需认证材料"
        }
        guard level.isCollegeOrAbove else { return "\(level.chinese)学历只需原件和复印件，不需认证材料" }
        if graduated.year >= 2001 {
            return "\(graduated.year)年毕业（2001年及以后）的\(level.chinese)学历，附学信网学历认证报告（学信网查询下载或截屏）"
        }
        return "\(graduated.year)年毕业（2000年及以前）的\(level.chinese)学历，附个人档案中《毕业生登记表》复印件作为认证材料"
    }

    /// `大专（2005年07月毕业，常州某学院，会计专业）`.
    public var chineseSummary: String {
        let details = ["\(graduated.chineseMonth)毕业", school, major.map { "\($0)专业" }].compactMap { $0 }
        return "\(level.chinese)（\(details.joined(separator: "，"))）"
    }
}

extension PersonRecord {
    /// The highest education: by level, a real degree before the certificate that counts
    /// as one, then the latest.
    public var highestEducation: Education? {
        education.max { a, b in
            (a.level.rank, a.level.isCollegeOrAbove ? 1 : 0, a.graduated) < (b.level.rank, b.level.isCollegeOrAbove ? 1 : 0, b.graduated)
        }
    }
}

// MARK: - D2 (须知·四·10)

/// Whether a technician applicant sits the selection exam (D2).
public struct SelectionExam: Hashable, Sendable {
    public var required: Bool
    /// The earlier application whose failed 综合评审 exempts the applicant.
    public var exemptingApplication: Application?
    /// The exam's date, when the policy gives it.
    public var examDate: Day?

    public init(required: Bool, exemptingApplication: Application?, examDate: Day?) {
        self.required = required
        self.exemptingApplication = exemptingApplication
        self.examDate = examDate
    }
}

extension PersonRecord {
    /// D2: technician applicants sit the 技师选拔考试, except those who failed the provincial
    /// 综合评审 in an earlier year and are re-applying. An earlier technician application
    /// whose `reviewResult` is failed exempts, whatever its status (failed or deferred).
    /// Nil for any other grade.
    public func selectionExam(grade: Grade, cycle: Int, examDate: Day?) -> SelectionExam? {
        guard grade == .technician else { return nil }
        let earlier = applications.filter { $0.grade == .technician && $0.cycle < cycle && $0.reviewResult == .failed }
        if let failed = earlier.last {
            return SelectionExam(required: false, exemptingApplication: failed, examDate: examDate)
        }
        return SelectionExam(required: true, exemptingApplication: nil, examDate: examDate)
    }
}

// MARK: - The certificates held (F1, 须知·五·2; 须知·一(一)7; 须知·二(一)6)

/// The certificates an applicant shows: the one in the current trade and, for a
/// transferred person, the pre-transfer ones, side by side (RULES F1, T5).
public struct HeldCertificates: Hashable, Sendable {
    /// In the current trade.
    public var current: Certificate?
    /// In the trades before the transfers, most recent trade first.
    public var preTransfer: [Certificate]

    public var all: [Certificate] { (current.map { [$0] } ?? []) + preTransfer }
    /// The order they were held in, the oldest trade first: how the form and the roster
    /// set them side by side (F1, 须知·五·2).
    public var inOrder: [Certificate] { preTransfer.reversed() + (current.map { [$0] } ?? []) }
    public var isEmpty: Bool { all.isEmpty }
}

extension Certificate {
    /// `电工中级工证书（编号1207，2012-06-01发证）`.
    public var chineseSummary: String {
        let number = self.number.map { "编号\($0)，" } ?? "未登记编号，"
        let province = isJiangsu ? "" : "\(province)"
        return "\(province)\(trade)\(grade.chinese)证书（\(number)\(issued)发证）"
    }
}

extension PersonRecord {
    /// The certificates of `grade` in the current trade chain (T1): the one in the current
    /// trade, and for a transferred person the one in each earlier trade, or (unless
    /// `exact`) that trade's highest below `grade` when it has none of it. With no grade,
    /// the highest grade held in the chain.
    public func heldCertificates(grade: Grade? = nil, exact: Bool = false) -> HeldCertificates {
        let chain = self.chain
        let held = certificatesInChain(chain)
        guard let basis = grade ?? held.map(\.grade).max() else { return HeldCertificates(current: nil, preTransfer: []) }
        func pick(in trade: String, exact: Bool) -> Certificate? {
            let inTrade = held.filter { $0.trade == trade }
            let same = inTrade.filter { $0.grade == basis }.min { $0.issued < $1.issued }
            if exact { return same }
            return same ?? inTrade.filter { $0.grade < basis }.max { ($0.grade, $0.issued) < ($1.grade, $1.issued) }
        }
        let pre = chain.isTransferred ? chain.trades.dropFirst().compactMap { pick(in: $0, exact: exact) } : []
        // In the current trade only the grade asked for: a lower one is not the certificate
        // the application builds on.
        return HeldCertificates(current: pick(in: chain.current, exact: grade != nil || exact), preTransfer: pre)
    }
}
