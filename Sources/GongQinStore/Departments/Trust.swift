import GongQinCore
import GRDB

/// A unit's public key, as a department trusts it (`seal trust`, table `seal_trust`).
public struct TrustedKey: Sendable, Codable, Equatable {
    public var unit: String
    public var publicKey: String
    public var fingerprint: String
    public var trustedOn: Day
}

/// The keys a department trusts, one per unit (README, “The unit's seal”). Every change
/// is logged like any write.
public struct Trust {
    let session: Session
    var db: Database { session.db }

    /// Trusts `publicKey` (base64, as `seal show` prints it) for `unit`, replacing a key
    /// trusted before. Returns the key it replaced, if any.
    @discardableResult
    public func add(unit: String, publicKey text: String, today: Day) throws -> TrustedKey? {
        guard let publicKey = Seals.publicKey(text) else {
            throw StoreFailure.notSealPublicKey(text: text)
        }
        if let problem = Unit.nameProblem(unit, field: "unit") { throw StoreFailure.unitNameRefused(problem) }
        let before = try key(of: unit)
        try db.execute(sql: """
            INSERT INTO seal_trust (unit, public_key, trusted_on) VALUES (?, ?, ?)
            ON CONFLICT (unit) DO UPDATE SET public_key = excluded.public_key, trusted_on = excluded.trusted_on
            """, arguments: [unit, publicKey, today.description])
        return before
    }

    /// Stops trusting `unit`'s key. Returns it.
    public func remove(unit: String) throws -> TrustedKey {
        guard let key = try key(of: unit) else {
            throw StoreFailure.noTrustedSeal(unit: unit)
        }
        try db.execute(sql: "DELETE FROM seal_trust WHERE unit = ?", arguments: [unit])
        return key
    }

    public func list() throws -> [TrustedKey] {
        try Row.fetchAll(db, sql: "SELECT unit, public_key, trusted_on FROM seal_trust ORDER BY unit").map(Self.trusted)
    }

    public func key(of unit: String) throws -> TrustedKey? {
        try Row.fetchOne(db, sql: "SELECT unit, public_key, trusted_on FROM seal_trust WHERE unit = ?", arguments: [unit]).map(Self.trusted)
    }

    static func trusted(_ row: Row) throws -> TrustedKey {
        TrustedKey(unit: row["unit"], publicKey: row["public_key"], fingerprint: Seals.fingerprint(row["public_key"]),
                   trustedOn: try Day.parse(row["trusted_on"]))
    }
}

extension Session {
    public var trust: Trust { Trust(session: self) }
}
