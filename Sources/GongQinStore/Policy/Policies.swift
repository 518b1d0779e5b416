import Foundation
import GongQinCore
import GRDB

/// The policies of the cycle years: loaded official ones, and the notice's for the rest
/// (RULES §2).
public struct Policies {
    let session: Session
    var db: Database { session.db }

    /// The notice's policy, from the document embedded in the binary (Policy/policy-2024.json).
    static let noticeResult: Result<Policy, any Error> = Result {
        try JSONDecoder().decode(Policy.self, from: Data(Policy.noticeDocument))
    }

    /// The notice's policy; `PolicyYearTests` proves the embedded document decodes.
    public static func notice() throws -> Policy {
        guard case .success(let policy) = noticeResult else {
            throw StoreFailure.noticePolicyUnreadable
        }
        return policy
    }

    /// Reads and checks a policy file's JSON, in the shape `policy show --format json`
    /// prints. A missing or mistyped field, or an inconsistent value, is refused with
    /// every problem named.
    public static func document(from data: Data, conditions: Set<String>) throws -> Policy {
        // a size cap, a string cap, no duplicate key, before decoding.
        if let problem = JSONLimits.problem([UInt8](data)) {
            throw StoreFailure.policyOverLimits(problem: problem)
        }
        let document: Policy
        do {
            document = try JSONDecoder().decode(Policy.self, from: data)
        } catch let error as DecodingError {
            throw StoreFailure.policyMalformed(Self.describe(error))
        } catch {
            throw StoreFailure.policyNotJSON
        }
        let problems = document.problems(conditions: conditions)
        if !problems.isEmpty {
            throw StoreFailure.policyInconsistent(problems: problems)
        }
        return document
    }

    static func describe(_ error: DecodingError) -> PolicyDecodingProblem {
        func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let all = keys + (last.map { [$0] } ?? [])
            return all.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return .keyNotFound(path: path(context.codingPath, key))
        case .valueNotFound(_, let context): return .valueNotFound(path: path(context.codingPath))
        case .typeMismatch(let type, let context): return .typeMismatch(path: path(context.codingPath), type: "\(type)")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return .notJSON }
            if let error = context.underlyingError as? Day.ParseError { return .invalidDay(path: path(context.codingPath), error) }
            return .invalidValue(path: path(context.codingPath), description: context.debugDescription)
        @unknown default: return .other
        }
    }

    /// Loads a year's policy, replacing an earlier one for the same year. Returns whether
    /// one was replaced.
    @discardableResult
    public func load(_ document: Policy, today: Day) throws -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(document), as: UTF8.self)
        let replaced = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM policy WHERE year = ?)", arguments: [document.year])!
        try db.execute(sql: """
            INSERT INTO policy (year, source, document, loaded_on) VALUES (?, ?, ?, ?)
            ON CONFLICT (year) DO UPDATE SET source = excluded.source, document = excluded.document, loaded_on = excluded.loaded_on
            """, arguments: [document.year, document.origin, json, today.description])
        return replaced
    }

    /// The loaded policies, by year. A year loaded by gongqin 0.1 is in its older file
    /// shape, read over the notice's policy for that year.
    func loaded(notice: Policy, catalogue: [ExceptionalCondition]) throws -> [Int: Policy] {
        var policies: [Int: Policy] = [:]
        let decoder = JSONDecoder()
        for row in try Row.fetchAll(db, sql: "SELECT year, document FROM policy") {
            let (year, text): (Int, String) = (row["year"], row["document"])
            if let policy = try? decoder.decode(Policy.self, from: Data(text.utf8)) {
                policies[year] = policy
            } else if let legacy = try? decoder.decode(LegacyPolicyFile.self, from: Data(text.utf8)) {
                policies[year] = legacy.policy(base: notice.derived(year: year, catalogue: catalogue))
            } else {
                throw StoreFailure.storedPolicyUnreadable(year: year)
            }
        }
        return policies
    }

    /// The policy of a year: the loaded one, or the notice's.
    public func policy(year: Int) throws -> Policy {
        try resolver()(year)
    }

    /// A function from a year to its policy, reading the database once.
    public func resolver() throws -> @Sendable (Int) -> Policy {
        let catalogue = try session.catalog.conditions()
        let notice = try Self.notice()
        let loaded = try loaded(notice: notice, catalogue: catalogue)
        // Each year derived when first asked for, then kept: the engine asks for a year's
        // policy many times per person, from many threads (Pipeline), and most commands
        // ask for a few years only.
        let policies = Locked<[Int: Policy]>([:])
        return { year in
            policies.withLock { known in
                if let policy = known[year] { return policy }
                let policy = (loaded[year] ?? notice).derived(year: year, catalogue: catalogue)
                known[year] = policy
                return policy
            }
        }
    }

    /// The years with a loaded policy.
    public func loadedYears() throws -> [(year: Int, source: String, loadedOn: Day)] {
        try Row.fetchAll(db, sql: "SELECT year, source, loaded_on FROM policy ORDER BY year").map {
            (year: $0["year"], source: $0["source"], loadedOn: $0["loaded_on"])
        }
    }
}

extension Session {
    public var policies: Policies { Policies(session: self) }

    /// The eligibility engine over this database: its policies, its exceptional
    /// catalogue and its trades.
    public func engine(today: Day) throws -> Engine {
        Engine(policy: try policies.resolver(), catalogue: try catalog.conditions(), trades: try catalog.trades(), today: today)
    }
}
