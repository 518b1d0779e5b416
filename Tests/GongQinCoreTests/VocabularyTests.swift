import GongQinCore
import Testing

@Suite("vocabularies: codes and Chinese (RULES §1, CLI.md)")
struct VocabularyTests {
    @Test("grades", arguments: [
        ("junior", Grade.junior), ("初级工", .junior), ("intermediate", .intermediate), ("中级工", .intermediate),
        ("senior", .senior), ("高级工", .senior), ("technician", .technician), ("技师", .technician),
        ("senior-technician", .seniorTechnician), ("高级技师", .seniorTechnician), ("SENIOR", .senior),
    ])
    func grades(_ text: String, _ grade: Grade) {
        #expect(Grade(parsing: text) == grade)
    }

    @Test("grade order and 等级工")
    func gradeOrder() {
        #expect(Grade.allCases.map(\.level) == [1, 2, 3, 4, 5])
        #expect(Grade.junior.next == .intermediate)
        #expect(Grade.seniorTechnician.next == nil)
        #expect(Grade.allCases.filter(\.isLevelWorker) == [.junior, .intermediate, .senior])
    }

    @Test("modules", arguments: [
        ("normal", Module.normal), ("正常", .normal), ("early", .early), ("提前", .early),
        ("exceptional", .exceptional), ("破格", .exceptional), ("transfer", .transfer), ("转岗", .transfer),
        ("review", .review), ("复核", .review), ("复核申报", .review),
    ])
    func modules(_ text: String, _ module: Module) {
        #expect(Module(parsing: text) == module)
    }

    @Test("annual results", arguments: [
        ("优秀", AssessmentResult.excellent), ("excellent", .excellent), ("合格", .pass), ("pass", .pass),
        ("基本合格", .basic), ("basic", .basic), ("不合格", .fail), ("fail", .fail),
    ])
    func results(_ text: String, _ result: AssessmentResult) {
        #expect(AssessmentResult(parsing: text) == result)
    }

    @Test("education levels of the contract")
    func education() {
        let names = ["初中", "高中", "中专", "职高", "技校", "高级技工学校", "技师学院", "大专", "本科", "硕士", "博士", "成人高等教育专业证书"]
        #expect(EducationLevel.allCases.map(\.chinese) == names)
        #expect(EducationLevel.adultHigherEducationCertificate.countsAsCollege)
        #expect(!EducationLevel.adultHigherEducationCertificate.isCollegeOrAbove)
        #expect(!EducationLevel.vocationalHigh.isQualifyingVocational)
        #expect(!EducationLevel.seniorHigh.isQualifyingVocational)
        #expect(EducationLevel.technicalSchool.isQualifyingVocational)
    }

    @Test("unknown values", arguments: ["", "初级", "beginner", "优", "passed"])
    func unknown(_ text: String) {
        if text == "初级" {
            #expect(Grade(parsing: text) == .junior)  // an accepted short form
        } else {
            #expect(Grade(parsing: text) == nil)
            #expect(AssessmentResult(parsing: text) == nil)
        }
    }
}

@Suite("name hints")
struct NameMatchTests {
    @Test("the nearest known name")
    func nearest() {
        let trades = ["电工", "汽车驾驶与管理", "收银审核", "行政事务"]
        #expect(NameMatch.nearest(to: "电", in: trades) == "电工")
        #expect(NameMatch.nearest(to: "汽车驾驶", in: trades) == "汽车驾驶与管理")
        #expect(NameMatch.nearest(to: "收银审查", in: trades) == "收银审核")
        #expect(NameMatch.nearest(to: "潜水", in: ["电工"]) == nil)
        #expect(NameMatch.distance("电工", "电焊工") == 1)
    }
}
