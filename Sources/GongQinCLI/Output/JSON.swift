/// A minimal JSON writer for the lines a command streams by the million; everything else
/// goes through JSONEncoder.
enum JSON {
    /// A string literal, escaped as RFC 8259 requires.
    static func quoted(_ text: String) -> String {
        var out: [UInt8] = []
        appendQuoted(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` as a JSON string to the UTF-8 bytes `out`. Most texts need no
    /// escaping (names, codes, dates) and are copied whole; bytes, not `String` appends,
    /// because `eligible` and `forecast` write millions of them.
    static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
                out.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: out.append(contentsOf: [0x5C, 0x72])
                case 0x09: out.append(contentsOf: [0x5C, 0x74])
                case ..<0x20:
                    out += "\\u00".utf8
                    if byte < 0x10 { out.append(0x30) }
                    out += String(byte, radix: 16).utf8
                default: out.append(byte)
                }
            }
        }
        out.append(0x22)
    }

    /// An object, its members in the order added, written as UTF-8 bytes as they are
    /// added: `eligible` writes one for every open option, and a string per member, joined
    /// at the end, cost more than the rest of the line (BENCHMARKS.md, eligible).
    struct Object {
        private var body: [UInt8] = [0x7B]

        init() { body.reserveCapacity(512) }

        private mutating func key(_ key: String) {
            if body.count > 1 { body.append(0x2C) }
            JSON.appendQuoted(key, to: &body)
            body.append(0x3A)
        }

        mutating func add(_ key: String, _ value: String) {
            self.key(key)
            JSON.appendQuoted(value, to: &body)
        }

        mutating func add(_ key: String, _ value: Int) {
            self.key(key)
            body.append(contentsOf: String(value).utf8)
        }

        mutating func add(_ key: String, _ values: [String]) {
            self.key(key)
            body.append(0x5B)
            for (i, value) in values.enumerated() {
                if i > 0 { body.append(0x2C) }
                JSON.appendQuoted(value, to: &body)
            }
            body.append(0x5D)
        }

        var text: String { String(decoding: body + [0x7D], as: UTF8.self) }
    }
}
