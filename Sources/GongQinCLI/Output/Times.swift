import Foundation
import GongQinStore

/// Times, in one format everywhere (Documentation/CLI.md, “What output shows”): local time
/// with its offset (`2026-12-03T10:15:00+08:00`) in JSON and CSV, `2026-12-03 10:15` in
/// tables and messages. The change log keeps the UTC time its trigger wrote (`…Z`), which
/// its hash chain covers: it is converted here, on output, and never where it is stored.
enum Times {
    /// Now, as gongqin writes a time it makes (a bundle's creation, a merge): the store's
    /// one definition, local with its offset.
    static var now: String { LogContext.now }

    /// A stored time, UTC or already with an offset, as local time with its offset; a
    /// text that is no time is shown as it is.
    static func iso(_ stored: String) -> String {
        guard let date = date(stored) else { return stored }
        return format(date, "yyyy-MM-dd'T'HH:mm:ssxxx")
    }

    /// A stored time as a table shows it: `2026-12-03 10:15`, local.
    static func table(_ stored: String) -> String {
        guard let date = date(stored) else { return stored }
        return format(date, "yyyy-MM-dd HH:mm")
    }

    static func date(_ stored: String) -> Date? {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return parser.date(from: stored) ?? ISO8601DateFormatter().date(from: stored)
    }

    static func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
