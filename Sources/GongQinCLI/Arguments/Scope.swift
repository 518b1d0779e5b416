import ArgumentParser
import GongQinCore
import GongQinStore

/// `--unit` and `--department`: whom `eligible`, `audit`, `export roster`, `forecast` and
/// `report` cover. The one place a
/// command's scope becomes a store filter and a Chinese label.
struct ScopeOptions: ParsableArguments {
    @Option(help: "只看该单位") var unit: String?
    @Option(help: "只看该主管部门下的全部单位") var department: String?

    /// The store's filter, narrowed to one person when given; both flags at once are
    /// refused. The store turns it into SQL in one place (`People.scope`).
    func filter(person: IDNumber? = nil) throws -> People.Filter {
        if unit != nil && department != nil {
            throw GongQinError.usage("--unit 和 --department 只能选一个", hint: "单位已属于某个主管部门，请只给其中一个")
        }
        return People.Filter(unit: unit, person: person, department: department)
    }

    var isEmpty: Bool { unit == nil && department == nil }

    /// The scope in words, for a page's heading.
    var label: String {
        if let unit { return "单位：\(unit)" }
        if let department { return "主管部门：\(department)" }
        return "全部人员"
    }
}
