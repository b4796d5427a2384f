import Foundation

/// The public transparency page's numbers, month by month (UTC): reports received by reason,
/// actions by kind and guideline section, appeals and reversals, and the median time from a
/// thing's first report to its decision. Numbers only: nothing here names content or people.
public struct TransparencyReport: Sendable, Equatable {
    public struct ReportFact: Sendable {
        public var reason: ReportReason
        public var at: Date
        public init(reason: ReportReason, at: Date) {
            self.reason = reason
            self.at = at
        }
    }

    public struct DecisionFact: Sendable {
        public var action: ModerationAction
        public var guideline: String?
        public var decidedAt: Date
        public var firstReportedAt: Date
        public var appealedAt: Date?
        public var reversedAt: Date?
        public init(action: ModerationAction, guideline: String?, decidedAt: Date, firstReportedAt: Date, appealedAt: Date?, reversedAt: Date?) {
            self.action = action
            self.guideline = guideline
            self.decidedAt = decidedAt
            self.firstReportedAt = firstReportedAt
            self.appealedAt = appealedAt
            self.reversedAt = reversedAt
        }
    }

    public struct Count: Sendable, Equatable {
        public var label: String
        public var count: Int
    }

    public struct Month: Sendable, Equatable {
        /// `2026-12`.
        public var month: String
        public var reportsByReason: [Count]
        public var reportsTotal: Int
        public var actionsByKind: [Count]
        public var actionsBySection: [Count]
        public var appeals: Int
        public var reversals: Int
        /// Hours from the first report to the decision, the median of the month's decisions.
        public var medianHoursToDecision: Double?
    }

    public var months: [Month]

    /// Newest month first. A decision counts in the month it was made; an appeal and a
    /// reversal in the month they happened.
    public init(reports: [ReportFact], decisions: [DecisionFact]) {
        var keys = Set(reports.map { Self.month($0.at) })
        keys.formUnion(decisions.map { Self.month($0.decidedAt) })
        keys.formUnion(decisions.compactMap { $0.appealedAt.map(Self.month) })
        keys.formUnion(decisions.compactMap { $0.reversedAt.map(Self.month) })
        months = keys.sorted(by: >).map { key in
            let monthReports = reports.filter { Self.month($0.at) == key }
            let decided = decisions.filter { Self.month($0.decidedAt) == key }
            let acted = decided.filter { $0.action != .dismiss }
            let byReason = ReportReason.allCases.compactMap { reason -> Count? in
                let n = monthReports.filter { $0.reason == reason }.count
                return n == 0 ? nil : Count(label: reason.label, count: n)
            }
            let byKind = ModerationAction.allCases.compactMap { action -> Count? in
                let n = decided.filter { $0.action == action }.count
                return n == 0 ? nil : Count(label: action.label, count: n)
            }
            let bySection = CommunityGuidelines.sections.compactMap { section -> Count? in
                let n = acted.filter { $0.guideline == section.id }.count
                return n == 0 ? nil : Count(label: "\(section.number). \(section.title)", count: n)
            }
            let hours = decided.map { max($0.decidedAt.timeIntervalSince($0.firstReportedAt), 0) / 3600 }
            return Month(
                month: key, reportsByReason: byReason, reportsTotal: monthReports.count, actionsByKind: byKind, actionsBySection: bySection,
                appeals: decisions.filter { $0.appealedAt.map(Self.month) == key }.count,
                reversals: decisions.filter { $0.reversedAt.map(Self.month) == key }.count,
                medianHoursToDecision: Self.median(hours))
        }
    }

    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    static func month(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        return String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0)
    }

    /// "2026-12" → "December 2026".
    public static func monthName(_ key: String) -> String {
        let parts = key.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, (1...12).contains(parts[1]) else { return key }
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(names[parts[1] - 1]) \(parts[0])"
    }

    /// "45 minutes", "1 hour", "3.5 hours", "2.5 days": for people, not a stopwatch.
    public static func duration(hours: Double) -> String {
        if hours < 1 { return counted(Double(max(Int((hours * 60).rounded()), 1)), "minute", decimals: 0) }
        if hours < 48 { return counted(hours, "hour", decimals: hours < 10 ? 1 : 0) }
        return counted(hours / 24, "day", decimals: 1)
    }

    /// "1 hour", "3 hours" (not "3.0"), "2.5 days".
    private static func counted(_ value: Double, _ unit: String, decimals: Int) -> String {
        var number = String(format: "%.\(decimals)f", value)
        if number.hasSuffix(".0") { number.removeLast(2) }
        return "\(number) \(unit)\(number == "1" ? "" : "s")"
    }
}
