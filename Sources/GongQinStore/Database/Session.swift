import GongQinCore
import GRDB

/// One transaction's view of the database, handed to the body of
/// `GongQinDatabase.write` or `read`. The repositories hang off it, one per aggregate;
/// they share its caches of unit and trade names, so a bulk import looks each name up
/// once.
public struct Session {
    let db: Database
    let names: NameCache

    init(_ db: Database) {
        self.db = db
        self.names = NameCache()
    }

    /// Units, trades and the exceptional catalogue.
    public var catalog: Catalog { Catalog(session: self) }
    /// People with their records.
    public var people: People { People(session: self) }
    /// The exceptional ledger (RULES X1).
    public var ledger: Ledger { Ledger(session: self) }
}

/// Name ↔ row id maps for units and trades, filled on first use.
final class NameCache {
    var unitIDs: [String: Int64]?
    var unitNames: [Int64: String]?
    /// Units looked up one by one before (or instead of) reading them all.
    var unitsLookedUp: [String: Int64] = [:]
    var tradeIDs: [String: Int64]?
    var tradeNames: [Int64: String]?

    /// Adds a unit written in this transaction to the maps, when they are filled.
    func remember(unit name: String, id: Int64) {
        if unitIDs != nil { unitIDs![name] = id; unitNames![id] = name }
    }

    /// Forgets every unit, after one is renamed or removed.
    func forgetUnits() {
        unitIDs = nil
        unitNames = nil
        unitsLookedUp = [:]
    }

    func remember(trade name: String, id: Int64) {
        if tradeIDs != nil { tradeIDs![name] = id; tradeNames![id] = name }
    }
}

extension GongQinDatabase {
    /// Runs `body` in one IMMEDIATE transaction, with the repositories.
    /// A `RecordError` passes through as it is, for the CLI to word.
    public func write<T>(_ body: (Session) throws -> T) throws -> T {
        var typed: RecordError?
        do {
            return try writeDatabase { db in
                do { return try body(Session(db)) } catch let error as RecordError { typed = error; throw error }
            }
        } catch {
            if let typed { throw typed }
            throw error
        }
    }

    /// Runs `body` in one read transaction, with the repositories.
    public func read<T>(_ body: (Session) throws -> T) throws -> T {
        var typed: RecordError?
        do {
            return try readDatabase { db in
                do { return try body(Session(db)) } catch let error as RecordError { typed = error; throw error }
            }
        } catch {
            if let typed { throw typed }
            throw error
        }
    }
}
