@testable import GongQinCore
import Testing

@Suite("the import file format (IMPORT.md)")
struct FileFormatTests {
    let today = Day(year: 2026, month: 11, day: 26)!
    let id = "320402198503121230"

    @Test("a header names columns by flag name, Chinese label or alias, in any order; report columns are ignored")
    func header() throws {
        let header = try FileHeader(kind: .persons, names: ["姓名", "ID-Number", "单位", "现工种", "参加工作时间", "行号", "错误"])
        #expect(header.values(of: ["张三", id, "某局", "电工", "2005-07", "9", "x"])
            == [id, "张三", "某局", "电工", "2005-07", nil, nil, nil, nil, nil])
        #expect(header.values(of: ["张三"]) == ["", "张三", "", "", "", nil, nil, nil, nil, nil])
    }

    @Test("a header with an unknown, a repeated or a missing required column is refused, all named at once")
    func badHeader() {
        #expect {
            try FileHeader(kind: .certs, names: ["身份证号", "trade", "证书工种", "工资"])
        } throws: { error in
            guard case .columns(_, let problems, nil)? = error as? HeaderProblem, problems.count == 3,
                  case .missing(let groups) = problems[2] else { return false }
            return problems[0] == .repeated(3, "证书工种", earlier: 2) && problems[1] == .unknown(4, "工资")
                && groups.map { $0.map(\.name) } == [["grade"], ["issued"]]
        }
    }

    @Test("a text field's length is its characters after trimming, whatever bytes they take")
    func lengthInCharacters() {
        func lengths(_ province: String) -> [Int] {
            let certificate = Certificate(trade: "电工", grade: .junior, issued: Day(year: 2020, month: 1, day: 1)!, province: province)
            return RecordSpecs.certificate.lengthProblems(certificate).compactMap {
                guard case .tooLong(_, let length, let limit)? = $0.cause as? RecordProblem, limit == Limits.province else { return nil }
                return length
            }
        }
        let limit = Limits.province
        // Under the limit in bytes, and over it in bytes but not in characters.
        #expect(lengths(String(repeating: "x", count: limit)) == [])
        #expect(lengths(String(repeating: "省", count: 7)) == [])
        #expect(lengths(String(repeating: "省", count: limit)) == [])
        #expect(lengths("  " + String(repeating: "x", count: limit) + "  ") == [])
        // Over it in characters.
        #expect(lengths(String(repeating: "x", count: limit + 1)) == [limit + 1])
        #expect(lengths(String(repeating: "省", count: limit + 1)) == [limit + 1])
    }

    @Test("every field has a distinct flag name and Chinese label within its kind")
    func fieldsAreDistinct() {
        for kind in RecordKind.allCases {
            let names = kind.fields.map(\.name), labels = kind.fields.flatMap { [$0.label] + $0.aliases }
            #expect(Set(names).count == names.count, "\(kind)")
            #expect(Set(labels).count == labels.count, "\(kind)")
        }
    }

    @Test("a row is read as the add command reads its flags; every bad cell is named")
    func decode() throws {
        let record = try FileRecord.decode(.education, [id, "大专", "2004-07", " 电气 ", "", "是"], today: today)
        #expect(record == .education(try IDNumber(id), Education(level: .college, graduated: Day(year: 2004, month: 7, day: 1)!,
                                                                  major: "电气", school: nil, relevant: true)))
        #expect {
            try FileRecord.decode(.certs, ["123", "", "大师", "2030-01-01", "", "luck", ""], today: today)
        } throws: { error in
            let problems = (error as? RowProblems)?.problems ?? []
            return problems.map(\.field) == ["id-number", "trade", "grade", "issued", "route"]
                && problems[2].cause as? RecordProblem == .unknownValue(.label("证书等级"), "大师", choices: Grade.choices)
                && problems[3].cause as? RecordProblem == .dayAfterToday(.label("发证时间"), Day(year: 2030, month: 1, day: 1)!, today: today)
        }
    }

    @Test("a written record reads back as itself", arguments: [
        FileRecord.unit(Unit(name: "某局", department: "某主管局", district: nil)),
        .trade(Trade(name: "维修电工", category: "机电类", maxGrade: .technician, licensed: true)),
        .certificate(try! IDNumber("320402198503121230"), Certificate(trade: "电工", grade: .seniorTechnician,
                                                                      issued: Day(year: 2020, month: 2, day: 29)!, number: "A,1", route: .review, province: "浙江")),
        .transfer(try! IDNumber("320402198503121230"), from: "电工", to: "药剂", date: Day(year: 2020, month: 3, day: 1)!),
        .assessment(try! IDNumber("320402198503121230"), AnnualAssessment(year: 2023, result: .basic)),
        .training(try! IDNumber("320402198503121230"), Training(name: "安全", date: Day(year: 2021, month: 5, day: 1)!, hours: 8)),
        .exceptional(try! IDNumber("320402198503121230"), condition: "merit-award", year: 2016, grade: .intermediate, note: nil),
    ])
    func roundTrip(_ record: FileRecord) throws {
        #expect(try FileRecord.decode(record.kind, record.values, today: today) == record)
    }

    @Test("yes and no, as clerks write them", arguments: [("是", true), ("否", false), ("TRUE", true), ("0", false), ("y", true), ("N", false)])
    func booleans(_ text: String, _ value: Bool) throws {
        #expect(try Values.bool(text, .label("是否相关专业")) == value)
    }

    @Test("the trade chain follows transfers back from the current trade; the roster shows both certificates (T1, F1)")
    func chain() throws {
        let person = Person(idNumber: try IDNumber(id), name: "张三", unit: "某局", trade: "电工",
                            workStart: Day(year: 2005, month: 7, day: 1)!)
        let d = { (y: Int) in Day(year: y, month: 6, day: 1)! }
        let record = PersonRecord(
            person: person,
            certificates: [Certificate(trade: "汽车驾驶与管理", grade: .junior, issued: d(2008)),
                           Certificate(trade: "汽车驾驶与管理", grade: .intermediate, issued: d(2013), number: "B2"),
                           Certificate(trade: "药剂", grade: .senior, issued: d(2014)),
                           Certificate(trade: "电工", grade: .intermediate, issued: d(2020), number: "E2")],
            transfers: [Transfer(from: "药剂", to: "汽车驾驶与管理", date: d(2010)),
                        Transfer(from: "汽车驾驶与管理", to: "电工", date: d(2016))])
        #expect(Array(record.chain.trades.reversed()) == ["药剂", "汽车驾驶与管理", "电工"])
        #expect(record.heldCertificates().inOrder.map(\.number) == [nil, "B2", "E2"])
        let application = Application(id: 1, cycle: 2026, grade: .senior, module: .normal, trade: "电工", status: .filed,
                                      filedOn: d(2026), certificateYear: 2026)
        let row = RosterRow(number: 1, department: nil, record: record, application: application, conditions: [])
        #expect(row.cells[10] == "药剂；汽车驾驶与管理；电工")
        #expect(row.cells[11] == "高级工；中级工；中级工")
        // The transfers that led to the current trade, for `import roster` (T1).
        #expect(row.cells[14] == "2010年06月；2016年06月")
    }

    @Test("the persons file's columns are the person's spec: the same names, labels, aliases and help as before (issue 25)")
    func personColumns() {
        struct Column: Equatable {
            let name: String, label: String, required: Bool, date: Bool, aliases: [String], help: String
        }
        let expected = [
            Column(name: "id-number", label: "身份证号", required: true, date: false,
                   aliases: ["身份证号码", "身份证", "公民身份号码", "公民身份证号码", "证件号码"], help: "18位"),
            Column(name: "name", label: "姓名", required: true, date: false, aliases: [], help: ""),
            Column(name: "unit", label: "单位", required: true, date: false, aliases: ["用人单位", "单位名称", "工作单位"], help: "须已登记"),
            Column(name: "trade", label: "工种", required: true, date: false,
                   aliases: ["现工种", "岗位工种", "岗位", "岗位名称", "工种名称"], help: "现岗位工种"),
            Column(name: "work-start", label: "参加工作时间", required: true, date: true,
                   aliases: ["参加工作日期", "参加工作年月", "参工时间", "参加工作"], help: "YYYY-MM-DD 或 YYYY-MM"),
            Column(name: "probation-end", label: "试用期满时间", required: false, date: true,
                   aliases: ["试用期满日期", "转正时间", "转正日期"], help: "可为将来日期"),
            Column(name: "enlisted", label: "入伍时间", required: false, date: true, aliases: ["入伍日期"], help: ""),
            Column(name: "discharged", label: "退役时间", required: false, date: true, aliases: ["退役日期", "退伍时间"], help: ""),
            Column(name: "placed", label: "安置时间", required: false, date: true, aliases: ["安置日期"], help: "有此项即为退役安置人员"),
            Column(name: "from-province", label: "调出省份", required: false, date: false, aliases: [], help: "外省调入人员"),
        ]
        let columns = RecordKind.persons.fields.map {
            Column(name: $0.name, label: $0.label, required: $0.required, date: $0.isDate, aliases: $0.aliases, help: $0.help)
        }
        #expect(columns == expected)
        #expect(RecordKind.persons.fields == RecordSpecs.person.fileColumns)
        // The identity number every file of a person's records leads with is the person's.
        #expect(RecordKind.persons.fields[0] == FieldSpec.idNumber)
        for kind in RecordKind.allCases where kind.isPersonal { #expect(kind.fields[0] == FieldSpec.idNumber, "\(kind)") }
        // The columns of the person's table, and the fields `update --clear` empties.
        #expect(RecordSpecs.person.fields.map(\.column) == ["id_number", "name", "unit_id", "trade_id", "work_start",
                                                            "probation_end", "enlisted", "discharged", "placed", "from_province"])
        #expect(RecordSpecs.person.fields.map { RecordKind.persons.column(of: $0.fileColumn) } == RecordSpecs.person.fields.map(\.column))
        #expect(RecordSpecs.person.clearable.map(\.name) == ["probation-end", "enlisted", "discharged", "placed", "from-province"])
    }

    @Test("the units and trades files' columns are their specs': their names, labels, aliases and help")
    func catalogueColumns() {
        func described(_ kind: RecordKind) -> [String] {
            kind.fields.map { "\($0.name)|\($0.label)|\($0.required)|\($0.isDate)|\($0.aliases.joined(separator: ","))|\($0.help)" }
        }
        #expect(described(.units) == ["name|单位|true|false|单位名称,用人单位,工作单位|", "department|主管部门|false|false||",
                                      "district|辖市区|false|false||如 天宁区"])
        #expect(described(.trades) == ["name|工种|true|false|工种名称|", "category|类别|false|false||如 机电类",
                                       "max-grade|最高等级|false|false||等级代码或中文；空为高级工", "driver|驾驶类|false|false||是/否",
                                       "cashier|收银类|false|false||是/否", "licensed|持证上岗|false|false||是/否"])
        #expect(RecordKind.units.fields == RecordSpecs.unit.fileColumns && RecordKind.trades.fields == RecordSpecs.trade.fileColumns)
        #expect(RecordKind.units.table == "unit" && RecordKind.trades.table == "trade" && RecordKind.exceptional.table == "exceptional_use")
        #expect(RecordKind.trades.fields.map(RecordKind.trades.column(of:)) == ["name", "category", "max_grade", "driver", "cashier", "licensed"])
        #expect(RecordKind.exceptional.fields.map(RecordKind.exceptional.column(of:)) == ["id_number", "condition_code", "year", "grade", "note"])
    }

    @Test("the historic uses' file columns are the use's spec's: the same names, labels, aliases and help as before")
    func exceptionalColumns() throws {
        let described = RecordKind.exceptional.fields.map {
            "\($0.name)|\($0.label)|\($0.required)|\($0.isDate)|\($0.aliases.joined(separator: ","))|\($0.help)"
        }
        #expect(described == ["id-number|身份证号|true|false|身份证号码,身份证,公民身份号码,公民身份证号码,证件号码|18位",
                              "condition|破格条件|true|false||条件代码或中文名称，见 exceptional conditions",
                              "year|年度|true|false|使用年度,审批表年度|", "grade|等级|true|false|申报等级|", "note|备注|false|false||"])
        #expect(RecordKind.exceptional.fields == RecordSpecs.exceptionalUse.fileColumns)
        let id = try IDNumber("320402198503121230")
        #expect(try FileRecord.decode(.exceptional, [id.text, " merit-award ", "2016", "中级工", ""], today: today)
            == .exceptional(id, condition: "merit-award", year: 2016, grade: .intermediate, note: nil))
        do {
            _ = try FileRecord.decode(.exceptional, [id.text, nil, "二〇一六", "中级", "备注"], today: today)
            Issue.record("a row without a condition and with a bad year was read")
        } catch {
            #expect(error.problems.map(\.field) == ["condition", "year"])
        }
    }

    @Test("a trades row: the highest grade left out is 高级工, a flag left out is no, a bad cell is named by its label")
    func decodeTrade() throws {
        #expect(try FileRecord.decode(.trades, ["电工", nil, "", "是", nil, "0"], today: today)
            == .trade(Trade(name: "电工", maxGrade: .senior, driver: true)))
        #expect {
            try FileRecord.decode(.trades, ["", " ", "大师", "也许", nil, nil], today: today)
        } throws: { error in
            let problems = (error as? RowProblems)?.problems ?? []
            return problems.map(\.field) == ["name", "max-grade", "driver"]
                && problems[0].cause as? RecordProblem == .missing(.label("工种"))
                && problems[1].cause as? RecordProblem == .unknownValue(.label("最高等级"), "大师", choices: Grade.choices)
        }
        let unit = FileRecord.unit(Unit(name: "某局", district: "天宁区"))
        #expect(unit.values == ["某局", "", "天宁区"])
        #expect(try FileRecord.decode(.units, [" 某局 ", "", "天宁区"], today: today) == unit)
        let trade = FileRecord.trade(Trade(name: "电工", category: "机电类", maxGrade: .technician, cashier: true))
        #expect(trade.values == ["电工", "机电类", "technician", "false", "true", "false"])
        #expect(trade.values(labelled: true) == ["电工", "机电类", "技师", "否", "是", "否"])
    }

    @Test("a persons row is read by the person's spec: trimmed, months and a future probation end taken, every bad cell named")
    func decodePerson() throws {
        let record = try FileRecord.decode(.persons, [id, " 张三 ", "某局", "电工", "2005-07", "2027-01", nil, "", "", " 浙江 "],
                                           today: today)
        let person = Person(idNumber: try IDNumber(id), name: "张三", unit: "某局", trade: "电工", workStart: Day(year: 2005, month: 7, day: 1)!,
                            probationEnd: Day(year: 2027, month: 1, day: 1)!, fromProvince: "浙江")
        #expect(record == .person(person))
        #expect(record.values == [id, "张三", "某局", "电工", "2005-07-01", "2027-01-01", "", "", "", "浙江"])
        #expect(try FileRecord.decode(.persons, record.values, today: today) == record)
        #expect {
            try FileRecord.decode(.persons, ["123", "", "某局", nil, "2030-01", "x", "2030-01", nil, nil, nil], today: today)
        } throws: { error in
            let problems = (error as? RowProblems)?.problems ?? []
            return problems.map(\.field) == ["id-number", "name", "trade", "work-start", "probation-end", "enlisted"]
                && problems[1].cause as? RecordProblem == .missing(.label("姓名"))
                && problems[3].cause as? RecordProblem == .dayAfterToday(.label("参加工作时间"), Day(year: 2030, month: 1, day: 1)!, today: today)
        }
    }
}
