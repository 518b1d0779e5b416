import GongQinCore
import GRDB

/// A unit as `unit list` shows it.
public struct UnitSummary: Hashable, Sendable, Codable {
    public var unit: Unit
    public var persons: Int

    public init(unit: Unit, persons: Int) {
        self.unit = unit
        self.persons = persons
    }
}

/// Units, trades and the exceptional catalogue.
public struct Catalog {
    let session: Session
    var db: Database { session.db }

    // MARK: Units

    /// A unit as it is stored: names trimmed, empty ones nil.
    static func normalized(_ unit: Unit) -> Unit {
        Unit(name: unit.name.trimmingSpaces, department: unit.department?.trimmingSpaces.nilIfEmpty,
             district: unit.district?.trimmingSpaces.nilIfEmpty)
    }

    /// Every check of a unit before it is written, by `unit add` and `import units`.
    func check(_ unit: Unit) throws -> Checked {
        try check(Self.normalized(unit), ids: unitIDs(), empty: .unitNameEmpty, recorded: StoreRecordProblem.unitRecorded,
                  stored: storedUnit)
    }

    @discardableResult
    func save(_ unit: Unit, replacing: Int64?) throws -> Int64 {
        let unit = Self.normalized(unit)
        let id = try RecordSpecs.unit.write(unit, replacing: replacing, db, self)
        session.names.remember(unit: unit.name, id: id)
        return id
    }

    public func addUnit(_ unit: Unit) throws -> Unit {
        try add(Self.normalized(unit), checked: check(unit), save: save)
    }

    public func units() throws -> [UnitSummary] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT unit.name, unit.department, unit.district, count(person.id) AS persons
            FROM unit LEFT JOIN person ON person.unit_id = unit.id
            GROUP BY unit.id ORDER BY unit.department, unit.name
            """)
        return rows.map {
            UnitSummary(unit: Unit(name: $0["name"], department: $0["department"], district: $0["district"]),
                        persons: $0["persons"])
        }
    }

    public func unit(named name: String) throws -> Unit {
        try storedUnit(id: try unitID(named: name))
    }

    /// The unit of row `id`, read through its spec (`RecordSpecs.unit`).
    func storedUnit(id: Int64) throws -> Unit {
        let sql = "SELECT \(RecordSpecs.unit.columnList) FROM unit WHERE id = ?"
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [id]) else { throw Self.dangling(.unit, id) }
        return try RecordSpecs.unit.decode(row, self)
    }

    func unitIDs() throws -> [String: Int64] {
        if let ids = session.names.unitIDs { return ids }
        let ids = try idsByName("unit")
        session.names.unitIDs = ids
        session.names.unitNames = Dictionary(uniqueKeysWithValues: ids.map { ($1, $0) })
        return ids
    }

    /// Every row id of the units or the trades, by name.
    private func idsByName(_ table: String) throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, name FROM \(table)")
        while let row = try rows.next() { ids[row["name"]] = row["id"] }
        return ids
    }

    /// A unit's name by row id: from the maps once they are filled, else one cached query
    /// remembered for the next person of the same unit. A province has thousands of
    /// units, and `person show` needs one of them (BENCHMARKS.md).
    func unitName(id: Int64) throws -> String {
        if let name = session.names.unitNames?[id] { return name }
        guard let name = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM unit WHERE id = ?"), arguments: [id]) else {
            throw Self.dangling(.unit, id)
        }
        if session.names.unitNames == nil { session.names.unitNames = [:] }
        session.names.unitNames![id] = name
        return name
    }

    /// The row id of a unit, or an "unknown unit" error with the nearest name.
    /// The value of the name that reads the same once full-width forms are folded (NFKC):
    /// arguments and cells arrive folded (`(演示)`), names stored earlier may not be
    /// (`（演示）`). Only tried when the exact name is not found.
    static func sameName<Value>(_ name: String, in named: [String: Value]) -> Value? {
        let folded = name.trimmingSpaces.precomposedStringWithCompatibilityMapping
        return named.first { $0.key.precomposedStringWithCompatibilityMapping == folded }?.value
    }

    func unitID(named name: String) throws -> Int64 {
        // An exact name is one indexed look-up; the whole list (thousands of units in a
        // province) is read only for an import, or to fold or suggest a name.
        if session.names.unitIDs == nil {
            let trimmed = name.trimmingSpaces
            if let id = session.names.unitsLookedUp[trimmed] { return id }
            if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM unit WHERE name = ?"), arguments: [trimmed]) {
                session.names.unitsLookedUp[trimmed] = id
                return id
            }
        }
        let ids = try unitIDs()
        if let id = ids[name.trimmingSpaces] ?? Self.sameName(name, in: ids) { return id }
        throw StoreFailure.unitNotFound(name: name, known: Array(ids.keys))
    }

    /// A 主管部门 as the units record it, or an "unknown department" error with the
    /// nearest name.
    func department(named name: String) throws -> String {
        let known = try String.fetchAll(db, sql: "SELECT DISTINCT department FROM unit WHERE department IS NOT NULL")
        let trimmed = name.trimmingSpaces
        if known.contains(trimmed) { return trimmed }
        if let stored = Self.sameName(trimmed, in: Dictionary(known.map { ($0, $0) }, uniquingKeysWith: { a, _ in a })) { return stored }
        throw StoreFailure.departmentNotFound(name: name, known: known)
    }

    /// The problem with naming this unit, if any, for the `unit` field.
    func unitProblem(_ name: String) -> FieldProblem? {
        problem(field: "unit") { _ = try unitID(named: name) }
    }

    // MARK: Trades

    /// A trade as it is stored: names trimmed, an empty category nil.
    static func normalized(_ trade: Trade) -> Trade {
        var trade = trade
        trade.name = trade.name.trimmingSpaces
        trade.category = trade.category?.trimmingSpaces.nilIfEmpty
        return trade
    }

    /// Every check of a trade before it is written, by `trade add` and `import trades`.
    /// Whether it is built in is not compared: a file cannot say so.
    func check(_ trade: Trade) throws -> Checked {
        let trade = Self.normalized(trade)
        return try check(trade, ids: tradeIDs(), empty: .tradeNameEmpty, recorded: StoreRecordProblem.tradeRecorded) { id in
            var existing = try storedTrade(id: id)
            existing.builtin = trade.builtin
            return existing
        }
    }

    /// Writes a trade: a new one, or the row `replacing`, whose built-in mark stays.
    @discardableResult
    func save(_ trade: Trade, replacing: Int64?) throws -> Int64 {
        let trade = Self.normalized(trade)
        let id = try RecordSpecs.trade.write(trade, replacing: replacing, db, self)
        session.names.remember(trade: trade.name, id: id)
        return id
    }

    public func addTrade(_ trade: Trade) throws -> Trade {
        try add(Self.normalized(trade), checked: check(trade), save: save)
    }

    /// Changes a trade's highest grade or flags; the name stays.
    public func updateTrade(_ trade: Trade) throws {
        try save(trade, replacing: try tradeID(named: trade.name))
    }

    public func trades() throws -> [Trade] {
        try storedTrades(orderedBy: "builtin DESC, category IS NULL, category, name")
    }

    public func trade(named name: String) throws -> Trade {
        try storedTrade(id: try tradeID(named: name))
    }

    /// The trade of row `id`, read through its spec (`RecordSpecs.trade`) and its built-in mark.
    func storedTrade(id: Int64) throws -> Trade {
        let sql = "SELECT builtin, \(RecordSpecs.trade.columnList) FROM trade WHERE id = ?"
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [id]) else { throw Self.dangling(.trade, id) }
        return try Self.trade(row, self)
    }

    /// Every trade, in `order`.
    func storedTrades(orderedBy order: String) throws -> [Trade] {
        try Row.fetchAll(db, sql: "SELECT builtin, \(RecordSpecs.trade.columnList) FROM trade ORDER BY \(order)").map { try Self.trade($0, self) }
    }

    /// The trade a row of the `trade` table holds, its fields by name and its built-in mark.
    static func trade(_ row: Row, _ catalog: Catalog) throws -> Trade {
        var trade = try RecordSpecs.trade.decode(row, catalog)
        guard let builtin = row["builtin"] as Bool? else { throw UnreadableValue(column: -1) }
        trade.builtin = builtin
        return trade
    }

    func tradeIDs() throws -> [String: Int64] {
        if let ids = session.names.tradeIDs { return ids }
        let ids = try idsByName("trade")
        session.names.tradeIDs = ids
        session.names.tradeNames = Dictionary(uniqueKeysWithValues: ids.map { ($1, $0) })
        return ids
    }

    func tradeName(id: Int64) throws -> String {
        if session.names.tradeNames == nil { _ = try tradeIDs() }
        guard let name = session.names.tradeNames?[id] else { throw Self.dangling(.trade, id) }
        return name
    }

    /// A row refers to a unit or trade that is not there: the foreign keys forbid it, so
    /// the file was changed outside gongqin.
    static func dangling(_ kind: Referent, _ id: Int64) -> StoreFailure {
        .missingReferent(kind: kind, id: id)
    }

    /// The row id of a trade, or an "unknown trade" error with the nearest name.
    func tradeID(named name: String) throws -> Int64 {
        let ids = try tradeIDs()
        if let id = ids[name.trimmingSpaces] ?? Self.sameName(name, in: ids) { return id }
        throw StoreFailure.tradeNotFound(name: name, known: Array(ids.keys))
    }

    func tradeProblem(_ name: String, field: String) -> FieldProblem? {
        problem(field: field) { _ = try tradeID(named: name) }
    }

    // MARK: Units and trades alike

    /// The checks of a unit or trade (`entry`, normalised) before it is written: a name,
    /// its own checks, then the one of that name already kept (`ids`, read by `stored`),
    /// which a file's row may repeat or replace.
    private func check<Entry: Equatable & NamedEntry>(_ entry: Entry, ids: [String: Int64], empty: StoreRecordProblem,
                                                       recorded: (String) -> StoreRecordProblem,
                                                       stored: (Int64) throws -> Entry) throws -> Checked {
        guard !entry.name.isEmpty else { return Checked(problems: [FieldProblem("name", cause: empty)]) }
        let problems = entry.problems()
        guard problems.isEmpty else { return Checked(problems: problems) }
        var checked = Checked()
        if let id = ids[entry.name] {
            checked.existing = .init(id: id, identical: try stored(id) == entry,
                                     problem: FieldProblem("name", cause: recorded(entry.name)))
        }
        return checked
    }

    /// `unit add`, `trade add`: refused with the first problem `checked` found, else saved.
    private func add<Entry>(_ entry: Entry, checked: Checked, save: (Entry, Int64?) throws -> Int64) throws -> Entry {
        if let problem = checked.all.first { throw StoreFailure.fieldProblems([problem]) }
        _ = try save(entry, nil)
        return entry
    }

    // MARK: Exceptional conditions (RULES X2)

    public func conditions() throws -> [ExceptionalCondition] {
        try ConditionRow.order(sql: "builtin DESC, category, code").fetchAll(db).map(\.condition)
    }

    /// A condition by code or by its Chinese name (Documentation/CLI.md, Chinese labels), or an
    /// "unknown condition" error with the nearest code.
    public func condition(code: String) throws -> ExceptionalCondition {
        let text = code.trimmingSpaces
        // Through cached statements: an import of historic uses asks for every row's
        // condition twice, and the query interface built and authorised its SQL each time.
        func condition(_ column: String, _ value: String) throws -> ExceptionalCondition? {
            try ConditionRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM exceptional_condition WHERE \(column) = ?"),
                                      arguments: [value])?.condition
        }
        if let found = try condition("code", text) ?? condition("name", text) { return found }
        if let match = ExceptionalCondition.builtins.first(where: { $0.name == text || $0.evidence.chinese == text }),
           let found = try condition("code", match.code) { return found }
        // A short form: part of one condition's Chinese name (`二等功`); part of several is
        // an ambiguity, named (64). A code is given whole: a use is written to the ledger.
        if text.count >= 2, !text.allSatisfy(\.isASCII) {
            let all = try ConditionRow.fetchAll(db).map(\.condition)
            let near = all.filter { $0.name.contains(text) }
            if near.count == 1 { return near[0] }
            if near.count > 1 {
                throw StoreFailure.conditionAmbiguous(code: code, candidates: near)
            }
        }
        let codes = try String.fetchAll(db, sql: "SELECT code FROM exceptional_condition")
        throw StoreFailure.conditionNotFound(code: code, known: codes)
    }

    /// Adds a condition to the catalogue, for example a technical-competition placing
    /// (RULES X2). Its evidence is `declared`; its relaxation is what the user states.
    public func addCondition(_ condition: ExceptionalCondition) throws {
        guard ExceptionalCondition.isValidCode(condition.code), ExceptionalCondition.isValidCode(condition.category) else {
            throw StoreFailure.conditionCodeInvalid
        }
        if try ConditionRow.fetchOne(db, key: condition.code) != nil {
            throw StoreFailure.conditionExists(code: condition.code)
        }
        if let problem = condition.problems().first { throw StoreFailure.conditionInvalid(problem) }
        var row = ConditionRow(condition)
        try row.insert(db)
    }

    /// Runs `body`; its error, if any, as a problem with `field`.
    func problem(field: String, _ body: () throws -> Void) -> FieldProblem? {
        do {
            try body()
            return nil
        } catch {
            return .of(StoreErrors.map(error, path: ""), field: field)
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension Catalog {
    /// Changes a unit's name, department or district as `change` says. Returns the unit
    /// before and after; a change that changes nothing writes nothing.
    public func updateUnit(named name: String, _ change: (inout Unit) -> Void) throws -> (before: Unit, after: Unit) {
        let id = try unitID(named: name)
        let before = try storedUnit(id: id)
        var after = before
        change(&after)
        after = Self.normalized(after)
        guard after != before else { return (before, after) }
        guard !after.name.isEmpty else { throw StoreFailure.unitNameEmpty }
        if after.name != before.name, try unitIDs()[after.name] != nil {
            throw StoreFailure.unitNameTaken(name: after.name)
        }
        session.names.forgetUnits()
        try save(after, replacing: id)
        return (before, after)
    }

    /// Removes a unit nobody belongs to.
    public func removeUnit(named name: String) throws -> Unit {
        let id = try unitID(named: name)
        let unit = try storedUnit(id: id)
        let people = try PersonRow.filter(sql: "unit_id = ?", arguments: [id]).fetchCount(db)
        if people > 0 { throw RecordError.unitInUse(name: unit.name, people: people) }
        try db.execute(sql: "DELETE FROM unit WHERE id = ?", arguments: [id])
        session.names.forgetUnits()
        return unit
    }

    /// Removes a trade a user added that no person, certificate, transfer or application names.
    public func removeTrade(named name: String) throws -> Trade {
        let id = try tradeID(named: name)
        let trade = try storedTrade(id: id)
        if trade.builtin { throw RecordError.tradeBuiltin(name: trade.name) }
        let uses = try Int.fetchOne(db, sql: """
            SELECT (SELECT count(*) FROM person WHERE trade_id = :id) + (SELECT count(*) FROM certificate WHERE trade_id = :id)
                 + (SELECT count(*) FROM transfer WHERE from_trade_id = :id OR to_trade_id = :id)
                 + (SELECT count(*) FROM application WHERE trade_id = :id)
            """, arguments: ["id": id])!
        if uses > 0 { throw RecordError.tradeInUse(name: trade.name, uses: uses) }
        try db.execute(sql: "DELETE FROM trade WHERE id = ?", arguments: [id])
        session.names.tradeIDs = nil
        session.names.tradeNames = nil
        return trade
    }
}

/// A unit or a trade: kept by its name, with checks of its own.
protocol NamedEntry {
    var name: String { get }
    func problems() -> [FieldProblem]
}

extension Unit: NamedEntry {}
extension Trade: NamedEntry {}
