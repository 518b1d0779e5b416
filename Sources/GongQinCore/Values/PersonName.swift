/// A person's name as gongqin keeps and compares it (README, “Naming a person”): the one
/// folding of a name, applied where a name enters (`Person`'s initialiser and its `name`)
/// and by every lookup, so that `陈  强` padded the way a table pads a two-character name,
/// ` 陈强 ` and `陈强` are one name.
///
/// The text it is given is NFKC already: the CLI reads every argument and every imported
/// cell as NFKC before anything else (README, full-width input), and the store applies NFKC
/// before it folds a name it finds stored (Schema/0011, the gate). Core imports nothing, so
/// the Unicode tables stay at that boundary; everything else of the folding is here.
public enum PersonName {
    /// The middle dot of a transliterated name (阿依古丽·买买提), as it is stored: U+00B7.
    public static let middleDot: Unicode.Scalar = "\u{00B7}"

    /// The dots a middle dot is typed as: U+00B7, the Greek ano teleia, the bullet •, the
    /// hyphenation point ‧, the bullet and dot operators, the katakana middle dot ・ and its
    /// half-width form.
    static let middleDots: Set<Unicode.Scalar> = [
        "\u{00B7}", "\u{0387}", "\u{2022}", "\u{2027}", "\u{2219}", "\u{22C5}", "\u{30FB}", "\u{FF65}",
    ]

    /// The name folded: trimmed; every middle dot as U+00B7; in a name written in Chinese
    /// characters only (middle dots allowed), the white space inside removed (`陈  强` →
    /// `陈强`, `阿依古丽 · 买买提` → `阿依古丽·买买提`); in any other name, each run of white
    /// space inside made one space.
    public static func fold(_ name: String) -> String {
        // Already folded, as nearly every name read back from the database is: Chinese
        // characters and U+00B7 only.
        if name.unicodeScalars.allSatisfy({ isHan($0) || $0 == middleDot }) { return name }
        // Split by scalar, not by Character: a space put back before a word that starts
        // with a combining mark would join it into one Character, and a second folding
        // would read the name otherwise (the fuzzer's FileRow regression).
        var words: [String.UnicodeScalarView] = []
        var word = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            if scalar.properties.isWhitespace {
                if !word.isEmpty { words.append(word) }
                word = String.UnicodeScalarView()
            } else {
                word.append(middleDots.contains(scalar) ? middleDot : scalar)
            }
        }
        if !word.isEmpty { words.append(word) }
        let chinese = words.allSatisfy { word in word.allSatisfy { isHan($0) || $0 == middleDot } }
        return words.map(String.init).joined(separator: chinese ? "" : " ")
    }

    /// Whether `name` is stored as `fold` leaves it.
    public static func isFolded(_ name: String) -> Bool { fold(name) == name }

    /// A Chinese character (汉字): the CJK unified ideographs and their extensions, the
    /// compatibility ideographs, and 〇.
    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF, 0x3007: true
        default: false
        }
    }
}

extension PersonName {
    /// The problem of a name stored otherwise than folded (a bundle made before Schema/0011,
    /// a revert of an entry older than it, another program's row): the gate refuses it.
    /// `folded` is the name as gongqin would have stored it.
    public static func problem(_ name: String, folded: String) -> FieldProblem? {
        guard name != folded else { return nil }
        return FieldProblem("name", .nameNotFolded(name, folded: folded))
    }
}
