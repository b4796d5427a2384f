import Fluent
import Foundation
import MindreelCore

/// A therapy practice: its name, a short description, its website and the places it serves.
final class Practice: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "practices"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    @Field(key: "website") var website: String
    /// Comma-separated codes; read through `jurisdictionCodes`.
    @Field(key: "jurisdictions") var jurisdictions: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(_ details: PracticeDetails, now: Date) {
        self.createdAt = now
        apply(details, now: now)
    }

    var jurisdictionCodes: [String] { jurisdictions.split(separator: ",").map(String.init) }

    func apply(_ details: PracticeDetails, now: Date) {
        name = details.name
        description = details.description
        website = details.website
        jurisdictions = details.jurisdictions.joined(separator: ",")
        updatedAt = now
    }
}

/// Someone's role in a practice. One row per role: a person can be a practice's clinician and
/// its practice admin.
final class PracticeMember: Model, @unchecked Sendable {
    static let schema = "practice_members"

    @ID(key: .id) var id: UUID?
    @Parent(key: "practice_id") var practice: Practice
    @Parent(key: "user_id") var user: User
    @Field(key: "role") var role: PracticeRole
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(practiceID: UUID, userID: UUID, role: PracticeRole, now: Date) {
        self.$practice.id = practiceID
        self.$user.id = userID
        self.role = role
        self.createdAt = now
    }
}
