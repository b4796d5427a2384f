import Foundation

/// Days as views are counted: UTC calendar days written `YYYY-MM-DD`, which sort as text.
public enum ViewDay {
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// The UTC day a moment falls on.
    public static func of(_ date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// `count` days, oldest first, the last being the day `date` falls on.
    public static func last(_ count: Int, endingAt date: Date) -> [String] {
        guard count > 0 else { return [] }
        let calendar = utc
        let start = calendar.startOfDay(for: date)
        return (0..<count).reversed().compactMap { back in
            calendar.date(byAdding: .day, value: -back, to: start).map(of)
        }
    }

    /// `2026-11-03` → `3 Nov`; the text itself when it is not a day.
    public static func shortLabel(_ day: String) -> String {
        guard let (_, month, dayOfMonth) = parts(day) else { return day }
        return "\(dayOfMonth) \(monthNames[month - 1])"
    }

    /// `2026-11-03` → `3 Nov 2026`.
    public static func longLabel(_ day: String) -> String {
        guard let (year, month, dayOfMonth) = parts(day) else { return day }
        return "\(dayOfMonth) \(monthNames[month - 1]) \(year)"
    }

    private static func parts(_ day: String) -> (Int, Int, Int)? {
        let pieces = day.split(separator: "-")
        guard pieces.count == 3, let year = Int(pieces[0]), let month = Int(pieces[1]), let dayOfMonth = Int(pieces[2]),
            (1...12).contains(month), (1...31).contains(dayOfMonth)
        else { return nil }
        return (year, month, dayOfMonth)
    }
}
