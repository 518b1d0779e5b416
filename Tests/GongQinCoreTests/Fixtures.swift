import Foundation
import GongQinCore

/// A worker's records, built up in a test.
struct Worker {
    var record: PersonRecord

    init(trade: String = "电工", workStart: String = "2000-07-01", birth: String = "19800101",
         probationEnd: String? = nil, enlisted: String? = nil, placed: String? = nil, fromProvince: String? = nil) {
        let id = try! IDNumber(TestIDs.make(birth: birth, sequence: 11))
        record = PersonRecord(person: Person(
            idNumber: id, name: "测试", unit: "常州市某局", trade: trade, workStart: Worker.day(workStart),
            probationEnd: probationEnd.map(Worker.day), enlisted: enlisted.map(Worker.day),
            discharged: placed.map(Worker.day), placed: placed.map(Worker.day), fromProvince: fromProvince))
    }

    static func day(_ text: String) -> Day { try! Day.parse(text, allowMonth: true) }

    func with(_ change: (inout PersonRecord) -> Void) -> Worker {
        var copy = self
        change(&copy.record)
        copy.record = PersonRecord(person: copy.record.person, certificates: copy.record.certificates,
                                   transfers: copy.record.transfers, assessments: copy.record.assessments,
                                   education: copy.record.education, awards: copy.record.awards,
                                   trainings: copy.record.trainings,
                                   exceptionalUses: copy.record.exceptionalUses, applications: copy.record.applications,
                                   jobs: copy.record.jobs)
        return copy
    }

    func cert(_ grade: Grade, _ issued: String, trade: String? = nil, route: Module = .normal, province: String = "江苏") -> Worker {
        with { $0.certificates.append(Certificate(trade: trade ?? $0.person.trade, grade: grade, issued: Worker.day(issued),
                                                  number: nil, route: route, province: province)) }
    }

    func transfer(to trade: String, on date: String) -> Worker {
        with {
            $0.transfers.append(Transfer(from: $0.person.trade, to: trade, date: Worker.day(date)))
            $0.person.trade = trade
        }
    }

    func assessed(_ years: ClosedRange<Int>, _ result: AssessmentResult = .pass) -> Worker {
        with { record in
            for year in years {
                record.assessments.removeAll { $0.year == year }
                record.assessments.append(AnnualAssessment(year: year, result: result))
            }
        }
    }

    func educated(_ level: EducationLevel, _ graduated: String = "1998-07-01", relevant: Bool = false) -> Worker {
        with { $0.education.append(Education(level: level, graduated: Worker.day(graduated), relevant: relevant)) }
    }

    func award(_ name: String, _ date: String) -> Worker {
        with { $0.awards.append(Award(name: name, date: Worker.day(date))) }
    }

    func used(_ category: String, year: Int, grade: Grade, source: UseSource = .historic) -> Worker {
        with { $0.exceptionalUses.append(ExceptionalUse(condition: category, category: category, grade: grade, year: year, source: source)) }
    }

    /// A well-kept record for cycle 2024: assessments 2014–2025 合格 and 高中.
    func tidy() -> Worker { assessed(2014...2025).educated(.seniorHigh) }
}

enum Engines {
    static let catalogue = ExceptionalCondition.builtins

    /// The engine with the notice's policies, as of `today`.
    static func make(today: String = "2024-01-10", trades: [Trade] = [],
                     policy: (@Sendable (Int) -> Policy)? = nil) -> Engine {
        Engine(policy: policy ?? { Policy.fromNotice(year: $0, catalogue: catalogue) }, catalogue: catalogue, trades: trades,
               today: Worker.day(today))
    }
}

extension Evaluation {
    func option(_ grade: Grade, _ module: Module) -> OptionDecision? {
        options.first { $0.grade == grade && $0.module == module && $0.trade == record.person.trade }
    }

    /// `intermediate/early` for each open option.
    var open: [String] { openOptions.map { "\($0.grade.code)/\($0.module.code)" } }
}

extension OptionDecision {
    func verdicts(_ rule: RuleID) -> [Verdict] { checks.filter { $0.rule == rule }.map(\.verdict) }
    func details(_ rule: RuleID) -> [String] { checks.filter { $0.rule == rule }.map(\.detail) }
}

extension Policy {
    /// The notice's policy, decoded from the document embedded in GongQinCore as
    /// GongQinStore decodes it.
    static let notice = try! JSONDecoder().decode(Policy.self, from: Data(Policy.noticeDocument))

    /// The policy of `year` derived from the notice's.
    static func fromNotice(year: Int, catalogue: [ExceptionalCondition]) -> Policy {
        notice.derived(year: year, catalogue: catalogue)
    }

    /// This policy through JSON, with `edit` applied to the text: how a user edits
    /// `policy show --format json` before `policy load`.
    func edited(_ edit: (String) -> String) throws -> Policy {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = edit(String(decoding: try encoder.encode(self), as: UTF8.self))
        return try JSONDecoder().decode(Policy.self, from: Data(text.utf8))
    }
}
