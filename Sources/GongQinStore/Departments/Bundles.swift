import Crypto
import Foundation
import GongQinCore
import GRDB
import GRDBSQLite

/// A unit's bundle (数据包, Documentation/DEPARTMENTS.md): one SQLite file made with gongqin's own migrations,
/// holding one unit, its people and every record of theirs, the trade and exceptional
/// catalogues they refer to, and a manifest (table `bundle_manifest`): the unit and its
/// department, the creation time, the head of the unit's change log, the count and the
/// SHA-256 of every table, and one digest over all of that. A department opens it with
/// the sqlite3 shell, or merges it with `gongqin merge`.
public enum UnitBundle {
    /// The tables a bundle carries, in the order they are written and merged.
    public static let tables = ["unit", "trade", "exceptional_condition", "person"]
        + RecordKinds.specTables.map(\.table) + ["application", "exceptional_use"]

    /// The record kinds a unit clerk counts: the tables of people and their records.
    public static let recordTables = Array(tables.dropFirst(3))

    static let format = "gongqin-bundle"
    static let formatVersion = "1"

    /// The manifest's own table, present only in bundles.
    static let manifestSQL = """
        CREATE TABLE bundle_manifest (
            key   TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 64),
            value TEXT NOT NULL
        ) STRICT
        """

    /// What a bundle says about itself.
    public struct Manifest: Sendable, Codable, Equatable {
        public var unit: String
        public var department: String?
        public var district: String?
        public var createdAt: String
        public var sourceHead: Head
        /// The rows of each table of `UnitBundle.tables`.
        public var counts: [String: Int]
        /// SHA-256 of each table's rows, in hex.
        public var digests: [String: String]
        /// SHA-256 over everything above: the bundle's name in the merge log.
        public var digest: String
        /// The unit's seal on `digest`, when the bundle was made with a key.
        public var seal: Seal?
    }

    /// A bundle's seal: the public key and its signature on the manifest's digest
    /// (`Seals.bundleMessage`). Not part of the digest it signs.
    public struct Seal: Sendable, Codable, Equatable {
        public var publicKey: String
        public var signature: String
        public var fingerprint: String { Seals.fingerprint(publicKey) }

        /// Whether it is `publicKey`'s signature on `digest`.
        func verifies(_ digest: String) -> Bool {
            Seals.verify(signature, of: Seals.bundleMessage(digest: digest), by: publicKey)
        }
    }

    /// The manifest keys of the seal, outside the digest.
    static let sealKeys = (publicKey: "seal.public-key", signature: "seal.signature")

    /// The head of a change log: its entry count and its last hash.
    public struct Head: Sendable, Codable, Equatable {
        public var entries: Int
        public var hash: String
    }

    static func head(_ db: Database, schema: String = "main") throws -> Head {
        let row = try Row.fetchOne(db, sql: "SELECT count(*) AS n, (SELECT hash FROM \(schema).change_log ORDER BY seq DESC LIMIT 1) AS h FROM \(schema).change_log")
        return Head(entries: row?["n"] ?? 0, hash: row?["h"] ?? "")
    }

    // MARK: Digests

    /// SHA-256 over a table's rows in rowid order: the table's name, its column names, then
    /// every value with its type, each written as a tag, its length and its bytes, so no
    /// two different tables of values hash alike. Read from the bundle itself, by the unit
    /// that makes it and the department that merges it.
    static func tableDigest(_ db: Database, schema: String, table: String) throws -> (count: Int, digest: String) {
        let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?, ?) ORDER BY cid", arguments: [table, schema])
        var hasher = SHA256()
        // What is hashed, gathered and handed to the hasher a few thousand bytes at a time:
        // a merge verifies every row of a hundred bundles (BENCHMARKS.md).
        var pending: [UInt8] = []
        pending.reserveCapacity(1 << 16)
        func feed(_ tag: UInt8, _ bytes: UnsafeBufferPointer<UInt8>) {
            pending.append(tag)
            pending.append(contentsOf: String(bytes.count).utf8)
            pending.append(UInt8(ascii: ":"))
            pending.append(contentsOf: bytes)
        }
        func feed(_ tag: UInt8, _ text: String) {
            var text = text
            text.withUTF8 { feed(tag, $0) }
        }
        feed(UInt8(ascii: "T"), table)
        for column in columns { feed(UInt8(ascii: "C"), column) }
        let list = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        var count = 0
        try db.eachRow("SELECT \(list) FROM \(schema).\"\(table)\" ORDER BY rowid", []) { row in
            count += 1
            feed(UInt8(ascii: "R"), UnsafeBufferPointer(start: nil, count: 0))
            for index in 0..<Int32(columns.count) {
                switch row.type(index) {
                case SQLITE_NULL: feed(UInt8(ascii: "N"), UnsafeBufferPointer(start: nil, count: 0))
                case SQLITE_INTEGER: feed(UInt8(ascii: "I"), String(row.int64(index)))
                case SQLITE_FLOAT: feed(UInt8(ascii: "D"), String(row.double(index)))
                case SQLITE_BLOB: feed(UInt8(ascii: "B"), row.blob(index))
                default:
                    // Text as GRDB reads it (`String(cString:)`): up to its first NUL, bad
                    // UTF-8 repaired. Text of ASCII without a NUL is that already.
                    let bytes = row.bytes(index)
                    if bytes.allSatisfy({ $0 != 0 && $0 < 0x80 }) {
                        feed(UInt8(ascii: "S"), bytes)
                    } else {
                        feed(UInt8(ascii: "S"), bytes.isEmpty ? "" : String(cString: row.cString(index)))
                    }
                }
            }
            if pending.count >= 1 << 15 {
                hasher.update(data: pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        hasher.update(data: pending)
        return (count, ChangeLog.hexadecimalText(hasher.finalize()))
    }

    /// The digest over the manifest's other entries, in key order.
    static func overallDigest(_ entries: [String: String]) -> String {
        var hasher = SHA256()
        for key in entries.keys.sorted() where key != "digest" && !key.hasPrefix("seal.") {
            let value = entries[key]!
            hasher.update(data: Array("\(key.utf8.count):\(key)\(value.utf8.count):\(value)".utf8))
        }
        return ChangeLog.hexadecimalText(hasher.finalize())
    }

    /// The manifest as key–value pairs, as stored.
    static func entries(_ manifest: Manifest) -> [String: String] {
        var entries: [String: String] = [
            "format": format, "format-version": formatVersion, "unit": manifest.unit, "created-at": manifest.createdAt,
            "source-head-entries": String(manifest.sourceHead.entries), "source-head-hash": manifest.sourceHead.hash,
        ]
        if let department = manifest.department { entries["department"] = department }
        if let district = manifest.district { entries["district"] = district }
        for (table, count) in manifest.counts { entries["count.\(table)"] = String(count) }
        for (table, digest) in manifest.digests { entries["sha256.\(table)"] = digest }
        entries["digest"] = manifest.digest
        if let seal = manifest.seal {
            entries[sealKeys.publicKey] = seal.publicKey
            entries[sealKeys.signature] = seal.signature
        }
        return entries
    }

    // MARK: Reading a bundle

    /// The refusal of a bundle: exit 65, with the file named and the database untouched.
    static func refusal(_ file: String, _ flaw: BundleFlaw) -> StoreFailure {
        .bundleRefused(file: file, flaw: flaw)
    }

    /// Checks a bundle, read through its own connection, and returns its manifest:
    /// SQLite's own integrity check, the schema (every table as gongqin's migrations made it
    /// for the bundle's version, with this version's columns), the manifest's counts and
    /// digests recomputed from the rows, one unit holding every person, and every identity
    /// number valid. Any failure refuses the whole bundle.
    static func verify(_ db: Database, file: String, today: Day) throws -> Manifest {
        let schema = "main"
        let integrity: [String]
        do {
            integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check(20)")
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw refusal(file, .notSQLite)
        }
        guard integrity == ["ok"] else { throw refusal(file, .failsIntegrityCheck) }
        let objects = try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE type = 'table'")
        let theirs = Dictionary(objects.map { ($0["name"] as String, $0["sql"] as String?) }, uniquingKeysWith: { a, _ in a })
        guard theirs["bundle_manifest"] != nil, theirs["grdb_migrations"] != nil else {
            throw refusal(file, .notBundle)
        }
        let migrations = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        let unknown = migrations.filter { !GongQinDatabase.migrationIdentifiers.contains($0) }
        if !unknown.isEmpty {
            throw refusal(file, .newer(unknown: unknown.sorted()))
        }
        guard let made = ExpectedSchema.after(migrations), let current = ExpectedSchema.after(GongQinDatabase.migrationIdentifiers) else {
            throw refusal(file, .migrationsOutOfOrder)
        }
        for table in tables + ["change_log"] {
            guard (theirs[table] ?? nil).map(ExpectedSchema.normalized) == made.objects[table]?.sql,
                  try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
                    == current.loggedTables.first(where: { $0.table == table })?.columns ?? [] || table == "change_log" else {
                throw refusal(file, .tableDiffers(table: table))
            }
        }
        if try !Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty {
            throw refusal(file, .danglingReferences)
        }
        let stored = Dictionary(try Row.fetchAll(db, sql: "SELECT key, value FROM bundle_manifest").map {
            ($0["key"] as String, $0["value"] as String)
        }, uniquingKeysWith: { a, _ in a })
        guard stored["format"] == format else { throw refusal(file, .manifestFormat) }
        guard stored["format-version"] == formatVersion else {
            throw refusal(file, .formatVersion(stored["format-version"]))
        }
        guard let unit = stored["unit"], let created = stored["created-at"], let digest = stored["digest"],
              let entries = stored["source-head-entries"].flatMap(Int.init), let hash = stored["source-head-hash"] else {
            throw refusal(file, .manifestIncomplete)
        }
        guard overallDigest(stored) == digest else { throw refusal(file, .manifestDigest) }
        var seal: Seal?
        if stored[sealKeys.publicKey] != nil || stored[sealKeys.signature] != nil {
            guard let key = stored[sealKeys.publicKey].flatMap(Seals.publicKey), let signature = stored[sealKeys.signature] else {
                throw refusal(file, .sealIncomplete)
            }
            seal = Seal(publicKey: key, signature: signature)
            guard seal!.verifies(digest) else {
                throw refusal(file, .sealSignature(fingerprint: Seals.fingerprint(key)))
            }
        }
        var counts: [String: Int] = [:], digests: [String: String] = [:]
        for table in tables {
            let (count, sha) = try tableDigest(db, schema: schema, table: table)
            guard stored["count.\(table)"] == String(count), stored["sha256.\(table)"] == sha else {
                throw refusal(file, .tableDigest(table: table))
            }
            counts[table] = count
            digests[table] = sha
        }
        let units = try Row.fetchAll(db, sql: "SELECT id, name FROM unit")
        guard units.count == 1, units[0]["name"] as String == unit else {
            throw refusal(file, .units(unit: unit, count: units.count))
        }
        let unitID: Int64 = units[0]["id"]
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM person WHERE unit_id <> ?", arguments: [unitID])! > 0 {
            throw refusal(file, .personOutsideUnit(unit: unit))
        }
        let ids = try String.fetchCursor(db, sql: "SELECT id_number FROM person")
        while let text = try ids.next() {
            if (try? IDNumber(text, today: today)) == nil {
                throw refusal(file, .invalidIDNumber(masked: IDNumber(stored: text)?.masked))
            }
        }
        return Manifest(unit: unit, department: stored["department"], district: stored["district"], createdAt: created,
                        sourceHead: Head(entries: entries, hash: hash), counts: counts, digests: digests, digest: digest,
                        seal: seal)
    }
}

extension GongQinDatabase {
    /// `bundle --unit UNIT --output FILE`: writes the unit's records into a new bundle file
    /// (mode 0600: it holds identity numbers). The source must first pass every check of
    /// `check` (SQLite's, the schema, the chain, the log against the data, the ledger, the
    /// witness): a unit does not send on what it cannot vouch for. A file that exists is
    /// never overwritten; a bundle that fails half-way is removed.
    /// `seal`, the unit's key, signs the manifest's digest.
    public func bundle(unit: String, to file: String, createdAt: String, seal: SealKey?) throws(StoreFailure) -> UnitBundle.Manifest {
        let fm = FileManager.default
        if fm.fileExists(atPath: file) || (try? fm.destinationOfSymbolicLink(atPath: file)) != nil {
            throw .bundleExists(file: file)
        }
        try FilePaths.refuseSpecial(file, file: .bundle)
        // The unit must exist, and the source pass its checks, before anything is created.
        let (unitName, findings): (String, [IntegrityFinding])
        do {
            (unitName, findings) = try read { s in
                (try s.catalog.unit(named: unit).name, try s.integrity.run(witnessed: witnessedHead, today: self.context.today))
            }
        } catch {
            throw StoreErrors.map(error, path: path)
        }
        if !findings.isEmpty { throw .sourceFailsChecks(findings: findings) }
        // The bundle is not this user's database: no witness of its head is kept.
        let fresh = LogContext(actor: context.actor, command: context.command, today: context.today)
        do {
            try GongQinDatabase.open(at: file, context: fresh).close()
            return try FreshFile.fill(file, context: fresh, attaching: ["source": path]) { db in
                try Self.fill(db, unit: unitName, createdAt: createdAt, seal: seal)
            }
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? fm.removeItem(atPath: file + suffix) }
            throw StoreErrors.output(error, path: file, file: .bundle)
        }
    }

    /// Copies the unit's rows from `source` into the fresh bundle `main`, keeping their row
    /// ids, then writes the manifest.
    static func fill(_ db: Database, unit: String, createdAt: String, seal key: SealKey?) throws -> UnitBundle.Manifest {
        func columns(_ table: String) throws -> String {
            try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?, 'main') ORDER BY cid", arguments: [table])
                .map { "\"\($0)\"" }.joined(separator: ", ")
        }
        func copy(_ table: String, where condition: String, _ arguments: StatementArguments = []) throws {
            let list = try columns(table)
            try db.execute(sql: "INSERT INTO main.\(table) (\(list)) SELECT \(list) FROM source.\(table) WHERE \(condition) ORDER BY rowid",
                           arguments: arguments)
        }
        // The catalogues as the unit has them, row ids and all: the fresh bundle's seeded
        // rows are replaced, so every trade id of the unit's records means the same trade.
        try db.execute(sql: "DELETE FROM main.trade")
        try db.execute(sql: "DELETE FROM main.exceptional_condition")
        try copy("trade", where: "1")
        try copy("exceptional_condition", where: "1")
        try copy("unit", where: "name = ?", [unit])
        try copy("person", where: "unit_id IN (SELECT id FROM main.unit)")
        for table in ["certificate", "transfer", "annual_assessment", "education", "award", "continuing_education", "job",
                      "application", "exceptional_use"] {
            try copy(table, where: "person_id IN (SELECT id FROM main.person)")
        }
        try db.execute(sql: UnitBundle.manifestSQL)
        let unitRow = try Row.fetchOne(db, sql: "SELECT department, district FROM main.unit")!
        var counts: [String: Int] = [:], digests: [String: String] = [:]
        for table in UnitBundle.tables {
            let (count, digest) = try UnitBundle.tableDigest(db, schema: "main", table: table)
            counts[table] = count
            digests[table] = digest
        }
        var manifest = UnitBundle.Manifest(unit: unit, department: unitRow["department"], district: unitRow["district"],
                                       createdAt: createdAt, sourceHead: try UnitBundle.head(db, schema: "source"),
                                       counts: counts, digests: digests, digest: "")
        manifest.digest = UnitBundle.overallDigest(UnitBundle.entries(manifest))
        if let key {
            manifest.seal = UnitBundle.Seal(publicKey: key.publicKey, signature: try key.sign(Seals.bundleMessage(digest: manifest.digest)))
        }
        for (key, value) in UnitBundle.entries(manifest) {
            try db.execute(sql: "INSERT INTO bundle_manifest (key, value) VALUES (?, ?)", arguments: [key, value])
        }
        return manifest
    }
}
