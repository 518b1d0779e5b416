import Foundation
import GongQinCore
@testable import GongQinStore
import GRDB

/// A database in a fresh temporary folder, for one test; the folder goes with it.
final class TempStore: @unchecked Sendable {
    let folder: String
    let path: String
    let database: GongQinDatabase

    static let today = Day(year: 2026, month: 11, day: 26)!

    init() throws {
        folder = NSTemporaryDirectory() + "gongqin-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/test.sqlite"
        database = try GongQinDatabase.open(at: path, context: LogContext(actor: "tester", command: "gongqin test"))
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// A unit, a person in 电工, and the person's identity number.
    @discardableResult
    func seedPerson(_ sequence: Int = 1, workStart: String = "2005-07-01") throws -> IDNumber {
        let id = try IDNumber(IDs.make(birth: "19850312", sequence: sequence))
        try database.write { s in
            if try s.catalog.units().isEmpty { _ = try s.catalog.addUnit(Unit(name: "常州市某局", department: "常州市某主管局")) }
            try s.people.add(Person(idNumber: id, name: "张三\(sequence)", unit: "常州市某局", trade: "电工",
                                    workStart: try Day.parse(workStart)), today: TempStore.today)
        }
        return id
    }
}

enum IDs {
    static func make(region: String = "320402", birth: String, sequence: Int) -> String {
        let seq = String(sequence)
        let body = region + birth + String(repeating: "0", count: 3 - seq.count) + seq
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }
}

/// A database in memory with every migration applied (foreign keys off, as migrations run)
/// and the change log's functions registered.
func migratedInMemory() throws -> DatabaseQueue {
    var config = Configuration()
    config.prepareDatabase { db in ChangeLog.registerFunctions(in: db, context: LogContext(actor: "t", command: "t")) }
    let queue = try DatabaseQueue(configuration: config)
    try queue.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        try db.inTransaction { try GongQinDatabase.applyMigrations(db); return .commit }
    }
    return queue
}
