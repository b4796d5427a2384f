import Foundation
import Vapor

/// JSON shapes of comments.
enum CommentsAPI {
    struct Input: Content {
        var body: String?
        var parentId: UUID?

        enum CodingKeys: String, CodingKey {
            case body
            case parentId = "parent_id"
        }
    }

    struct Item: Content {
        let id: String
        let videoId: String
        let parentId: String?
        /// Plain text: show it as text.
        let body: String
        let author: CreatorSummary
        let createdAt: Date
        let editedAt: Date?
        let replyCount: Int
        /// On top-level comments: the first replies, oldest first. Empty on replies.
        let replies: [Item]
        let canEdit: Bool
        let canDelete: Bool
        /// Only in the answer to its author's post, when the comment reads as crisis language:
        /// the help lines to show them privately, at once. Left out otherwise.
        var crisisSupport: CrisisPanel? = nil

        enum CodingKeys: String, CodingKey {
            case id, videoId, parentId, body, author, createdAt, editedAt, replyCount, replies, canEdit, canDelete
        }

        /// Written, never read back: a client does not send the help lines.
        private enum SupportKeys: String, CodingKey { case crisisSupport }

        /// `parent_id` and `edited_at` are written as `null` rather than left out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(videoId, forKey: .videoId)
            try container.encode(parentId, forKey: .parentId)
            try container.encode(body, forKey: .body)
            try container.encode(author, forKey: .author)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(editedAt, forKey: .editedAt)
            try container.encode(replyCount, forKey: .replyCount)
            try container.encode(replies, forKey: .replies)
            try container.encode(canEdit, forKey: .canEdit)
            try container.encode(canDelete, forKey: .canDelete)
            var support = encoder.container(keyedBy: SupportKeys.self)
            try support.encodeIfPresent(crisisSupport, forKey: .crisisSupport)
        }
    }
}
