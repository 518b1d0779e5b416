import ArgumentParser
import Foundation
import GongQinCore
import GongQinStore

/// `gongqin seal …`: the unit's seal (README, “The unit's seal”). On paper a unit's roster
/// and 破格 application carry its 公章 (须知·二, 须知·六); here every write of a unit that
/// holds its key signs the log's head, and its bundles are signed, so that the department
/// can tell what the unit sent from what someone else made.
struct SealCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "本单位印章：签署变更日志头和数据包；主管部门登记各单位的公钥",
        discussion: """
            印章是一对 Ed25519 密钥。私钥存放在用户状态目录的 seal.key（权限 0600，不进数据库），
            也可用 --seal-key 或环境变量 GONGQIN_SEAL_KEY 指定；同一单位的几位经办人可共用一份密钥文件，如同共用一枚公章。
            有密钥时，每次写入都在同一事务中签署新的日志头，gongqin check 核对每个印章；数据包也盖章，主管部门据此核对来源。
            持有密钥文件的人能以本单位名义盖任何章；丢失密钥只能新建印章，并请主管部门重新登记公钥。
            """,
        subcommands: [Init.self, Show.self, Trust.self])

    struct Init: WriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "init", abstract: "新建本单位印章（密钥对），并给当前数据库盖章",
            discussion: """
                私钥写入密钥文件（权限 0600，已存在则拒绝），公钥以一行 base64 和简短指纹打印，请交主管部门用 seal trust
                登记。数据库已存在时，随即给其当前日志头盖章。
                --rotate：换新印章。旧印章在数据库中签署换章记录，新印章随即盖章，旧密钥文件改名为 *.before-rotate 留存。

                示例：
                  gongqin seal init
                  gongqin seal init --seal-key /media/u盘/甲单位.seal.key
                """)

        @Flag(help: "换新印章：由旧印章签署换章记录") var rotate = false
        @OptionGroup var store: StoreOptions

        func run() throws {
            let file = store.sealKeyFile.path
            let folder = (file as NSString).deletingLastPathComponent
            if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                                          attributes: [.posixPermissions: 0o700]) }
            let exists = FileManager.default.fileExists(atPath: store.path)
            let key: SealKey
            if rotate {
                let old = try SealKey.load(from: file)
                let fresh = file + ".new"
                try? FileManager.default.removeItem(atPath: fresh)
                key = try SealKey.create(at: fresh)
                if exists {
                    var context = try store.context()
                    context.seal = key
                    try GongQinDatabase.open(at: store.path, context: context).rotateSeal(from: old)
                }
                let kept = file + ".before-rotate"
                guard rename(file, kept) == 0, rename(fresh, file) == 0 else {
                    throw GongQinError(.outputFailed, "无法替换印章密钥文件“\(file)”", hint: "新密钥在“\(fresh)”，请检查文件夹权限后手工改名")
                }
                Console.out("已换新印章：旧密钥（指纹\(old.fingerprint)）留存为“\(kept)”")
            } else {
                key = try SealKey.create(at: file)
                if exists { try context.open().sealHead() }
                Console.out("已新建本单位印章，私钥在“\(file)”（权限 0600，请妥善保管，不要放进数据库或数据包）")
            }
            Console.out("公钥：\(key.publicKey)")
            Console.out("指纹：\(key.fingerprint)")
            // The department's command, with this unit's name when the database names one unit.
            let units = exists ? (try? context.reader().read { s in try s.catalog.units() }) ?? [] : []
            if units.count == 1 {
                Console.out("请把公钥交主管部门登记：gongqin seal trust \(Environment.shellQuoted(units[0].unit.name)) \(key.publicKey)")
            } else {
                Console.out("请把公钥交主管部门，由其用 seal trust 登记为本单位的印章（用法见 gongqin seal trust --help）")
            }
        }
    }

    struct Show: ReadCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "显示本单位印章的公钥和指纹",
            discussion: "示例：gongqin seal show")

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        struct Line: Encodable {
            var keyFile: String
            var publicKey: String
            var fingerprint: String
        }

        func run() throws {
            let (file, _) = store.sealKeyFile
            guard FileManager.default.fileExists(atPath: file) else {
                throw GongQinError(.unreadableFile, "尚未建立本单位印章（没有“\(file)”）", hint: "请运行 gongqin seal init，或用 --seal-key 指明密钥文件")
            }
            let key = try SealKey.load(from: file)
            switch output.format {
            case .json: try Render.json(Line(keyFile: file, publicKey: key.publicKey, fingerprint: key.fingerprint))
            case .csv:
                Console.out(Render.csvLine(["keyFile", "publicKey", "fingerprint"]))
                Console.out(Render.csvLine([file, key.publicKey, key.fingerprint]))
            case .table:
                Console.out(Render.fields([("密钥文件", file), ("公钥", key.publicKey), ("指纹", key.fingerprint)]))
            }
        }
    }

    struct Trust: WriteCommand {
        static let configuration = CommandConfiguration(
            commandName: "trust", abstract: "主管部门：登记、列出或删除各单位印章的公钥（合并时据此核对数据包）",
            discussion: """
                登记后，该单位的数据包须盖有此公钥的印章，否则 gongqin merge 以 65 拒绝、不写入。每次登记和删除都记入变更日志。
                示例：
                  gongqin seal trust 甲单位 MCowBQYDK2VwAyEA…
                  gongqin seal trust --list
                  gongqin seal trust --remove 甲单位
                """)

        @Argument(help: ArgumentHelp("单位名称", valueName: "unit")) var unit: String?
        @Argument(help: ArgumentHelp("单位用 gongqin seal show 给出的公钥", valueName: "public-key")) var publicKey: String?
        @Flag(help: "列出已登记的公钥") var list = false
        @Option(help: ArgumentHelp("删除某单位的公钥", valueName: "unit")) var remove: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        /// In `run()`, not `validate()`: the parser would take a GongQinError thrown from
        /// `validate()` for an internal error (exit 70).
        func checkMode() throws {
            let modes = [unit != nil, list, remove != nil].filter { $0 }.count
            if modes != 1 {
                throw GongQinError.usage("请给出 单位 公钥，或 --list，或 --remove 单位，三者取一", hint: "可运行 gongqin seal trust --help")
            }
            if unit != nil, publicKey == nil { throw GongQinError.usage("缺少公钥", hint: "用法见：gongqin seal trust --help") }
        }

        struct Line: Listable, Encodable {
            var unit: String
            var fingerprint: String
            var publicKey: String
            var trustedOn: Day

            static let columns: [(key: String, title: String)] = [("unit", "单位"), ("fingerprint", "指纹"), ("publicKey", "公钥"),
                                                                  ("trustedOn", "登记日期")]
            func cells(_ output: OutputOptions) -> [String] { [unit, fingerprint, publicKey, trustedOn.description] }
        }

        func run() throws {
            try checkMode()
            if list {
                let keys = try context.reader().read { s in try s.trust.list() }
                try Render.list(keys.map { Line(unit: $0.unit, fingerprint: $0.fingerprint, publicKey: $0.publicKey, trustedOn: $0.trustedOn) },
                                output, empty: "尚未登记任何单位的印章公钥。登记用 seal trust，用法见：gongqin seal trust --help")
            } else if let remove {
                let key = try context.open().write { s in try s.trust.remove(unit: remove) }
                Console.out("已删除单位“\(remove)”的印章公钥（指纹\(key.fingerprint)）；此后其数据包不再按印章核对")
            } else if let unit, let publicKey {
                let today = Environment.today
                let replaced = try context.open().write { s in try s.trust.add(unit: unit, publicKey: publicKey, today: today) }
                let fingerprint = Seals.fingerprint(publicKey.trimmingCharacters(in: .whitespaces))
                Console.out("已登记单位“\(unit)”的印章公钥，指纹\(fingerprint)" + (replaced.map { "（取代原指纹\($0.fingerprint)）" } ?? ""))
                Console.out("此后合并“\(unit)”的数据包，须盖有此印章")
            }
        }
    }
}
