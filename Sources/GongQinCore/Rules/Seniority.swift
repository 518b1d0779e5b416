/// T1 (须知·四·7): grade seniority runs from the certificate in the original trade.
/// Follow the person's transfers backwards from the current trade: A → B → C gives the
/// chain C, B, A. For grade G, the seniority date is the earliest issue date of any
/// grade-G certificate in that chain.
public struct TradeChain: Hashable, Sendable {
    /// The current trade first, then the trades before it, each once.
    public let trades: [String]
    /// The transfers that led to the current trade, oldest first.
    public let transfers: [Transfer]

    public init(_ record: PersonRecord) {
        var trades = [record.person.trade]
        var path: [Transfer] = []
        var cursor = record.person.trade
        for transfer in record.transfers.reversed() where transfer.to == cursor {
            path.insert(transfer, at: 0)
            cursor = transfer.from
            if !trades.contains(cursor) { trades.append(cursor) }
        }
        self.trades = trades
        self.transfers = path
    }

    public var current: String { trades[0] }
    /// Transferred at least once into the current trade.
    public var isTransferred: Bool { !transfers.isEmpty }
    /// The trade held before the last transfer (T2).
    public var previousTrade: String? { transfers.last?.from }

    public func contains(_ trade: String) -> Bool { trades.contains(trade) }

    /// The transfers from `trade` to the current trade, oldest first.
    public func path(from trade: String) -> [Transfer] {
        guard trade != current, let start = transfers.lastIndex(where: { $0.from == trade }) else { return [] }
        return Array(transfers[start...])
    }
}

/// The seniority of one grade held in the current trade chain (T1): worked out once per
/// person, and held by reference by every check that cites it.
public final class Seniority: Hashable, Sendable {
    public let grade: Grade
    /// The current trade.
    public let trade: String
    /// The date seniority runs from.
    public let since: Day
    /// The certificate it comes from.
    public let certificate: Certificate
    /// The transfers it came through, from the certificate's trade to the current one.
    public let transfers: [Transfer]

    public init(grade: Grade, trade: String, since: Day, certificate: Certificate, transfers: [Transfer]) {
        self.grade = grade
        self.trade = trade
        self.since = since
        self.certificate = certificate
        self.transfers = transfers
    }

    public static func == (a: Seniority, b: Seniority) -> Bool {
        a.grade == b.grade && a.trade == b.trade && a.since == b.since && a.certificate == b.certificate && a.transfers == b.transfers
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(grade)
        hasher.combine(trade)
        hasher.combine(since)
        hasher.combine(certificate)
        hasher.combine(transfers)
    }
}

extension PersonRecord {
    public var chain: TradeChain { TradeChain(self) }

    /// The certificates in the current trade chain.
    public func certificatesInChain(_ chain: TradeChain) -> [Certificate] {
        certificates.filter { chain.contains($0.trade) }
    }

    /// The seniority of each grade held in the current trade chain, lowest grade first (T1).
    public func seniority(_ chain: TradeChain? = nil) -> [Seniority] {
        let chain = chain ?? self.chain
        // The earliest certificate of each grade in the chain, in one pass over them (no
        // list a grade); of two issued the same day, the first listed.
        var earliest = [Certificate?](repeating: nil, count: Grade.allCases.count)
        for certificate in certificates where chain.contains(certificate.trade) {
            let slot = certificate.grade.level - 1
            if let held = earliest[slot], !(certificate.issued < held.issued) { continue }
            earliest[slot] = certificate
        }
        return Grade.allCases.compactMap { grade in
            guard let first = earliest[grade.level - 1] else { return nil }
            return Seniority(grade: grade, trade: chain.current, since: first.issued, certificate: first,
                             transfers: chain.path(from: first.trade))
        }
    }
}
