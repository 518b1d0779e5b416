/// One description per kind of record (ARCHITECTURE.md, “A new field, a new record kind”):
/// its table, its fields (the flag and file column, the table column, the Chinese label,
/// the header spellings, what it holds, whether it must be given), its natural key, its
/// order and whether it belongs to a person. The store's rows, its SELECT and INSERT
/// lists, the Core values made from them, the import and export columns, the labels of
/// tables and the change log, the merge's keys, the bundle's tables and the `add`/`update`
/// flags all read it: a field added here (and to its table by a migration) appears in all
/// of them.

/// A field's value as it is stored, read and shown.
public enum FieldValue: Hashable, Sendable {
    case null
    case text(String)
    case day(Day)
    case integer(Int)
    case flag(Bool)

    public var text: String? { if case .text(let t) = self { t } else { nil } }
    public var day: Day? { if case .day(let d) = self { d } else { nil } }
    public var integer: Int? { if case .integer(let n) = self { n } else { nil } }
    public var flag: Bool? { if case .flag(let b) = self { b } else { nil } }
    public var isNull: Bool { self == .null }
}

/// A vocabulary of codes (a grade, a module, a result…): how a field reads one and labels it.
/// Only closures that capture nothing: a heap object held in `FieldType`'s payload would
/// sit behind a pointer whose spare bits carry the enum's case, which LeakSanitizer (the
/// fuzzers, Scripts/fuzz) does not follow and reports as leaked.
public struct Codes: Sendable {
    /// The code a text names (its code or Chinese name), or the problem `Values.vocabulary`
    /// finds: an ambiguous or unknown value.
    public let read: @Sendable (_ text: String, _ what: RecordProblem.Subject) throws(RecordProblem) -> String
    /// The Chinese label of a code, or nil when it is none.
    public let label: @Sendable (String) -> String?

    public init<V: Vocabulary>(_ type: V.Type) {
        read = { text, what throws(RecordProblem) in try Values.vocabulary(text, what, as: V.self).code }
        label = { V(rawValue: $0)?.chinese }
    }
}

/// What a field holds: how its text is read and how it is stored.
public enum FieldType: Sendable {
    /// Free text, at most `limit` characters; `name` when the name rules apply (no
    /// formula start, TextSafety).
    case text(limit: Int, name: Bool)
    /// An identity number (RULES §9).
    case idNumber
    /// A date; `month` accepts `YYYY-MM`, `future` a day after today.
    case day(month: Bool, future: Bool)
    case year
    case integer
    case flag
    case code(Codes)
    /// A trade of the catalogue, by name; the table holds its row id.
    case trade
    /// A unit, by name; the table holds its row id.
    case unit
    /// An exceptional condition of the catalogue, by code or name.
    case condition

    /// A date column: a spreadsheet's date serial in it is read as the day it stands for.
    public var isDate: Bool { if case .day = self { true } else { false } }

    /// The value a flag or a file cell writes (trimmed, not empty), read as every field of
    /// this type is read, with the same problem when it is wrong (`Values`).
    public func read(_ text: String, _ what: RecordProblem.Subject, today: Day) throws(RecordProblem) -> FieldValue {
        switch self {
        case .text, .trade, .unit, .condition: return .text(text)
        case .idNumber: return .text(try Values.idNumber(text, today: today).text)
        case .day(let month, let future):
            return .day(try Values.day(text, what, today: today, allowMonth: month, allowFuture: future))
        case .year: return .integer(try Values.year(text, what))
        case .integer: return .integer(try Values.integer(text, what))
        case .flag: return .flag(try Values.bool(text, what))
        case .code(let codes): return .text(try codes.read(text, what))
        }
    }

    /// A value as a file cell or a table shows it: `YYYY-MM-DD`, codes or their Chinese
    /// labels, `true`/`false` or 是/否, empty for nothing.
    public func cell(_ value: FieldValue, labelled: Bool) -> String {
        switch value {
        case .null: ""
        case .text(let text):
            if case .code(let codes) = self, labelled { codes.label(text) ?? text } else { text }
        case .day(let day): day.description
        case .integer(let n): String(n)
        case .flag(let flag): labelled ? (flag ? "是" : "否") : String(flag)
        }
    }

    /// The most characters a text field holds, or nil (a trade is checked against the catalogue).
    var limit: Int? { if case .text(let limit, _) = self { limit } else { nil } }
}

/// One field of a kind of record.
public struct Field<Record>: Sendable {
    /// The long flag of `add` and `update`, and the English header of a file: `work-start`.
    public let name: String
    /// The column of the table: `work_start`; `trade_id` for a trade.
    public let column: String
    /// The Chinese label: tables, `--chinese-header` files, the change log, messages.
    public let label: String
    /// Further header spellings a clerk's sheet uses.
    public let aliases: [String]
    /// What the field holds, for the help and IMPORT.md.
    public let help: String
    /// Given on every `add` and in every file row.
    public let required: Bool
    public let type: FieldType
    public let get: @Sendable (Record) -> FieldValue
    public let set: @Sendable (inout Record, FieldValue) -> Void
    /// A code field's setting from the stored code's UTF-8 bytes, false when they are no
    /// code of its vocabulary: what `set` does with the code, without making a string of
    /// it and looking it up twice (the store reads millions: `eligible`, `forecast`).
    public let setStored: (@Sendable (inout Record, UnsafeBufferPointer<UInt8>) -> Bool)?

    /// The field as a column of a file (FileFormat).
    public var fileColumn: FieldSpec {
        FieldSpec(name, label, required: required, date: type.isDate, aliases: aliases, help)
    }

    /// The field of `record` as a file cell or a table shows it.
    public func cell(_ record: Record, labelled: Bool) -> String { type.cell(get(record), labelled: labelled) }
}

extension Field {
    init(_ name: String, _ column: String? = nil, _ label: String, _ type: FieldType, required: Bool = false,
         aliases: [String] = [], help: String = "", get: @escaping @Sendable (Record) -> FieldValue,
         set: @escaping @Sendable (inout Record, FieldValue) -> Void,
         setStored: (@Sendable (inout Record, UnsafeBufferPointer<UInt8>) -> Bool)? = nil) {
        self.name = name
        self.column = column ?? String(name.map { $0 == "-" ? "_" : $0 })
        self.label = label
        self.aliases = aliases
        self.help = help
        self.required = required
        self.type = type
        self.get = get
        self.set = set
        self.setStored = setStored
    }

    /// Text that must be there.
    static func text(_ name: String, _ column: String? = nil, _ label: String, _ path: WritableKeyPath<Record, String> & Sendable,
                     limit: Int, isName: Bool = true, aliases: [String] = [], help: String = "", type: FieldType? = nil) -> Field {
        let property = StoredProperty(path)
        return Field(name, column, label, type ?? .text(limit: limit, name: isName), required: true, aliases: aliases, help: help,
                     get: { .text(property.get($0)) }, set: { record, value in property.set(&record, value.text ?? "") })
    }

    /// Text that may be left out.
    static func optionalText(_ name: String, _ column: String? = nil, _ label: String,
                             _ path: WritableKeyPath<Record, String?> & Sendable, limit: Int, isName: Bool = false,
                             aliases: [String] = [], help: String = "") -> Field {
        let property = StoredProperty(path)
        return Field(name, column, label, .text(limit: limit, name: isName), aliases: aliases, help: help,
                     get: { property.get($0).map(FieldValue.text) ?? .null }, set: { record, value in property.set(&record, value.text) })
    }

    static func day(_ name: String, _ column: String? = nil, _ label: String, _ path: WritableKeyPath<Record, Day> & Sendable,
                    month: Bool = false, aliases: [String] = [], help: String = "") -> Field {
        let property = StoredProperty(path)
        return Field(name, column, label, .day(month: month, future: false), required: true, aliases: aliases, help: help,
                     get: { .day(property.get($0)) }, set: { record, value in if let d = value.day { property.set(&record, d) } })
    }

    static func optionalDay(_ name: String, _ column: String? = nil, _ label: String,
                            _ path: WritableKeyPath<Record, Day?> & Sendable, month: Bool = false, future: Bool = false,
                            aliases: [String] = [], help: String = "") -> Field {
        let property = StoredProperty(path)
        return Field(name, column, label, .day(month: month, future: future), aliases: aliases, help: help,
                     get: { property.get($0).map(FieldValue.day) ?? .null }, set: { record, value in property.set(&record, value.day) })
    }

    static func year(_ name: String, _ column: String? = nil, _ label: String, _ path: WritableKeyPath<Record, Int> & Sendable,
                     aliases: [String] = [], help: String = "") -> Field {
        let property = StoredProperty(path)
        return Field(name, column, label, .year, required: true, aliases: aliases, help: help,
                     get: { .integer(property.get($0)) }, set: { record, value in if let n = value.integer { property.set(&record, n) } })
    }

    static func optionalInteger(_ name: String, _ column: String? = nil, _ label: String,
                                _ path: WritableKeyPath<Record, Int?> & Sendable, help: String = "") -> Field {
        let property = StoredProperty(path)
        return Field(name, column, label, .integer, help: help,
                     get: { property.get($0).map(FieldValue.integer) ?? .null }, set: { record, value in property.set(&record, value.integer) })
    }

    static func flag(_ name: String, _ column: String? = nil, _ label: String, _ path: WritableKeyPath<Record, Bool> & Sendable,
                     aliases: [String] = [], help: String = "是/否") -> Field {
        let property = StoredProperty(path)
        return Field(name, column, label, .flag, aliases: aliases, help: help,
                     get: { .flag(property.get($0)) }, set: { record, value in property.set(&record, value.flag ?? false) })
    }

    /// A code; an optional one (`required: false`) takes `empty` when left out or cleared.
    static func code<V: Vocabulary>(_ name: String, _ column: String? = nil, _ label: String, _ path: WritableKeyPath<Record, V> & Sendable,
                                    required: Bool = true, empty: V? = nil, aliases: [String] = [], help: String = "") -> Field {
        let property = StoredProperty(path)
        return Field(name, column, label, .code(Codes(V.self)), required: required, aliases: aliases,
                     help: help.isEmpty ? V.choices : help,
                     get: { .text(property.get($0).code) },
                     set: { record, value in if let v = value.text.flatMap(V.init(rawValue:)) ?? empty { property.set(&record, v) } },
                     setStored: { [codes = StoredCodes<V>()] record, bytes in
                         guard let v = codes[bytes] else { return false }
                         property.set(&record, v)
                         return true
                     })
    }

    static func trade(_ name: String, _ column: String? = nil, _ label: String, _ path: WritableKeyPath<Record, String> & Sendable,
                      aliases: [String] = [], help: String = "") -> Field {
        text(name, column ?? "trade_id", label, path, limit: Limits.tradeName, aliases: aliases, help: help, type: .trade)
    }

    static func unit(_ name: String, _ column: String? = nil, _ label: String, _ path: WritableKeyPath<Record, String> & Sendable,
                     aliases: [String] = [], help: String = "") -> Field {
        text(name, column ?? "unit_id", label, path, limit: Limits.unitName, aliases: aliases, help: help, type: .unit)
    }
}

/// A kind of record, described once.
public struct RecordSpec<Record: Hashable & Sendable>: Sendable {
    /// The kind, as import and export name it.
    public let kind: RecordKind
    /// The table.
    public let table: String
    public let fields: [Field<Record>]
    /// The fields that identify a record of a person (or of the catalogue), by name.
    public let key: [String]
    /// The columns a person's records of this kind are listed by.
    public let order: [String]
    /// The record belongs to a person (its table has `person_id`).
    public let personal: Bool
    /// The columns of the table that are no field: the row id, the owner, what the store
    /// works out (a condition's category, where a use came from).
    public let internalColumns: [String]
    /// A record with every field at a placeholder, for reading one field by field.
    public let blank: Record

    /// The Chinese name of the kind: 等级证书.
    public var chinese: String { kind.chinese }

    public func field(_ name: String) -> Field<Record>? { fields.first { $0.name == name } }

    /// The fields `update --clear` empties: those that may be left out, but a trade,
    /// which a record always names. A field with a default goes back to it (a
    /// certificate's province to 江苏, its route to normal).
    public var clearable: [Field<Record>] {
        fields.filter { field in
            if case .trade = field.type { return false }
            return !field.required
        }
    }

    /// Every column of the table, the fields' and the internal ones.
    public var columns: [String] { internalColumns + fields.map(\.column) }

    /// The spec without its record type.
    public var columnsOnly: SpecColumns {
        SpecColumns(table: table, fileColumns: fileColumns, fieldColumns: fields.map(\.column),
                    columns: Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.column) }), personal: personal)
    }

    /// The fields of `record` as the cells of a file row.
    public func cells(_ record: Record, labelled: Bool) -> [String] { fields.map { $0.cell(record, labelled: labelled) } }

    /// The columns of the kind's file: the identity number first for a person's records.
    public var fileColumns: [FieldSpec] { (personal ? [.idNumber] : []) + fields.map(\.fileColumn) }

    /// The record `texts` give, by field name, each read as its type reads it; a field
    /// not given (or given empty) is left blank, or is a problem when it is required.
    /// Every problem is collected, one per field.
    public func read(_ texts: [String: String], today: Day) -> (record: Record?, problems: [FieldProblem]) {
        read(cells: fields.map { texts[$0.name] }, today: today)
    }

    /// The record `cells` give, one per field in the spec's order, read as `read(_:today:)`
    /// reads them: a file's row, without a dictionary per row.
    public func read(cells: some Sequence<String?>, today: Day) -> (record: Record?, problems: [FieldProblem]) {
        var record = blank
        var problems: [FieldProblem] = []
        for (i, cell) in zip(fields.indices, cells) {
            guard let text = Values.text(cell) else {
                if fields[i].required { problems.append(FieldProblem(fields[i].name, .missing(.label(fields[i].label)))) }
                continue
            }
            do {
                fields[i].set(&record, try fields[i].type.read(text, .label(fields[i].label), today: today))
            } catch {
                problems.append(FieldProblem(fields[i].name, error))
            }
        }
        return (problems.isEmpty ? record : nil, problems)
    }

    /// The text fields of `record` longer than their column holds (the schema's CHECK).
    /// Every imported row asks it, twice (its own checks, then the gate's): the fields are
    /// read in place by index, not copied one by one.
    public func lengthProblems(_ record: Record) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        for i in fields.indices {
            guard let limit = fields[i].type.limit, let text = fields[i].get(record).text,
                  let problem = Limits.lengthProblem(fields[i].name, text, limit: limit, what: .label(fields[i].label)) else { continue }
            problems.append(problem)
        }
        return problems
    }
}

/// What a spec says of a kind's table and file, without its record type: for the code
/// that walks every kind (`RecordKind.spec`).
public struct SpecColumns: Sendable {
    public let table: String
    /// The columns of the kind's file, the identity number first.
    public let fileColumns: [FieldSpec]
    /// The fields' table columns, in the spec's order.
    public let fieldColumns: [String]
    /// Each field's table column, by field name.
    public let columns: [String: String]
    /// Whether a row belongs to a person (`person_id`).
    public let personal: Bool
}

/// The specs of the kinds kept on a person and of the catalogue.
public enum RecordSpecs {
    static let placeholderDay = Day(year: 1900, month: 1, day: 1)!
    /// A number of the right shape, for a blank record: a spec's reading always replaces it.
    static let placeholderID = IDNumber(stored: "000000190001010000")!

    /// The person (人员): the fields of `person add` and `update`, the columns of the
    /// persons' file (its identity number first, as every personal kind's file), `update
    /// --clear`, the labels of its fields, and the columns the store inserts and updates
    /// a person by. The store reads a person by its own row (GongQinStore, `PersonRow`),
    /// which a test holds to these columns; `person show` titles the fields in its own,
    /// shorter words (参加工作, 试用期满).
    public static let person = RecordSpec<Person>(
        kind: .persons, table: "person",
        fields: [
            Field(FieldSpec.idNumberName, nil, "身份证号", .idNumber, required: true,
                  aliases: ["身份证号码", "身份证", "公民身份号码", "公民身份证号码", "证件号码"], help: "18位",
                  get: { .text($0.idNumber.text) },
                  set: { record, value in if let id = value.text.flatMap(IDNumber.init(stored:)) { record.idNumber = id } }),
            .text("name", nil, "姓名", \.name, limit: Limits.personName),
            .unit("unit", nil, "单位", \.unit, aliases: ["用人单位", "单位名称", "工作单位"], help: "须已登记"),
            .trade("trade", nil, "工种", \.trade, aliases: ["现工种", "岗位工种", "岗位", "岗位名称", "工种名称"], help: "现岗位工种"),
            .day("work-start", nil, "参加工作时间", \.workStart, month: true,
                 aliases: ["参加工作日期", "参加工作年月", "参工时间", "参加工作"], help: "YYYY-MM-DD 或 YYYY-MM"),
            .optionalDay("probation-end", nil, "试用期满时间", \.probationEnd, month: true, future: true,
                         aliases: ["试用期满日期", "转正时间", "转正日期"], help: "可为将来日期"),
            .optionalDay("enlisted", nil, "入伍时间", \.enlisted, month: true, aliases: ["入伍日期"]),
            .optionalDay("discharged", nil, "退役时间", \.discharged, month: true, aliases: ["退役日期", "退伍时间"]),
            .optionalDay("placed", nil, "安置时间", \.placed, month: true, aliases: ["安置日期"], help: "有此项即为退役安置人员"),
            .optionalText("from-province", nil, "调出省份", \.fromProvince, limit: Limits.province, help: "外省调入人员"),
        ],
        key: ["id-number"], order: ["id_number"], personal: false, internalColumns: ["id"],
        blank: Person(idNumber: placeholderID, name: "", unit: "", trade: "", workStart: placeholderDay))

    /// A unit (用人单位): the columns of the units file and their labels in the log.
    /// `unit add` and `update` keep their own flags (the name is their argument).
    public static let unit = RecordSpec<Unit>(
        kind: .units, table: "unit",
        fields: [
            .text("name", nil, "单位", \.name, limit: Limits.unitName, aliases: ["单位名称", "用人单位", "工作单位"]),
            .optionalText("department", nil, "主管部门", \.department, limit: Limits.departmentName),
            .optionalText("district", nil, "辖市区", \.district, limit: Limits.districtName, help: "如 天宁区"),
        ],
        key: ["name"], order: ["name"], personal: false, internalColumns: ["id"], blank: Unit(name: ""))

    /// A trade of the catalogue (工种): the columns of the trades file and their labels in
    /// the log. `trade add` and `update` keep their own flags (`--driver`/`--no-driver`).
    public static let trade = RecordSpec<Trade>(
        kind: .trades, table: "trade",
        fields: [
            .text("name", nil, "工种", \.name, limit: Limits.tradeName, aliases: ["工种名称"]),
            Field("category", nil, "类别", .text(limit: Limits.tradeCategory, name: false), help: "如 机电类",
                  get: { $0.category.map(FieldValue.text) ?? .null }, set: { record, value in record.category = value.text }),
            .code("max-grade", nil, "最高等级", \.maxGrade, required: false, empty: .senior, help: "等级代码或中文；空为高级工"),
            .flag("driver", nil, "驾驶类", \.driver),
            .flag("cashier", nil, "收银类", \.cashier),
            .flag("licensed", nil, "持证上岗", \.licensed),
        ],
        key: ["name"], order: ["name"], personal: false, internalColumns: ["id", "builtin"], blank: Trade(name: ""))

    /// A historic use of an exceptional category (破格使用, RULES X1), as `exceptional
    /// record` and the `exceptional` file give it: the columns of that file and their
    /// labels. The store keeps a use by its own row (`UseRow`), with what it works out
    /// (the category, where the use came from); the grade's help is left empty as it
    /// always was, so the field is written out rather than made by `.code`.
    public static let exceptionalUse = RecordSpec<ExceptionalUse>(
        kind: .exceptional, table: "exceptional_use",
        fields: [
            Field("condition", "condition_code", "破格条件", .condition, required: true, help: "条件代码或中文名称，见 exceptional conditions",
                  get: { .text($0.condition) }, set: { record, value in record.condition = value.text ?? "" }),
            .year("year", nil, "年度", \.year, aliases: ["使用年度", "审批表年度"]),
            Field("grade", nil, "等级", .code(Codes(Grade.self)), required: true, aliases: ["申报等级"],
                  get: { .text($0.grade.code) },
                  set: { record, value in if let grade = value.text.flatMap(Grade.init(rawValue:)) { record.grade = grade } }),
            .optionalText("note", nil, "备注", \.note, limit: Limits.freeText),
        ],
        key: ["condition", "year"], order: ["year"], personal: true,
        internalColumns: ["id", "person_id", "category", "source", "application_id"],
        blank: ExceptionalUse(condition: "", category: "", grade: .junior, year: 0, source: .historic))

    public static let certificate = RecordSpec<Certificate>(
        kind: .certs, table: "certificate",
        fields: [
            .trade("trade", nil, "证书工种", \.trade),
            .code("grade", nil, "证书等级", \.grade, aliases: ["等级", "技术等级"], help: "junior…senior-technician 或 初级工…高级技师"),
            .day("issued", nil, "发证时间", \.issued, aliases: ["取证时间", "发证日期", "取证日期"]),
            .optionalText("number", nil, "证书编号", \.number, limit: Limits.certificateNumber, aliases: ["证书号", "证书号码"]),
            .code("route", nil, "取得方式", \.route, required: false, empty: .normal,
                  help: "normal/early/exceptional/transfer/review 或 正常/提前/破格/转岗/复核；空为正常"),
            Field("province", nil, "发证省份", .text(limit: Limits.province, name: false), help: "空为江苏",
                  get: { .text($0.province) }, set: { record, value in record.province = value.text ?? Certificate.homeProvince }),
            .optionalText("authority", nil, "发证机关", \.authority, limit: Limits.certificateAuthority,
                          aliases: ["发证单位", "发证部门"], help: "证书上的发证机关"),
        ],
        key: ["trade", "grade", "province"], order: ["issued", "grade"], personal: true,
        internalColumns: ["id", "person_id"],
        blank: Certificate(trade: "", grade: .junior, issued: placeholderDay))

    public static let transfer = RecordSpec<Transfer>(
        kind: .transfers, table: "transfer",
        fields: [
            Field("from", "from_trade_id", "转出工种", .trade, aliases: ["原工种"], help: "空为转岗前所在工种（同 transfer add）",
                  get: { .text($0.from) }, set: { record, value in record.from = value.text ?? "" }),
            .trade("to", "to_trade_id", "转入工种", \.to, aliases: ["新工种"]),
            .day("date", nil, "转岗时间", \.date, month: true, aliases: ["转岗日期"], help: "YYYY-MM-DD 或 YYYY-MM"),
        ],
        key: ["date"], order: ["date"], personal: true, internalColumns: ["id", "person_id"],
        blank: Transfer(from: "", to: "", date: placeholderDay))

    public static let assessment = RecordSpec<AnnualAssessment>(
        kind: .assessments, table: "annual_assessment",
        fields: [
            .year("year", nil, "考核年度", \.year, aliases: ["年度", "考核年份"]),
            .code("result", nil, "考核结果", \.result, aliases: ["结果"], help: "优秀/合格/基本合格/不合格 或 excellent/pass/basic/fail"),
        ],
        key: ["year"], order: ["year"], personal: true, internalColumns: ["id", "person_id"],
        blank: AnnualAssessment(year: 0, result: .pass))

    public static let education = RecordSpec<Education>(
        kind: .education, table: "education",
        fields: [
            .code("level", nil, "学历", \.level, help: "初中…博士、成人高等教育专业证书"),
            .day("graduated", nil, "毕业时间", \.graduated, month: true, aliases: ["毕业日期", "毕业年月"], help: "YYYY-MM-DD 或 YYYY-MM"),
            .optionalText("major", nil, "专业", \.major, limit: Limits.major),
            .optionalText("school", nil, "学校", \.school, limit: Limits.school, aliases: ["毕业学校"]),
            .flag("relevant", nil, "是否相关专业", \.relevant, aliases: ["相关专业"], help: "是/否（true/false、1/0、y/n）"),
        ],
        key: ["level", "graduated"], order: ["graduated"], personal: true, internalColumns: ["id", "person_id"],
        blank: Education(level: .seniorHigh, graduated: placeholderDay))

    public static let award = RecordSpec<Award>(
        kind: .awards, table: "award",
        fields: [
            .text("name", nil, "奖励名称", \.name, limit: Limits.awardName),
            .day("date", nil, "获奖时间", \.date, month: true, aliases: ["获奖日期", "奖励时间"]),
            .optionalText("issuer", nil, "授予单位", \.issuer, limit: Limits.issuer),
        ],
        key: ["name", "date"], order: ["date"], personal: true, internalColumns: ["id", "person_id"],
        blank: Award(name: "", date: placeholderDay))

    public static let training = RecordSpec<Training>(
        kind: .training, table: "continuing_education",
        fields: [
            .text("name", nil, "培训名称", \.name, limit: Limits.trainingName, aliases: ["继续教育名称"]),
            .day("date", nil, "培训时间", \.date, month: true, aliases: ["继续教育时间", "培训日期"]),
            .optionalInteger("hours", nil, "学时", \.hours, help: "1–10000"),
            .optionalText("issuer", nil, "发证单位", \.issuer, limit: Limits.issuer),
        ],
        key: ["name", "date"], order: ["date"], personal: true, internalColumns: ["id", "person_id"],
        blank: Training(name: "", date: placeholderDay))

    public static let job = RecordSpec<Job>(
        kind: .jobs, table: "job",
        fields: [
            .day("from", "from_date", "起始时间", \.from, month: true, aliases: ["任职起始时间"], help: "YYYY-MM-DD 或 YYYY-MM"),
            .optionalDay("to", "to_date", "截止时间", \.to, month: true, aliases: ["任职截止时间"], help: "空为现任岗位"),
            .text("unit", nil, "工作单位", \.unit, limit: Limits.jobUnit),
            .text("post", nil, "岗位", \.post, limit: Limits.post, aliases: ["职务", "岗位（职务）"]),
        ],
        key: ["from"], order: ["from_date"], personal: true, internalColumns: ["id", "person_id"],
        blank: Job(from: placeholderDay, unit: "", post: ""))
}

/// The codes of a vocabulary as UTF-8 bytes, made once for a field: a stored code is
/// matched on its bytes, without a string or `allCases` made for each row.
struct StoredCodes<V: Vocabulary>: Sendable {
    private let codes: [(bytes: [UInt8], value: V)] = V.allCases.map { (Array($0.rawValue.utf8), $0) }

    subscript(bytes: UnsafeBufferPointer<UInt8>) -> V? {
        codes.first { $0.bytes.count == bytes.count && $0.bytes.elementsEqual(bytes) }?.value
    }
}
