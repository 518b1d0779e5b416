/// How every text cites a rule: one renderer for a check, used by `explain`, `apply`'s
/// refusal, `materials` and the warnings of `eligible` (Documentation/RULES.md,
/// "Citations"). A rule's clause comes from `RuleID.clause`, and nowhere else.

extension Verdict {
    /// `✓`, `✗` or `!`.
    public var mark: String {
        switch self {
        case .pass: "✓"
        case .fail: "✗"
        case .warning: "!"
        }
    }
}

extension Check {
    /// `✗ N3 须知·一·表：中级工证书2021年取得，须2019年及以前［推算］`: one check on a line
    /// of its own, with its verdict, rule, clause, detail and the status of a policy value
    /// that is not official.
    public var line: String {
        "\(verdict.mark) \(rule.rawValue) \(clause)：\(detail)" + (status.map { "［\($0.chinese)］" } ?? "")
    }

    /// `中级工证书2021年取得，须2019年及以前（N3，须知·一·表）`: one check inside a sentence.
    public var inline: String { "\(detail)（\(rule.citation)）" }
}

extension Check {
    /// The detail: `[一次二等功以上奖励] ` before it when the check is one of a
    /// condition's trial (X1–X3).
    public var detail: String {
        get { (condition.map { "[\(ExceptionalCondition.name(of: $0))] " } ?? "") + bareDetail }
        set {
            let record = self.record
            condition = nil
            finding = .given(newValue, record: record)
        }
    }

    /// The detail without the condition it is about.
    public var bareDetail: String { rendered.detail }

    /// The record looked at, such as `电工中级工证书 2019-06-01` or `2019–2023年度考核`.
    public var record: String? {
        get { rendered.record }
        set { finding = .given(bareDetail, record: newValue) }
    }

    /// The one place a finding becomes words: each rule's texts under its ID.
    var rendered: (detail: String, record: String?) {
        switch finding {
        case .given(let detail, let record):
            return (detail, record)

        // D1
        case .filingOutsideCycle(let filed, let cycle, let deadline):
            return ("申报日期\(filed)不在\(cycle)年申报期内：须在\(cycle)年、截止日\(deadline)之前网上申报", nil)
        case .filed(let filed, let deadline, let grade):
            return (filed <= deadline
                ? "申报日期\(filed)，不晚于截止日\(deadline)（\(grade.deadlineGroup)）"
                : "申报日期\(filed)晚于截止日\(deadline)（\(grade.deadlineGroup)），申报系统已关闭，不予补报", nil)
        case .deadlinePassed(let deadline, let grade):
            return ("本周期网上申报已于\(deadline)截止（\(grade.deadlineGroup)），以下按截止日判断", nil)
        case .deadline(let deadline, let grade):
            return ("网上申报截止日\(deadline)（\(grade.deadlineGroup)）", nil)

        // CY
        case .cycleYear(let cycle, let isCycleYear, let source, let next):
            return (isCycleYear ? "\(cycle)年是等级工申报年" : "\(cycle)年不是等级工申报年（\(source)；下一次为\(next)年）", nil)

        // K1
        case .currentTrade(let trade):
            return ("按现岗位工种\(trade)申报", nil)
        case .notCurrentTrade(let applied, let current):
            return ("申报工种\(applied)不是现岗位工种\(current)", nil)
        case .tradeCeiling(let trade, let max):
            return ("工种\(trade)最高只开放到\(max.chinese)（工种目录，RULES §10）", nil)

        // G1
        case .highestGrade(let held):
            return ("\(Self.held(held))，已是最高等级，无可晋升的等级", nil)
        case .nextGrade(let held, let grade):
            return ("\(Self.held(held))，申报\(grade.chinese)", nil)
        case .notNextGrade(let held, let next, let grade):
            return ("\(Self.held(held))，只能申报\(next.chinese)，不能申报\(grade.chinese)（逐级申报）", nil)

        // A1
        case .noAssessmentDue(let workStart, let window):
            return ("\(workStart)参加工作，考核窗口\(window.lowerBound)–\(window.upperBound)年内尚无应考核年度", Self.label(window))
        case .assessmentsSatisfactory(let a, let workStart):
            let label = Self.label(a.window)
            let counted = a.due.count == a.window.count ? "" : "（\(workStart)年参加工作，计\(a.due.first!)–\(a.due.last!)年）"
            let future = a.pending.isEmpty ? "" : "；\(a.pending.yearList)年度尚未考核，须届时合格"
            let done = a.pending.count == a.due.count ? "\(label)尚未进行，须届时合格" : "\(label)已有记录均为合格或优秀\(counted)\(future)"
            return (a.pending.isEmpty ? "\(label)均为合格或优秀\(counted)" : done, label)
        case .assessmentsUnsatisfactory(let a):
            return (a.unsatisfactory.map { "\($0.year)年\($0.result.chinese)" }.joined(separator: "、") + "，须每年合格或优秀",
                    Self.label(a.window))
        case .assessmentsMissing(let a):
            return ("缺\(a.missing.yearList)年考核记录，年度考核材料将不全", Self.label(a.window))

        // M1
        case .educationWaived(let grade, let needed):
            return ("\(grade.chinese)须\(needed.chinese)及以上；破格条件免除学历要求（X3）", nil)
        case .noEducation(let grade, let needed):
            return ("未登记学历，\(grade.chinese)须\(needed.chinese)及以上", nil)
        case .education(let level, let graduated, let grade, let needed):
            return ("最高学历\(level.chinese)（\(graduated)年毕业），\(grade.chinese)须\(needed.chinese)及以上", "学历 \(level.chinese)")

        // N1
        case .probation(let end, let filing):
            return (end <= filing ? "试用期于\(end)期满" : "试用期\(end)才期满，晚于\(filing)", "试用期满 \(end)")
        case .probationUnknown:
            return ("未登记试用期满时间，按已期满计", nil)

        // N1, N2, N3, E2, E3: the work start, 军龄 counted as 工龄 (须知·一(五)3)
        case .workStart(let start, let military, let latest, let relax):
            return ("参加工作\(start.year)年\(military ? "（入伍时间，军龄计入工龄）" : "")，须\(latest)年及以前\(Self.relaxed(relax))",
                    "参加工作 \(start)")

        // N2, N3, E2, E3: the certificate one grade below
        case .noCertificateInChain(let trades, let below):
            return ("现工种转岗链（\(trades.joined(separator: "←"))）中无\(below.chinese)证书", nil)
        case .gradeYears(let seniority, let latest, let relax, let waivedByV4):
            return ("\(seniority.chinese)，须\(latest)年及以前\(Self.relaxed(relax))" + (waivedByV4 ? "；按V4免本等级年限" : ""),
                    "\(seniority.certificate.trade)\(seniority.grade.chinese)证书 \(seniority.since)")

        // N4, N5; the 成人高等教育专业证书 counts as 大专 (须知·四·6)
        case .technicianCertificate(let seniority, let latest, let relax):
            return ("\(seniority.grade.chinese)证书\(seniority.since)取得，须\(latest)前取得\(Self.relaxed(relax))",
                    "\(seniority.certificate.trade)\(seniority.grade.chinese)证书 \(seniority.since)")
        case .noCertificateBelow(let below):
            return ("现工种转岗链中无\(below.chinese)证书", nil)
        case .technicianEducationWaived:
            return ("\(technicianRequirement)；破格条件免除学历要求（X3）", nil)
        case .technicianEducation(let level, let graduated, let relevant):
            return ("学历\(level.chinese)（\(graduated)年毕业\(relevant ? "，本工种相关" : "")）", "学历 \(level.chinese)")
        case .technicianEducationMissing(let level, let relevant):
            let have = level.map { "现有学历\($0.chinese)\(relevant ? "" : "（非本工种相关）")" } ?? "未登记学历"
            return ("\(have)；\(technicianRequirement)", nil)

        // E2, E3
        case .noEarlyRoute(let grade):
            return ("\(grade.chinese)没有提前一年申报（只适用于中级工、高级工）", nil)
        case .normalOpenNotEarly(let cycle):
            return ("已符合\(cycle)年正常申报，不走提前一年申报", nil)

        // X4
        case .normalOpenNotExceptional(let cycle):
            return ("已符合\(cycle)年正常申报，不走破格", nil)
        case .earlyOpenNotExceptional:
            return ("可提前一年申报，不走破格", nil)
        case .exceptionalOffered(let earlyOffered):
            return (earlyOffered ? "正常申报和提前一年申报均不符合" : "正常申报不符合", nil)
        case .usableConditions(let usable, let others):
            return ("可用破格条件：\(usable.joined(separator: "、"))；其余条件（\(others.joined(separator: "、"))）不可用", nil)

        // X3
        case .relaxation(let r, let opens):
            return ("放宽工作年限\(r.workYears)年、等级年限\(r.gradeYears)年" + (r.waivesEducation ? "、免学历" : "")
                        + (opens ? "后符合" : "后仍不符合"), nil)

        // X2: the evidence's own words (Evidence.swift), which
        // the audit shares.
        case .evidence(let evidence):
            return (evidence.detail, evidence.record)
        case .unknownCondition:
            return ("破格条件目录中没有此条件", nil)
        case .emptyCatalogue:
            return ("破格条件目录为空", nil)
        case .noConditionNamed:
            return ("未指明所用的破格条件（--condition）", nil)

        // X1
        case .categoryUsed(let name, let earlier):
            return ("“\(name)”类已于\(earlier.chineseSummary)使用，每类终身只能使用一次", "破格使用 \(earlier.year)年\(earlier.grade.chinese)")
        case .categoryUnused(let name):
            return ("“\(name)”类尚未使用", nil)

        // V0
        case .reviewOnly(let kind):
            return ("\(kind.chinese)，等级工只能走复核申报", nil)
        case .notReviewed:
            return ("不属复核对象：复核只适用于退役安置人员和持外省证书的调入人员", nil)
        case .reviewLevelOnly:
            return ("复核只适用于等级工", nil)
        case .reviewed(let kind):
            return ("\(kind.chinese)，走复核申报", nil)

        // V1
        case .veteranGrade(let start, let placed, let intermediate, let senior, let base, let grade):
            let counted = "工龄（军龄）自\(start)起至安置当年\(placed)年计\(placed - start.year)年"
            let ladder = "满\(intermediate)年中级工、满\(senior)年高级工"
            if grade == base { return ("\(counted)，按\(ladder)复核为\(base.chinese)", nil) }
            if grade < base { return ("\(counted)，应复核为\(base.chinese)，不低报\(grade.chinese)", nil) }
            return ("\(counted)，按\(ladder)可复核为\(base.chinese)；申报\(grade.chinese)须按V3放宽", nil)

        // V3
        case .veteranRelaxed(let relax, let years, let relaxed, let grade):
            return ("放宽工作年限\(relax)年后按\(years + relax)年计，"
                        + (relaxed >= grade ? "可复核为\(grade.chinese)" : "只可复核为\(relaxed.chinese)"), nil)

        // V6
        case .interProvince(let held, let grade):
            return ("持\(held.province)\(held.trade)\(held.grade.chinese)证书（\(held.issued)），复核确认原等级"
                        + (grade == held.grade ? "，年限从原证书起算" : "，不能复核为\(grade.chinese)"),
                    "\(held.province)\(held.grade.chinese)证书 \(held.issued)")

        // PL2
        case .reviewBelowHeld(let held, let grade):
            return ("已持有江苏\(held.trade)\(held.grade.chinese)证书（\(held.issued)），复核只确认未取得的等级，不再复核申报\(grade.chinese)",
                    "\(held.trade)\(held.grade.chinese)证书 \(held.issued)")
        case .reviewAboveHeld(let held, let grade):
            return ("持有的江苏证书最高为\(held.trade)\(held.grade.chinese)（\(held.issued)），低于复核申报的\(grade.chinese)", nil)

        // V5
        case .reviewTrade(let trade):
            return ("复核工种按用人单位人事部门建议：\(trade)", nil)

        // V2
        case .placedLate(let placed, let filing):
            return ("\(placed)安置，晚于本周期截止日\(filing)，下一周期按安置当年工龄复核", nil)
        case .placed(let placed):
            return ("\(placed)安置，按安置当年（\(placed.year)年）的工龄（军龄）复核", "安置 \(placed)")

        // V4
        case .reviewNotLevel(let review, let grade):
            return ("\(Self.reviewSource(review))；免本等级年限只适用于等级工阶段，\(grade.chinese)不适用", nil)
        case .reviewWaiver(let review):
            return ("\(Self.reviewSource(review))，首次晋升上一个等级不受本等级年限限制", "\(review.grade.chinese)证书 \(review.issued)")
        case .reviewUsed(let review):
            return ("\(Self.reviewSource(review))已非最高等级，复核后首次晋升免年限已经用过", nil)

        // T1
        case .seniority(let s):
            let path = s.transfers.map { "\($0.date)由\($0.from)转\($0.to)" }.joined(separator: "，")
            return ("\(s.grade.chinese)年限从原工种\(s.certificate.trade)证书\(s.since)起算（\(path)）",
                    "\(s.certificate.trade)\(s.grade.chinese)证书 \(s.since)")

        // T2
        case .oldTrade(let applied, let current):
            return ("已转岗人员不可以按转岗前工种\(applied)申报上一个等级，要按新工种\(current)申报", nil)
        case .newTrade(let current):
            return ("按转岗后工种\(current)申报", nil)

        // T3
        case .transferNotLevel(let grade):
            return ("转岗申报只适用于等级工，\(grade.chinese)不得转岗申报", nil)
        case .transferLevel(let grade):
            return ("\(grade.chinese)属等级工，可转岗申报", nil)

        // T4
        case .transferFirst(let current, let held):
            return ("转岗后尚无\(current)证书（原工种\(held.certificate.trade)\(held.grade.chinese)），须先走转岗申报", nil)
        case .notTransferred:
            return ("未登记转岗，不适用转岗申报", nil)
        case .noCertificateBeforeTransfer:
            return ("转岗前未取得等级证书，按初级工正常申报", nil)
        case .holdsCurrentTrade(let current):
            return ("已持现工种\(current)证书，晋级按正常、提前或破格申报", nil)
        case .transferLateral(let held, let trade, let grade):
            return ("\(Self.origin(held))，平级转入\(trade)\(grade.chinese)，不设年限（T4(a)）",
                    "\(held.certificate.trade)\(held.grade.chinese)证书 \(held.since)")
        case .transferTooFar(let held):
            return ("\(Self.origin(held))，转岗申报只能平级或晋升一级", nil)
        case .transferNormal(let held):
            return ("\(Self.origin(held))，晋升一级按正常申报条件（T4(b)）", nil)
        case .transferEarly(let held):
            return ("\(Self.origin(held))，晋升一级按提前一年申报条件（T4(b)）", nil)
        case .transferThresholds(let held):
            return ("\(Self.origin(held))，晋升一级须符合正常或提前申报的年限（T4(b)）", nil)

        // T5
        case .currentTradeCertificate(let trade, let below, let issued):
            return ("持现工种\(trade)\(below.chinese)证书（\(issued)）", "\(trade)\(below.chinese)证书 \(issued)")
        case .noCurrentTradeCertificate(let trade, let below, let grade):
            return ("转岗人员申报\(grade.chinese)须持现工种\(trade)\(below.chinese)证书，可先走转岗申报取得", nil)
        }
    }

    /// G1: the highest grade held, or none.
    private static func held(_ held: Seniority?) -> String {
        held.map { "现有最高等级：\($0.certificate.trade)\($0.grade.chinese)（\($0.certificate.issued)）" } ?? "尚无等级证书"
    }

    /// A1: `2019–2023年度考核`.
    private static func label(_ window: ClosedRange<Int>) -> String { "\(window.lowerBound)–\(window.upperBound)年度考核" }

    /// X3: `（放宽2年）`, or nothing.
    private static func relaxed(_ years: Int) -> String { years > 0 ? "（放宽\(years)年）" : "" }

    /// V4: the review certificate.
    private static func reviewSource(_ review: Certificate) -> String {
        "复核取得\(review.trade)\(review.grade.chinese)证书（\(review.issued)）"
    }

    /// T4: the grade held in the old trade.
    private static func origin(_ held: Seniority) -> String {
        "原工种\(held.certificate.trade)\(held.grade.chinese)（\(held.since)）"
    }

    /// N4, N5: the education the grade needs.
    private var technicianRequirement: String {
        rule == .N4
            ? "技师须本工种相关的中专、技校、高级技工学校、技师学院毕业，或大专及以上，或成人高等教育专业证书"
            : "高级技师须大专及以上或成人高等教育专业证书"
    }
}

extension Grade {
    /// D1: whose deadline applies.
    public var deadlineGroup: String { self == .seniorTechnician ? "高级技师" : "等级工、技师" }
}

// MARK: - The words a finding quotes from its facts

/// X2: what the records evidence for a condition, or lack.
extension Evidence {
    /// What was found or is missing, in Chinese: written only when read, since the
    /// engine tries every condition for every person and shows the words of few.
    public var detail: String {
        switch self {
        case .excellentYears(let year): "\(year)、\(year + 1)年连续两年年度考核优秀"
        case .militaryHonours(let year): "服役期间\(year)、\(year + 1)年连续两年获优秀士兵、优秀士官或三等功等奖励（须知·一(五)4）"
        case .relevantDegree(let degree):
            "\(degree.level.chinese)（\(degree.graduated.year)年毕业\(degree.major.map { "，\($0)专业" } ?? "")），与本工种相关"
        case .meritAward(let award): "\(award.date.year)年获\(award.name)"
        case .noExcellentYears(let window, let militaryHonours):
            "\(window.lowerBound)–\(window.upperBound)年度考核中没有连续两年优秀" + (militaryHonours ? "，也没有连续两年的优秀士兵等奖励" : "")
        case .noDegree(let cutoff): "\(cutoff)前未登记大专及以上学历"
        case .degreeNotRelevant: "大专及以上学历未登记为本工种相关专业（--relevant）"
        case .noMeritAward(let cutoff): "\(cutoff)前未登记二等功及以上奖励"
        case .declared(let name): "“\(name)”无对应记录类型，以经办人声明为准，审计时列为 declared-evidence 供人工核查"
        }
    }

    /// The record that evidences it, when one does.
    public var record: String? {
        switch self {
        case .excellentYears(let year): "\(year)–\(year + 1)年度考核"
        case .militaryHonours(let year): "奖励 \(year)–\(year + 1)"
        case .relevantDegree(let degree): "学历 \(degree.level.chinese)"
        case .meritAward(let award): "奖励 \(award.name) \(award.date)"
        default: nil
        }
    }
}

/// G1, N2, N3: the certificate a grade's seniority runs from.
extension Seniority {
    /// `初级工证书2019年取得（电工）` or, through a transfer, `…（原工种汽车驾驶与管理，T1）`.
    public var chinese: String {
        let via = certificate.trade == trade ? certificate.trade : "原工种\(certificate.trade)，T1"
        return "\(grade.chinese)证书\(since.year)年取得（\(via)）"
    }
}

/// V0: why the person's review is open to them.
extension Subject.ReviewKind {
    var chinese: String {
        switch self {
        case .veteran(let placed): "退役安置人员（\(placed)安置）"
        case .interProvince(let held): "外省调入人员（持\(held.province)\(held.grade.chinese)证书）"
        }
    }
}

/// X1: an earlier use, as a refusal names it.
extension ExceptionalUse {
    /// `2020年中级工（历史审批表）`: what a refusal names.
    public var chineseSummary: String { "\(year)年\(grade.chinese)（\(source.chinese)）" }
}
