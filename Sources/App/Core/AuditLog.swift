import Fluent
import Foundation
import MindreelCore
import Vapor

/// Writes audit rows. Pass the transaction's database when the audited change is written in
/// one, so that either both land or neither does.
struct AuditLog: Sendable {
    let now: @Sendable () -> Date
    let requestID: String?
    let logger: Logger

    func record(_ entry: AuditEntry, on database: any Database) async throws {
        let event = AuditEvent()
        event.actorID = entry.actorID
        event.actorRole = entry.actorRole
        event.action = entry.action.rawValue
        event.objectType = entry.objectType
        event.objectID = entry.objectID
        event.occurredAt = now()
        event.outcome = entry.outcome.rawValue
        event.requestID = requestID
        event.detail = entry.detail
        try await event.create(on: database)
        logger.info(
            "audit",
            metadata: [
                "action": .string(entry.action.rawValue), "outcome": .string(entry.outcome.rawValue),
                "actor": .string(entry.actorID?.uuidString ?? "-"), "object": .string(entry.objectID ?? "-"),
            ])
    }
}

extension Request {
    var audit: AuditLog {
        AuditLog(now: mindreel.dependencies.now, requestID: safeRequestID, logger: logger)
    }

    /// Vapor takes the request id from an incoming `X-Request-Id` when there is one (useful
    /// behind a proxy that sets it); a client could send anything there, so only a short id of
    /// plain characters goes into the audit log.
    var safeRequestID: String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:")
        guard (1...64).contains(id.count), id.allSatisfy({ allowed.contains($0) }) else { return "invalid" }
        return id
    }
}

extension Application {
    /// For commands and jobs, where no request exists.
    var audit: AuditLog {
        AuditLog(now: mindreel.dependencies.now, requestID: nil, logger: logger)
    }
}
