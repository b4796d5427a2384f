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
        AuditLog(now: mindreel.dependencies.now, requestID: id, logger: logger)
    }
}

extension Application {
    /// For commands and jobs, where no request exists.
    var audit: AuditLog {
        AuditLog(now: mindreel.dependencies.now, requestID: nil, logger: logger)
    }
}
