import GongQinCore

/// The words of what Core's checks find (Documentation/ARCHITECTURE.md, “Wording”):
/// every `RecordProblem` as the Chinese line the clerk reads. Core returns typed values;
/// this file alone words them.
extension RecordProblem {
    var chinese: String {
        switch self {
        case .future(let subject, let day, let today):
            "\(subject.chinese)\(day)晚于今天（\(today)）"
        case .bornAfterToday:
            "身份证号中的出生日期晚于今天"
        case .empty(let subject):
            "\(subject.chinese)为空"
        case .missing(let subject):
            "缺少\(subject.chinese)"
        case .underAge(let subject, let day, let years, let born):
            "\(subject.chinese)\(day)时未满\(years)周岁（出生于\(born)）"
        case .holderUnderAge(let issued, let years):
            "发证时间\(issued)时持证人未满\(years)周岁"
        case .graduatedYoung(let graduated, let years):
            "毕业时间\(graduated)时未满\(years)周岁，请核对"
        case .before(let subject, let day, let earlier, let earlierDay):
            "\(subject.chinese)\(day)早于\(earlier.chinese)\(earlierDay)"
        case .endsBeforeStart(let to, let from):
            "任职截止时间\(to)早于起始时间\(from)"
        case .beforeBirth(let subject, let day):
            "\(subject.chinese)\(day)早于出生日期"
        case .withoutEnlisted(let subject):
            "有\(subject.chinese)，缺入伍时间" + (subject == .placed ? "：复核按军龄计算（\(RuleID.V1.definition.clause)）" : "")
        case .sameTrade(let trade):
            "转入工种与现工种相同（\(trade)）"
        case .notFromPreviousTrade(let from, let previousDate, let previousTo):
            "转出工种\(from)与上一次转岗（\(previousDate)）转入的工种\(previousTo)不符"
        case .notAfterPreviousTransfer(let date, let previous):
            "转岗时间\(date)不晚于上一次转岗（\(previous.date)，\(previous.from)→\(previous.to)）"
        case .assessmentTooEarly(let year, let madeFrom, let today):
            "\(year)年度考核要到\(madeFrom)起才进行，今天是\(today)，不能先登记（\(RuleID.PL3.citation)）"
        case .yearBeforeSeniority(let subject, let year, let start):
            "\(subject.chinese)\(year)早于工龄起算时间\(start)（参加工作或入伍，取早者）"
        case .yearAfterThisYear(let subject, let year, let thisYear):
            "\(subject.chinese)\(year)晚于今年（\(thisYear)）"
        case .outsideRange(let subject, let range):
            "\(subject.chinese)须在\(range.lowerBound)到\(range.upperBound)之间"
        case .heldGrade(let name, let year, let grade, let held):
            "\(name)\(year)年破格申报\(grade.chinese)不合情理：此前已持有\(held.trade)\(held.grade.chinese)证书"
                + "（\(held.issued)\(held.number.map { "，编号\($0)" } ?? "")），请核对审批表的年度和等级（\(RuleID.PL1.citation)）"
        case .overlapsJob(let other, let bothCurrent):
            "与已登记的工作经历“\(other.formLine)”时间重叠" + (bothCurrent ? "：现任岗位（不写截止时间的一段）只能有一段" : "")
        case .refusedCharacter(let subject, let character):
            "\(subject.chinese)含有\(TextSafety.refusedCharacter(in: String(character)) ?? "")，不能保存；请删去后重新输入"
        case .formulaStart(let subject, let name, let first):
            "\(subject.chinese)“\(name.clipped())”以“\(first)”开头，Excel/WPS 会当作公式，不能保存；请去掉开头的符号"
        case .tooLong(let subject, let length, let limit):
            "\(subject.chinese)有\(length)个字，超过上限\(limit)个字，请缩短后重新输入"
        case .nameNotFolded(let name, let folded):
            "姓名“\(name.clipped())”不是规范写法，应为“\(folded.clipped())”（去掉首尾空白和汉字间的空格，间隔号写作·）"
        case .sexUnreadable(let sex):
            "性别“\(sex.clipped())”应写作男或女"
        case .sexDiffers(let sex, let id):
            "性别“\(sex)”与身份证号 \(id.masked) 不符：第17位为\(id.sex == .male ? "奇数，是男性" : "偶数，是女性")（GB 11643）"
        case .birthDiffers(let text, let id):
            "出生年月“\(text.clipped())”与身份证号 \(id.masked) 中的出生日期\(id.birthDate)不符"
        case .birthUnreadable(let text, let id):
            "出生年月“\(text.clipped())”不是日期，应写作 \(id.birthDate.chineseMonth) 或 "
                + "\(id.birthDate.year)-\(id.birthDate.month < 10 ? "0" : "")\(id.birthDate.month)"
        }
    }
}

extension RecordProblem.Subject {
    /// The field as the problem's words name it: 参加工作时间, 岗位（职务）.
    var chinese: String {
        switch self {
        case .personName: "姓名"
        case .workStart: "参加工作时间"
        case .enlisted: "入伍时间"
        case .discharged: "退役时间"
        case .placed: "安置时间"
        case .probationEnd: "试用期满时间"
        case .fromProvince: "调出省份"
        case .issued: "发证时间"
        case .certificateNumber: "证书编号"
        case .certificateProvince: "发证省份"
        case .authority: "发证机关"
        case .transferDate: "转岗时间"
        case .assessmentYear: "考核年度"
        case .graduated: "毕业时间"
        case .awardDate: "获奖时间"
        case .awardName: "奖励名称"
        case .trainingDate: "继续教育时间"
        case .trainingName: "继续教育名称"
        case .hours: "学时"
        case .useYear: "使用年度"
        case .note: "备注"
        case .jobFrom: "任职起始时间"
        case .jobTo: "任职截止时间"
        case .jobUnit: "工作单位"
        case .post: "岗位（职务）"
        case .unitName: "单位名称"
        case .department: "主管部门"
        case .district: "区域"
        case .tradeName: "工种名称"
        case .tradeCategory: "工种类别"
        case .conditionName: "破格条件名称"
        case .clause: "依据条款"
        case .label(let label): label
        }
    }
}
