/// Finds the known name nearest to an unknown one, for the hint of an "unknown unit,
/// trade, person or condition" error (CLI.md, exit 65).
public enum NameMatch {
    /// The nearest candidate, or nil when none is close. A candidate containing the
    /// query, or contained in it, is preferred; otherwise the smallest edit distance of at
    /// most half the query's length wins.
    public static func nearest<S: Sequence<String>>(to query: String, in candidates: S) -> String? {
        let q = query.trimmingSpaces
        // A name longer than any in a catalogue is a pasted mistake, not a near miss.
        guard !q.isEmpty, q.count <= 100 else { return nil }
        var best: (name: String, score: Int)?
        for candidate in candidates {
            let score: Int
            if candidate.contains(q) || q.contains(candidate) {
                score = abs(candidate.count - q.count)
            } else {
                let d = distance(q, candidate)
                guard d <= max(1, q.count / 2) else { continue }
                score = d + 100
            }
            if best == nil || score < best!.score { best = (candidate, score) }
        }
        return best?.name
    }

    /// Levenshtein distance over characters, so that 电工 and 电焊工 are one apart.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
