/// Text that NFKC (compatibility composition, which gongqin applies to every imported cell,
/// every argument and every stored name) leaves as it is, told without Foundation: ASCII
/// and the CJK Unified Ideographs (U+3400–U+4DBF, U+4E00–U+9FFF) have no decomposition and
/// compose with nothing. The fast path of the millions of cells an import reads
/// (BENCHMARKS.md); any other text goes through Foundation's NFKC.
public enum NFKC {
    public static func leavesUnchanged(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            scalar.value < 0x80 || (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
        }
    }
}
