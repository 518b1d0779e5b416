import Foundation
import GongQinCore
@testable import GongQinStore
import Testing

/// The record descriptors and the typed errors of update, remove, resolve and revert.
@Suite("record kinds: numbers, update, remove, typed refusals")
struct RecordKindTests {
    func count(_ store: TempStore) throws -> Int {
        try store.database.read { s in try Int.fetchOne(s.db, sql: "SELECT count(*) FROM change_log")! }
    }

    @Test("an unknown number is a typed error; a no-op update writes no log entry; a change keeps the number")
    func updateAndRemove() throws {
        let store = try TempStore()
        let id = try store.seedPerson()
        try store.database.write { s in
            try s.people.add(RecordKinds.award, Award(name: "嘉奖", date: Day(year: 2020, month: 1, day: 1)!), to: id, today: TempStore.today)
        }
        let number = try #require(try store.database.read { s in try s.people.list(RecordKinds.award, of: id) }.first?.id)
        #expect(throws: RecordError.unknown(kind: "奖励", number: number + 100)) {
            try store.database.write { s in try s.people.remove(RecordKinds.award, number + 100, today: TempStore.today) }
        }
        let before = try count(store)
        let same = try store.database.write { s in
            try s.people.update(RecordKinds.award, number, today: TempStore.today) { $0.name = "嘉奖" }
        }
        #expect(!same.changed)
        #expect(try count(store) == before)
        let changed = try store.database.write { s in
            try s.people.update(RecordKinds.award, number, today: TempStore.today) { $0.issuer = "某局" }
        }
        #expect(changed.changed && changed.after.id == number && changed.before.record.issuer == nil)
        #expect(try count(store) == before + 1)
    }

    @Test("a person argument: masked ID, exact name, ambiguity with candidates")
    func resolve() throws {
        let store = try TempStore()
        let one = try store.seedPerson(1)
        let two = try store.seedPerson(2)
        let byMask = try store.database.read { s in try s.people.resolve(one.masked) }
        let byName = try store.database.read { s in try s.people.resolve("张三2") }
        #expect(byMask == one && byName == two)
        #expect(throws: RecordError.noSuchPerson(argument: "李四")) {
            try store.database.read { s in try s.people.resolve("李四") }
        }
        try store.database.write { s in
            var person = try s.people.person(two)
            person.name = "张三1"
            try s.people.update(person, today: TempStore.today)
        }
        #expect {
            try store.database.read { s in try s.people.resolve("张三1") }
        } throws: { error in
            guard case .ambiguousPerson(_, let candidates) = error as? RecordError else { return false }
            return Set(candidates.map(\.idNumber)) == [one, two]
        }
    }

    @Test("every person table has a descriptor with a Chinese name, and the descriptors' tables exist")
    func descriptors() throws {
        let store = try TempStore()
        let tables = try store.database.read { s in
            try String.fetchAll(s.db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%person_id%'")
        }
        // Applications have their own commands; `second_use` holds merge findings (R3) and
        // `person_source` where a department's record of a person came from, not records.
        #expect(tables.contains("certificate"))
        for table in tables where !["application", "second_use", "person_source"].contains(table) {
            #expect(RecordKinds.specTables.contains { $0.table == table } || table == RecordKinds.exceptionalUse.table,
                    "\(table) has no descriptor")
            #expect(StoredNames.table(table) != nil, "\(table) has no Chinese name")
        }
    }
}
