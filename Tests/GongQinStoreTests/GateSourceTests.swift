import Foundation
import Testing

/// The gate is the only way to a connection that can write the database
/// (Documentation/ARCHITECTURE.md, “The write gate”): no source file outside
/// Sources/GongQinStore/Gate makes a connection, opens a transaction, writes without one
/// or calls SQLite's C interface to open a file. A new write path fails here until it goes
/// through the gate.
@Suite("the write gate is the only way to a writable connection")
struct GateSourceTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources").standardized

    static let forbidden = ["DatabaseQueue(", "DatabasePool(", "writeWithoutTransaction", "inTransaction(", "sqlite3_open",
                            "ATTACH DATABASE", "barrierWriteWithoutTransaction", "PRAGMA journal_mode"]

    @Test("no source file outside Gate/ makes a connection or a transaction of its own")
    func onlyTheGateWrites() throws {
        let enumerator = try #require(FileManager.default.enumerator(atPath: Self.sources.path))
        var checked = 0
        var offences: [String] = []
        while let file = enumerator.nextObject() as? String {
            guard file.hasSuffix(".swift"), !file.hasPrefix("GongQinStore/Gate/") else { continue }
            let text = try String(contentsOfFile: Self.sources.path + "/" + file, encoding: .utf8)
            checked += 1
            for (number, line) in text.components(separatedBy: "\n").enumerated() {
                let code = line.components(separatedBy: "//").first ?? ""
                for word in Self.forbidden where code.contains(word) {
                    offences.append("\(file):\(number + 1): \(word)")
                }
            }
        }
        #expect(checked > 50)
        #expect(offences.isEmpty, "writes outside the gate:\n\(offences.joined(separator: "\n"))")
    }
}
