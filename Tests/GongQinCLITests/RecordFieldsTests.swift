import ArgumentParser
import Foundation
@testable import GongQinCLI
import GongQinCore
import Testing

/// Each kind's flags are declared once (`RecordFields`, GongQinCLI/Records/RecordFields.swift)
/// for its `add` and its `update` (CLI.md: `KIND update N [flags of KIND add]`), named and
/// helped from the kind's spec.
@Suite("record fields: one declaration of each kind's flags for add and update, from its spec")
struct RecordFieldsTests {
    let id = IDs.make(birth: "19800312", sequence: 123)

    /// Each kind's command, its spec's fields, and the names its `RecordFields` gives values for.
    static let kinds: [(command: String, fields: [String], given: Set<String>)] = [
        ("cert", names(RecordSpecs.certificate), given(CertificateFields.self)),
        ("transfer", names(RecordSpecs.transfer), given(TransferFields.self)),
        ("assessment", names(RecordSpecs.assessment), given(AssessmentFields.self)),
        ("education", names(RecordSpecs.education), given(EducationFields.self)),
        ("award", names(RecordSpecs.award), given(AwardFields.self)),
        ("training", names(RecordSpecs.training), given(TrainingFields.self)),
        ("job", names(RecordSpecs.job), given(JobFields.self)),
    ]

    static func names<R>(_ spec: RecordSpec<R>) -> [String] { spec.fields.map(\.name) }

    /// The names a kind's fields give values for, read from the flags given none.
    static func given<F: RecordFields>(_ type: F.Type) -> Set<String> {
        Set((try? F.parse([]).values().keys).map(Array.init) ?? [])
    }

    /// A command's options other than the shared ones, by name, with their help.
    func options(_ path: [String]) -> [String: String] {
        let shared: Set<String> = ["--db", "--seal-key", "--format", "--reveal", "--wide", "--clear", "--current", "--help", "--version"]
        return Dictionary(CommandShape.options(of: path).filter { !shared.contains($0.name) }.map { ($0.name, $0.abstract) },
                          uniquingKeysWith: { a, _ in a })
    }

    @Test("add and update of every kind take the same flags, one per field of its spec, with the same help")
    func oneDefinition() {
        for kind in Self.kinds {
            let add = options([kind.command, "add"]), update = options([kind.command, "update"])
            #expect(Set(add.keys) == Set(kind.fields.map { "--" + $0 }), "\(kind.command) add: \(add.keys.sorted())")
            #expect(add == update, "\(kind.command): add and update differ")
            #expect(kind.given == Set(kind.fields), "\(kind.command): its RecordFields gives \(kind.given.sorted())")
        }
    }

    @Test("each flag's help begins with its field's label, and says what it takes")
    func helpFromTheSpec() {
        func check<R>(_ command: String, _ spec: RecordSpec<R>) {
            let help = options([command, "add"])
            for field in spec.fields {
                #expect(help["--" + field.name]?.hasPrefix(field.label) == true, "\(command) --\(field.name): \(help["--" + field.name] ?? "")")
            }
        }
        check("cert", RecordSpecs.certificate)
        check("transfer", RecordSpecs.transfer)
        check("assessment", RecordSpecs.assessment)
        check("education", RecordSpecs.education)
        check("award", RecordSpecs.award)
        check("training", RecordSpecs.training)
        check("job", RecordSpecs.job)

        let s = Sandbox()
        let add = s.ok("cert", "add", "--help"), update = s.ok("cert", "update", "--help")
        for help in [add, update] {
            #expect(help.contains("--issued <date>         发证时间：YYYY-MM-DD\n"), "\(help)")
            #expect(help.contains("--authority <authority> 发证机关：证书上的发证机关\n"), "\(help)")
            #expect(help.contains("--province <province>   发证省份：空为江苏\n"), "\(help)")
        }
        // The usage line of add shows the required fields as the parser did when they were required options.
        #expect(add.contains("用法：gongqin cert add [<options>] <id> --trade <trade> --grade <grade> --issued <date>\n"), "\(add)")
        #expect(s.ok("job", "add", "--help").contains("--to <date>             截止时间：YYYY-MM-DD 或 YYYY-MM；空为现任岗位"))
        #expect(s.ok("education", "update", "--help").contains("是否相关专业：是/否（true/false、1/0、y/n）（可选：yes、no；单写即：yes）"))
    }

    @Test("person add and update take the person's spec's fields as flags, helped by it, and --clear its optional ones")
    func personFields() {
        let fields = RecordSpecs.person.fields.map(\.name).filter { $0 != FieldSpec.idNumberName }
        #expect(Self.given(PersonCommand.Fields.self) == Set(fields))
        let add = options(["person", "add"]), update = options(["person", "update"])
        #expect(Set(add.keys) == Set(fields.map { "--" + $0 } + ["--id-number"]), "\(add.keys.sorted())")
        #expect(Set(update.keys) == Set(fields.map { "--" + $0 } + ["--correction"]), "\(update.keys.sorted())")
        for field in RecordSpecs.person.fields where field.name != FieldSpec.idNumberName {
            #expect(add["--" + field.name] == update["--" + field.name])
            #expect(add["--" + field.name]?.hasPrefix(field.label) == true, "--\(field.name): \(add["--" + field.name] ?? "")")
        }
        #expect(PersonCommand.Update.ClearableField.allValueStrings == ["probation-end", "enlisted", "discharged", "placed", "from-province"])
        #expect(PersonCommand.Update.configuration.discussion.contains("--clear 清空可选项：probation-end、enlisted、discharged、placed、from-province。"))
        let s = Sandbox()
        let help = s.ok("person", "update", "--help")
        #expect(help.contains("--work-start <date>     参加工作时间：YYYY-MM-DD 或 YYYY-MM\n"), "\(help)")
        #expect(help.contains("--probation-end <date>  试用期满时间：YYYY-MM-DD 或 YYYY-MM；可为将来日期\n"), "\(help)")
        #expect(help.contains("--from-province <name>  调出省份：外省调入人员\n"), "\(help)")
        #expect(help.contains("（可选：probation-end、enlisted、discharged、placed、from-province）"), "\(help)")
        // The names the refusals have always used: the flags left out, the labels of the required fields.
        #expect(s.fails(64, "person", "add", "--id-number", id, "--name", "张三")
            == "用法错误：缺少参数 --unit、--trade、--work-start。登记人员须给出姓名、单位、工种和参加工作时间\n")
        #expect(s.fails(64, "person", "update", id, "--clear", "name").contains("可选：probation-end、enlisted、discharged、placed、from-province"))
        #expect(s.fails(65, "person", "update", id, "--work-start", "2005-13").contains("参加工作时间：“2005-13”不是真实存在的日期"))
    }

    @Test("add refuses the required fields left out: exit 64, one line naming each and the help, before any database")
    func requiredLeftOut() {
        let s = Sandbox()
        let err = s.fails(64, "cert", "add", "张三", "--grade", "初级工")
        #expect(err == "用法错误：缺少 --trade（证书工种）、--issued（发证时间），未写入任何内容。登记等级证书须给出 --trade、--grade 和 --issued；各项的写法见 gongqin cert add --help\n")
        for kind in Self.kinds {
            let err = s.fails(64, kind.command, "add", "张三")
            #expect(err.hasPrefix("用法错误：缺少 --"), "\(err)")
        }
        #expect(!FileManager.default.fileExists(atPath: s.db))
        // A required field given empty is given: what the record then lacks is the store's to say.
        s.seed()
        s.person(id)
        #expect(s.fails(65, "award", "add", id, "--name", " ", "--date", "2010-05").contains("奖励名称"))
    }

    @Test("education --relevant: alone it is yes, on add and update; yes|no on both; a value it cannot read exits 64")
    func relevant() throws {
        let s = Sandbox()
        s.seed()
        s.person(id)
        s.ok("education", "add", id, "--level", "大专", "--graduated", "2004-07", "--relevant")
        s.ok("education", "add", "--relevant", id, "--level", "本科", "--graduated", "2008-07")
        s.ok("education", "add", id, "--level", "高中", "--graduated", "1998-07", "--relevant", "no", "--school", "常州一中")
        var list = try #require(s.json("education", "list", id) as? [[String: Any]])
        #expect(list.map { $0["relevant"] as? Bool } == [false, true, true], "\(list)")
        let number = String(try #require(list.first?["id"] as? Int))

        s.ok("education", "update", number, "--relevant")
        list = try #require(s.json("education", "list", id) as? [[String: Any]])
        #expect(list.first?["relevant"] as? Bool == true)
        s.ok("education", "update", number, "--relevant=否")
        list = try #require(s.json("education", "list", id) as? [[String: Any]])
        #expect(list.first?["relevant"] as? Bool == false)

        #expect(s.fails(64, "education", "update", number, "--relevant=也许").contains("参数 --relevant 的值“也许”无效"))
        s.fails(64, "education", "update", number, "--relevant", "也许")
        s.fails(64, "education", "add", id, "--level", "大专", "--graduated", "2005-07", "--relevant=nope")
    }

    @Test("transfer add takes --from, as update and the import do: an earlier transfer, from the trade given")
    func transferFrom() throws {
        let s = Sandbox()
        s.seed()
        s.person(id, trade: "电工")
        s.ok("transfer", "add", id, "--from", "汽车驾驶与管理", "--to", "电工", "--date", "2010-03")
        let transfers = try #require(s.json("transfer", "list", id) as? [[String: Any]])
        #expect(transfers.first?["from"] as? String == "汽车驾驶与管理" && transfers.first?["to"] as? String == "电工", "\(transfers)")
        // Without --from, from the current trade, which becomes the new one.
        s.ok("trade", "add", "文印")
        s.ok("transfer", "add", id, "--to", "文印", "--date", "2015-03")
        let person = try #require(s.json("person", "show", id) as? [String: Any])
        #expect(person["trade"] as? String == "文印", "\(person)")
    }
}
