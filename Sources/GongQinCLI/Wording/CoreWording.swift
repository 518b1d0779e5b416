import GongQinCore

/// The words of what Core's checks find (Documentation/ARCHITECTURE.md, “A new command”):
/// every `RecordProblem` as the Chinese line the clerk reads, and Core's other typed findings
/// after it. Core returns typed values; this file alone words them.
extension RecordProblem {
    /// The problem as the one line of a field's problem: its message, then its hint.
    var chinese: String { gongqin.line }

    /// The problem as the error of a command: invalid data (exit 65).
    var gongqin: GongQinError { .invalid(message, hint: hint) }

    /// How to fix it, where the words say.
    var hint: String? {
        switch self {
        case .idNumberMangled: "请在 Excel/WPS 中把身份证号列设为“文本”格式，重新录入号码后保存"
        case .dayAfterToday: "只能登记已发生的日期"
        default: nil
        }
    }

    var message: String {
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
        case .rosterTradeMissing:
            "缺少工种（或申报工种）"
        case .appliedTradeDiffers(let applied, let trade):
            "申报工种\(applied)与工种\(trade)不同：须按现岗位工种申报（K1）"
        case .levelWithoutGraduation:
            "有学历，缺毕业时间：学历须连同毕业时间登记"
        case .graduationWithoutLevel:
            "有毕业时间，缺学历"
        case .heldWithoutTrade(let subject):
            "有\(subject.chinese)，缺原持证工种"
        case .heldPartsDiffer(let subject, let count, let trades):
            "原持证工种有\(trades)个，\(subject.chinese)有\(count)个：转岗人员两证的各项须一一对应，以“；”分隔"
        case .heldTradeEmpty:
            "原持证工种有空项"
        case .transferDatesMissing(let chain):
            "原持证工种\(chain.dropLast().joined(separator: "、"))与现工种\(chain.last ?? "")不同，是转岗人员："
                + "须在转岗时间列写明每次转岗的时间（\(RuleID.T1.citation)），或先用 gongqin import transfers 导入转岗记录"
        case .transferDatesWithoutChange:
            "有转岗时间，但原持证工种与现工种相同：转岗前的证书须写在原持证工种列，原工种在前"
        case .transferDatesDiffer(let chain, let dates):
            "工种变了\(chain.count - 1)次（\(chain.joined(separator: "→"))），转岗时间有\(dates)个：每次转岗一个时间，以“；”分隔"
        case .idNumberMangled(let text, let mangling):
            "身份证号“\(text.clipped(24))”已被 Excel 当作数字\(mangling.chinese)，原号码已丢失"
        case .idNumberInvalid(let text, let invalid):
            "身份证号“\(text.clipped(24))”无效：\(invalid.chinese)"
        case .dayUnreadable(let subject, let error):
            "\(subject.chinese)：\(error.chinese)"
        case .dayAfterToday(let subject, let day, let today):
            "\(subject.chinese)\(day)晚于今天（\(today)）"
        case .yearOutOfRange(let subject, let year, let range):
            "\(subject.chinese)\(year)超出范围（\(range.lowerBound)–\(range.upperBound)）"
        case .notInteger(let subject, let text):
            "\(subject.chinese)“\(text.clipped())”不是整数"
        case .notYesOrNo(let subject, let text):
            "\(subject.chinese)“\(text.clipped())”应为“是”或“否”（也可写 true/false、1/0、y/n）"
        case .ambiguousValue(let subject, let text, let either):
            "\(subject.chinese)“\(text.clipped())”可指多个，是否指 \(either)？"
        case .unknownValue(let subject, let text, let choices):
            "\(subject.chinese)“\(text.clipped())”无效，可选：\(choices)"
        }
    }
}

extension Values.ExcelMangling {
    /// What follows 已被 Excel 当作数字.
    var chinese: String {
        switch self {
        case .scientific: "，存成了科学计数法"
        case .fifteenDigits: "，只保留了前15位（末三位成了000）"
        }
    }
}

extension RecordProblem.Subject {
    /// The field as the problem's words name it: 参加工作时间, 岗位（职务）. A field of a
    /// kind with a spec by its label there, as its file column and the log name it. Three
    /// of a post are named as the approval form names them (任职起始时间, 任职截止时间,
    /// 岗位（职务）, RULES F1), and a unit's and a trade's name and a trade's category
    /// with their kind (单位名称, 工种名称, 工种类别), as the store's own problems name them.
    var chinese: String {
        switch self {
        case .personName: Person.field("name").label
        case .workStart: Person.field("work-start").label
        case .enlisted: Person.field("enlisted").label
        case .discharged: Person.field("discharged").label
        case .placed: Person.field("placed").label
        case .probationEnd: Person.field("probation-end").label
        case .fromProvince: Person.field("from-province").label
        case .issued: Certificate.field("issued").label
        case .certificateNumber: Certificate.field("number").label
        case .certificateProvince: Certificate.field("province").label
        case .authority: Certificate.field("authority").label
        case .transferDate: Transfer.field("date").label
        case .assessmentYear: AnnualAssessment.field("year").label
        case .graduated: Education.field("graduated").label
        case .awardDate: Award.field("date").label
        case .awardName: Award.field("name").label
        case .trainingDate: Training.field("date").label
        case .trainingName: Training.field("name").label
        case .hours: Training.field("hours").label
        case .useYear: "使用年度"
        case .note: "备注"
        case .heldCertificateGrade(let n): (n.map { "第\($0)个" } ?? "") + "原等级"
        case .heldCertificateIssued(let n): (n.map { "第\($0)个" } ?? "") + "取证时间"
        case .jobFrom: "任职起始时间"
        case .jobTo: "任职截止时间"
        case .jobUnit: Job.field("unit").label
        case .post: "岗位（职务）"
        case .unitName: "单位名称"
        case .department: Unit.field("department").label
        case .district: Unit.field("district").label
        case .tradeName: "工种名称"
        case .tradeCategory: "工种类别"
        case .conditionName: "破格条件名称"
        case .clause: "依据条款"
        case .label(let label): label
        }
    }
}

extension HeaderProblem {
    /// The problems of a header its error names; the rest are counted.
    static let problemsShown = 5

    /// The error of an import whose header is wrong: invalid data (exit 65), with the
    /// header the command reads as the way out.
    var gongqin: GongQinError {
        switch self {
        case .empty(let layout):
            return .invalid("\(layout.chinese)文件是空的，没有表头行", hint: "第一行须为表头，如 身份证号,姓名,…")
        case .columns(let layout, let problems, let row):
            // One short line, however wide the header: the first few problems and a count.
            let shown = problems.prefix(Self.problemsShown).map { $0.chinese(in: layout) }.joined(separator: "；")
                + (problems.count > Self.problemsShown ? "；……共\(problems.count)处" : "")
            return .invalid((row.map { "第\($0)行：" } ?? "") + "\(layout.chinese)文件的表头不对：\(shown)",
                            hint: "表头用 \(layout.command) 的长选项名或中文名：" + layout.fields.map { "\($0.name)/\($0.label)" }.joined(separator: ","))
        case .notFound:
            return GongQinError(.internalError, "表头查找出错")
        }
    }
}

extension HeaderProblem.Column {
    func chinese(in layout: HeaderProblem.Layout) -> String {
        switch self {
        case .unknown(let column, let name): "第\(column)列“\(name.clipped())”不是\(layout.chinese)文件的列"
        case .repeated(let column, let name, let earlier): "第\(column)列“\(name.clipped())”与第\(earlier)列重复"
        case .missing(let groups):
            "缺少必填列：" + groups.map { group in group.map { "\($0.name)（\($0.label)）" }.joined(separator: "或") }.joined(separator: "、")
        }
    }
}

// MARK: - The audit of earlier 破格 use (Exceptional/Audit.swift)

extension Audit.Kind {
    /// The kind as the audit's table and the report name it.
    var chinese: String {
        switch self {
        case .exceptionalCertWithoutUse: "破格取得的证书没有对应的破格使用记录"
        case .useWithoutEvidence: "破格使用缺少证明记录"
        case .categoryUsedTwice: "同一类破格条件使用了两次"
        case .declaredEvidence: "经办人声明的条件，须人工核查"
        }
    }
}

extension Audit.Finding {
    /// What was found, with the rules it cites: the 说明 of the audit's line.
    var detail: String { issue.chinese + "（\(RuleID.cite(issue.rules))）" }
}

extension Audit.Issue {
    var chinese: String {
        switch self {
        case .certificateWithoutUse(let certificate):
            "\(certificate.trade)\(certificate.grade.chinese)证书（\(certificate.issued)\(certificate.number.map { "，\($0)" } ?? "")）为破格取得，"
                + "但没有\(certificate.grade.chinese)的破格使用记录：请从当年审批表查明所用条件，用 exceptional record 登记"
        case .categoryUsedTwice(let label, let uses):
            "“\(label)”类使用了\(uses.count)次：" + uses.map(\.chineseSummary).joined(separator: "、") + "；每类终身只能使用一次"
        case .declared(let use, let condition):
            "\(use.chineseSummary)使用“\(condition)”，无记录可证，请核对证明材料"
        case .withoutEvidence(let use, let condition, let evidence):
            "\(use.chineseSummary)使用“\(condition)”，但记录中\(evidence.detail)"
        }
    }
}

// MARK: - The forecast (Rules/Forecast.swift)

extension Forecast {
    /// The assumptions of FC1, as the forecast's notes print them.
    static let assumptions = [
        "尚未考核的年度一律按“合格”计（FC1）",
        "不计今后新取得的证书、转岗和破格使用，记录保持现状（FC1）",
        "没有正式文件的年度按2024年须知推算的推算值判断（FC1，RULES §2）",
    ]
}

// MARK: - A verdict and an evaluation's notes (Rules/Decision.swift, Rules/Engine.swift)

extension Verdict {
    var chinese: String {
        switch self {
        case .pass: "符合"
        case .fail: "不符合"
        case .warning: "提示"
        }
    }
}

extension Evaluation {
    /// The notes on the cycle as a whole, as `explain` prints them: the policy's, then an
    /// application already filed, then a highest grade with nowhere further to go.
    var chineseNotes: [String] {
        var notes = self.notes.map(\.chinese)
        if let filed {
            notes.append("已于\(filed.filedOn)申报\(filed.cycle)年\(filed.grade.chinese)·\(filed.module.chinese)（编号\(filed.id)，\(filed.status.chinese)）")
        }
        if holdsHighestGrade {
            notes.append("已持高级技师证书，已是最高等级（\(RuleID.G1.citation)）")
        }
        return notes
    }
}

extension OptionDecision {
    /// What the option warns about the person: each warning check, inline.
    var personalWarnings: [String] { warningChecks.map(\.inline) }

    /// The notes on the provisional and assumed values the option rests on, which every
    /// option of the cycle shares.
    var valueNotes: [String] { unofficialValues.compactMap(\.note) }

    /// Both, as `eligible`'s JSON and CSV and `explain`'s JSON list them.
    var warnings: [String] { personalWarnings + valueNotes }
}

extension ValueStatus {
    /// The note on a decision that rests on a value of this status, made once: every
    /// option of a cycle shares it (`eligible` over a province writes it on each line).
    var note: String? {
        switch self {
        case .provisional: Self.provisionalNote
        case .assumed: Self.assumedNote
        case .official: nil
        }
    }

    private static let provisionalNote = "本结论依据推算值（按\(Policy.noticeYear)年须知推算，待正式文件公布后以正式文件为准）"
    private static let assumedNote = "本结论依据假定值（须知未载明破格放宽年限，采用假定值，RULES X3）"
}

extension CycleNote {
    /// The note as `eligible`, `explain` and `report` print it.
    var chinese: String {
        switch self {
        case .notLevelCycleYear(let year):
            "\(year)年不是等级工申报年，本年只受理技师、高级技师（\(RuleID.CY.citation)）"
        case .deadlinesPassed(let year, let deadlines):
            "\(year)年网上申报已于"
                + deadlines.map { "\($0.day)（\(($0.seniorTechnician ? Grade.seniorTechnician : .technician).deadlineGroup)）" }
                    .joined(separator: "、")
                + "截止，不予补报；以下按截止日判断（\(RuleID.D1.citation)）"
        }
    }
}

// MARK: - A value echoed in a message

extension String {
    /// The text, cut to `limit` characters with an ellipsis: what an error message echoes
    /// of a value, so that a 10 MB cell does not become a 10 MB line.
    func clipped(_ limit: Int = 40) -> String {
        count <= limit ? self : String(prefix(limit)) + "…（共\(count)字）"
    }
}

// MARK: - A refused character (Values/TextSafety.swift)

extension TextSafety {
    /// The first refused character of `text`, named for a message: `控制字符（U+001B，如换行、
    /// 制表符或终端控制码）` or `不可见的格式字符（U+202E，…）`; nil when there is none.
    static func refusedCharacter(in text: String) -> String? {
        guard let scalar = firstRefused(in: text) else { return nil }
        return isControl(scalar)
            ? "控制字符（\(codePoint(scalar))，如换行、制表符或终端控制码）"
            : "不可见的格式字符（\(codePoint(scalar))，如文字方向控制符、零宽字符或行分隔符，会使两段不同的文字看起来一样）"
    }
}

// MARK: - The nearest name (Values/NameMatch.swift)

extension NameMatch {
    /// `是否指“电工”？可用 gongqin trade list 查看全部`, or only where to see them all.
    static func hint(for query: String, in candidates: some Sequence<String>, listCommand: String) -> String {
        if let near = nearest(to: query, in: candidates) {
            return "是否指“\(near)”？可用 \(listCommand) 查看全部"
        }
        return "可用 \(listCommand) 查看全部"
    }
}

// MARK: - Dates (Values/Day.swift)

extension Day {
    /// `2019年7月1日`, as a sentence writes a date.
    var chinese: String { "\(year)年\(month)月\(day)日" }
}

extension Day.ParseError {
    /// A Chinese sentence naming the problem, for the clerk.
    var chinese: String {
        switch self {
        case .empty: return "日期为空"
        case .malformed(let t): return "“\(t.clipped())”不是日期，应写作 YYYY-MM-DD，如 2019-07-01"
        case .impossible(let t): return "“\(t.clipped())”不是真实存在的日期"
        case .monthNotAllowed(let t): return "“\(t.clipped())”只有年月，这里须写到日：YYYY-MM-DD"
        case .ambiguous(let t):
            let year = t.prefix(4)
            return "“\(t.clipped())”有两种读法：\(year)-01 或 \(year)-10（Excel 会把 \(year).10 存成 \(year).1），请写作 \(year)-01 或 \(year)-10"
        case .serial(let t, let day):
            return "“\(t.clipped())”像是 Excel 的日期序号（即 \(day)），不是日期：请在 Excel/WPS 中把该列设为“文本”或“日期”格式后重新保存，或直接导入 .xlsx 文件"
        }
    }
}

// MARK: - A text that is no identity number (Values/IDNumber.swift)

extension IDNumber.Invalid {
    var chinese: String {
        switch self {
        case .length(let n): "身份证号应为18位，这里是\(n)位"
        case .characters: "身份证号前17位须为数字，最后一位为数字或X"
        case .region(let r): "身份证号的地区码“\(r)”无效（前两位须为省级代码，后四位不能全为0）"
        case .birthDate(let d): "身份证号中的出生日期“\(d)”不是真实日期"
        case .birthDateInFuture(let d): "身份证号中的出生日期“\(d)”晚于今天"
        case .checkCharacter(let expected, let found): "身份证号校验位错误：最后一位应为\(expected)，不是\(found)，请核对号码"
        }
    }
}

// MARK: - Materials: the lists the notice has none of

extension MaterialListRefusal {
    /// The refusal of a grade and module the notice has no list of materials for, citing
    /// the rule that closes the combination.
    var gongqin: GongQinError {
        switch self {
        case .transfer(let grade):
            .refused("转岗申报只适用于等级工，\(grade.chinese)不得转岗申报（\(RuleID.T3.citation)），须知没有\(grade.chinese)转岗申报的材料清单",
                     hint: "\(grade.chinese)请按正常申报或破格申报列出材料")
        case .review(let grade):
            .refused("复核申报只适用于等级工（\(RuleID.V0.citation)），须知没有\(grade.chinese)复核申报的材料清单",
                     hint: "\(grade.chinese)请按正常申报或破格申报列出材料")
        case .early(let grade):
            .refused("提前一年申报只适用于中级工、高级工（E2、E3，\(RuleID.E2.clause)），\(grade.chinese)没有提前一年申报",
                     hint: "请按正常申报列出材料")
        }
    }
}

// MARK: - Policy documents: their limits and their inconsistencies

extension JSONLimits.Problem {
    /// What follows 策略文件未载入：.
    var chinese: String {
        switch self {
        case .tooLarge(let bytes): "文件有\(bytes / 1024) KB，超过上限\(JSONLimits.maximumBytes / 1024) KB"
        case .stringTooLong(let characters): "有一个字符串长\(characters)个字，超过上限\(JSONLimits.maximumString)个字"
        case .refusedCharacter(let text, let character):
            "字符串“\(text.clipped())”含有\(TextSafety.refusedCharacter(in: String(character)) ?? "")"
        case .duplicateKey(let key): "键“\(key.clipped())”在同一个对象中出现了两次，无法确定用哪个值"
        }
    }
}

extension PolicyProblem {
    /// One line of the details of 策略文件前后不一致, naming the keys of the document.
    var chinese: String {
        switch self {
        case .yearOutOfRange(let year, let years):
            "year \(year) 超出范围（\(years.lowerBound)–\(years.upperBound)）"
        case .originEmpty:
            "origin 为空：请写明文件名称和文号"
        case .sourceEmpty(let key):
            "\(key).source 为空：请写明条款"
        case .thresholdNotBefore(let key, let value, let year):
            "\(key) = \(value)：须早于申报年度\(year)"
        case .earlyWorkStartEarlier(let grade, let early, let normal):
            "\(grade.rawValue)Early.workStartBy（\(early)）不能早于 \(grade.rawValue)Normal（\(normal)）：提前一年申报的条件只能更宽"
        case .earlyCertificateEarlier(let grade, let early, let normal):
            "\(grade.rawValue)Early.certificateBy（\(early)）不能早于 \(grade.rawValue)Normal（\(normal)）"
        case .seniorWorkStartLater(let senior, let intermediate):
            "seniorNormal.workStartBy（\(senior)）不能晚于 intermediateNormal.workStartBy（\(intermediate)）"
        case .dayNotBefore(let key, let day, let year):
            "\(key) = \(day)：须早于申报年度\(year)"
        case .dayOutsideYear(let key, let day, let year):
            "\(key) = \(day)：须在\(year)年内"
        case .examOutsideYear(let exam, let year):
            "technicianExam = \(exam)：须在\(year)年内、网上申报截止之后"
        case .assessmentFromAfterTo(let from, let to):
            "assessmentFrom（\(from)）晚于 assessmentTo（\(to)）"
        case .assessmentWindow(let from, let to):
            "assessmentFrom–assessmentTo \(from)–\(to)：须在申报年度之前，且不超过10年"
        case .reviewYearsOutOfOrder:
            "review：须 0 < intermediateYears < seniorYears ≤ 40"
        case .reviewRelaxationOutOfRange:
            "review.relaxationYears 须在0到10之间"
        case .unknownCondition(let code):
            "relaxations.\(code)：破格条件目录中没有此条件（见 gongqin exceptional conditions）"
        case .relaxationOutOfRange(let code):
            "relaxations.\(code)：放宽年限须在0到10年之间"
        }
    }
}

// MARK: - Policy: a parameter's value as policy show lists it

extension PolicyValue {
    /// `2015年`, `2024-04-15`, `待公布`, `工作年限1年、等级年限1年`.
    var chinese: String {
        switch self {
        case .year(let year): "\(year)年"
        case .years(let years): "\(years)年"
        case .day(let day): day.description
        case .optionalDay(let day): day?.description ?? "待公布"
        case .flag(let on, let yes, let no): on ? yes : no
        case .level(let level): level.chinese
        case .relaxation(let r):
            "工作年限\(r.workYears)年、等级年限\(r.gradeYears)年" + (r.waivesEducation ? "、免学历" : "")
        }
    }
}

// MARK: - The approval form: the remark and the findings of a draft

extension ApprovalForm.RemarkProblem {
    /// The refusal of an employer remark: invalid data (exit 65).
    var gongqin: GongQinError {
        switch self {
        case .empty:
            .invalid("工作业绩评语不能为空：没有奖励的人员工作业绩栏不能为空（\(Formality.F1.citation(paragraph: "3(3)"))）",
                     hint: "请写几句工作鉴定，如“\(ApprovalForm.defaultRemark)”")
        case .tooLong(let characters):
            .invalid("工作业绩评语超过\(ApprovalForm.remarkLimit)个字（\(characters)个字）", hint: "请写几句简短的工作鉴定")
        }
    }
}

extension ApprovalForm.Finding {
    /// A note of the draft, after 注：.
    var chinese: String {
        switch self {
        case .educationMissing: "未登记学历，学历栏须补填"
        case .noCertificate: "未持等级证书，原持证技术工种栏空"
        case .noCertificateInCurrentTrade(let trade): "转岗后尚无现工种\(trade)证书，原持证技术工种填转岗前的证书（\(Formality.F1.citation(paragraph: "2"))）"
        case .certificatesSideBySide: "转岗人员：转岗前后两个证书的工种、证书号码、取证时间并排填写，汇总名册相同（\(Formality.F1.citation(paragraph: "2"))）"
        case .certificateNumberMissing: "有证书未登记编号，证书号码栏须补填"
        case .workHistoryDerived: "未登记工作经历，工作简历按参加工作时间、现单位和现工种推得，请核对补全（job add）"
        case .serviceInWorkHistory: "服役经历按入伍、退役时间列入工作简历，请填写部队名称"
        case .remarkForAchievements: "未登记奖励，工作业绩栏填写用人单位评语，不能为空（\(Formality.F1.citation(paragraph: "3(3)"))）"
        }
    }
}

// MARK: - Materials: the check of a folder of scans

extension FolderProblem {
    /// One line: what is wrong with the file (or the item) and how to fix it.
    var chinese: String {
        let name = file ?? ""
        let naming = "（\(Formality.materials.clause)）"
        switch detail {
        case .subfolder:
            return "“\(name)”是子文件夹，其中的文件未检查；上传时只传本文件夹中按序号命名的文件"
        case .notRegular:
            return "“\(name)”不是普通文件（命名管道、设备或套接字），未读取，已跳过；上传时不要选它"
        case .systemFile:
            return "“\(name)”是系统自动生成的文件，上传时不要选它（不影响检查）"
        case .numberMissing(let item):
            return "“\(name)”缺序号，应命名为“\(item.fileName)”\(naming)"
        case .numberWrong(let item):
            return "“\(name)”序号不对：“\(item.short)”是第\(item.number)项，应命名为“\(item.fileName)”\(naming)"
        case .extensionWrong(let item):
            let what = item.kind == .photo ? "扩展名不对：照片须为jpg" : "扩展名不对：每项须扫描为一个PDF"
            return "“\(name)”\(what)，应命名为“\(item.fileName)”\(naming)"
        case .shortWrong(let item):
            return "“\(name)”简称不对：第\(item.number)项的简称是“\(item.short)”，应命名为“\(item.fileName)”\(naming)"
        case .notApplicable(let gap):
            return "“\(name)”：第\(gap.number)项“\(gap.item.short)”不适用于本人（\(gap.chineseNote)），请移出文件夹"
        case .notInList(let list, let first, let last):
            return "“\(name)”不是本清单的材料（\(list.chinese)清单序号\(first)–\(last)，\(list.clause)），请按“序号+简称”改名或移出文件夹"
        case .duplicate(let item, let files):
            let listed = files.map { "“\($0)”" }.joined()
            return "第\(item.number)项有\(files.count)个文件：\(listed)；一个序号只能一个文件，请合并为“\(item.fileName)”\(naming)"
        case .missing(let item):
            return "缺少第\(item.number)项“\(item.fileName)”：\(item.title)"
        case .unreadable:
            return "无法读取“\(name)”，请检查文件权限后重试"
        case .empty:
            return "“\(name)”是空文件（0字节），请重新扫描"
        case .notPDF(let actual):
            return "“\(name)”不是真正的PDF（PDF文件以 %PDF- 开头，这个文件\(actual.chinese)），请重新扫描或另存为PDF"
        case .notJPEG(let actual):
            return "“\(name)”不是真正的JPEG（JPEG文件以 FF D8 FF 开头，这个文件\(actual.chinese)），请另存为jpg"
        case .photoTooLarge(let bytes, let item):
            let clause = item.map { "，\($0.clause)" } ?? ""
            return "照片“\(name)”大小\(FolderCheck.megabytes(bytes))（\(bytes)字节），超过2MB（照片大小不超过2M\(clause)），请压缩后再上传"
        }
    }
}

extension FileSignature {
    /// What follows 这个文件.
    var chinese: String {
        switch self {
        case .pdf: "是PDF"
        case .jpeg: "是JPEG图片"
        case .png: "实际是PNG图片"
        case .gif: "实际是GIF图片"
        case .bmp: "实际是BMP图片"
        case .tiff: "实际是TIFF图片"
        case .heic: "实际是HEIC等手机照片格式"
        case .zip: "实际是Word/Excel文档或压缩包"
        case .ole: "实际是旧版Word/Excel文档"
        case .unknown: "的开头不是这两种格式"
        }
    }
}

// MARK: - Materials: the note of each item (Materials/MaterialsBuilder.swift)

extension MaterialEntry {
    /// The note of the item, as `materials` lists it and a folder check names a gap by it.
    var chineseNote: String { note.chinese(of: item, required: required) }
}

extension SelectionExam {
    /// Whether the applicant sits the technician selection exam, and why (D2).
    var chinese: String {
        if let failed = exemptingApplication {
            return "\(failed.cycle)年申报技师、省综合评审未通过，今年重新申报，不需参加技师选拔考试（\(Formality.D2.citation)）"
        }
        let date = examDate.map { "\($0)" } ?? "日期待公布"
        return "须参加技师选拔考试（\(date)）；往年省综合评审未通过、重新申报的人员才可免考（\(Formality.D2.citation)）"
    }
}

extension MaterialNote {
    /// The note of `item`, a `required` one or not: what the records say of it, citing
    /// the rules and clauses it rests on.
    func chinese(of item: MaterialItem, required: Bool) -> String {
        switch self {
        case .form(let filing, let exam):
            return (["在申报系统里将内容填写完整后下载，一式两份（\(Formality.F1.citation)）", filing.chinese] + (exam.map { [$0.chinese] } ?? []))
                .joined(separator: "；")
        case .identity(let name, let id):
            return "\(name)，\(id.sex.chinese)，\(id.birthDate.chinese)生；原样复印、不放大，复印在A4纸中间（须知·六·5）"
        case .photo:
            return "\(item.title)；上传文件为jpg，不超过2MB"
        case .education(let best):
            guard let best else { return "未登记学历，请核对后登记；大专及以上须附认证材料（\(Formality.D5.citation)）" }
            return "\(best.chineseSummary)：\(best.verification)（\(Formality.D5.citation)）"
        case .assessments(let years, let workStart):
            return years.chinese(workStart: workStart)
        case .training(let trainings):
            guard !trainings.isEmpty else { return "所有继续教育证书或培训合格证明；未登记继续教育记录，请核对" }
            let listed = trainings.map { t in "\(t.date.year)年\(t.name)" + (t.hours.map { "（\($0)学时）" } ?? "") }
            return "所有继续教育证书，已登记\(trainings.count)份：\(listed.joined(separator: "、"))；2021年起为电子证书（须知·六·4）"
        case .certificates(let held, let basis, let trade):
            return (required ? "" : "退役安置人员可不提供；") + held.chinese(basis: basis, trade: trade, required: required)
        case .exceptional(let request):
            return request.chinese
        case .transferRequest(let transfers):
            guard !transfers.isEmpty else { return "未登记转岗，请核对（\(RuleID.T4.citation)）" }
            let listed = transfers.map { "\($0.date)由\($0.from)转\($0.to)" }.joined(separator: "，")
            return "\(listed)；等级年限从转岗前取得原岗位工种证书的时间起算（\(RuleID.T1.citation)）"
        case .reviewRequest(.placed(let placed, let trade)):
            return "退役安置人员（\(placed)安置），按安置当年的工龄（军龄）复核（\(RuleID.V2.citation)）；复核工种按用人单位人事部门建议：\(trade)（\(RuleID.V5.citation)）"
        case .reviewRequest(.fromProvince(let province)):
            return "自\(province)调入、已持机关事业单位岗位等级证书，复核确认原等级（\(RuleID.V6.citation)）"
        case .reviewRequest(.neither):
            return "不属复核对象：复核只适用于退役安置人员和外省调入人员（\(RuleID.V0.citation)）"
        case .serviceProof(let enlisted, let discharged):
            let from = enlisted.map { "\($0)入伍" } ?? "未登记入伍时间"
            let to = discharged.map { "\($0)退役" } ?? "未登记退役时间"
            return "入伍批准书和退役证：\(from)，\(to)；军龄计入工龄（\(RuleID.V1.citation)）"
        case .quantifiedScore:
            return "\(item.title)；量化考评表须经用人单位、主管部门审核，公示不少于5个工作日（\(Formality.D4.citation)）"
        case .scoreEvidence(let excellent, let awards):
            var parts = [item.title]
            if !excellent.isEmpty { parts.append("年度考核优秀：\(excellent.yearList)年，附年度考核登记表（须知·六·4）") }
            if !awards.isEmpty { parts.append("已登记奖励：" + awards.map(\.formLine).joined(separator: "、")) }
            return parts.joined(separator: "；")
        case .title:
            return item.title
        case .ruledOut(let marks):
            return marks.map { "\($0.rawValue)：\($0.chinese)" }.joined(separator: "；")
        }
    }
}

extension MaterialNote.Filing {
    /// The deadline (D1): when it closes or closed, for which grades, and its status when
    /// not official.
    var chinese: String {
        let status = deadline.status == .official ? "" : "［\(deadline.status.chinese)］"
        guard !passed else {
            return "\(cycle)年网上申报已于\(deadline.value)截止（\(grade.deadlineGroup)），不予补报（\(RuleID.D1.citation)）\(status)"
        }
        return "网上申报截止\(deadline.value)（\(grade.deadlineGroup)），截止后系统关闭、不予补报，请预留被驳回后修改的时间（\(RuleID.D1.citation)）\(status)"
    }
}

extension AssessmentYears {
    /// `2019–2023年度考核表，缺2020年（A1，…）`: the years due in the window, counted from
    /// the work start for new staff; the missing, the not yet assessed and the
    /// unsatisfactory ones.
    func chinese(workStart: Day) -> String {
        let citation = RuleID.A1.citation
        guard let first = due.first, let last = due.last else {
            return "\(workStart)参加工作，\(window.lowerBound)–\(window.upperBound)年度无应提供的年度考核表（\(citation)）"
        }
        var text = first == last ? "\(first)年度考核表" : "\(first)–\(last)年度考核表"
        if due.count < window.count { text += "（\(workStart.year)年参加工作，按实际工作年限提供）" }
        if !missing.isEmpty { text += "，缺\(missing.yearList)年" }
        if !pending.isEmpty { text += "，\(pending.yearList)年度尚未考核，届时补齐" }
        if !unsatisfactory.isEmpty {
            text += "；" + unsatisfactory.map { "\($0.year)年\($0.result.chinese)" }.joined(separator: "、") + "，须每年合格或优秀"
        }
        return text + "（\(citation)）"
    }
}

extension HeldCertificates {
    /// The certificates of the `basis` grade (nil: the highest held), a transferred
    /// person's side by side (T1); none recorded says so, and asks for a `required` one.
    func chinese(basis: Grade?, trade: String, required: Bool) -> String {
        guard !isEmpty else {
            return "未登记\(basis?.chinese ?? "等级")证书" + (required ? "，请核对后登记" : "")
        }
        guard !preTransfer.isEmpty else { return all.map(\.chineseSummary).joined(separator: "；") }
        let current = self.current.map { "现工种：\($0.chineseSummary)" } ?? "现工种\(trade)尚无\(basis?.chinese ?? "")证书"
        let pre = preTransfer.map(\.chineseSummary).joined(separator: "、")
        return "转岗人员两证并列：\(current)；转岗前：\(pre)（\(RuleID.T1.citation)）"
    }
}

extension MaterialNote.ExceptionalRequest {
    /// The conditions used or to choose from, each with its evidence (X2); the earlier uses
    /// (X1); for the exceptional route, the earlier approval forms (须知·四·8).
    var chinese: String {
        var parts: [String] = []
        if conditions.isEmpty {
            parts.append("没有记录可证明且尚未使用的破格条件（X1、X2），见清单上方的说明")
        } else {
            let described = conditions.map { c in
                c.name + (c.evidence.map { "，证明：\($0.bareDetail)（\(RuleID.X2.citation)）" } ?? "")
            }
            parts.append(offered ? "可用破格条件：" + described.joined(separator: "；") + "；申报时选用其一"
                                 : "使用破格条件：" + described.joined(separator: "；"))
        }
        if !used.isEmpty {
            parts.append("已使用过：" + used.map { "\($0.category)（\($0.chineseSummary)）" }.joined(separator: "、")
                         + "，每类终身只能使用一次（\(RuleID.X1.citation)）")
        }
        if let forms = earlierForms {
            let listed = forms.isEmpty ? "尚无" : forms.map { "\($0.grade.chinese)（\($0.issued.year)年，\($0.trade)）" }.joined(separator: "、")
            parts.append("附前几个等级的审批表以查验破格条件使用情况：\(listed)（\(RuleID.X5.clause)）")
        }
        return parts.joined(separator: "；")
    }
}

extension ApplicationMaterials {
    /// When the option is not open: the line saying so, which the failed checks follow.
    var notOpenChinese: String? {
        guard !open else { return nil }
        let p = record.person
        return "\(p.name)\(cycle)年按\(p.trade)\(grade.chinese)·\(module.chinese)不可申报（以下清单仅供准备材料参考），原因："
    }
}
