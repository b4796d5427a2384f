import Fluent
import Foundation

/// A bearer token for an API client. Only its hash is stored; `prefix` lets the owner tell
/// tokens apart in a list.
final class APIToken: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "name") var name: String
    @Field(key: "prefix") var prefix: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?

    init() {}

    init(userID: UUID, name: String, prefix: String, tokenHash: String, now: Date) {
        self.$user.id = userID
        self.name = name
        self.prefix = prefix
        self.tokenHash = tokenHash
        self.createdAt = now
    }
}
