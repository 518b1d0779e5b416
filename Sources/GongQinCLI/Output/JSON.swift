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
        // Most texts need no escaping: names, codes, dates.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
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

    /// Appends an object of text members, `{"key":"value",…}`, as `Object` writes it: for
    /// a list written a piece at a time.
    static func appendObject(_ members: KeyValuePairs<String, String>, to out: inout String) {
        out += "{"
        for (i, member) in members.enumerated() {
            if i > 0 { out += "," }
            appendQuoted(member.key, to: &out)
            out += ":"
            appendQuoted(member.value, to: &out)
        }
        out += "}"
    }

    /// An object, its members in the order added.
    struct Object {
        private var members: [String] = []

        mutating func add(_ key: String, _ value: String) { members.append(JSON.quoted(key) + ":" + JSON.quoted(value)) }
        mutating func add(_ key: String, _ value: Int) { members.append(JSON.quoted(key) + ":" + String(value)) }
        mutating func add(_ key: String, _ values: [String]) {
            var member = JSON.quoted(key) + ":["
            member.reserveCapacity(member.utf8.count + values.reduce(1) { $0 + $1.utf8.count + 3 })
            for (i, value) in values.enumerated() {
                if i > 0 { member += "," }
                JSON.appendQuoted(value, to: &member)
            }
            member += "]"
            members.append(member)
        }

        var text: String { "{" + members.joined(separator: ",") + "}" }
    }
}
