import GongQinCore
import GRDB

/// Writes the rows of a roster (`import roster`, IMPORT.md), inside the one transaction of
/// the command: each row fans out into its person, transfers, certificates and education,
/// each checked and written by the importer of its kind (the same checks as `import
/// persons`, `import transfers`…), all kept under the row's number. A unit the file names
/// and the database lacks is added with the row's 主管部门; a unit it has must have the
/// same 主管部门. Every row is logged as the single commands log it, an entry a record:
/// a roster writes to several tables, and a batch entry covers one.
public final class RosterImporter {
    let session: Session
    let persons: Importer
    let transfers: Importer
    let certificates: Importer
    let education: Importer
    /// The units of the file: their 主管部门 and the first row that named them.
    var units: [String: (department: String?, row: Int)] = [:]
    /// Problems of the roster's own columns (a unit's 主管部门).
    var ownProblems: [Int: [FieldProblem]] = [:]

    /// The units added, in the order the file first named them.
    public private(set) var unitsAdded: [String] = []
    /// The rows that name an application: read, checked, not filed.
    public private(set) var applicationRows = 0

    init(session: Session, update: Bool, today: Day) throws {
        self.session = session
        persons = try Importer(session: session, kind: .persons, update: update, today: today)
        transfers = try Importer(session: session, kind: .transfers, update: update, today: today)
        certificates = try Importer(session: session, kind: .certs, update: update, today: today)
        education = try Importer(session: session, kind: .education, update: update, today: today)
    }

    var importers: [Importer] { [persons, transfers, certificates, education] }

    /// The problems of every part of each row, by row.
    public var problems: [Int: [FieldProblem]] {
        var all = ownProblems
        for importer in importers {
            for (row, problems) in importer.problems { all[row, default: []] += problems }
        }
        return all
    }

    public var hasProblems: Bool { !ownProblems.isEmpty || importers.contains(where: \.hasProblems) }
    public var problemCount: Int { ownProblems.values.reduce(0) { $0 + $1.count } + importers.reduce(0) { $0 + $1.problemCount } }

    /// The records written: people, transfers, certificates and education together.
    public var counts: Importer.Counts {
        importers.reduce(into: Importer.Counts()) { sum, importer in
            sum.added += importer.counts.added
            sum.updated += importer.counts.updated
            sum.unchanged += importer.counts.unchanged
        }
    }

    /// The people: added, updated, unchanged.
    public var people: Importer.Counts { persons.counts }

    /// Records problems found before the store saw the row.
    public func reject(row: Int, _ rowProblems: [FieldProblem]) {
        ownProblems[row, default: []] += rowProblems
    }

    /// Checks one row and writes what passes. A row whose person fails writes none of its
    /// records: their problems would only repeat the person's.
    public func take(_ entry: RosterEntry, row: Int) throws {
        if entry.namesApplication { applicationRows += 1 }
        try unit(entry.person.unit, department: entry.department, row: row)
        try persons.take(.person(entry.person), row: row)
        // The person goes in now, not with the next ones: the row's records look them up,
        // and a refusal of the person must be known before them.
        try persons.insertWaiting()
        guard persons.problems[row] == nil, ownProblems[row] == nil else { return }
        let id = entry.person.idNumber
        for transfer in entry.transfers {
            try transfers.take(.transfer(id, from: transfer.from, to: transfer.to, date: transfer.date), row: row)
        }
        for certificate in entry.certificates { try certificates.take(.certificate(id, certificate), row: row) }
        if let record = entry.education { try education.take(.education(id, record), row: row) }
    }

    /// The unit of a row: added when the database lacks it, with the row's 主管部门;
    /// otherwise its 主管部门 must be the one stored, and the one of the file's first row
    /// that named it.
    func unit(_ name: String, department: String?, row: Int) throws {
        if let seen = units[name] {
            if let department, let earlier = seen.department, department != earlier {
                reject(row: row, [FieldProblem("department", cause: StoreRecordProblem.departmentDiffersInFile(unit: name, row: seen.row, earlier: earlier, given: department))])
            }
            return
        }
        units[name] = (department, row)
        if session.catalog.unitProblem(name) == nil {
            guard let department else { return }
            let stored = try session.catalog.unit(named: name)
            if stored.department != department {
                reject(row: row, [FieldProblem("department", cause: StoreRecordProblem.departmentDiffersFromStored(unit: name, stored: stored.department, given: department))])
            }
            return
        }
        let unit = Unit(name: name, department: department)
        let checked = try session.catalog.check(unit)
        guard checked.all.isEmpty else {
            reject(row: row, checked.all.map { var p = $0; p.field = "unit"; return p })
            return
        }
        try session.catalog.save(unit, replacing: nil)
        unitsAdded.append(name)
    }

    /// The checks that need the whole file: each person's current trade is where their
    /// last transfer led (T1).
    public func finish() throws {
        for importer in importers { try importer.finish() }
    }
}

extension Session {
    /// Runs `body` with an importer of roster rows, writing in this transaction.
    public func importingRoster<T>(update: Bool, today: Day, _ body: (RosterImporter) throws -> T) throws -> T {
        try body(try RosterImporter(session: self, update: update, today: today))
    }
}
