import GongQinCore
import GRDB

/// A record with its number: the row id, which never changes (Documentation/CLI.md, record numbers).
public struct Numbered<Record: Hashable & Sendable>: Hashable, Sendable {
    public var id: Int64
    public var record: Record

    public init(id: Int64, record: Record) {
        self.id = id
        self.record = record
    }
}

/// What the store refuses about a numbered record, typed so that the CLI words it (and
/// names the commands that help); the store knows no command names.
public enum RecordError: Error, Sendable, Equatable {
    /// No record of this kind has this number.
    case unknown(kind: String, number: Int64)
    /// The change would leave an application in progress without its ground (R1): the gate
    /// refuses the whole transaction. `change` holds the first rows the transaction changed
    /// of the person's, `application` is the application's number, `failed` the checks
    /// that no longer pass.
    case restsOnApplication(change: [ChangedRow], application: Int64, status: ApplicationStatus, title: ApplicationTitle,
                            failed: [Check])
    /// A use that an application recorded: it goes with the application (R1, X1).
    case useOfApplication(number: Int64, application: Int64)
    /// The change would record one category twice for the person (X1).
    case categoryUsedTwice(number: Int64, category: String, earlier: ExceptionalUse)
    /// An assessment for a year already recorded; `add` does not replace it.
    case assessmentExists(person: IDNumber, name: String, year: Int, stored: AssessmentResult, requested: AssessmentResult, number: Int64)
    /// A unit that people still belong to.
    case unitInUse(name: String, people: Int)
    /// A trade that is built in, or that records still name.
    case tradeBuiltin(name: String)
    case tradeInUse(name: String, uses: Int)
    /// `revert` of an entry whose row a later entry changed.
    case revertSuperseded(seq: Int64, later: Int64, table: String)
    case unknownLogEntry(seq: Int64)
    /// An entry of a table `revert` leaves to its own commands (applications, policies…).
    case notRevertible(seq: Int64, table: String)
    /// `person update --trade` without `--correction`, or a correction that the chain of
    /// transfers contradicts (T1).
    case tradeChangeNeedsTransfer(person: IDNumber, from: String, to: String)
    case tradeFollowsTransfer(person: IDNumber, transfer: Int64, to: String)
    /// A person argument (a masked ID or a name) that names nobody, or several people.
    case noSuchPerson(argument: String)
    case ambiguousPerson(argument: String, candidates: [PersonSummary])
}

/// A row a transaction changed of a person's: their own row, or a record of `table`.
public enum ChangedRow: Sendable, Equatable {
    case person
    case record(table: String, number: Int64)
}

/// A person as a list of candidates shows them.
public struct PersonSummary: Hashable, Sendable {
    public var idNumber: IDNumber
    public var name: String
    public var unit: String
    public var trade: String
}

/// One kind of record kept on a person, described once: its table, its Chinese name, the
/// columns that identify it for a person (its natural key), its order, and its conversion
/// to and from the Core type. `person show`, each kind's `list`, `update`, `remove`,
/// `person remove`, `log` and error messages read it.
public struct RecordDescriptor<Record: Hashable & Sendable>: Sendable {
    /// The table, as the change log names it.
    public let table: String
    /// The kind as import and export name it; its Chinese name is the kind's.
    public let file: RecordKind
    /// The kind, in Chinese: 等级证书.
    public var chinese: String { file.chinese }
    /// The natural key: the columns that identify one record of a person.
    public let key: [String]
    /// The order records are listed in.
    let order: String
    /// The Core record of a row.
    let decode: @Sendable (Row, Session) throws -> Record
    /// Every check before the record is written for `owner` (the same as import's).
    /// The last argument is the number of the record being corrected, if any.
    let check: @Sendable (Session, Record, PersonRow, Day, Int64?) throws -> Checked
    /// Writes the record for `owner`: a new row, or the row `replacing`. Returns the id.
    let save: @Sendable (Session, Record, PersonRow, Int64?) throws -> Int64
    /// The kind's description, which the rest is derived from (all kinds but the uses).
    public let spec: RecordSpec<Record>?
    /// The problems of `check` that read no other record, for a kind whose every other
    /// check is a UNIQUE constraint of the schema (its natural key, a certificate's
    /// number): an import inserts such a row first, and runs `check` for its words only
    /// when the insert is refused (Importer). Nil for a kind whose check reads more.
    let ownProblems: (@Sendable (Session, Record, PersonRow, Day) throws -> [FieldProblem])?
    /// Whether `save` of a new record is its spec's INSERT alone: an import may then insert
    /// several records in one statement (`RecordSpec.insertTogether`).
    let savesRowOnly: Bool

    init(table: String, file: RecordKind, key: [String], order: String,
         decode: @escaping @Sendable (Row, Session) throws -> Record,
         check: @escaping @Sendable (Session, Record, PersonRow, Day, Int64?) throws -> Checked,
         save: @escaping @Sendable (Session, Record, PersonRow, Int64?) throws -> Int64) {
        self.table = table
        self.file = file
        self.key = key
        self.order = order
        self.decode = decode
        self.check = check
        self.save = save
        spec = nil
        ownProblems = nil
        savesRowOnly = false
    }

    /// The kind as `spec` describes it; `save` when writing does more than the row.
    init(_ spec: RecordSpec<Record>, check: @escaping @Sendable (Session, Record, PersonRow, Day, Int64?) throws -> Checked,
         ownProblems: (@Sendable (Session, Record, PersonRow, Day) throws -> [FieldProblem])? = nil,
         save: (@Sendable (Session, Record, PersonRow, Int64?) throws -> Int64)? = nil) {
        table = spec.table
        file = spec.kind
        key = spec.keyColumns
        order = spec.orderSQL
        decode = { row, s in try spec.decode(row, s.catalog) }
        self.check = check
        self.save = save ?? { s, record, owner, id in try s.people.save(spec, record, owner: owner, replacing: id) }
        self.spec = spec
        self.ownProblems = ownProblems
        savesRowOnly = save == nil
    }
}

/// The kinds, for the code that walks every kind (person remove, messages).
public enum RecordKinds {
    public static let certificate = RecordDescriptor(
        RecordSpecs.certificate, check: { s, record, owner, today, _ in try s.people.check(record, owner: owner, today: today) },
        ownProblems: { s, record, owner, today in
            try holderProblems(s, record, owner, today) + [s.catalog.tradeProblem(record.trade, field: "trade")].compactMap { $0 }
        })

    public static let transfer = RecordDescriptor(
        RecordSpecs.transfer,
        check: { s, record, owner, today, number in try s.people.check(record, owner: owner, today: today, correcting: number) },
        save: { s, record, owner, id in try s.people.save(record, owner: owner, replacing: id) })

    public static let assessment = RecordDescriptor(
        RecordSpecs.assessment, check: { s, record, owner, today, _ in try s.people.check(record, owner: owner, today: today) },
        ownProblems: holderProblems)

    public static let education = RecordDescriptor(
        RecordSpecs.education, check: { s, record, owner, today, _ in try s.people.check(record, owner: owner, today: today) },
        ownProblems: holderProblems)

    public static let award = RecordDescriptor(
        RecordSpecs.award, check: { s, record, owner, today, _ in try s.people.check(record, owner: owner, today: today) },
        ownProblems: holderProblems)

    public static let training = RecordDescriptor(
        RecordSpecs.training, check: { s, record, owner, today, _ in try s.people.check(record, owner: owner, today: today) },
        ownProblems: holderProblems)

    public static let job = RecordDescriptor(
        RecordSpecs.job, check: { s, record, owner, today, _ in try s.people.check(record, owner: owner, today: today) },
        save: { s, record, owner, id in try s.people.save(record, owner: owner, replacing: id) })

    /// Exceptional uses: `update` and `remove` take historic ones only; an application's
    /// use goes with its application.
    public static let exceptionalUse = RecordDescriptor<ExceptionalUse>(
        table: "exceptional_use", file: .exceptional, key: ["category"], order: "year",
        decode: { row, _ in try UseRow(row: row).use },
        check: { s, record, owner, today, _ in try s.ledger.check(record, owner: owner, today: today) },
        save: { s, record, owner, id in try s.ledger.save(record, owner: owner, replacing: id) })

    /// Whether saving a new record of `kind` writes its row and nothing else: the kinds
    /// whose descriptor says so (`savesRowOnly`), and a person, whose save is their row. A
    /// transfer changes the person's trade, a post their unit, a 破格 use goes through the
    /// ledger, a unit or trade through the catalogue.
    static func savesRowOnly(_ kind: RecordKind) -> Bool {
        switch kind {
        case .persons: true
        case .certs: certificate.savesRowOnly
        case .transfers: transfer.savesRowOnly
        case .assessments: assessment.savesRowOnly
        case .education: education.savesRowOnly
        case .awards: award.savesRowOnly
        case .training: training.savesRowOnly
        case .jobs: job.savesRowOnly
        case .units, .trades, .exceptional: false
        }
    }

    /// The checks of a record against its holder alone (`ownProblems` of the kinds the
    /// schema's UNIQUE constraints hold otherwise).
    @Sendable static func holderProblems<R: CheckedAgainstHolder>(_ s: Session, _ record: R, _ owner: PersonRow, _ today: Day) throws -> [FieldProblem] {
        record.problems(of: try s.people.person(of: owner), today: today)
    }

    /// The checks typed input passes (GongQinCore, Validation), for a row of a kind
    /// described by a spec, read by column index (the gate's `RowValidator`): the row's
    /// field columns, in the spec's order, and its problems against its holder.
    struct RowCheck: Sendable {
        let columns: [String]
        /// The problems of the row whose fields start at the column given.
        let problems: @Sendable (StatementRow, Int32, Session, Person, Day) throws -> [FieldProblem]

        init<R>(_ kind: RecordDescriptor<R>, _ check: @escaping @Sendable (R, Person, Day) -> [FieldProblem]) {
            let spec = kind.spec!
            columns = spec.fields.map(\.column)
            problems = { row, start, s, person, today in check(try spec.decode(row, from: start, s.catalog), person, today) }
        }

        /// A kind checked against its holder alone, as an import's `ownProblems` checks it.
        init<R: CheckedAgainstHolder>(_ kind: RecordDescriptor<R>) {
            self.init(kind) { $0.problems(of: $1, today: $2) }
        }
    }

    /// The gate runs these on every row a transaction wrote, by table. Checks that read
    /// other records (a transfer's predecessor, a post's overlaps) are the `check`s of
    /// `add` and import; the schema's constraints hold the rest.
    static let rowChecks: [String: RowCheck] = [
        certificate.table: RowCheck(certificate), assessment.table: RowCheck(assessment), education.table: RowCheck(education),
        award.table: RowCheck(award), training.table: RowCheck(training),
        transfer.table: RowCheck(transfer) { $0.problems(of: $1, previous: nil, today: $2) },
        job.table: RowCheck(job) { $0.problems(of: $1, others: [], today: $2) },
    ]

    /// The same of a 破格 use, which has no spec: its own checks, and a grade the person
    /// already held in that trade before that year (RULES PL1).
    static func useProblems(_ row: Row, _ s: Session, _ person: Person, _ today: Day) throws -> [FieldProblem] {
        let use = try exceptionalUse.decode(row, s)
        return use.problems(of: person, today: today) + [use.heldGradeProblem(in: try s.people.record(person.idNumber))].compactMap { $0 }
    }

    /// The kinds described by a spec, each table with its natural key as columns: what a
    /// person's removal deletes with them, a bundle carries and a merge matches.
    static let specTables: [(table: String, key: [String])] = [
        (certificate.table, certificate.key), (transfer.table, transfer.key), (assessment.table, assessment.key),
        (education.table, education.key), (award.table, award.key), (training.table, training.key), (job.table, job.key),
    ]
}

/// What `update` did: nothing (the record already held those values) or a change.
public struct Correction<Record: Hashable & Sendable>: Sendable {
    public var owner: IDNumber
    public var ownerName: String
    public var before: Numbered<Record>
    public var after: Numbered<Record>
    public var changed: Bool { before.record != after.record }
}

extension People {
    /// The records of one kind kept on a person, with their numbers, in the kind's order.
    public func list<R>(_ kind: RecordDescriptor<R>, of id: IDNumber) throws -> [Numbered<R>] {
        try numbered(kind, personID: try row(id).id!)
    }

    func numbered<R>(_ kind: RecordDescriptor<R>, personID: Int64) throws -> [Numbered<R>] {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(kind.table) WHERE person_id = ? ORDER BY \(kind.order), id",
                                    arguments: [personID])
        return try rows.map { Numbered(id: $0["id"], record: try kind.decode($0, session)) }
    }

    /// A record by its number, with its owner's row.
    func find<R>(_ kind: RecordDescriptor<R>, _ number: Int64) throws -> (PersonRow, Numbered<R>) {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(kind.table) WHERE id = ?", arguments: [number]) else {
            throw RecordError.unknown(kind: kind.chinese, number: number)
        }
        let owner = try PersonRow.fetchOne(db, key: row["person_id"] as Int64)!
        return (owner, Numbered(id: number, record: try kind.decode(row, session)))
    }

    /// The owner of record `number` of `kind`: its identity number and name.
    public func owner<R>(of kind: RecordDescriptor<R>, _ number: Int64) throws -> (IDNumber, String, Numbered<R>) {
        let (owner, record) = try find(kind, number)
        return (owner.idNumber, owner.name, record)
    }

    /// Changes record `number` of `kind` as `change` says. A change that changes nothing
    /// writes nothing. Refused when the changed record fails its checks (the same as an
    /// `add`'s), would use a category twice (X1), or would leave an open application
    /// without its ground (R1).
    public func update<R>(_ kind: RecordDescriptor<R>, _ number: Int64, today: Day,
                          _ change: (inout R) throws -> Void) throws -> Correction<R> {
        let (owner, before) = try find(kind, number)
        var record = before.record
        try change(&record)
        let correction = Correction(owner: owner.idNumber, ownerName: owner.name, before: before,
                                    after: Numbered(id: number, record: record))
        guard correction.changed else { return correction }
        if let use = before.record as? ExceptionalUse, use.source == .application {
            throw RecordError.useOfApplication(number: number, application: use.applicationID ?? 0)
        }
        var checked = try kind.check(session, record, owner, today, number)
        // The record itself is not a duplicate of itself.
        if checked.existing?.id == number { checked.existing = nil }
        if let use = record as? ExceptionalUse, let existing = checked.existing {
            let earlier = try UseRow.fetchOne(db, key: existing.id)!
            throw RecordError.categoryUsedTwice(number: number, category: use.category, earlier: earlier.use)
        }
        try refuse(checked.all)
        _ = try kind.save(session, record, owner, number)
        if let transfer = before.record as? Transfer { try followTransfers(owner, number, before: transfer) }
        return correction
    }

    /// Removes record `number` of `kind`. The gate refuses the removal at the commit when
    /// an application in progress rests on the record (R1).
    public func remove<R>(_ kind: RecordDescriptor<R>, _ number: Int64, today: Day) throws -> (IDNumber, String, R) {
        let (owner, record) = try find(kind, number)
        if let use = record.record as? ExceptionalUse, use.source == .application {
            throw RecordError.useOfApplication(number: number, application: use.applicationID ?? 0)
        }
        try db.execute(sql: "DELETE FROM \(kind.table) WHERE id = ?", arguments: [number])
        if let transfer = record.record as? Transfer { try followTransfers(owner, number, before: transfer) }
        return (owner.idNumber, owner.name, record.record)
    }

    /// Keeps the person's trade on the chain of transfers (T1) after a transfer was
    /// corrected or removed: when the person stood in the trade the latest transfer led
    /// to, they now stand where the corrected chain leads.
    func followTransfers(_ owner: PersonRow, _ number: Int64, before: Transfer) throws {
        guard var person = try PersonRow.fetchOne(db, key: owner.id!) else { return }
        let chain = try numbered(RecordKinds.transfer, personID: owner.id!)
        let current = try catalog.tradeName(id: person.tradeId)
        let oldChain: [Transfer] = chain.filter { $0.id != number }.map { $0.record } + [before]
        guard let oldLatest = oldChain.max(by: { $0.date < $1.date }), oldLatest.to == current else { return }
        let target = chain.map { $0.record }.max { $0.date < $1.date }.map { $0.to } ?? oldLatest.from
        guard target != current else { return }
        person.tradeId = try catalog.tradeID(named: target)
        try person.update(db)
    }
}

extension People {
    /// The person a command-line argument names: a masked ID exactly as gongqin prints it
    /// (`320402********123X`), or an exact name. Refused when it names nobody or several.
    /// (A full identity number is read by the CLI as it stands.)
    public func resolve(_ argument: String) throws -> IDNumber {
        let text = StoredName.folded(argument)
        let chars = Array(text)
        let rows: [PersonRow]
        if chars.count == 18, chars[6..<14].allSatisfy({ $0 == "*" }) {
            rows = try PersonRow.filter(sql: "substr(id_number, 1, 6) = ? AND substr(id_number, 15, 4) = ?",
                                        arguments: [String(chars[0..<6]), String(chars[14...])])
                .order(sql: "id_number").fetchAll(db)
        } else {
            rows = try PersonRow.filter(sql: "name = ?", arguments: [text]).order(sql: "id_number").fetchAll(db)
        }
        if rows.count == 1 { return rows[0].idNumber }
        if rows.isEmpty { throw RecordError.noSuchPerson(argument: text) }
        throw RecordError.ambiguousPerson(argument: text, candidates: try rows.map {
            PersonSummary(idNumber: $0.idNumber, name: $0.name, unit: try catalog.unitName(id: $0.unitId),
                          trade: try catalog.tradeName(id: $0.tradeId))
        })
    }
}

/// Every numbered record of a person, each kind in its order: what `person show` lists.
public struct NumberedRecords: Sendable {
    public var certificates: [Numbered<Certificate>]
    public var transfers: [Numbered<Transfer>]
    public var assessments: [Numbered<AnnualAssessment>]
    public var education: [Numbered<Education>]
    public var awards: [Numbered<Award>]
    public var trainings: [Numbered<Training>]
    public var jobs: [Numbered<Job>]
    public var uses: [Numbered<ExceptionalUse>]
}

extension People {
    public func numberedRecords(_ id: IDNumber) throws -> NumberedRecords {
        let personID = try row(id).id!
        return NumberedRecords(
            certificates: try numbered(RecordKinds.certificate, personID: personID),
            transfers: try numbered(RecordKinds.transfer, personID: personID),
            assessments: try numbered(RecordKinds.assessment, personID: personID),
            education: try numbered(RecordKinds.education, personID: personID),
            awards: try numbered(RecordKinds.award, personID: personID),
            trainings: try numbered(RecordKinds.training, personID: personID),
            jobs: try numbered(RecordKinds.job, personID: personID),
            uses: try numbered(RecordKinds.exceptionalUse, personID: personID))
    }
}
