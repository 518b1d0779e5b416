import Foundation
import Testing

/// Three ledger defects, each reproduced with the CLI alone and held to the reading of the
/// notice (RULES X1 applications, V6 two certificates, record numbers).
@Suite("ledger defects: a failed application's use, a review certificate, record numbers")
struct LedgerDefectTests {
    let id = IDs.make(birth: "19800310", sequence: 22)

    /// 张三, 烹饪, a technician since 2021 and 大专 since 2001; 2019 and 2020 优秀, then 合格:
    /// open in 2024 to 高级技师·破格 by excellent-two-years, filed and accepted.
    func accepted() -> Sandbox {
        let s = Sandbox()
        s.today = "2024-07-15"
        s.ok("unit", "add", "甲所")
        s.ok("person", "add", "--id-number", id, "--name", "张三", "--unit", "甲所", "--trade", "烹饪", "--work-start", "2001-07")
        s.ok("cert", "add", id, "--trade", "烹饪", "--grade", "technician", "--issued", "2021-02-28")
        s.ok("education", "add", id, "--level", "大专", "--graduated", "2001-07")
        for year in [2019, 2020] { s.ok("assessment", "add", id, "--year", String(year), "--result", "优秀") }
        for year in [2021, 2022, 2023] { s.ok("assessment", "add", id, "--year", String(year), "--result", "合格") }
        s.ok("apply", id, "--cycle", "2024", "--grade", "senior-technician", "--module", "exceptional",
             "--condition", "excellent-two-years", "--date", "2024-07-01")
        s.ok("application", "set-status", "1", "accepted")
        return s
    }

    /// Whether `eligible` offers 2024 高级技师·破格 by excellent-two-years.
    func offered(_ s: Sandbox) -> Bool {
        let options = s.json("eligible", "--cycle", "2024") as? [[String: Any]] ?? []
        return options.contains {
            $0["grade"] as? String == "senior-technician" && $0["module"] as? String == "exceptional"
                && ($0["conditions"] as? [String] ?? []).contains("excellent-two-years")
        }
    }

    /// Whether `explain` finds the category of excellent-two-years unused (X1 passes).
    func explainSaysUnused(_ s: Sandbox) -> Bool {
        let explained = s.json("explain", id, "--cycle", "2024") as? [String: Any] ?? [:]
        let options = explained["options"] as? [[String: Any]] ?? []
        let option = options.first { $0["grade"] as? String == "senior-technician" && $0["module"] as? String == "exceptional" }
        let checks = option?["checks"] as? [[String: Any]] ?? []
        let x1 = checks.filter { $0["rule"] as? String == "X1" && ($0["detail"] as? String ?? "").contains("连续两年年度考核优秀") }
        return !x1.isEmpty && x1.allSatisfy { $0["verdict"] as? String == "pass" }
    }

    @Test("after a failed, passed or deferred result the use stays spent: eligible, explain and apply agree (X1)",
          arguments: ["failed", "passed", "deferred"])
    func decidedKeepsUse(_ result: String) throws {
        let s = accepted()
        if result != "deferred" { s.ok("application", "result", "1", "--review", result == "failed" ? "failed" : "passed") }
        s.ok("application", "set-status", "1", result)
        #expect(!offered(s))
        #expect(!explainSaysUnused(s))
        let err = s.fails(1, "apply", id, "--cycle", "2024", "--grade", "senior-technician", "--module", "exceptional",
                          "--condition", "excellent-two-years", "--date", "2024-07-02")
        #expect(err.contains("X1") || err.contains("D6"))
        #expect(s.ok("check").contains("校验通过"))
    }

    @Test("a withdrawal before acceptance gives the use back: then, and only then, the category is offered again")
    func withdrawnReleases() throws {
        let s = Sandbox()
        s.today = "2024-07-15"
        s.ok("unit", "add", "甲所")
        s.ok("person", "add", "--id-number", id, "--name", "张三", "--unit", "甲所", "--trade", "烹饪", "--work-start", "2001-07")
        s.ok("cert", "add", id, "--trade", "烹饪", "--grade", "technician", "--issued", "2021-02-28")
        s.ok("education", "add", id, "--level", "大专", "--graduated", "2001-07")
        for year in [2019, 2020] { s.ok("assessment", "add", id, "--year", String(year), "--result", "优秀") }
        for year in [2021, 2022, 2023] { s.ok("assessment", "add", id, "--year", String(year), "--result", "合格") }
        s.ok("apply", id, "--cycle", "2024", "--grade", "senior-technician", "--module", "exceptional",
             "--condition", "excellent-two-years", "--date", "2024-07-01")
        // Filed and in progress: the application's own use is its own (explain judges it as itself).
        #expect(explainSaysUnused(s))
        s.ok("application", "set-status", "1", "withdrawn")
        #expect(offered(s))
        #expect(explainSaysUnused(s))
    }

    @Test("a Jiangsu review certificate beside the out-of-province original of the same trade and grade (V6)")
    func reviewCertificate() throws {
        let s = Sandbox()
        s.today = "2024-07-15"
        let other = IDs.make(birth: "19780101", sequence: 31)
        s.ok("unit", "add", "甲所")
        s.ok("person", "add", "--id-number", other, "--name", "李四", "--unit", "甲所", "--trade", "电工", "--work-start", "2000-07",
             "--from-province", "浙江省")
        s.ok("cert", "add", other, "--trade", "电工", "--grade", "intermediate", "--issued", "2012-05-01", "--province", "浙江省")
        var explained = s.ok("explain", other, "--cycle", "2024")
        #expect(explained.contains("V0") || explained.contains("V6"))
        s.ok("cert", "add", other, "--trade", "电工", "--grade", "intermediate", "--issued", "2016-08-01", "--route", "review")
        // Two Jiangsu certificates of one trade and grade are still one.
        s.fails(65, "cert", "add", other, "--trade", "电工", "--grade", "intermediate", "--issued", "2017-08-01")
        let certs = try #require(s.json("cert", "list", other) as? [[String: Any]])
        #expect(certs.count == 2)
        // Seniority counts from the original's issue date; the review certificate ends V0.
        let seniority = try #require(s.json("seniority", other) as? [[String: Any]])
        #expect(seniority.first { $0["grade"] as? String == "intermediate" }?["since"] as? String == "2012-05-01")
        explained = s.ok("explain", other, "--cycle", "2024")
        #expect(!explained.contains("复核申报：可申报"))
        #expect(s.ok("check").contains("校验通过"))
    }

    @Test("remove, add, revert: three distinct record numbers, and the revert brings the record back under its number")
    func numbersNeverReused() throws {
        let s = Sandbox()
        s.seed()
        s.person(id)
        for year in [2019, 2020] { s.ok("assessment", "add", id, "--year", String(year), "--result", "合格") }
        s.ok("assessment", "remove", "2")
        s.ok("assessment", "add", id, "--year", "2021", "--result", "优秀")
        let log = try #require(s.json("log") as? [[String: Any]])
        let removal = try #require(log.last { $0["table"] as? String == "annual_assessment" && $0["op"] as? String == "delete" })
        s.ok("revert", String(removal["seq"] as? Int ?? 0))
        let numbers = try #require(s.json("assessment", "list", id) as? [[String: Any]]).map { $0["id"] as? Int ?? 0 }
        #expect(Set(numbers) == [1, 2, 3], "\(numbers)")
        let years = try #require(s.json("assessment", "list", id) as? [[String: Any]])
        #expect(years.first { $0["id"] as? Int == 2 }?["year"] as? Int == 2020)
        #expect(years.first { $0["id"] as? Int == 3 }?["year"] as? Int == 2021)
        #expect(s.ok("check").contains("校验通过"))
    }
}
