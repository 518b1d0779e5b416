@testable import GongQinCLI
import GongQinCore
import Testing

/// The words of Core's typed values that no command's test prints: each is the line Core
/// itself wrote before it was typed.
@Suite("Core's typed values are worded as before")
struct CoreWordingTests {
    @Test("a problem names a person's field by its label in the person's spec")
    func personSubjects() {
        let subjects: [(RecordProblem.Subject, String, String)] = [
            (.personName, "name", "姓名"), (.workStart, "work-start", "参加工作时间"), (.enlisted, "enlisted", "入伍时间"),
            (.discharged, "discharged", "退役时间"), (.placed, "placed", "安置时间"), (.probationEnd, "probation-end", "试用期满时间"),
            (.fromProvince, "from-province", "调出省份"),
        ]
        for (subject, field, words) in subjects {
            #expect(subject.chinese == words)
            #expect(RecordSpecs.person.field(field)?.label == words)
        }
        #expect(RecordProblem.before(.probationEnd, Day(year: 2004, month: 1, day: 1)!, earlier: .workStart, Day(year: 2005, month: 7, day: 1)!)
            .chinese.contains("试用期满时间"))
    }

    @Test("a problem names a record's field by its label in its kind's spec, the word its file column and the log use")
    func recordSubjects() {
        let subjects: [(RecordProblem.Subject, String?, String)] = [
            (.issued, RecordSpecs.certificate.field("issued")?.label, "发证时间"),
            (.certificateNumber, RecordSpecs.certificate.field("number")?.label, "证书编号"),
            (.certificateProvince, RecordSpecs.certificate.field("province")?.label, "发证省份"),
            (.authority, RecordSpecs.certificate.field("authority")?.label, "发证机关"),
            (.transferDate, RecordSpecs.transfer.field("date")?.label, "转岗时间"),
            (.assessmentYear, RecordSpecs.assessment.field("year")?.label, "考核年度"),
            (.graduated, RecordSpecs.education.field("graduated")?.label, "毕业时间"),
            (.awardDate, RecordSpecs.award.field("date")?.label, "获奖时间"),
            (.awardName, RecordSpecs.award.field("name")?.label, "奖励名称"),
            // Once 继续教育时间, 继续教育名称 and 区域 here, against the files' 培训时间, 培训名称 and 辖市区.
            (.trainingDate, RecordSpecs.training.field("date")?.label, "培训时间"),
            (.trainingName, RecordSpecs.training.field("name")?.label, "培训名称"),
            (.hours, RecordSpecs.training.field("hours")?.label, "学时"),
            (.jobUnit, RecordSpecs.job.field("unit")?.label, "工作单位"),
            (.department, RecordSpecs.unit.field("department")?.label, "主管部门"),
            (.district, RecordSpecs.unit.field("district")?.label, "辖市区"),
        ]
        for (subject, label, words) in subjects {
            #expect(subject.chinese == words)
            #expect(label == words)
        }
        // A post's dates and title as the approval form names them (RULES F1).
        #expect([RecordProblem.Subject.jobFrom, .jobTo, .post].map(\.chinese) == ["任职起始时间", "任职截止时间", "岗位（职务）"])
        let future = Training(name: "安全", date: Day(year: 2031, month: 1, day: 1)!)
            .problems(of: Person(idNumber: try! IDNumber(IDs.make(birth: "19800101", sequence: 123)), name: "张三", unit: "某局", trade: "电工",
                                 workStart: Day(year: 2000, month: 1, day: 1)!), today: Day(year: 2026, month: 12, day: 5)!)
        #expect(future.map(\.words).contains { $0.contains("培训时间") })
    }

    @Test("a grade and module without a list of materials is refused with its rule", arguments: [
        (MaterialListRefusal.transfer(.technician), "（T3，"), (.review(.seniorTechnician), "（V0，"), (.early(.junior), "（E2、E3，"),
    ])
    func materialListRefusal(_ refusal: MaterialListRefusal, _ rule: String) {
        #expect(refusal.gongqin.kind == .refused)
        #expect(refusal.gongqin.message.contains(rule))
    }
}

extension CoreWordingTests {
    @Test("a policy document's limits and inconsistencies")
    func policy() throws {
        #expect(JSONLimits.Problem.tooLarge(bytes: 2 << 20).chinese == "文件有2048 KB，超过上限1024 KB")
        #expect(JSONLimits.Problem.stringTooLong(characters: 1001).chinese == "有一个字符串长1001个字，超过上限1000个字")
        #expect(JSONLimits.Problem.refusedCharacter("a\u{1B}b", "\u{1B}").chinese
            == "字符串“a\u{1B}b”含有控制字符（U+001B，如换行、制表符或终端控制码）")
        #expect(JSONLimits.Problem.duplicateKey("year").chinese == "键“year”在同一个对象中出现了两次，无法确定用哪个值")
        let deadline = try #require(Day(iso: "2025-04-15"))
        #expect(PolicyProblem.yearOutOfRange(3000, Policy.years).chinese == "year 3000 超出范围（1990–2100）")
        #expect(PolicyProblem.sourceEmpty(key: "seniorNormal.certificateBy").chinese == "seniorNormal.certificateBy.source 为空：请写明条款")
        #expect(PolicyProblem.thresholdNotBefore(key: "juniorWorkStartBy", 2027, year: 2026).chinese == "juniorWorkStartBy = 2027：须早于申报年度2026")
        #expect(PolicyProblem.earlyWorkStartEarlier(.intermediate, early: 2015, normal: 2016).chinese
            == "intermediateEarly.workStartBy（2015）不能早于 intermediateNormal（2016）：提前一年申报的条件只能更宽")
        #expect(PolicyProblem.earlyCertificateEarlier(.senior, early: 2015, normal: 2016).chinese
            == "seniorEarly.certificateBy（2015）不能早于 seniorNormal（2016）")
        #expect(PolicyProblem.dayOutsideYear(key: "levelDeadline", deadline, year: 2026).chinese == "levelDeadline = 2025-04-15：须在2026年内")
        #expect(PolicyProblem.assessmentWindow(from: 2021, to: 2026).chinese
            == "assessmentFrom–assessmentTo 2021–2026：须在申报年度之前，且不超过10年")
        #expect(PolicyProblem.unknownCondition(code: "no-such").chinese
            == "relaxations.no-such：破格条件目录中没有此条件（见 gongqin exceptional conditions）")
    }
}

extension CoreWordingTests {
    @Test("the approval form's remark refusals and a draft's notes")
    func approvalForm() {
        let empty = ApprovalForm.RemarkProblem.empty.gongqin
        #expect(empty.kind == .invalidData && empty.message.contains("（F1，须知·五·3(3)）"))
        #expect(empty.hint == "请写几句工作鉴定，如“\(ApprovalForm.defaultRemark)”")
        #expect(ApprovalForm.RemarkProblem.tooLong(characters: 301).gongqin.message == "工作业绩评语超过300个字（301个字）")
        #expect(ApprovalForm.Finding.noCertificateInCurrentTrade(trade: "电工").chinese
            == "转岗后尚无现工种电工证书，原持证技术工种填转岗前的证书（F1，须知·五·2）")
        #expect(ApprovalForm.Finding.certificatesSideBySide.chinese.contains("并排填写"))
        #expect(ApprovalForm.Finding.workHistoryDerived.chinese.hasPrefix("未登记工作经历"))
    }
}

extension CoreWordingTests {
    static func item(_ number: Int) -> MaterialItem { MaterialList.level.items.first { $0.number == number }! }

    @Test("a folder's problems, the file named as on disk", arguments: [
        (FolderProblem.Detail.numberMissing(item(5)), "年度考核.pdf", "“年度考核.pdf”缺序号，应命名为“5年度考核.pdf”（须知·六·8）"),
        (.numberWrong(item(5)), "6年度考核.pdf", "“6年度考核.pdf”序号不对：“年度考核”是第5项，应命名为“5年度考核.pdf”（须知·六·8）"),
        (.extensionWrong(item(3)), "3照片.png", "“3照片.png”扩展名不对：照片须为jpg，应命名为“3照片.jpg”（须知·六·8）"),
        (.extensionWrong(item(1)), "1审批表.jpg", "“1审批表.jpg”扩展名不对：每项须扫描为一个PDF，应命名为“1审批表.pdf”（须知·六·8）"),
        (.notJPEG(.pdf), "3照片.jpg", "“3照片.jpg”不是真正的JPEG（JPEG文件以 FF D8 FF 开头，这个文件是PDF），请另存为jpg"),
        (.unreadable, "6继续教育.pdf", "无法读取“6继续教育.pdf”，请检查文件权限后重试"),
        (.photoTooLarge(bytes: 2 * 1024 * 1024 + 1, item: item(3)), "3照片.jpg",
         "照片“3照片.jpg”大小2.0MB（2097153字节），超过2MB（照片大小不超过2M，须知·一(一)3），请压缩后再上传"),
        (.notInList(.level, first: 1, last: 7), "Re\u{301}sume\u{301}.pdf",
         "“Re\u{301}sume\u{301}.pdf”不是本清单的材料（等级工正常申报、提前一年申报、破格申报清单序号1–7，须知·一(一)、一(二)），请按“序号+简称”改名或移出文件夹"),
    ])
    func folder(_ detail: FolderProblem.Detail, _ file: String, _ words: String) {
        let line = FolderProblem(kind: .misnamed, file: file, number: nil, detail: detail).chinese
        #expect(Array(line.unicodeScalars) == Array(words.unicodeScalars), "\(line)")
    }
}

extension CoreWordingTests {
    @Test("a cycle's notes: not a 等级工 year (CY), and the deadlines passed (D1)")
    func cycleNotes() throws {
        #expect(CycleNote.notLevelCycleYear(2025).chinese == "2025年不是等级工申报年，本年只受理技师、高级技师（CY，须知·四·1）")
        let level = try #require(Day(iso: "2026-04-15")), senior = try #require(Day(iso: "2026-07-05"))
        #expect(CycleNote.deadlinesPassed(2026, [.init(day: level, seniorTechnician: false)]).chinese
            == "2026年网上申报已于2026-04-15（等级工、技师）截止，不予补报；以下按截止日判断（D1，须知·四·12）")
        #expect(CycleNote.deadlinesPassed(2026, [.init(day: level, seniorTechnician: false), .init(day: senior, seniorTechnician: true)]).chinese
            == "2026年网上申报已于2026-04-15（等级工、技师）、2026-07-05（高级技师）截止，不予补报；以下按截止日判断（D1，须知·四·12）")
    }
}

// MARK: - Materials: each item's note (MaterialNote), worded as MaterialsBuilder wrote it

extension CoreWordingTests {
    static func day(_ text: String) -> Day { try! Day.parse(text, allowMonth: true) }
    static func item(_ list: MaterialList, _ number: Int) -> MaterialItem { list.items.first { $0.number == number }! }

    /// A 电工 worker's records, from `workStart`.
    static func record(workStart: String = "2000-06-01", trade: String = "电工", certificates: [Certificate] = [],
                       transfers: [Transfer] = [], assessments: [AnnualAssessment] = []) -> PersonRecord {
        let id = try! IDNumber(IDs.make(birth: "19800101", sequence: 11))
        return PersonRecord(person: Person(idNumber: id, name: "张三", unit: "常州市某局", trade: trade, workStart: day(workStart)),
                            certificates: certificates, transfers: transfers, assessments: assessments)
    }

    static func assessed(_ years: [Int], _ result: AssessmentResult = .pass) -> [AnnualAssessment] {
        years.map { AnnualAssessment(year: $0, result: result) }
    }

    static let assessmentsCitation = "（A1，省·基线；须知·一(一)5；须知·二(一)5）"
    static let transferred = record(certificates: [
        Certificate(trade: "汽车驾驶与管理", grade: .intermediate, issued: day("2010-06-01"), number: "Q-2"),
        Certificate(trade: "电工", grade: .intermediate, issued: day("2022-06-01"), number: "D-2"),
    ], transfers: [Transfer(from: "汽车驾驶与管理", to: "电工", date: day("2020-03-01"))])

    @Test("a material's note: each kind, with the rules and clauses it cites", arguments: [
        // D5: the proof by level and year of graduation.
        (MaterialNote.education(Education(level: .college, graduated: day("2001-07-01"))), item(.level, 4), true,
         "大专（2001年07月毕业）：2001年毕业（2001年及以后）的大专学历，附学信网学历认证报告（学信网查询下载或截屏）（D5，须知·四·6）"),
        (.education(Education(level: .bachelor, graduated: day("2000-07-01"))), item(.level, 4), true,
         "本科（2000年07月毕业）：2000年毕业（2000年及以前）的本科学历，附个人档案中《毕业生登记表》复印件作为认证材料（D5，须知·四·6）"),
        (.education(Education(level: .secondarySpecialized, graduated: day("1998-07-01"), major: "机电", school: "常州某校")), item(.level, 4), true,
         "中专（1998年07月毕业，常州某校，机电专业）：中专学历只需原件和复印件，不需认证材料（D5，须知·四·6）"),
        (.education(Education(level: .adultHigherEducationCertificate, graduated: day("2010-01-01"))), item(.level, 4), true,
         "成人高等教育专业证书（2010年01月毕业）：成人高等教育专业证书视同大专，只需原件和复印件，不需认证材料（D5，须知·四·6）"),
        (.education(nil), item(.level, 4), true, "未登记学历，请核对后登记；大专及以上须附认证材料（D5，须知·四·6）"),
        // A1: the years due, missing, pending and unsatisfactory.
        (.assessments(AssessmentYears(record(assessments: assessed([2019, 2021, 2022, 2023])), window: 2019...2023, today: day("2024-01-10")),
                      workStart: day("2000-06-01")), item(.level, 5), true,
         "2019–2023年度考核表，缺2020年" + assessmentsCitation),
        (.assessments(AssessmentYears(record(workStart: "2021-03-01", assessments: assessed([2021, 2022])), window: 2019...2023,
                                      today: day("2024-01-10")), workStart: day("2021-03-01")), item(.level, 5), true,
         "2021–2023年度考核表（2021年参加工作，按实际工作年限提供），缺2023年" + assessmentsCitation),
        (.assessments(AssessmentYears(record(assessments: assessed(Array(2014...2023))), window: 2021...2025, today: day("2024-01-10")),
                      workStart: day("2000-06-01")), item(.level, 5), true,
         "2021–2025年度考核表，2024、2025年度尚未考核，届时补齐" + assessmentsCitation),
        (.assessments(AssessmentYears(record(assessments: assessed([2019, 2020, 2022, 2023]) + assessed([2021], .basic)), window: 2019...2023,
                                      today: day("2024-01-10")), workStart: day("2000-06-01")), item(.level, 5), true,
         "2019–2023年度考核表；2021年基本合格，须每年合格或优秀" + assessmentsCitation),
        (.assessments(AssessmentYears(record(workStart: "2024-03-01"), window: 2019...2023, today: day("2024-05-10")),
                      workStart: day("2024-03-01")), item(.level, 5), true,
         "2024-03-01参加工作，2019–2023年度无应提供的年度考核表" + assessmentsCitation),
        // The certificates: a transferred person's side by side (T1); none; a veteran's, optional.
        (.certificates(transferred.heldCertificates(grade: .intermediate), basis: .intermediate, trade: "电工"), item(.level, 7), true,
         "转岗人员两证并列：现工种：电工中级工证书（编号D-2，2022-06-01发证）；转岗前：汽车驾驶与管理中级工证书（编号Q-2，2010-06-01发证）（T1，须知·四·7）"),
        (.certificates(record(certificates: [Certificate(trade: "汽车驾驶与管理", grade: .intermediate, issued: day("2010-06-01"))],
                              transfers: [Transfer(from: "汽车驾驶与管理", to: "电工", date: day("2020-03-01"))]).heldCertificates(),
                       basis: nil, trade: "电工"), item(.levelTransfer, 8), true,
         "转岗人员两证并列：现工种电工尚无证书；转岗前：汽车驾驶与管理中级工证书（未登记编号，2010-06-01发证）（T1，须知·四·7）"),
        (.certificates(record(certificates: [Certificate(trade: "电工", grade: .intermediate, issued: day("2010-06-01"), number: "M-1006")])
                           .heldCertificates(grade: .intermediate), basis: .intermediate, trade: "电工"), item(.level, 7), true,
         "电工中级工证书（编号M-1006，2010-06-01发证）"),
        (.certificates(record().heldCertificates(grade: .senior, exact: true), basis: .senior, trade: "电工"), item(.technician, 6), true,
         "未登记高级工证书，请核对后登记"),
        (.certificates(record().heldCertificates(), basis: nil, trade: "电工"), item(.levelReview, 6), false,
         "退役安置人员可不提供；未登记等级证书"),
        // 继续教育, 转岗申请, 复核申请, 入伍退役证明.
        (.training([Training(name: "安全驾驶培训", date: day("2019-05-01"), hours: 24), Training(name: "职业道德", date: day("2022-09-01"))]),
         item(.level, 6), true, "所有继续教育证书，已登记2份：2019年安全驾驶培训（24学时）、2022年职业道德；2021年起为电子证书（须知·六·4）"),
        (.training([]), item(.level, 6), true, "所有继续教育证书或培训合格证明；未登记继续教育记录，请核对"),
        (.transferRequest(transferred.transfers), item(.levelTransfer, 6), true,
         "2020-03-01由汽车驾驶与管理转电工；等级年限从转岗前取得原岗位工种证书的时间起算（T1，须知·四·7）"),
        (.transferRequest([]), item(.levelTransfer, 6), true, "未登记转岗，请核对（T4，须知·四·7）"),
        (.reviewRequest(.placed(day("2023-03-01"), trade: "电工")), item(.levelReview, 3), true,
         "退役安置人员（2023-03-01安置），按安置当年的工龄（军龄）复核（V2，须知·一(五)1）；复核工种按用人单位人事部门建议：电工（V5，须知·一(五)2）"),
        (.reviewRequest(.fromProvince("上海")), item(.levelReview, 3), true, "自上海调入、已持机关事业单位岗位等级证书，复核确认原等级（V6，须知·一(四)1）"),
        (.reviewRequest(.neither), item(.levelReview, 3), true, "不属复核对象：复核只适用于退役安置人员和外省调入人员（V0，须知·一(四)1）"),
        (.serviceProof(enlisted: day("2011-09-01"), discharged: day("2023-03-01")), item(.levelReview, 8), true,
         "入伍批准书和退役证：2011-09-01入伍，2023-03-01退役；军龄计入工龄（V1，须知·一(五)3）"),
        (.serviceProof(enlisted: nil, discharged: nil), item(.levelReview, 8), true,
         "入伍批准书和退役证：未登记入伍时间，未登记退役时间；军龄计入工龄（V1，须知·一(五)3）"),
        // The identity card, the photo, the scores, an item the records say nothing of.
        (.identity(name: "张三", idNumber: try! IDNumber(IDs.make(birth: "19800101", sequence: 11))), item(.level, 2), true,
         "张三，男，1980年1月1日生；原样复印、不放大，复印在A4纸中间（须知·六·5）"),
        (.photo, item(.level, 3), true, "近期2寸白底免冠照片（照片格式为jpg、大小不超过2M）；上传文件为jpg，不超过2MB"),
        (.quantifiedScore, item(.technician, 7), true, "量化考评表（附件3）；量化考评表须经用人单位、主管部门审核，公示不少于5个工作日（D4，须知·四·11）"),
        (.scoreEvidence(excellentYears: [2022, 2023], awards: [Award(name: "二等功", date: day("2010-08-01"), issuer: "某部")]),
         item(.technician, 8), true,
         "量化考评相关证明材料（年度考核登记表、通报表彰文件等，专利、成果、能手证书、奖章等）；年度考核优秀：2022、2023年，附年度考核登记表（须知·六·4）；已登记奖励：2010年8月某部二等功"),
        (.scoreEvidence(excellentYears: [], awards: []), item(.technician, 8), true, "量化考评相关证明材料（年度考核登记表、通报表彰文件等，专利、成果、能手证书、奖章等）"),
        (.title, item(.technician, 11), true, "论文（与申报工种相关的专业论文1篇，不少于3000字，格式见附件5）"),
        // An item ruled out: its marks and what they mean (RULES §8).
        (.ruledOut([.exceptional]), item(.level, 8), false, "X：仅破格申报，或复核时使用破格条件"),
        (.ruledOut([.driver]), item(.technician, 14), false, "D：仅汽车驾驶与管理工种"),
    ])
    func materialNote(_ note: MaterialNote, _ item: MaterialItem, _ required: Bool, _ words: String) {
        #expect(note.chinese(of: item, required: required) == words)
    }

    @Test("the technician selection exam: sat, on its date or one still to come, or waived after a failed 综合评审 (D2)")
    func selectionExam() {
        let failed = Application(id: 1, cycle: 2023, grade: .technician, module: .normal, trade: "电工", status: .failed,
                                 filedOn: Day(year: 2023, month: 3, day: 1)!, certificateYear: 2023, examResult: .passed,
                                 reviewResult: .failed)
        #expect(SelectionExam(required: true, exemptingApplication: nil, examDate: Day(year: 2024, month: 6, day: 22)).chinese
            == "须参加技师选拔考试（2024-06-22）；往年省综合评审未通过、重新申报的人员才可免考（D2，须知·四·10）")
        #expect(SelectionExam(required: true, exemptingApplication: nil, examDate: nil).chinese
            == "须参加技师选拔考试（日期待公布）；往年省综合评审未通过、重新申报的人员才可免考（D2，须知·四·10）")
        #expect(SelectionExam(required: false, exemptingApplication: failed, examDate: nil).chinese
            == "2023年申报技师、省综合评审未通过，今年重新申报，不需参加技师选拔考试（D2，须知·四·10）")
    }
}
