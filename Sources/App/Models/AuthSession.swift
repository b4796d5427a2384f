import Fluent
import Foundation

/// A signed-in browser. Stored in the database so any number of server processes share them;
/// only the SHA-256 of the cookie value is kept.
final class AuthSession: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Parent(key: "user_id") var user: User
    @Field(key: "user_agent") var userAgent: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(tokenHash: String, userID: UUID, userAgent: String, now: Date, lifetime: TimeInterval) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.userAgent = userAgent
        self.createdAt = now
        self.lastSeenAt = now
        self.expiresAt = now.addingTimeInterval(lifetime)
    }
}
