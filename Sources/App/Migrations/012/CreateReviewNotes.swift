import Fluent

/// 012: clinicians' review notes on videos, their ratings by other clinicians, the creator's one
/// reply, and a moderator's approval or removal.
struct CreateReviewNotes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("review_notes")
            .id()
            .field("video_id", .uuid, .required, .references("videos", "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            // supports, adds_context, misleading (MindreelCore's ReviewNoteStance)
            .field("stance", .string, .required)
            .field("body", .string, .required)
            // The citations as a JSON array of {title, url}.
            .field("citations", .string, .required)
            .field("created_at", .datetime, .required)
            // The video's creator's one reply.
            .field("reply", .string)
            .field("replied_at", .datetime)
            // A moderator's approval or removal, who and why.
            .field("moderator_decision", .string)
            .field("moderator_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("moderator_reason", .string)
            .field("decided_at", .datetime)
            // One note a clinician on a video: they change their mind by rewriting it.
            .unique(on: "video_id", "author_id", name: "uq_review_notes_video_author")
            .create()

        try await database.schema("review_note_ratings")
            .id()
            .field("note_id", .uuid, .required, .references("review_notes", "id", onDelete: .cascade))
            .field("rater_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("helpful", .bool, .required)
            .field("rated_at", .datetime, .required)
            .unique(on: "note_id", "rater_id", name: "uq_review_note_ratings")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("review_note_ratings").delete()
        try await database.schema("review_notes").delete()
    }
}
