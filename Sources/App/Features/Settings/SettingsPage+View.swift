import Foundation
import MindreelCore
import Vapor

/// What the settings page shows.
struct SettingsPage: Encodable {
    struct Account: Encodable {
        let handle: String
        let displayName: String
        let email: String
        let isMinor: Bool
        let roles: [String]
        let createdAt: String
    }

    struct SessionRow: Encodable {
        let id: String
        let createdAt: String
        let lastSeenAt: String
        let userAgent: String
        let current: Bool
    }

    struct TokenRow: Encodable {
        let id: String
        let name: String
        let prefix: String
        let createdAt: String
        let lastUsedAt: String?
    }

    let layout: LayoutContext
    let account: Account
    let sessions: [SessionRow]
    let tokens: [TokenRow]
    let newToken: String?
    let errors: [String: String]
    /// While the account is suspended: until when, and the moderator's words.
    let suspension: Suspended?
    let region: RegionChoice

    /// The region whose crisis lines the member sees ("": the site's default).
    struct RegionChoice: Encodable {
        struct Option: Encodable {
            let code: String
            let name: String
        }

        let chosen: String
        let defaultName: String
        let options: [Option]
    }

    struct Suspended: Encodable {
        /// "until 9 December 2026, 10:00 UTC", or "for good".
        let until: String
        let guideline: String?
        let reason: String?
    }

    /// Dates as people read them, in UTC (the server does not know the reader's zone).
    static func display(_ date: Date?) -> String {
        guard let date else { return "" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "d MMM yyyy, HH:mm 'UTC'"
        return formatter.string(from: date)
    }
}
