import ArgumentParser
import GongQinCore
import GongQinStore

/// `person add|show|list|update|remove`.
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", abstract: "人员",
        subcommands: [Add.self, Show.self, List.self, Update.self, Remove.self])

    /// The fields of a person, as flags, named and helped as the person's spec says
    /// (`RecordSpecs.person`); the identity number is `add`'s own option and `update`'s argument.
    struct Fields: RecordFields {
        typealias Record = Person
        @Option(help: Person.flagHelp("name")) var name: String?
        @Option(help: Person.flagHelp("unit")) var unit: String?
        @Option(help: Person.flagHelp("trade")) var trade: String?
        @Option(name: .customLong("work-start"), help: Person.flagHelp("work-start"), transform: Person.day("work-start"))
        var workStart: Day?
        @Option(name: .customLong("probation-end"), help: Person.flagHelp("probation-end"), transform: Person.day("probation-end"))
        var probationEnd: Day?
        @Option(help: Person.flagHelp("enlisted"), transform: Person.day("enlisted")) var enlisted: Day?
        @Option(help: Person.flagHelp("discharged"), transform: Person.day("discharged")) var discharged: Day?
        @Option(help: Person.flagHelp("placed"), transform: Person.day("placed")) var placed: Day?
        // A province's name, as the usage line has always shown it.
        @Option(name: .customLong("from-province"), help: Person.flagHelp("from-province", valueName: "name"))
        var fromProvince: String?

        func values() -> [String: FieldValue?] {
            ["name": .given(name), "unit": .given(unit), "trade": .given(trade), "work-start": .given(workStart),
             "probation-end": .given(probationEnd), "enlisted": .given(enlisted), "discharged": .given(discharged),
             "placed": .given(placed), "from-province": .given(fromProvince)]
        }

        /// The fields `add` requires: the spec's required ones but the identity number.
        static var required: [Field<Person>] { Person.spec.fields.filter { $0.required && $0.name != FieldSpec.idNumberName } }
    }

    struct Add: WriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "登记人员",
            discussion: "出生日期和性别由身份证号得出，无需填写。单位须先用 unit add 添加；工种须在工种目录中。")

        @Option(name: .customLong("id-number"), help: "18位身份证号", transform: Parse.id) var idNumber: IDNumber
        @OptionGroup var fields: Fields
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let values = fields.values()
            let missing = Fields.required.filter { (values[$0.name] ?? nil) == nil }.map { "--" + $0.name }
            if !missing.isEmpty {
                let labels = Fields.required.map(\.label)
                throw GongQinError.usage("缺少参数 \(missing.joined(separator: "、"))",
                                         hint: "登记人员须给出" + labels.dropLast().joined(separator: "、") + "和" + labels.last!)
            }
            var person = Person(idNumber: idNumber, name: "", unit: "", trade: "", workStart: Environment.today)
            try fields.apply(to: &person)
            let today = Environment.today
            try context.open().write { s in try s.people.add(person, today: today) }
            try Render.added(PersonLine(person), output,
                             "已登记：\(person.name)（\(output.show(idNumber))，\(person.unit)，\(person.trade)）")
        }
    }

    struct Update: WriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "修改人员信息（身份证号不可改）",
            discussion: """
                只改给出的项。--clear 清空可选项：\(ClearableField.allValueStrings.joined(separator: "、"))。
                改工种须说明缘由：真实的岗位变动请用 transfer add 登记，以便按 T1 计算等级年限；
                原登记的工种有误时加 --correction。现工种来自转岗记录时，请用 transfer update 更正该转岗。
                所给的值与已登记的相同时显示“无变化”，不写入任何内容。
                """)

        @Argument(help: StoreOptions.personHelp) var id: String
        @OptionGroup var fields: Fields
        @Flag(help: "--trade 是更正原登记的错误工种，不是转岗") var correction = false
        @Option(parsing: .upToNextOption, help: ArgumentHelp("清空的可选项", valueName: "field")) var clear: [ClearableField] = []
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        /// A field `--clear` empties: one the person's spec says may be left out, by its name.
        struct ClearableField: ExpressibleByArgument {
            let field: Field<Person>

            init?(argument: String) {
                guard let field = Person.spec.clearable.first(where: { $0.name == argument }) else { return nil }
                self.field = field
            }

            var defaultValueDescription: String { field.name }
            static var allValueStrings: [String] { Person.spec.clearable.map(\.name) }
            static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
        }

        func run() throws {
            let id = try store.person(self.id)
            let today = Environment.today
            let (person, changed) = try context.openExisting().write { s in
                var person = try s.people.person(id)
                for clearable in clear { clearable.field.set(&person, .null) }
                try fields.apply(to: &person)
                return (person, try s.people.update(person, today: today, correction: correction))
            }
            if !changed, output.format == .table {
                Console.out("无变化：\(person.name)（\(output.show(id))）已是所给的值")
                return
            }
            try Render.added(PersonLine(person), output, "已修改：\(person.name)（\(output.show(id))）")
        }
    }

    struct Remove: WriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "删除人员及其记录",
            discussion: """
                有证书、转岗、考核、学历、奖励、继续教育或工作经历记录的人员，不加 --with-records 不删除：
                先列出会一并删除的每条记录，以 64 退出，不写入任何内容。
                有破格使用或申报记录的人员不能删除：这些记录须终身可查（\(RuleID.X1.citation)）。
                """)

        @Argument(help: StoreOptions.personHelp) var id: String
        @Flag(name: .customLong("with-records"), help: "连同此人的全部记录一并删除（有记录时必须给出）") var withRecords = false
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let id = try store.person(self.id)
            let person = try context.open().write { s in
                let person = try s.people.person(id)
                let record = try s.people.record(id)
                let view = PersonView(record, numbered: try s.people.numberedRecords(id), unit: try s.catalog.unit(named: person.unit))
                let records = view.removalLines(output)
                // A person with uses or applications is refused by the store (X1), flag or not.
                let kept = !record.exceptionalUses.isEmpty || !record.applications.isEmpty
                if !records.isEmpty, !withRecords, !kept {
                    throw GongQinError(.usage, "\(person.name)（\(id.masked)）有\(records.count)条记录（见上），删除人员会一并删除，未删除任何内容",
                                       hint: "确认一并删除请运行：gongqin person remove \(id.masked) --with-records",
                                       details: records)
                }
                try s.people.remove(id)
                return person
            }
            try Render.added(PersonLine(person), output, "已删除：\(person.name)（\(output.show(id))）及其证书、转岗、考核、学历、奖励和继续教育记录")
        }
    }

    struct List: ReadCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "列出人员")

        @Option(help: "只列出该单位的人员") var unit: String?
        @Option(help: "只列出姓名含此文字的人员") var name: String?
        @Option(help: "只列出现工种为此工种的人员") var trade: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            var lines: [PersonLine] = []
            let filter = People.Filter(unit: unit, name: Parse.text(name), trade: Parse.text(trade))
            try context.database().read { s in
                try s.people.forEach(filter) { lines.append(PersonLine($0)) }
            }
            if lines.isEmpty, filter.name != nil || filter.trade != nil || filter.unit != nil, output.format == .table {
                Console.out("没有符合条件的人员")
                return
            }
            try Render.list(lines, output, empty: "尚无人员。用 person add 登记，用法见：gongqin person add --help")
        }
    }

    struct Show: ReadCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "显示人员的全部记录")

        @Argument(help: StoreOptions.personHelp) var id: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let id = try store.person(self.id)
            let (record, numbered, unit) = try context.database().read { s in
                let record = try s.people.record(id)
                return (record, try s.people.numberedRecords(id), try s.catalog.unit(named: record.person.unit))
            }
            let view = PersonView(record, numbered: numbered, unit: unit)
            switch output.format {
            case .json: try Render.json(view)
            case .csv: Console.write(view.csv(output))
            case .table: Console.out(view.text(output))
            }
        }
    }
}

/// A person as `person list` shows them.
struct PersonLine: Listable {
    var idNumber: IDNumber
    var name: String
    var sex: String
    var birthDate: Day
    var unit: String
    var trade: String
    var workStart: Day
    var veteran: Bool
    var fromProvince: String?

    init(_ p: Person) {
        idNumber = p.idNumber
        name = p.name
        sex = p.idNumber.sex.rawValue
        birthDate = p.idNumber.birthDate
        unit = p.unit
        trade = p.trade
        workStart = p.workStart
        veteran = p.isVeteran
        fromProvince = p.fromProvince
    }

    static let columns: [(key: String, title: String)] = [
        ("idNumber", "身份证号"), ("name", "姓名"), ("sex", "性别"), ("birthDate", "出生日期"), ("unit", "单位"),
        ("trade", "工种"), ("workStart", "参加工作"), ("veteran", "退役安置"), ("fromProvince", "外省调入"),
    ]

    func cells(_ output: OutputOptions) -> [String] {
        let table = output.format == .table
        return [output.show(idNumber), name, table ? idNumber.sex.chinese : sex, birthDate.description, unit, trade,
                workStart.description, table ? (veteran ? "是" : "") : String(veteran), fromProvince.cell]
    }
}
