import GongQinCore
import GongQinStore

/// The demo's workers, with every date counted back from the cycle they will apply in,
/// so that the demo tells the same story whatever year it is run. No date is after
/// today except one probation end, which is the point of that worker.
struct DemoRoster {
    let cycle: Int
    let today: Day
    private(set) var workers: [DemoWorker] = []

    /// The two workers whose explanation the demo prints.
    static let explained = ["孙梅", "郑华"]

    init(cycle: Int, today: Day) {
        self.cycle = cycle
        self.today = today
        build()
    }

    mutating func add(_ name: String, _ sex: IDNumber.Sex, _ trade: String, start: Day, story: String,
                      _ configure: (inout DemoWorker) -> Void = { _ in }) {
        var worker = DemoWorker(name: name, story: story, trade: trade, start: start)
        worker.education = [Education(level: .seniorHigh, graduated: Day(year: start.year - 1, month: 7, day: 1)!)]
        configure(&worker)
        // Born twenty years before the first day of work or service.
        let birth = Day(year: worker.person.seniorityStart.year - 20, month: (workers.count % 12) + 1,
                        day: (workers.count % 27) + 1)!
        worker.id = DemoRoster.id(birth: birth, sequence: 2 * workers.count + (sex == .male ? 11 : 12))
        worker.person.idNumber = worker.id
        if worker.assessments.isEmpty {
            let first = max(cycle - 6, worker.person.workStart.year)
            if first <= today.year - 1 {
                worker.assessments = (first...(today.year - 1)).map { AnnualAssessment(year: $0, result: .pass) }
            }
        }
        workers.append(worker)
    }

    static func id(birth: Day, sequence: Int) -> IDNumber {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: width - s.count) + s
        }
        let body = "320402" + pad(birth.year, 4) + pad(birth.month, 2) + pad(birth.day, 2) + pad(sequence % 1000, 3)
        return try! IDNumber(body + String(IDNumber.checkCharacter(for: Array(body))!))
    }

    mutating func build() {
        let n = cycle
        let today = self.today
        let d = DemoDates(cycle: cycle, today: today)
        // 初级工 (N1)
        add("王丽", .female, "行政事务", start: d(-3, 7), story: "初级工正常申报") {
            $0.person.probationEnd = d(-2, 7)
            $0.education = [Education(level: .college, graduated: d(-3, 6, 30))]
        }
        add("陈晨", .male, "电工", start: min(Day(year: n - 1, month: 9, day: 1)!, today), story: "试用期未满（N1）") {
            $0.person.probationEnd = Day(year: n, month: 6, day: 30)
        }
        add("何静", .female, "收银审核", start: d(-4, 9), story: "初级工正常申报") { $0.person.probationEnd = d(-3, 9) }
        add("林芳", .female, "护理保健", start: d(-5, 8), story: "初级工正常申报") { $0.person.probationEnd = d(-4, 8) }
        // 中级工 (N2, E2)
        add("张伟", .male, "电工", start: d(-12, 7), story: "中级工正常申报") { $0.cert(.junior, d(-7)) }
        add("李娜", .female, "计算机信息处理", start: d(-10, 3), story: "中级工正常申报") {
            $0.cert(.junior, d(-6))
            $0.education = [Education(level: .college, graduated: d(-11, 7), relevant: true)]
        }
        add("刘强", .male, "汽车驾驶与管理", start: d(-9, 9), story: "中级工正常申报，年限刚好") { $0.cert(.junior, d(-5, 5)) }
        add("杨洋", .male, "机械加工", start: d(-15), story: "中级工正常申报") {
            $0.cert(.junior, d(-10))
            $0.education = [Education(level: .technicalSchool, graduated: d(-16, 7), relevant: true)]
        }
        add("罗斌", .male, "公路养护", start: d(-13), story: "中级工正常申报") { $0.cert(.junior, d(-8)) }
        add("宋佳", .female, "图书档案管理", start: d(-11), story: "中级工正常申报，缺一年考核记录（A1 提示）") {
            $0.cert(.junior, d(-6))
            $0.assessments = ((n - 6)...(today.year - 1)).filter { $0 != n - 4 }.map { AnnualAssessment(year: $0, result: .pass) }
        }
        add("黄磊", .male, "电工", start: d(-8, 7), story: "中级工提前一年申报：工作年限差一年（E2）") { $0.cert(.junior, d(-6)) }
        add("赵敏", .female, "行政事务", start: d(-11), story: "中级工提前一年申报：证书年限差一年（E2）") { $0.cert(.junior, d(-4)) }
        add("周涛", .male, "电工", start: d(-7), story: "中级工尚未到年限") { $0.cert(.junior, d(-3)) }
        // 高级工 (N3, E3)
        add("吴敏", .female, "收银审核", start: d(-22), story: "高级工正常申报") {
            $0.cert(.junior, d(-18)); $0.cert(.intermediate, d(-10))
            $0.education = [Education(level: .secondarySpecialized, graduated: d(-23, 7))]
        }
        add("徐刚", .male, "汽车驾驶与管理", start: d(-20), story: "高级工正常申报") {
            $0.cert(.junior, d(-16)); $0.cert(.intermediate, d(-6))
        }
        add("孙鹏", .male, "电工", start: d(-25), story: "高级工正常申报") {
            $0.cert(.junior, d(-20)); $0.cert(.intermediate, d(-12))
            $0.education = [Education(level: .vocationalHigh, graduated: d(-26, 7))]
        }
        add("胡军", .male, "泵站运行", start: d(-19, 8), story: "高级工正常申报，年限刚好") {
            $0.cert(.junior, d(-15)); $0.cert(.intermediate, d(-5))
        }
        add("梁燕", .female, "药剂", start: d(-21), story: "高级工正常申报") {
            $0.cert(.junior, d(-17)); $0.cert(.intermediate, d(-9))
            $0.education = [Education(level: .college, graduated: d(-22, 7), relevant: true)]
        }
        add("马丽", .female, "图书档案管理", start: d(-18, 7), story: "高级工提前一年申报：工作年限差一年（E3）") {
            $0.cert(.junior, d(-14)); $0.cert(.intermediate, d(-7))
        }
        add("朱华", .male, "电工", start: d(-21), story: "高级工提前一年申报：证书年限差一年（E3）") {
            $0.cert(.junior, d(-15)); $0.cert(.intermediate, d(-4))
        }
        // 破格 (X1–X4)
        add("赵强", .male, "电工", start: d(-20), story: "破格：连续两年优秀，类别未使用") {
            $0.cert(.junior, d(-16)); $0.cert(.intermediate, d(-3))
            $0.excellent(n - 4, n - 3)
        }
        add("孙梅", .female, "收银审核", start: d(-22), story: "破格：“连续两年优秀”已用过，改用相关专业大专") {
            $0.cert(.junior, d(-18)); $0.cert(.intermediate, d(-12), route: .exceptional); $0.cert(.senior, d(-3))
            $0.uses.append(("excellent-two-years", n - 12, .intermediate))
            $0.excellent(n - 4, n - 3)
            $0.education = [Education(level: .college, graduated: d(-8, 7), major: "会计", relevant: true)]
        }
        add("周杰", .male, "电工", start: d(-22), story: "破格：二等功已用过，无其他条件（X1）") {
            $0.cert(.junior, d(-18)); $0.cert(.intermediate, d(-14), route: .exceptional); $0.cert(.senior, d(-3))
            $0.awards = [Award(name: "二等功", date: d(-16, 8), issuer: "某部")]
            $0.uses.append(("merit-award", n - 14, .intermediate))
            $0.education = [Education(level: .college, graduated: d(-23, 7))]
        }
        // 转岗 (T1–T5)
        add("吴刚", .male, "汽车驾驶与管理", start: d(-21), story: "转岗：原工种中级工，平级或晋级转入电工（T4）") {
            $0.cert(.junior, d(-17)); $0.cert(.intermediate, d(-10))
            $0.transfers.append(("电工", d(-3, 3)))
            // 工作简历 for the approval form (F1).
            $0.jobs = [Job(from: d(-21), to: d(-3, 2), unit: DemoCommand.unit.name, post: "驾驶员"),
                       Job(from: d(-3, 3), unit: DemoCommand.unit.name, post: "电工")]
        }
        add("郑华", .female, "汽车驾驶与管理", start: d(-12), story: "两次转岗，初级工年限从原工种证书起算（T1）") {
            $0.cert(.junior, d(-8))
            $0.transfers.append(("收银审核", d(-7, 3)))
            $0.transfers.append(("行政事务", d(-5, 3)))
            $0.cert(.junior, d(-4, 8), trade: "行政事务", route: .transfer)
            $0.education = [Education(level: .college, graduated: d(-13, 7))]
        }
        add("冯伟", .male, "电工", start: d(-14), story: "转岗后尚无新工种证书，不可按原工种晋级（T2、T4）") {
            $0.cert(.junior, d(-9))
            $0.transfers.append(("计算机信息处理", d(-2, 3)))
        }
        // 复核 (V0–V6)
        add("钱军", .male, "汽车驾驶与管理", start: d(-4, 3), story: "退役安置：安置当年军龄12年，复核中级工（V1、V2）") {
            $0.military(enlisted: d(-16, 12), discharged: d(-5, 12), placed: d(-4, 3))
        }
        add("褚兵", .male, "公路养护", start: d(-3, 3), story: "退役安置：军龄9年，凭二等功放宽3年复核中级工（V3）") {
            $0.military(enlisted: d(-12, 9), discharged: d(-4, 9), placed: d(-3, 3))
            $0.awards = [Award(name: "二等功", date: d(-7, 8), issuer: "某部")]
        }
        add("卫东", .male, "行政事务", start: d(-2, 3), story: "退役安置：军龄8年，连续两年优秀士兵、士官，放宽3年复核中级工（V3）") {
            $0.military(enlisted: d(-10, 12), discharged: d(-3, 12), placed: d(-2, 3))
            $0.awards = [Award(name: "优秀士兵", date: d(-8, 12), issuer: "某部"), Award(name: "优秀士官", date: d(-7, 12), issuer: "某部")]
        }
        add("蔡勇", .male, "泵站运行", start: d(-2, 3), story: "退役安置：军龄22年，复核高级工（V1）") {
            $0.military(enlisted: d(-24, 12), discharged: d(-3, 12), placed: d(-2, 3))
        }
        add("蒋勇", .male, "电工", start: d(-5, 3), story: "复核定级后首次晋升高级工，不受本等级年限限制（V4）") {
            $0.military(enlisted: d(-25, 12), discharged: d(-6, 12), placed: d(-5, 3))
            $0.cert(.intermediate, d(-4, 8), route: .review)
        }
        add("沈红", .female, "收银审核", start: d(-15), story: "外省调入：复核确认安徽中级工（V6）") {
            $0.person.fromProvince = "安徽"
            $0.cert(.intermediate, d(-8), province: "安徽")
        }
        // 年度考核 (A1)
        add("韩磊", .male, "电工", start: d(-22), story: "近5年中有一年考核不合格（A1）") {
            $0.cert(.junior, d(-18)); $0.cert(.intermediate, d(-9))
            $0.assessments = ((n - 6)...(today.year - 1)).map { AnnualAssessment(year: $0, result: $0 == n - 3 ? .fail : .pass) }
        }
        // 技师 (N4, T5)
        add("杨帆", .male, "电工", start: d(-24), story: "技师：高级工年限够，学历只有高中（N4）") {
            $0.cert(.junior, d(-20)); $0.cert(.intermediate, d(-14)); $0.cert(.senior, d(-7))
        }
        add("朱敏", .female, "行政事务", start: d(-22), story: "技师正常申报（大专）") {
            $0.cert(.junior, d(-19)); $0.cert(.intermediate, d(-14)); $0.cert(.senior, d(-8))
            $0.education = [Education(level: .college, graduated: d(-23, 7))]
            $0.awards = [Award(name: "嘉奖", date: d(-3, 12), issuer: "常州市示范局")]
        }
        add("秦峰", .male, "机械加工", start: d(-20), story: "技师正常申报（本工种技校）") {
            $0.cert(.junior, d(-17)); $0.cert(.intermediate, d(-12)); $0.cert(.senior, d(-6))
            $0.education = [Education(level: .technicalSchool, graduated: d(-21, 7), major: "机械加工", relevant: true)]
        }
        add("唐亮", .male, "电工", start: d(-23), story: "技师正常申报，高级工证书年限刚好") {
            $0.cert(.junior, d(-19)); $0.cert(.intermediate, d(-13)); $0.cert(.senior, d(-4, 12, 31))
            $0.education = [Education(level: .bachelor, graduated: d(-24, 7))]
        }
        // 高级技师 (N5)
        add("许静", .female, "药剂", start: d(-26), story: "高级技师正常申报") {
            $0.cert(.senior, d(-16)); $0.cert(.technician, d(-7))
            $0.education = [Education(level: .bachelor, graduated: d(-27, 7))]
        }
        add("曹阳", .male, "汽车驾驶与管理", start: d(-24), story: "高级技师正常申报（驾驶员）") {
            $0.cert(.senior, d(-14)); $0.cert(.technician, d(-5))
            $0.education = [Education(level: .adultHigherEducationCertificate, graduated: d(-10, 7))]
        }
        add("邓超", .male, "电工", start: d(-28), story: "已是高级技师（G1）") {
            $0.cert(.technician, d(-12)); $0.cert(.seniorTechnician, d(-6))
            $0.education = [Education(level: .college, graduated: d(-29, 7))]
        }
    }

    /// Writes the roster through the repositories, as a clerk's commands would.
    func write(into s: Session, unit: Unit) throws {
        _ = try s.catalog.addUnit(unit)
        for worker in workers {
            var person = worker.person
            person.unit = unit.name
            try s.people.add(person, today: today)
            let id = person.idNumber
            // Certificates before and after each transfer, in date order.
            for certificate in worker.certificates { try s.people.add(RecordKinds.certificate, certificate, to: id, today: today) }
            for (trade, date) in worker.transfers {
                try s.people.add(RecordKinds.transfer, try s.people.transfer(of: id, to: trade, on: date), to: id, today: today)
            }
            for assessment in worker.assessments { try s.people.addAssessment(assessment, to: id, today: today) }
            for education in worker.education { try s.people.add(RecordKinds.education, education, to: id, today: today) }
            for award in worker.awards { try s.people.add(RecordKinds.award, award, to: id, today: today) }
            for job in worker.jobs { try s.people.addJob(job, to: id, today: today) }
            for (condition, year, grade) in worker.uses {
                _ = try s.ledger.recordHistoricUse(id, condition: condition, grade: grade, year: year,
                                                   note: "\(year)年审批表", today: today)
            }
        }
    }
}

/// A day `offset` years from the cycle, never after today.
struct DemoDates {
    let cycle: Int
    let today: Day

    func callAsFunction(_ offset: Int, _ month: Int = 6, _ day: Int = 1) -> Day {
        min(Day(year: cycle + offset, month: month, day: day)!, today)
    }
}

/// One demo worker and the records the demo writes for them.
struct DemoWorker {
    var name: String
    var story: String
    var id: IDNumber
    var person: Person
    var certificates: [Certificate] = []
    var transfers: [(String, Day)] = []
    var assessments: [AnnualAssessment] = []
    var education: [Education] = []
    var awards: [Award] = []
    var jobs: [Job] = []
    var uses: [(String, Int, Grade)] = []

    init(name: String, story: String, trade: String, start: Day) {
        self.name = name
        self.story = story
        id = DemoRoster.id(birth: Day(year: 1980, month: 1, day: 1)!, sequence: 0)
        person = Person(idNumber: id, name: name, unit: "", trade: trade, workStart: start)
    }

    /// A certificate in the trade held at `issued` (the first trade, unless given).
    mutating func cert(_ grade: Grade, _ issued: Day, trade: String? = nil, route: Module = .normal, province: String = "江苏") {
        certificates.append(Certificate(trade: trade ?? person.trade, grade: grade, issued: issued,
                                        number: "演示\(name)-\(grade.level)\(certificates.count)",
                                        route: route, province: province))
    }

    mutating func military(enlisted: Day, discharged: Day, placed: Day) {
        person.enlisted = enlisted
        person.discharged = discharged
        person.placed = placed
    }

    /// 优秀 in the given years, 合格 in the others of the window.
    mutating func excellent(_ years: Int...) {
        let first = min(years.min()! - 2, person.workStart.year + 1)
        assessments = (first...years.max()!).map { AnnualAssessment(year: $0, result: years.contains($0) ? .excellent : .pass) }
    }
}
