import Fluent
import Foundation

/// Something the app tells one member: a new follower, a comment, a reply, or a message on the
/// general channel (moderation outcomes, review notes, appointment requests in later issues).
final class MemberNotification: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "notifications"

    enum Kind: String, Codable, Sendable, CaseIterable {
        case follow
        case comment
        case reply
        case general
        /// A moderation decision (to its creator) or a closed report (to its reporter).
        case moderation
        /// A licence application's review, a renewal reminder, a lapse or a revocation.
        case licence
        /// A clinician's review note on one's video, a reply to one's note, one's note shown.
        case reviewNote = "review_note"
        /// A moderator's private, caring message to someone whose words read as crisis language.
        case checkIn = "check_in"
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "recipient_id") var recipient: User
    @Field(key: "kind") var kind: Kind
    @OptionalParent(key: "actor_id") var actor: User?
    @OptionalParent(key: "video_id") var video: Video?
    @OptionalParent(key: "comment_id") var comment: Comment?
    /// Plain text, written by Mindreel (never the comment itself).
    @Field(key: "text") var text: String
    /// Where opening it leads: a path on this site.
    @OptionalField(key: "url") var url: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}

    init(recipientID: UUID, kind: Kind, actorID: UUID?, videoID: UUID? = nil, commentID: UUID? = nil, text: String, url: String?, now: Date) {
        self.$recipient.id = recipientID
        self.kind = kind
        self.$actor.id = actorID
        self.$video.id = videoID
        self.$comment.id = commentID
        self.text = text
        self.url = url
        self.createdAt = now
    }
}
