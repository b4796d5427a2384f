import Foundation

/// A UTC calendar day, written `YYYY-MM-DD`: a licence's expiry is a day, not a moment.
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    private static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// `2027-06-30`; nil for anything else, a day that does not exist (`2027-02-30`) included.
    public init?(_ text: String) {
        let pieces = text.split(separator: "-", omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].count == 4, pieces[1].count == 2, pieces[2].count == 2,
            let year = Int(pieces[0]), let month = Int(pieces[1]), let day = Int(pieces[2]), (1...12).contains(month), (1...31).contains(day),
            let date = Self.utc.date(from: DateComponents(year: year, month: month, day: day)),
            Self.utc.component(.day, from: date) == day
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The UTC day a moment falls on.
    public init(of date: Date) {
        let parts = Self.utc.dateComponents([.year, .month, .day], from: date)
        year = parts.year ?? 1970
        month = parts.month ?? 1
        day = parts.day ?? 1
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    /// `30 June 2027`.
    public var longText: String { "\(day) \(Self.monthNames[month - 1]) \(year)" }

    /// `June 2027`.
    public var monthAndYear: String { "\(Self.monthNames[month - 1]) \(year)" }

    /// Midnight UTC at the start of this day.
    public var start: Date { Self.utc.date(from: DateComponents(year: year, month: month, day: day))! }

    /// Midnight UTC after this day: the moment a licence valid through this day lapses.
    public var end: Date { start.addingTimeInterval(86400) }

    /// Whole days from this day to `other` (negative when `other` is earlier).
    public func daysUntil(_ other: CalendarDay) -> Int {
        Int((other.start.timeIntervalSince(start) / 86400).rounded())
    }

    public func adding(days: Int) -> CalendarDay { CalendarDay(of: start.addingTimeInterval(Double(days) * 86400)) }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = CalendarDay(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a day: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
