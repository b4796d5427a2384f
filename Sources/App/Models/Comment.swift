import Fluent
import Foundation

/// A comment on a video, or a reply to one (one level: a reply's parent is always a top-level comment).
final class Comment: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "comments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "video_id") var video: Video
    @Parent(key: "author_id") var author: User
    @OptionalParent(key: "parent_id") var parent: Comment?
    /// Plain text; pages and clients show it as text, never as HTML.
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "edited_at") var editedAt: Date?
    /// Set when a moderator removed it: hidden from everyone but its author, restored if an
    /// appeal reverses the decision.
    @OptionalField(key: "removed_at") var removedAt: Date?

    init() {}

    init(videoID: UUID, authorID: UUID, parentID: UUID?, body: String, now: Date) {
        self.$video.id = videoID
        self.$author.id = authorID
        self.$parent.id = parentID
        self.body = body
        self.createdAt = now
    }
}
