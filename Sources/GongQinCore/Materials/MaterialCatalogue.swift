/// The catalogue of materials (RULES §8) as the notice words it: each list's section and
/// name, the meaning of each mark, and the items of each list with their fixed short names,
/// the notice's words and clauses. Record data, not messages: MaterialsTests holds the
/// tables to RULES §8 item for item.

extension MaterialMark {
    /// What the mark means, as RULES §8 says it.
    public var chinese: String {
        switch self {
        case .optional: "非必要提供项"
        case .driver: "仅汽车驾驶与管理工种"
        case .cashier: "仅收银审核工种"
        case .licensed: "仅须持证上岗的工种"
        case .exceptional: "仅破格申报，或复核时使用破格条件"
        case .veteran: "仅退役安置人员"
        case .optionalForVeterans: "退役安置人员可不提供"
        case .holdersOnly: "初级工申报人未持证书的不需"
        }
    }
}

extension MaterialList {
    /// The notice's section.
    public var clause: String {
        switch self {
        case .level: "须知·一(一)、一(二)"
        case .levelTransfer: "须知·一(三)"
        case .levelReview: "须知·一(四)"
        case .technician: "须知·二"
        case .seniorTechnician: "须知·三"
        }
    }

    /// The list's name, as the notice's sections name it.
    public var chinese: String {
        switch self {
        case .level: "等级工正常申报、提前一年申报、破格申报"
        case .levelTransfer: "等级工转岗申报"
        case .levelReview: "等级工复核申报"
        case .technician: "技师申报"
        case .seniorTechnician: "高级技师申报"
        }
    }

    /// The items, numbered as the notice numbers them.
    public var items: [MaterialItem] {
        switch self {
        case .level: MaterialList.levelItems
        case .levelTransfer: MaterialList.levelTransferItems
        case .levelReview: MaterialList.levelReviewItems
        case .technician: MaterialList.technicianItems
        case .seniorTechnician: MaterialList.seniorTechnicianItems
        }
    }

    // MARK: The tables (RULES §8)

    private static func item(_ number: Int, _ short: String, _ kind: MaterialKind, _ marks: [MaterialMark] = [],
                             _ clause: String, _ title: String) -> MaterialItem {
        MaterialItem(number: number, short: short, kind: kind, marks: marks, title: title, clause: "\(clause)\(number)")
    }

    /// 等级工 normal (须知·一(一)) and exceptional (须知·一(二)); item 8 is X.
    static let levelItems: [MaterialItem] = [
        item(1, "审批表", .form, [], "须知·一(一)", "江苏省机关事业单位工勤技能岗位技术等级考评审批表（附件1，一式两份，在申报系统里将内容填写完整后下载）"),
        item(2, "身份证", .identity, [], "须知·一(一)", "身份证"),
        item(3, "照片", .photo, [], "须知·一(一)", "近期2寸白底免冠照片（照片格式为jpg、大小不超过2M）"),
        item(4, "学历", .education, [], "须知·一(一)", "学历证书及学历认证材料（大专及以上需提供学历认证材料）"),
        item(5, "年度考核", .assessments, [], "须知·一(一)", "近5年年度考核表（新进人员按实际工作年限提供）"),
        item(6, "继续教育", .training, [], "须知·一(一)", "所有继续教育证书或继续教育培训合格证明"),
        item(7, "原等级证书", .certificate, [.holdersOnly], "须知·一(一)", "原技术等级岗位证书（如系转岗，同时上传转岗前岗位工种等级证书）"),
        item(8, "破格申请", .exceptionalRequest, [.exceptional], "须知·一(二)", "个人破格申请及证明材料（附件6，须单位领导签署意见并加盖公章，符合破格申报条件的相关证明材料，所有晋级审批表复印件）"),
    ]

    /// 等级工 transfer (须知·一(三)).
    static let levelTransferItems: [MaterialItem] = [
        item(1, "审批表", .form, [], "须知·一(三)", "江苏省机关事业单位工勤技能岗位技术等级考评审批表（一式两份，在申报系统里将内容填写完整后下载）"),
        item(2, "身份证", .identity, [], "须知·一(三)", "身份证"),
        item(3, "照片", .photo, [], "须知·一(三)", "近期2寸白底免冠照片（照片格式为jpg、大小不超过2M）"),
        item(4, "学历", .education, [], "须知·一(三)", "学历证书及学历认证材料（大专及以上需提供学历认证材料）"),
        item(5, "年度考核", .assessments, [], "须知·一(三)", "近5年年度考核表（新进人员按实际工作年限提供）"),
        item(6, "转岗申请", .transferRequest, [], "须知·一(三)", "个人转岗申请（附件6，须单位领导签署意见并加盖公章）"),
        item(7, "继续教育", .training, [], "须知·一(三)", "所有继续教育证书或继续教育培训合格证明"),
        item(8, "原等级证书", .certificate, [], "须知·一(三)", "原技术等级岗位证书"),
    ]

    /// 等级工 review (须知·一(四)): numbering starts at 2.
    static let levelReviewItems: [MaterialItem] = [
        item(2, "审批表", .form, [], "须知·一(四)", "江苏省机关事业单位工勤技能岗位技术等级考评审批表（一式两份，在申报系统里将内容填写完整后下载）"),
        item(3, "复核申请", .reviewRequest, [], "须知·一(四)", "用人单位复核申请（附件6）"),
        item(4, "身份证", .identity, [], "须知·一(四)", "身份证"),
        item(5, "照片", .photo, [], "须知·一(四)", "近期2寸白底免冠照片（照片格式为jpg、大小不超过2M）"),
        item(6, "原等级证书", .certificate, [.optionalForVeterans], "须知·一(四)", "原技术等级证书（退役安置人员可不提供）"),
        item(7, "学历", .education, [], "须知·一(四)", "学历证书及学历认证材料（大专及以上需提供学历认证材料）"),
        item(8, "入伍退役证明", .serviceProof, [.veteran], "须知·一(四)", "入伍批准书和退役证（退役安置人员须提供）"),
        item(9, "继续教育", .training, [], "须知·一(四)", "所有继续教育证书或继续教育培训合格证明"),
        item(10, "破格申请", .exceptionalRequest, [.exceptional], "须知·一(四)", "破格申请及证明材料（附件6，须单位领导签署意见并加盖公章，符合破格申报条件的相关证明材料）"),
    ]

    /// 技师 (须知·二(一)); the exceptional route adds item 17 (须知·二(二)).
    static let technicianItems: [MaterialItem] = [
        item(1, "审批表", .form, [], "须知·二(一)", "江苏省机关事业单位工勤技能岗位技术等级考评审批表（附件1，一式2份）"),
        item(2, "身份证", .identity, [], "须知·二(一)", "身份证复印件"),
        item(3, "照片", .photo, [], "须知·二(一)", "近期2寸免冠彩色电子照片（照片格式为jpg、大小不超过2M）"),
        item(4, "学历", .education, [], "须知·二(一)", "学历证书及学历认证材料（大专及以上须提供学历认证材料）"),
        item(5, "年度考核", .assessments, [], "须知·二(一)", "近5年年度考核材料"),
        item(6, "高级工证书", .certificate, [], "须知·二(一)", "申报工种高级工证书（如系转岗，同时附原岗位工种高级工证书）"),
        item(7, "量化考评表", .quantifiedScore, [], "须知·二(一)", "量化考评表（附件3）"),
        item(8, "量化考评证明", .scoreEvidence, [], "须知·二(一)", "量化考评相关证明材料（年度考核登记表、通报表彰文件等，专利、成果、能手证书、奖章等）"),
        item(9, "继续教育", .training, [], "须知·二(一)", "所有继续教育证书（本页从照片页开始复印、电子证书）"),
        item(10, "公示说明", .quantifiedScore, [], "须知·二(一)", "量化考评结果公示说明（内容包括公示时间、公示内容、公示后有无异议等情况，附件5）"),
        item(11, "论文", .other, [], "须知·二(一)", "论文（与申报工种相关的专业论文1篇，不少于3000字，格式见附件5）"),
        item(12, "业绩总结", .other, [], "须知·二(一)", "专业技术工作业绩总结（近年来解决本工种关键性操作技能和生产、工作中的技术难题情况，2000字以上，附件5）"),
        item(13, "辅助材料", .other, [.optional], "须知·二(一)", "技师申报辅助材料：其他各种奖励、成果证书，编写的教材讲义和各种报刊上发表过的专业文章（须证明本人编写，非必要提供项）"),
        item(14, "安全行车证明", .other, [.driver], "须知·二(一)", "连续5年安全行车无重大责任事故证明（交警部门或单位主管部门出具，附件5）"),
        item(15, "驾驶证", .other, [.driver], "须知·二(一)", "B证以上有效期内机动车驾驶证"),
        item(16, "上岗证", .other, [.licensed], "须知·二(一)", "有效期内的上岗证书（申报需持证上岗的工种，如电工证、锅炉操作证等）"),
        item(17, "破格申请", .exceptionalRequest, [.exceptional], "须知·二(二)", "破格申报材料：破格申报人员书面申请（附件6，须单位领导签署意见并加盖公章），符合破格申报条件的相关证明材料，前几次所有晋级审批表"),
    ]

    /// 高级技师 (须知·三(一)); the exceptional route adds item 20 (须知·三(二)).
    static let seniorTechnicianItems: [MaterialItem] = [
        item(1, "审批表", .form, [], "须知·三(一)", "江苏省机关事业单位工勤技能岗位技术等级考评审批表（附件1，一式2份）"),
        item(2, "推荐情况说明", .other, [], "须知·三(一)", "主管部门高级技师推荐情况说明：该单位（部门）各申报工种现有技师人数、上年度各工种申报高级技师人数、量化考评结果公示说明、推荐申报高级技师公示情况说明（附件5）"),
        item(3, "身份证", .identity, [], "须知·三(一)", "身份证复印件"),
        item(4, "照片", .photo, [], "须知·三(一)", "近期2寸免冠彩色电子照片（照片格式为jpg、大小不超过2M）"),
        item(5, "学历", .education, [], "须知·三(一)", "学历证书及学历认证材料（大专及以上需提供学历认证材料）"),
        item(6, "年度考核", .assessments, [], "须知·三(一)", "近5年年度考核材料"),
        item(7, "技师证书", .certificate, [], "须知·三(一)", "申报考评工种技师证书（如系转岗，同时附原岗位工种技师证书）"),
        item(8, "量化考评表", .quantifiedScore, [], "须知·三(一)", "量化考评表（附件3）"),
        item(9, "量化考评证明", .scoreEvidence, [], "须知·三(一)", "量化考评相关证明材料（年度考核登记表、通报表彰文件等，专利、成果、能手证书、奖章等）"),
        item(10, "继续教育", .training, [], "须知·三(一)", "所有继续教育证书（本页从照片页开始复印、电子证书）"),
        item(11, "专家推荐", .other, [], "须知·三(一)", "两名业内专家推荐意见书（附件4）、专家技术职称证书或任命文件等相关资格验证材料（专家为本工种行业内高级技师、高级职称人员或业务部门主管领导，须知·六·3）"),
        item(12, "发表论文", .publication, [], "须知·三(一)", "在公开发行的报刊上发表的与本工种相关论文至少1篇（封面页、所有目录页、发表的论文页）"),
        item(13, "业绩总结", .other, [], "须知·三(一)", "专业技术工作业绩总结1份（从事技术工作的经历与能力、业绩成果和技术项目完成情况，解决本工种关键性操作技能和技术难题情况，3000字以上，附件4）"),
        item(14, "任职文件", .other, [.driver], "须知·三(一)", "车队长或调度管理书面任职文件"),
        item(15, "驾驶证", .other, [.driver], "须知·三(一)", "有效期内的B证以上机动车驾驶证"),
        item(16, "安全行车证明", .other, [.driver], "须知·三(一)", "连续5年安全行车无重大责任事故证明（交警部门或单位主管部门出具，附件4）"),
        item(17, "财务工作证明", .other, [.cashier], "须知·三(一)", "所在单位出具的财务管理工作经历证明"),
        item(18, "上岗证", .other, [.licensed], "须知·三(一)", "有效期内的上岗证书（申报需持证上岗的工种，如电工证、锅炉操作证等）"),
        item(19, "辅助材料", .other, [.optional], "须知·三(一)", "高级技师申报辅助材料（非必要提供项）：其他奖励、高新技术培训结业证书或证明；编写的教材讲义（须证明本人编写）"),
        item(20, "破格申请", .exceptionalRequest, [.exceptional], "须知·三(二)", "破格申报材料：破格申报人员书面申请（附件6，须单位领导签署意见并加盖公章），并提供由单位或有关部门出具的符合破格申报条件的相关证明材料"),
    ]
}
