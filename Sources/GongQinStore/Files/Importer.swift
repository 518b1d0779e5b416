import GongQinCore
import GRDB

/// Writes the rows of an import file (IMPORT.md), inside the one transaction of the
/// command. Each row is checked by the same `check` as its `add` command, and written
/// when it passes; the command rolls the transaction back when any row failed, so a
/// file goes in whole or not at all. Every problem is kept with its row. A row whose only
/// checks against other rows are UNIQUE constraints of the schema (a person, and the
/// records with a spec'd natural key) is inserted first: `check` runs to word the refusal
/// when a constraint refuses it, with the same words and row numbers. Such records wait
/// and go in 64 to a statement (`insertWaiting`).
///
/// A row whose record is already in the database is a problem, unless `update` is set:
/// then it replaces the record. A row repeating an earlier row of the file is always a
/// problem. Units and trades are looked up in the session's name cache; the other
/// look-ups and the writes go through cached statements.
public final class Importer {
    public let kind: RecordKind
    let session: Session
    let update: Bool
    let today: Day

    /// The problems, by row (the header is row 1, as a spreadsheet counts).
    public private(set) var problems: [Int: [FieldProblem]] = [:]
    public private(set) var counts = Counts()

    public struct Counts: Sendable, Codable {
        public var added = 0
        public var updated = 0
        public var unchanged = 0
    }

    /// The file row that wrote or matched each row of the table, to name the first row of
    /// a record the file holds twice. Rows this import adds get ids above the table's
    /// largest at the start, one after another, so their file rows sit in a flat array
    /// (4 bytes a row: a province's assessments fit); rows it updates or finds unchanged
    /// go in a dictionary.
    var rowOfRecord = RowNumbers()

    struct RowNumbers {
        var firstNewID: Int64 = .max
        var added: [Int32] = []
        var others: [Int64: Int32] = [:]

        subscript(id: Int64) -> Int32? {
            get {
                if id >= firstNewID, id - firstNewID < added.count, added[Int(id - firstNewID)] != 0 {
                    return added[Int(id - firstNewID)]
                }
                return others[id]
            }
            set {
                guard let newValue else { return }
                if id >= firstNewID, id - firstNewID <= Int64(added.count) + 1_000_000 {
                    let index = Int(id - firstNewID)
                    if index >= added.count { added.append(contentsOf: repeatElement(0, count: index - added.count + 1)) }
                    added[index] = newValue
                } else {
                    others[id] = newValue
                }
            }
        }
    }
    /// Transfers: for each person, the row of their last transfer and where it led.
    var lastTransfer: [Int64: (row: Int, to: String)] = [:]

    /// The table the rows go to.
    let table: String

    /// Whether an import of this kind writes rows of its table and nothing else: without
    /// `--update` (which replaces records), of a kind whose new record is its row alone.
    var writesItsTableOnly: Bool { !update && RecordKinds.savesRowOnly(kind) }

    init(session: Session, kind: RecordKind, update: Bool, today: Day) throws {
        self.session = session
        self.kind = kind
        self.update = update
        self.today = today
        table = kind.table
        rowOfRecord.firstNewID = try ImportBatches.nextID(session.db, table: table)
    }

    public var hasProblems: Bool { !problems.isEmpty }
    public var problemCount: Int { problems.values.reduce(0) { $0 + $1.count } + uncountedProblems }

    /// At most this many bad rows are kept with their problems: a file whose every row
    /// is wrong (a date format a spreadsheet chose) must not fill the memory. The rest
    /// are counted.
    public static let keptRows = 50_000
    /// The problems of the rows past `keptRows`.
    public private(set) var uncountedProblems = 0

    /// Records problems found before the store saw the row (a cell that does not read).
    public func reject(row: Int, _ rowProblems: [FieldProblem]) throws {
        // The rows still waiting go in first: their problems come before the ones found
        // after them, as when each was inserted at once (which rows `keptRows` keeps too).
        try insertWaiting()
        keep(row: row, rowProblems)
    }

    func keep(row: Int, _ rowProblems: [FieldProblem]) {
        if problems[row] == nil, problems.count >= Self.keptRows {
            uncountedProblems += rowProblems.count
            return
        }
        problems[row, default: []] += rowProblems
    }

    /// Records the problems of a row whose cells do not all read, and checks what the
    /// readable cells name (unit, trades, the person), so that one pass names every
    /// problem of the row.
    public func reject(row: Int, _ rowProblems: [FieldProblem], cells: [String?]) throws {
        var found = rowProblems
        for (field, cell) in zip(kind.fields, cells) {
            guard let value = Values.text(cell), !found.contains(where: { $0.field == field.name }) else { continue }
            switch (kind, field.name) {
            case (.persons, "unit"):
                found += [session.catalog.unitProblem(value)].compactMap { $0 }
            case (.persons, "trade"), (.certs, "trade"), (.transfers, "from"), (.transfers, "to"):
                found += [session.catalog.tradeProblem(value, field: field.name)].compactMap { $0 }
            case (_, "id-number") where kind != .persons:
                if let id = try? IDNumber(value), try session.people.existingRow(id) == nil {
                    found.append(Self.unknownPerson(id))
                }
            default: continue
            }
        }
        try reject(row: row, found)
    }

    /// Checks one row and writes it when it passes. Throws only when the database fails;
    /// a problem with the row is kept.
    /// `personName` is the row's 姓名 in a file of a person's records: read, checked
    /// against the name the person is registered under, not stored.
    public func take(_ record: FileRecord, row: Int, personName: String? = nil) throws {
        try keepingProblems(row: row) {
            try write(record, row: row)
            if let personName, kind.isPersonal, let id = record.idNumber {
                let owner = lastOwner?.idNumber == id ? lastOwner : try session.people.existingRow(id)
                if let owner, StoredName.folded(personName) != owner.name {
                    try reject(row: row, [FieldProblem(FieldSpec.personName.name,
                                                       cause: StoreRecordProblem.nameDiffers(given: personName, id: id, registered: owner.name))])
                }
            }
        }
    }

    /// Runs `body`, which writes row `row`, keeping what refuses the row as its problem.
    func keepingProblems(row: Int, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as GongQinError where error.kind != .internalError && error.kind != .busy {
            try reject(row: row, [FieldProblem("", error.line)])
        } catch let failure as StoreFailure where !failure.isInternal {
            try reject(row: row, [.of(failure, field: "")])
        } catch let error as DatabaseError where error.extendedResultCode.primaryResultCode == .SQLITE_CONSTRAINT {
            // A limit the checks do not know (a name too long for its column): the statement
            // failed alone, and the transaction goes on to the next row.
            try reject(row: row, [.of(StoreErrors.map(error, path: ""), field: "")])
        }
    }

    func write(_ record: FileRecord, row: Int) throws {
        let people = session.people
        switch record {
        case .unit(let unit):
            try resolve(try session.catalog.check(unit), row: row) { try session.catalog.save(unit, replacing: $0) }
        case .trade(let trade):
            try resolve(try session.catalog.check(trade), row: row) { try session.catalog.save(trade, replacing: $0) }
        case .person(let person):
            // The identity number is UNIQUE in the schema: inserted first, and together, as
            // the records below.
            if !update, people.ownProblems(person, today: today).isEmpty {
                return try wait(RecordSpecs.person, person, owner: nil, row: row) { importer, person, _, row in
                    try importer.insertFirst(person, row: row)
                }
            }
            try insertWaiting()
            try resolve(person, row: row)
        case .certificate(let id, let certificate): try write(RecordKinds.certificate, certificate, of: id, row: row)
        case .transfer(let id, let from, let to, let date):
            guard let owner = try owner(id, row: row) else { return }
            let previous = try people.lastTransfer(personID: owner.id!)
            let held = try previous?.to ?? session.catalog.tradeName(id: owner.tradeId)
            let transfer = Transfer(from: from ?? held, to: to, date: date)
            // A transfer cannot be rewritten by a file: the trades after it follow from it.
            try resolve(try people.check(transfer, owner: owner, today: today), row: row, replaceable: false) { _ in
                try people.save(transfer, owner: owner)
            }
            if problems[row] == nil { lastTransfer[owner.id!] = (row, to) }
        case .assessment(let id, let assessment): try write(RecordKinds.assessment, assessment, of: id, row: row)
        case .education(let id, let education): try write(RecordKinds.education, education, of: id, row: row)
        case .award(let id, let award): try write(RecordKinds.award, award, of: id, row: row)
        case .training(let id, let training): try write(RecordKinds.training, training, of: id, row: row)
        case .job(let id, let job): try write(RecordKinds.job, job, of: id, row: row)
        case .exceptional(let id, let condition, let year, let grade, let note):
            guard let owner = try owner(id, row: row) else { return }
            let use = ExceptionalUse(condition: condition, category: "", grade: grade, year: year, source: .historic, note: note)
            try resolve(try session.ledger.check(use, owner: owner, today: today), row: row) {
                try session.ledger.save(use, owner: owner, replacing: $0)
            }
        }
    }

    /// A record of a person's kept as its kind says: checked as `add` checks it, then
    /// written, or resolved against the record it repeats. A kind whose other checks the
    /// schema holds (`ownProblems`) is inserted first; only when a UNIQUE constraint refuses
    /// the row does `check` look the record up, to word the refusal as `add` does.
    ///
    /// Such a row of a kind whose new record is its spec's INSERT alone waits, and goes in
    /// with the next ones, `RecordSpecInserts.together` to a statement (`insertWaiting`).
    /// Every other row first has the waiting ones inserted, so that its checks see them.
    func write<R>(_ kind: RecordDescriptor<R>, _ record: R, of id: IDNumber, row: Int) throws {
        guard let owner = try owner(id, row: row) else { return }
        if !update, let ownProblems = kind.ownProblems, try ownProblems(session, record, owner, today).isEmpty {
            if kind.savesRowOnly, let spec = kind.spec {
                return try wait(spec, record, owner: owner, row: row) { importer, record, owner, row in
                    try importer.insertFirst(kind, record, owner: owner!, row: row)
                }
            }
            try insertWaiting()
            return try insertFirst(kind, record, owner: owner, row: row)
        }
        try insertWaiting()
        try resolve(kind, record, owner: owner, row: row)
    }

    /// Checks a person as `person add` does, then writes them or keeps the row's problems.
    func resolve(_ person: Person, row: Int) throws {
        let people = session.people
        try resolve(try people.check(person, today: today), row: row) { try people.save(person, replacing: $0) }
    }

    /// Checks a record as its kind's `add` does, then writes it or keeps the row's problems.
    func resolve<R>(_ kind: RecordDescriptor<R>, _ record: R, owner: PersonRow, row: Int) throws {
        try resolve(try kind.check(session, record, owner, today, nil), row: row) { try kind.save(session, record, owner, $0) }
    }

    /// Keeps a row whose own checks passed to be inserted with the next ones
    /// (`insertWaiting`); `insertOne` inserts it alone, as `insertFirst` does, when the
    /// statement of its rows is refused.
    func wait<R>(_ spec: RecordSpec<R>, _ record: R, owner: PersonRow?, row: Int,
                 insertOne: @escaping (Importer, R, PersonRow?, Int) throws -> Void) throws {
        let rows: WaitingRows<R>
        if let same = waiting as? WaitingRows<R> {
            rows = same
        } else {
            try insertWaiting()
            rows = WaitingRows(spec, insertOne: insertOne)
            waiting = rows
        }
        rows.append(record, owner: owner, row: row)
        if rows.count == RecordSpecInserts.together { try insertWaiting() }
    }

    /// Inserts a person whose own checks passed, or, when the identity number's UNIQUE
    /// constraint refuses it, words the refusal through `check`.
    func insertFirst(_ person: Person, row: Int) throws {
        if let written = try insertUnlessHeld({ try session.people.save(person, replacing: nil) }) {
            return added(written, row: row)
        }
        try resolve(person, row: row)
    }

    /// Inserts a row whose own checks passed, or, when a UNIQUE constraint refuses it,
    /// words the refusal through `check`.
    func insertFirst<R>(_ kind: RecordDescriptor<R>, _ record: R, owner: PersonRow, row: Int) throws {
        if let written = try insertUnlessHeld({ try kind.save(session, record, owner, nil) }) {
            return added(written, row: row)
        }
        try resolve(kind, record, owner: owner, row: row)
    }

    /// The rows waiting to be inserted together (`write(_:_:of:row:)`).
    var waiting: (any InsertsWaiting)?

    /// Inserts the waiting rows: in one statement when they are
    /// `RecordSpecInserts.together`, and it passes; otherwise one by one, as `insertFirst`
    /// inserts a row, so that a row a constraint refuses gets the same words and the rows
    /// after it are still written. A refused statement wrote nothing.
    func insertWaiting() throws {
        guard let waiting, waiting.count > 0 else { return }
        try waiting.insert(into: self)
    }

    /// The row id `insert` wrote, or nil when a UNIQUE constraint refused the row: the
    /// record is held already, by the database or an earlier row, and `check` says which.
    func insertUnlessHeld(_ insert: () throws -> Int64) throws -> Int64? {
        do {
            return try insert()
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            return nil
        }
    }

    func added(_ id: Int64, row: Int) {
        rowOfRecord[id] = Int32(row)
        counts.added += 1
    }

    /// The last person looked up: a file lists a person's records together, so most rows
    /// need no query. Transfers change the person, so they always read it afresh.
    var lastOwner: PersonRow?

    /// The person a record belongs to, or a problem on the row.
    func owner(_ id: IDNumber, row: Int) throws -> PersonRow? {
        if kind != .transfers, let last = lastOwner, last.idNumber == id { return last }
        if let owner = try session.people.existingRow(id) {
            lastOwner = owner
            return owner
        }
        try reject(row: row, [Self.unknownPerson(id)])
        return nil
    }

    static func unknownPerson(_ id: IDNumber) -> FieldProblem {
        FieldProblem("id-number", cause: StoreRecordProblem.unknownPerson(id))
    }

    /// Writes a checked row, or keeps its problems. `save` gets the row to replace, or nil
    /// to add one, and returns the row id written.
    func resolve(_ checked: Checked, row: Int, replaceable: Bool = true, save: (Int64?) throws -> Int64) throws {
        var rowProblems = checked.problems
        var replacing: Int64?
        if let existing = checked.existing {
            let problem = existing.problem
            if let first = rowOfRecord[existing.id] {
                rowProblems.append(FieldProblem(problem.field, cause: StoreFailure.repeatsRow(first: Int(first), problem)))
            } else if existing.identical && (update || kind == .trades) {
                // Already there as the file says: nothing to write. The seeded trade catalogue
                // is in every database, so an export of it goes back in without --update.
                if rowProblems.isEmpty {
                    rowOfRecord[existing.id] = Int32(row)
                    counts.unchanged += 1
                    return
                }
            } else if update && replaceable {
                replacing = existing.id
            } else if update {
                rowProblems.append(FieldProblem(problem.field, cause: StoreFailure.alreadyStored(problem, replaceable: false)))
            } else {
                rowProblems.append(FieldProblem(problem.field, cause: StoreFailure.alreadyStored(problem, replaceable: true)))
            }
        }
        guard rowProblems.isEmpty else {
            try reject(row: row, rowProblems)
            return
        }
        let id = try save(replacing)
        if replacing == nil { return added(id, row: row) }
        rowOfRecord[id] = Int32(row)
        counts.updated += 1
    }

    /// The checks that need the whole file: after the transfers, each person's current
    /// trade must be where their last transfer led (RULES T1). The rows still waiting are
    /// inserted first.
    public func finish() throws {
        try insertWaiting()
        guard kind == .transfers else { return }
        let statement = try session.db.cachedStatement(sql: "SELECT trade_id FROM person WHERE id = ?")
        for (personID, last) in lastTransfer.sorted(by: { $0.value.row < $1.value.row }) {
            guard let tradeID = try Int64.fetchOne(statement, arguments: [personID]) else { continue }
            let current = try session.catalog.tradeName(id: tradeID)
            if current != last.to {
                try reject(row: last.row, [FieldProblem("to", cause: StoreRecordProblem.tradeNotWhereTransferLed(current: current, lastTo: last.to))])
            }
        }
    }
}

/// Rows an importer has checked and keeps to insert together.
protocol InsertsWaiting: AnyObject {
    var count: Int { get }
    /// Inserts them all and forgets them (`Importer.insertWaiting`).
    func insert(into importer: Importer) throws
}

final class WaitingRows<R: Hashable & Sendable>: InsertsWaiting {
    let spec: RecordSpec<R>
    /// Inserts one row alone (`Importer.insertFirst`): each row of a refused statement.
    let insertOne: (Importer, R, PersonRow?, Int) throws -> Void
    /// The records with their person's row id (0 for a person's own row), as
    /// `insertTogether` takes them.
    var records: [(record: R, owner: Int64)] = []
    /// Each record's file row, and its person in `owners` (-1: none). A person whose
    /// rows come together is kept once: a `PersonRow` copied for every row cost a retain
    /// of each of its texts.
    var rows: [(row: Int, owner: Int)] = []
    var owners: [PersonRow] = []

    init(_ spec: RecordSpec<R>, insertOne: @escaping (Importer, R, PersonRow?, Int) throws -> Void) {
        self.spec = spec
        self.insertOne = insertOne
        records.reserveCapacity(RecordSpecInserts.together)
        rows.reserveCapacity(RecordSpecInserts.together)
    }

    var count: Int { records.count }

    func append(_ record: R, owner: PersonRow?, row: Int) {
        var index = -1
        if let owner {
            if owners.last?.id != owner.id { owners.append(owner) }
            index = owners.count - 1
        }
        records.append((record, owner?.id ?? 0))
        rows.append((row, index))
    }

    func insert(into importer: Importer) throws {
        // Taken out first: a row inserted alone below may insert the waiting rows again.
        let (records, rows, owners) = (self.records, self.rows, self.owners)
        self.records.removeAll(keepingCapacity: true)
        self.rows.removeAll(keepingCapacity: true)
        self.owners.removeAll(keepingCapacity: true)
        if records.count == RecordSpecInserts.together {
            let session = importer.session
            do {
                let last = try spec.insertTogether(records, session.db, session.catalog)
                for (offset, entry) in rows.enumerated() {
                    importer.added(last - Int64(rows.count - 1 - offset), row: entry.row)
                }
                return
            } catch let error as DatabaseError where error.extendedResultCode.primaryResultCode == .SQLITE_CONSTRAINT {
                // A record held already, or another limit: one by one, for each row's words.
            }
        }
        for (entry, (record, _)) in zip(rows, records) {
            let owner = entry.owner >= 0 ? owners[entry.owner] : nil
            try importer.keepingProblems(row: entry.row) { try insertOne(importer, record, owner, entry.row) }
        }
    }
}

extension Session {
    /// An importer of `kind` rows, writing in this transaction.
    public func importer(_ kind: RecordKind, update: Bool, today: Day) throws -> Importer {
        try Importer(session: self, kind: kind, update: update, today: today)
    }

    /// Runs `body` with an importer of `kind` rows. A bulk import (not `update`) of a
    /// file `source` logs the rows it adds as one batch entry (BENCHMARKS.md), written when
    /// `body` returns without problems; `--update` keeps an entry a row, with before and
    /// after.
    public func importing<T>(_ kind: RecordKind, update: Bool, today: Day, source: BatchSource?,
                             _ body: (Importer) throws -> T) throws -> T {
        let importer = try Importer(session: self, kind: kind, update: update, today: today)
        guard !update, let source else { return try body(importer) }
        return try inBatch(table: importer.table, source: source, fileRows: { first in
            first == importer.rowOfRecord.firstNewID ? importer.rowOfRecord.added : []
        }) { _ in
            let value = try importer.writesItsTableOnly
                ? ImportBatches.withoutTriggers(on: importer.table, in: db) { try body(importer) } : body(importer)
            return (value, !importer.hasProblems)
        }
    }
}
