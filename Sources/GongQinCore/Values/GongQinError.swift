/// An error for the clerk: one Chinese line that says what is wrong and, where it can,
/// how to fix it. Its kind decides the exit code (Documentation/CLI.md).
public struct GongQinError: Error, Hashable, Sendable {
    public enum Kind: String, Sendable {
        /// Refused by a rule of RULES.md: exit 1.
        case refused
        /// The command line is malformed: exit 64.
        case usage
        /// A value of the right form that the data rules reject: exit 65.
        case invalidData
        /// An input file is missing or unreadable: exit 66.
        case unreadableFile
        /// Internal error: exit 70.
        case internalError
        /// An output could not be written (a full disk, a closed pipe): exit 74.
        case outputFailed
        /// The database stayed busy past the timeout: exit 75.
        case busy
    }

    public var kind: Kind
    public var message: String
    /// How to fix it, when there is a way.
    public var hint: String?
    /// Further lines, one per problem, for commands that find many (import, apply).
    public var details: [String]

    public init(_ kind: Kind, _ message: String, hint: String? = nil, details: [String] = []) {
        self.kind = kind
        self.message = message
        self.hint = hint
        self.details = details
    }

    public static func refused(_ message: String, hint: String? = nil, details: [String] = []) -> GongQinError {
        GongQinError(.refused, message, hint: hint, details: details)
    }

    public static func invalid(_ message: String, hint: String? = nil) -> GongQinError {
        GongQinError(.invalidData, message, hint: hint)
    }

    public static func usage(_ message: String, hint: String? = nil) -> GongQinError {
        GongQinError(.usage, message, hint: hint)
    }

    /// The one line printed for the error: the message, then the hint.
    public var line: String {
        if let hint, !hint.isEmpty { return "\(message)。\(hint)" }
        return message
    }
}
