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
        // Each item that applies has a note of its kind; each gap names its marks.
        for entry in materials.applicable { #expect(entry.note.isNote(of: entry.item.kind), "\(entry.fileName): \(entry.note)") }
        for gap in materials.gaps { #expect(gap.note == .ruledOut(gap.item.marks)) }
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
        guard case .certificates(_, basis: nil, trade: "电工")? = veteran.applicable.first(where: { $0.number == 6 })?.note else {
            Issue.record("6 原等级证书 is not the note of the certificates")
            return
        }
    }

    @Test("an option not open is listed all the same, with the failed checks that say why")
    func notOpen() throws {
        let materials = try engine.materials(for: Worker.senior.cert(.senior, "2015-06-01").record, grade: .technician, module: .normal, cycle: 2024)
        #expect(!materials.open)
        #expect(materials.applicable.first?.fileName == "1审批表.pdf")
        #expect(materials.decision.failedChecks.map(\.rule).contains(.N4))
        let open = try engine.materials(for: Worker.senior.record, grade: .senior, module: .normal, cycle: 2024)
        #expect(open.open && open.decision.failedChecks.isEmpty)
    }
}

/// Whether a note is one of an item of `kind`: `.title` of any item the records say nothing of.
extension MaterialNote {
    func isNote(of kind: MaterialKind) -> Bool {
        switch (self, kind) {
        case (.form, .form), (.identity, .identity), (.photo, .photo), (.education, .education), (.assessments, .assessments),
             (.training, .training), (.certificates, .certificate), (.exceptional, .exceptionalRequest),
             (.transferRequest, .transferRequest), (.reviewRequest, .reviewRequest), (.serviceProof, .serviceProof),
             (.quantifiedScore, .quantifiedScore), (.scoreEvidence, .scoreEvidence), (.title, .publication), (.title, .other):
            true
        default:
            false
        }
    }
}

/// The facts each note carries; GongQinCLITests (MaterialsCommandTests, CoreWordingTests)
/// check their words.
@Suite("materials notes (D5, A1, F1, D2, D1, X2)")
struct MaterialNoteTests {
    let engine = MaterialTrades.engine

    func note(_ worker: Worker, _ grade: Grade = .senior, _ module: Module = .normal, number: Int, cycle: Int = 2024,
              engine: Engine? = nil) throws -> MaterialNote {
        let materials = try (engine ?? self.engine).materials(for: worker.record, grade: grade, module: module, cycle: cycle)
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
        let education = Education(level: level, graduated: Worker.day(graduated))
        #expect(try note(worker, number: 4) == .education(education))
        #expect(education.verification.contains(expected), "\(education.verification)")
    }

    @Test("D5 takes the highest education; none recorded says so")
    func highestEducation() throws {
        let worker = Worker.senior.educated(.college, "2005-07-01")
        #expect(try note(worker, number: 4) == .education(Education(level: .college, graduated: Worker.day("2005-07-01"))))
        #expect(try note(Worker.senior.with { $0.education = [] }, number: 4) == .education(nil))
    }

    /// The years of an assessments note: due, missing, pending.
    func years(_ note: MaterialNote) -> (due: Range<Int>, missing: [Int], pending: [Int], workStart: Day)? {
        guard case .assessments(let years, let workStart) = note else { return nil }
        return (years.due, years.missing, years.pending, workStart)
    }

    @Test("the assessment years due, with the missing ones named")
    func assessmentYears() throws {
        let worker = Worker(workStart: "2000-06-01").educated(.seniorHigh).cert(.junior, "2003-06-01").cert(.intermediate, "2010-06-01")
            .assessed(2019...2019).assessed(2021...2023)
        let allNote = try note(worker, number: 5)
        let all = try #require(years(allNote))
        #expect(all.due == 2019..<2024 && all.missing == [2020] && all.pending.isEmpty)
        // New staff: from the work start.
        let newcomer = Worker(workStart: "2021-03-01", birth: "20000101").educated(.seniorHigh).assessed(2021...2022)
        let sinceNote = try note(newcomer, .junior, number: 5)
        let since = try #require(years(sinceNote))
        #expect(since.due == 2021..<2024 && since.missing == [2023] && since.workStart == Worker.day("2021-03-01"))
        // A future cycle: the years not yet over are pending, not missing.
        let upToDate = Worker(workStart: "2000-06-01").educated(.seniorHigh).assessed(2014...2023)
            .cert(.junior, "2003-06-01").cert(.intermediate, "2010-06-01")
        let futureNote = try note(upToDate, number: 5, cycle: 2026)
        let future = try #require(years(futureNote))
        #expect(future.due == 2021..<2026 && future.missing.isEmpty && future.pending == [2024, 2025])
    }

    @Test("a transferred person: both certificates with their numbers and dates (F1, T1)")
    func transferredCertificates() throws {
        let worker = Worker.transferred.with {
            $0.certificates = $0.certificates.map { var c = $0; c.number = "Q-\(c.grade.level)"; return c }
        }.with { $0.certificates.append(Certificate(trade: "电工", grade: .intermediate, issued: Worker.day("2022-06-01"), number: "D-2")) }
        guard case .certificates(let held, .intermediate, "电工") = try note(worker, number: 7) else {
            Issue.record("not the intermediate certificates in 电工")
            return
        }
        #expect(held.current?.number == "D-2" && held.current?.trade == "电工")
        #expect(held.preTransfer.map(\.number) == ["Q-2"] && held.preTransfer.map(\.trade) == ["汽车驾驶与管理"])
        // Through the transfer module, before any certificate in the new trade.
        guard case .certificates(let lateral, nil, "电工") = try note(Worker.transferred, .intermediate, .transfer, number: 8) else {
            Issue.record("not the certificates of any grade in 电工")
            return
        }
        #expect(lateral.current == nil)
        #expect(lateral.preTransfer.map { "\($0.trade) \($0.grade) \($0.issued)" } == ["汽车驾驶与管理 intermediate 2010-06-01"])
        #expect(try note(Worker.transferred, .intermediate, .transfer, number: 6)
            == .transferRequest([Transfer(from: "汽车驾驶与管理", to: "电工", date: Worker.day("2020-03-01"))]))
    }

    @Test("technician asks for the 高级工 certificate itself, not a lower one")
    func technicianCertificate() throws {
        let worker = Worker.senior.educated(.college, "2012-07-01")
        guard case .certificates(let held, .senior, _) = try note(worker, .technician, number: 6) else {
            Issue.record("not the senior certificates")
            return
        }
        #expect(held.isEmpty)
    }

    @Test("veterans: the enlistment approval and discharge certificate; the review's ground")
    func veteran() throws {
        #expect(try note(.veteran(enlisted: "2011-09-01"), .intermediate, .review, number: 8)
            == .serviceProof(enlisted: Worker.day("2011-09-01"), discharged: Worker.day("2023-03-01")))
        #expect(try note(.veteran(enlisted: "2011-09-01"), .intermediate, .review, number: 3)
            == .reviewRequest(.placed(Worker.day("2023-03-01"), trade: "电工")))
        let moved = Worker(workStart: "2005-06-01", fromProvince: "上海").tidy().cert(.intermediate, "2015-06-01", province: "上海")
        #expect(try note(moved, .intermediate, .review, number: 3) == .reviewRequest(.fromProvince("上海")))
    }

    /// The exceptional request of a note.
    func request(_ note: MaterialNote) -> MaterialNote.ExceptionalRequest? {
        guard case .exceptional(let request) = note else { return nil }
        return request
    }

    @Test("the exceptional route: the conditions used, with their evidence, and the earlier forms")
    func exceptionalConditions() throws {
        let worker = Worker.intermediateLate.assessed(2021...2022, .excellent)
        let oneNote = try note(worker, .senior, .exceptional, number: 8)
        let one = try #require(request(oneNote))
        #expect(one.conditions.map(\.name) == ["连续两年年度考核优秀"] && !one.offered)
        let evidence = try #require(one.conditions.first?.evidence)
        #expect(evidence.rule == .X2 && evidence.bareDetail == "2021、2022年连续两年年度考核优秀")
        #expect(one.earlierForms?.map { "\($0.grade) \($0.issued.year) \($0.trade)" } == ["junior 2003 电工", "intermediate 2021 电工"])
        #expect(one.used.isEmpty)
        // Two usable conditions, none named: both offered.
        let two = worker.educated(.college, "2015-07-01", relevant: true)
        let offeredNote = try note(two, .senior, .exceptional, number: 8)
        let offered = try #require(request(offeredNote))
        #expect(offered.conditions.count == 2 && offered.offered)
        // Named: only that one.
        let named = try engine.materials(for: two.record, grade: .senior, module: .exceptional, cycle: 2024, conditions: ["college-degree"])
        let chosenNote = try #require(named.applicable.first { $0.number == 8 }).note
        let chosen = try #require(request(chosenNote))
        #expect(chosen.conditions.map(\.name) == ["取得本工种（相关专业）大专及以上学历"] && !chosen.offered)
        #expect(named.conditions == ["college-degree"])
        // A used category is named with its earlier use.
        let usedNote = try note(worker.used("merit-award", year: 2010, grade: .intermediate), .senior, .exceptional, number: 8)
        let used = try #require(request(usedNote))
        #expect(used.used.map(\.category) == ["merit-award"] && used.used.map(\.year) == [2010])
        // Not the exceptional module: no earlier forms.
        let veteran = Worker.veteran(enlisted: "2015-09-01").award("二等功", "2018-08-01")
        let reviewNote = try note(veteran, .intermediate, .review, number: 10)
        #expect(request(reviewNote)?.earlierForms == nil)
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
        let requestNote = try #require(materials.applicable.first { $0.number == 8 }).note
        let filed = try #require(request(requestNote))
        #expect(filed.used.isEmpty && !filed.offered)
    }

    /// The filing and the exam of a form note.
    func form(_ note: MaterialNote) -> (filing: MaterialNote.Filing, exam: SelectionExam?)? {
        guard case .form(let filing, let exam) = note else { return nil }
        return (filing, exam)
    }

    @Test("the form item carries the deadline (D1) and, for technician, the selection exam (D2)")
    func deadlineAndExam() throws {
        let seniorNote = try note(.senior, number: 1)
        let senior = try #require(form(seniorNote))
        #expect(senior.filing.deadline.value == Worker.day("2024-04-15") && senior.filing.deadline.status == .official)
        #expect(!senior.filing.passed && senior.filing.grade == .senior && senior.filing.cycle == 2024 && senior.exam == nil)
        let technicianNote = try note(.technician, .technician, number: 1)
        let technician = try #require(form(technicianNote))
        #expect(technician.exam?.required == true && technician.filing.deadline.value == Worker.day("2024-04-15"))
        let seniorTechnicianNote = try note(.seniorTechnician(in: "行政事务"), .seniorTechnician, number: 1)
        let seniorTechnician = try #require(form(seniorTechnicianNote))
        #expect(seniorTechnician.filing.deadline.value == Worker.day("2024-07-05") && seniorTechnician.exam == nil)
        let late = Engines.make(today: "2024-05-01", trades: MaterialTrades.all)
        let lateSenior = try note(.senior, number: 1, engine: late)
        #expect(form(lateSenior)?.filing.passed == true)
        let lateSeniorTechnician = try note(.seniorTechnician(in: "行政事务"), .seniorTechnician, number: 1, engine: late)
        #expect(form(lateSeniorTechnician)?.filing.passed == false)
        let provisional = try note(.senior, number: 1, cycle: 2026)
        #expect(form(provisional)?.filing.deadline.status == .provisional)
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
        #expect(exam.examDate == Worker.day("2024-06-22"))
        #expect((exam.exemptingApplication?.cycle == 2022) == !required, "\(name)")
        #expect(worker.record.selectionExam(grade: .seniorTechnician, cycle: 2024, examDate: nil) == nil)
    }

    @Test("the materials note says exempt for a re-applicant")
    func inMaterials() throws {
        let worker = Worker.technician.with { $0.applications = [self.application(2023, review: .failed)] }
        let materials = try MaterialTrades.engine.materials(for: worker.record, grade: .technician, module: .normal, cycle: 2024)
        guard case .form(_, let exam?) = materials.applicable[0].note else {
            Issue.record("no selection exam on the form's note")
            return
        }
        #expect(!exam.required && exam.exemptingApplication?.cycle == 2023)
    }
}
