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
            throw GongQinError(.internalError, "内置的2024年政策文件无法读取", hint: "请重新安装 gongqin")
        }
        return policy
    }

    /// Reads and checks a policy file's JSON, in the shape `policy show --format json`
    /// prints. A missing or mistyped field, or an inconsistent value, is refused with
    /// every problem named.
    public static func document(from data: Data, conditions: Set<String>) throws -> Policy {
        // a size cap, a string cap, no duplicate key, before decoding.
        if let problem = JSONLimits.problem([UInt8](data)) {
            throw GongQinError.invalid("策略文件未载入：\(problem)", hint: "请核对文件；策略文件不超过1 MB，每个字符串不超过\(JSONLimits.maximumString)个字，同一对象中的键不能重复")
        }
        let document: Policy
        do {
            document = try JSONDecoder().decode(Policy.self, from: data)
        } catch let error as DecodingError {
            throw GongQinError.invalid("策略文件不完整或格式有误：\(Self.describe(error))",
                                       hint: "格式与 gongqin policy show 2024 --format json 的输出相同，见 Documentation/CLI.md")
        } catch {
            throw GongQinError.invalid("策略文件不是有效的 JSON", hint: "格式与 gongqin policy show 2024 --format json 的输出相同")
        }
        let problems = document.problems(conditions: conditions)
        if !problems.isEmpty {
            throw GongQinError(.invalidData, "策略文件前后不一致，未载入（\(problems.count)处）", details: problems)
        }
        return document
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            let all = keys + (last.map { [$0] } ?? [])
            let text = all.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "（顶层）" : text
        }
        switch error {
        case .keyNotFound(let key, let context): return "缺少字段 \(path(context.codingPath, key))"
        case .valueNotFound(_, let context): return "字段 \(path(context.codingPath)) 的值为空"
        case .typeMismatch(let type, let context): return "字段 \(path(context.codingPath)) 的类型不对（应为\(type)）"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "不是有效的 JSON" : "字段 \(path(context.codingPath)) 的值无效：\(context.debugDescription)"
        @unknown default: return "格式有误"
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
                throw GongQinError(.internalError, "\(year)年的已载入政策无法读取", hint: "请用 gongqin policy load 重新载入")
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
