import Fluent
import Foundation
import MindreelCore

/// A video: what the creator said about it, its processing and publication states, and the
/// storage keys of its files once made.
final class Video: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "videos"

    @ID(key: .id) var id: UUID?
    @Parent(key: "owner_id") var owner: User
    @Field(key: "upload_id") var uploadID: UUID
    @Field(key: "caption") var caption: String
    @Field(key: "content_kind") var contentKind: ContentKind
    @Field(key: "visibility") var visibility: Visibility
    @Field(key: "processing_state") var processingState: ProcessingState
    @Field(key: "publication_state") var publicationState: PublicationState
    /// 0…1 while transcoding.
    @Field(key: "progress") var progress: Double
    @OptionalField(key: "failure_reason") var failureReason: String?
    @OptionalField(key: "duration_seconds") var durationSeconds: Double?
    @OptionalField(key: "width") var width: Int?
    @OptionalField(key: "height") var height: Int?
    @OptionalField(key: "poster_key") var posterKey: String?
    @OptionalField(key: "rendition_720_key") var rendition720Key: String?
    @OptionalField(key: "rendition_360_key") var rendition360Key: String?
    @OptionalField(key: "captions_key") var captionsKey: String?
    /// The caption file's text, for search and the safety checks of later issues.
    @OptionalField(key: "transcript") var transcript: String?
    /// The diagnosis-framing classifier's result (`VideoFraming`): whether the video gets the
    /// "not a diagnosis" context, its score and reasons (a JSON array), and when it was worked
    /// out (nil: not yet, for videos from before migration 011).
    @Field(key: "framing_flagged") var framingFlagged: Bool
    @Field(key: "framing_score") var framingScore: Double
    @Field(key: "framing_reasons") var framingReasonsJSON: String
    @OptionalField(key: "framing_checked_at") var framingCheckedAt: Date?
    /// A moderator added or removed the panel by hand (`ContextOverride`), which wins over the
    /// classifier; why; and when the creator asked for a second look (once).
    @OptionalField(key: "context_override") var contextOverride: ContextOverride?
    @OptionalField(key: "context_override_reason") var contextOverrideReason: String?
    @OptionalField(key: "context_override_at") var contextOverrideAt: Date?
    @OptionalField(key: "context_review_requested_at") var contextReviewRequestedAt: Date?
    @Field(key: "comments_enabled") var commentsEnabled: Bool
    /// Views counted once per viewer per video per day.
    @Field(key: "view_count") var viewCount: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "ready_at") var readyAt: Date?
    @Siblings(through: VideoTopic.self, from: \.$video, to: \.$topic) var topics: [Topic]

    init() {}
}

/// A moderator's decision on a video's "not a diagnosis" panel.
enum ContextOverride: String, Codable, Sendable {
    case added
    case removed
}

/// A video's topic (1 to 3 of them).
final class VideoTopic: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "video_topics"

    @ID(key: .id) var id: UUID?
    @Parent(key: "video_id") var video: Video
    @Parent(key: "topic_id") var topic: Topic

    init() {}

    init(videoID: UUID, topicID: String) {
        self.$video.id = videoID
        self.$topic.id = topicID
    }
}

/// A normalised hashtag on a video.
final class VideoHashtag: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "video_hashtags"

    @ID(key: .id) var id: UUID?
    @Parent(key: "video_id") var video: Video
    @Field(key: "tag") var tag: String

    init() {}

    init(videoID: UUID, tag: String) {
        self.$video.id = videoID
        self.tag = tag
    }
}
