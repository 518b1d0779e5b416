@testable import GongQinCore
import Testing

@Suite("names folded; the header found below a title; 性别 and 出生年月 checked (issue 26)")
struct PersonNameTests {
    @Test("a name is trimmed, its middle dot made U+00B7, the spaces inside an all-Chinese name removed", arguments: [
        ("陈  强", "陈强"), (" 陈强 ", "陈强"), ("陈\u{3000}强", "陈强"), ("阿依古丽 · 买买提", "阿依古丽·买买提"),
        ("阿依古丽•买买提", "阿依古丽·买买提"), ("阿依古丽・买买提", "阿依古丽·买买提"), ("阿依古丽‧买买提", "阿依古丽·买买提"),
        ("John  Smith", "John Smith"), ("李 Anna", "李 Anna"), ("𠀾 强", "𠀾强"),
    ])
    func fold(_ pair: (String, String)) {
        #expect(PersonName.fold(pair.0) == pair.1)
        #expect(PersonName.isFolded(pair.1))
        #expect(Person(idNumber: try! IDNumber("320402198003151230"), name: pair.0, unit: "u", trade: "t",
                       workStart: Day(year: 2001, month: 7, day: 1)!).name == pair.1)
    }

    @Test("a name set later is folded too")
    func didSet() {
        var person = Person(idNumber: try! IDNumber("320402198003151230"), name: "陈强", unit: "u", trade: "t",
                            workStart: Day(year: 2001, month: 7, day: 1)!)
        person.name = " 王  五 "
        #expect(person.name == "王五")
    }

    @Test("the header is the first row that reads as one; the rows above it are left to the caller")
    func header() throws {
        let (header, row) = try FileHeader.find(layout: RecordKind.persons.layout, rows: [
            (1, ["常州市某某局工勤人员花名册(2026年12月)", "", ""]),
            (2, ["序号", "姓名", "性别", "身份证号", "单位", "工种", "参加工作时间"]),
        ])
        #expect(row == 2)
        #expect(header.checkedValues(of: ["1", "张三", "男", "x"]) == ["sex": "男"])
        #expect {
            try FileHeader.find(layout: RecordKind.persons.layout, rows: [(1, ["标题"]), (2, ["姓名", "身份证号", "工资"])])
        } throws: { error in
            guard case .columns(_, let problems, row: 2)? = error as? HeaderProblem else { return false }
            return problems.first == .unknown(3, "工资")
        }
    }

    @Test("性别 and 出生年月 against the ID (GB 11643)")
    func checked() throws {
        let man = try IDNumber("320402198003151230")
        #expect(FileHeader.checkedProblems(["sex": "男", "birth-month": "1980年03月"], id: man).isEmpty)
        #expect(FileHeader.checkedProblems(["birth-month": "198003"], id: man).isEmpty)
        #expect(FileHeader.checkedProblems(["birth-month": "1980-03-15"], id: man).isEmpty)
        #expect(FileHeader.checkedProblems(["birth-month": "1980-03-16"], id: man).map(\.field) == ["birth-month"])
        #expect(FileHeader.checkedProblems(["sex": "女"], id: man).first?.cause as? RecordProblem == .sexDiffers("女", man))
        #expect(FileHeader.checkedProblems(["sex": "未知"], id: man).first?.cause as? RecordProblem == .sexUnreadable("未知"))
    }

    @Test("a roster row fans out: the person, two certificates side by side, the transfer between them, the education")
    func rosterRow() throws {
        let today = Day(year: 2026, month: 11, day: 26)!
        let fields = RosterFile.layout.fields.map(\.name)
        func row(_ cells: [String: String]) -> [String?] { fields.map { cells[$0] } }
        let entry = try RosterFile.decode(row([
            "id-number": "320402198003151230", "name": "吴  刚", "unit": "某局", "work-start": "2001年07月",
            "cert-trade": "汽车驾驶与管理;电工", "cert-grade": "中级工；中级工", "cert-number": "1207；", "cert-issued": "2012-06；2022-06",
            "transfer-date": "2021年03月", "applied-trade": "电工", "applied-grade": "高级工", "level": "大专", "graduated": "2000-07",
        ]), today: today)
        #expect(entry.person.name == "吴刚" && entry.person.trade == "电工" && entry.namesApplication)
        #expect(entry.certificates.map(\.trade) == ["汽车驾驶与管理", "电工"] && entry.certificates.map(\.number) == ["1207", nil])
        #expect(entry.transfers == [Transfer(from: "汽车驾驶与管理", to: "电工", date: Day(year: 2021, month: 3, day: 1)!)])
        #expect(entry.education?.level == .college)
        #expect {
            try RosterFile.decode(row(["id-number": "320402198003151230", "name": "吴刚", "unit": "某局", "work-start": "2001-07",
                                       "trade": "电工", "cert-trade": "电工", "cert-grade": "中级工；高级工", "cert-issued": "2012-06"]),
                                  today: today)
        } throws: { ($0 as? RowProblems)?.problems.map(\.field) == ["cert-grade"] }
    }
}
