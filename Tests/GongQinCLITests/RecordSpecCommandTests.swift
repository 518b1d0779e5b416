import Foundation
import Testing

/// A field added to a kind's spec (GongQinCore, RecordSpec) and its table reaches every
/// command without further code: a certificate's 发证机关 (Schema/0012), end to end; and
/// `KIND update N --clear FIELD` for every optional field the spec names.
@Suite("record specs: a certificate's issuing authority everywhere, --clear for every kind")
struct RecordSpecCommandTests {
    let id = IDs.make(birth: "19800312", sequence: 123)

    func seeded() -> Sandbox {
        let s = Sandbox()
        s.today = "2024-03-01"
        s.seed()
        s.person(id, workStart: "2000-07")
        return s
    }

    func certificates(_ s: Sandbox, db: String? = nil) -> [[String: Any]] {
        let arguments = ["cert", "list", id, "--format", "json"] + (db.map { ["--db", $0] } ?? [])
        let result = s.run(arguments)
        #expect(result.code == 0, "\(result.err)")
        return (try? JSONSerialization.jsonObject(with: Data(result.out.utf8))) as? [[String: Any]] ?? []
    }

    @Test("发证机关: add, list, person show, update, --clear, log, export, import back, merge")
    func authorityEverywhere() throws {
        let s = seeded()
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "初级工", "--issued", "2003-06-01", "--authority", "常州市劳动局")
        let number = try #require(certificates(s).first?["id"] as? Int)
        #expect(certificates(s).first?["authority"] as? String == "常州市劳动局")
        #expect(s.ok("cert", "list", id).contains("发证机关"))
        let shown = s.ok("person", "show", id)
        #expect(shown.contains("发证机关") && shown.contains("常州市劳动局"), "\(shown)")

        // A correction, logged under the field's label, and cleared again.
        #expect(s.ok("cert", "update", String(number), "--authority", "常州市人力资源和社会保障局")
            .contains("发证机关：常州市劳动局 → 常州市人力资源和社会保障局"))
        #expect(s.ok("log", "--table", "certificate").contains("发证机关: 常州市劳动局 → 常州市人力资源和社会保障局"))

        // Export writes the column; import reads it back, by English or Chinese header.
        let english = s.ok("export", "certs")
        #expect(english.split(separator: "\n").first?.hasSuffix(",authority") == true, "\(english)")
        #expect(english.contains("常州市人力资源和社会保障局"))
        let chinese = s.ok("export", "certs", "--chinese-header")
        #expect(chinese.split(separator: "\n").first?.contains("发证机关") == true, "\(chinese)")
        let file = s.folder + "/certs.csv"
        try chinese.replacingOccurrences(of: "常州市人力资源和社会保障局", with: "江苏省人力资源和社会保障厅")
            .write(toFile: file, atomically: true, encoding: .utf8)
        #expect(s.ok("import", "certs", file, "--update").contains("更新1条"))
        #expect(certificates(s).first?["authority"] as? String == "江苏省人力资源和社会保障厅")

        // A bundle carries it; a department sees a different authority as a conflict named by its label.
        let department = s.folder + "/department.sqlite"
        let bundle = s.folder + "/a.bundle"
        s.ok("bundle", "--unit", "常州市某局", "--output", bundle)
        s.ok("merge", bundle, "--db", department)
        #expect(certificates(s, db: department).first?["authority"] as? String == "江苏省人力资源和社会保障厅")
        s.ok("cert", "update", String(number), "--authority", "常州市劳动局")
        s.ok("bundle", "--unit", "常州市某局", "--output", s.folder + "/b.bundle")
        let conflict = s.run("merge", s.folder + "/b.bundle", "--db", department)
        #expect(conflict.code != 0 && (conflict.out + conflict.err).contains("发证机关"), "\(conflict)")

        #expect(s.ok("cert", "update", String(number), "--clear", "authority").contains("发证机关：常州市劳动局 → （空）"))
        #expect(certificates(s).first?["authority"] == nil)
        #expect(s.ok("check").contains("校验通过"))
    }

    @Test("an authority longer than the column holds is refused with its label, and nothing is written")
    func authorityTooLong() {
        let s = seeded()
        let before = s.snapshot()
        let error = s.fails(65, "cert", "add", id, "--trade", "电工", "--grade", "初级工", "--issued", "2003-06-01",
                            "--authority", String(repeating: "局", count: 101))
        #expect(error.contains("发证机关"), "\(error)")
        #expect(s.snapshot() == before)
    }

    @Test("--clear empties an optional field of every kind, and refuses a required one with the choices")
    func clearEveryKind() throws {
        let s = seeded()
        s.ok("education", "add", id, "--level", "高中", "--graduated", "1998-07", "--school", "常州一中", "--relevant")
        s.ok("award", "add", id, "--name", "嘉奖", "--date", "2010-05", "--issuer", "某局")
        s.ok("training", "add", id, "--name", "安全培训", "--date", "2012-05", "--hours", "40", "--issuer", "某中心")
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "初级工", "--issued", "2003-06-01", "--number", "0401",
             "--province", "浙江", "--route", "early")
        func number(_ kind: String) throws -> String {
            let list = s.json(kind, "list", id) as? [[String: Any]] ?? []
            return String(try #require(list.first?["id"] as? Int))
        }
        s.ok("education", "update", try number("education"), "--clear", "school", "relevant")
        let education = try #require((s.json("education", "list", id) as? [[String: Any]])?.first)
        #expect(education["school"] == nil && education["relevant"] as? Bool == false, "\(education)")
        s.ok("award", "update", try number("award"), "--clear", "issuer")
        #expect((s.json("award", "list", id) as? [[String: Any]])?.first?["issuer"] == nil)
        s.ok("training", "update", try number("training"), "--clear", "hours", "issuer")
        let training = try #require((s.json("training", "list", id) as? [[String: Any]])?.first)
        #expect(training["hours"] == nil && training["issuer"] == nil, "\(training)")
        // A field with a default goes back to it.
        s.ok("cert", "update", try number("cert"), "--clear", "number", "province", "route")
        let certificate = try #require(certificates(s).first)
        #expect(certificate["number"] == nil && certificate["province"] as? String == "江苏"
                && certificate["route"] as? String == "normal", "\(certificate)")

        let before = s.snapshot()
        let refused = s.fails(64, "cert", "update", try number("cert"), "--clear", "trade")
        #expect(refused.contains("等级证书没有可清空的项“trade”") && refused.contains("authority（发证机关）"), "\(refused)")
        s.fails(64, "award", "update", try number("award"), "--clear", "date")
        #expect(s.snapshot() == before)
        #expect(s.ok("cert", "update", "--help").contains("--clear 清空可选项：number（证书编号）"))
        #expect(s.ok("check").contains("校验通过"))
    }
}
