import GongQinCore
import Testing

@Suite("the approval form draft (F1, 须知·五)")
struct ApprovalFormTests {
    func draft(_ worker: Worker, _ grade: Grade = .senior, remark: String = ApprovalForm.defaultRemark) throws -> ApprovalForm {
        try ApprovalForm.draft(worker.record, grade: grade, module: .normal, cycle: 2024, remark: remark)
    }

    func job(_ from: String, _ to: String?, _ unit: String, _ post: String) -> Job {
        Job(from: Worker.day(from), to: to.map(Worker.day), unit: unit, post: post)
    }

    @Test("隶属 常州市, birth month and sex from the ID, the highest education with D5's proof")
    func personalData() throws {
        let form = try draft(Worker.senior.educated(.college, "2003-07-01"))
        #expect(form.affiliation == "常州市")
        #expect(form.birthMonth == "1980年01月")
        #expect(form.sex == "男")
        #expect(form.education?.level == .college)
        #expect(form.education?.verification.contains("学信网") == true)
        #expect(form.trade == "电工" && form.grade == .senior)
    }

    @Test("a transferred worker: the two certificates side by side, old trade first, with numbers and dates")
    func transferred() throws {
        let worker = Worker.transferred.with {
            $0.certificates = $0.certificates.map { var c = $0; c.number = "Q\(c.grade.level)"; return c }
            $0.certificates.append(Certificate(trade: "电工", grade: .intermediate, issued: Worker.day("2022-06-01"), number: "D2"))
        }
        let form = try draft(worker)
        #expect(form.heldCertificates.map { "\($0.trade) \($0.grade.chinese) \($0.number ?? "-") \($0.issued) \($0.preTransfer)" } == [
            "汽车驾驶与管理 中级工 Q2 2010-06-01 true",
            "电工 中级工 D2 2022-06-01 false",
        ])
        #expect(form.findings.contains(.certificatesSideBySide))
        // Before any certificate in the new trade: the old one alone, said so.
        let lateral = try draft(.transferred, .intermediate)
        #expect(lateral.heldCertificates.map(\.trade) == ["汽车驾驶与管理"])
        #expect(lateral.findings.contains(.noCertificateInCurrentTrade(trade: "电工")))
    }

    @Test("an untransferred worker: the highest certificate in the chain")
    func highestCertificate() throws {
        let form = try draft(.senior)
        #expect(form.heldCertificates.map(\.grade) == [.intermediate])
        #expect(form.heldCertificates.first?.preTransfer == false)
    }

    @Test("工作简历 in the notice's line format, the current post open-ended")
    func workHistory() throws {
        let worker = Worker.senior.with {
            $0.jobs = [self.job("2012-04-01", nil, "常州市某某办公室", "工作人员"), self.job("2005-07-01", "2012-03-01", "常州市某单位", "驾驶员")]
        }
        let form = try draft(worker)
        #expect(form.workHistory == ["2005年07月-2012年03月 常州市某单位驾驶员", "2012年04月-  常州市某某办公室工作人员"])
        #expect(!form.findings.contains(.workHistoryDerived))
    }

    @Test("no jobs recorded: one open-ended line from the work start, unit and trade, with a note")
    func derivedHistory() throws {
        let form = try draft(.senior)
        #expect(form.workHistory == ["2000年06月-  常州市某局电工"])
        #expect(form.findings.contains(.workHistoryDerived))
    }

    @Test("military service gets its line when no job covers it")
    func service() throws {
        let worker = Worker(workStart: "2014-03-01", birth: "19850101", enlisted: "2004-12-01", placed: "2014-03-01").tidy()
        let form = try draft(worker, .intermediate)
        #expect(form.workHistory == ["2004年12月-2014年03月 部队服役", "2014年03月-  常州市某局电工"])
    }

    @Test("a worker with awards: 工作业绩 lists them in the notice's format")
    func awards() throws {
        let worker = Worker.senior.with {
            $0.awards = [Award(name: "嘉奖", date: Worker.day("2019-12-01"), issuer: "某局"),
                         Award(name: "优秀党员", date: Worker.day("2021-07-01"), issuer: "某区")]
        }
        let form = try draft(worker, remark: "不会用到")
        #expect(form.achievements == ["2019年12月某局嘉奖", "2021年7月某区优秀党员"])
        #expect(!form.achievementsAreRemark)
    }

    @Test("a worker without awards: the employer remark, never empty")
    func remark() throws {
        let form = try draft(.senior)
        #expect(form.achievements == [ApprovalForm.defaultRemark])
        #expect(form.achievementsAreRemark)
        #expect(try draft(.senior, remark: "  该同志爱岗敬业。 ").achievements == ["该同志爱岗敬业。"])
        #expect(throws: ApprovalForm.RemarkProblem.empty) { try draft(.senior, remark: " \u{3000} ") }
        #expect(throws: ApprovalForm.RemarkProblem.tooLong(characters: ApprovalForm.remarkLimit + 1)) {
            try ApprovalForm.remark(String(repeating: "好", count: ApprovalForm.remarkLimit + 1))
        }
    }

    @Test("job records: overlaps, a start before 16, an end before the start")
    func jobChecks() {
        let person = Worker.senior.record.person
        let held = [job("2005-07-01", "2012-03-01", "常州市某单位", "驾驶员"), job("2012-04-01", nil, "常州市某某办公室", "工作人员")]
        let today = Worker.day("2024-01-10")
        #expect(job("2001-01-01", "2004-12-01", "甲", "乙").problems(of: person, others: held, today: today).isEmpty)
        #expect(job("2010-01-01", "2011-01-01", "甲", "乙").problems(of: person, others: held, today: today).map(\.field) == ["from"])
        #expect(job("2013-01-01", nil, "甲", "乙").problems(of: person, others: held, today: today).first?.cause as? RecordProblem
                 == .overlapsJob(held[1], bothCurrent: true))
        #expect(job("1995-01-01", "1996-01-01", "甲", "乙").problems(of: person, others: [], today: today).first?.cause as? RecordProblem
                 == .underAge(.jobFrom, Worker.day("1995-01-01"), years: 16, born: person.idNumber.birthDate))
        #expect(job("2003-01-01", "2002-01-01", "甲", "乙").problems(of: person, others: [], today: today).map(\.field) == ["to"])
        #expect(job("2003-01-01", nil, " ", "").problems(of: person, others: [], today: today).map(\.field) == ["unit", "post"])
        #expect(job("2025-01-01", nil, "甲", "乙").problems(of: person, others: [], today: today).map(\.field) == ["from"])
    }
}
