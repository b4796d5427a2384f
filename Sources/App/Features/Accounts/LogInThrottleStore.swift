import Fluent
import Foundation
import MindreelCore
import Vapor

/// Keeps the log-in failure counters in the database, so every server process sees the same
/// counts, and asks `LoginThrottle` for the decision.
struct LogInThrottleStore {
    let request: Request
    var rule = LoginThrottle()

    static var windowSeconds: Int64 { LoginThrottle().window.components.seconds }

    /// `user:<id>` for a known account, otherwise a hash of what was typed, so guesses at
    /// accounts that do not exist are throttled the same way and reveal nothing.
    func accountKey(user: User?, identifier: String) -> String {
        if let id = user?.id { return "user:\(id.uuidString.lowercased())" }
        return "name:" + request.mindreel.secret.mac(identifier.lowercased())
    }

    var addressKey: String? {
        request.clientAddress.map { "addr:" + request.mindreel.secret.mac($0) }
    }

    func decision(accountKey: String) async throws -> LoginThrottle.Decision {
        let now = request.mindreel.now
        let since = now.addingTimeInterval(-Double(rule.window.components.seconds))
        let addressKey = self.addressKey
        let rows = try await LoginFailure.query(on: request.db)
            .filter(\.$occurredAt > since)
            .group(.or) { group in
                group.filter(\.$accountKey == accountKey)
                if let addressKey { group.filter(\.$addressKey == addressKey) }
            }
            .all()
        let failures = rows.map {
            LoginThrottle.Failure(secondsAgo: now.timeIntervalSince($0.occurredAt), accountKey: $0.accountKey, addressKey: $0.addressKey)
        }
        return rule.decide(accountKey: accountKey, addressKey: addressKey, recentFailures: failures)
    }

    func recordFailure(accountKey: String) async throws {
        let now = request.mindreel.now
        try await LoginFailure(accountKey: accountKey, addressKey: addressKey, occurredAt: now).create(on: request.db)
        // Rows older than the window count for nothing; drop this account's old ones.
        let expired = now.addingTimeInterval(-Double(rule.window.components.seconds))
        try await LoginFailure.query(on: request.db).filter(\.$accountKey == accountKey).filter(\.$occurredAt < expired).delete()
    }

    func clearFailures(accountKey: String) async throws {
        try await LoginFailure.query(on: request.db).filter(\.$accountKey == accountKey).delete()
    }
}
