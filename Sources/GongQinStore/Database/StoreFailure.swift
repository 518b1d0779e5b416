import GongQinCore

/// What the store refuses or fails at, typed: each case carries the data (the path, the
/// table, the count, the record number) and no words. The CLI words every case, with the
/// commands that help, in one file (GongQinCLI/Wording/StoreWording.swift); the store knows
/// no command names and writes no sentences. A `GongQinError` thrown by Core passes
/// through as `.core`, already worded there.
public enum StoreFailure: Error, Sendable, Hashable {
    /// A Core error on its way through the store, as Core worded it.
    case core(GongQinError)

    // MARK: SQLite and GRDB (StoreErrors)
    /// A row that does not decode: the file was changed outside gongqin.
    case undecodableRow(path: String)
    /// An error of no known kind; `type` is its Swift type's name.
    case unexpected(type: String)
    case busy(path: String, seconds: Double)
    case notSQLite(path: String)
    case cannotOpen(path: String)
    case readOnly(path: String)
    case corrupt(path: String)
    case diskFull(path: String)
    case folderDiskFull(path: String)
    case diskError(path: String)
    /// A change-log trigger called a function this connection has not registered.
    case unregisteredFunction
    case sqlite(code: Int32)
    /// An output file (`file` says which) could not be written: a full disk, or any other I/O failure.
    case outputFull(path: String, file: FileRole)
    case outputFailed(path: String, file: FileRole)
    /// Constraints the code did not check first; `table` is the table SQLite named, if any.
    case duplicate(table: String?)
    case danglingReference(table: String?)
    case checkConstraint(table: String?)
    case constraint(table: String?)
    /// The triggers' refusals (Schema/0001, 0003).
    case applicationStatusTrigger
    case withdrawnApplicationUse
    case appendOnlyLog

    // MARK: The database file
    case databaseMissing(path: String)
    case databaseEmpty(path: String)
    case databaseNewer(path: String)
    /// A newer gongqin wrote the file; `unknown` are the migrations this version does not know.
    case databaseNewerMigrations(path: String, unknown: [String])
    case databaseOlder(path: String, latest: String?)
    case emptyDatabasePath
    case databaseIsFolder(path: String)
    case notGongQin(path: String)
    case migrationLeftDanglingReferences
    case databaseReadOnlyMedia(path: String)
    case databaseNotCreated(path: String)
    /// The file's schema differs from its version's (ExpectedSchema).
    case schemaDiffers(path: String, differences: [ExpectedSchema.Difference])
    /// The log no longer holds the head recorded after this user's last write; `missing`
    /// when the entry is gone, not just different.
    case witnessedHeadMismatch(path: String, head: LogHead, missing: Bool)
    /// A row changed outside gongqin since the log last recorded it (`key` as shown: masked for a person).
    case changedOutside(path: String, table: String, key: String)
    /// A row the transaction wrote fails the checks of typed input; `more` further problems.
    case writtenRowInvalid(table: String, row: WrittenRow, problem: FieldProblem, more: Int)
    case restoredUnsound
    /// `restore`'s copy failed; `kept` is where the replaced database was kept.
    indirect case restoreFailed(path: String, kept: String?, reason: StoreFailure)
    /// A table a log trigger is asked for that this version does not log.
    case tableNotLogged(table: String)

    // MARK: Paths
    case danglingLink(path: String, file: FileRole)
    case specialFile(path: String, file: FileRole, kind: SpecialFile)
    case inputMissing(path: String, file: FileRole)
    case inputIsFolder(path: String, file: FileRole)
    case inputSpecial(path: String, file: FileRole, kind: SpecialFile)
    case folderNotCreated(folder: String, file: FileRole)
    /// `reason` is the system's text for errno (strerror).
    case fileNotCreated(path: String, file: FileRole, reason: String)

    // MARK: Backup and restore
    case backupExists(path: String)
    /// The current database could not be kept as `target`; `reason` is why.
    indirect case keepFailed(target: String, candidate: String, path: String, reason: StoreFailure)
    case backupUnreadable(path: String)
    case backupDamaged(path: String)
    case backupNotGongQin(path: String)
    case backupNotSQLite(path: String)
    case backupNewer(path: String, unknown: [String])
    case backupFailsChecks(path: String, findings: [IntegrityFinding])

    // MARK: Seal keys
    case sealKeyExists(path: String)
    case sealKeyNotCreated(path: String)
    case sealKeyNotWritten(path: String)
    case sealKeyMissing(path: String)
    case sealKeyNotSmallFile(path: String)
    /// `mode`: the permission bits, in octal.
    case sealKeyReadableByOthers(path: String, mode: String)
    case sealKeyUnreadable(path: String)
    case notSealKey(path: String)
    case notSealPublicKey(text: String)
    case noTrustedSeal(unit: String)
    case unitNameRefused(FieldProblem)

    // MARK: Bundles and the merge
    case bundleRefused(file: String, flaw: BundleFlaw)
    case bundleExists(file: String)
    case bundleMissing(file: String)
    case bundleNotRegular(file: String)
    case bundleUnreadable(file: String)
    case sourceFailsChecks(findings: [IntegrityFinding])
    /// A bundle's record where the department holds the one allowed (an open application
    /// of `cycle`, or a current post when `cycle` is nil), with `--prefer bundle`.
    case bundleSecondRecord(file: String, person: String, table: String, cycle: Int?)
    case bundleStatusChange(file: String, person: String, from: ApplicationStatus, to: ApplicationStatus)

    // MARK: Import batches and the log
    case fileUnreadable(path: String)
    case batchNotRevertible(seq: Int64, batch: ImportBatch)
    /// `known`: the tables the log holds, for the nearest.
    case tableNotInLog(table: String, known: [String])

    // MARK: Policies
    case noticePolicyUnreadable
    /// `problem`: what JSONLimits found in the file.
    case policyOverLimits(problem: JSONLimits.Problem)
    case policyMalformed(PolicyDecodingProblem)
    case policyNotJSON
    /// `problems`: Policy's own findings.
    case policyInconsistent(problems: [PolicyProblem])
    case storedPolicyUnreadable(year: Int)
    /// An employer remark for the approval form that Core refuses (F1).
    case formRemarkRefused(ApprovalForm.RemarkProblem)

    // MARK: Units, trades and conditions
    /// Names not found; `known`: the names there are, for the nearest.
    case unitNotFound(name: String, known: [String])
    case departmentNotFound(name: String, known: [String])
    case tradeNotFound(name: String, known: [String])
    case conditionNotFound(code: String, known: [String])
    /// A short form that names several conditions.
    case conditionAmbiguous(code: String, candidates: [ExceptionalCondition])
    case conditionCodeInvalid
    case conditionExists(code: String)
    case conditionInvalid(FieldProblem)
    case unitNameEmpty
    case unitNameTaken(name: String)
    /// A row refers to a unit or trade that is not there.
    case missingReferent(kind: Referent, id: Int64)

    // MARK: People and records
    case personNotFound(IDNumber)
    case personHasLedger(name: String, id: IDNumber, uses: Int, applications: Int)
    /// Problems with a record's fields, each worded by Core or the store's checks.
    case fieldProblems([FieldProblem])
    /// A job added while a current post is held, and its problems.
    case currentJobHeld([FieldProblem])
    case noCurrentJob(name: String, id: IDNumber)
    /// An import row's record that an earlier row (`first`) of the file already holds.
    case repeatsRow(first: Int, FieldProblem)
    /// An import row's record the database holds; `replaceable` when `--update` would replace it.
    case alreadyStored(FieldProblem, replaceable: Bool)

    // MARK: Applications and the ledger
    case conditionRepeated
    /// The engine refuses: `title` names the application's parts.
    case notEligible(title: ApplicationTitle, person: IDNumber, failed: [Check])
    case openApplicationExists(name: String, cycle: Int, open: Application)
    case applicationExists(name: String, cycle: Int)
    case conditionRequired(module: Module, offered: [String])
    case conditionNotUsed(module: Module)
    case applicationNotFound(id: Int64)
    case applicationAlready(id: Int64, status: ApplicationStatus)
    case applicationStatusChange(id: Int64, from: ApplicationStatus, to: ApplicationStatus)
    case anotherApplication(name: String, cycle: Int, other: Int64)
    case examOnlyForTechnician(id: Int64, grade: Grade)
    case reviewOnlyForTechnicians(id: Int64, grade: Grade)
    case applicationWithdrawn(id: Int64)
    case categoryUsed(name: String, earlier: ExceptionalUse, condition: ExceptionalCondition)
}

/// Which file a path failure is about: the noun the CLI names it by.
public enum FileRole: Sendable, Hashable {
    case database, backup, keptCopy, bundle, sealKey, importFile, policyFile, outputFile
}

/// What a path that is not a regular file is instead.
public enum SpecialFile: Sendable, Hashable {
    case fifo, device, socket, other
}

/// What a dangling row id referred to.
public enum Referent: Sendable, Hashable {
    case unit, trade
}

/// The row of a transaction that the gate's checks of typed input refused: a person by
/// their identity number (nil when it is not a valid one), another record by its number.
public enum WrittenRow: Sendable, Hashable {
    case person(IDNumber?)
    case record(Int64)
}

/// An application's title: 张三2028年电工高级工·正常.
public struct ApplicationTitle: Sendable, Hashable {
    public var name: String
    public var cycle: Int
    public var trade: String
    public var grade: Grade
    public var module: Module
}

/// Where a policy file's JSON does not decode; `path` is the coding path (`a.b[0]`),
/// empty for the top level.
public enum PolicyDecodingProblem: Sendable, Hashable {
    case keyNotFound(path: String)
    case valueNotFound(path: String)
    case typeMismatch(path: String, type: String)
    case notJSON
    case invalidValue(path: String, description: String)
    /// A value that is no date, as `Day.parse` finds it.
    case invalidDay(path: String, Day.ParseError)
    case other
}

/// Why a bundle is refused (exit 65, the database untouched).
public enum BundleFlaw: Sendable, Hashable {
    case notSQLite
    case cannotOpen
    case unreadable
    case failsIntegrityCheck
    case notBundle
    case manifestFormat
    case newer(unknown: [String])
    case migrationsOutOfOrder
    case tableDiffers(table: String)
    case danglingReferences
    case formatVersion(String?)
    case manifestIncomplete
    case manifestDigest
    case sealIncomplete
    case sealSignature(fingerprint: String)
    case tableDigest(table: String)
    case units(unit: String, count: Int)
    case personOutsideUnit(unit: String)
    /// `masked`: the number masked, nil when it is not one.
    case invalidIDNumber(masked: String?)
    /// The unit's trusted key did not seal it; `found` is the fingerprint it was sealed with.
    case untrustedSeal(found: String?, unit: String, trusted: String)
    case sealRequired
    case conditionCategory(code: String)
    case conflictingRecords(table: String)
}

extension StoreFailure {
    /// The kind of error it is for the clerk, which decides the exit code
    /// (Documentation/CLI.md); StoreWording gives it to the words it writes. One switch,
    /// with no default: a new case is given its kind here.
    public var kind: GongQinError.Kind {
        switch self {
        case .core(let error):
            error.kind
        case .restoreFailed(_, _, let reason):
            reason.kind == .outputFailed ? .outputFailed : .internalError
        case .keepFailed(_, _, _, let reason):
            reason.kind
        case .undecodableRow, .unexpected, .unregisteredFunction, .sqlite, .migrationLeftDanglingReferences,
             .restoredUnsound, .tableNotLogged, .noticePolicyUnreadable, .storedPolicyUnreadable, .missingReferent:
            .internalError
        case .busy:
            .busy
        case .notSQLite, .cannotOpen, .readOnly, .corrupt, .databaseMissing, .databaseEmpty, .inputMissing,
             .backupUnreadable, .backupNotSQLite, .sealKeyMissing, .sealKeyUnreadable, .bundleMissing,
             .bundleUnreadable, .fileUnreadable:
            .unreadableFile
        case .diskFull, .folderDiskFull, .diskError, .outputFull, .outputFailed, .databaseReadOnlyMedia,
             .databaseNotCreated, .folderNotCreated, .fileNotCreated, .sealKeyNotCreated, .sealKeyNotWritten:
            .outputFailed
        case .duplicate, .danglingReference, .checkConstraint, .constraint, .databaseNewer, .databaseNewerMigrations,
             .databaseOlder, .databaseIsFolder, .notGongQin, .schemaDiffers, .witnessedHeadMismatch, .changedOutside,
             .writtenRowInvalid, .danglingLink, .specialFile, .inputIsFolder, .inputSpecial, .backupExists,
             .backupDamaged, .backupNotGongQin, .backupNewer, .backupFailsChecks, .sealKeyExists, .sealKeyNotSmallFile,
             .sealKeyReadableByOthers, .notSealKey, .notSealPublicKey, .noTrustedSeal, .unitNameRefused,
             .bundleRefused, .bundleExists, .bundleNotRegular, .sourceFailsChecks, .tableNotInLog, .policyOverLimits,
             .policyMalformed, .policyNotJSON, .policyInconsistent, .unitNotFound, .departmentNotFound, .tradeNotFound,
             .conditionNotFound, .conditionCodeInvalid, .conditionExists, .conditionInvalid, .unitNameEmpty,
             .unitNameTaken, .personNotFound, .fieldProblems, .currentJobHeld, .noCurrentJob, .repeatsRow,
             .alreadyStored, .applicationNotFound, .examOnlyForTechnician, .reviewOnlyForTechnicians, .formRemarkRefused:
            .invalidData
        case .applicationStatusTrigger, .withdrawnApplicationUse, .appendOnlyLog, .bundleSecondRecord,
             .bundleStatusChange, .batchNotRevertible, .personHasLedger, .notEligible, .openApplicationExists,
             .applicationExists, .applicationAlready, .applicationStatusChange, .anotherApplication,
             .applicationWithdrawn, .categoryUsed:
            .refused
        case .emptyDatabasePath, .conditionAmbiguous, .conditionRepeated, .conditionRequired, .conditionNotUsed:
            .usage
        }
    }

    /// Whether the failure is gongqin's or the database's own (exit 70 or 75), not the
    /// input's: an import stops at it instead of keeping it as a row's problem.
    public var isInternal: Bool { kind == .internalError || kind == .busy }
}
