@testable import GongQinCLI
import GongQinCore
@testable import GongQinStore
import Testing

/// The words of typed store values that no command's test prints: the merge report's
/// records, sides and progress, an R1 refusal's changed rows, and the problems of records
/// already held. Each is the line the store itself wrote before it was typed.
@Suite("the store's typed values are worded as before")
struct StoreWordingTests {
    @Test("the merge report and its progress lines")
    func merge() {
        #expect(MergeProgress.checked(file: "甲.bundle", unit: "甲单位").chinese == "已校验数据包“甲.bundle”（单位“甲单位”）")
        #expect(MergeProgress.people(count: 3).chinese == "已核对3人")
        #expect(MergeProgress.records.chinese == "已核对全部记录")

        #expect(MergeReport.ConflictRecord.unit(name: "甲单位").chinese == "单位“甲单位”")
        #expect(MergeReport.ConflictRecord.person.chinese == "人员信息")
        let key = [MergeReport.KeyPart(column: "grade", value: "senior"), MergeReport.KeyPart(column: "filed_on", value: nil)]
        #expect(MergeReport.ConflictRecord.keyed(table: "application", key: key).chinese == "申报（等级senior，申报日期）")
        #expect(MergeReport.ConflictRecord.second(cycle: 2024).chinese == "2024年度另有一份未撤回的申报（每人每周期一份，§7）")
        #expect(MergeReport.ConflictRecord.second(cycle: nil).chinese == "另有一个现任岗位")
        #expect(MergeReport.ConflictRecord.use(year: 2024, grade: .senior, category: "skill").chinese == "2024年高级工“skill”类破格使用")

        #expect(MergeReport.StoredSide(unit: nil).chinese == "本库")
        #expect(MergeReport.StoredSide(unit: "乙单位").chinese == "本库（单位“乙单位”）")
        #expect(MergeReport.BundleSide(file: "甲.bundle", unit: "甲单位", createdAt: "2024-03-01T08:00:00Z").chinese
            == "数据包“甲.bundle”（单位“甲单位”，2024-03-01T08:00:00Z生成）")
        #expect(MergeReport.HeldFrom.thisBundle(mergedAt: "2024-03-02T08:00:00Z").chinese == "本数据包（2024-03-02T08:00:00Z已合并）")
        #expect(MergeReport.HeldFrom.newerBundle(unit: "甲单位", createdAt: "2024-03-01T08:00:00Z").chinese
            == "单位“甲单位”2024-03-01T08:00:00Z生成的数据包")
    }

    @Test("an R1 refusal names at most three changed rows, sorted, or 本次改动")
    func changedRows() throws {
        #expect(RecordError.named([]) == "本次改动")
        let rows: [ChangedRow] = [.record(table: "certificate", number: 9), .person, .record(table: "certificate", number: 9),
                                  .record(table: "annual_assessment", number: 5)]
        let certificate = try #require(StoredNames.table("certificate")), assessment = try #require(StoredNames.table("annual_assessment"))
        let expected = ["\(certificate)（编号9）", "人员信息", "\(assessment)（编号5）"].sorted().joined(separator: "、")
        #expect(RecordError.named(rows) == expected)
    }

    @Test("a record already held, and an import row's problems")
    func recordProblems() throws {
        let day = try #require(Day(iso: "2020-07-01"))
        #expect(StoreRecordProblem.certificateRecorded(owner: "张三", province: nil, trade: "电工", grade: .senior, issued: day).chinese
            == "张三已有电工高级工证书（2020-07-01发证）")
        #expect(StoreRecordProblem.certificateRecorded(owner: "张三", province: "浙江", trade: "电工", grade: .senior, issued: day).chinese
            == "张三已有浙江电工高级工证书（2020-07-01发证）")
        #expect(StoreRecordProblem.useRecorded(owner: "张三", year: 2022, grade: .senior, condition: "技能竞赛").chinese
            == "张三已登记2022年高级工使用“技能竞赛”")
        #expect(StoreRecordProblem.departmentDiffersFromStored(unit: "甲单位", stored: nil, given: "某局").chinese
            == "单位“甲单位”登记的主管部门为“（空）”，这里为“某局”：请核对，或先用 gongqin unit update 修改")
        // The module's name ends in 申报 already; the words before they were typed said it twice.
        #expect(MergeReport.HeldBack(cycle: 2024, grade: .senior, module: .exceptional).chinese == "2024年高级工·破格申报")
        #expect(FieldProblem("name", cause: StoreRecordProblem.unitNameEmpty).words == "单位名称为空")
        #expect(FieldProblem("name", cause: StoreRecordProblem.unitNameEmpty) == FieldProblem("name", cause: StoreRecordProblem.unitNameEmpty))
        #expect(FieldProblem("name", cause: StoreRecordProblem.unitNameEmpty) != FieldProblem("name", cause: StoreRecordProblem.tradeNameEmpty))
    }

    @Test("a clause the wording quotes is its rule's or formality's, not a copy")
    func quotedClauses() {
        #expect(StoreFailure.examOnlyForTechnician(id: 7, grade: .senior).gongqin.message
            == "技师选拔考试只适用于技师申报（须知·四·10），申报7是高级工")
        #expect(RecordProblem.transferDatesMissing(chain: ["电工", "钳工"]).message
            == "原持证工种电工与现工种钳工不同，是转岗人员：须在转岗时间列写明每次转岗的时间（T1，须知·四·7），或先用 gongqin import transfers 导入转岗记录")
        #expect(ExceptionalCommand.Record.configuration.discussion.hasPrefix("须知·四·8 要求附前几个等级的审批表"))
        let earlier = ExceptionalUse(condition: "excellent-two-years", category: "excellent-two-years", grade: .senior, year: 2020,
                                     source: .historic)
        #expect(RecordError.categoryUsedTwice(number: 4, category: "excellent-two-years", earlier: earlier).gongqin.message
            == "破格使用（编号4）不能改为“excellent-two-years”类：该类已于2020年高级工（历史审批表）使用，每类破格条件终身只能使用一次（X1，须知·四·8）")
    }
}
