/// The rules of Documentation/RULES.md, each with its ID and the clause of the notice it
/// rests on. Search for an ID (`N2`) to find its code. Most are checks the eligibility
/// engine makes; D6, R1–R3 and FC1 are kept by the store and the forecast
/// (`isDecidedByEngine`). Documentation/RULES.md gives each one's clause, reading, code
/// and tests; `RulesDocumentTests` keeps the two in step.
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

    /// The clause of the notice (Documentation/RULES.md, "Citations").
    public var clause: String {
        switch self {
        case .CY: "须知·四·1"
        case .N1, .N2, .N3: "须知·一·表"
        case .E2, .E3: "须知·一·表；须知·四·1"
        case .N4: "须知·四·4"
        case .N5: "须知·四·5"
        case .A1: "省·基线；须知·一(一)5；须知·二(一)5"
        case .M1: "省·基线"
        case .K1: "省·基线；须知·四·7"
        case .G1: "须知·一·表"
        case .T1, .T2, .T3, .T4: "须知·四·7"
        case .T5: "须知·二(一)6；须知·三(一)7"
        case .X1: "须知·四·8"
        case .X2: "须知·四·8；须知·一(五)4"
        case .X3: "须知·一(五)4"
        case .X4: "须知·一(二)"
        case .X5: "须知·四·8"
        case .V0: "须知·一(四)1"
        case .V1: "须知·一(五)3"
        case .V2: "须知·一(五)1"
        case .V3: "须知·一(五)4"
        case .V4: "须知·一(五)5"
        case .V5: "须知·一(五)2"
        case .V6: "须知·一(四)1"
        case .D1, .D6: "须知·四·12"
        case .R1, .R2, .R3: "须知·四·8"
        case .FC1: "须知·一·表；须知·四·1"
        case .PL1: "须知·四·8"
        case .PL2: "须知·一(四)1"
        case .PL3: "须知·二(一)5"
        }
    }

    /// What the rule says, in a few words.
    public var title: String {
        switch self {
        case .CY: "等级工两年一个培训周期，逢双年申报"
        case .N1: "初级工：参加工作满一年且试用期满"
        case .N2: "中级工正常申报：工作年限和初级工证书年限"
        case .N3: "高级工正常申报：工作年限和中级工证书年限"
        case .E2: "中级工提前一年申报"
        case .E3: "高级工提前一年申报"
        case .N4: "技师：高级工证书年限和学历"
        case .N5: "高级技师：技师证书年限和学历"
        case .A1: "近5年年度考核均为合格或优秀"
        case .M1: "最低学历：中级工初中，高级工高中或同等"
        case .K1: "按现岗位工种申报，且该工种开放此等级"
        case .G1: "逐级申报：比现有最高等级高一级"
        case .T1: "转岗人员等级年限从原工种证书起算"
        case .T2: "已转岗人员不得按原工种晋级"
        case .T3: "转岗申报只适用于等级工"
        case .T4: "转岗申报：平级转入或按原证书年限晋级"
        case .T5: "转岗人员申报技师、高级技师须持现工种下一级证书"
        case .X1: "每类破格条件终身只能使用一次"
        case .X2: "破格条件须有记录为证"
        case .X3: "破格条件放宽的年限"
        case .X4: "正常和提前申报均不符合时方可破格"
        case .X5: "审计破格条件的使用，以查验之前是否使用过"
        case .V0: "退役安置和外省调入人员走复核申报"
        case .V1: "按工龄（军龄）复核等级：10年中级工，20年高级工"
        case .V2: "按安置当年的工龄（军龄）复核"
        case .V3: "复核时符合破格条件可放宽工作年限3年"
        case .V4: "复核定级后首次晋升不受本等级年限限制"
        case .V5: "按用人单位人事部门建议复核工种"
        case .V6: "外省调入人员复核确认原等级"
        case .D1: "网上申报截止：等级工、技师4月15日，高级技师7月5日"
        case .D6: "每人每个申报周期只能有一份未撤回的申报"
        case .R1: "更正和删除记录不得破坏已申报所依据的记录"
        case .R2: "人员调动单位仍是同一人，破格使用记录随人"
        case .R3: "合并各单位记录：相同即同一记录，不同须由用户决定"
        case .FC1: "预测：记录不变、只有时间推移，未考核年度按合格计"
        case .PL1: "历史破格使用的等级，当年须未持有同工种该等级或更高的证书"
        case .PL2: "已持有江苏证书的等级及以下，不再复核申报"
        case .PL3: "年度考核：上一年及以前，或当年12月1日起才可登记当年"
        }
    }

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
}
