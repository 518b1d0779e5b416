/// A minimal JSON writer for the lines a command streams by the million; everything else
/// goes through JSONEncoder.
enum JSON {
    /// A string literal, escaped as RFC 8259 requires.
    static func quoted(_ text: String) -> String {
        var out = ""
        appendQuoted(text, to: &out)
        return out
    }

    /// Appends `text` as a JSON string to `out`.
    static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        // Most texts need no escaping: names, codes, dates. Read as one buffer where the
        // string has one (the byte-by-byte iterator is a tenth of writing a forecast).
        let escaped = { (byte: UInt8) in byte < 0x20 || byte == 0x22 || byte == 0x5C }
        let plain = text.utf8.withContiguousStorageIfAvailable { !$0.contains(where: escaped) } ?? !text.utf8.contains(where: escaped)
        if plain {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// An object, its members in the order added, written into one string as they are added:
    /// `eligible` writes one for every open option, and a string per member, joined at the
    /// end, cost more than the rest of the line (BENCHMARKS.md, eligible).
    struct Object {
        private var body = "{"

        init() { body.reserveCapacity(256) }

        private mutating func key(_ key: String) {
            if body.utf8.count > 1 { body += "," }
            JSON.appendQuoted(key, to: &body)
            body += ":"
        }

        mutating func add(_ key: String, _ value: String) {
            self.key(key)
            JSON.appendQuoted(value, to: &body)
        }

        mutating func add(_ key: String, _ value: Int) {
            self.key(key)
            body += String(value)
        }

        mutating func add(_ key: String, _ values: [String]) {
            self.key(key)
            body += "["
            for (i, value) in values.enumerated() {
                if i > 0 { body += "," }
                JSON.appendQuoted(value, to: &body)
            }
            body += "]"
        }

        var text: String { body + "}" }
    }
}
