import ArgumentParser
import GongQinCore
import GongQinStore

/// `--unit` and `--department`: whom `forecast` and `report` cover. The one place a
/// command's scope becomes a store filter and a Chinese label.
struct ScopeOptions: ParsableArguments {
    @Option(help: "只看该单位") var unit: String?
    @Option(help: "只看该主管部门下的全部单位") var department: String?

    /// The store's filter; both flags at once are refused.
    func filter() throws -> People.Filter {
        if unit != nil && department != nil {
            throw GongQinError.usage("--unit 和 --department 只能选一个", hint: "单位已属于某个主管部门，请只给其中一个")
        }
        return People.Filter(unit: unit, department: department)
    }

    /// The scope in words, for a page's heading.
    var label: String {
        if let unit { return "单位：\(unit)" }
        if let department { return "主管部门：\(department)" }
        return "全部人员"
    }
}
