import Fluent
import Foundation
import MindreelCore

/// An account. Fluent models are reference types that Fluent mutates while loading; they are
/// `@unchecked Sendable` because each instance is used by one request at a time.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "handle") var handle: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "birth_year") var birthYear: Int
    @Field(key: "is_minor") var isMinor: Bool
    /// Profile: plain text, shown as text.
    @OptionalField(key: "bio") var bio: String?
    /// Profile links, one https URL per line.
    @OptionalField(key: "links") var links: String?
    @OptionalField(key: "avatar_key") var avatarKey: String?
    /// A moderator's suspension: until then, or for good (`suspendedIndefinitely`).
    @OptionalField(key: "suspended_until") var suspendedUntil: Date?
    @OptionalField(key: "suspended_indefinitely") var suspendedIndefinitely: Bool?
    /// The region whose crisis resources the member sees (ISO 3166-1); nil: the site's default.
    @OptionalField(key: "crisis_region") var crisisRegion: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Children(for: \.$user) var roles: [UserRole]

    init() {}

    init(id: UUID? = nil, handle: String, displayName: String, email: String, passwordHash: String, birthYear: Int, isMinor: Bool) {
        self.id = id
        self.handle = handle
        self.displayName = displayName
        self.email = email
        self.passwordHash = passwordHash
        self.birthYear = birthYear
        self.isMinor = isMinor
    }
}

extension User {
    /// The suspension the access policy checks; an ended one is simply no longer active.
    var suspension: Suspension? {
        if suspendedIndefinitely == true { return Suspension(until: nil) }
        return suspendedUntil.map { Suspension(until: $0) }
    }
}
