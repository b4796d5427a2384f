import Fluent
import Foundation

/// A member following a creator. Who follows whom is private to the follower; counts are public.
final class Follow: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "follows"

    @ID(key: .id) var id: UUID?
    @Parent(key: "follower_id") var follower: User
    @Parent(key: "creator_id") var creator: User
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(followerID: UUID, creatorID: UUID, now: Date) {
        self.$follower.id = followerID
        self.$creator.id = creatorID
        self.createdAt = now
    }
}
