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

    public func addUnit(_ unit: Unit) throws -> Unit {
        var unit = unit
        unit.name = unit.name.trimmingSpaces
        unit.department = unit.department?.trimmingSpaces.nilIfEmpty
        unit.district = unit.district?.trimmingSpaces.nilIfEmpty
        guard !unit.name.isEmpty else { throw GongQinError.invalid("单位名称为空") }
        if try unitIDs()[unit.name] != nil {
            throw GongQinError.invalid("单位“\(unit.name)”已存在", hint: "可用 gongqin unit list 查看")
        }
        var row = UnitRow(unit)
        try row.insert(db)
        session.names.forgetUnits()
        return unit
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
        let id = try unitID(named: name)
        return try UnitRow.fetchOne(db, key: id)!.unit
    }

    func unitIDs() throws -> [String: Int64] {
        if let ids = session.names.unitIDs { return ids }
        var ids: [String: Int64] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, name FROM unit")
        while let row = try rows.next() { ids[row["name"]] = row["id"] }
        session.names.unitIDs = ids
        session.names.unitNames = Dictionary(uniqueKeysWithValues: ids.map { ($1, $0) })
        return ids
    }

    func unitName(id: Int64) throws -> String {
        if session.names.unitNames == nil { _ = try unitIDs() }
        return session.names.unitNames![id]!
    }

    /// The row id of a unit, or an "unknown unit" error with the nearest name.
    func unitID(named name: String) throws -> Int64 {
        let ids = try unitIDs()
        if let id = ids[name.trimmingSpaces] { return id }
        throw GongQinError.invalid("未找到单位“\(name)”",
                                   hint: NameMatch.hint(for: name, in: ids.keys, listCommand: "gongqin unit list")
                                       + "；新单位请先用 gongqin unit add 添加")
    }

    /// The problem with naming this unit, if any, for the `unit` field.
    func unitProblem(_ name: String) -> FieldProblem? {
        problem(field: "unit") { _ = try unitID(named: name) }
    }

    // MARK: Trades

    public func addTrade(_ trade: Trade) throws -> Trade {
        var trade = trade
        trade.name = trade.name.trimmingSpaces
        trade.category = trade.category?.trimmingSpaces.nilIfEmpty
        guard !trade.name.isEmpty else { throw GongQinError.invalid("工种名称为空") }
        if try tradeIDs()[trade.name] != nil {
            throw GongQinError.invalid("工种“\(trade.name)”已存在", hint: "可用 gongqin trade list 查看，用 gongqin trade update 修改")
        }
        var row = TradeRow(trade)
        try row.insert(db)
        session.names.forgetTrades()
        return trade
    }

    /// Changes a trade's highest grade or flags; the name stays.
    public func updateTrade(_ trade: Trade) throws {
        let id = try tradeID(named: trade.name)
        var row = TradeRow(id: id, trade)
        row.builtin = try TradeRow.fetchOne(db, key: id)!.builtin
        try row.update(db)
    }

    public func trades() throws -> [Trade] {
        try TradeRow.order(sql: "builtin DESC, category IS NULL, category, name").fetchAll(db).map(\.trade)
    }

    public func trade(named name: String) throws -> Trade {
        try TradeRow.fetchOne(db, key: try tradeID(named: name))!.trade
    }

    func tradeIDs() throws -> [String: Int64] {
        if let ids = session.names.tradeIDs { return ids }
        var ids: [String: Int64] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, name FROM trade")
        while let row = try rows.next() { ids[row["name"]] = row["id"] }
        session.names.tradeIDs = ids
        session.names.tradeNames = Dictionary(uniqueKeysWithValues: ids.map { ($1, $0) })
        return ids
    }

    func tradeName(id: Int64) throws -> String {
        if session.names.tradeNames == nil { _ = try tradeIDs() }
        return session.names.tradeNames![id]!
    }

    /// The row id of a trade, or an "unknown trade" error with the nearest name.
    func tradeID(named name: String) throws -> Int64 {
        let ids = try tradeIDs()
        if let id = ids[name.trimmingSpaces] { return id }
        throw GongQinError.invalid("未找到工种“\(name)”",
                                   hint: NameMatch.hint(for: name, in: ids.keys, listCommand: "gongqin trade list")
                                       + "；目录外的工种请先用 gongqin trade add 添加")
    }

    func tradeProblem(_ name: String, field: String) -> FieldProblem? {
        problem(field: field) { _ = try tradeID(named: name) }
    }

    // MARK: Exceptional conditions (RULES X2)

    public func conditions() throws -> [ExceptionalCondition] {
        try ConditionRow.order(sql: "builtin DESC, category, code").fetchAll(db).map(\.condition)
    }

    /// A condition by code, or an "unknown condition" error with the nearest code.
    public func condition(code: String) throws -> ExceptionalCondition {
        if let row = try ConditionRow.fetchOne(db, key: code.trimmingSpaces) { return row.condition }
        let codes = try String.fetchAll(db, sql: "SELECT code FROM exceptional_condition")
        throw GongQinError.invalid("未找到破格条件“\(code)”",
                                   hint: NameMatch.hint(for: code, in: codes, listCommand: "gongqin exceptional conditions"))
    }

    /// Adds a condition to the catalogue, for example a technical-competition placing
    /// (RULES X2). Its evidence is `declared`; its relaxation is what the user states.
    public func addCondition(_ condition: ExceptionalCondition) throws {
        guard ExceptionalCondition.isValidCode(condition.code), ExceptionalCondition.isValidCode(condition.category) else {
            throw GongQinError.invalid("破格条件代码和类别须为小写英文字母、数字和连字符，以字母开头，如 skill-contest")
        }
        if try ConditionRow.fetchOne(db, key: condition.code) != nil {
            throw GongQinError.invalid("破格条件“\(condition.code)”已存在", hint: "可用 gongqin exceptional conditions 查看")
        }
        var row = ConditionRow(condition)
        try row.insert(db)
    }

    /// Runs `body`; its error, if any, as a problem with `field`.
    func problem(field: String, _ body: () throws -> Void) -> FieldProblem? {
        do {
            try body()
            return nil
        } catch let error as GongQinError {
            return FieldProblem(field, error.line)
        } catch {
            return FieldProblem(field, StoreErrors.map(error, path: "").line)
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
