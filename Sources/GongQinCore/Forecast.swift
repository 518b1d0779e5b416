/// The forecast (RULES FC1): who may apply in each coming cycle if the records stay as
/// they are and only time passes. Each person is read once and judged for every cycle by
/// the same engine `eligible` uses (`Engine.openOptions(_:cycles:)`).
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
        /// The people with the option open, in the order they were read.
        public var open: [IDNumber] = []
        /// How many of them have it open for the first time (FC1).
        public var new = 0
        /// How many of them have it open only because assessment years not yet assessed
        /// are taken as 合格 (FC1).
        public var assumedAssessments = 0
        /// The weakest status of the policy values the open options rest on.
        public var policyStatus: ValueStatus = .official
    }

    struct Key: Hashable {
        var cycle: Int
        var grade: Grade
        var module: Module
    }

    var table: [Key: Row] = [:]
    /// The people judged.
    public private(set) var people = 0

    public init(current: Int, cycles: [Int]) {
        self.current = current
        self.cycles = cycles
    }

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
        self.init(current: current, cycles: cycles)
    }

    /// Judges one person in the current cycle and in every forecast year, and counts
    /// their open options.
    public mutating func add(_ record: PersonRecord, engine: Engine) {
        people += 1
        let decided = engine.eligibleOptions(record, cycles: [current] + cycles)
        var before = Set(decided[0].map { Option(grade: $0.grade, module: $0.module) })
        for (i, cycle) in cycles.enumerated() {
            var seen = Set<Option>()
            for option in decided[i + 1] {
                let key = Option(grade: option.grade, module: option.module)
                guard seen.insert(key).inserted else { continue }
                let k = Key(cycle: cycle, grade: option.grade, module: option.module)
                var row = table[k] ?? Row(cycle: cycle, grade: option.grade, module: option.module)
                row.open.append(record.person.idNumber)
                if !before.contains(key) { row.new += 1 }
                if Forecast.restsOnPendingAssessments(record, option, policy: engine.policy(cycle), today: engine.today) {
                    row.assumedAssessments += 1
                }
                row.policyStatus = ([row.policyStatus] + option.checks.compactMap(\.status)).weakest
                table[k] = row
            }
            before.formUnion(seen)
        }
    }

    /// Adds another forecast of the same cycles, over other people.
    public mutating func merge(_ other: Forecast) {
        people += other.people
        for (key, row) in other.table {
            guard var mine = table[key] else {
                table[key] = row
                continue
            }
            mine.open += row.open
            mine.new += row.new
            mine.assumedAssessments += row.assumedAssessments
            mine.policyStatus = [mine.policyStatus, row.policyStatus].weakest
            table[key] = mine
        }
    }

    /// Puts each row's people in identity-number order: the order of the parts merged
    /// depends on which thread judged whom.
    public mutating func sortPeople() {
        for key in table.keys { table[key]!.open.sort { $0.text < $1.text } }
    }

    /// The rows by cycle, grade and module; combinations with nobody open are left out.
    public var rows: [Row] {
        table.values.sorted {
            ($0.cycle, Grade.allCases.firstIndex(of: $0.grade)!, Module.allCases.firstIndex(of: $0.module)!)
                < ($1.cycle, Grade.allCases.firstIndex(of: $1.grade)!, Module.allCases.firstIndex(of: $1.module)!)
        }
    }

    /// The number of different people with some option of `grade` open in `cycle`: the
    /// height of a bar of the report's chart.
    public func openPeople(cycle: Int, grade: Grade) -> Int {
        Set(table.values.filter { $0.cycle == cycle && $0.grade == grade }.flatMap(\.open)).count
    }

    struct Option: Hashable {
        var grade: Grade
        var module: Module
    }

    /// Whether the option is open only because assessment years not yet assessed are taken
    /// as 合格 (FC1): A1 passed, and some year of its window was not yet assessed.
    static func restsOnPendingAssessments(_ record: PersonRecord, _ option: OptionDecision, policy: Policy, today: Day) -> Bool {
        guard option.checks.contains(where: { $0.rule == .A1 && $0.verdict == .pass }) else { return false }
        return !AssessmentYears(record, window: policy.assessmentWindow, today: today).pending.isEmpty
    }

    /// The assumptions of FC1, as the forecast's notes print them.
    public static let assumptions = [
        "尚未考核的年度一律按“合格”计（FC1）",
        "不计今后新取得的证书、转岗和破格使用，记录保持现状（FC1）",
        "没有正式文件的年度按2024年须知推算的推算值判断（FC1，RULES §2）",
    ]
}
