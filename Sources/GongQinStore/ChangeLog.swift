import Crypto
import Foundation
import GongQinCore
import GRDB

/// The change log (table `change_log`): triggers on every table append one entry per
/// insert, update and delete, through the view `change_log_append` (Schema/0001).
/// Entries are hash-chained: each stores the SHA-256 of the previous entry's hash
/// together with its own fields, so an entry edited, deleted or inserted by hand breaks
/// the chain (issue 4).
enum ChangeLog {
    /// Registers the SQL functions the triggers call. They exist only on gongqin's own
    /// connections: a write made with another SQLite client fails unless it drops the
    /// triggers, and `check` then finds it.
    static func registerFunctions(in db: Database, context: LogContext) {
        db.add(function: DatabaseFunction("gongqin_actor", argumentCount: 0, pure: false) { _ in context.actor })
        db.add(function: DatabaseFunction("gongqin_command", argumentCount: 0, pure: false) { _ in context.command })
        db.add(function: DatabaseFunction("gongqin_chain_hash", argumentCount: 11, pure: true) { values in
            chainHash(values.map { value -> String? in
                switch value.storage {
                case .null: return nil
                case .int64(let n): return String(n)
                case .double(let d): return String(d)
                case .string(let s): return s
                case .blob(let b): return b.base64EncodedString()
                }
            })
        })
    }

    /// SHA-256, in hex, of the fields in order: previous hash, seq, at, actor, command,
    /// table, row key, person, op, before, after. Each field is written as its UTF-8
    /// length, a colon and its bytes, and NULL as `-`, so no two lists of fields collide.
    static func chainHash(_ fields: [String?]) -> String {
        var hasher = SHA256()
        for field in fields {
            if let field {
                let bytes = Array(field.utf8)
                hasher.update(data: Array("\(bytes.count):".utf8))
                hasher.update(data: bytes)
            } else {
                hasher.update(data: Array("-".utf8))
            }
        }
        return hasher.finalize().map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
