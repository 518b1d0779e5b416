import Foundation
import GongQinCore

/// Full-width input read as ASCII (README, full-width input): NFKC turns `２０２１/７/１`
/// into `2021/7/1`, `ＡＢ` into `AB` and `（` into `(`, before anything is checked. Every
/// argument and every imported cell goes through here.
enum Normalise {
    /// NFKC, with a fast path for text it leaves as it is (Core's `NFKC`).
    static func text(_ text: String) -> String {
        if NFKC.leavesUnchanged(text) { return text }
        return text.precomposedStringWithCompatibilityMapping
    }

    /// The options whose value is a path: a file name is the file system's, not typed text.
    static let pathOptions: Set<String> = ["--db", "--output", "--report", "--policy", "--folder", "--template"]
    /// The options whose value is prose, whose Chinese punctuation (，：) stays as written.
    static let proseOptions: Set<String> = ["--note", "--remark"]

    /// The command line, normalised, except a path: the value of a path option, and an
    /// argument that names an existing file or folder as it stands.
    static func arguments(_ arguments: [String]) -> [String] {
        var out: [String] = []
        out.reserveCapacity(arguments.count)
        var previous: String?
        for argument in arguments {
            defer { previous = argument }
            if let previous, pathOptions.contains(previous) || proseOptions.contains(previous) { out.append(argument); continue }
            // `form remark set TEXT`: the employer's remark is prose too.
            if out.count >= 3, out.prefix(3) == ["form", "remark", "set"], !argument.hasPrefix("-") { out.append(argument); continue }
            if let eq = argument.firstIndex(of: "="), argument.hasPrefix("--"),
               pathOptions.contains(String(argument[..<eq])) { out.append(argument); continue }
            if !argument.utf8.allSatisfy({ $0 < 0x80 }), FileManager.default.fileExists(atPath: argument) {
                out.append(argument); continue
            }
            out.append(text(argument))
        }
        return out
    }
}
