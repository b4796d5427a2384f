import Fluent
import SQLKit

struct CreateVideos: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("videos")
            .id()
            .field("owner_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("upload_id", .uuid, .required)
            .field("caption", .string, .required)
            .field("content_kind", .string, .required)
            .field("visibility", .string, .required)
            .field("processing_state", .string, .required)
            .field("publication_state", .string, .required)
            .field("progress", .double, .required)
            .field("failure_reason", .string)
            .field("duration_seconds", .double)
            .field("width", .int)
            .field("height", .int)
            .field("poster_key", .string)
            .field("rendition_720_key", .string)
            .field("rendition_360_key", .string)
            .field("captions_key", .string)
            .field("transcript", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("ready_at", .datetime)
            .unique(on: "upload_id", name: "uq_videos_upload_id")
            .create()
        try await database.schema("video_topics")
            .id()
            .field("video_id", .uuid, .required, .references("videos", "id", onDelete: .cascade))
            .field("topic_id", .string, .required, .references("topics", "id"))
            .unique(on: "video_id", "topic_id", name: "uq_video_topics")
            .create()
        try await database.schema("video_hashtags")
            .id()
            .field("video_id", .uuid, .required, .references("videos", "id", onDelete: .cascade))
            .field("tag", .string, .required)
            .unique(on: "video_id", "tag", name: "uq_video_hashtags")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "ix_videos_owner").on("videos").column("owner_id").run()
        try await sql.create(index: "ix_video_topics_topic").on("video_topics").column("topic_id").run()
        try await sql.create(index: "ix_video_hashtags_tag").on("video_hashtags").column("tag").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("video_hashtags").delete()
        try await database.schema("video_topics").delete()
        try await database.schema("videos").delete()
    }
}
