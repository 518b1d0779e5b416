import Foundation
import Testing

/// Values converted where the command line is parsed (`@Option(transform: Parse.…)`,
/// Arguments/), and the completion each argument offers (Documentation/CLI.md, “One
/// command line”; issue 25).
@Suite("arguments converted at the boundary, with completion kinds")
struct ArgumentBoundaryTests {
    let id = IDs.make(birth: "19800312", sequence: 123)

    /// The files of the state folder (the head witness), with their contents.
    func state(_ s: Sandbox) -> [String: Data] {
        let folder = s.folder + "/.local/state/gongqin"
        let files = FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []
        return Dictionary(uniqueKeysWithValues: files.map { ($0, FileManager.default.contents(atPath: folder + "/" + $0) ?? Data()) })
    }

    // A bad date is invalid data (exit 65, CLI.md's table of exit codes), as it was when
    // run() read it; only the moment it is refused moved.
    @Test("a bad date is refused before the command runs: one Chinese line, the same exit code, nothing written", arguments: [
        (["person", "update", "张三", "--enlisted", "2001-13"], "错误：入伍时间：“2001-13”不是真实存在的日期"),
        (["cert", "update", "1", "--issued", "2026-02-30"], "错误：发证时间：“2026-02-30”不是真实存在的日期"),
        (["job", "add", "张三", "--from", "2026-12", "--unit", "某单位", "--post", "驾驶员"],
         "错误：任职起始时间2026-12-01晚于今天（2026-11-26）。只能登记已发生的日期"),
        (["apply", "张三", "--cycle", "next", "--grade", "高级工", "--module", "正常", "--date", "2026-11-27"],
         "错误：申报日期2026-11-27晚于今天（2026-11-26）。只能登记已发生的日期"),
        (["log", "--since", "昨天", "--format", "json"], "错误：--since：“昨天”不是日期，应写作 YYYY-MM-DD，如 2019-07-01"),
        (["--as-of", "2026-13", "eligible", "--cycle", "next"], "错误：--as-of：“2026-13”只有年月，这里须写到日：YYYY-MM-DD"),
    ])
    func badDate(_ arguments: [String], _ line: String) {
        let s = Sandbox()
        s.seed()
        s.person(id)
        s.ok("cert", "add", id, "--trade", "电工", "--grade", "中级工", "--issued", "2012-06-01")
        let witness = state(s), before = s.snapshot()
        let result = s.run(arguments)
        #expect(result.code == 65, "\(result.err)")
        #expect(result.err == line + "\n")
        #expect(result.out.isEmpty)
        #expect(s.snapshot() == before)
        #expect(state(s) == witness)
    }

    @Test("a value refused at the boundary comes before the database: none is opened or created")
    func beforeTheDatabase() {
        let s = Sandbox()
        // run() would have said the database is missing (66); the date is refused first.
        let err = s.fails(65, "person", "update", "张三", "--discharged", "2004-02-30")
        #expect(err == "错误：退役时间：“2004-02-30”不是真实存在的日期\n")
        #expect(s.fails(65, "transfer", "add", "张三", "--to", "电工", "--date", "2030-01").contains("晚于今天"))
        #expect(s.fails(65, "person", "add", "--id-number", "32040219800315123X", "--name", "李四", "--unit", "某单位",
                        "--trade", "电工", "--work-start", "2001-07").contains("校验位"))
        #expect(!FileManager.default.fileExists(atPath: s.db))
        #expect(state(s).isEmpty)
        // A usage error thrown at the boundary stays one (64), in its own words.
        #expect(s.fails(64, "check", "--anchor", "12").hasPrefix("用法错误：--anchor 的值“12”不是 N:HASH 的形式"))
        // The parser's own errors are worded as before.
        #expect(s.fails(64, "cert", "add", "张三", "--trade", "电工", "--grade", "中间", "--issued", "2012-06-01")
            .hasPrefix("用法错误：参数 --grade <grade> 的值“中间”无效"))
    }

    /// The completion script for `shell`.
    func script(_ shell: String) -> String {
        let result = Sandbox().run("--generate-completion-script", shell)
        #expect(result.code == 0, "\(result.err)")
        return result.out
    }

    @Test("the completion scripts complete files for --db and the other paths, and the codes of a vocabulary")
    func completion() throws {
        let zsh = script("zsh").split(separator: "\n")
        let db = try #require(zsh.first { $0.contains("'--db[") })
        #expect(db.hasSuffix(":path:_files -g '\\''*.sqlite'\\'''"), "\(db)")
        #expect(zsh.contains { $0.contains("'--seal-key[") && $0.contains(":_files") })
        #expect(zsh.contains { $0.contains("'--report[") && $0.contains("*.csv") })
        #expect(zsh.contains { $0.contains("':dir:_files -/'") }, "materials check DIR completes folders")
        #expect(zsh.contains { $0.contains("'--output[报告文件") && $0.contains("*.html") })
        #expect(zsh.contains { $0.contains("___grade=('junior' 'intermediate' 'senior' 'technician' 'senior-technician')") })
        #expect(zsh.contains { $0.contains("___cycle=('next')") })
        // `cert update --clear` offers the fields its spec lets it clear.
        #expect(zsh.contains { $0.contains("___clear=('number' 'route' 'province' 'authority')") })
        let kinds = try #require(zsh.first { $0.contains("_kind=(") })
        #expect(kinds.contains("'persons'") && kinds.contains("'roster'"), "\(kinds)")

        let bash = script("bash")
        #expect(bash.contains("'--db')\n        __gongqin_add_completions -o plusdirs -fX '!*.@(sqlite)'"))
        #expect(bash.contains("'--grade')\n        __gongqin_add_completions -W 'junior'$'\\n''intermediate'$'\\n''senior'$'\\n''technician'$'\\n''senior-technician'"))
        #expect(bash.contains("-fX '!*.@(bundle)'"))
    }
}
