import ArgumentParser
import Foundation
import GongQinCore
import GongQinStore

// What a command does to the database (ARCHITECTURE.md, “A new command”). Every
// command that takes `--db` declares it, by conforming to `ReadCommand` or `WriteCommand`,
// and reaches the database only through the one context that declaration gives it: a read
// command gets a `ReadContext`, which opens the file read-only (never creating, changing or
// upgrading it) and hands out nothing that writes; a write command gets a `WriteContext`.
// The ways to open the database are private to this file. `AccessTests` walks the command
// tree and runs each read command against a missing and a read-only database.

/// What a command does to the database.
enum Access: String {
    case read, write
}

/// A command that takes the database (`@OptionGroup var store: StoreOptions`, or through
/// `RecordTarget`/`RecordNumber`).
protocol StoreCommand: ParsableCommand {
    static var access: Access { get }
    var store: StoreOptions { get }
}

/// A command that only reads: `list`, `show`, `eligible`, `export`, `check`…
protocol ReadCommand: StoreCommand {}

extension ReadCommand {
    static var access: Access { .read }
    /// The database, read-only.
    var context: ReadContext { ReadContext(store: store) }
}

/// A command that may write: `add`, `update`, `import`, `merge` (whose `--dry-run` reads)…
protocol WriteCommand: StoreCommand {}

extension WriteCommand {
    static var access: Access { .write }
    /// The database, to write, or to read first.
    var context: WriteContext { WriteContext(store: store) }
}

/// What a read command has of the database.
struct ReadContext {
    fileprivate let store: StoreOptions

    /// Opens the database read-only: a missing file is refused (66), never created.
    func database() throws -> ReadOnlyDatabase { ReadOnlyDatabase(try store.reader()) }

    /// The person a command-line argument names (`StoreOptions.person`).
    func person(_ argument: String) throws -> IDNumber { try store.person(argument) }
}

/// The database as a read command has it: reads, and what is made from reading it.
struct ReadOnlyDatabase {
    private let database: GongQinDatabase

    fileprivate init(_ database: GongQinDatabase) { self.database = database }

    var path: String { database.path }
    var witnessedHead: LogHead? { database.witnessedHead }

    /// One read transaction.
    func read<T>(_ body: (Session) throws -> T) throws -> T { try database.read(body) }
    func status() throws -> DatabaseStatus { try database.status() }
    func witnessNotice() throws -> HeadWitness.Notice? { try database.witnessNotice() }
    /// A copy in a new file (`backup`).
    func backup(to file: String) throws { try database.backup(to: file) }
    /// A unit's bundle, a new file (`bundle`).
    func bundle(unit: String, to file: String, createdAt: String, seal: SealKey?) throws -> UnitBundle.Manifest {
        try database.bundle(unit: unit, to: file, createdAt: createdAt, seal: seal)
    }
}

/// What a write command has of the database.
struct WriteContext {
    fileprivate let store: StoreOptions

    /// Opens the database to write: creates it (and says so) or brings it up to date.
    func open() throws -> GongQinDatabase { try store.open() }

    /// Opens an existing database to write: a command that changes a numbered record has
    /// nothing to change in a missing file, so it is refused as a read would be (66).
    func openExisting() throws -> GongQinDatabase {
        _ = try store.reader()
        return try store.open()
    }

    /// Opens the database read-only, for a write command's reading part (`merge --dry-run`).
    func reader() throws -> GongQinDatabase { try store.reader() }

    /// Opens the database for `merge` and runs the merge on it while the bundles are still
    /// being checked (GongQinDatabase.merging): a new file appears, and is said to, only
    /// once the merge is made.
    func merging<T>(_ bundles: CheckedBundles, _ merge: (GongQinDatabase) throws -> T) throws -> T {
        let (value, built) = try GongQinDatabase.merging(at: store.path, context: try store.context(), bundles: bundles) { database in
            try merge(store.opened(database))
        }
        if built { Console.errorLine("已新建数据库：\(store.path)") }
        return value
    }

    func person(_ argument: String) throws -> IDNumber { try store.person(argument) }
}

extension StoreOptions {
    /// Opens the database for a command that writes: creates it (and says so on stderr)
    /// or brings it up to date.
    fileprivate func open() throws -> GongQinDatabase {
        try opened(GongQinDatabase.open(at: path, context: try context()))
    }

    /// Says what a write command should hear of the database it has opened: that it was
    /// created, or what its witness says; and learns its conditions' names.
    fileprivate func opened(_ database: GongQinDatabase) throws -> GongQinDatabase {
        if database.created {
            Console.errorLine("已新建数据库：\(database.path)")
        } else if let notice = try database.witnessNotice(), let line = WitnessWords.beforeWrite(notice, path: database.path) {
            Console.errorLine(line)
        }
        learnConditionNames(database)
        return database
    }

    /// The names of the conditions a clerk added, for tables and messages.
    private func learnConditionNames(_ database: GongQinDatabase) {
        if let conditions = try? database.read({ try $0.catalog.conditions() }) { Labels.learn(conditions) }
    }

    /// Opens the database for a command that only reads: never creates, changes or
    /// upgrades the file.
    fileprivate func reader() throws -> GongQinDatabase {
        let database = try GongQinDatabase.openForReading(at: path, context: Environment.logContext)
        learnConditionNames(database)
        return database
    }

    /// The person a command-line argument names: a full identity number as it stands,
    /// or a masked ID as gongqin prints it, or an exact name, looked up in the database.
    func person(_ argument: String) throws -> IDNumber {
        let text = argument.trimmingSpaces
        if text.count == 18, text.prefix(17).allSatisfy(\.isASCII), text.prefix(17).allSatisfy(\.isNumber) {
            return try Parse.id(text)
        }
        // Anything of ID number shape that is not masked is read as a (bad) ID number.
        if text.count >= 15, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X" || $0 == "x") }) {
            return try Parse.id(text)
        }
        return try reader().read { s in try s.people.resolve(text) }
    }
}
