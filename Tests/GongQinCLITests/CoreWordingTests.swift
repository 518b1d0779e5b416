@testable import GongQinCLI
import GongQinCore
import Testing

/// The words of Core's typed values that no command's test prints: each is the line Core
/// itself wrote before it was typed.
@Suite("Core's typed values are worded as before")
struct CoreWordingTests {
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
