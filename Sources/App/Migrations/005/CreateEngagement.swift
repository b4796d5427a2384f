import Fluent
import SQLKit

/// Comments, follows, notifications, views, watch events, members' topics, and the profile and
/// video columns they need.
struct CreateEngagement: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER: SQLite adds columns one at a time.
        try await database.schema("users").field("bio", .string).update()
        try await database.schema("users").field("links", .string).update()
        try await database.schema("users").field("avatar_key", .string).update()
        try await database.schema("videos").field("comments_enabled", .bool, .required, .sql(.default(true))).update()
        // Counted once per viewer per video per day; kept on the video so feeds read it for free.
        try await database.schema("videos").field("view_count", .int, .required, .sql(.default(0))).update()

        try await database.schema("comments")
            .id()
            .field("video_id", .uuid, .required, .references("videos", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("parent_id", .uuid, .references("comments", "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("edited_at", .datetime)
            .create()
        try await database.schema("follows")
            .id()
            .field("follower_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("creator_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "follower_id", "creator_id", name: "uq_follows")
            .create()
        try await database.schema("notifications")
            .id()
            .field("recipient_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("actor_id", .uuid, .references("users", "id", onDelete: .cascade))
            .field("video_id", .uuid, .references("videos", "id", onDelete: .cascade))
            .field("comment_id", .uuid, .references("comments", "id", onDelete: .cascade))
            .field("text", .string, .required)
            .field("url", .string)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        // No address, no user agent: a hashed viewer key and the day are all a view keeps.
        try await database.schema("video_views")
            .id()
            .field("video_id", .uuid, .required, .references("videos", "id", onDelete: .cascade))
            .field("viewer_key", .string, .required)
            .field("day", .string, .required)
            .unique(on: "video_id", "viewer_key", "day", name: "uq_video_views")
            .create()
        try await database.schema("watch_events")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("video_id", .uuid, .required, .references("videos", "id", onDelete: .cascade))
            .field("watch_seconds", .double, .required)
            .field("completed", .bool, .required)
            .field("skipped", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("user_topics")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("topic_id", .string, .required, .references("topics", "id", onDelete: .cascade))
            .unique(on: "user_id", "topic_id", name: "uq_user_topics")
            .create()

        let sql = database as! any SQLDatabase
        try await sql.create(index: "ix_comments_video").on("comments").column("video_id").column("created_at").run()
        try await sql.create(index: "ix_comments_parent").on("comments").column("parent_id").run()
        try await sql.create(index: "ix_follows_creator").on("follows").column("creator_id").run()
        try await sql.create(index: "ix_notifications_recipient").on("notifications").column("recipient_id").column("created_at").run()
        try await sql.create(index: "ix_watch_events_user").on("watch_events").column("user_id").column("created_at").run()
        try await sql.create(index: "ix_videos_feed").on("videos").column("publication_state").column("ready_at").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["user_topics", "watch_events", "video_views", "notifications", "follows", "comments"] {
            try await database.schema(table).delete()
        }
        try await database.schema("videos").deleteField("view_count").update()
        try await database.schema("videos").deleteField("comments_enabled").update()
        try await database.schema("users").deleteField("avatar_key").update()
        try await database.schema("users").deleteField("links").update()
        try await database.schema("users").deleteField("bio").update()
    }
}
