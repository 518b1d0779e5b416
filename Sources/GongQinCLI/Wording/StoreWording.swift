import Foundation
import GongQinCore
import GongQinStore

/// The words of what the store throws and reports (Documentation/ARCHITECTURE.md, “A new
/// command”): every `StoreFailure` as the one Chinese line and hint the clerk reads, with
/// the commands that help, under the exit kind the store gives it (`StoreFailure.kind`).
/// The store returns typed values; this file alone words them.
extension StoreFailure {
    /// The error for the clerk.
    var gongqin: GongQinError {
        let words = words
        return GongQinError(kind, words.message, hint: words.hint, details: words.details)
    }

    /// The failure's words; its kind is the store's (`StoreFailure.kind`).
    private var words: Words {
        switch self {
        case .core(let error):
            return Words(error.message, hint: error.hint, details: error.details)

        // SQLite and GRDB
        case .undecodableRow(let path):
            return Words("数据库“\(path)”中有记录无法读取，可能在 gongqin 之外被改动",
                         hint: "请运行 gongqin check 查看，或用 gongqin restore 从备份恢复")
        case .unexpected(let type):
            return Words("内部错误（\(type)）", hint: "请把命令和数据库备份交给维护人员")
        case .busy(let path, let seconds):
            let wait = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
            return Words("数据库“\(path)”正被另一个程序占用，等待\(wait)秒后仍未释放", hint: "请稍后重试")
        case .notSQLite(let path):
            return Words("“\(path)”不是 gongqin 数据库（不是 SQLite 文件）",
                         hint: "请用 --db 指定正确的数据库文件")
        case .cannotOpen(let path):
            return Words("无法打开数据库“\(path)”", hint: "请检查文件是否存在以及读写权限")
        case .readOnly(let path):
            return Words("数据库“\(path)”只读，不能写入", hint: "请检查文件和所在目录的写权限")
        case .corrupt(let path):
            return Words("数据库“\(path)”已损坏",
                         hint: "请运行 gongqin check 查看，或用 gongqin restore 从备份恢复")
        case .diskFull(let path):
            return Words("磁盘已满，未能写入“\(path)”，未写入任何内容", hint: "请清理磁盘空间后重试")
        case .folderDiskFull(let path):
            return Words("“\(path)”所在的磁盘已满，未写入任何内容", hint: "请清理磁盘空间后重试")
        case .diskError(let path):
            return Words("读写“\(path)”时发生磁盘错误，未写入任何内容", hint: "请检查磁盘和文件权限后重试")
        case .unregisteredFunction:
            return Words("数据库的变更日志触发器调用了未注册的函数", hint: "请用 gongqin 操作数据库")
        case .sqlite(let code):
            return Words("数据库错误（结果码 \(code)）", hint: "请运行 gongqin check，或把命令交给维护人员")
        case .outputFull(let path, let file):
            return Words("磁盘已满，未能写入\(file.chinese)“\(path)”", hint: "请清理磁盘空间后重试")
        case .outputFailed(let path, let file):
            return Words("无法写入\(file.chinese)“\(path)”", hint: "请检查磁盘空间和所在文件夹的写权限")
        case .duplicate(let table):
            return Words("记录重复\(Self.inBrackets(table))：数据库中已有相同的记录", hint: "请先用 list 或 show 命令查看已有记录")
        case .danglingReference(let table):
            return Words("引用的记录不存在或仍被其他记录引用\(Self.inBrackets(table))")
        case .checkConstraint(let table):
            return Words("数据不符合数据库规则\(Self.inBrackets(table))", hint: "请检查日期、等级等取值")
        case .constraint(let table):
            return Words("数据不符合数据库约束\(Self.inBrackets(table))")
        case .applicationStatusTrigger:
            return Words("申报状态不能这样改变：已申报可退回、受理或撤回，退回的可重新申报或撤回，受理的可定为通过、未通过或延期")
        case .withdrawnApplicationUse:
            return Words("已撤回的申报不能占用破格条件：撤回时须先释放其破格使用（\(RuleID.X1.citation)）")
        case .appendOnlyLog:
            return Words("变更日志只能追加，不能修改或删除（change_log）")

        // The database file
        case .databaseMissing(let path):
            return Words("数据库“\(path)”不存在",
                         hint: "gongqin init 或任何写入命令（如 unit add）会创建它；请核对 --db 或 GONGQIN_DB")
        case .databaseEmpty(let path):
            return Words("数据库“\(path)”是空文件，尚未建立",
                         hint: "gongqin init 或任何写入命令会建立它")
        case .databaseNewer(let path):
            return Words("数据库“\(path)”由更新版本的 gongqin 写入，本版本不能打开它",
                         hint: "请升级 gongqin 后再使用；数据库未被改动")
        case .databaseNewerMigrations(let path, let unknown):
            return Words("数据库“\(path)”由更新版本的 gongqin 写入（含本版本不认识的结构版本 \(unknown.joined(separator: "、"))），本版本不能打开它",
                         hint: "请升级 gongqin 后再使用；数据库未被改动")
        case .databaseOlder(let path, let latest):
            return Words("数据库“\(path)”的结构版本较旧（\(latest ?? "无")），只读命令不升级它",
                         hint: "请先运行 gongqin init 升级；升级前可先备份：gongqin backup \(path).before-init")
        case .emptyDatabasePath:
            return Words("数据库路径为空", hint: "请用 --db 给出数据库文件，或不写 --db 使用默认位置")
        case .databaseIsFolder(let path):
            return Words("数据库“\(path)”是一个文件夹，不是数据库文件", hint: "请用 --db 给出文件夹中的数据库文件，如 \(path)/gongqin.sqlite")
        case .notGongQin(let path):
            return Words("“\(path)”不是 gongqin 数据库，未做任何改动", hint: "请用 --db 指定 gongqin 的数据库文件")
        case .migrationLeftDanglingReferences:
            return Words("升级数据库结构后有记录引用了不存在的记录，升级未完成",
                         hint: "数据库未被改动；请运行 gongqin check 查看，并把数据库备份交给维护人员")
        case .databaseReadOnlyMedia(let path):
            return Words("数据库“\(path)”或其所在的文件夹只读（如写保护的U盘、只读的共享目录），不能写入；未写入任何内容",
                         hint: "只读的命令（如 person list、check、export）仍可使用；要写入，请把数据库复制到可写的位置，或检查权限")
        case .databaseNotCreated(let path):
            return Words("无法创建数据库文件“\(path)”", hint: "请检查路径和权限，或用 --db 指定其他位置")
        case .schemaDiffers(let path, let differences):
            return Words("数据库“\(path)”的结构与 gongqin 应有的结构不符（\(Self.some(differences.map(\.chinese), 3))），为防数据被暗中改动，拒绝写入",
                         hint: "请运行 gongqin check --db \(path) 查看详情，并从可信的备份恢复；数据库未被改动")
        case .witnessedHeadMismatch(let path, let head, let missing):
            return Words("数据库“\(path)”的变更日志与您上次用 gongqin 写入后记下的不符（第\(head.seq)条\(missing ? "已不存在" : "的哈希不同")）：日志被重写或截短，或者这个文件被另一个文件（如旧备份）原样覆盖，拒绝写入",
                         hint: "如是把备份复制回来，请改名后经 restore 恢复，它核对备份并重新记下日志头：mv \(path) \(path).copied && gongqin restore \(path).copied --db \(path)；否则请运行 gongqin check --db \(path) --anchor \(head) 查看，并从可信的备份恢复。数据库未被改动")
        case .changedOutside(let path, let table, let key):
            return Words("\(StoredNames.table(table) ?? table)记录\(key)在上次记入变更日志之后，又在 gongqin 之外被改动过：拒绝在其上写入，以免掩盖那次改动",
                         hint: "请运行 gongqin check --db \(path) 查看，并从可信的备份恢复（用法见 gongqin restore --help）；数据库未被改动")
        case .writtenRowInvalid(let table, let row, let problem, let more):
            let which = switch row {
            case .person(let id): "人员（\(id?.masked ?? "身份证号无效")）"
            case .record(let number): "\(StoredNames.table(table) ?? table)记录（编号\(number)）"
            }
            return Words("本次写入的\(which)不符合录入规则：\(problem.words)\(more > 0 ? "等\(more + 1)处" : "")",
                         hint: "未写入任何内容；请更正来源数据后重试")
        case .restoredUnsound:
            return Words("恢复后的数据库未通过完整性检查")
        case .restoreFailed(let path, let kept, let reason):
            let reason = reason.gongqin
            return Words("恢复失败：\(reason.message)",
                         hint: kept.map { "原数据库留存在“\($0)”，可用 gongqin restore \($0) --db \(path) 还原" })
        case .tableNotLogged(let table):
            return Words("数据表“\(table)”不在本版本的变更日志范围内", hint: "请运行 gongqin check")

        // Paths
        case .danglingLink(let path, let file):
            return Words("\(file.chinese)“\(path)”是指向不存在文件的符号链接，为防经由链接在别处建立文件，拒绝使用",
                         hint: "请删除该链接，或换一个路径")
        case .specialFile(let path, let file, let kind):
            return Words("\(file.chinese)“\(path)”是\(kind.chinese)，不是普通文件，拒绝使用", hint: "请换一个普通文件的路径")
        case .inputMissing(let path, let file):
            return Words("找不到或无法读取\(file.chinese)“\(path)”", hint: "请检查路径和读权限")
        case .inputIsFolder(let path, let file):
            return Words("\(file.chinese)“\(path)”是文件夹，不是普通文件", hint: "请给出文件的路径")
        case .inputSpecial(let path, let file, let kind):
            return Words("\(file.chinese)“\(path)”是\(kind.chinese)，不是普通文件，拒绝读取", hint: "请给出普通文件的路径")
        case .folderNotCreated(let folder, let file):
            return Words("无法创建\(file.chinese)所在的文件夹“\(folder)”", hint: "请检查路径和权限，或换一个位置")
        case .fileNotCreated(let path, let file, let reason):
            return Words("无法创建\(file.chinese)“\(path)”（\(reason)）", hint: "请检查路径和权限，或换一个位置")

        // Backup and restore
        case .backupExists(let path):
            return Words("备份文件“\(path)”已存在", hint: "备份不会覆盖已有文件，请换一个文件名")
        case .keepFailed(let target, let candidate, let path, let reason):
            let reason = reason.gongqin
            return Words("无法把当前数据库留存为“\(target)”，未恢复：\(reason.message)",
                         hint: reason.kind == .outputFailed ? "请清理磁盘空间或检查权限后重试；当前数据库未被改动"
                               : "如当前数据库已损坏，请先把它移走，再运行：gongqin restore \(candidate) --db \(path)")
        case .backupUnreadable(let path):
            return Words("找不到或无法读取备份文件“\(path)”", hint: "请检查路径和权限")
        case .backupDamaged(let path):
            return Words("备份文件“\(path)”已损坏，无法读取其中的数据", hint: "当前数据库未被改动；请换一个备份")
        case .backupNotGongQin(let path):
            return Words("“\(path)”不是 gongqin 的备份", hint: "当前数据库未被改动；请换一个备份")
        case .backupNotSQLite(let path):
            return Words("备份文件“\(path)”无法读取或不是 SQLite 数据库", hint: "当前数据库未被改动")
        case .backupNewer(let path, let unknown):
            return Words("备份文件“\(path)”由更新版本的 gongqin 写入（含本版本不认识的结构版本 \(unknown.joined(separator: "、"))）",
                         hint: "请升级 gongqin 后再恢复；当前数据库未被改动")
        case .backupFailsChecks(let path, let findings):
            return Words("备份文件“\(path)”未通过校验（\(Self.some(findings.map(\.detail), 3))），拒绝恢复",
                         hint: "可用 gongqin check --db \(path) 查看详情；当前数据库未被改动，请换一个备份")

        // Seal keys
        case .sealKeyExists(let path):
            return Words("印章密钥文件“\(path)”已存在，未改动", hint: "如要换新印章，请用 gongqin seal init --rotate（用旧印章签署新印章）")
        case .sealKeyNotCreated(let path):
            return Words("无法创建印章密钥文件“\(path)”", hint: "请检查路径和权限")
        case .sealKeyNotWritten(let path):
            return Words("无法写入印章密钥文件“\(path)”", hint: "请检查磁盘空间和权限")
        case .sealKeyMissing(let path):
            return Words("找不到印章密钥文件“\(path)”", hint: "请用 gongqin seal init 新建，或用 --seal-key 指明文件")
        case .sealKeyNotSmallFile(let path):
            return Words("印章密钥文件“\(path)”不是普通的小文件", hint: "请用 --seal-key 指明 gongqin seal init 生成的文件")
        case .sealKeyReadableByOthers(let path, let mode):
            return Words("印章密钥文件“\(path)”的权限是\(mode)，其他用户也能读取，拒绝使用", hint: "请运行 chmod 600 \(path)")
        case .sealKeyUnreadable(let path):
            return Words("无法读取印章密钥文件“\(path)”", hint: "请检查文件权限")
        case .notSealKey(let path):
            return Words("印章密钥文件“\(path)”不是 gongqin 的印章密钥", hint: "请用 --seal-key 指明 gongqin seal init 生成的文件")
        case .notSealPublicKey(let text):
            return Words("“\(text.clipped())”不是 gongqin 的印章公钥（一行 base64，44 个字符）",
                         hint: "请让单位运行 gongqin seal show，照抄其中的公钥")
        case .noTrustedSeal(let unit):
            return Words("没有为单位“\(unit)”登记受信任的印章", hint: "可用 gongqin seal trust --list 查看")
        case .unitNameRefused(let problem):
            return Words(problem.words)

        // Bundles and the merge
        case .bundleRefused(let file, let flaw):
            return Words("数据包“\(file)”\(flaw.chinese)，未合并任何内容", hint: "请让单位重新生成数据包（用法见 gongqin bundle --help）；数据库未被改动")
        case .bundleExists(let file):
            return Words("数据包文件“\(file)”已存在", hint: "数据包不会覆盖已有文件，请换一个文件名")
        case .bundleMissing(let file):
            return Words("找不到数据包文件“\(file)”", hint: "请检查路径")
        case .bundleNotRegular(let file):
            return Words("“\(file)”不是普通文件，不能作为数据包", hint: "请给出 gongqin bundle 生成的文件")
        case .bundleUnreadable(let file):
            return Words("无法读取数据包文件“\(file)”", hint: "请检查文件权限")
        case .sourceFailsChecks(let findings):
            return Words("本库未通过校验（\(Self.some(findings.map(\.detail), 2))），不生成数据包",
                         hint: "请先运行 gongqin check 查看并处理；未生成任何文件")
        case .bundleSecondRecord(let file, let person, let table, let cycle):
            return Words("数据包“\(file)”中\(person)的\(MergeWording.second(cycle))，不能用 --prefer bundle 直接替换",
                         hint: table == "application" ? "请先在本库撤回原申报，或用 --prefer stored 保留本库的记录" : "请先在本库结束现任岗位，或用 --prefer stored 保留本库的记录")
        case .bundleStatusChange(let file, let person, let from, let to):
            return Words("数据包“\(file)”把\(person)的申报状态从“\(from.chinese)”改为“\(to.chinese)”，申报流程不允许（§7）",
                         hint: "请用 --prefer stored 保留本库的状态，或核对单位的记录")

        // Import batches and the log
        case .fileUnreadable(let path):
            return Words("无法读取文件“\(path)”", hint: "请检查路径和读权限")
        case .batchNotRevertible(let seq, let batch):
            let source = BatchWording(file: batch.file, unit: batch.unit)
            return Words("变更日志第\(seq)条是\(source.origin)的\(source.act)（\(batch.rows)条记录），不能整条撤销",
                         hint: "请逐条修改或删除其中的记录")
        case .tableNotInLog(let table, let known):
            return Words("变更日志中没有表“\(table)”", hint: NameMatch.hint(for: table, in: known, listCommand: "gongqin log"))

        // Policies
        case .noticePolicyUnreadable:
            return Words("内置的2024年政策文件无法读取", hint: "请重新安装 gongqin")
        case .policyOverLimits(let problem):
            return Words("策略文件未载入：\(problem.chinese)", hint: "请核对文件；策略文件不超过1 MB，每个字符串不超过\(JSONLimits.maximumString)个字，同一对象中的键不能重复")
        case .policyMalformed(let problem):
            return Words("策略文件不完整或格式有误：\(problem.chinese)",
                         hint: "格式与 gongqin policy show 2024 --format json 的输出相同，见 Documentation/CLI.md")
        case .policyNotJSON:
            return Words("策略文件不是有效的 JSON", hint: "格式与 gongqin policy show 2024 --format json 的输出相同")
        case .policyInconsistent(let problems):
            return Words("策略文件前后不一致，未载入（\(problems.count)处）", details: problems.map(\.chinese))
        case .formRemarkRefused(let problem):
            let error = problem.gongqin
            return Words(error.message, hint: error.hint)
        case .storedPolicyUnreadable(let year):
            return Words("\(year)年的已载入政策无法读取", hint: "请用 gongqin policy load 重新载入")

        // Units, trades and conditions
        case .unitNotFound(let name, let known):
            return Words("未找到单位“\(name.clipped())”",
                         hint: NameMatch.hint(for: name, in: known, listCommand: "gongqin unit list") + "；新单位请先用 gongqin unit add 添加")
        case .departmentNotFound(let name, let known):
            return Words("未找到主管部门“\(name.clipped())”", hint: NameMatch.hint(for: name, in: known, listCommand: "gongqin unit list"))
        case .tradeNotFound(let name, let known):
            return Words("未找到工种“\(name.clipped())”",
                         hint: NameMatch.hint(for: name, in: known, listCommand: "gongqin trade list") + "；目录外的工种请先用 gongqin trade add 添加")
        case .conditionNotFound(let code, let known):
            return Words("未找到破格条件“\(code.clipped())”", hint: NameMatch.hint(for: code, in: known, listCommand: "gongqin exceptional conditions"))
        case .conditionAmbiguous(let code, let candidates):
            return Words("破格条件“\(code.clipped())”可指多个。是否指 \(candidates.map { "\($0.name)（\($0.code)）" }.joined(separator: "或 "))？")
        case .conditionCodeInvalid:
            return Words("破格条件代码和类别须为小写英文字母、数字和连字符，以字母开头，如 skill-contest")
        case .conditionExists(let code):
            return Words("破格条件“\(code)”已存在", hint: "可用 gongqin exceptional conditions 查看")
        case .conditionInvalid(let problem):
            return Words(problem.words)
        case .unitNameEmpty:
            return Words(StoreRecordProblem.unitNameEmpty.chinese)
        case .unitNameTaken(let name):
            return Words("单位“\(name)”已存在，不能改为此名称")
        case .missingReferent(let kind, let id):
            return Words("数据库中有记录引用了不存在的\(kind == .unit ? "单位" : "工种")（编号\(id)），可能在 gongqin 之外被改动",
                         hint: "请运行 gongqin check 查看，必要时用 gongqin restore 从备份恢复")

        // People and records
        case .personNotFound(let id):
            return Words("未找到身份证号为 \(id.masked) 的人员", hint: "请核对号码，或用 gongqin person list 查看已登记人员")
        case .personHasLedger(let name, let id, let uses, let applications):
            return Words("\(name)（\(id.masked)）有\(uses)条破格使用记录和\(applications)条申报记录，不能删除：破格条件每类终身只能使用一次，记录须可查（\(RuleID.X1.citation)）",
                         hint: "如人员调离，可用 gongqin person update 修改单位")
        case .fieldProblems(let problems):
            return Words(problems.map(\.words).joined(separator: "；"))
        case .currentJobHeld(let problems):
            return Words(problems.map(\.words).joined(separator: "；"),
                         hint: "换了岗位请先用 gongqin job end 身份证号 --to YYYY-MM 结束现任岗位")
        case .noCurrentJob(let name, let id):
            return Words("\(name)没有现任岗位（截止时间为空的工作经历）", hint: "工作经历见：gongqin job list \(id.masked)")

        case .repeatsRow(let first, let problem):
            return Words("与第\(first)行重复：\(problem.words)")
        case .alreadyStored(let problem, let replaceable):
            return Words(problem.words + (replaceable ? "；数据库中已有，要以文件为准请加 --update" : "；已有的转岗记录不能用 --update 改写"))

        // Applications and the ledger
        case .conditionRepeated:
            return Words("同一破格条件重复指明")
        case .notEligible(let title, let person, let failed):
            return Words("\(title.chinese)不能申报：\(failed.count)项检查不符合（\(Set(failed.map(\.rule.rawValue)).sorted().joined(separator: "、"))）",
                         hint: "逐条依据见 gongqin explain \(person.masked) --cycle \(title.cycle)",
                         details: failed.map(\.line))
        case .openApplicationExists(let name, let cycle, let open):
            return Words("\(name)在\(cycle)年已有申报（编号\(open.id)，\(open.grade.chinese)·\(open.module.chinese)，\(open.status.chinese)），每人每周期只能有一份申报（\(RuleID.D6.citation)）",
                         hint: "如需改报，请先撤回：gongqin application set-status \(open.id) withdrawn")
        case .applicationExists(let name, let cycle):
            return Words("\(name)在\(cycle)年已有申报，每人每周期只能有一份申报（\(RuleID.D6.citation)）")
        case .conditionRequired(let module, let offered):
            return Words("\(module == .exceptional ? "破格申报" : "复核放宽（V3）")须用 --condition 指明所用的破格条件：使用即记入台账，该类条件终身不能再用（\(RuleID.X1.citation)）",
                         hint: "可用：\(offered.joined(separator: "、"))")
        case .conditionNotUsed(let module):
            return Words("--condition 只用于破格申报，或复核时按 V3 放宽年限；\(module.chinese)不使用破格条件")
        case .applicationNotFound(let id):
            return Words("未找到编号为\(id)的申报", hint: "可用 gongqin application list 查看")
        case .applicationAlready(let id, let status):
            return Words("申报\(id)已是“\(status.chinese)”")
        case .applicationStatusChange(let id, let current, let status):
            let allowed = current.successors.map { "\($0.code)（\($0.chinese)）" }.sorted().joined(separator: "、")
            return Words("申报\(id)当前为“\(current.chinese)”，不能改为“\(status.chinese)”",
                         hint: allowed.isEmpty ? "该申报已结束，状态不再变化" : "可改为：\(allowed)")
        case .anotherApplication(let name, let cycle, let other):
            return Words("\(name)在\(cycle)年已有另一份申报（编号\(other)）")
        case .examOnlyForTechnician(let id, let grade):
            return Words("技师选拔考试只适用于技师申报（\(Formality.D2.clause)），申报\(id)是\(grade.chinese)")
        case .reviewOnlyForTechnicians(let id, let grade):
            return Words("综合评审只适用于技师、高级技师申报（\(Formality.D3.citation)），申报\(id)是\(grade.chinese)")
        case .applicationWithdrawn(let id):
            return Words("申报\(id)已撤回，不能登记考试或评审结果")
        case .categoryUsed(let name, let earlier, let condition):
            return Words("\(name)已于\(earlier.chineseSummary)使用过“\(condition.name)”类破格条件（\(earlier.condition)），每类破格条件终身只能使用一次（\(RuleID.X1.citation)）",
                         hint: "请改用其他未使用的类别，或按正常条件申报")
        }
    }

    /// What a failure says: the message, how to fix it, and further lines.
    private struct Words {
        var message: String
        var hint: String?
        var details: [String]

        init(_ message: String, hint: String? = nil, details: [String] = []) {
            (self.message, self.hint, self.details) = (message, hint, details)
        }
    }

    /// `（人员）` after a message when SQLite named the table; nothing otherwise.
    static func inBrackets(_ table: String?) -> String {
        table.flatMap(StoredNames.table).map { "（\($0)）" } ?? ""
    }

    /// The first `shown` of `lines`, joined, and how many there are when there are more.
    static func some(_ lines: [String], _ shown: Int) -> String {
        lines.prefix(shown).joined(separator: "；") + (lines.count > shown ? "等\(lines.count)处" : "")
    }
}

extension RecordError {
    /// The one line the clerk reads, with the command that helps.
    var gongqin: GongQinError {
        switch self {
        case .unknown(let kind, let number):
            return .invalid("未找到编号为\(number)的\(kind)记录", hint: "各记录的编号见 person show 或 KIND list 的“编号”列")
        case .restsOnApplication(let change, let application, let status, let title, let failed):
            let way = status == .accepted
                ? "该申报已受理，不能撤回：请先登记其结果（gongqin application set-status \(application) passed、failed 或 deferred），或核对这次改动是否有误"
                : "如确需更正，请先撤回申报：gongqin application set-status \(application) withdrawn"
            return .refused("\(Self.named(change))改动后，在办申报（编号\(application)，\(title.chinese)，\(status.chinese)）不再成立，未写入任何内容（\(RuleID.R1.citation)）",
                            hint: way, details: failed.map { "✗ \($0.rule.rawValue)：\($0.detail)" })
        case .useOfApplication(let number, let application):
            return .refused("破格使用（编号\(number)）由申报（编号\(application)）记录，随申报保留，不能单独修改或删除（\(RuleID.cite([.R1, .X1]))）",
                            hint: "撤回申报即释放该使用：gongqin application set-status \(application) withdrawn")
        case .categoryUsedTwice(let number, let category, let earlier):
            return .refused("破格使用（编号\(number)）不能改为“\(category)”类：该类已于\(earlier.chineseSummary)使用，每类破格条件终身只能使用一次（\(RuleID.X1.citation)）",
                            hint: "请核对条件代码；已用的类别见：gongqin exceptional list")
        case .assessmentExists(_, let name, let year, let stored, let requested, let number):
            return .invalid("\(name)\(year)年度考核已登记为“\(stored.chinese)”（编号\(number)），未改动",
                            hint: "如需更正为“\(requested.chinese)”：gongqin assessment update \(number) --result \(requested.code)")
        case .unitInUse(let name, let people):
            return .refused("单位“\(name)”还有\(people)人，不能删除",
                            hint: "请先用 person update 的 --unit 把其人员调到其他单位；其人员见：gongqin person list --unit \(Environment.shellQuoted(name))")
        case .tradeBuiltin(let name):
            return .refused("“\(name)”是工种目录自带的工种（RULES §10），不能删除")
        case .tradeInUse(let name, let uses):
            return .refused("工种“\(name)”仍有\(uses)条人员、证书、转岗或申报记录在用，不能删除",
                            hint: "在用的人员见：gongqin person list --trade \(Environment.shellQuoted(name))")
        case .revertSuperseded(let seq, let later, let table):
            return .refused("序号\(seq)之后，序号\(later)又改动了同一条记录（\(StoredNames.table(table) ?? table)），不能直接撤销（\(RuleID.R1.citation)）",
                            hint: "请先撤销后来的改动：gongqin revert \(later)")
        case .notRevertible(let seq, let table):
            return .refused("序号\(seq)是\(StoredNames.table(table) ?? table)的变更，不能用 revert 撤销：申报及其破格使用、目录自带工种、年度政策和设置由各自的命令维护（\(RuleID.cite([.R1, .X1]))）",
                            hint: "申报请用 application set-status 撤回；各申报的编号见：gongqin application list")
        case .unknownLogEntry(let seq):
            return .invalid("变更日志中没有序号\(seq)", hint: "各条的序号见：gongqin log")
        case .tradeChangeNeedsTransfer(let person, let from, let to):
            return .usage("修改工种（\(from) → \(to)）须说明是转岗还是更正登记错误",
                          hint: "原登记有误请加 --correction；真实转岗请登记转岗（--date 为转岗的年月，下为本月）：gongqin transfer add \(person.masked) --to \(Environment.shellQuoted(to)) --date \(Environment.thisMonth)")
        case .tradeFollowsTransfer(let person, let transfer, let to):
            return .refused("现工种“\(to)”来自转岗记录（编号\(transfer)），不能单独更正（\(RuleID.T1.citation)）",
                            hint: "请用 transfer update \(transfer) --to 更正该转岗记录的转入工种；转岗记录见：gongqin transfer list \(person.masked)")
        case .noSuchPerson(let argument):
            return .invalid("未找到“\(argument)”：没有此身份证号或姓名的人员",
                            hint: Self.findHint(argument))
        case .ambiguousPerson(let argument, let candidates):
            var error = GongQinError.invalid("“\(argument)”对应\(candidates.count)人，请用完整身份证号指明",
                                             hint: "同名的人见：gongqin person list --name \(Environment.shellQuoted(argument))")
            error.details = candidates.map { "\($0.idNumber.masked)  \($0.name)  \($0.unit)  \($0.trade)" }
            return error
        }
    }

    /// What a transaction changed of a person's, for an R1 refusal: `年度考核（编号5）`, at
    /// most three, or `本次改动` when the log names none.
    static func named(_ rows: [ChangedRow]) -> String {
        let named = rows.map { row in
            switch row {
            case .person: "人员信息"
            case .record(let table, let number): "\(StoredNames.table(table) ?? table)（编号\(number)）"
            }
        }
        return named.isEmpty ? "本次改动" : Array(Set(named)).sorted().prefix(3).joined(separator: "、")
    }

    /// Where to look for a person not found: by the first character of a name, or the
    /// whole list for a number.
    static func findHint(_ argument: String) -> String {
        guard let first = argument.first, !first.isNumber, !first.isASCII else { return "全部人员见：gongqin person list" }
        return "姓名含“\(first)”的人员见：gongqin person list --name \(first)"
    }
}

extension FieldProblem {
    /// The problem's words: Core's message, its typed problem (CoreWording), or the
    /// store's failure or problem worded here.
    var words: String {
        guard let cause else { return message }
        switch cause {
        case let failure as StoreFailure: return failure.gongqin.line
        case let problem as StoreRecordProblem: return problem.chinese
        case let problem as RecordProblem: return problem.chinese
        case let error as GongQinError: return error.line
        default: return message
        }
    }
}

extension StoreRecordProblem {
    var chinese: String {
        switch self {
        case .personRecorded(let id, let name): "身份证号 \(id.masked) 已登记（\(name)）"
        case .certificateRecorded(let owner, let province, let trade, let grade, let issued):
            "\(owner)已有\(province ?? "")\(trade)\(grade.chinese)证书（\(issued)发证）"
        case .certificateNumberRecorded(let number, let holder): "证书编号\(number)已登记在\(holder)名下"
        case .transferRecorded(let owner, let date, let from, let to): "\(owner)\(date)已有转岗记录（\(from)→\(to)）"
        case .assessmentRecorded(let owner, let year, let result): "\(owner)\(year)年度考核已登记为“\(result.chinese)”"
        case .educationRecorded(let owner, let graduated, let level): "\(owner)已有\(graduated)毕业的\(level.chinese)学历"
        case .awardRecorded(let owner, let date, let name): "\(owner)已有\(date)的“\(name)”"
        case .trainingRecorded(let owner, let date, let name): "\(owner)已有\(date)的继续教育“\(name)”"
        case .jobRecorded(let owner, let from, let held): "\(owner)已有\(from)起的工作经历“\(held.formLine)”"
        case .useRecorded(let owner, let year, let grade, let condition): "\(owner)已登记\(year)年\(grade.chinese)使用“\(condition)”"
        case .unitRecorded(let name): "单位“\(name)”已存在（可用 gongqin unit list 查看）"
        case .tradeRecorded(let name): "工种“\(name)”已存在（可用 gongqin trade list 查看，用 gongqin trade update 修改）"
        case .unitNameEmpty: "单位名称为空"
        case .tradeNameEmpty: "工种名称为空"
        case .nameDiffers(let given, let id, let registered): "姓名“\(given.clipped())”与身份证号 \(id.masked) 登记的姓名“\(registered)”不符"
        case .unknownPerson(let id): "未找到身份证号为 \(id.masked) 的人员，请先用 import persons 导入或用 person add 登记该人员"
        case .tradeNotWhereTransferLed(let current, let lastTo):
            "人员现工种为\(current)，而最后一次转岗转入\(lastTo)：导入转岗时，人员登记的工种应为转岗前的工种或最后转入的工种"
        case .departmentDiffersInFile(let unit, let row, let earlier, let given): "单位“\(unit)”的主管部门在第\(row)行为“\(earlier)”，这里为“\(given)”"
        case .departmentDiffersFromStored(let unit, let stored, let given):
            "单位“\(unit)”登记的主管部门为“\(stored ?? "（空）")”，这里为“\(given)”：请核对，或先用 gongqin unit update 修改"
        case .unreadableValue: "有字段的值无法读取"
        }
    }
}

extension FileRole {
    /// The file's noun: 数据库, 备份文件.
    var chinese: String {
        switch self {
        case .database: "数据库"
        case .backup: "备份文件"
        case .keptCopy: "原数据库的留存副本"
        case .bundle: "数据包文件"
        case .sealKey: "印章密钥文件"
        case .importFile: "导入文件"
        case .policyFile: "政策文件"
        case .outputFile: "输出文件"
        }
    }
}

extension SpecialFile {
    var chinese: String {
        switch self {
        case .fifo: "命名管道（FIFO）"
        case .device: "设备文件"
        case .socket: "套接字"
        case .other: "特殊文件"
        }
    }
}

extension ApplicationTitle {
    /// 张三2028年电工高级工·正常.
    var chinese: String { "\(name)\(cycle)年\(trade)\(grade.chinese)·\(module.chinese)" }
}

extension PolicyDecodingProblem {
    var chinese: String {
        func shown(_ path: String) -> String { path.isEmpty ? "（顶层）" : path }
        return switch self {
        case .keyNotFound(let path): "缺少字段 \(shown(path))"
        case .valueNotFound(let path): "字段 \(shown(path)) 的值为空"
        case .typeMismatch(let path, let type): "字段 \(shown(path)) 的类型不对（应为\(type)）"
        case .notJSON: "不是有效的 JSON"
        case .invalidValue(let path, let description): "字段 \(shown(path)) 的值无效：\(description)"
        case .invalidDay(let path, let error): "字段 \(shown(path)) 的值无效：\(error.chinese)"
        case .other: "格式有误"
        }
    }
}

extension BundleFlaw {
    /// What follows 数据包“FILE” in the refusal.
    var chinese: String {
        switch self {
        case .notSQLite: "不是 SQLite 文件或已损坏"
        case .cannotOpen: "无法打开"
        case .unreadable: "无法读取"
        case .failsIntegrityCheck: "已损坏，未通过 SQLite 完整性检查"
        case .notBundle: "不是 gongqin 数据包（没有清单或结构版本记录）"
        case .manifestFormat: "不是 gongqin 数据包（清单格式不符）"
        case .newer(let unknown): "由更新版本的 gongqin 生成（含本版本不认识的结构版本 \(unknown.joined(separator: "、"))），请升级 gongqin 后再合并"
        case .migrationsOutOfOrder: "的结构版本记录不是 gongqin 依次应用的迁移"
        case .tableDiffers(let table): "的表 \(table) 与 gongqin 的结构不同（由不相容版本的 gongqin 生成，或被改动）"
        case .danglingReferences: "中有记录引用了不存在的记录"
        case .formatVersion(let version): "的格式版本（\(version ?? "无")）本版本不认识"
        case .manifestIncomplete: "的清单不完整"
        case .manifestDigest: "的清单与其摘要不符：生成后被改动"
        case .sealIncomplete: "的印章不完整"
        case .sealSignature(let fingerprint): "的印章签名与其内容不符：盖章后被改动（指纹\(fingerprint)）"
        case .tableDigest(let table): "的\(StoredNames.table(table) ?? table)记录与清单中的摘要不符：生成后被改动"
        case .units(let unit, let count): "应只含单位“\(unit)”，实际含\(count)个单位"
        case .personOutsideUnit(let unit): "中有人员不属于单位“\(unit)”"
        case .invalidIDNumber(let masked): "中的身份证号 \(masked ?? "（格式错误）") 无效"
        case .untrustedSeal(let found, let unit, let trusted):
            "\(found.map { "由指纹\($0)的印章所盖" } ?? "未盖印章")，而本库信任的单位“\(unit)”的印章指纹是\(trusted)（refused）"
        case .sealRequired: "未盖印章，而合并时要求盖章（--require-seal）（refused）"
        case .conditionCategory(let code): "中破格条件 \(code) 的类别与本库不同，合并会把使用记到错误的类别下（\(RuleID.X1.citation)）"
        case .conflictingRecords(let table): "中的\(StoredNames.table(table) ?? table)记录与本库中的其他记录冲突（如证书编号已登记在他人名下）"
        }
    }
}

/// The merge's words that its refusals and its report share.
/// Where a batch entry's rows came from, as every line that names the batch says it: an
/// imported file, or a unit's bundle a merge added them from (Documentation/DEPARTMENTS.md).
struct BatchWording {
    /// `文件“人员.csv”`, or `单位“甲单位”的数据包“甲.bundle”`.
    let origin: String
    /// 整批导入 or 整批合并.
    let act: String

    init(file: String, unit: String?) {
        (origin, act) = unit.map { ("单位“\($0)”的数据包“\(file)”", "整批合并") } ?? ("文件“\(file)”", "整批导入")
    }
}

enum MergeWording {
    /// A second record a person may hold once: an open application of `cycle` (§7), or a
    /// current post when `cycle` is nil.
    static func second(_ cycle: Int?) -> String {
        cycle.map { "\($0)年度另有一份未撤回的申报（每人每周期一份，§7）" } ?? "另有一个现任岗位"
    }
}

extension MergeProgress {
    /// The line shown while a merge runs.
    var chinese: String {
        switch self {
        case .checked(let file, let unit): "已校验数据包“\(file)”（单位“\(unit)”）"
        case .people(let count): "已核对\(count)人"
        case .records: "已核对全部记录"
        }
    }
}

extension MergeReport.ConflictRecord {
    /// The record as a conflict names it: 单位“甲单位”, 证书（工种电工，等级高级工）.
    var chinese: String {
        switch self {
        case .unit(let name): "单位“\(name)”"
        case .person: "人员信息"
        case .keyed(let table, let key):
            "\(MergeReport.tableName(table))（" + key.map { "\(MergeReport.fieldName($0.column, of: table))\($0.value ?? "")" }
                .joined(separator: "，") + "）"
        case .second(let cycle): MergeWording.second(cycle)
        case .use(let year, let grade, let category): "\(year)年\(grade.chinese)“\(category)”类破格使用"
        }
    }
}

extension MergeReport.StoredSide {
    /// 本库, or 本库（单位“甲单位”）.
    var chinese: String { "本库" + (unit.map { "（单位“\($0)”）" } ?? "") }
}

extension MergeReport.BundleSide {
    var chinese: String { "数据包“\(file)”（单位“\(unit)”，\(createdAt)生成）" }
}

extension MergeReport.HeldBack {
    /// 2024年高级工·破格申报.
    var chinese: String { "\(cycle)年\(grade.chinese)·\(module.chinese)" }
}

extension MergeReport.HeldFrom {
    var chinese: String {
        switch self {
        case .thisBundle(let mergedAt): "本数据包（\(mergedAt)已合并）"
        case .newerBundle(let unit, let createdAt): "单位“\(unit)”\(createdAt)生成的数据包"
        }
    }
}

extension ExpectedSchema.Difference {
    /// One Chinese line.
    var chinese: String {
        let what = Self.typeNames[type] ?? type
        return switch kind {
        case .missing: "缺少应有的\(what)“\(name)”：被删除或改名"
        case .extra: "多出\(what)“\(name)”：不是 gongqin 建立的"
        case .altered: "\(what)“\(name)”的定义与该结构版本应有的不同：被改动"
        case .version: "结构版本记录（\(migrations.isEmpty ? "无" : migrations.joined(separator: "、"))）不是本版本 gongqin 依次应用的迁移"
        }
    }

    static let typeNames = ["table": "表", "index": "索引", "trigger": "触发器", "view": "视图"]
}

extension IntegrityFinding {
    /// The finding's one Chinese line, as `check` prints it.
    var detail: String { problem.chinese }
}

extension IntegrityProblem {
    var chinese: String {
        func table(_ table: String) -> String { StoredNames.table(table) ?? table }
        switch self {
        case .schema(let difference): return difference.chinese
        case .anchorMissing(let seq): return "变更日志中已没有锚点所记的第\(seq)条：日志在锚点之后被截短或删改"
        case .anchorHash(let seq, let stored, let anchored):
            return "变更日志第\(seq)条的哈希\(stored.prefix(16))…与锚点记的\(anchored.prefix(16))…不同：日志在锚点之前的部分被重写"
        case .sinceWitness(let seq, let problem):
            return "自您上次用 gongqin 写入（日志第\(seq)条）以来，" + problem.chinese.replacingOccurrences(of: "锚点", with: "该条")
        case .sqlite(let line): return "SQLite 完整性检查：\(line)"
        case .foreignKey(let child, let row, let parent): return "\(table(child))表第\(row)行引用的\(table(parent))记录不存在"
        case .chainGap(let from, let to): return "变更日志缺少第\(from)–\(to)条：记录被删除"
        case .chainHash(let seq): return "变更日志第\(seq)条的内容与其哈希不符：该条或其前一条被改动、伪造或删除"
        case .chainBreak(let seq): return "变更日志第\(seq)条与前面的记录衔接不上：其前的记录被删除"
        case .useWithoutApplication(let name, let condition, let application):
            return "\(name)的破格使用\(condition)与申报\(application)不符（申报不存在、已撤回或等级年度不一致）"
        case .categoryRepeated(let name, let category, let count):
            return "\(name)的“\(category)”类破格条件使用了\(count)次（\(RuleID.X1.citation)）"
        case .applicationsInCycle(let name, let cycle, let count):
            return "\(name)在\(cycle)年有\(count)份未撤回的申报（每人每周期一份，\(RuleID.D6.citation)）"
        case .exceptionalWithoutUse(let name, let application):
            return "\(name)的破格申报\(application)没有记录所用的破格条件（\(RuleID.X4.citation)）"
        case .useCategoryMismatch(let name, let condition): return "\(name)的破格使用\(condition)与目录中的类别不符"
        case .applicationNoLongerHolds(let name, let application, let failed):
            let checks = failed.map { "\($0.rule.rawValue) \($0.detail)" }.joined(separator: "；")
            return "\(name)的在办申报（编号\(application.id)，\(application.cycle)年\(application.trade)\(application.grade.chinese)·\(application.module.chinese)，\(application.status.chinese)）在现有记录上已不成立（\(RuleID.R1.citation)）：\(checks)"
        case .rowChanged(let t, let key): return "\(table(t))记录\(key)与变更日志的最后一条不符：在 gongqin 之外被改动，或其日志被删除"
        case .rowUnlogged(let t, let key): return "\(table(t))记录\(key)在变更日志中没有记载：在 gongqin 之外写入，或其日志被删除"
        case .rowMissing(let t, let key): return "\(table(t))记录\(key)按变更日志应存在，但已不在：在 gongqin 之外被删除"
        case .counterBehind(let t, let counter, let used):
            return "\(table(t))的编号计数器（\(counter)）低于变更日志中已用过的编号\(used)：在 gongqin 之外被改动，新记录会重用旧编号"
        case .batchUnreadable(let seq, let t): return "变更日志第\(seq)条（\(table(t))的整批导入）的内容无法读取"
        case .batchDigest(let seq, let t, let batch):
            let source = BatchWording(file: batch.file, unit: batch.unit)
            return "\(table(t))记录\(batch.first)–\(batch.last)（变更日志第\(seq)条，\(source.origin)\(source.act)）与该批的摘要不符：其中有记录在 gongqin 之外被改动、增加或删除，或其日志被删除"
        case .sealSignature(let id, let seq, let fingerprint):
            return "第\(id)个印章（日志第\(seq)条，指纹\(fingerprint)）的签名不符：印章或其所盖的日志头被改动"
        case .sealedHeadRewritten(let id, let seq): return "第\(id)个印章所盖的日志第\(seq)条已不是当时的样子：日志在盖章后被重写或截短"
        case .sealUnknownKey(let id, let seq, let fingerprint):
            return "第\(id)个印章（日志第\(seq)条）由本库此前未见过的密钥（指纹\(fingerprint)）所盖：不是本单位原有的印章，也没有经旧印章签署的换章记录"
        case .unsealedEntries(let first, let last, let count, let newest):
            return "变更日志第\(first)–\(last)条（共\(count)条）在最后一个印章（第\(newest)条）之后，未盖印章写入：不是持本单位印章的 gongqin 写的"
        }
    }
}
