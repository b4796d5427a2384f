import Fluent
import Foundation
import MindreelCore
import Vapor

/// Starting, listing and ending browser sessions.
enum SessionStore {
    /// Creates a session for `user` and returns the cookie value (shown to nobody else).
    static func start(for user: User, on request: Request) async throws -> String {
        let token = SecureToken.generate()
        let agent = String((request.headers.first(name: .userAgent) ?? "Unknown browser").prefix(200))
        let session = AuthSession(
            tokenHash: SecureToken.hash(token), userID: try user.requireID(), userAgent: agent,
            now: request.mindreel.now, lifetime: SessionCookie.lifetime)
        try await request.db.transaction { db in
            try await session.create(on: db)
            try await request.audit.record(
                AuditEntry(actorID: user.id, actorRole: "member", action: .logIn, objectType: "session", objectID: session.id?.uuidString),
                on: db)
        }
        return token
    }

    /// Ends one session of the account. Returns false when it is not theirs (or gone).
    @discardableResult
    static func end(sessionID: UUID, of account: CurrentAccount, on request: Request) async throws -> Bool {
        guard
            let session = try await AuthSession.query(on: request.db)
                .filter(\.$id == sessionID).filter(\.$user.$id == account.userID).first()
        else { return false }
        try await request.db.transaction { db in
            try await session.delete(on: db)
            try await request.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: account.highestRole.rawValue, action: .sessionEnd, objectType: "session", objectID: sessionID.uuidString
                ),
                on: db)
        }
        return true
    }

    static func list(for account: CurrentAccount, on request: Request) async throws -> [AuthSession] {
        try await AuthSession.query(on: request.db)
            .filter(\.$user.$id == account.userID)
            .filter(\.$expiresAt > request.mindreel.now)
            .sort(\.$lastSeenAt, .descending)
            .all()
    }
}
