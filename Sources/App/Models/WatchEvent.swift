import Fluent
import Foundation

/// How much of a video a member watched, for ranking their feed. Only what ranking needs; the
/// member can list and delete these.
final class WatchEvent: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "watch_events"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "video_id") var video: Video
    @Field(key: "watch_seconds") var watchSeconds: Double
    @Field(key: "completed") var completed: Bool
    @Field(key: "skipped") var skipped: Bool
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// One counted view: a video, a hashed viewer key and a day (UTC). No address, no device.
final class VideoView: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "video_views"

    @ID(key: .id) var id: UUID?
    @Parent(key: "video_id") var video: Video
    @Field(key: "viewer_key") var viewerKey: String
    @Field(key: "day") var day: String

    init() {}

    init(videoID: UUID, viewerKey: String, day: String) {
        self.$video.id = videoID
        self.viewerKey = viewerKey
        self.day = day
    }
}

/// A topic a member said they care about (picked after sign-up, skippable).
final class UserTopic: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "user_topics"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Parent(key: "topic_id") var topic: Topic

    init() {}

    init(userID: UUID, topicID: String) {
        self.$user.id = userID
        self.$topic.id = topicID
    }
}
