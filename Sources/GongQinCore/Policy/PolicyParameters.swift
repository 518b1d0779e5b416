/// The words of the policy's parameters that are data, not messages: each parameter's
/// name as the table of RULES §2 names it and how a flag's two values read, and the source
/// gongqin writes into a policy it derives, where a loaded document holds its clause
/// (`policy show --format json` prints them; `policy load` reads them back).
extension PolicyParameter {
    /// The parameters, in the order of RULES §2.
    public static let table: [PolicyParameter] = [
        .init("levelCycleYear", "等级工申报年", .flag(\.levelCycleYear, yes: "是", no: "否（本年不受理等级工）"), .evenYears),
        .init("juniorWorkStartBy", "初级工：参加工作不晚于", .year(\.juniorWorkStartBy), .shifted),
        .init("intermediateNormal.workStartBy", "中级工正常：参加工作不晚于", .year(\.intermediateNormal.workStartBy), .shifted),
        .init("intermediateNormal.certificateBy", "中级工正常：初级工证书不晚于", .year(\.intermediateNormal.certificateBy), .shifted),
        .init("intermediateEarly.workStartBy", "中级工提前：参加工作不晚于", .year(\.intermediateEarly.workStartBy), .shifted),
        .init("intermediateEarly.certificateBy", "中级工提前：初级工证书不晚于", .year(\.intermediateEarly.certificateBy), .shifted),
        .init("seniorNormal.workStartBy", "高级工正常：参加工作不晚于", .year(\.seniorNormal.workStartBy), .shifted),
        .init("seniorNormal.certificateBy", "高级工正常：中级工证书不晚于", .year(\.seniorNormal.certificateBy), .shifted),
        .init("seniorEarly.workStartBy", "高级工提前：参加工作不晚于", .year(\.seniorEarly.workStartBy), .shifted),
        .init("seniorEarly.certificateBy", "高级工提前：中级工证书不晚于", .year(\.seniorEarly.certificateBy), .shifted),
        .init("technicianCertificateBy", "技师：高级工证书取得不晚于", .day(\.technicianCertificateBy), .shifted),
        .init("seniorTechnicianCertificateBy", "高级技师：技师证书取得不晚于", .day(\.seniorTechnicianCertificateBy), .shifted),
        .init("levelDeadline", "网上申报截止（等级工、技师）", .day(\.levelDeadline), .shifted),
        .init("seniorTechnicianDeadline", "网上申报截止（高级技师）", .day(\.seniorTechnicianDeadline), .shifted),
        .init("technicianExam", "技师选拔考试", .optionalDay(\.technicianExam), .unpublished),
        .init("assessmentFrom", "年度考核起始年度", .year(\.assessmentFrom), .shifted),
        .init("assessmentTo", "年度考核截止年度", .year(\.assessmentTo), .shifted),
        .init("review.intermediateYears", "复核中级工：工龄（军龄）", .years(\.review.intermediateYears)),
        .init("review.seniorYears", "复核高级工：工龄（军龄）", .years(\.review.seniorYears)),
        .init("review.relaxationYears", "复核破格放宽", .years(\.review.relaxationYears)),
        .init("baseline.annualAssessment", "基线 A1：近5年考核合格", .flag(\.baseline.annualAssessment, yes: "启用", no: "停用")),
        .init("baseline.minimumEducationIntermediate", "基线 M1：中级工最低学历", .level(\.baseline.minimumEducationIntermediate)),
        .init("baseline.minimumEducationSenior", "基线 M1：高级工最低学历", .level(\.baseline.minimumEducationSenior)),
        .init("baseline.tradeMatch", "基线 K1：按现工种申报", .flag(\.baseline.tradeMatch, yes: "启用", no: "停用")),
    ]

    /// The name of a relaxation's row: 破格放宽：and the condition's name.
    static func relaxationName(_ condition: String) -> String { "破格放宽：\(condition)" }

    /// The source of a relaxation the notice does not state (X3).
    static let assumedRelaxationSource = "假定值，须知未载明（RULES X3）"
    /// The origin of a policy derived from the notice of `basis`.
    static func derivedOrigin(basis: Int) -> String { "按\(basis)年须知推算的推算值，待正式文件" }
    /// The source of a value moved from `basis`'s, whose source was `source` (RULES §2).
    static func shiftedSource(basis: Int, _ source: String) -> String { "按\(basis)年\(source)推算（RULES §2），待正式文件" }
    /// The source of a derived cycle year (CY).
    static let evenYearsSource = "逢双年为等级工申报年（RULES CY 对须知·四·1 的解释）"
    /// The source of a derived year's exam date (D2).
    static let unpublishedExamSource = "须知·四·10：考试日期待公布"
}
