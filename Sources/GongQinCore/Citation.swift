/// How every text cites a rule: one renderer for a check, used by `explain`, `apply`'s
/// refusal, `materials` and the warnings of `eligible` (Documentation/RULES.md,
/// "Citations"). A rule's clause comes from `RuleID.clause`, and nowhere else.

extension Verdict {
    /// `✓`, `✗` or `!`.
    public var mark: String {
        switch self {
        case .pass: "✓"
        case .fail: "✗"
        case .warning: "!"
        }
    }
}

extension Check {
    /// `✗ N3 须知·一·表：中级工证书2021年取得，须2019年及以前［推算］`: one check on a line
    /// of its own, with its verdict, rule, clause, detail and the status of a policy value
    /// that is not official.
    public var line: String {
        "\(verdict.mark) \(rule.rawValue) \(clause)：\(detail)" + (status.map { "［\($0.chinese)］" } ?? "")
    }

    /// `中级工证书2021年取得，须2019年及以前（N3，须知·一·表）`: one check inside a sentence.
    public var inline: String { "\(detail)（\(rule.citation)）" }
}
