import Crypto
import Foundation
import GongQinCore
import GRDB

/// A unit's seal (README, “The unit's seal”): an Ed25519 key pair. The private key lives in
/// a file of mode 0600 outside the database (the user's state folder, or `--seal-key
/// FILE`); several clerks of one unit may share one key file, as they share one 公章.
/// With a key, every write signs the log's head inside its own transaction (`WriteGate`),
/// and `bundle` signs its manifest's digest.
public struct SealKey: Sendable {
    /// The private key's 32 bytes (a Curve25519 key is not Sendable; its bytes are).
    let raw: Data
    /// The public key, as one line of base64.
    public let publicKey: String

    init(key: Curve25519.Signing.PrivateKey) {
        raw = key.rawRepresentation
        publicKey = key.publicKey.rawRepresentation.base64EncodedString()
    }
    /// The public key's short fingerprint.
    public var fingerprint: String { Seals.fingerprint(publicKey) }

    static let header = "gongqin-seal-v1"

    /// A new key pair, written to `path` (mode 0600, its folder 0700), which must not exist.
    public static func create(at path: String) throws(StoreFailure) -> SealKey {
        let key = SealKey(key: Curve25519.Signing.PrivateKey())
        try key.save(to: path)
        return key
    }

    func save(to path: String) throws(StoreFailure) {
        if FileManager.default.fileExists(atPath: path) {
            throw .sealKeyExists(path: path)
        }
        let text = "\(Self.header)\n\(raw.base64EncodedString())\n"
        guard try FreshFile.createIfMissing(path, file: .sealKey), let handle = FileHandle(forWritingAtPath: path) else {
            throw .sealKeyNotCreated(path: path)
        }
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.synchronize()
            try handle.close()
        } catch {
            unlink(path)
            throw .sealKeyNotWritten(path: path)
        }
    }

    /// The key in the file at `path`. A file others may read (group or world bits set) is
    /// refused, as ssh refuses such a key: a seal anyone on the machine can use is no seal.
    public static func load(from path: String) throws(StoreFailure) -> SealKey {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .sealKeyMissing(path: path)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG, info.st_size < 4096 else {
            throw .sealKeyNotSmallFile(path: path)
        }
        guard info.st_mode & 0o077 == 0 else {
            throw .sealKeyReadableByOthers(path: path, mode: String(info.st_mode & 0o777, radix: 8))
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .sealKeyUnreadable(path: path)
        }
        let lines = text.split(separator: "\n").map(String.init)
        guard lines.count == 2, lines[0] == header, let raw = Data(base64Encoded: lines[1]),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw .notSealKey(path: path)
        }
        return SealKey(key: key)
    }

    /// The signature of `message`, in base64.
    func sign(_ message: String) throws -> String {
        try Curve25519.Signing.PrivateKey(rawRepresentation: raw).signature(for: Data(message.utf8)).base64EncodedString()
    }
}

/// Signing and verifying: what is signed, and the fingerprint of a key.
public enum Seals {
    /// What a head seal signs: the log's head `N:HASH`, tagged.
    static func headMessage(seq: Int64, hash: String) -> String { "gongqin-seal-v1 head \(seq):\(hash)" }

    /// What a rotation signs, with the key it replaces: the new key and the head.
    static func rotateMessage(newKey: String, seq: Int64, hash: String) -> String {
        "gongqin-seal-v1 rotate \(newKey) \(seq):\(hash)"
    }

    /// What a bundle's seal signs: the manifest's digest, tagged.
    static func bundleMessage(digest: String) -> String { "gongqin-seal-v1 bundle \(digest)" }

    /// Whether `signature` (base64) is `publicKey`'s (base64) on `message`.
    static func verify(_ signature: String, of message: String, by publicKey: String) -> Bool {
        guard let raw = Data(base64Encoded: publicKey), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw),
              let signed = Data(base64Encoded: signature) else { return false }
        return key.isValidSignature(signed, for: Data(message.utf8))
    }

    /// A public key (base64) as one parsed, or nil.
    public static func publicKey(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let raw = Data(base64Encoded: trimmed), raw.count == 32,
              (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else { return nil }
        return trimmed
    }

    /// The first 16 hex digits of the key's SHA-256, in groups of four: `3f9a-0c1e-77b2-d401`.
    public static func fingerprint(_ publicKey: String) -> String {
        let digest = SHA256.hash(data: Data(base64Encoded: publicKey) ?? Data(publicKey.utf8))
        let hex = ChangeLog.hexadecimalText(digest.prefix(8))
        return stride(from: 0, to: 16, by: 4).map { i in
            String(hex[hex.index(hex.startIndex, offsetBy: i)..<hex.index(hex.startIndex, offsetBy: i + 4)])
        }.joined(separator: "-")
    }

    /// Signs the head `db`'s log has now, in the caller's transaction: the seal's own insert
    /// is the one entry after it.
    static func sealHead(_ db: Database, key: SealKey, at time: String) throws {
        guard let head = try Integrity.head(db) else { return }
        try db.execute(sql: """
            INSERT INTO seal (kind, head_seq, head_hash, public_key, signature, signed_at) VALUES ('head', ?, ?, ?, ?, ?)
            """, arguments: [head.seq, head.hash, key.publicKey, try key.sign(headMessage(seq: head.seq, hash: head.hash)), time])
    }

    /// Whether entries after `seq` other than seals' own need a seal.
    static func unsealed(_ db: Database, since seq: Int64) throws -> Bool {
        try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM change_log WHERE seq > ? AND NOT (table_name = 'seal' AND op = 'insert'))
            """, arguments: [seq]) ?? false
    }

    /// Records that `old` hands the seal to `new`, signed by `old`.
    static func rotate(_ db: Database, from old: SealKey, to new: SealKey, at time: String) throws {
        let head = try Integrity.head(db)
        let seq = head?.seq ?? 0, hash = head?.hash ?? ""
        try db.execute(sql: """
            INSERT INTO seal (kind, head_seq, head_hash, public_key, signature, new_key, signed_at) VALUES ('rotate', ?, ?, ?, ?, ?, ?)
            """, arguments: [seq, hash, old.publicKey, try old.sign(rotateMessage(newKey: new.publicKey, seq: seq, hash: hash)),
                             new.publicKey, time])
    }
}

/// What the seals of a file say (`status`, the roster, the form, `audit`): the newest head
/// sealed, by which key, and how many entries came after it unsealed.
public struct SealState: Sendable, Equatable, Encodable {
    public var head: LogHead
    public var fingerprint: String
    /// Entries after the sealed head, the seal's own insert not counted.
    public var unsealedAfter: Int

    enum CodingKeys: String, CodingKey { case head, fingerprint, unsealedAfter }

    /// `{"head": "N:HASH", "fingerprint": "…", "unsealedAfter": 0}`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(head.description, forKey: .head)
        try c.encode(fingerprint, forKey: .fingerprint)
        try c.encode(unsealedAfter, forKey: .unsealedAfter)
    }
}

extension Integrity {
    /// The newest head seal, or nil for a file never sealed.
    public func sealState() throws -> SealState? {
        guard try db.tableExists("seal"),
              let row = try Row.fetchOne(db, sql: "SELECT id, head_seq, head_hash, public_key FROM seal WHERE kind = 'head' ORDER BY id DESC LIMIT 1")
        else { return nil }
        let seq: Int64 = row["head_seq"]
        let after = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM change_log WHERE seq > ? AND NOT (table_name = 'seal' AND op = 'insert')
            """, arguments: [seq]) ?? 0
        return SealState(head: LogHead(seq: seq, hash: row["head_hash"]), fingerprint: Seals.fingerprint(row["public_key"]),
                         unsealedAfter: after)
    }

    /// The seals (README, “The unit's seal”): each verifies, and holds the entry of the log
    /// it names; each key was the file's first or was handed on by a rotation signed with
    /// a key already seen; no entry follows the newest head seal but seals.
    func seals() throws -> [IntegrityFinding] {
        guard try db.tableExists("seal") else { return [] }
        var findings: [IntegrityFinding] = []
        var seen: Set<String> = []
        var newest: Int64?
        let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM seal ORDER BY id")
        while let row = try cursor.next() {
            let id: Int64 = row["id"], kind: String = row["kind"], key: String = row["public_key"]
            let seq: Int64 = row["head_seq"], hash: String = row["head_hash"], signature: String = row["signature"]
            let message = kind == "rotate" ? Seals.rotateMessage(newKey: row["new_key"] ?? "", seq: seq, hash: hash)
                : Seals.headMessage(seq: seq, hash: hash)
            if !Seals.verify(signature, of: message, by: key) {
                findings.append(.init(check: .seal, .sealSignature(id: id, seq: seq, fingerprint: Seals.fingerprint(key))))
                continue
            }
            if seq > 0, try String.fetchOne(db, sql: "SELECT hash FROM change_log WHERE seq = ?", arguments: [seq]) != hash {
                findings.append(.init(check: .seal, .sealedHeadRewritten(id: id, seq: seq)))
            }
            if !seen.isEmpty, !seen.contains(key) {
                findings.append(.init(check: .seal, .sealUnknownKey(id: id, seq: seq, fingerprint: Seals.fingerprint(key))))
            }
            seen.insert(key)
            if kind == "rotate", let new: String = row["new_key"] { seen.insert(new) }
            if kind == "head" { newest = seq }
        }
        if let newest {
            let after = try Row.fetchOne(db, sql: """
                SELECT count(*) AS n, min(seq) AS first, max(seq) AS last FROM change_log
                WHERE seq > ? AND NOT (table_name = 'seal' AND op = 'insert')
                """, arguments: [newest])
            if let n = after?["n"] as Int?, n > 0 {
                findings.append(.init(check: .seal, .unsealedEntries(first: after!["first"], last: after!["last"], count: n, newest: newest)))
            }
        }
        return findings
    }
}

extension GongQinDatabase {
    /// Seals the log's head now, with the key of this database's context (`seal init`): a
    /// file sealed from here on.
    public func sealHead() throws {
        guard let key = context.seal else { return }
        try writeDatabase { db in try Seals.sealHead(db, key: key, at: LogContext.now) }
    }

    /// Hands the seal from `old` to the key of this database's context, signed by `old`,
    /// and seals the head with the new key: `check` then knows the new key as the unit's
    /// (`seal init --rotate`).
    public func rotateSeal(from old: SealKey) throws {
        guard let new = context.seal else { return }
        try writeDatabase { db in
            try Seals.rotate(db, from: old, to: new, at: LogContext.now)
            try Seals.sealHead(db, key: new, at: LogContext.now)
        }
    }
}
