import Foundation
import GongQinCore
import GRDB

/// A name as gongqin stores and compares it: NFKC, then `PersonName.fold` (Schema/0011).
enum StoredName {
    static func folded(_ text: String) -> String {
        PersonName.fold(NFKC.leavesUnchanged(text) ? text : text.precomposedStringWithCompatibilityMapping)
    }
}

/// People with their records: certificates, transfers, annual assessments, education,
/// awards and continuing education. The aggregate a person is.
public struct People {
    let session: Session
    var db: Database { session.db }
    var catalog: Catalog { session.catalog }

    // MARK: Reading

    /// The row of a person, or an "unknown person" error.
    func row(_ id: IDNumber) throws -> PersonRow {
        if let row = try existingRow(id) { return row }
        throw StoreFailure.personNotFound(id)
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

    /// The records of many people, with one query per kind of record per batch rather than
    /// per person. Each query is a cached statement with its columns listed, read by column
    /// index straight into Core types (BENCHMARKS.md): `eligible` over a province reads
    /// millions of rows here.
    func records(of rows: [PersonRow]) throws -> [PersonRecord] {
        guard !rows.isEmpty else { return [] }
        let position = Positions(rows.map { $0.id! })
        // A range scan on person_id is cheaper than a long IN list; rows of people outside
        // `rows` are skipped. Each kind is read in its record order, person by person.
        let range: StatementArguments = [position.low, position.high]
        func each(_ columns: String, from table: String, order: String, _ body: (Int, StatementRow) throws -> Void) throws {
            try db.eachRow("SELECT person_id, \(columns) FROM \(table) WHERE person_id BETWEEN ? AND ? ORDER BY person_id, \(order)",
                           range) { c in
                if let i = position[c.int64(0)] { try body(i, c) }
            }
        }
        let catalog = self.catalog
        // Each kind as its spec describes it (GongQinCore, RecordSpec), a person's records
        // in the order of their row ids. `PersonRecord` sorts them by its order (the spec's),
        // stably, so records alike in it stay in row-id order, as `ORDER BY …, id` had them:
        // sorting each person's few records here costs less than SQLite sorting every batch
        // (its index gives the rows by person, not in the spec's order).
        func records<R>(_ spec: RecordSpec<R>) throws -> [[R]] {
            var records = [[R]](repeating: [], count: rows.count)
            // A person's rows come one after another (`ORDER BY person_id`); their ids are
            // kept while they do, and the rare person whose rows came out of id order (a
            // record added or corrected later) is put back in it when the next begins.
            var owner = -1
            var ids: [Int64] = []
            func inIDOrder() {
                guard owner >= 0, !zip(ids, ids.dropFirst()).allSatisfy({ $0 < $1 }) else { return }
                records[owner] = ids.indices.sorted { ids[$0] < ids[$1] }.map { records[owner][$0] }
            }
            try db.eachRow("SELECT person_id, id, \(spec.columnList) FROM \(spec.table) WHERE person_id BETWEEN ? AND ? ORDER BY person_id",
                           range) { c in
                guard let i = position[c.int64(0)] else { return }
                if i != owner {
                    inIDOrder()
                    owner = i
                    ids.removeAll(keepingCapacity: true)
                }
                records[i].append(try spec.decode(c, from: 2, catalog))
                ids.append(c.int64(1))
            }
            inIDOrder()
            return records
        }
        let certificates = try records(RecordSpecs.certificate), transfers = try records(RecordSpecs.transfer)
        let assessments = try records(RecordSpecs.assessment), education = try records(RecordSpecs.education)
        let awards = try records(RecordSpecs.award), trainings = try records(RecordSpecs.training)
        let jobs = try records(RecordSpecs.job)
        var uses = [[ExceptionalUse]](repeating: [], count: rows.count)
        try each("condition_code, category, grade, year, source, application_id, note", from: "exceptional_use",
                 order: "year, id") { i, c in
            uses[i].append(ExceptionalUse(condition: c.text(1), category: c.text(2), grade: try c.value(3), year: c.int(4),
                                          source: try c.value(5), applicationID: c.optionalInt64(6), note: c.optionalText(7)))
        }
        var applications = [[Application]](repeating: [], count: rows.count)
        try each("id, cycle, grade, module, trade_id, status, filed_on, certificate_year, note, exam_result, review_result",
                 from: "application", order: "cycle, id") { i, c in
            let grade = try c.value(3, as: Grade.self), module = try c.value(4, as: Module.self)
            let trade = try catalog.tradeName(id: c.int64(5)), status = try c.value(6, as: ApplicationStatus.self)
            let exam = try c.optionalValue(10, as: ExamResult.self), review = try c.optionalValue(11, as: ExamResult.self)
            applications[i].append(Application(id: c.int64(1), cycle: c.int(2), grade: grade, module: module, trade: trade,
                                               status: status, filedOn: try c.day(7), certificateYear: c.int(8),
                                               note: c.optionalText(9), examResult: exam, reviewResult: review))
        }
        return try rows.indices.map { i in
            PersonRecord(person: try person(of: rows[i]), certificates: certificates[i], transfers: transfers[i],
                         assessments: assessments[i], education: education[i], awards: awards[i],
                         trainings: trainings[i], exceptionalUses: uses[i], applications: applications[i],
                         jobs: jobs[i])
        }
    }

    /// Where each person of a batch sits in it, by row id: every record read for the batch
    /// asks. The ids of a batch of everyone lie close together, so the places are an array
    /// indexed from the lowest id; a batch of one unit's people, scattered over the table,
    /// keeps them in a dictionary.
    struct Positions {
        let low: Int64, high: Int64
        private var near: [Int32] = []
        private var far: [Int64: Int] = [:]

        init(_ ids: [Int64]) {
            low = ids.min()!
            high = ids.max()!
            if high - low < Int64(ids.count) * 8 + 64 {
                near = Array(repeating: -1, count: Int(high - low) + 1)
                for (i, id) in ids.enumerated() { near[Int(id - low)] = Int32(i) }
            } else {
                far = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
            }
        }

        subscript(id: Int64) -> Int? {
            guard near.isEmpty else {
                guard id >= low, id <= high, case let i = near[Int(id - low)], i >= 0 else { return nil }
                return Int(i)
            }
            return far[id]
        }
    }

    /// Which people a listing or an evaluation covers.
    public struct Filter: Sendable {
        public var unit: String?
        /// The supervising department (主管部门): every unit under it.
        public var department: String?
        public var person: IDNumber?
        /// Part of a name.
        public var name: String?
        public var trade: String?

        public init(unit: String? = nil, person: IDNumber? = nil, department: String? = nil, name: String? = nil,
                    trade: String? = nil) {
            self.unit = unit
            self.department = department
            self.person = person
            self.name = name
            self.trade = trade
        }
    }

    /// Calls `body` for each person, in identity-number order, reading the table one row
    /// at a time: a province's roster never sits in memory at once.
    public func forEach(_ filter: Filter = Filter(), _ body: (Person) throws -> Void) throws {
        let scope = try self.scope(filter, person: "person")
        try db.eachRow("SELECT \(PersonRow.columnList) FROM person WHERE \(scope.sql) ORDER BY id_number", scope.arguments) {
            try body(try person(of: PersonRow(columns: $0)))
        }
    }

    /// Calls `body` with the full records of the people the filter covers, in batches of
    /// `batchSize` people in row order: memory stays flat however many people there are.
    public func forEachRecord(_ filter: Filter = Filter(), batchSize: Int = 500,
                              _ body: ([PersonRecord]) throws -> Void) throws {
        var lastID: Int64 = 0
        let scope = try self.scope(filter, person: "person")
        let sql = "SELECT \(PersonRow.columnList) FROM person WHERE \(scope.sql) AND id > ? ORDER BY id LIMIT ?"
        while true {
            var rows: [PersonRow] = []
            rows.reserveCapacity(batchSize)
            try db.eachRow(sql, scope.arguments + [lastID, batchSize]) { rows.append(try PersonRow(columns: $0)) }
            guard let last = rows.last else { return }
            lastID = last.id!
            try body(try records(of: rows))
        }
    }

    /// The one place a filter becomes SQL: a condition on the people of the table alias
    /// `person`, for every listing, evaluation, audit and roster. Refuses an unknown unit,
    /// department or person.
    func scope(_ filter: Filter, person alias: String) throws -> (sql: String, arguments: StatementArguments) {
        var conditions = ["1"]
        var arguments: StatementArguments = []
        if let unit = filter.unit {
            conditions.append("\(alias).unit_id = ?")
            arguments += [try catalog.unitID(named: unit)]
        }
        if let department = filter.department {
            let name = try catalog.department(named: department)
            conditions.append("\(alias).unit_id IN (SELECT id FROM unit WHERE department = ?)")
            arguments += [name]
        }
        if let id = filter.person {
            conditions.append("\(alias).id = ?")
            arguments += [try row(id).id!]
        }
        if let name = filter.name {
            conditions.append("instr(\(alias).name, ?) > 0")
            arguments += [StoredName.folded(name)]
        }
        if let trade = filter.trade {
            conditions.append("\(alias).trade_id = ?")
            arguments += [try catalog.tradeID(named: trade)]
        }
        return (conditions.joined(separator: " AND "), arguments)
    }

    /// Refuses a filter naming an unknown unit, department or person, as `scope` does,
    /// without reading anyone.
    public func check(_ filter: Filter) throws {
        _ = try scope(filter, person: "person")
    }

    // MARK: Writing people

    /// The person with this identity number, read through a cached statement by column
    /// index: an import asks once per row.
    func existingRow(_ id: IDNumber) throws -> PersonRow? {
        var found: PersonRow?
        try db.eachRow("SELECT \(PersonRow.columnList) FROM person WHERE id_number = ?", text: id.text) {
            found = try PersonRow(columns: $0)
        }
        return found
    }

    /// The person of row `id`, read through a cached statement by column index: the gate
    /// asks once for each owner of the rows a transaction wrote.
    func existingRow(id: Int64) throws -> PersonRow? {
        var found: PersonRow?
        try db.eachRow("SELECT \(PersonRow.columnList) FROM person WHERE id = ?", [id]) { found = try PersonRow(columns: $0) }
        return found
    }

    /// Every check of a person before it is written, by `person add`, `person update` and
    /// `import persons` alike: its own fields, its unit and trade, and the row that already
    /// holds the identity number.
    func check(_ person: Person, today: Day) throws -> Checked {
        var checked = Checked(problems: ownProblems(person, today: today))
        if let existing = try existingRow(person.idNumber) {
            let same = try self.person(of: existing) == person
            checked.existing = .init(id: existing.id!, identical: same,
                                     problem: FieldProblem("id-number", cause: StoreRecordProblem.personRecorded(person.idNumber, name: existing.name)))
        }
        return checked
    }

    /// The problems of `check` that read no other person: its own fields, its unit and trade.
    func ownProblems(_ person: Person, today: Day) -> [FieldProblem] {
        person.problems(today: today)
            + [catalog.unitProblem(person.unit), catalog.tradeProblem(person.trade, field: "trade")].compactMap { $0 }
    }

    /// Writes a checked person: a new row, or the row `replacing`. Returns the row id.
    @discardableResult
    func save(_ person: Person, replacing: Int64?) throws -> Int64 {
        try RecordSpecs.person.write(person, replacing: replacing, db, catalog)
    }

    /// Every problem with adding `person`: its own fields, its unit and trade, and a
    /// duplicate identity number.
    public func problems(adding person: Person, today: Day) throws -> [FieldProblem] {
        try check(person, today: today).all
    }

    public func add(_ person: Person, today: Day) throws {
        try refuse(try problems(adding: person, today: today))
        try save(person, replacing: nil)
    }

    /// Replaces a person's fields; the identity number stays. Returns whether anything
    /// changed: a change that changes nothing writes nothing, not even a log entry.
    ///
    /// A change of trade is either a transfer (`transfer add`, which T1 counts from) or a
    /// correction of a trade entered wrongly: `correction` says which. A correction is
    /// refused when the trade came from a recorded transfer: that transfer is corrected.
    @discardableResult
    public func update(_ person: Person, today: Day, correction: Bool = false) throws -> Bool {
        let existing = try row(person.idNumber)
        let stored = try self.person(of: existing)
        if stored == person { return false }
        if stored.trade != person.trade {
            guard correction else {
                throw RecordError.tradeChangeNeedsTransfer(person: person.idNumber, from: stored.trade, to: person.trade)
            }
            if let latest = try storedTransfer("person_id = ? ORDER BY date DESC LIMIT 1", [existing.id!]),
               latest.transfer.to == stored.trade {
                throw RecordError.tradeFollowsTransfer(person: person.idNumber, transfer: latest.id, to: stored.trade)
            }
        }
        try refuse(try check(person, today: today).problems)
        try save(person, replacing: existing.id)
        return true
    }

    /// Removes a person and their records. Refused while the person has exceptional uses
    /// or applications: those are the ledger of RULES X1 and must stay checkable.
    public func remove(_ id: IDNumber) throws {
        let row = try row(id)
        let personID = row.id!
        let uses = try UseRow.filter(sql: "person_id = ?", arguments: [personID]).fetchCount(db)
        let applications = try ApplicationRow.filter(sql: "person_id = ?", arguments: [personID]).fetchCount(db)
        if uses + applications > 0 {
            throw StoreFailure.personHasLedger(name: row.name, id: id, uses: uses, applications: applications)
        }
        for (table, _) in RecordKinds.specTables {
            try db.execute(sql: "DELETE FROM \(table) WHERE person_id = ?", arguments: [personID])
        }
        try db.execute(sql: "DELETE FROM person_source WHERE person_id = ?", arguments: [personID])
        _ = try row.delete(db)
    }

    // MARK: Writing records
    //
    // Each kind of record has a `check` (every problem, and the row that already holds the
    // same record) and a `save`; `add…` and `import` both go through them (IMPORT.md).

    /// `add` of every kind: checks the record against its owner with the kind's `check`,
    /// the one an imported row passes, and refuses it with every problem or writes it.
    public func add<R>(_ kind: RecordDescriptor<R>, _ record: R, to id: IDNumber, today: Day) throws {
        let owner = try row(id)
        try refuse(try kind.check(session, record, owner, today, nil).all)
        _ = try kind.save(session, record, owner, nil)
    }

    /// A row found by a cached statement, for the duplicate checks.
    func fetch<R: FetchableRecord>(_ type: R.Type, _ sql: String, _ arguments: StatementArguments) throws -> R? {
        try R.fetchOne(try db.cachedStatement(sql: sql), arguments: arguments)
    }

    func check(_ certificate: Certificate, owner: PersonRow, today: Day) throws -> Checked {
        var checked = Checked(problems: certificate.problems(of: try person(of: owner), today: today))
        if let p = catalog.tradeProblem(certificate.trade, field: "trade") { return checked.adding(p) }
        let tradeID = try catalog.tradeID(named: certificate.trade)
        // V6: the same trade, grade and province (the home province however spelt) is the
        // same certificate. The spellings are bound, not written into the SQL: the statement
        // cache hashes its text on every row of an import, and ASCII hashes fast.
        let spec = RecordSpecs.certificate
        try db.eachRow("""
            SELECT id, \(spec.columnList) FROM certificate WHERE person_id = ? AND trade_id = ? AND grade = ?
            AND (CASE WHEN province IN (?, ?) THEN ? ELSE province END) = ?
            """, [owner.id!, tradeID, certificate.grade.rawValue, Certificate.homeProvince, Certificate.homeProvinceInFull,
                  Certificate.homeProvince, certificate.identity.province]) { c in
            let stored = try spec.decode(c, from: 1, catalog)
            checked.existing = .init(id: c.int64(0), identical: stored == certificate, problem: FieldProblem(
                "grade", cause: StoreRecordProblem.certificateRecorded(owner: owner.name, province: certificate.isJiangsu ? nil : certificate.province,
                                                                  trade: certificate.trade, grade: certificate.grade, issued: stored.issued)))
        }
        if let number = certificate.number {
            var holder: (id: Int64, name: String)?
            try db.eachRow("""
                SELECT certificate.id, person.name FROM certificate JOIN person ON person.id = certificate.person_id
                WHERE certificate.number = ?
                """, [number]) { holder = ($0.int64(0), $0.text(1)) }
            if let holder, holder.id != checked.existing?.id {
                checked.problems.append(FieldProblem("number", cause: StoreRecordProblem.certificateNumberRecorded(number: number, holder: holder.name)))
            }
        }
        return checked
    }

    /// Writes `record` of `owner` as its spec describes the row: a new row, or the row
    /// `replacing`. Returns the row id.
    @discardableResult
    func save<R>(_ spec: RecordSpec<R>, _ record: R, owner: PersonRow, replacing: Int64?) throws -> Int64 {
        guard let replacing else { return try spec.insert(record, owner: owner.id!, db, catalog) }
        try db.cachedStatement(sql: spec.updateSQL).execute(arguments: try spec.arguments(record, owner: owner.id!, catalog) + [replacing])
        return replacing
    }

    /// The transfer a person makes from their current trade to `trade` on `date`.
    public func transfer(of id: IDNumber, to trade: String, on date: Day) throws -> Transfer {
        Transfer(from: try person(id).trade, to: trade.trimmingSpaces, date: date)
    }

    /// The person's latest transfer.
    func lastTransfer(personID: Int64) throws -> Transfer? {
        try storedTransfer("person_id = ? ORDER BY date DESC LIMIT 1", [personID])?.transfer
    }

    /// The first transfer `condition` (a WHERE clause, its order and limit) selects, read
    /// through the transfer's spec, with its row id.
    func storedTransfer(_ condition: String, _ arguments: StatementArguments) throws -> (id: Int64, transfer: Transfer)? {
        let sql = "SELECT id, \(RecordSpecs.transfer.columnList) FROM transfer WHERE \(condition)"
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) else { return nil }
        return (row["id"], try RecordSpecs.transfer.decode(row, catalog))
    }

    /// `correcting`: the number of the transfer being corrected, which is neither its own
    /// duplicate nor its own predecessor; its predecessor is the one before its new date.
    func check(_ transfer: Transfer, owner: PersonRow, today: Day, correcting: Int64? = nil) throws -> Checked {
        let problems = [catalog.tradeProblem(transfer.from, field: "from"), catalog.tradeProblem(transfer.to, field: "to")].compactMap { $0 }
        if !problems.isEmpty { return Checked(problems: problems) }
        let existing = try storedTransfer("person_id = ? AND date = ? AND id IS NOT ?",
                                          [owner.id!, transfer.date.description, correcting.map { DatabaseValue(value: $0) } ?? .null])
        let previous: Transfer?
        if let correcting {
            previous = try storedTransfer("person_id = ? AND id <> ? AND date < ? ORDER BY date DESC LIMIT 1",
                                          [owner.id!, correcting, transfer.date.description])?.transfer
        } else {
            // A transfer on the same day is the duplicate, not an earlier transfer to follow.
            previous = existing == nil ? try lastTransfer(personID: owner.id!) : nil
        }
        var checked = Checked(problems: transfer.problems(of: try person(of: owner), previous: previous, today: today))
        if let existing {
            let from = existing.transfer.from, to = existing.transfer.to
            checked.existing = .init(id: existing.id, identical: from == transfer.from && to == transfer.to, problem: FieldProblem(
                "date", cause: StoreRecordProblem.transferRecorded(owner: owner.name, date: transfer.date, from: from, to: to)))
        }
        return checked
    }

    /// Records a transfer. When the person's current trade is the one they transferred
    /// from, it becomes the new one, as `transfer add` says; an import that names the
    /// `from` of an earlier transfer of someone already filed in their new trade leaves it.
    /// A correction (`replacing` a row) leaves the trade to `followTransfers`.
    @discardableResult
    func save(_ transfer: Transfer, owner: PersonRow, replacing: Int64? = nil) throws -> Int64 {
        var owner = owner
        let id = try save(RecordSpecs.transfer, transfer, owner: owner, replacing: replacing)
        if replacing == nil, owner.tradeId == (try catalog.tradeID(named: transfer.from)) {
            owner.tradeId = try catalog.tradeID(named: transfer.to)
            try owner.update(db)
        }
        return id
    }

    func check(_ assessment: AnnualAssessment, owner: PersonRow, today: Day) throws -> Checked {
        var checked = Checked(problems: assessment.problems(of: try person(of: owner), today: today))
        try db.eachRow("SELECT id, result FROM annual_assessment WHERE person_id = ? AND year = ?", [owner.id!, assessment.year]) { c in
            let result = try c.value(1, as: AssessmentResult.self)
            checked.existing = .init(id: c.int64(0), identical: result == assessment.result, problem: FieldProblem(
                "year", cause: StoreRecordProblem.assessmentRecorded(owner: owner.name, year: assessment.year, result: result)))
        }
        return checked
    }

    /// A year already recorded is refused with its stored result; `update` corrects it.
    public func addAssessment(_ assessment: AnnualAssessment, to id: IDNumber, today: Day) throws {
        let owner = try row(id)
        let checked = try check(assessment, owner: owner, today: today)
        if checked.problems.isEmpty, let existing = checked.existing {
            let stored = try find(RecordKinds.assessment, existing.id).1.record
            throw RecordError.assessmentExists(person: id, name: owner.name, year: assessment.year, stored: stored.result,
                                               requested: assessment.result, number: existing.id)
        }
        try add(RecordKinds.assessment, assessment, to: id, today: today)
    }

    func check(_ education: Education, owner: PersonRow, today: Day) throws -> Checked {
        var checked = Checked(problems: education.problems(of: try person(of: owner), today: today))
        try db.eachRow("SELECT id, major, school, relevant FROM education WHERE person_id = ? AND level = ? AND graduated = ?",
                       [owner.id!, education.level.rawValue, education.graduated.description]) { c in
            let same = c.optionalText(1) == education.major && c.optionalText(2) == education.school && c.bool(3) == education.relevant
            checked.existing = .init(id: c.int64(0), identical: same, problem: FieldProblem(
                "level", cause: StoreRecordProblem.educationRecorded(owner: owner.name, graduated: education.graduated, level: education.level)))
        }
        return checked
    }

    func check(_ award: Award, owner: PersonRow, today: Day) throws -> Checked {
        var checked = Checked(problems: award.problems(of: try person(of: owner), today: today))
        try db.eachRow("SELECT id, issuer FROM award WHERE person_id = ? AND name = ? AND date = ?",
                       [owner.id!, award.name, award.date.description]) { c in
            checked.existing = .init(id: c.int64(0), identical: c.optionalText(1) == award.issuer, problem: FieldProblem(
                "name", cause: StoreRecordProblem.awardRecorded(owner: owner.name, date: award.date, name: award.name)))
        }
        return checked
    }

    func check(_ training: Training, owner: PersonRow, today: Day) throws -> Checked {
        var checked = Checked(problems: training.problems(of: try person(of: owner), today: today))
        try db.eachRow("SELECT id, hours, issuer FROM continuing_education WHERE person_id = ? AND name = ? AND date = ?",
                       [owner.id!, training.name, training.date.description]) { c in
            checked.existing = .init(id: c.int64(0), identical: c.optionalInt(1) == training.hours && c.optionalText(2) == training.issuer,
                                     problem: FieldProblem("name", cause: StoreRecordProblem.trainingRecorded(owner: owner.name, date: training.date, name: training.name)))
        }
        return checked
    }
}

/// What the store finds when it checks a record before writing it (the `add` commands and IMPORT.md):
/// the problems, and the row that already holds the same record, if any.
struct Checked {
    var problems: [FieldProblem] = []
    var existing: Existing?

    struct Existing {
        var id: Int64
        /// The row holds exactly this record.
        var identical: Bool
        /// What `add` says about it.
        var problem: FieldProblem
    }

    /// Every problem for an `add`: a record that exists is one.
    var all: [FieldProblem] { problems + (existing.map { [$0.problem] } ?? []) }

    func adding(_ problem: FieldProblem) -> Checked {
        var copy = self
        copy.problems.append(problem)
        return copy
    }
}

extension People {
    // MARK: Employment history (工作经历, RULES F1)

    /// The person's posts, numbered, in the order of their start (the kind's spec).
    func jobs(of owner: PersonRow) throws -> [Numbered<Job>] {
        try numbered(RecordKinds.job, personID: owner.id!)
    }

    public func jobs(_ id: IDNumber) throws -> [Job] {
        try jobs(of: try row(id)).map(\.record)
    }

    /// Every check of a post before it is written, by `job add` and `import jobs` alike;
    /// a post starting on the same day as a recorded one is the same post.
    func check(_ job: Job, owner: PersonRow, today: Day) throws -> Checked {
        let held = try jobs(of: owner)
        let same = held.first { $0.record.from == job.from }
        var checked = Checked(problems: job.problems(of: try person(of: owner),
                                                     others: held.filter { $0.id != same?.id }.map(\.record), today: today))
        if let same {
            checked.existing = .init(id: same.id, identical: same.record == job, problem: FieldProblem(
                "from", cause: StoreRecordProblem.jobRecorded(owner: owner.name, from: job.from, held: same.record)))
        }
        return checked
    }

    @discardableResult
    func save(_ job: Job, owner: PersonRow, replacing: Int64?) throws -> Int64 {
        var job = job
        job.unit = job.unit.trimmingSpaces
        job.post = job.post.trimmingSpaces
        return try save(RecordSpecs.job, job, owner: owner, replacing: replacing)
    }

    public func problems(adding job: Job, to id: IDNumber, today: Day) throws -> [FieldProblem] {
        try check(job, owner: try row(id), today: today).all
    }

    public func addJob(_ job: Job, to id: IDNumber, today: Day) throws {
        let problems = try problems(adding: job, to: id, today: today)
        if !problems.isEmpty, job.to == nil, try jobs(id).contains(where: { $0.to == nil }) {
            throw StoreFailure.currentJobHeld(problems)
        }
        try refuse(problems)
        try save(job, owner: try row(id), replacing: nil)
    }

    /// Ends the post held now (the open-ended one) with `to`. Returns it, ended.
    public func endJob(of id: IDNumber, to: Day, today: Day) throws -> Job {
        let owner = try row(id)
        let held = try jobs(of: owner)
        guard let current = held.first(where: { $0.record.to == nil }) else {
            throw StoreFailure.noCurrentJob(name: owner.name, id: id)
        }
        var ended = current.record
        ended.to = to
        let others = held.filter { $0.id != current.id }.map(\.record)
        try refuse(ended.problems(of: try person(of: owner), others: others, today: today))
        try save(ended, owner: owner, replacing: current.id)
        return ended
    }
}

/// Throws the problems as one error (the CLI joins them in one line).
func refuse(_ problems: [FieldProblem]) throws {
    guard !problems.isEmpty else { return }
    throw StoreFailure.fieldProblems(problems)
}

extension FieldProblem {
    /// A failure as a problem with `field`: Core's words as they are, the store's typed.
    static func of(_ failure: StoreFailure, field: String) -> FieldProblem {
        if case .core(let error) = failure { return FieldProblem(field, error.line) }
        return FieldProblem(field, cause: failure)
    }
}
