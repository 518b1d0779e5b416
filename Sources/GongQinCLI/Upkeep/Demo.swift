import ArgumentParser
import Foundation
import GongQinCore
import GongQinStore

/// `gongqin demo`: a demo database for one fictional Changzhou unit, about forty workers
/// who between them exercise every module and rule, then the answer to "who may apply
/// in the next cycle" and two explanations (CLI.md, upkeep).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "建立（或重建）演示数据库，并显示下一周期谁可以申报",
        discussion: """
            演示数据库只含一个虚构单位“常州市示范管理处”的约40名工人，日期按下一周期推算，覆盖正常、提前、破格、
            转岗、复核各模块和各条规则。默认写入 ~/.local/share/gongqin/demo.sqlite，不会碰您的正式数据库；
            --db 指向的文件如含有演示以外的数据，demo 拒绝覆盖。
            """)

    @OptionGroup var output: OutputOptions
    @Option(name: .long, help: ArgumentHelp("演示数据库文件（默认 ~/.local/share/gongqin/demo.sqlite）", valueName: "path"),
            completion: .file(extensions: ["sqlite"]))
    var db: String?

    static let unit = Unit(name: "常州市示范管理处", department: "常州市示范局（演示）", district: "天宁区")

    var path: String {
        if let db, !db.isEmpty { return db }
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/gongqin/demo.sqlite" }
        return (env["HOME"] ?? NSHomeDirectory()) + "/.local/share/gongqin/demo.sqlite"
    }

    func run() throws {
        let today = Environment.today
        let path = self.path
        try Self.clear(path)
        let database = try GongQinDatabase.open(at: path, context: Environment.logContext)
        let (cycle, workers) = try database.write { s in
            let cycle = try s.engine(today: today).nextCycle(asOf: today)
            let roster = DemoRoster(cycle: cycle, today: today)
            try roster.write(into: s, unit: Self.unit)
            try s.settings.set(Settings.demo, "gongqin demo \(today)")
            return (cycle, roster.workers)
        }
        // Every hint below names the demo database, so that it works when pasted.
        let db = "--db " + Environment.shellQuoted(path)
        if output.format == .table {
            Console.out("演示数据库：\(path)（已重建：\(Self.unit.name)，\(workers.count)名工人，日期按\(cycle)年周期推算）")
            Console.out("今天是\(today)，下一周期：\(cycle)年（等级工、技师\(cycle)-04-15截止，高级技师\(cycle)-07-05截止）")
            Console.out("")
            Console.out("【谁可以在\(cycle)年申报】gongqin eligible --cycle next \(db)")
            Console.out("")
        }
        let eligible = try EligibleCommand.parse(["--cycle", "next", "--db", path, "--format", output.format.rawValue] + (output.reveal ? ["--reveal"] : []))
        try eligible.run()
        guard output.format == .table else { return }
        for name in DemoRoster.explained {
            guard let worker = workers.first(where: { $0.name == name }) else { continue }
            Console.out("")
            Console.out("【逐条说明：\(worker.name)，\(worker.story)】gongqin explain \(output.show(worker.id)) --cycle \(cycle) \(db)")
            Console.out("")
            var explain = try ExplainCommand.parse([worker.id.text, "--cycle", String(cycle), "--db", path])
            explain.output = output
            try explain.run()
        }
        Console.out("")
        Console.out("更多：gongqin person list \(db)；gongqin seniority \(output.show(workers[0].id)) \(db)；gongqin policy show \(cycle) \(db)")
        let report = Self.reportPath(beside: path)
        Console.out("")
        Console.out("【部门负责人报告】gongqin report --cycle next --output \(Environment.shellQuoted(report)) \(db)")
        let command = try ReportCommand.parse(["--cycle", "next", "--db", path, "--output", report] + (output.reveal ? ["--reveal"] : []))
        try command.run()
    }

    /// The demo's report: `demo.sqlite` → `demo-report.html`, in the same folder.
    static func reportPath(beside database: String) -> String {
        let url = URL(fileURLWithPath: database)
        let stem = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(stem + "-report.html").path
    }

    /// Removes an earlier demo database. Any other file, a database of records above all,
    /// is refused untouched: it is read, not opened for writing, to find the demo's mark.
    static func clear(_ path: String) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: path) else { return }
        let empty = ((try? fm.attributesOfItem(atPath: path)[.size] as? NSNumber)??.intValue ?? 1) == 0
        guard empty || GongQinDatabase.isDemo(at: path) else {
            throw GongQinError.refused("“\(path)”不是 gongqin demo 建立的演示数据库，demo 不会覆盖它",
                                       hint: "请用 --db 指定另一个文件，或省略 --db 使用默认的演示数据库")
        }
        for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
    }
}
