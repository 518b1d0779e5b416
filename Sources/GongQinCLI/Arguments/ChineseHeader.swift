import ArgumentParser
import GongQinCore

/// `--chinese-header` of `eligible`, `forecast` and `form` (CLI.md): their CSV with the
/// Chinese titles of the columns and the labels of the codes, as `export --chinese-header`
/// writes a file. JSON keeps its English keys and codes for scripts.
struct HeaderOptions: ParsableArguments {
    @Flag(name: .customLong("chinese-header"), help: "CSV 的表头用中文名，等级、模块等代码写中文（默认用英文键名和代码）")
    var chineseHeader = false

    /// The flag means something only for CSV: elsewhere it is a usage error (exit 64).
    func check(_ output: OutputOptions) throws {
        if chineseHeader && output.format != .csv {
            throw GongQinError.usage("--chinese-header 只用于 --format csv", hint: "加 --format csv，或去掉 --chinese-header")
        }
    }

    /// The header: the Chinese titles, or the keys.
    func header(_ columns: [(key: String, title: String)]) -> [String] {
        columns.map { chineseHeader ? $0.title : $0.key }
    }
}
