/// The limits of a JSON document gongqin reads from a file (a policy; README, “Hostile text and outputs”), checked
/// before it is decoded: a decoder keeps the last of two equal keys without a word, and
/// holds any string, however long.
public enum JSONLimits {
    /// The largest file accepted.
    public static let maximumBytes = 1 << 20
    /// The longest string, key or value, in characters.
    public static let maximumString = 1000

    /// What is wrong with a document: the facts, which GongQinCLI/Wording/CoreWording.swift
    /// words.
    public enum Problem: Hashable, Sendable {
        /// The file has `bytes` bytes, more than `maximumBytes`.
        case tooLarge(bytes: Int)
        /// A string, key or value, has `characters` characters, more than `maximumString`.
        case stringTooLong(characters: Int)
        /// The string `text` holds `character`, a control or an invisible one (TextSafety).
        case refusedCharacter(String, Unicode.Scalar)
        /// The key `key` appears twice in one object.
        case duplicateKey(String)
    }

    /// The first problem of `bytes`: too big, a duplicate key, a string too long, a
    /// control character in a string. Nil when none; malformed JSON is left to the decoder.
    public static func problem(_ bytes: [UInt8]) -> Problem? {
        if bytes.count > maximumBytes {
            return .tooLarge(bytes: bytes.count)
        }
        // For each open object, its keys so far, and whether the next string is a key.
        var objects: [(keys: Set<String>, path: String)] = []
        var stack: [Bool] = [] // true: object, false: array
        var expectingKey = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "{"):
                stack.append(true); objects.append(([], "")); expectingKey = true
            case UInt8(ascii: "["):
                stack.append(false); expectingKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if stack.popLast() == true { objects.removeLast() }
                expectingKey = false
            case UInt8(ascii: ","):
                expectingKey = stack.last == true
            case UInt8(ascii: ":"):
                expectingKey = false
            case UInt8(ascii: "\""):
                guard let (text, end) = string(bytes, from: i + 1) else { return nil }
                i = end
                let count = text.count
                if count > maximumString {
                    return .stringTooLong(characters: count)
                }
                if let character = text.unicodeScalars.first(where: TextSafety.isRefused) {
                    return .refusedCharacter(text, character)
                }
                if expectingKey, stack.last == true {
                    if objects[objects.count - 1].keys.contains(text) {
                        return .duplicateKey(text)
                    }
                    objects[objects.count - 1].keys.insert(text)
                    expectingKey = false
                }
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// The string that starts at `start` (after its quote), decoded, and the index of its
    /// closing quote.
    static func string(_ bytes: [UInt8], from start: Int) -> (String, Int)? {
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        var i = start
        func flushRaw() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll()
        }
        var pendingHigh: UInt32?
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { flushRaw(); return (String(scalars), i) }
            if b == UInt8(ascii: "\\"), i + 1 < bytes.count {
                flushRaw()
                let e = bytes[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "u"):
                    guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else { return nil }
                    i += 4
                    if (0xD800...0xDBFF).contains(v) { pendingHigh = v; continue }
                    if let high = pendingHigh, (0xDC00...0xDFFF).contains(v) {
                        pendingHigh = nil
                        if let s = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00)) { scalars.append(s) }
                        continue
                    }
                    if let s = Unicode.Scalar(v) { scalars.append(s) }
                default: scalars.append(Unicode.Scalar(e))
                }
                pendingHigh = nil
                continue
            }
            raw.append(b)
            i += 1
        }
        return nil
    }
}
