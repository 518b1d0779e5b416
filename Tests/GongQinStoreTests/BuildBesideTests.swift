import Foundation
import GongQinCore
@testable import GongQinStore
import Testing

/// A new database is built under a private name beside its path and linked into place only
/// when whole (WriteGate.build): what `merge` into a new file relies on to create nothing
/// when a bundle late in its list fails.
@Suite("a new database built beside its path")
struct BuildBesideTests {
    let folder = NSTemporaryDirectory() + "gongqin-build-" + UUID().uuidString

    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    var context: LogContext {
        LogContext(actor: "tester", command: "gongqin test", today: TempStore.today, witness: HeadWitness(folder: folder + "/heads"))
    }

    /// The files of the folder but the witness's.
    func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != "heads" }.sorted()
    }

    func addUnit(_ database: GongQinDatabase, _ name: String) throws {
        try database.write { s in _ = try s.catalog.addUnit(Unit(name: name, department: "常州市某主管局")) }
    }

    @Test("linked whole: migrated, with what was written into it, its head witnessed under its own path")
    func linked() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/new.sqlite"
        let built = try WriteGate.build(path, context: context) { fresh in
            #expect(!FileManager.default.fileExists(atPath: path), "nothing at the path while the file is built")
            try addUnit(fresh, "常州市某局")
            return 7
        }
        guard case .linked(let value) = built else { Issue.record("not linked: \(built)"); return }
        #expect(value == 7)
        #expect(try files() == ["new.sqlite"])
        let database = try GongQinDatabase.openForReading(at: path, context: context)
        #expect(try database.read { s in try s.catalog.units().map(\.unit.name) } == ["常州市某局"])
        let head = try database.readDatabase { db in try Integrity.head(db) }
        // The witness keeps a head's number and hash.
        #expect(head != nil && database.witnessedHead?.description == head?.description)
    }

    @Test("a fill that throws leaves nothing: no file at the path, none beside it")
    func failed() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        struct Refused: Error {}
        let path = folder + "/new.sqlite"
        #expect(throws: Refused.self) {
            try WriteGate.build(path, context: context) { fresh in
                try addUnit(fresh, "常州市某局")
                throw Refused()
            }
        }
        #expect(try files().isEmpty)
    }

    @Test("a file made at the path meanwhile by another command is kept as it is, and this build discarded")
    func taken() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/new.sqlite"
        let built = try WriteGate.build(path, context: context) { fresh in
            let other = try GongQinDatabase.open(at: path, context: context)
            try addUnit(other, "另一单位")
            other.close()
            try addUnit(fresh, "常州市某局")
        }
        guard case .taken = built else { Issue.record("not taken: \(built)"); return }
        #expect(try files().filter { !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") } == ["new.sqlite"])
        let database = try GongQinDatabase.openForReading(at: path, context: context)
        #expect(try database.read { s in try s.catalog.units().map(\.unit.name) } == ["另一单位"])
    }
}
