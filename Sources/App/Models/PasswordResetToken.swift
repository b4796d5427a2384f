import Fluent
import Foundation

/// A one-hour, single-use link to choose a new password. Only its hash is stored.
final class PasswordResetToken: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "password_resets"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    init() {}

    init(userID: UUID, tokenHash: String, now: Date, lifetime: TimeInterval) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.createdAt = now
        self.expiresAt = now.addingTimeInterval(lifetime)
    }
}
