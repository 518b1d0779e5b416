import Foundation
import GongQinCore
import GRDB

/// Which side a conflict keeps (`merge --prefer`).
public enum MergePreference: String, Sendable, Codable, CaseIterable {
    case bundle
    case stored
}

/// What a merge of one bundle found and did (RULES R2, R3), typed: the CLI words it
/// (GongQinCLI/Wording/StoreWording.swift) and prints it.
public struct MergeReport: Sendable {
    public enum Outcome: String, Sendable, Codable {
        /// Written and committed.
        case merged
        /// Nothing to change: nothing written, not even a log entry.
        case unchanged
        /// `--dry-run`: reported, nothing written.
        case dryRun = "dry-run"
        /// Conflicts and no `--prefer`: nothing written.
        case refused
    }

    public struct Move: Sendable, Codable {
        public var idNumber: IDNumber
        public var name: String
        public var from: String
        public var to: String
    }

    public struct Field: Sendable, Codable {
        public var field: String
        public var stored: String?
        public var bundle: String?
    }

    /// A record present on both sides with different values (R3).
    public struct Conflict: Sendable {
        /// The table: unit, person, certificate, …
        public var kind: String
        public var idNumber: IDNumber?
        public var name: String?
        public var record: ConflictRecord
        public var fields: [Field]
        public var storedSource: StoredSide
        public var bundleSource: BundleSide
        /// The side kept: `bundle`, `stored`, or nil when the merge was refused.
        public var kept: MergePreference?
    }

    /// Which record a conflict is about.
    public enum ConflictRecord: Sendable {
        case unit(name: String)
        /// The person's own fields.
        case person
        /// A record by its natural key: each key column with its value as shown.
        case keyed(table: String, key: [KeyPart])
        /// A second record a person may hold once: an open application of `cycle` (§7),
        /// or a current post when `cycle` is nil.
        case second(cycle: Int?)
        /// A use of a category of exceptional conditions.
        case use(year: Int, grade: Grade, category: String)
    }

    /// A column of a natural key and its value as shown (trades by name).
    public struct KeyPart: Sendable {
        public var column: String
        public var value: String?
    }

    /// The department's side of a conflict; `unit` is the person's unit there, if any.
    public struct StoredSide: Sendable {
        public var unit: String?
    }

    /// The bundle's side of a conflict: its file's name, its unit and when it was made.
    public struct BundleSide: Sendable {
        public var file: String
        public var unit: String
        public var createdAt: String
    }

    /// One use of a category: where, when, which grade.
    public struct UseAt: Sendable, Codable {
        public var unit: String
        public var condition: String
        public var year: Int
        public var grade: Grade
    }

    /// A category used in two units (R3, X1): the first stays the ledger's use, the second
    /// is kept as a category-used-twice finding.
    public struct SecondUse: Sendable {
        public var kind = "category-used-twice"
        public var idNumber: IDNumber
        public var name: String
        public var category: String
        public var first: UseAt
        public var second: UseAt
        /// Found by this merge, rather than by an earlier one.
        public var new: Bool
        /// The bundle's application in progress that used the category a second time: it
        /// is not merged, and waits for the department to resolve the finding.
        public var application: HeldBack?
    }

    /// A bundle's application held back from a merge.
    public struct HeldBack: Sendable {
        public var cycle: Int
        public var grade: Grade
        public var module: Module
    }

    /// A person a bundle would move back or change with older records than the
    /// department holds: left as they are (Documentation/CLI.md, merge).
    public struct Stale: Sendable {
        public var idNumber: IDNumber
        public var name: String
        /// The unit the department has them in.
        public var unit: String
        /// The bundle the department's record of them came from.
        public var heldFrom: HeldFrom

        /// `already-merged` or `older`.
        public var reason: String {
            switch heldFrom {
            case .thisBundle: "already-merged"
            case .newerBundle: "older"
            }
        }
    }

    /// Where the department's record of a stale person came from: this very bundle,
    /// merged at `mergedAt`, or a newer one of `unit` made at `createdAt`.
    public enum HeldFrom: Sendable {
        case thisBundle(mergedAt: String)
        case newerBundle(unit: String, createdAt: String)
    }

    public var file: String
    public var manifest: UnitBundle.Manifest
    public var outcome: Outcome = .unchanged
    /// Rows added, by table.
    public var added: [String: Int] = [:]
    /// Rows present on both sides with the same values, by table.
    public var unchanged: [String: Int] = [:]
    /// Rows changed to the bundle's values (`--prefer bundle`), by table.
    public var updated: [String: Int] = [:]
    public var moved: [Move] = []
    public var conflicts: [Conflict] = []
    public var findings: [SecondUse] = []
    /// Rows of the bundle's people that the department holds and the bundle does not,
    /// by table (`person`: people stored under the unit and absent from the bundle). Merge
    /// never deletes them.
    public var absent: [String: Int] = [:]
    /// When this very bundle was merged before, if it was.
    public var mergedBefore: String?
    /// People left as they are: the bundle was merged before, or is older than what the
    /// department holds for them.
    public var stale: [Stale] = []
    /// The bundle's seal: the key's fingerprint, or `unsealed`.
    public var seal = "unsealed"

    /// The Chinese name of a table, for the report.
    public static func tableName(_ table: String) -> String { Tables.chineseName(of: table) ?? table }

    /// The Chinese name of column `column` of `table`, as a conflict names it.
    public static func fieldName(_ column: String, of table: String) -> String { StoredNames.column(column, of: table) ?? column }

    /// Whether the merge changes the database.
    public var changes: Bool {
        added.values.contains { $0 > 0 } || updated.values.contains { $0 > 0 } || !moved.isEmpty
            || findings.contains { $0.new }
    }
}

extension GongQinDatabase {
    /// `merge FILE...`: brings a list of bundles into this database in one transaction,
    /// through the gate, all or nothing for the whole list (Documentation/CLI.md, merge).
    /// Each bundle is read through a read-only connection of its own and checked
    /// (`OpenBundle.open`: integrity, schema, digests, identity numbers) before it is
    /// merged, while the merge goes on with the ones before it (`CheckedBundles`); one that
    /// fails refuses the list (65), and its refusal comes before any other. Each is copied
    /// into temporary tables and merged with set-based SQL, in order, each seeing what the
    /// ones before it wrote. Conflicts without `prefer` in any bundle write nothing; a list
    /// that changes nothing writes nothing. The gate judges the whole at the commit (R1, the
    /// checks of typed input).
    ///
    /// `dryRun` changes and creates nothing: the same merge is made, the gate's checks
    /// included, on a private copy of the database, and thrown away (`WriteGate.rehearse`).
    ///
    /// Each bundle is judged by its seal first (README, “The unit's seal”): a unit whose key
    /// the department trusts must send a bundle sealed by that key, and `requireSeal`
    /// refuses any bundle without a seal; either refuses the list (65), writing nothing.
    public func merge(_ bundles: CheckedBundles, prefer: MergePreference?, dryRun: Bool, requireSeal: Bool = false, now: String,
                      progress: @escaping (MergeProgress) -> Void = { _ in }) throws -> [MergeReport] {
        let body = { (db: Database) throws -> [MergeReport] in
            var reports: [MergeReport] = []
            for index in bundles.files.indices {
                let bundle = try bundles.bundle(index)
                bundles.readAhead(index + 1)
                progress(.checked(file: bundle.file, unit: bundle.manifest.unit))
                try bundle.judgeSeal(Session(db).trust, requireSeal: requireSeal)
                try bundle.copy(into: db)
                var report = MergeReport(file: bundle.file, manifest: bundle.manifest)
                report.seal = bundle.manifest.seal?.fingerprint ?? "unsealed"
                var merger = Merger(db: db, bundle: bundle, prefer: prefer, report: report, progress: progress)
                try merger.run(now: now)
                bundle.records.discard()
                bundle.queue.releaseMemory()
                if !merger.report.conflicts.isEmpty && prefer == nil {
                    merger.report.outcome = dryRun ? .dryRun : .refused
                } else if merger.report.changes {
                    try merger.record(now: now)
                    merger.report.outcome = dryRun ? .dryRun : .merged
                }
                reports.append(merger.report)
            }
            try OpenBundle.dropCopy(db)
            try Merger.dropWorkTables(db)
            if reports.contains(where: { $0.outcome == .refused }) {
                for i in reports.indices where reports[i].outcome != .unchanged { reports[i].outcome = .refused }
            }
            return reports
        }
        let writes = { (reports: [MergeReport]) in reports.contains { $0.outcome == .merged } }
        return try bundles.refusingBadBundlesFirst {
            dryRun ? try WriteGate(self).rehearse(body) : try WriteGate(self).transaction(body, commit: writes)
        }
    }

    /// Opens the database at `path` for `merge` and runs `body` (the merge) on it while
    /// `bundles` are still being checked, so that nothing is written or created unless
    /// every bundle passes:
    /// - a missing file is built beside its path and linked into place only once `body`
    ///   has returned (`WriteGate.build`); should another command create the file
    ///   meanwhile, `body` runs again on that file;
    /// - an existing file of this gongqin's schema is merged into at once: a bad bundle
    ///   rolls the one transaction back;
    /// - any other file (one to be upgraded first, or not gongqin's) is opened only once
    ///   every bundle has passed.
    /// A bad bundle's refusal comes before any other. Returns `body`'s value and whether
    /// the file was built by this call.
    public static func merging<T>(at path: String, context: LogContext, bundles: CheckedBundles,
                                  _ body: (GongQinDatabase) throws -> T) throws -> (value: T, built: Bool) {
        try bundles.refusingBadBundlesFirst {
            try refuseUnusable(path)
            if !FileManager.default.fileExists(atPath: path), case .linked(let value) = try WriteGate.build(path, context: context, fill: body) {
                return (value, true)
            }
            let current: Bool
            if FileManager.default.fileExists(atPath: path), case .gongqin(let applied) = try probe(path) {
                current = Set(applied) == Set(migrationIdentifiers)
            } else {
                current = false
            }
            if !current { try bundles.checkAll() }
            return (try body(try open(at: path, context: context)), false)
        }
    }
}

/// How far a merge has come, for the clerk to see while it runs.
public enum MergeProgress: Sendable {
    /// A bundle opened and checked.
    case checked(file: String, unit: String)
    /// A bundle's people merged.
    case people(count: Int)
    /// A bundle's records merged.
    case records
}

/// The bundles of a `merge`, checked (`OpenBundle.open`) from the moment the list is
/// named, in the list's order, on a thread of their own, while the merge takes them one
/// by one (`bundle(_:)`): the merge of one bundle and the checking of the next run on two
/// cores. A merge waiting for a bundle checks the next ones itself. A bundle is handed out
/// only once it has passed; the refusal of a list is always its first bad file's, as when
/// they were checked one by one before the merge (`refusingBadBundlesFirst`). Each bundle
/// has its own read-only connection, closed with the list.
public final class CheckedBundles: Sendable {
    /// The files, in the order given.
    public let files: [String]
    private let checking: Checking

    /// Starts checking `files`, in order, in the background.
    public init(files: [String], today: Day) {
        self.files = files
        checking = Checking(files: files, today: today)
        let checkers = min(files.count, max(1, ProcessInfo.processInfo.activeProcessorCount - 1))
        checking.start(checkers)
    }

    deinit { checking.stop() }

    /// The bundle at `index`, once it has passed; its refusal when it has not.
    func bundle(_ index: Int) throws(StoreFailure) -> OpenBundle {
        try checking.result(index).get()
    }

    /// Starts reading the records of the bundle at `index` on another thread
    /// (`BundleRecords.readAhead`) if it has passed by now; a bundle still being checked
    /// is read by the merge when it gets there.
    func readAhead(_ index: Int) {
        guard files.indices.contains(index), case .success(let bundle)? = checking.checked(index) else { return }
        bundle.records.readAhead(bundle.queue)
    }

    /// The refusal of the first bad file in the list, or nil when every one passes:
    /// waits for each to be checked.
    func firstRefusal() -> StoreFailure? {
        for index in files.indices {
            if case .failure(let refusal) = checking.result(index) { return refusal }
        }
        return nil
    }

    /// Waits until every file has passed, or throws the first bad one's refusal.
    func checkAll() throws(StoreFailure) {
        if let refusal = firstRefusal() { throw refusal }
    }

    /// Runs `body`; when it throws, the first bad file's refusal is thrown in its place, if
    /// a file of the list fails: a bad bundle is what the clerk must hear of first, whatever
    /// else went wrong with the list.
    public func refusingBadBundlesFirst<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            if let refusal = firstRefusal() { throw refusal }
            throw error
        }
    }

    /// The checking's shared state, under one lock.
    private final class Checking: @unchecked Sendable {
        let files: [String]
        let context: LogContext
        let condition = NSCondition()
        /// Each file's result, once checked.
        var results: [Result<OpenBundle, StoreFailure>?]
        /// The first file no one has begun checking.
        var next = 0
        /// Files from here on are not checked: a bad one comes before them, or the list is closed.
        var end: Int
        /// Background checkers at work.
        var running = 0

        init(files: [String], today: Day) {
            self.files = files
            context = LogContext(actor: "", command: "", today: today)
            results = Array(repeating: nil, count: files.count)
            end = files.count
        }

        func start(_ checkers: Int) {
            condition.withLock { running = checkers }
            for _ in 0..<checkers {
                DispatchQueue.global(qos: .userInitiated).async { [self] in
                    condition.lock()
                    while checkNext() {}
                    running -= 1
                    condition.broadcast()
                    condition.unlock()
                }
            }
        }

        /// Claims the next file and checks it, the lock let go meanwhile. Called, and
        /// returns, with the lock held; false when no file is left to check.
        private func checkNext() -> Bool {
            guard next < end else { return false }
            let index = next
            next += 1
            condition.unlock()
            let result = Result { () throws(StoreFailure) in try OpenBundle.open(files[index], today: context.today, context: context) }
            condition.lock()
            results[index] = result
            if case .failure = result { end = min(end, index + 1) }
            condition.broadcast()
            return true
        }

        /// The result of the file at `index`: waits for it, checking the next files
        /// meanwhile. A file after a bad one is never checked: the bad one's refusal stands for it.
        func result(_ index: Int) -> Result<OpenBundle, StoreFailure> {
            condition.lock()
            defer { condition.unlock() }
            while results[index] == nil {
                // `end` stops just after the first bad file.
                if index >= end, end > 0, let bad = results[end - 1] { return bad }
                if !checkNext() { condition.wait() }
            }
            return results[index]!
        }

        /// The result of the file at `index` if it has been checked, without waiting.
        func checked(_ index: Int) -> Result<OpenBundle, StoreFailure>? {
            condition.withLock { results[index] }
        }

        /// Stops the checking, waits for the checkers, and closes every bundle.
        func stop() {
            condition.lock()
            end = 0
            while running > 0 { condition.wait() }
            let opened = results
            condition.unlock()
            for case .success(let bundle)? in opened { bundle.close() }
        }
    }
}

/// A bundle's people and records (`tables`), read into memory once for the merge:
/// ahead of it, on another thread, while it merges the bundle before (`readAhead`), or by
/// the merge itself when it gets there first (`take`). Reading the bundle is then off the
/// merge's thread, and only one or two bundles' records are in memory at a time.
final class BundleRecords: @unchecked Sendable {
    private enum State {
        case unread, reading, read(Result<[String: ReadRows], any Error>), taken
    }
    private let condition = NSCondition()
    private var state = State.unread

    /// Reads the records from `queue` on another thread, unless they are read or being read.
    func readAhead(_ queue: DatabaseQueue) {
        let claimed = condition.withLock {
            guard case .unread = state else { return false }
            state = .reading
            return true
        }
        guard claimed else { return }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let result = Result { try Self.read(queue) }
            condition.withLock {
                // Discarded meanwhile: nothing is kept.
                if case .reading = state { state = .read(result) }
                condition.broadcast()
            }
        }
    }

    /// The records, by table: read ahead (waiting for the reading if it is under way) or
    /// read from `queue` now. Taken once; nothing is kept. A bundle that fails to read
    /// now, after it passed its check, is refused as unreadable (65), named by `file`.
    func take(_ queue: DatabaseQueue, file: String) throws -> [String: ReadRows] {
        condition.lock()
        while case .reading = state { condition.wait() }
        let before = state
        state = .taken
        condition.unlock()
        do {
            switch before {
            case .read(let result): return try result.get()
            default: return try Self.read(queue)
            }
        } catch {
            throw UnitBundle.refusal(file, .unreadable)
        }
    }

    /// Lets go of records read ahead and never taken (a bundle merged before), or being
    /// read ahead still: a list merged a second time keeps none of them.
    func discard() {
        condition.withLock {
            switch state {
            case .read, .reading: state = .taken
            case .unread, .taken: break
            }
        }
    }

    /// The tables read: the people and every kind of record, nine in ten of a bundle's rows.
    static let tables = ["person"] + Merger.kinds.map(\.table)

    /// Every row of the `tables`, every column, in rowid order.
    static func read(_ queue: DatabaseQueue) throws -> [String: ReadRows] {
        try queue.read { db in
            var read: [String: ReadRows] = [:]
            for table in tables {
                let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
                let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                read[table] = try ReadRows(db.makeStatement(sql: "SELECT \(list) FROM \"\(table)\" ORDER BY rowid"))
            }
            return read
        }
    }
}

/// A bundle file opened for a merge: its own read-only connection and its checked
/// manifest. The department's connection never opens it.
struct OpenBundle: Sendable {
    let file: String
    let queue: DatabaseQueue
    let manifest: UnitBundle.Manifest
    /// The file's name and SHA-256, which its batch entries name: hashed while the file is
    /// checked, on the checking thread.
    let source: BatchSource
    /// Its records, read into memory once, for the merge.
    let records = BundleRecords()

    /// Opens and checks `file` (UnitBundle.verify): a missing or unreadable file is 66,
    /// anything but a sound gongqin bundle 65.
    static func open(_ file: String, today: Day, context: LogContext) throws(StoreFailure) -> OpenBundle {
        try checkFile(file)
        let queue: DatabaseQueue
        do {
            queue = try Connections.reader(file, context: context)
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw UnitBundle.refusal(file, .notSQLite)
        } catch {
            throw UnitBundle.refusal(file, .cannotOpen)
        }
        do {
            let manifest = try queue.read { db in try UnitBundle.verify(db, file: file, today: today) }
            // Every bundle of a list stays open until the merge; what reading it cached
            // would add up (2.5 MB a bundle, 360 MB for a hundred).
            queue.releaseMemory()
            var source = try BatchSource.file(at: file)
            source.unit = manifest.unit
            return OpenBundle(file: file, queue: queue, manifest: manifest, source: source)
        } catch {
            try? queue.close()
            if let error = error as? StoreFailure { throw error }
            if let error = error as? GongQinError { throw .core(error) }
            if let error = error as? DatabaseError, [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
                throw UnitBundle.refusal(file, .notSQLite)
            }
            throw UnitBundle.refusal(file, .unreadable)
        }
    }

    /// A bundle must be a readable regular file: a FIFO or a device would hang or mislead
    /// the reader.
    static func checkFile(_ file: String) throws(StoreFailure) {
        var info = stat()
        guard stat(file, &info) == 0 else {
            throw .bundleMissing(file: file)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw .bundleNotRegular(file: file)
        }
        guard access(file, R_OK) == 0 else {
            throw .bundleUnreadable(file: file)
        }
    }

    func close() { try? queue.close() }

    /// The bundle's seal against the department's trust: refused (65) when the unit has a
    /// trusted key and the bundle is not sealed by it, or when a seal is required and the
    /// bundle has none. (A seal that does not verify was refused when the bundle was opened.)
    func judgeSeal(_ trust: Trust, requireSeal: Bool) throws {
        let seal = manifest.seal
        if let trusted = try trust.key(of: manifest.unit), seal?.publicKey != trusted.publicKey {
            throw UnitBundle.refusal(file, .untrustedSeal(found: seal?.fingerprint, unit: manifest.unit, trusted: trusted.fingerprint))
        }
        if requireSeal, seal == nil {
            throw UnitBundle.refusal(file, .sealRequired)
        }
    }

    /// The name of the temporary copy of one of the bundle's tables.
    static func copyName(_ table: String) -> String { "temp.b_\(table)" }

    /// The tables `copy` copies: the bundle's unit, catalogues and uses. Its people and
    /// records go straight into the merge's work tables (`BundleRecords`, `Merger.copy`).
    static let copiedTables = UnitBundle.tables.filter { !BundleRecords.tables.contains($0) }

    /// Copies the `copiedTables` of the bundle into temporary tables `b_TABLE` of the
    /// department's connection, the department's columns in order, row by row through one
    /// statement a table, each value handed from the bundle's row to the insert on SQLite's
    /// C interface (`Database.copyRows`). The tables are made for the first bundle of a
    /// list and emptied for each after it (`dropCopy` drops them at the end): making and
    /// dropping a table expires every statement the connection has prepared (and empties
    /// GRDB's statement cache).
    func copy(into db: Database) throws {
        try queue.read { source in
            for table in Self.copiedTables {
                let columns = try String.fetchAll(db.cachedStatement(sql: "SELECT name FROM pragma_table_info(?, 'main') ORDER BY cid"),
                                                  arguments: [table])
                let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                if try !db.hasTemporaryTable("b_\(table)") {
                    try db.execute(sql: "CREATE TEMP TABLE b_\(table) AS SELECT \(list) FROM main.\"\(table)\" WHERE 0")
                }
                try db.cachedStatement(sql: "DELETE FROM \(Self.copyName(table))").execute()
                let insert = try db.cachedStatement(sql: """
                    INSERT INTO \(Self.copyName(table)) (\(list)) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
                    """)
                try db.copyRows(from: source.makeStatement(sql: "SELECT \(list) FROM \"\(table)\" ORDER BY rowid"), into: insert)
            }
        }
    }

    static func dropCopy(_ db: Database) throws {
        for table in copiedTables { try db.execute(sql: "DROP TABLE IF EXISTS \(copyName(table))") }
    }
}

extension Database {
    /// Whether the connection has the temporary table `name`. Asked before a work table is
    /// made: even `CREATE … IF NOT EXISTS` of a table that is there empties GRDB's cache
    /// of prepared statements, as every statement that may change the schema does.
    func hasTemporaryTable(_ name: String) throws -> Bool {
        try Bool.fetchOne(cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = ?)"),
                          arguments: [name]) ?? false
    }
}

/// The work of one merge, inside its transaction. Temporary tables `mg_*` hold the
/// bundle's rows with their ids mapped to this database's: trades by name, people by
/// identity number, records by their natural key (the UNIQUE constraints of the schema).
struct Merger {
    let db: Database
    let bundle: OpenBundle
    let prefer: MergePreference?
    var report: MergeReport
    let progress: (MergeProgress) -> Void

    /// This database's id of the bundle's unit.
    var unitID: Int64 = 0
    /// Unit names by id, for the report.
    var unitNames: [Int64: String] = [:]
    /// The ids of the people this bundle added (one batch of `person`); nil when none.
    var addedPeople: ClosedRange<Int64>?
    /// This database's id of each of the bundle's people in the merge, by the bundle's id;
    /// and the unit of each the department held before (`mg_person`).
    var people: [Int64: Int64] = [:], heldUnits: [Int64: Int64] = [:]
    /// This database's id of each of the bundle's trades, by the bundle's id: matched by name.
    var trades: [Int64: Int64] = [:]

    init(db: Database, bundle: OpenBundle, prefer: MergePreference?, report: MergeReport,
         progress: @escaping (MergeProgress) -> Void) {
        self.db = db
        self.bundle = bundle
        self.prefer = prefer
        self.report = report
        self.progress = progress
    }

    var file: String { bundle.file }
    /// The bundle as the source of the batch entries that log the rows it adds.
    var source: BatchSource { bundle.source }

    /// The record kinds after people, in the order they are merged, with their natural
    /// keys besides the person (their specs', the UNIQUE constraints of Schema/0001, 0003, 0004).
    static let kinds: [(table: String, key: [String])] = RecordKinds.specTables + [
        ("application", ["cycle", "grade", "module", "filed_on"]),
    ]

    /// Columns holding a trade's row id: mapped by the trade's name.
    static let tradeColumns: Set<String> = ["trade_id", "from_trade_id", "to_trade_id"]

    var bundleSource: MergeReport.BundleSide {
        .init(file: (file as NSString).lastPathComponent, unit: report.manifest.unit, createdAt: report.manifest.createdAt)
    }

    func storedSource(unit: Int64?) -> MergeReport.StoredSide {
        .init(unit: unit.flatMap { unitNames[$0] })
    }

    func columns(_ table: String) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: "SELECT name FROM pragma_table_info(?, 'main') ORDER BY cid"), arguments: [table])
    }

    func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) ?? 0
    }

    static let workTables = ["mg_person", "mg_use"] + kinds.map { "mg_" + $0.table }

    /// Drops the work tables at the end of a list (`fill` made them).
    static func dropWorkTables(_ db: Database) throws {
        for table in workTables { try db.execute(sql: "DROP TABLE IF EXISTS temp.\(table)") }
    }

    /// Fills the work table `temp.NAME` with the rows of `select`. The table (its columns
    /// typed as `select`'s) and its `indexes` are made for the first bundle of a list and
    /// emptied for each after it, as the bundle's copies are (`OpenBundle.copy`): making
    /// or dropping a table expires every statement the connection has prepared, and the
    /// merge's statements, the same for every bundle, are prepared once a list (`exec`).
    func fill(_ name: String, _ select: String, indexes: [String] = []) throws {
        if try !db.hasTemporaryTable(name) {
            try db.execute(sql: "CREATE TEMP TABLE \(name) AS \(select) LIMIT 0")
            for index in indexes { try db.execute(sql: "CREATE \(index)") }
        }
        try exec("DELETE FROM temp.\(name)")
        try exec("INSERT INTO temp.\(name) \(select)")
    }

    // The merge's statements, through the connection's statement cache: prepared for the
    // first bundle of a list, reused for the others.

    func exec(_ sql: String, arguments: StatementArguments = []) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    func rows(_ sql: String, arguments: StatementArguments = []) throws -> [Row] {
        try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    func row(_ sql: String, arguments: StatementArguments = []) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    func ids(_ sql: String, arguments: StatementArguments = []) throws -> [Int64] {
        try Int64.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    func text(_ sql: String, arguments: StatementArguments = []) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    mutating func run(now: String) throws {
        report.mergedBefore = try text("SELECT merged_at FROM bundle_merge WHERE digest = ? ORDER BY id DESC LIMIT 1",
                                       arguments: [report.manifest.digest])
        if let mergedAt = report.mergedBefore {
            // Merged before: it moves and changes nobody; its people are reported as stale.
            let numbers = try bundle.queue.read { try String.fetchAll($0, sql: "SELECT id_number FROM person ORDER BY id") }
            report.stale = try numbers.compactMap { number in
                try row("""
                    SELECT p.id_number, p.name, u.name AS unit FROM main.person p JOIN main.unit u ON u.id = p.unit_id WHERE p.id_number = ?
                    """, arguments: [number])
            }.map { row in
                MergeReport.Stale(idNumber: row["id_number"], name: row["name"], unit: row["unit"], heldFrom: .thisBundle(mergedAt: mergedAt))
            }
            return
        }
        try mergeUnit()
        try mergeCatalogues()
        unitNames = Dictionary(uniqueKeysWithValues: try rows("SELECT id, name FROM unit").map { ($0["id"], $0["name"]) })
        let read = try bundle.records.take(bundle.queue, file: file)
        try mergePeople(read["person"])
        progress(.people(count: report.manifest.counts["person"] ?? 0))
        for kind in Self.kinds { try mergeRecords(kind.table, key: kind.key, records: read[kind.table]) }
        try mergeUses()
        progress(.records)
    }

    // MARK: Unit and catalogues

    mutating func mergeUnit() throws {
        // The unit's columns as its spec names them: the name, which matches, and the rest.
        let columns = RecordSpecs.unit.fields.map(\.column), others = columns.filter { $0 != "name" }
        let theirs = try row("SELECT \(columns.joined(separator: ", ")) FROM temp.b_unit")!
        let name: String = theirs["name"]
        let values = others.map { theirs[$0] as String? }
        if let ours = try row("SELECT id, \(others.joined(separator: ", ")) FROM main.unit WHERE name = ?", arguments: [name]) {
            unitID = ours["id"]
            var fields: [MergeReport.Field] = []
            for column in others where (ours[column] as String?) != (theirs[column] as String?) {
                fields.append(.init(field: column, stored: ours[column], bundle: theirs[column]))
            }
            if fields.isEmpty {
                report.unchanged["unit", default: 0] += 1
            } else {
                report.conflicts.append(.init(kind: "unit", record: .unit(name: name), fields: fields, storedSource: .init(unit: nil),
                                              bundleSource: bundleSource, kept: prefer))
                if prefer == .bundle {
                    try exec("UPDATE main.unit SET \(others.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?",
                             arguments: StatementArguments(values) + [unitID])
                    report.updated["unit", default: 0] += 1
                }
            }
        } else {
            try exec("INSERT INTO main.unit (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                     arguments: StatementArguments([name] + values))
            unitID = db.lastInsertedRowID
            report.added["unit", default: 0] += 1
        }
    }

    /// Trades and exceptional conditions the department lacks are added; those it has
    /// stay as they are (the department's catalogue stands). A condition whose category
    /// differs would count uses against the wrong category (X1): the bundle is refused.
    mutating func mergeCatalogues() throws {
        let trade = RecordSpecs.trade.columnList
        try exec("""
            INSERT INTO main.trade (\(trade), builtin) SELECT \(trade), 0 FROM temp.b_trade
            WHERE name NOT IN (SELECT name FROM main.trade) ORDER BY id
            """)
        report.added["trade"] = db.changesCount
        trades = Dictionary(uniqueKeysWithValues: try rows("""
            SELECT b.id, m.id FROM temp.b_trade b JOIN main.trade m ON m.name = b.name
            """).map { ($0[0], $0[1]) })
        if let code = try text("""
            SELECT b.code FROM temp.b_exceptional_condition b JOIN main.exceptional_condition m ON m.code = b.code
            WHERE m.category <> b.category LIMIT 1
            """) {
            throw UnitBundle.refusal(file, .conditionCategory(code: code))
        }
        let list = try columns("exceptional_condition").map { "\"\($0)\"" }.joined(separator: ", ")
        try exec("""
            INSERT INTO main.exceptional_condition (\(list)) SELECT \(list) FROM temp.b_exceptional_condition
            WHERE code NOT IN (SELECT code FROM main.exceptional_condition) ORDER BY rowid
            """)
        report.added["exceptional_condition"] = db.changesCount
    }

    // MARK: People

    /// People match by identity number (R2). A new one is added under the unit; a known
    /// one under another unit has moved, and takes the bundle's unit; other fields that
    /// differ are conflicts.
    mutating func mergePeople(_ read: ReadRows?) throws {
        let all = try columns("person").filter { $0 != "id" && $0 != "unit_id" }
        let values = all.filter { $0 != "id_number" }
        // The bundle's people, keyed by the bundle's id (`bid`), each with the id (`mid`)
        // and unit (`from_unit`) the department holds them under, if it does.
        try copy("person", read, into: "mg_person", columns: all, work: ["mid INTEGER", "from_unit INTEGER"],
                 indexes: ["INDEX temp.mg_person_mid ON mg_person (mid)"])
        try exec("""
            UPDATE temp.mg_person SET (mid, from_unit) = (SELECT m.id, m.unit_id FROM main.person m WHERE m.id_number = mg_person.id_number)
            WHERE EXISTS (SELECT 1 FROM main.person m WHERE m.id_number = mg_person.id_number)
            """)
        try dropStalePeople()
        report.absent["person"] = try count("""
            SELECT count(*) FROM main.person WHERE unit_id = ? AND id NOT IN (SELECT mid FROM temp.mg_person WHERE mid IS NOT NULL)
            """, [unitID])

        let differs = values.map { "m.\"\($0)\" IS NOT s.\"\($0)\"" }.joined(separator: " OR ")
        let conflicting = try ids("""
            SELECT m.bid FROM temp.mg_person m JOIN main.person s ON s.id = m.mid WHERE \(differs) ORDER BY m.bid
            """)
        report.unchanged["person"] = try count("SELECT count(*) FROM temp.mg_person WHERE mid IS NOT NULL") - conflicting.count
        for bid in conflicting {
            let theirs = try row("SELECT * FROM temp.mg_person WHERE bid = ?", arguments: [bid])!
            let ours = try row("SELECT * FROM main.person WHERE id = ?", arguments: [theirs["mid"] as Int64])!
            try conflict("person", ours: ours, theirs: theirs, columns: values, record: .person, storedUnit: theirs["from_unit"])
        }
        if prefer == .bundle && !conflicting.isEmpty {
            let set = values.map { "\"\($0)\"" }.joined(separator: ", ")
            try exec("""
                UPDATE main.person SET (\(set)) = (SELECT \(set) FROM temp.mg_person m WHERE m.mid = person.id)
                WHERE id IN (SELECT mid FROM temp.mg_person WHERE bid IN (\(conflicting.map(String.init).joined(separator: ","))))
                """)
            report.updated["person"] = conflicting.count
        }

        // Moved (R2): known under another unit.
        let moved = try rows("""
            SELECT m.id_number, m.name, m.from_unit FROM temp.mg_person m WHERE m.mid IS NOT NULL AND m.from_unit <> ? ORDER BY m.bid
            """, arguments: [unitID])
        report.moved = moved.map { row in
            MergeReport.Move(idNumber: row["id_number"], name: row["name"], from: unitNames[row["from_unit"]] ?? "",
                             to: report.manifest.unit)
        }
        try exec("""
            UPDATE main.person SET unit_id = ? WHERE id IN (SELECT mid FROM temp.mg_person WHERE mid IS NOT NULL AND from_unit <> ?)
            """, arguments: [unitID, unitID])

        let list = all.map { "\"\($0)\"" }.joined(separator: ", ")
        let added = try insertBatch(into: "person", sql: """
            INSERT INTO main.person (unit_id, \(list)) SELECT ?, \(list) FROM temp.mg_person WHERE mid IS NULL ORDER BY bid
            """, arguments: [unitID])
        report.added["person"] = added.count
        addedPeople = added.ids
        try exec("""
            UPDATE temp.mg_person SET mid = (SELECT id FROM main.person p WHERE p.id_number = mg_person.id_number) WHERE mid IS NULL
            """)
        people = [:]
        heldUnits = [:]
        for row in try rows("SELECT bid, mid, from_unit FROM temp.mg_person") {
            people[row[0]] = row[1]
            if let unit = row[2] as Int64? { heldUnits[row[0]] = unit }
        }
    }

    /// The people whose records in the department came from a bundle newer than this one
    /// (RULES R2: a bundle made before the department's does not move anyone back): they
    /// are reported as stale and taken out of the merge, with all their records.
    mutating func dropStalePeople() throws {
        let held = try rows("""
            SELECT m.bid, m.id_number, m.name, u.name AS unit, bm.unit AS source_unit, bm.created_at, bm.source_head_entries
            FROM temp.mg_person m JOIN main.person_source ps ON ps.person_id = m.mid
            JOIN main.bundle_merge bm ON bm.id = ps.bundle_merge_id JOIN main.unit u ON u.id = m.from_unit
            ORDER BY m.bid
            """)
        var stale: [Int64] = []
        for row in held where Self.isOlder(report.manifest, than: (row["source_unit"], row["created_at"], row["source_head_entries"])) {
            stale.append(row["bid"])
            report.stale.append(.init(idNumber: row["id_number"], name: row["name"], unit: row["unit"],
                                      heldFrom: .newerBundle(unit: row["source_unit"], createdAt: row["created_at"])))
        }
        guard !stale.isEmpty else { return }
        try db.execute(sql: "DELETE FROM temp.mg_person WHERE bid IN (\(stale.map(String.init).joined(separator: ",")))")
    }

    /// Whether a bundle was made before the one the department's record of a person came
    /// from: from the same unit, by the head of the unit's log it was made from, then by
    /// its creation time; from another unit, by its creation time. Two made in the same
    /// second are not older than each other: the one merged later stands.
    static func isOlder(_ bundle: UnitBundle.Manifest, than held: (unit: String, createdAt: String, entries: Int)) -> Bool {
        if bundle.unit == held.unit, bundle.sourceHead.entries != held.entries { return bundle.sourceHead.entries < held.entries }
        let formatter = ISO8601DateFormatter()
        if let made = formatter.date(from: bundle.createdAt), let other = formatter.date(from: held.createdAt) {
            return made < other
        }
        return bundle.createdAt < held.createdAt
    }

    // MARK: Records

    /// One kind of record: matched on the person and the natural key; the same values are
    /// one record, different values a conflict, a record the department lacks is added.
    mutating func mergeRecords(_ table: String, key: [String], records: ReadRows?) throws {
        let all = try columns(table).filter { $0 != "id" && $0 != "person_id" }
        let values = all.filter { !key.contains($0) }
        try copyRecords(table, columns: all, key: key, records: records)
        // The department's records of these people that the bundle lacks: only those it
        // held before can have any (`from_unit`).
        report.absent[table] = try count("""
            SELECT count(*) FROM main.\(table) WHERE person_id IN (SELECT mid FROM temp.mg_person WHERE from_unit IS NOT NULL)
            AND id NOT IN (SELECT mid FROM temp.mg_\(table) WHERE mid IS NOT NULL)
            """)

        let differs = values.isEmpty ? "0" : values.map { "m.\"\($0)\" IS NOT s.\"\($0)\"" }.joined(separator: " OR ")
        let conflicting = try ids("""
            SELECT m.bid FROM temp.mg_\(table) m JOIN main.\(table) s ON s.id = m.mid WHERE \(differs) ORDER BY m.bid
            """)
        report.unchanged[table] = try count("SELECT count(*) FROM temp.mg_\(table) WHERE mid IS NOT NULL") - conflicting.count
        for bid in conflicting {
            let theirs = try row("SELECT * FROM temp.mg_\(table) WHERE bid = ?", arguments: [bid])!
            let ours = try row("SELECT * FROM main.\(table) WHERE id = ?", arguments: [theirs["mid"] as Int64])!
            try conflict(table, ours: ours, theirs: theirs, columns: values, record: try keyed(table, key: key, row: theirs),
                         storedUnit: theirs["from_unit"])
            if prefer == .bundle { try update(table, id: ours["id"], from: ours, to: theirs, columns: values) }
        }
        if prefer == .bundle { report.updated[table] = conflicting.count }

        try collisions(table)
        if table == "application" { try holdBackSecondUses() }
        let list = all.map { "\"\($0)\"" }.joined(separator: ", ")
        do {
            report.added[table] = try insertBatch(into: table, sql: """
                INSERT INTO main.\(table) (person_id, \(list)) SELECT person_id, \(list) FROM temp.mg_\(table)
                WHERE mid IS NULL AND skip = 0 ORDER BY bid
                """).count
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw UnitBundle.refusal(file, .conflictingRecords(table: table))
        }
        if table == "application" {
            // The uses of an added application refer to it by its new row id.
            let same = key.map { "s.\"\($0)\" IS mg_application.\"\($0)\"" }.joined(separator: " AND ")
            try exec("""
                UPDATE temp.mg_application SET mid = (SELECT s.id FROM main.application s WHERE s.person_id = mg_application.person_id AND \(same))
                WHERE mid IS NULL AND skip = 0
                """)
        }
    }

    /// Copies the bundle's `records` of `table` into the work table `temp.mg_TABLE`
    /// (`copy`), each with its person's id here (`people`; the records of a person the
    /// merge left out are not copied) and the person's unit before (`heldUnits`). `mid` is
    /// then the id of the same record here (the person and the natural `key`), looked up
    /// for the people the department held before: the people this bundle adds have no
    /// records yet.
    func copyRecords(_ table: String, columns: [String], key: [String], records: ReadRows?) throws {
        let name = "mg_\(table)"
        try copy(table, records, into: name, columns: columns,
                 work: ["mid INTEGER", "person_id INTEGER", "from_unit INTEGER", "skip INTEGER NOT NULL DEFAULT 0"],
                 given: [("person_id", .mapped("person_id", people, required: true)),
                         ("from_unit", .mapped("person_id", heldUnits, required: false))])
        let match = (["s.person_id = \(name).person_id"] + key.map { "s.\"\($0)\" IS \(name).\"\($0)\"" }).joined(separator: " AND ")
        try exec("""
            UPDATE temp.\(name) SET mid = (SELECT s.id FROM main.\(table) s WHERE \(match))
            WHERE from_unit IS NOT NULL
            """)
    }

    /// Where a value copied into a work table comes from: a column of the bundle's row, as
    /// it is or through a map of ids (`CopiedValue`).
    enum Source {
        case column(String)
        case mapped(String, [Int64: Int64], required: Bool)
    }

    /// Copies the bundle's rows of `table` (`read`, `BundleRecords`) into the work table
    /// `temp.NAME` (`Database.insertRows`): the row's id as `bid`, then the `given` work
    /// columns, then the table's `columns` (trades mapped by name, `trades`: NULL for a
    /// trade not here). The work table (`bid`, the `work` columns, `columns`) and its
    /// `indexes` are made for the first bundle of a list and emptied for each after it, as
    /// `fill` does. A bundle's columns are the department's (`UnitBundle.verify`); one
    /// missing refuses the bundle.
    func copy(_ table: String, _ read: ReadRows?, into name: String, columns: [String], work: [String],
              given: [(column: String, value: Source)] = [], indexes: [String] = []) throws {
        let list = columns.map { "\"\($0)\"" }
        if try !db.hasTemporaryTable(name) {
            try db.execute(sql: "CREATE TEMP TABLE \(name) (\((["bid INTEGER PRIMARY KEY"] + work + list).joined(separator: ", ")))")
            for index in indexes { try db.execute(sql: "CREATE \(index)") }
        }
        try exec("DELETE FROM temp.\(name)")
        guard let read else { throw UnitBundle.refusal(file, .tableDiffers(table: table)) }
        func copied(_ source: Source) throws -> CopiedValue {
            func index(_ column: String) throws -> Int32 {
                guard let index = read.columns.firstIndex(of: column) else { throw UnitBundle.refusal(file, .tableDiffers(table: table)) }
                return Int32(index)
            }
            switch source {
            case .column(let column): return .column(try index(column))
            case .mapped(let column, let map, let required): return .mapped(try index(column), map, required: required)
            }
        }
        let values = try ([.column("id")] + given.map(\.value) + columns.map { column in
            Self.tradeColumns.contains(column) ? .mapped(column, trades, required: false) : .column(column)
        }).map(copied)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO temp.\(name) (\((["bid"] + given.map { "\"\($0.column)\"" } + list).joined(separator: ", "))) \
            VALUES (?\(String(repeating: ", ?", count: given.count + columns.count)))
            """)
        try db.insertRows(read, into: insert, values: values)
    }

    /// RULES R3 with X1: a bundle's application whose use repeats a category the
    /// department's ledger already holds for the person (another grade or year, in another
    /// unit) is not merged: the category's first use stays the ledger's, the bundle's use
    /// becomes a category-used-twice finding naming the application, for the department to
    /// resolve. Merged, it would be an application in progress that R1 refuses.
    mutating func holdBackSecondUses() throws {
        try exec("""
            UPDATE temp.mg_application SET skip = 3 WHERE mid IS NULL AND skip = 0 AND bid IN (
                SELECT b.application_id FROM temp.b_exceptional_use b JOIN temp.mg_person mp ON mp.bid = b.person_id
                JOIN main.exceptional_use s ON s.person_id = mp.mid AND s.category = b.category
                WHERE b.application_id IS NOT NULL AND NOT (s.grade = b.grade AND s.year = b.year))
            """)
    }

    /// Records the schema allows once per person, whatever their key: one open application
    /// per cycle (§7), one current post. A bundle's record that would be a second one is a
    /// conflict: `--prefer stored` keeps the department's; the bundle's cannot replace it
    /// here, since the department's record must first be withdrawn or ended.
    mutating func collisions(_ table: String) throws {
        let sql: String
        switch table {
        case "application":
            sql = """
                SELECT m.bid, s.id FROM temp.mg_application m JOIN main.application s
                ON s.person_id = m.person_id AND s.cycle = m.cycle AND s.status <> 'withdrawn'
                WHERE m.mid IS NULL AND m.status <> 'withdrawn'
                """
        case "job":
            sql = """
                SELECT m.bid, s.id FROM temp.mg_job m JOIN main.job s ON s.person_id = m.person_id AND s.to_date IS NULL
                WHERE m.mid IS NULL AND m.to_date IS NULL
                """
        default:
            return
        }
        let pairs = try rows(sql)
        guard !pairs.isEmpty else { return }
        let key = table == "application" ? ["cycle", "grade", "module", "filed_on", "status"] : ["from_date", "to_date", "unit", "post"]
        for pair in pairs {
            let theirs = try row("SELECT * FROM temp.mg_\(table) WHERE bid = ?", arguments: [pair[0] as Int64])!
            let ours = try row("SELECT * FROM main.\(table) WHERE id = ?", arguments: [pair[1] as Int64])!
            let cycle: Int? = table == "application" ? theirs["cycle"] : nil
            try conflict(table, ours: ours, theirs: theirs, columns: key, record: .second(cycle: cycle), storedUnit: theirs["from_unit"],
                         keepable: prefer == .stored ? .stored : nil)
            if prefer == .bundle {
                throw StoreFailure.bundleSecondRecord(file: file, person: try personName(ours["person_id"]), table: table, cycle: cycle)
            }
        }
        try db.execute(sql: "UPDATE temp.mg_\(table) SET skip = 1 WHERE bid IN (\(pairs.map { String($0[0] as Int64) }.joined(separator: ",")))")
    }

    /// Moves a stored record to the bundle's values. An application's status moves along
    /// its lifecycle (§7) step by step; a change the lifecycle forbids is refused.
    func update(_ table: String, id: Int64, from ours: Row, to theirs: Row, columns: [String]) throws {
        var columns = columns
        if table == "application", columns.contains("status"),
           let old = ApplicationStatus(rawValue: ours["status"]), let new = ApplicationStatus(rawValue: theirs["status"]), old != new {
            guard let path = Self.path(from: old, to: new) else {
                throw StoreFailure.bundleStatusChange(file: file, person: try personName(ours["person_id"]), from: old, to: new)
            }
            for step in path {
                try db.execute(sql: "UPDATE main.application SET status = ? WHERE id = ?", arguments: [step.rawValue, id])
            }
            columns.removeAll { $0 == "status" }
        }
        let set = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        try db.execute(sql: "UPDATE main.\(table) SET (\(set)) = (SELECT \(set) FROM temp.mg_\(table) WHERE mid = ?) WHERE id = ?",
                       arguments: [id, id])
    }

    /// The shortest way through the application lifecycle, without the first status.
    static func path(from: ApplicationStatus, to: ApplicationStatus) -> [ApplicationStatus]? {
        var queue: [[ApplicationStatus]] = [[from]]
        var seen: Set<ApplicationStatus> = [from]
        while !queue.isEmpty {
            let path = queue.removeFirst()
            for next in path.last!.successors.sorted(by: { $0.rawValue < $1.rawValue }) where !seen.contains(next) {
                if next == to { return Array((path + [next]).dropFirst()) }
                seen.insert(next)
                queue.append(path + [next])
            }
        }
        return nil
    }

    // MARK: Uses (X1, R3)

    /// Uses match on the person and the category (X1). The same grade and year are the
    /// same use; a different grade or year is the category used twice: the department's
    /// use stays the ledger's, the bundle's is kept in `second_use` as a finding (R3).
    mutating func mergeUses() throws {
        let table = "exceptional_use"
        let all = try columns(table).filter { $0 != "id" && $0 != "person_id" && $0 != "application_id" }
        try fill("mg_use", """
            SELECT b.id AS bid, mp.mid AS person_id, mp.from_unit AS from_unit,
                   (SELECT s.id FROM main.exceptional_use s WHERE s.person_id = mp.mid AND s.category = b.category) AS mid,
                   (SELECT a.mid FROM temp.mg_application a WHERE a.bid = b.application_id) AS application_id,
                   b.application_id IS NOT NULL AND (SELECT a.mid FROM temp.mg_application a WHERE a.bid = b.application_id) IS NULL AS skip,
                   \(all.map { "b.\"\($0)\" AS \"\($0)\"" }.joined(separator: ", "))
            FROM temp.b_exceptional_use b JOIN temp.mg_person mp ON mp.bid = b.person_id
            """)
        report.absent[table] = try count("""
            SELECT count(*) FROM main.exceptional_use WHERE person_id IN (SELECT mid FROM temp.mg_person WHERE from_unit IS NOT NULL)
            AND id NOT IN (SELECT mid FROM temp.mg_use WHERE mid IS NOT NULL)
            """)
        let values = all.filter { !["category", "grade", "year"].contains($0) } + ["application_id"]
        let same = "s.grade = m.grade AND s.year = m.year"
        let differs = values.map { "m.\"\($0)\" IS NOT s.\"\($0)\"" }.joined(separator: " OR ")
        let conflicting = try ids("""
            SELECT m.bid FROM temp.mg_use m JOIN main.exceptional_use s ON s.id = m.mid WHERE \(same) AND (\(differs)) ORDER BY m.bid
            """)
        report.unchanged[table] = try count("SELECT count(*) FROM temp.mg_use m JOIN main.exceptional_use s ON s.id = m.mid WHERE \(same)")
            - conflicting.count
        for bid in conflicting {
            let theirs = try row("SELECT * FROM temp.mg_use WHERE bid = ?", arguments: [bid])!
            let ours = try row("SELECT * FROM main.exceptional_use WHERE id = ?", arguments: [theirs["mid"] as Int64])!
            let record = MergeReport.ConflictRecord.use(year: theirs["year"], grade: Grade(rawValue: theirs["grade"]) ?? .junior,
                                                        category: theirs["category"])
            try conflict(table, ours: ours, theirs: theirs, columns: values, record: record, storedUnit: theirs["from_unit"])
            if prefer == .bundle {
                let set = values.map { "\"\($0)\"" }.joined(separator: ", ")
                try db.execute(sql: "UPDATE main.exceptional_use SET (\(set)) = (SELECT \(set) FROM temp.mg_use WHERE bid = ?) WHERE id = ?",
                               arguments: [bid, theirs["mid"] as Int64])
            }
        }
        if prefer == .bundle { report.updated[table] = conflicting.count }

        // The category used twice: the first use stays, the second is kept in view.
        let twice = try rows("""
            SELECT m.bid, p.id_number, p.name, m.category, m.condition_code, m.grade, m.year, m.from_unit,
                   s.condition_code AS first_condition, s.grade AS first_grade, s.year AS first_year,
                   (SELECT count(*) FROM main.second_use d WHERE d.person_id = m.person_id AND d.category = m.category
                       AND d.grade = m.grade AND d.year = m.year) AS known,
                   (SELECT d.first_unit FROM main.second_use d WHERE d.person_id = m.person_id AND d.category = m.category
                       AND d.grade = m.grade AND d.year = m.year) AS known_first_unit,
                   a.cycle AS held_cycle, a.grade AS held_grade, a.module AS held_module
            FROM temp.mg_use m JOIN main.exceptional_use s ON s.id = m.mid JOIN main.person p ON p.id = m.person_id
            LEFT JOIN temp.mg_application a
                ON a.skip = 3 AND a.bid = (SELECT b.application_id FROM temp.b_exceptional_use b WHERE b.id = m.bid)
            WHERE NOT (\(same)) ORDER BY m.bid
            """)
        report.findings = twice.map { row in
            let firstUnit = (row["known_first_unit"] as String?) ?? unitNames[row["from_unit"]] ?? ""
            return MergeReport.SecondUse(
                idNumber: row["id_number"], name: row["name"], category: row["category"],
                first: .init(unit: firstUnit, condition: row["first_condition"], year: row["first_year"],
                             grade: Grade(rawValue: row["first_grade"]) ?? .junior),
                second: .init(unit: report.manifest.unit, condition: row["condition_code"], year: row["year"],
                              grade: Grade(rawValue: row["grade"]) ?? .junior),
                new: (row["known"] as Int) == 0,
                application: (row["held_cycle"] as Int?).map { cycle in
                    MergeReport.HeldBack(cycle: cycle, grade: Grade(rawValue: row["held_grade"]) ?? .junior,
                                         module: Module(rawValue: row["held_module"]) ?? .normal)
                })
        }
        // Marked so that `record` writes the new ones after the merge's own row.
        try db.execute(sql: "UPDATE temp.mg_use SET skip = 2 WHERE bid IN (\(twice.map { String($0["bid"] as Int64) }.joined(separator: ",")))")

        let list = (all + ["application_id"]).map { "\"\($0)\"" }.joined(separator: ", ")
        report.added[table] = try insertBatch(into: table, sql: """
            INSERT INTO main.exceptional_use (person_id, \(list)) SELECT person_id, \(list) FROM temp.mg_use
            WHERE mid IS NULL AND skip = 0 ORDER BY bid
            """).count
    }

    /// Runs one set-based INSERT into `table` and returns how many rows it added. Where the
    /// table's insert trigger can be silenced (`ChangeLog.bulkTables`), the rows are logged
    /// as one batch entry of the bundle (ImportBatches), as an import logs a file: one entry
    /// a bundle and table instead of one a row, with the digest `check` recomputes; `ids`
    /// are then the ids they took (nil when none, or when the table is logged row by row).
    func insertBatch(into table: String, sql: String, arguments: StatementArguments = []) throws
        -> (count: Int, ids: ClosedRange<Int64>?) {
        guard ChangeLog.bulkTables.contains(table) else {
            try exec(sql, arguments: arguments)
            return (db.changesCount, nil)
        }
        return try Session(db).inBatch(table: table, source: source, fileRows: { _ in [] }) { first in
            try exec(sql, arguments: arguments)
            let added = db.changesCount
            return ((added, added > 0 ? first...(first + Int64(added) - 1) : nil), added > 0)
        }
    }

    // MARK: Reporting and logging

    func personName(_ id: Int64) throws -> String {
        try text("SELECT name FROM main.person WHERE id = ?", arguments: [id]) ?? ""
    }

    func tradeName(_ id: Int64?) throws -> String? {
        guard let id else { return nil }
        return try text("SELECT name FROM main.trade WHERE id = ?", arguments: [id])
    }

    /// A value as the report shows it: trades by name.
    func shown(_ column: String, _ row: Row) throws -> String? {
        let value: DatabaseValue = row[column]
        if Self.tradeColumns.contains(column) { return try tradeName(Int64.fromDatabaseValue(value)) }
        switch value.storage {
        case .null: return nil
        case .int64(let n): return String(n)
        case .double(let d): return String(d)
        case .string(let s): return s
        case .blob: return "…"
        }
    }

    /// A record of `table` by its natural key, with the bundle's values.
    func keyed(_ table: String, key: [String], row: Row) throws -> MergeReport.ConflictRecord {
        .keyed(table: table, key: try key.map { MergeReport.KeyPart(column: $0, value: try shown($0, row)) })
    }

    mutating func conflict(_ table: String, ours: Row, theirs: Row, columns: [String], record: MergeReport.ConflictRecord, storedUnit: Int64?,
                           keepable: MergePreference?? = .none) throws {
        let personID: Int64? = table == "person" ? ours["id"] : ours["person_id"]
        let person = try personID.flatMap { try row("SELECT id_number, name FROM main.person WHERE id = ?", arguments: [$0]) }
        var fields: [MergeReport.Field] = []
        for column in columns {
            let stored = try shown(column, ours), bundle = try shown(column, theirs)
            if stored != bundle { fields.append(.init(field: column, stored: stored, bundle: bundle)) }
        }
        report.conflicts.append(.init(kind: table, idNumber: person?["id_number"], name: person?["name"], record: record,
                                      fields: fields, storedSource: storedSource(unit: storedUnit), bundleSource: bundleSource,
                                      kept: keepable ?? prefer))
    }

    /// Logs the merge: one row of bundle_merge (digest, unit, source head), which the
    /// change log records like every write, then the second uses it found. The one place
    /// a merge is logged.
    func record(now: String) throws {
        let m = report.manifest
        try exec("""
            INSERT INTO bundle_merge (digest, unit, department, created_at, source_head_entries, source_head_hash, merged_at,
                                      prefer, added, moved, conflicts, findings)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [m.digest, m.unit, m.department, m.createdAt, m.sourceHead.entries, m.sourceHead.hash, now,
                             prefer?.rawValue, report.added.values.reduce(0, +), report.moved.count, report.conflicts.count,
                             report.findings.count])
        let mergeID = db.lastInsertedRowID
        // Where the department's record of each of the bundle's people now comes from. The
        // people it added have ids addedPeople, so their rows here (keyed by the person) are
        // that range too: one batch entry. The people it already had are upserted row by row.
        if let added = addedPeople {
            ImportBatches.silence("person_source", in: db)
            do {
                defer { ImportBatches.silence(nil, in: db) }
                try exec("""
                    INSERT INTO person_source (person_id, bundle_merge_id)
                    SELECT mid, ? FROM temp.mg_person WHERE mid BETWEEN ? AND ? ORDER BY mid
                    """, arguments: [mergeID, added.lowerBound, added.upperBound])
            }
            try ImportBatches.append(db, table: "person_source", source: source, first: added.lowerBound, last: added.upperBound,
                                     fileRows: [])
        }
        try exec("""
            INSERT INTO person_source (person_id, bundle_merge_id)
            SELECT mid, ?1 FROM temp.mg_person WHERE mid IS NOT NULL AND NOT (mid BETWEEN ?2 AND ?3) ORDER BY bid
            ON CONFLICT (person_id) DO UPDATE SET bundle_merge_id = ?1
            """, arguments: [mergeID, addedPeople?.lowerBound ?? 1, addedPeople?.upperBound ?? 0])
        try exec("""
            INSERT INTO second_use (person_id, condition_code, category, grade, year, source, note, unit, first_unit, bundle_merge_id)
            SELECT m.person_id, m.condition_code, m.category, m.grade, m.year, m.source, m.note, ?,
                   coalesce((SELECT name FROM main.unit WHERE id = m.from_unit), ?), ?
            FROM temp.mg_use m
            WHERE m.skip = 2 AND NOT EXISTS (SELECT 1 FROM main.second_use d WHERE d.person_id = m.person_id
                                             AND d.category = m.category AND d.grade = m.grade AND d.year = m.year)
            ORDER BY m.bid
            """, arguments: [m.unit, m.unit, mergeID])
    }
}

/// A second use of a category kept in view by a merge (table `second_use`, RULES R3).
public struct SecondUseEntry: Sendable, Codable {
    public var idNumber: IDNumber
    public var name: String
    public var category: String
    /// The ledger's use, when it is still recorded.
    public var first: MergeReport.UseAt?
    public var second: MergeReport.UseAt
}

extension Ledger {
    /// The second uses of the people a filter covers, in identity-number order, each with
    /// the ledger's use it repeats (R3, X1).
    public func secondUses(_ filter: People.Filter = People.Filter()) throws -> [SecondUseEntry] {
        let scope = try session.people.scope(filter, person: "p")
        return try Row.fetchAll(db, sql: """
            SELECT p.id_number, p.name, d.category, d.condition_code, d.grade, d.year, d.unit, d.first_unit,
                   u.condition_code AS first_condition, u.grade AS first_grade, u.year AS first_year
            FROM second_use d JOIN person p ON p.id = d.person_id
            LEFT JOIN exceptional_use u ON u.person_id = d.person_id AND u.category = d.category
            WHERE \(scope.sql)
            ORDER BY p.id_number, d.category, d.year
            """, arguments: scope.arguments).map { row in
            let firstGrade: String? = row["first_grade"]
            return SecondUseEntry(
                idNumber: row["id_number"], name: row["name"], category: row["category"],
                first: firstGrade.map { grade in
                    MergeReport.UseAt(unit: row["first_unit"], condition: row["first_condition"], year: row["first_year"],
                                      grade: Grade(rawValue: grade) ?? .junior)
                },
                second: MergeReport.UseAt(unit: row["unit"], condition: row["condition_code"], year: row["year"],
                                          grade: Grade(rawValue: row["grade"]) ?? .junior))
        }
    }
}
