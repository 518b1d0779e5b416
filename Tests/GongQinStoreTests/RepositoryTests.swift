import GongQinCore
import GRDB
@testable import GongQinStore
import Testing

@Suite("repositories")
struct RepositoryTests {
    let today = TempStore.today

    func day(_ text: String) -> Day { try! Day.parse(text) }

    @Test("a person's whole record comes back, trades by name")
    func record() throws {
        let store = try TempStore()
        let id = try store.seedPerson()
        try store.database.write { s in
            try s.people.add(RecordKinds.certificate, Certificate(trade: "电工", grade: .junior, issued: day("2008-06-01"), number: "A1"), to: id, today: today)
            try s.people.add(RecordKinds.transfer, try s.people.transfer(of: id, to: "汽车驾驶与管理", on: day("2020-03-01")), to: id, today: today)
            try s.people.addAssessment(AnnualAssessment(year: 2022, result: .excellent), to: id, today: today)
            try s.people.add(RecordKinds.education, Education(level: .college, graduated: day("2004-07-01"), relevant: true), to: id, today: today)
            try s.people.add(RecordKinds.award, Award(name: "嘉奖", date: day("2019-12-01")), to: id, today: today)
            try s.people.add(RecordKinds.training, Training(name: "安全", date: day("2021-05-01"), hours: 8), to: id, today: today)
        }
        let record = try store.database.read { s in try s.people.record(id) }
        #expect(record.person.trade == "汽车驾驶与管理")
        #expect(record.certificates.map(\.trade) == ["电工"])
        #expect(record.transfers == [Transfer(from: "电工", to: "汽车驾驶与管理", date: day("2020-03-01"))])
        #expect(record.assessments.count == 1 && record.education.count == 1 && record.awards.count == 1)
        #expect(record.trainings.first?.hours == 8)
    }

    @Test("unknown unit and trade name the nearest known one")
    func unknownNames() throws {
        let store = try TempStore()
        try store.seedPerson()
        let id = try IDNumber(IDs.make(birth: "19900101", sequence: 7))
        let problems = try store.database.read { s in
            try s.people.problems(adding: Person(idNumber: id, name: "李四", unit: "常州某局", trade: "电", workStart: day("2010-01-01")), today: today)
        }
        #expect(problems.map(\.field) == ["unit", "trade"])
        // Typed: the CLI words them with the nearest name (HintTests).
        guard case .unitNotFound(let unit, let units) = problems[0].cause as? StoreFailure,
              case .tradeNotFound(let trade, let trades) = problems[1].cause as? StoreFailure else {
            Issue.record("expected unknown unit and trade, got \(problems)")
            return
        }
        #expect(unit == "常州某局" && NameMatch.nearest(to: unit, in: units) == "常州市某局")
        #expect(trade == "电" && NameMatch.nearest(to: trade, in: trades) == "电工")
    }

    @Test("units and trades go in and come back through their specs; a trade's built-in mark stays on update")
    func catalogueThroughSpecs() throws {
        let store = try TempStore()
        let unit = Unit(name: "常州市某局", department: "常州市某委", district: "天宁区")
        var trade = Trade(name: "无人机操控", category: "机电类", maxGrade: .technician, driver: true, licensed: true)
        try store.database.write { s in
            _ = try s.catalog.addUnit(unit)
            _ = try s.catalog.addTrade(trade)
        }
        let stored = try store.database.read { s in (try s.catalog.unit(named: unit.name), try s.catalog.trade(named: trade.name)) }
        #expect(stored.0 == unit && stored.1 == trade)
        var builtin = try store.database.read { s in try s.catalog.trade(named: "电工") }
        #expect(builtin.builtin)
        builtin.cashier = true
        trade.maxGrade = .seniorTechnician
        let changed = try store.database.write { s in
            _ = try s.catalog.updateUnit(named: unit.name) { $0.district = nil }
            try s.catalog.updateTrade(builtin)
            try s.catalog.updateTrade(trade)
            return (try s.catalog.unit(named: unit.name), try s.catalog.trade(named: "电工"), try s.catalog.trade(named: trade.name))
        }
        #expect(changed.0 == Unit(name: unit.name, department: unit.department, district: nil))
        #expect(changed.1 == builtin && changed.1.builtin)
        #expect(changed.2 == trade && !changed.2.builtin)
        let trades = try store.database.read { s in try s.catalog.trades() }
        #expect(trades.contains(trade))
    }

    @Test("a duplicate identity number is refused, naming it")
    func duplicatePerson() throws {
        let store = try TempStore()
        let id = try store.seedPerson()
        #expect {
            try store.database.write { s in
                try s.people.add(Person(idNumber: id, name: "重复", unit: "常州市某局", trade: "电工", workStart: day("2010-01-01")), today: today)
            }
        } throws: { error in
            guard case .fieldProblems(let problems) = error as? StoreFailure else { return false }
            return problems.contains { problem in
                guard case .personRecorded(id, _)? = problem.cause as? StoreRecordProblem else { return false }
                return problem.field == "id-number"
            }
        }
    }

    @Test("a future date and a work start before the 16th birthday are refused")
    func personChecks() throws {
        let id = try IDNumber(IDs.make(birth: "19900101", sequence: 7))
        let young = Person(idNumber: id, name: "王五", unit: "u", trade: "t", workStart: day("2004-01-01"))
        #expect(young.problems(today: today).map(\.field) == ["work-start"])
        let future = Person(idNumber: id, name: "王五", unit: "u", trade: "t", workStart: day("2027-01-01"))
        #expect(future.problems(today: today).map(\.field) == ["work-start"])
        var veteran = Person(idNumber: id, name: "王五", unit: "u", trade: "t", workStart: day("2015-01-01"))
        veteran.placed = day("2015-01-01")
        #expect(veteran.problems(today: today).map(\.field) == ["enlisted"])
    }

    @Test("a transfer moves the current trade, and must follow the last one")
    func transfers() throws {
        let store = try TempStore()
        let id = try store.seedPerson()
        try store.database.write { s in
            try s.people.add(RecordKinds.transfer, try s.people.transfer(of: id, to: "汽车驾驶与管理", on: day("2020-03-01")), to: id, today: today)
        }
        #expect(throws: StoreFailure.self) {
            try store.database.write { s in
                try s.people.add(RecordKinds.transfer, try s.people.transfer(of: id, to: "电工", on: day("2019-01-01")), to: id, today: today)
            }
        }
        #expect(throws: StoreFailure.self) {
            try store.database.write { s in
                try s.people.add(RecordKinds.transfer, try s.people.transfer(of: id, to: "汽车驾驶与管理", on: day("2021-01-01")), to: id, today: today)
            }
        }
        #expect(try store.database.read { s in try s.people.person(id).trade } == "汽车驾驶与管理")
    }

    @Test("a historic use of a used category is refused, naming the earlier use (X1)")
    func historicUseTwice() throws {
        let store = try TempStore()
        let id = try store.seedPerson()
        _ = try store.database.write { s in
            try s.ledger.recordHistoricUse(id, condition: "excellent-two-years", grade: .intermediate, year: 2016, note: nil, today: today)
        }
        #expect {
            try store.database.write { s in
                _ = try s.ledger.recordHistoricUse(id, condition: "excellent-two-years", grade: .senior, year: 2020, note: nil, today: today)
            }
        } throws: { error in
            guard case .categoryUsed(let name, let earlier, let condition) = error as? StoreFailure else { return false }
            return name == "张三1" && earlier.year == 2016 && earlier.grade == .intermediate && earlier.source == .historic
                && condition.code == "excellent-two-years"
        }
        let entries = try store.database.read { s in try s.ledger.entries() }
        #expect(entries.count == 1)
    }

    @Test("a person with a recorded use cannot be removed; one without can, with their records")
    func remove() throws {
        let store = try TempStore()
        let kept = try store.seedPerson(1)
        let removed = try store.seedPerson(2)
        try store.database.write { s in
            _ = try s.ledger.recordHistoricUse(kept, condition: "merit-award", grade: .intermediate, year: 2016, note: nil, today: today)
            try s.people.addAssessment(AnnualAssessment(year: 2020, result: .pass), to: removed, today: today)
        }
        #expect(throws: StoreFailure.personHasLedger(name: "张三1", id: kept, uses: 1, applications: 0)) {
            try store.database.write { s in try s.people.remove(kept) }
        }
        try store.database.write { s in try s.people.remove(removed) }
        #expect(try store.database.read { s in try s.people.exists(removed) } == false)
        #expect(try store.database.read { s in try s.people.exists(kept) } == true)
    }

    @Test("a person's records alike in their order come back in the order they were added, whatever the index's order")
    func recordOrder() throws {
        let store = try TempStore()
        let id = try store.seedPerson()
        // Two certificates of one grade and day: the batch reads them by the table's index
        // (by trade), and they must still come back as they were added, as `ORDER BY …, id`
        // had them. The trade with the higher row id goes first.
        let trades = try store.database.read { s in
            try ["电工", "汽车驾驶与管理"].sorted { try s.catalog.tradeID(named: $0) > s.catalog.tradeID(named: $1) }
        }
        try store.database.write { s in
            for trade in trades {
                try s.people.add(RecordKinds.certificate, Certificate(trade: trade, grade: .junior, issued: day("2010-06-01")), to: id, today: today)
            }
            try s.people.add(RecordKinds.certificate, Certificate(trade: "电工", grade: .intermediate, issued: day("2009-06-01")), to: id, today: today)
        }
        let record = try store.database.read { s in try s.people.record(id) }
        #expect(record.certificates.map(\.trade) == ["电工"] + trades)
        #expect(record.certificates.map(\.grade) == [.intermediate, .junior, .junior])
    }

    @Test("records of many people come back in batches, each complete")
    func batches() throws {
        let store = try TempStore()
        for n in 1...25 {
            let id = try store.seedPerson(n)
            try store.database.write { s in
                try s.people.addAssessment(AnnualAssessment(year: 2020, result: .pass), to: id, today: today)
            }
        }
        var seen: [PersonRecord] = []
        var batches = 0
        try store.database.read { s in
            try s.people.forEachRecord(batchSize: 7) { batch in
                batches += 1
                seen += batch
            }
        }
        #expect(batches == 4)
        #expect(seen.count == 25)
        #expect(seen.allSatisfy { $0.assessments.count == 1 })
    }

    @Test("a batch finds each person's place by row id, whether the ids lie close or far apart")
    func positions() {
        let near = People.Positions([5, 6, 9, 12])
        #expect([5, 6, 9, 12].map { near[$0] } == [0, 1, 2, 3])
        #expect([4, 7, 13].map { near[$0] } == [nil, nil, nil])
        // A unit's people scattered over a province's table: kept in a dictionary.
        let far = People.Positions([3, 1_000_000, 70])
        #expect([3, 1_000_000, 70].map { far[$0] } == [0, 1, 2])
        #expect([2, 4, 69, 999_999].map { far[$0] } == [nil, nil, nil, nil])
        #expect((far.low, far.high) == (3, 1_000_000))
    }
}

@Suite("the table rows")
struct TableRowTests {
    /// Each row type writes exactly its table's columns: a column misspelt in a `CodingKeys`
    /// fails here, by table, rather than at the first read or write of that kind.
    @Test("each row type's columns are its table's")
    func columns() throws {
        let store = try TempStore()
        let day = TempStore.today
        let person = Person(idNumber: try IDNumber(IDs.make(birth: "19850312", sequence: 1)), name: "张三", unit: "u", trade: "t",
                            workStart: day)
        let rows: [(table: String, row: any TableRow)] = [
            ("person", PersonRow(person, unitID: 1, tradeID: 1)),
            ("exceptional_condition", ConditionRow(ExceptionalCondition.builtins[0])),
            ("exceptional_use", UseRow(personId: 1, conditionCode: "c", category: "c", grade: .senior, year: 2020, source: .historic)),
            ("application", ApplicationRow(personId: 1, cycle: 2026, grade: .senior, module: .normal, tradeId: 1, status: .filed,
                                           filedOn: day, certificateYear: 2020)),
            ("setting", SettingRow(key: "k", value: "v")),
        ]
        try store.database.read { s in
            for (table, row) in rows {
                let columns = try String.fetchAll(s.db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
                #expect(try row.databaseDictionary.keys.sorted() == columns.sorted(), "\(table)")
            }
        }
    }
}
