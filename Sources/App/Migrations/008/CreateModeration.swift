import Fluent

/// 008: blocks, reports, the moderation queue (one case per reported thing), decisions and
/// appeals; comments get a removed state.
struct CreateModeration: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("blocks")
            .id()
            .field("blocker_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("blocked_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "blocker_id", "blocked_id", name: "uq_blocks")
            .create()

        // One open case per reported thing; after a decision, new reports open a new case.
        try await database.schema("moderation_cases")
            .id()
            .field("target_type", .string, .required)
            .field("target_id", .uuid, .required)
            // Whose content or account it is (the one told of a decision, who may appeal).
            .field("creator_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("video_id", .uuid)
            .field("status", .string, .required)
            .field("report_count", .int, .required)
            .field("top_reason", .string, .required)
            .field("self_harm_risk", .bool, .required)
            // What was reported, kept in case its author deletes it.
            .field("snapshot", .string, .required)
            .field("target_deleted_at", .datetime)
            .field("first_reported_at", .datetime, .required)
            .field("claimed_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("claimed_at", .datetime)
            .field("decided_at", .datetime)
            .create()

        try await database.schema("reports")
            .id()
            .field("case_id", .uuid, .required, .references("moderation_cases", "id", onDelete: .cascade))
            .field("reporter_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("reason", .string, .required)
            .field("note", .string)
            .field("created_at", .datetime, .required)
            // `acted` or `no_action`, when the case is decided.
            .field("outcome", .string)
            .field("closed_at", .datetime)
            .unique(on: "case_id", "reporter_id", name: "uq_reports_once")
            .create()

        try await database.schema("moderation_decisions")
            .id()
            .field("case_id", .uuid, .required, .references("moderation_cases", "id", onDelete: .cascade))
            .field("moderator_id", .uuid, .references("users", "id", onDelete: .setNull))
            .field("action", .string, .required)
            .field("guideline", .string)
            .field("reason", .string, .required)
            .field("suspended_until", .datetime)
            // What the content was before (a publication state), so that a reversal restores it.
            .field("previous_state", .string)
            .field("created_at", .datetime, .required)
            // The creator's one appeal, and its outcome (`upheld` or `reversed`).
            .field("appeal_note", .string)
            .field("appealed_at", .datetime)
            .field("appeal_claimed_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("appeal_claimed_at", .datetime)
            .field("appeal_outcome", .string)
            .field("appeal_reason", .string)
            .field("appeal_decided_by", .uuid, .references("users", "id", onDelete: .setNull))
            .field("appeal_decided_at", .datetime)
            .create()

        try await database.schema("comments").field("removed_at", .datetime).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("comments").deleteField("removed_at").update()
        for table in ["moderation_decisions", "reports", "moderation_cases", "blocks"] {
            try await database.schema(table).delete()
        }
    }
}
