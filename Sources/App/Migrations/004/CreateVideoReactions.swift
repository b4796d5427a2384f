import Fluent
import SQLKit

struct CreateVideoReactions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("video_reactions")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("video_id", .uuid, .required, .references("videos", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("created_at", .datetime, .required)
            // Liking twice is one like.
            .unique(on: "user_id", "video_id", "kind", name: "uq_video_reactions")
            .create()
        try await (database as! any SQLDatabase).create(index: "ix_video_reactions_video").on("video_reactions").column("video_id").column("kind").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("video_reactions").delete()
    }
}
