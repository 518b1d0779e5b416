import Foundation
import GongQinCore
import Testing

/// `NFKC.leavesUnchanged`, the fast path of every imported cell and stored name, against
/// Foundation's NFKC.
@Suite("NFKC's fast path")
struct NFKCTests {
    @Test("each CJK Unified Ideograph is its own NFKC")
    func ideographsAreStable() {
        let changed = (Array(0x3400...0x4DBF) + Array(0x4E00...0x9FFF)).filter { value in
            let text = String(Character(Unicode.Scalar(UInt32(value))!))
            return !NFKC.leavesUnchanged(text) || text.precomposedStringWithCompatibilityMapping != text
        }
        #expect(changed.isEmpty, "\(changed.map { String($0, radix: 16) })")
    }

    @Test("text the fast path takes is NFKC's; full-width, compatibility and combining text is not taken", arguments: [
        ("张三", true), ("电工 高级工", true), ("C00000001", true), ("", true),
        ("２０２１/７/１", false), ("ＡＢ（江苏）", false), ("e\u{301}", false), ("\u{F900}", false), ("Ⅳ级", false), ("张·三", false),
    ])
    func fastPath(_ text: String, taken: Bool) {
        #expect(NFKC.leavesUnchanged(text) == taken)
        if taken { #expect(text.precomposedStringWithCompatibilityMapping == text) }
    }
}
