import GongQinCore
import Testing

/// The trades of the catalogue with the flags the marks read (RULES §10).
enum MaterialTrades {
    static let all: [Trade] = [
        Trade(name: "电工", maxGrade: .seniorTechnician, licensed: true),
        Trade(name: "汽车驾驶与管理", maxGrade: .seniorTechnician, driver: true),
        Trade(name: "收银审核", maxGrade: .seniorTechnician, cashier: true),
        Trade(name: "行政事务", maxGrade: .seniorTechnician),
    ]

    static let engine = Engines.make(trades: all)
}

/// RULES §8, transcribed as the checklist: `number short marks`, one string per item.
enum RulesSection8 {
    static let lists: [MaterialList: [String]] = [
        .level: ["1 审批表", "2 身份证", "3 照片 jpg", "4 学历", "5 年度考核", "6 继续教育", "7 原等级证书 H", "8 破格申请 X"],
        .levelTransfer: ["1 审批表", "2 身份证", "3 照片 jpg", "4 学历", "5 年度考核", "6 转岗申请", "7 继续教育", "8 原等级证书"],
        .levelReview: ["2 审批表", "3 复核申请", "4 身份证", "5 照片 jpg", "6 原等级证书 ○V", "7 学历", "8 入伍退役证明 V",
                       "9 继续教育", "10 破格申请 X"],
        .technician: ["1 审批表", "2 身份证", "3 照片 jpg", "4 学历", "5 年度考核", "6 高级工证书", "7 量化考评表", "8 量化考评证明",
                      "9 继续教育", "10 公示说明", "11 论文", "12 业绩总结", "13 辅助材料 ○", "14 安全行车证明 D", "15 驾驶证 D",
                      "16 上岗证 L", "17 破格申请 X"],
        .seniorTechnician: ["1 审批表", "2 推荐情况说明", "3 身份证", "4 照片 jpg", "5 学历", "6 年度考核", "7 技师证书", "8 量化考评表",
                            "9 量化考评证明", "10 继续教育", "11 专家推荐", "12 发表论文", "13 业绩总结", "14 任职文件 D", "15 驾驶证 D",
                            "16 安全行车证明 D", "17 财务工作证明 C", "18 上岗证 L", "19 辅助材料 ○", "20 破格申请 X"],
    ]
}

/// One golden list: a worker, an application, and the files it must list, in order.
struct GoldenList: CustomTestStringConvertible, Sendable {
    var name: String
    var worker: Worker
    var grade: Grade
    var module: Module
    var files: [String]

    var testDescription: String { name }
}

extension Worker {
    /// A senior-ready worker in `trade` (see `Worker.senior`).
    static func senior(in trade: String) -> Worker {
        Worker(trade: trade, workStart: "2000-06-01").tidy().cert(.junior, "2003-06-01").cert(.intermediate, "2010-06-01")
    }

    static func technician(in trade: String) -> Worker {
        senior(in: trade).cert(.senior, "2015-06-01").educated(.college, "2012-07-01")
    }

    static func seniorTechnician(in trade: String) -> Worker {
        technician(in: trade).cert(.technician, "2019-06-01")
    }
}

enum GoldenLists {
    static let level = ["1审批表.pdf", "2身份证.pdf", "3照片.jpg", "4学历.pdf", "5年度考核.pdf", "6继续教育.pdf", "7原等级证书.pdf"]
    static let transfer = ["1审批表.pdf", "2身份证.pdf", "3照片.jpg", "4学历.pdf", "5年度考核.pdf", "6转岗申请.pdf", "7继续教育.pdf", "8原等级证书.pdf"]
    static let review = ["2审批表.pdf", "3复核申请.pdf", "4身份证.pdf", "5照片.jpg", "6原等级证书.pdf", "7学历.pdf", "9继续教育.pdf"]
    static let technician = ["1审批表.pdf", "2身份证.pdf", "3照片.jpg", "4学历.pdf", "5年度考核.pdf", "6高级工证书.pdf", "7量化考评表.pdf",
                             "8量化考评证明.pdf", "9继续教育.pdf", "10公示说明.pdf", "11论文.pdf", "12业绩总结.pdf", "13辅助材料.pdf"]
    static let seniorTechnician = ["1审批表.pdf", "2推荐情况说明.pdf", "3身份证.pdf", "4照片.jpg", "5学历.pdf", "6年度考核.pdf", "7技师证书.pdf",
                                   "8量化考评表.pdf", "9量化考评证明.pdf", "10继续教育.pdf", "11专家推荐.pdf", "12发表论文.pdf", "13业绩总结.pdf"]

    static let all: [GoldenList] = [
        // 等级工 normal, early, exceptional (须知·一(一), 一(二))
        GoldenList(name: "junior normal, no certificate: 7 is a gap",
                   worker: Worker(workStart: "2023-01-01", birth: "20000101", probationEnd: "2023-12-31").tidy(),
                   grade: .junior, module: .normal, files: Array(level.prefix(6))),
        GoldenList(name: "intermediate normal", worker: Worker(workStart: "2010-06-01").tidy().cert(.junior, "2015-06-01"),
                   grade: .intermediate, module: .normal, files: level),
        GoldenList(name: "senior normal", worker: .senior, grade: .senior, module: .normal, files: level),
        GoldenList(name: "intermediate early uses the normal list",
                   worker: Worker(workStart: "2016-06-01", birth: "19900101").tidy().cert(.junior, "2019-06-01"),
                   grade: .intermediate, module: .early, files: level),
        GoldenList(name: "senior early", worker: Worker(workStart: "2006-06-01").tidy().cert(.junior, "2008-06-01").cert(.intermediate, "2020-06-01"),
                   grade: .senior, module: .early, files: level),
        GoldenList(name: "senior exceptional adds 8",
                   worker: Worker.intermediateLate.assessed(2021...2022, .excellent), grade: .senior, module: .exceptional,
                   files: level + ["8破格申请.pdf"]),
        GoldenList(name: "intermediate exceptional adds 8",
                   worker: Worker(workStart: "2010-06-01").tidy().cert(.junior, "2021-06-01").assessed(2021...2022, .excellent),
                   grade: .intermediate, module: .exceptional, files: level + ["8破格申请.pdf"]),
        GoldenList(name: "junior exceptional without a certificate: 7 a gap, 8 listed",
                   worker: Worker(workStart: "2023-01-01", birth: "20000101").tidy(), grade: .junior, module: .exceptional,
                   files: Array(level.prefix(6)) + ["8破格申请.pdf"]),
        GoldenList(name: "transferred senior normal: the same list", worker: Worker.transferred.cert(.intermediate, "2022-06-01"),
                   grade: .senior, module: .normal, files: level),
        GoldenList(name: "a driver's 等级工 list has no driver items", worker: .senior(in: "汽车驾驶与管理"),
                   grade: .senior, module: .normal, files: level),
        // 等级工 transfer (须知·一(三))
        GoldenList(name: "transfer, lateral", worker: .transferred, grade: .intermediate, module: .transfer, files: transfer),
        GoldenList(name: "transfer, one up", worker: .transferred, grade: .senior, module: .transfer, files: transfer),
        // 等级工 review (须知·一(四))
        GoldenList(name: "review, veteran: 6 optional, 8 listed", worker: .veteran(enlisted: "2011-09-01"),
                   grade: .intermediate, module: .review, files: Array(review.prefix(6)) + ["8入伍退役证明.pdf", "9继续教育.pdf"]),
        GoldenList(name: "review, veteran using a condition (V3): 10 listed",
                   worker: Worker.veteran(enlisted: "2015-09-01").award("二等功", "2018-08-01"), grade: .intermediate, module: .review,
                   files: Array(review.prefix(6)) + ["8入伍退役证明.pdf", "9继续教育.pdf", "10破格申请.pdf"]),
        GoldenList(name: "review, veteran graded junior (V1)", worker: .veteran(enlisted: "2018-09-01"),
                   grade: .junior, module: .review, files: Array(review.prefix(6)) + ["8入伍退役证明.pdf", "9继续教育.pdf"]),
        GoldenList(name: "review, from another province: 8 a gap",
                   worker: Worker(workStart: "2005-06-01", fromProvince: "上海").tidy().cert(.intermediate, "2015-06-01", province: "上海"),
                   grade: .intermediate, module: .review, files: review),
        // 技师 (须知·二)
        GoldenList(name: "technician, plain trade", worker: .technician(in: "行政事务"), grade: .technician, module: .normal, files: technician),
        GoldenList(name: "technician, licensed trade: 16", worker: .technician(in: "电工"), grade: .technician, module: .normal,
                   files: technician + ["16上岗证.pdf"]),
        GoldenList(name: "technician, driver: 14 15", worker: .technician(in: "汽车驾驶与管理"), grade: .technician, module: .normal,
                   files: technician + ["14安全行车证明.pdf", "15驾驶证.pdf"]),
        GoldenList(name: "technician, cashier: nothing more", worker: .technician(in: "收银审核"), grade: .technician, module: .normal,
                   files: technician),
        GoldenList(name: "technician exceptional: 17", worker: .technician(in: "行政事务"), grade: .technician, module: .exceptional,
                   files: technician + ["17破格申请.pdf"]),
        GoldenList(name: "technician exceptional, driver", worker: .technician(in: "汽车驾驶与管理"), grade: .technician, module: .exceptional,
                   files: technician + ["14安全行车证明.pdf", "15驾驶证.pdf", "17破格申请.pdf"]),
        // 高级技师 (须知·三)
        GoldenList(name: "senior technician, plain trade", worker: .seniorTechnician(in: "行政事务"), grade: .seniorTechnician,
                   module: .normal, files: seniorTechnician + ["19辅助材料.pdf"]),
        GoldenList(name: "senior technician, driver: 14 15 16", worker: .seniorTechnician(in: "汽车驾驶与管理"), grade: .seniorTechnician,
                   module: .normal, files: seniorTechnician + ["14任职文件.pdf", "15驾驶证.pdf", "16安全行车证明.pdf", "19辅助材料.pdf"]),
        GoldenList(name: "senior technician, cashier: 17", worker: .seniorTechnician(in: "收银审核"), grade: .seniorTechnician,
                   module: .normal, files: seniorTechnician + ["17财务工作证明.pdf", "19辅助材料.pdf"]),
        GoldenList(name: "senior technician, licensed: 18", worker: .seniorTechnician(in: "电工"), grade: .seniorTechnician,
                   module: .normal, files: seniorTechnician + ["18上岗证.pdf", "19辅助材料.pdf"]),
        GoldenList(name: "senior technician exceptional: 20", worker: .seniorTechnician(in: "行政事务"), grade: .seniorTechnician,
                   module: .exceptional, files: seniorTechnician + ["19辅助材料.pdf", "20破格申请.pdf"]),
    ]
}

@Suite("materials lists (RULES §8)")
struct MaterialsListTests {
    let engine = MaterialTrades.engine

    @Test("the tables match RULES §8 item for item: numbers, short names, marks, extensions")
    func tablesMatchRules() {
        for list in MaterialList.allCases {
            let items = list.items.map { item in
                ([String(item.number), item.short] + (item.fileExtension == "jpg" ? ["jpg"] : []) + item.marks.map(\.rawValue))
                    .joined(separator: " ")
            }
            #expect(items == RulesSection8.lists[list], "\(list)")
            for item in list.items { #expect(item.clause.hasPrefix(list == .level ? "须知·一(" : "须知·"), "\(item.clause)") }
        }
    }

    @Test("golden lists, conditional items toggled", arguments: GoldenLists.all)
    func golden(_ golden: GoldenList) throws {
        let materials = try engine.materials(for: golden.worker.record, grade: golden.grade, module: golden.module, cycle: 2024)
        #expect(materials.applicable.map(\.fileName) == golden.files.sorted { number($0) < number($1) })
        // Gaps keep the numbering: what does not apply is not renumbered.
        #expect(Set(materials.entries.map(\.number)) == Set(materials.list.items.map(\.number)))
        for entry in materials.applicable { #expect(!entry.note.isEmpty, "\(entry.fileName) has no note") }
    }

    func number(_ file: String) -> Int { Int(file.prefix { $0.isNumber })! }

    @Test("the combinations the notice has no list for are refused with their rule (T3, V0, E2、E3)", arguments: [
        (Grade.technician, Module.transfer, MaterialListRefusal.transfer(.technician)), (.seniorTechnician, .transfer, .transfer(.seniorTechnician)),
        (.technician, .review, .review(.technician)), (.seniorTechnician, .review, .review(.seniorTechnician)),
        (.junior, .early, .early(.junior)), (.technician, .early, .early(.technician)), (.seniorTechnician, .early, .early(.seniorTechnician)),
    ])
    func refused(_ grade: Grade, _ module: Module, _ refusal: MaterialListRefusal) {
        #expect(throws: refusal) {
            try engine.materials(for: Worker.technician.record, grade: grade, module: module, cycle: 2024)
        }
    }

    @Test("optional items are not required: 13/19 辅助材料, and 6 原等级证书 for a veteran")
    func optional() throws {
        let tech = try engine.materials(for: Worker.technician(in: "行政事务").record, grade: .technician, module: .normal, cycle: 2024)
        #expect(tech.applicable.filter { !$0.required }.map(\.number) == [13])
        let veteran = try engine.materials(for: Worker.veteran(enlisted: "2011-09-01").record, grade: .intermediate, module: .review, cycle: 2024)
        #expect(veteran.applicable.filter { !$0.required }.map(\.number) == [6])
        #expect(veteran.applicable.first { $0.number == 6 }?.note.hasPrefix("退役安置人员可不提供") == true)
    }

    @Test("an option not open gets a note at the top, with the failed checks")
    func notOpen() throws {
        let materials = try engine.materials(for: Worker.senior.cert(.senior, "2015-06-01").record, grade: .technician, module: .normal, cycle: 2024)
        #expect(!materials.open)
        #expect(materials.notOpenNote?.contains("不可申报") == true)
        #expect(materials.decision.failedChecks.map(\.rule).contains(.N4))
        let open = try engine.materials(for: Worker.senior.record, grade: .senior, module: .normal, cycle: 2024)
        #expect(open.open && open.notOpenNote == nil)
    }
}

@Suite("materials notes (D5, A1, F1, D2, D1, X2)")
struct MaterialNoteTests {
    let engine = MaterialTrades.engine

    func note(_ worker: Worker, _ grade: Grade = .senior, _ module: Module = .normal, number: Int, cycle: Int = 2024) throws -> String {
        let materials = try engine.materials(for: worker.record, grade: grade, module: module, cycle: cycle)
        return try #require(materials.applicable.first { $0.number == number }).note
    }

    @Test("D5: 2001 or later, 2000 or earlier, 中专, 成人高等教育专业证书", arguments: [
        (EducationLevel.college, "2001-07-01", "2001年毕业（2001年及以后）的大专学历，附学信网学历认证报告"),
        (.bachelor, "2000-07-01", "2000年毕业（2000年及以前）的本科学历，附个人档案中《毕业生登记表》复印件作为认证材料"),
        (.secondarySpecialized, "1998-07-01", "中专学历只需原件和复印件，不需认证材料"),
        (.adultHigherEducationCertificate, "2010-01-01", "成人高等教育专业证书视同大专，只需原件和复印件，不需认证材料"),
    ])
    func educationD5(_ level: EducationLevel, _ graduated: String, _ expected: String) throws {
        let worker = Worker.senior.with { $0.education = [] }.educated(level, graduated)
        let text = try note(worker, number: 4)
        #expect(text.contains(expected), "\(text)")
        #expect(text.hasSuffix("（D5，须知·四·6）"))
    }

    @Test("D5 takes the highest education; none recorded says so")
    func highestEducation() throws {
        let worker = Worker.senior.educated(.college, "2005-07-01")
        #expect(try note(worker, number: 4).hasPrefix("大专（2005年07月毕业）"))
        #expect(try note(Worker.senior.with { $0.education = [] }, number: 4).hasPrefix("未登记学历"))
    }

    @Test("the assessment years due, with the missing ones named")
    func assessmentYears() throws {
        let worker = Worker(workStart: "2000-06-01").educated(.seniorHigh).cert(.junior, "2003-06-01").cert(.intermediate, "2010-06-01")
            .assessed(2019...2019).assessed(2021...2023)
        #expect(try note(worker, number: 5) == "2019–2023年度考核表，缺2020年（A1，省·基线；须知·一(一)5；须知·二(一)5）")
        let newcomer = Worker(workStart: "2021-03-01", birth: "20000101").educated(.seniorHigh).assessed(2021...2022)
        #expect(try note(newcomer, .junior, number: 5)
            == "2021–2023年度考核表（2021年参加工作，按实际工作年限提供），缺2023年（A1，省·基线；须知·一(一)5；须知·二(一)5）")
        // A future cycle: the years not yet over are pending, not missing.
        let upToDate = Worker(workStart: "2000-06-01").educated(.seniorHigh).assessed(2014...2023)
            .cert(.junior, "2003-06-01").cert(.intermediate, "2010-06-01")
        #expect(try note(upToDate, number: 5, cycle: 2026)
            == "2021–2025年度考核表，2024、2025年度尚未考核，届时补齐（A1，省·基线；须知·一(一)5；须知·二(一)5）")
    }

    @Test("a transferred person: both certificates with their numbers and dates (F1, T1)")
    func transferredCertificates() throws {
        let worker = Worker.transferred.with {
            $0.certificates = $0.certificates.map { var c = $0; c.number = "Q-\(c.grade.level)"; return c }
        }.with { $0.certificates.append(Certificate(trade: "电工", grade: .intermediate, issued: Worker.day("2022-06-01"), number: "D-2")) }
        let text = try note(worker, number: 7)
        #expect(text == "转岗人员两证并列：现工种：电工中级工证书（编号D-2，2022-06-01发证）；转岗前：汽车驾驶与管理中级工证书（编号Q-2，2010-06-01发证）（T1，须知·四·7）")
        // Through the transfer module, before any certificate in the new trade.
        let lateral = try note(Worker.transferred, .intermediate, .transfer, number: 8)
        #expect(lateral.contains("现工种电工尚无") && lateral.contains("转岗前：汽车驾驶与管理中级工证书（未登记编号，2010-06-01发证）"))
        #expect(try note(Worker.transferred, .intermediate, .transfer, number: 6).contains("2020-03-01由汽车驾驶与管理转电工"))
    }

    @Test("technician asks for the 高级工 certificate itself, not a lower one")
    func technicianCertificate() throws {
        let worker = Worker.senior.educated(.college, "2012-07-01")
        #expect(try note(worker, .technician, number: 6) == "未登记高级工证书，请核对后登记")
    }

    @Test("veterans: the enlistment approval and discharge certificate")
    func veteran() throws {
        let text = try note(.veteran(enlisted: "2011-09-01"), .intermediate, .review, number: 8)
        #expect(text.hasPrefix("入伍批准书和退役证：2011-09-01入伍，2023-03-01退役"))
        #expect(try note(.veteran(enlisted: "2011-09-01"), .intermediate, .review, number: 3).contains("退役安置人员（2023-03-01安置）"))
    }

    @Test("the exceptional route: the conditions used, with their evidence, and the earlier forms")
    func exceptionalConditions() throws {
        let worker = Worker.intermediateLate.assessed(2021...2022, .excellent)
        let text = try note(worker, .senior, .exceptional, number: 8)
        #expect(text.contains("使用破格条件：连续两年年度考核优秀，证明：2021、2022年连续两年年度考核优秀（X2，"))
        #expect(text.contains("附前几个等级的审批表以查验破格条件使用情况：初级工（2003年，电工）、中级工（2021年，电工）（须知·四·8）"))
        // Two usable conditions, none named: both offered.
        let two = worker.educated(.college, "2015-07-01", relevant: true)
        #expect(try note(two, .senior, .exceptional, number: 8).contains("可用破格条件："))
        // Named: only that one.
        let named = try engine.materials(for: two.record, grade: .senior, module: .exceptional, cycle: 2024, conditions: ["college-degree"])
        let chosen = try #require(named.applicable.first { $0.number == 8 }).note
        #expect(chosen.hasPrefix("使用破格条件：取得本工种（相关专业）大专及以上学历"))
        #expect(named.conditions == ["college-degree"])
        // A used category is named with its earlier use.
        let used = worker.used("merit-award", year: 2010, grade: .intermediate)
        #expect(try note(used, .senior, .exceptional, number: 8).contains("已使用过：merit-award（2010年中级工（历史审批表））"))
    }

    @Test("the conditions recorded with the cycle's application are the ones used")
    func conditionsFromApplication() throws {
        let worker = Worker.intermediateLate.assessed(2021...2022, .excellent).educated(.college, "2015-07-01", relevant: true).with {
            $0.applications = [Application(id: 7, cycle: 2024, grade: .senior, module: .exceptional, trade: "电工", status: .filed,
                                           filedOn: Worker.day("2024-03-01"), certificateYear: 2024)]
            $0.exceptionalUses = [ExceptionalUse(condition: "college-degree", category: "college-degree", grade: .senior, year: 2024,
                                                 source: .application, applicationID: 7)]
        }
        let materials = try engine.materials(for: worker.record, grade: .senior, module: .exceptional, cycle: 2024)
        // The application's own use does not count against it (X1).
        #expect(materials.conditions == ["college-degree"])
        #expect(materials.open)
    }

    @Test("the form item carries the deadline (D1) and, for technician, the selection exam (D2)")
    func deadlineAndExam() throws {
        let senior = try note(.senior, number: 1)
        #expect(senior.contains("网上申报截止2024-04-15（等级工、技师）") && senior.contains("（D1，须知·四·12）"))
        #expect(!senior.contains("D2"))
        let technician = try note(.technician, .technician, number: 1)
        #expect(technician.contains("须参加技师选拔考试（2024-06-22）") && technician.contains("（D2，须知·四·10）"))
        let seniorTechnician = try note(.seniorTechnician(in: "行政事务"), .seniorTechnician, number: 1)
        #expect(seniorTechnician.contains("网上申报截止2024-07-05（高级技师）") && !seniorTechnician.contains("D2"))
        let late = Engines.make(today: "2024-05-01", trades: MaterialTrades.all)
        let passed = try late.materials(for: Worker.senior.record, grade: .senior, module: .normal, cycle: 2024)
        #expect(passed.applicable[0].note.contains("2024年网上申报已于2024-04-15截止"))
        #expect(try note(.senior, number: 1, cycle: 2026).contains("［推算］"))
    }
}

@Suite("D2: the technician selection exam")
struct SelectionExamTests {
    func application(_ cycle: Int, _ grade: Grade = .technician, status: ApplicationStatus = .failed,
                     exam: ExamResult? = .passed, review: ExamResult?) -> Application {
        Application(id: Int64(cycle), cycle: cycle, grade: grade, module: .normal, trade: "电工", status: status,
                    filedOn: Worker.day("\(cycle)-03-01"), certificateYear: cycle, examResult: exam, reviewResult: review)
    }

    @Test("exempt after a failed 综合评审 in an earlier year; otherwise the exam", arguments: [
        ("no earlier application", [], true),
        ("failed the review in 2022", [(2022, Grade.technician, ApplicationStatus.failed, ExamResult?.some(.failed))], false),
        ("deferred, with the review failed", [(2022, .technician, .deferred, .some(.failed))], false),
        ("failed the exam only, no review", [(2022, .technician, .failed, nil)], true),
        ("passed the review", [(2022, .technician, .passed, .some(.passed))], true),
        ("the failed review is this year's", [(2024, .technician, .failed, .some(.failed))], true),
        ("a failed senior-technician review", [(2022, .seniorTechnician, .failed, .some(.failed))], true),
    ] as [(String, [(Int, Grade, ApplicationStatus, ExamResult?)], Bool)])
    func exam(_ name: String, _ earlier: [(Int, Grade, ApplicationStatus, ExamResult?)], _ required: Bool) throws {
        let worker = Worker.technician.with { record in
            record.applications = earlier.map { application($0.0, $0.1, status: $0.2, review: $0.3) }
        }
        let exam = try #require(worker.record.selectionExam(grade: .technician, cycle: 2024, examDate: Worker.day("2024-06-22")))
        #expect(exam.required == required, "\(name)")
        #expect(exam.detail.hasSuffix("（D2，须知·四·10）"))
        if !required { #expect(exam.detail.contains("不需参加技师选拔考试")) }
        #expect(worker.record.selectionExam(grade: .seniorTechnician, cycle: 2024, examDate: nil) == nil)
    }

    @Test("the materials note says exempt for a re-applicant")
    func inMaterials() throws {
        let worker = Worker.technician.with { $0.applications = [self.application(2023, review: .failed)] }
        let materials = try MaterialTrades.engine.materials(for: worker.record, grade: .technician, module: .normal, cycle: 2024)
        #expect(materials.applicable[0].note.contains("2023年申报技师、省综合评审未通过，今年重新申报，不需参加技师选拔考试"))
    }
}
