/// The forecast (RULES FC1): who may apply in each coming cycle if the records stay as
/// they are and only time passes. Each person is read once and judged for every cycle by
/// the same engine `eligible` uses (`Engine.eligibleOptions(_:cycles:policies:)`): one
/// pass over the records, each person's facts worked out once, each cycle's policy looked
/// up once for the whole forecast.
///
/// FC1's assumptions and where each one decides an option:
/// - an assessment year not yet assessed is taken as 合格: A1 passes on such years (the
///   engine's A1 already reads them so, `须届时合格`); counted per row as `assumedAssessments`;
/// - no new certificates, transfers or uses: the records are taken as they are;
/// - the policy of a year without an official one is the provisional one derived from
///   the offsets of RULES §2: `policyStatus` is the weakest status any open option rests on.
public struct Forecast: Sendable {
    /// The cycle the forecast starts from: the 等级工 cycle year that holds today (a
    /// cycle is two years, RULES CY). An option open in it is not new in any later one.
    public let current: Int
    /// The forecast years: the `count` 等级工 cycle years after `current`.
    public let cycles: [Int]

    /// One grade and module in one forecast year.
    public struct Row: Sendable, Hashable {
        public var cycle: Int
        public var grade: Grade
        public var module: Module
        /// The people with the option open, in the order they were read: each one's place
        /// in `named` (`Forecast.person(_:)`), not a copy of their identity number.
        public var open: [Int32] = []
        /// How many of them have it open for the first time (FC1).
        public var new = 0
        /// How many of them have it open only because assessment years not yet assessed
        /// are taken as 合格 (FC1).
        public var assumedAssessments = 0
        /// The weakest status of the policy values the open options rest on.
        public var policyStatus: ValueStatus = .official
    }

    /// The rows, one slot per forecast year, grade and module (`slot`); nil where nobody
    /// has the option open.
    var table: [Row?]
    /// The cycles judged: the current one, then the forecast years.
    let judged: [Int]
    /// The policy of each judged cycle, looked up once for the whole forecast.
    private(set) var policies: [SharedPolicy]
    /// The people judged.
    public private(set) var people = 0

    /// A person as the forecast names them.
    public struct Named: Hashable, Sendable {
        public var idNumber: IDNumber
        public var name: String
        public var unit: String
    }

    /// Everyone some row lists, in the order they were read, once a person however many
    /// rows list them: a row holds their places here. A province's forecast lists each
    /// person in several rows; a place is read without hashing an identity number.
    public private(set) var named: [Named] = []

    /// The person at a place of a row's `open`.
    public func person(_ place: Int32) -> Named { named[Int(place)] }

    /// The identity numbers of a row's people, in its order.
    public func idNumbers(_ row: Row) -> [IDNumber] { row.open.map { named[Int($0)].idNumber } }

    /// The forecast from `today`: the cycle that holds today, and the `count` 等级工
    /// cycle years after it.
    public init(engine: Engine, today: Day, count: Int) {
        var current = today.year
        while current > today.year - 4, !engine.policy(current).levelCycleYear.value { current -= 1 }
        var cycles: [Int] = []
        var year = current
        while cycles.count < count {
            year = engine.nextCycle(asOf: Day(year: year + 1, month: 1, day: 1)!)
            cycles.append(year)
        }
        self.current = current
        self.cycles = cycles
        judged = [current] + cycles
        policies = judged.map { SharedPolicy(engine.policy($0)) }
        table = Array(repeating: nil, count: cycles.count * Forecast.options)
    }

    /// How many grade-and-module combinations there are.
    static let options = Grade.allCases.count * Module.allCases.count

    /// The place of a grade and module among `options`, in the order of `Grade.allCases`
    /// then `Module.allCases`.
    static func option(_ grade: Grade, _ module: Module) -> Int {
        let m = switch module {
        case .normal: 0
        case .early: 1
        case .exceptional: 2
        case .transfer: 3
        case .review: 4
        }
        return (grade.level - 1) * Module.allCases.count + m
    }

    /// The same forecast, its cycles' policies held by objects of its own: for a batch
    /// judged on one core, as `Engine.ownCopy()` is for the engine.
    public func ownCopy() -> Forecast {
        var copy = self
        copy.policies = policies.map { SharedPolicy($0.value) }
        return copy
    }

    /// Judges one person in the current cycle and in every forecast year, and counts
    /// their open options. The options already open in an earlier cycle are a bit set
    /// over `option`: no set or dictionary per person.
    public mutating func add(_ record: PersonRecord, engine: Engine) {
        people += 1
        var before: UInt64 = 0
        var place: Int32?
        engine.eligibleOptions(record, cycles: judged, policies: policies) { index, decided in
            // By index: a `for … in` copies each decision (a retain of each of its lists).
            guard index > 0 else {
                for k in decided.indices { before |= 1 << UInt64(Forecast.option(decided[k].grade, decided[k].module)) }
                return
            }
            let i = index - 1  // the forecast year, after the current cycle
            var seen: UInt64 = 0
            for k in decided.indices {
                let grade = decided[k].grade, module = decided[k].module
                let o = Forecast.option(grade, module)
                let bit: UInt64 = 1 << UInt64(o)
                guard seen & bit == 0 else { continue }
                seen |= bit
                let slot = i * Forecast.options + o
                var row = table[slot] ?? Row(cycle: cycles[i], grade: grade, module: module)
                table[slot] = nil
                if place == nil {
                    place = Int32(named.count)
                    named.append(Named(idNumber: record.person.idNumber, name: record.person.name, unit: record.person.unit))
                }
                row.open.append(place!)
                if before & bit == 0 { row.new += 1 }
                if Forecast.restsOnPendingAssessments(decided[k]) { row.assumedAssessments += 1 }
                for j in decided[k].checks.indices {
                    if let status = decided[k].checks[j].status { row.policyStatus = ValueStatus.weaker(row.policyStatus, status) }
                }
                table[slot] = row
            }
            before |= seen
        }
    }

    /// Adds another forecast of the same cycles, over the people read after this one's.
    public mutating func merge(_ other: Forecast) {
        people += other.people
        // The other's places follow this one's people.
        let offset = Int32(named.count)
        named += other.named
        for (slot, row) in other.table.enumerated() {
            guard var row else { continue }
            if offset != 0 { row.open = row.open.map { $0 + offset } }
            guard var mine = table[slot] else {
                table[slot] = row
                continue
            }
            table[slot] = nil  // `mine` is then the only holder of its list, which grows in place
            mine.open += row.open
            mine.new += row.new
            mine.assumedAssessments += row.assumedAssessments
            mine.policyStatus = ValueStatus.weaker(mine.policyStatus, row.policyStatus)
            table[slot] = mine
        }
    }

    /// The rows by cycle, grade and module; combinations with nobody open are left out.
    public var rows: [Row] {
        table.compactMap { $0 }.sorted {
            ($0.cycle, Forecast.option($0.grade, $0.module)) < ($1.cycle, Forecast.option($1.grade, $1.module))
        }
    }

    /// The number of different people with some option of `grade` open in `cycle`: the
    /// height of a bar of the report's chart.
    public func openPeople(cycle: Int, grade: Grade) -> Int {
        Set(table.compactMap { $0 }.filter { $0.cycle == cycle && $0.grade == grade }.flatMap(\.open)).count
    }

    /// Whether the option is open only because assessment years not yet assessed are taken
    /// as 合格 (FC1): A1 passed, and some year of its window was not yet assessed. A1's
    /// check holds the years it read, as of the engine's today and the cycle's window.
    static func restsOnPendingAssessments(_ option: OptionDecision) -> Bool {
        for i in option.checks.indices where option.checks[i].rule == .A1 && option.checks[i].verdict == .pass {
            if case .assessmentsSatisfactory(let years, _) = option.checks[i].finding, !years.pending.isEmpty { return true }
        }
        return false
    }
}
