import Foundation
import Testing

/// Implausible records are refused (RULES §12, PL1–PL3; issue 27), each both ways and on
/// every path that writes them: the command, an import, a correction.
@Suite("plausibility: PL1 a historic use's grade, PL2 review below a held grade, PL3 an assessment year")
struct PlausibilityTests {
    let id = IDs.make(birth: "19800312", sequence: 123)

    func seeded(today: String = "2026-11-26") -> Sandbox {
        let s = Sandbox()
        s.today = today
        s.seed()
        s.person(id, workStart: "2001-07")
        return s
    }

    @Test("PL1: a historic use for a grade already held in that trade before that year is refused (65), naming the certificate")
    func historicUseGrade() throws {
        let s = seeded()
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "初级工", "--issued", "2004-06-01")
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "中级工", "--issued", "2012-06-01", "--number", "1207")
        let err = s.fails(65, "exceptional", "record", id, "--condition", "excellent-two-years", "--year", "2016", "--grade", "中级工")
        #expect(err.contains("此前已持有电工中级工证书（2012-06-01，编号1207）") && err.contains("PL1，须知·四·8"))
        s.fails(65, "exceptional", "record", id, "--condition", "excellent-two-years", "--year", "2016", "--grade", "初级工")
        // The year the certificate came: the use that brought it is plausible.
        s.ok("exceptional", "record", id, "--condition", "excellent-two-years", "--year", "2012", "--grade", "中级工")
        // A correction that makes it implausible, through the gate.
        let uses = try #require(s.json("exceptional", "list", "--person", id) as? [[String: Any]])
        let number = String(try #require(uses.first?["id"] as? Int))
        #expect(s.fails(65, "exceptional", "update", number, "--year", "2014").contains("PL1"))
        // An import of the same.
        let file = s.folder + "/uses.csv"
        try "id-number,condition,year,grade\n\(id),merit-award,2016,中级工\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(s.fails(65, "import", "exceptional", file).contains("PL1"))
        try "id-number,condition,year,grade\n\(id),merit-award,2016,高级工\n".write(toFile: file, atomically: true, encoding: .utf8)
        s.ok("import", "exceptional", file)
    }

    @Test("PL1 looks at the trade held that year: a certificate of a trade left before is no bar")
    func historicUseOtherTrade() {
        let s = seeded()
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "中级工", "--issued", "2012-06-01")
        s.ok("transfer", "add", id, "--to", "汽车驾驶与管理", "--date", "2018-03")
        s.ok("exceptional", "record", id, "--condition", "merit-award", "--year", "2020", "--grade", "中级工")
    }

    @Test("PL2: a placed veteran holding 中级工 is not offered 初级工 through review; without it he is")
    func reviewBelowHeld() throws {
        let s = seeded()
        let veteran = IDs.make(birth: "19900101", sequence: 31)
        s.person(veteran, name: "钱多", trade: "药剂", workStart: "2023-03",
                 extra: ["--enlisted", "2016-09", "--discharged", "2023-01", "--placed", "2023-03"])
        let before = try #require(s.json("eligible", "--cycle", "2028", "--person", veteran) as? [[String: Any]])
        #expect(before.contains { $0["grade"] as? String == "junior" && $0["module"] as? String == "review" })
        s.ok("cert", "add", veteran, "--trade", "药剂", "--grade", "中级工", "--issued", "2024-06-01")
        let after = try #require(s.json("eligible", "--cycle", "2028", "--person", veteran) as? [[String: Any]])
        #expect(!after.contains { $0["module"] as? String == "review" && ($0["grade"] as? String == "junior" || $0["grade"] as? String == "intermediate") })
        let explained = s.ok("explain", veteran, "--cycle", "2028")
        #expect(explained.contains("✗ PL2 须知·一(四)1：已持有江苏药剂中级工证书（2024-06-01）"))
    }

    @Test("PL3: an assessment year is accepted before the current year, or the current year from 12-01 on")
    func assessmentYear() throws {
        let s = seeded()
        let err = s.fails(65, "assessment", "add", id, "--year", "2026", "--result", "合格")
        #expect(err.contains("2026年度考核要到2026-12-01起才进行") && err.contains("PL3，须知·二(一)5"))
        s.ok("assessment", "add", id, "--year", "2025", "--result", "合格")
        let file = s.folder + "/assessments.csv"
        try "id-number,year,result\n\(id),2026,合格\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(s.fails(65, "import", "assessments", file).contains("PL3"))
        s.today = "2026-12-03"
        s.ok("import", "assessments", file)
        s.fails(65, "assessment", "add", id, "--year", "2027", "--result", "合格")
        let list = try #require(s.json("assessment", "list", id) as? [[String: Any]])
        let number = String(try #require(list.first { $0["year"] as? Int == 2025 }?["id"] as? Int))
        #expect(s.fails(65, "assessment", "update", number, "--year", "2027").contains("PL3"))
    }
}
