import GongQinCore
import GRDB

/// People with their records: certificates, transfers, annual assessments, education,
/// awards and continuing education. The aggregate of issue 2.
public struct People {
    let session: Session
    var db: Database { session.db }
    var catalog: Catalog { session.catalog }

    // MARK: Reading

    /// The row of a person, or an "unknown person" error.
    func row(_ id: IDNumber) throws -> PersonRow {
        if let row = try PersonRow.filter(sql: "id_number = ?", arguments: [id.text]).fetchOne(db) { return row }
        throw GongQinError.invalid("未找到身份证号为 \(id.masked) 的人员",
                                   hint: "请核对号码，或用 gongqin person list 查看已登记人员")
    }

    func person(of row: PersonRow) throws -> Person {
        row.person(unit: try catalog.unitName(id: row.unitId), trade: try catalog.tradeName(id: row.tradeId))
    }

    public func person(_ id: IDNumber) throws -> Person {
        try person(of: try row(id))
    }

    public func exists(_ id: IDNumber) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM person WHERE id_number = ?)", arguments: [id.text])!
    }

    /// Everything gongqin keeps on a person.
    public func record(_ id: IDNumber) throws -> PersonRecord {
        let row = try row(id)
        return try records(of: [row])[0]
    }

    /// The records of many people, with one query per kind of record per batch rather than per person.
    func records(of rows: [PersonRow]) throws -> [PersonRecord] {
        guard !rows.isEmpty else { return [] }
        let ids = rows.map { $0.id! }
        let low = ids.min()!, high = ids.max()!
        // A range scan on person_id is cheaper than a long IN list; rows outside `ids`
        // are dropped by the grouping below.
        let range = "person_id BETWEEN \(low) AND \(high)"
        func grouped<R: FetchableRecord & TableRecord>(_ type: R.Type, order: String, _ personID: (R) -> Int64) throws -> [Int64: [R]] {
            Dictionary(grouping: try R.filter(sql: range).order(sql: order).fetchAll(db), by: personID)
        }
        let certificates = try grouped(CertificateRow.self, order: "issued, grade", \.personId)
        let transfers = try grouped(TransferRow.self, order: "date", \.personId)
        let assessments = try grouped(AssessmentRow.self, order: "year", \.personId)
        let education = try grouped(EducationRow.self, order: "graduated", \.personId)
        let awards = try grouped(AwardRow.self, order: "date", \.personId)
        let trainings = try grouped(ContinuingEducationRow.self, order: "date", \.personId)
        let uses = try grouped(UseRow.self, order: "year", \.personId)
        let applications = try grouped(ApplicationRow.self, order: "cycle, id", \.personId)
        let jobs = try grouped(JobRow.self, order: "from_date", \.personId)
        return try rows.map { row in
            let id = row.id!
            return PersonRecord(
                person: try person(of: row),
                certificates: try (certificates[id] ?? []).map {
                    Certificate(trade: try catalog.tradeName(id: $0.tradeId), grade: $0.grade, issued: $0.issued,
                                number: $0.number, route: $0.route, province: $0.province)
                },
                transfers: try (transfers[id] ?? []).map {
                    Transfer(from: try catalog.tradeName(id: $0.fromTradeId), to: try catalog.tradeName(id: $0.toTradeId),
                             date: $0.date)
                },
                assessments: (assessments[id] ?? []).map { AnnualAssessment(year: $0.year, result: $0.result) },
                education: (education[id] ?? []).map {
                    Education(level: $0.level, graduated: $0.graduated, major: $0.major, school: $0.school,
                              relevant: $0.relevant)
                },
                awards: (awards[id] ?? []).map { Award(name: $0.name, date: $0.date, issuer: $0.issuer) },
                continuingEducation: (trainings[id] ?? []).map {
                    ContinuingEducation(name: $0.name, date: $0.date, hours: $0.hours, issuer: $0.issuer)
                },
                exceptionalUses: (uses[id] ?? []).map(\.use),
                applications: try (applications[id] ?? []).map {
                    Application(id: $0.id!, cycle: $0.cycle, grade: $0.grade, module: $0.module,
                                trade: try catalog.tradeName(id: $0.tradeId), status: $0.status, filedOn: $0.filedOn,
                                certificateYear: $0.certificateYear, note: $0.note)
                },
                jobs: (jobs[id] ?? []).map(\.job))
        }
    }

    /// Which people a listing or an evaluation covers.
    public struct Filter: Sendable {
        public var unit: String?
        public var person: IDNumber?

        public init(unit: String? = nil, person: IDNumber? = nil) {
            self.unit = unit
            self.person = person
        }
    }

    /// Calls `body` for each person, in identity-number order, reading the table one row
    /// at a time: a province's roster never sits in memory at once.
    public func forEach(_ filter: Filter = Filter(), _ body: (Person) throws -> Void) throws {
        let request = try self.request(filter).order(sql: "id_number")
        let cursor = try request.fetchCursor(db)
        while let row = try cursor.next() { try body(try person(of: row)) }
    }

    /// Calls `body` with the full records of the people the filter covers, in batches of
    /// `batchSize` people in row order: memory stays flat however many people there are.
    public func forEachRecord(_ filter: Filter = Filter(), batchSize: Int = 500,
                              _ body: ([PersonRecord]) throws -> Void) throws {
        var lastID: Int64 = 0
        let base = try request(filter)
        while true {
            let rows = try base.filter(sql: "id > ?", arguments: [lastID]).order(sql: "id").limit(batchSize).fetchAll(db)
            guard let last = rows.last else { return }
            lastID = last.id!
            try body(try records(of: rows))
        }
    }

    func request(_ filter: Filter) throws -> QueryInterfaceRequest<PersonRow> {
        var request = PersonRow.all()
        if let unit = filter.unit {
            request = request.filter(sql: "unit_id = ?", arguments: [try catalog.unitID(named: unit)])
        }
        if let id = filter.person {
            request = request.filter(sql: "id = ?", arguments: [try row(id).id!])
        }
        return request
    }

    public func count(_ filter: Filter = Filter()) throws -> Int {
        try request(filter).fetchCount(db)
    }

    // MARK: Writing people

    /// Every problem with adding `person`: its own fields, its unit and trade, and a
    /// duplicate identity number.
    public func problems(adding person: Person, today: Day) throws -> [FieldProblem] {
        var problems = person.problems(today: today)
        problems += [catalog.unitProblem(person.unit), catalog.tradeProblem(person.trade, field: "trade")].compactMap { $0 }
        if try exists(person.idNumber) {
            problems.append(FieldProblem("id-number", "身份证号 \(person.idNumber.masked) 已登记（\(try self.person(person.idNumber).name)）"))
        }
        return problems
    }

    public func add(_ person: Person, today: Day) throws {
        try refuse(try problems(adding: person, today: today))
        var row = PersonRow(person, unitID: try catalog.unitID(named: person.unit),
                            tradeID: try catalog.tradeID(named: person.trade))
        try row.insert(db)
    }

    /// Replaces a person's fields; the identity number stays.
    public func update(_ person: Person, today: Day) throws {
        let existing = try row(person.idNumber)
        var problems = person.problems(today: today)
        problems += [catalog.unitProblem(person.unit), catalog.tradeProblem(person.trade, field: "trade")].compactMap { $0 }
        try refuse(problems)
        let row = PersonRow(id: existing.id, person, unitID: try catalog.unitID(named: person.unit),
                            tradeID: try catalog.tradeID(named: person.trade))
        try row.update(db)
    }

    /// Removes a person and their records. Refused while the person has exceptional uses
    /// or applications: those are the ledger of RULES X1 and must stay checkable.
    public func remove(_ id: IDNumber) throws {
        let row = try row(id)
        let personID = row.id!
        let uses = try UseRow.filter(sql: "person_id = ?", arguments: [personID]).fetchCount(db)
        let applications = try ApplicationRow.filter(sql: "person_id = ?", arguments: [personID]).fetchCount(db)
        if uses + applications > 0 {
            throw GongQinError.refused(
                "\(row.name)（\(id.masked)）有\(uses)条破格使用记录和\(applications)条申报记录，不能删除：破格条件每类终身只能使用一次，记录须可查（X1，须知·四·8）",
                hint: "如人员调离，可用 gongqin person update 修改单位")
        }
        for table in ["certificate", "transfer", "annual_assessment", "education", "award", "continuing_education", "job"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE person_id = ?", arguments: [personID])
        }
        _ = try row.delete(db)
    }

    // MARK: Writing records

    public func problems(adding certificate: Certificate, to id: IDNumber, today: Day) throws -> [FieldProblem] {
        let owner = try row(id)
        var problems = certificate.problems(of: try person(of: owner), today: today)
        if let p = catalog.tradeProblem(certificate.trade, field: "trade") { return problems + [p] }
        let tradeID = try catalog.tradeID(named: certificate.trade)
        if let existing = try CertificateRow.filter(sql: "person_id = ? AND trade_id = ? AND grade = ?",
                                                    arguments: [owner.id!, tradeID, certificate.grade.rawValue]).fetchOne(db) {
            problems.append(FieldProblem("grade", "\(owner.name)已有\(certificate.trade)\(certificate.grade.chinese)证书（\(existing.issued)发证）"))
        }
        if let number = certificate.number,
           let holder = try String.fetchOne(db, sql: """
               SELECT person.name FROM certificate JOIN person ON person.id = certificate.person_id
               WHERE certificate.number = ?
               """, arguments: [number]) {
            problems.append(FieldProblem("number", "证书编号\(number)已登记在\(holder)名下"))
        }
        return problems
    }

    public func addCertificate(_ certificate: Certificate, to id: IDNumber, today: Day) throws {
        try refuse(try problems(adding: certificate, to: id, today: today))
        var row = CertificateRow(personId: try row(id).id!, tradeId: try catalog.tradeID(named: certificate.trade),
                                 grade: certificate.grade, issued: certificate.issued, number: certificate.number,
                                 route: certificate.route, province: certificate.province)
        try row.insert(db)
    }

    /// The transfer a person makes from their current trade to `trade` on `date`.
    public func transfer(of id: IDNumber, to trade: String, on date: Day) throws -> Transfer {
        Transfer(from: try person(id).trade, to: trade.trimmingSpaces, date: date)
    }

    public func problems(adding transfer: Transfer, to id: IDNumber, today: Day) throws -> [FieldProblem] {
        let owner = try row(id)
        if let p = catalog.tradeProblem(transfer.to, field: "to") { return [p] }
        let previous = try TransferRow.filter(sql: "person_id = ?", arguments: [owner.id!]).order(sql: "date DESC").fetchOne(db)
        let previousTransfer = try previous.map {
            Transfer(from: try catalog.tradeName(id: $0.fromTradeId), to: try catalog.tradeName(id: $0.toTradeId), date: $0.date)
        }
        return transfer.problems(of: try person(of: owner), previous: previousTransfer, today: today)
    }

    /// Records a transfer from the current trade; the current trade becomes the new one.
    public func addTransfer(_ transfer: Transfer, to id: IDNumber, today: Day) throws {
        try refuse(try problems(adding: transfer, to: id, today: today))
        var owner = try row(id)
        var row = TransferRow(personId: owner.id!, fromTradeId: try catalog.tradeID(named: transfer.from),
                              toTradeId: try catalog.tradeID(named: transfer.to), date: transfer.date)
        try row.insert(db)
        owner.tradeId = row.toTradeId
        try owner.update(db)
    }

    public func problems(adding assessment: AnnualAssessment, to id: IDNumber, today: Day) throws -> [FieldProblem] {
        let owner = try row(id)
        var problems = assessment.problems(of: try person(of: owner), today: today)
        if let existing = try AssessmentRow.filter(sql: "person_id = ? AND year = ?", arguments: [owner.id!, assessment.year]).fetchOne(db) {
            problems.append(FieldProblem("year", "\(owner.name)\(assessment.year)年度考核已登记为“\(existing.result.chinese)”"))
        }
        return problems
    }

    public func addAssessment(_ assessment: AnnualAssessment, to id: IDNumber, today: Day) throws {
        try refuse(try problems(adding: assessment, to: id, today: today))
        var row = AssessmentRow(personId: try row(id).id!, year: assessment.year, result: assessment.result)
        try row.insert(db)
    }

    public func problems(adding education: Education, to id: IDNumber, today: Day) throws -> [FieldProblem] {
        let owner = try row(id)
        var problems = education.problems(of: try person(of: owner), today: today)
        if try EducationRow.filter(sql: "person_id = ? AND level = ? AND graduated = ?",
                                   arguments: [owner.id!, education.level.rawValue, education.graduated.description]).fetchCount(db) > 0 {
            problems.append(FieldProblem("level", "\(owner.name)已有\(education.graduated)毕业的\(education.level.chinese)学历"))
        }
        return problems
    }

    public func addEducation(_ education: Education, to id: IDNumber, today: Day) throws {
        try refuse(try problems(adding: education, to: id, today: today))
        var row = EducationRow(personId: try row(id).id!, level: education.level, graduated: education.graduated,
                               major: education.major, school: education.school, relevant: education.relevant)
        try row.insert(db)
    }

    public func problems(adding award: Award, to id: IDNumber, today: Day) throws -> [FieldProblem] {
        let owner = try row(id)
        var problems = award.problems(of: try person(of: owner), today: today)
        if try AwardRow.filter(sql: "person_id = ? AND name = ? AND date = ?",
                               arguments: [owner.id!, award.name, award.date.description]).fetchCount(db) > 0 {
            problems.append(FieldProblem("name", "\(owner.name)已有\(award.date)的“\(award.name)”"))
        }
        return problems
    }

    public func addAward(_ award: Award, to id: IDNumber, today: Day) throws {
        try refuse(try problems(adding: award, to: id, today: today))
        var row = AwardRow(personId: try row(id).id!, name: award.name, date: award.date, issuer: award.issuer)
        try row.insert(db)
    }

    public func problems(adding training: ContinuingEducation, to id: IDNumber, today: Day) throws -> [FieldProblem] {
        let owner = try row(id)
        var problems = training.problems(of: try person(of: owner), today: today)
        if try ContinuingEducationRow.filter(sql: "person_id = ? AND name = ? AND date = ?",
                                             arguments: [owner.id!, training.name, training.date.description]).fetchCount(db) > 0 {
            problems.append(FieldProblem("name", "\(owner.name)已有\(training.date)的继续教育“\(training.name)”"))
        }
        return problems
    }

    public func addContinuingEducation(_ training: ContinuingEducation, to id: IDNumber, today: Day) throws {
        try refuse(try problems(adding: training, to: id, today: today))
        var row = ContinuingEducationRow(personId: try row(id).id!, name: training.name, date: training.date,
                                         hours: training.hours, issuer: training.issuer)
        try row.insert(db)
    }

    // MARK: Employment history (工作经历, RULES F1)

    func jobRows(of owner: PersonRow) throws -> [JobRow] {
        try JobRow.filter(sql: "person_id = ?", arguments: [owner.id!]).order(sql: "from_date").fetchAll(db)
    }

    public func jobs(_ id: IDNumber) throws -> [Job] {
        try jobRows(of: try row(id)).map(\.job)
    }

    public func problems(adding job: Job, to id: IDNumber, today: Day) throws -> [FieldProblem] {
        let owner = try row(id)
        return job.problems(of: try person(of: owner), others: try jobRows(of: owner).map(\.job), today: today)
    }

    public func addJob(_ job: Job, to id: IDNumber, today: Day) throws {
        let problems = try problems(adding: job, to: id, today: today)
        if !problems.isEmpty, job.to == nil, try jobs(id).contains(where: { $0.to == nil }) {
            throw GongQinError.invalid(problems.map(\.message).joined(separator: "；"),
                                       hint: "换了岗位请先用 gongqin job end 身份证号 --to YYYY-MM 结束现任岗位")
        }
        try refuse(problems)
        var row = JobRow(personId: try row(id).id!, fromDate: job.from, toDate: job.to,
                         unit: job.unit.trimmingSpaces, post: job.post.trimmingSpaces)
        try row.insert(db)
    }

    /// Ends the post held now (the open-ended one) with `to`. Returns it, ended.
    public func endJob(of id: IDNumber, to: Day, today: Day) throws -> Job {
        let owner = try row(id)
        let rows = try jobRows(of: owner)
        guard var current = rows.first(where: { $0.toDate == nil }) else {
            throw GongQinError.invalid("\(owner.name)没有现任岗位（截止时间为空的工作经历）",
                                       hint: "可用 gongqin job list 身份证号 查看")
        }
        var ended = current.job
        ended.to = to
        let others = rows.filter { $0.id != current.id }.map(\.job)
        try refuse(ended.problems(of: try person(of: owner), others: others, today: today))
        current.toDate = to
        try current.update(db)
        return ended
    }
}

/// Throws the problems as one error: one line, the problems joined.
func refuse(_ problems: [FieldProblem]) throws {
    guard !problems.isEmpty else { return }
    throw GongQinError.invalid(problems.map(\.message).joined(separator: "；"))
}
