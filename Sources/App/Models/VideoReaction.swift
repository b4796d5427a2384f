import Fluent
import Foundation

/// A like or a save: who did it is private to them; only the counts are public.
final class VideoReaction: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "video_reactions"

    enum Kind: String, Codable, Sendable, CaseIterable {
        case like
        case save
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "video_id") var video: Video
    @Field(key: "kind") var kind: Kind
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(userID: UUID, videoID: UUID, kind: Kind, now: Date) {
        self.$user.id = userID
        self.$video.id = videoID
        self.kind = kind
        self.createdAt = now
    }
}
