import Fluent
import Foundation
import MindreelCore

/// A role held by an account beyond `member`, which every account has.
final class UserRole: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "user_roles"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "role") var role: Role  // stored as text, so adding a role needs no schema change
    @Timestamp(key: "granted_at", on: .create) var grantedAt: Date?
    /// When the role lapses by itself (the clinician role, at its licence's expiry); nil: never.
    @OptionalField(key: "expires_at") var expiresAt: Date?

    init() {}

    init(userID: UUID, role: Role) {
        self.$user.id = userID
        self.role = role
    }
}
