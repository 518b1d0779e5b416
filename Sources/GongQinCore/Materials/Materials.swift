/// The materials lists of the notice (申报材料, RULES §8), as data: one table per grade
/// and module, with the notice's item numbers, the fixed short names users name their
/// files after (须知·六·8), the notice's words, and the marks of RULES §8. RULES §8 is the
/// checklist for these tables; `MaterialsBuilder` reads them against a person's records.

/// When an item applies (RULES §8 marks).
public enum MaterialMark: String, CaseIterable, Sendable, Codable {
    /// ○ optional: 非必要提供项.
    case optional = "○"
    /// D: 汽车驾驶与管理 only.
    case driver = "D"
    /// C: 收银审核 only.
    case cashier = "C"
    /// L: licensed trades only (持证上岗).
    case licensed = "L"
    /// X: the exceptional route only, or a review that uses a condition (须知·一(四)10).
    case exceptional = "X"
    /// V: veterans only.
    case veteran = "V"
    /// ○ for veterans: 退役安置人员可不提供 (须知·一(四)6).
    case optionalForVeterans = "○V"
    /// Not for a junior applicant who holds no certificate (RULES §8, 等级工 item 7).
    case holdersOnly = "H"

}

/// What an item holds, which decides the note drawn from the records.
public enum MaterialKind: String, Sendable, Codable {
    case form, identity, photo, education, assessments, training, certificate
    case exceptionalRequest, transferRequest, reviewRequest, serviceProof
    case quantifiedScore, scoreEvidence, publication
    /// Nothing in the records speaks to it: the note is the notice's description.
    case other
}

/// One item of a list.
public struct MaterialItem: Hashable, Sendable {
    public let number: Int
    /// The fixed short name (RULES §8): `<number><short>.pdf` is the file.
    public let short: String
    public let kind: MaterialKind
    public let marks: [MaterialMark]
    /// The notice's words, shortened where they run on.
    public let title: String
    /// The clause: 须知·一(一)4.
    public let clause: String

    /// The photo is a JPEG; everything else one PDF (须知·六·8).
    public var fileExtension: String { kind == .photo ? "jpg" : "pdf" }
    /// `1审批表.pdf`.
    public var fileName: String { "\(number)\(short).\(fileExtension)" }
}

/// The five lists of the notice.
public enum MaterialList: String, CaseIterable, Sendable, Codable {
    /// 等级工 normal (须知·一(一)); early uses it too, and the exceptional route adds item 8 (须知·一(二)).
    case level
    /// 等级工 transfer (须知·一(三)).
    case levelTransfer = "level-transfer"
    /// 等级工 review (须知·一(四)); item 1 is a definition, not a document.
    case levelReview = "level-review"
    /// 技师, normal and exceptional (须知·二).
    case technician
    /// 高级技师, normal and exceptional (须知·三).
    case seniorTechnician = "senior-technician"

    /// The list of a grade and module, or a refusal citing the rule that closes the
    /// combination: the notice has no list for it, and gongqin does not invent one.
    public static func of(grade: Grade, module: Module) throws(MaterialListRefusal) -> MaterialList {
        switch (grade, module) {
        case (.technician, .normal), (.technician, .exceptional): return .technician
        case (.seniorTechnician, .normal), (.seniorTechnician, .exceptional): return .seniorTechnician
        case (.technician, .transfer), (.seniorTechnician, .transfer): throw .transfer(grade)
        case (.technician, .review), (.seniorTechnician, .review): throw .review(grade)
        case (_, .early) where grade != .intermediate && grade != .senior: throw .early(grade)
        case (_, .normal), (_, .early), (_, .exceptional): return .level
        case (_, .transfer): return .levelTransfer
        case (_, .review): return .levelReview
        }
    }
}

/// A grade and module the notice has no list of materials for; GongQinCLI/Wording/CoreWording.swift
/// words the refusal.
public enum MaterialListRefusal: Error, Hashable, Sendable {
    /// A transfer of 技师 or 高级技师: only 等级工 transfer (T3).
    case transfer(Grade)
    /// A review of 技师 or 高级技师: only 等级工 are reviewed (V0).
    case review(Grade)
    /// An early application of a grade other than 中级工 and 高级工 (E2, E3).
    case early(Grade)
}
