/// The rules of Documentation/RULES.md, each with its ID and, in `RuleID.definition`, the
/// clause of the notice it rests on, the notice's own words and the reading gongqin takes:
/// one rule, one place. Search for an ID (`N2`) to find its code. Most are checks the
/// eligibility engine makes; X5, D6, R1–R3, FC1, PL1 and PL3 are kept by the audit, the
/// store and the forecast (`isDecidedByEngine`). Documentation/RULES.md gives each one's
/// clause, reading, code and tests; `DocumentationTests` keeps the two in step and checks
/// every rule's words against the notice (Tests/Fixtures/2024-changzhou-notice.txt).
public enum RuleID: String, CaseIterable, Codable, Sendable, Comparable {
    /// 等级工 cycle years (RULES §1 CY).
    case CY
    case N1, N2, N3, E2, E3, N4, N5
    case A1, M1, K1, G1
    case T1, T2, T3, T4, T5
    case X1, X2, X3, X4, X5
    case V0, V1, V2, V3, V4, V5, V6
    case D1, D6
    case R1, R2, R3, FC1
    /// Plausibility of what is recorded (RULES §12).
    case PL1, PL2, PL3

    public static func < (a: RuleID, b: RuleID) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A rule beside the text it encodes: the clause, the notice's own words, the reading.
public struct RuleDefinition: Sendable, Equatable {
    /// The clause of the notice (Documentation/RULES.md, "Citations"): `须知·一·表`.
    public let clause: String
    /// What the rule says, in a few words (`gongqin help rules`).
    public let title: String
    /// The notice's own words, verbatim; fragments apart are joined by ` … `. Nil only for
    /// a provincial baseline (省·基线) the notice does not restate. RULES.md quotes the same.
    public let words: String?
    /// The reading gongqin takes, in one sentence.
    public let reading: String

    init(_ clause: String, _ title: String, words: String?, reading: String) {
        self.clause = clause
        self.title = title
        self.words = words
        self.reading = reading
    }
}

extension RuleID {
    /// Each rule's clause, words and reading: the one place they are written.
    public var definition: RuleDefinition {
        switch self {
        case .CY: RuleDefinition(
            "须知·四·1", "等级工两年一个培训周期，逢双年申报",
            words: "两年一个培训周期，提前1年申报 … 2024-2025年是一个培训周期",
            reading: "等级工逢双年申报，技师、高级技师每年申报；单年不受理等级工。")
        case .N1: RuleDefinition(
            "须知·一·表", "初级工：参加工作满一年且试用期满",
            words: "初级工 2023年 试用期满",
            reading: "参加工作年份不晚于Y−1，且试用期在申报日前期满；未登记试用期按已期满计并提示。")
        case .N2: RuleDefinition(
            "须知·一·表", "中级工正常申报：工作年限和初级工证书年限",
            words: "中级工 2015年 2019年初级工",
            reading: "参加工作不晚于Y−9，现工种转岗链中的初级工证书不晚于Y−5年取得。")
        case .N3: RuleDefinition(
            "须知·一·表", "高级工正常申报：工作年限和中级工证书年限",
            words: "高级工 2005年 2019年中级工",
            reading: "参加工作不晚于Y−19，现工种转岗链中的中级工证书不晚于Y−5年取得。")
        case .E2: RuleDefinition(
            "须知·一·表；须知·四·1", "中级工提前一年申报",
            words: "提前一年申报（2025年取证） … 中级工 2015年 2019年初级工 2016年 2020年初级工",
            reading: "等级工申报年中正常申报不符合时，按Y−8、Y−4判断，次年取证。")
        case .E3: RuleDefinition(
            "须知·一·表；须知·四·1", "高级工提前一年申报",
            words: "高级工 2005年 2019年中级工 2006年 2020年中级工",
            reading: "等级工申报年中正常申报不符合时，按Y−18、Y−4判断，次年取证。")
        case .N4: RuleDefinition(
            "须知·四·4", "技师：高级工证书年限和学历",
            words: "2020年底前取得高级工证书 … 本工种（专业）的高级技工学校、技师学院、中等及以上专业技术学校毕业证书，或具备大专及以上学历",
            reading: "高级工证书不晚于Y−4年底取得，且有本工种相关的中专、技校及以上毕业证书，或大专及以上学历（含成人高等教育专业证书）。")
        case .N5: RuleDefinition(
            "须知·四·5", "高级技师：技师证书年限和学历",
            words: "2020年底前取得技师证书人员；具备大专及以上学历",
            reading: "技师证书不晚于Y−4年底取得，且有大专及以上学历或成人高等教育专业证书。")
        case .A1: RuleDefinition(
            "省·基线；须知·一(一)5；须知·二(一)5", "近5年年度考核均为合格或优秀",
            words: "近5年年度考核表（新进人员按实际工作年限提供） … 近5年（2019-2023）年度考核材料",
            reading: "Y−5至Y−1年中在职的每年均须合格或优秀，新进人员只计参加工作以来的年度；缺记录只作提示。")
        case .M1: RuleDefinition(
            "省·基线", "最低学历：中级工初中，高级工高中或同等",
            words: nil,
            reading: "中级工须初中及以上，高级工须高中或中专、职高、技校及以上；免学历的破格条件使其通过。")
        case .K1: RuleDefinition(
            "省·基线；须知·四·7", "按现岗位工种申报，且该工种开放此等级",
            words: "要按新工种申报",
            reading: "申报工种须是现岗位工种，且工种目录开放到所申报的等级。")
        case .G1: RuleDefinition(
            "须知·一·表", "逐级申报：比现有最高等级高一级",
            words: "取得上一等级",
            reading: "申报等级比现工种转岗链中已持有的最高等级高一级，无证书者申报初级工。")
        case .T1: RuleDefinition(
            "须知·四·7", "转岗人员等级年限从原工种证书起算",
            words: "转岗人员的等级年限，从转岗前取得原岗位工种等级证书的时间起算",
            reading: "沿转岗记录回溯现工种的转岗链，某等级的年限从链中最早取得该等级证书时起算。")
        case .T2: RuleDefinition(
            "须知·四·7", "已转岗人员不得按原工种晋级",
            words: "已转岗人员不可以按转岗前工种申报上一个等级",
            reading: "不能在已转出的工种上晋级。")
        case .T3: RuleDefinition(
            "须知·四·7", "转岗申报只适用于等级工",
            words: "转岗申报只适用于等级工，技师和高级技师不得转岗申报",
            reading: "技师、高级技师没有转岗申报。")
        case .T4: RuleDefinition(
            "须知·四·7", "转岗申报：平级转入或按原证书年限晋级",
            words: "已转岗人员不可以按转岗前工种申报上一个等级，要按新工种申报",
            reading: "现工种尚无证书的转岗人员可平级转入，或按原证书年限（T1）晋升一级；有现工种证书后走正常、提前或破格申报。")
        case .T5: RuleDefinition(
            "须知·二(一)6；须知·三(一)7", "转岗人员申报技师、高级技师须持现工种下一级证书",
            words: "申报工种高级工证书（如系转岗，同时附原岗位工种高级工证书）",
            reading: "转岗人员申报技师须持现工种高级工证书，申报高级技师须持现工种技师证书（后者为类推）。")
        case .X1: RuleDefinition(
            "须知·四·8", "每类破格条件终身只能使用一次",
            words: "一类破格申报条件只能使用一次",
            reading: "每类条件终身只用一次，含以前等级审批表上的使用；申报即占用，受理前撤回才释放。")
        case .X2: RuleDefinition(
            "须知·四·8；须知·一(五)4", "破格条件须有记录为证",
            words: "连续两年年度考核优秀或取得本工种大专以上学历 … 一次二等功以上奖励",
            reading: "内置条件须有记录证明；用户添加的条件没有记录类型，须经办人点名并提示，审计时列出。")
        case .X3: RuleDefinition(
            "须知·一(五)4", "破格条件放宽的年限",
            words: "可破格放宽工作年限3年",
            reading: "复核放宽工作年限3年；其他破格申报须知未载明，假定工作年限和等级年限各放宽2年。")
        case .X4: RuleDefinition(
            "须知·一(二)", "正常和提前申报均不符合时方可破格",
            words: "正常晋级申报人员，如有符合破格申报的条件，须进入“破格申报”模块",
            reading: "正常申报和提前申报均不符合时才提供破格，每个点名的条件须单独使其符合，放宽不累加。")
        case .X5: RuleDefinition(
            "须知·四·8", "审计破格条件的使用，以查验之前是否使用过",
            words: "还要附前几个等级的审批表，以查验之前是否使用过破格申报条件",
            reading: "审计列出每次使用、各人未用的条件和可疑之处。")
        case .V0: RuleDefinition(
            "须知·一(四)1", "退役安置和外省调入人员走复核申报",
            words: "复核申报是指退役安置人员和外省调入已持有机关事业单位岗位等级证书人员",
            reading: "未经复核取证的退役安置人员和无江苏证书的外省调入人员，等级工只能走复核申报。")
        case .V1: RuleDefinition(
            "须知·一(五)3", "按工龄（军龄）复核等级：10年中级工，20年高级工",
            words: "工龄（军龄）10年，复核申报中级工；工龄（军龄）20年，复核申报高级工",
            reading: "满10年复核中级工，满20年复核高级工，不满10年复核初级工（假定）。")
        case .V2: RuleDefinition(
            "须知·一(五)1", "按安置当年的工龄（军龄）复核",
            words: "按安置当年的工龄（军龄）复核为相应的等级",
            reading: "工龄（军龄）计至安置当年；截止日后安置的在下一周期复核。")
        case .V3: RuleDefinition(
            "须知·一(五)4", "复核时符合破格条件可放宽工作年限3年",
            words: "如具备下列条件之一的，可破格放宽工作年限3年",
            reading: "一个未用的破格条件使V1的年限各减3年，并记为X1的一次使用。")
        case .V4: RuleDefinition(
            "须知·一(五)5", "复核定级后首次晋升不受本等级年限限制",
            words: "首次申报晋升上一个等级时，不受本等级工作年限限制（等级工阶段）",
            reading: "复核证书仍为最高等级时，下一次等级工晋升免本等级年限，工作年限照常判断。")
        case .V5: RuleDefinition(
            "须知·一(五)2", "按用人单位人事部门建议复核工种",
            words: "根据用人单位人事部门的建议复核为相应工种",
            reading: "复核工种即用人单位登记的现工种，只作说明，不会不符合。")
        case .V6: RuleDefinition(
            "须知·一(四)1", "外省调入人员复核确认原等级",
            words: "外省调入已持有机关事业单位岗位等级证书人员",
            reading: "复核确认所持等级，年限从原证书起算（假定）；外省证书与江苏复核证书是两条记录。")
        case .D1: RuleDefinition(
            "须知·四·12", "网上申报截止：等级工、技师4月15日，高级技师7月5日",
            words: "等级工、技师为4月15日前，高级技师为7月5日前 … 不予补报",
            reading: "截止日当天申报仍算按时，逾期申报拒绝。")
        case .D6: RuleDefinition(
            "须知·四·12", "每人每个申报周期只能有一份未撤回的申报",
            words: "预留因材料不符合要求被驳回后的修改和补充材料时间",
            reading: "被驳回的申报修改后再交，不另行申报：每人每周期只能有一份未撤回的申报（假定）。")
        case .R1: RuleDefinition(
            "须知·四·8", "更正和删除记录不得破坏已申报所依据的记录",
            words: "以查验之前是否使用过破格申报条件",
            reading: "任何改动提交时，所涉人员的在办申报都按改动后的记录重新判断，不再成立即拒绝整个改动。")
        case .R2: RuleDefinition(
            "须知·四·8", "人员调动单位仍是同一人，破格使用记录随人",
            words: "一类破格申报条件只能使用一次",
            reading: "身份证号唯一，调动只是改变单位，X1计入其在各单位的使用。")
        case .R3: RuleDefinition(
            "须知·四·8", "合并各单位记录：相同即同一记录，不同须由用户决定",
            words: "一类破格申报条件只能使用一次",
            reading: "合并时相同的记录为一条，不同之处由用户决定；同一类条件在两个单位各用一次的列为发现，不静默丢弃。")
        case .FC1: RuleDefinition(
            "须知·一·表；须知·四·1", "预测：记录不变、只有时间推移，未考核年度按合格计",
            words: "2024-2025年是一个培训周期",
            reading: "预测某周期时记录保持现状、只推移时间，未考核年度按合格计，未载入正式文件的年度用推算的政策。")
        case .PL1: RuleDefinition(
            "须知·四·8", "历史破格使用的等级，当年须未持有同工种该等级或更高的证书",
            words: "还要附前几个等级的审批表，以查验之前是否使用过破格申报条件",
            reading: "Y年为G级登记的历史破格使用，须在Y年前未持有当年所在工种G级或更高的证书。")
        case .PL2: RuleDefinition(
            "须知·一(四)1", "已持有江苏证书的等级及以下，不再复核申报",
            words: "复核申报是指退役安置人员和外省调入已持有机关事业单位岗位等级证书人员",
            reading: "已持有江苏证书的等级及以下不提供复核申报，复核只确认尚未持有的等级。")
        case .PL3: RuleDefinition(
            "须知·二(一)5", "年度考核：上一年及以前，或当年12月1日起才可登记当年",
            words: "近5年（2019-2023）年度考核材料",
            reading: "年度考核在年底进行：2024年申报的考核年度止于2023年，当年度的考核12月1日起才可登记（假定）。")
        }
    }

    /// The clause of the notice (Documentation/RULES.md, "Citations").
    public var clause: String { definition.clause }

    /// What the rule says, in a few words.
    public var title: String { definition.title }

    /// Rules whose check only reports what was used (a date, a trade) and never fails on
    /// its own: T1 names the seniority date that N2–N5 then judge; V5 names the trade.
    public var isInformational: Bool { self == .T1 || self == .V5 }

    /// Whether the eligibility engine makes this check for an option. The others are kept
    /// where the data is written or read as a whole: X5 by the audit, D6 by `apply`, R1–R3 by corrections
    /// and merges, FC1 by the forecast; their tests are named in Documentation/RULES.md.
    public var isDecidedByEngine: Bool {
        switch self {
        case .X5, .D6, .R1, .R2, .R3, .FC1, .PL1, .PL3: false
        default: true
        }
    }

    /// `N3，须知·一·表`: the rule and its clause, the one way every text cites a rule.
    public var citation: String { "\(rawValue)，\(clause)" }

    /// `X1，R3，须知·四·8`: several rules cited together, their IDs and then each of their
    /// clauses once, in order.
    public static func cite(_ rules: [RuleID]) -> String {
        var clauses: [Substring] = []
        for part in rules.flatMap({ $0.clause.split(separator: "；") }) where !clauses.contains(part) { clauses.append(part) }
        return (rules.map(\.rawValue) + [clauses.joined(separator: "；")]).joined(separator: "，")
    }
}
