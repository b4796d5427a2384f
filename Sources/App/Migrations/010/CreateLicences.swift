import Fluent

/// 010: licence applications and verified licences; a role's expiry (the clinician role lapses
/// with its licence); the sources of a video's clinical claim.
struct CreateLicences: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("licences")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            // pending, needs_info, verified, rejected, revoked, superseded (`Licence.Status`)
            .field("status", .string, .required)
            .field("legal_name", .string, .required)
            .field("licence_type", .string, .required)
            .field("other_type", .string)
            .field("licence_number", .string, .required)
            .field("jurisdiction", .string, .required)
            // The last valid day, YYYY-MM-DD (UTC), and the moment after it, for queries.
            .field("expires_on", .string, .required)
            .field("lapses_at", .datetime, .required)
            .field("board_url", .string, .required)
            .field("practice_id", .uuid, .references("practices", "id", onDelete: .setNull))
            // In the media store under licences/…: never served by a public route.
            .field("evidence_key", .string, .required)
            .field("evidence_kind", .string, .required)
            .field("evidence_bytes", .int64, .required)
            // The verified licence this application renews.
            .field("renewal_of", .uuid)
            .field("submitted_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("reviewed_by", .uuid)
            .field("reviewed_at", .datetime)
            // The reason for a rejection, or what more is needed.
            .field("review_note", .string)
            .field("verified_at", .datetime)
            .field("revoked_at", .datetime)
            .field("revoked_by", .uuid)
            .field("revoke_reason", .string)
            // Days before expiry whose notice was sent: "60,30".
            .field("notices_sent", .string, .required)
            .create()
        try await database.schema("user_roles").field("expires_at", .datetime).update()
        try await database.schema("video_sources")
            .id()
            .field("video_id", .uuid, .required, .references("videos", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("title", .string, .required)
            .field("url", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("video_sources").delete()
        try await database.schema("user_roles").deleteField("expires_at").update()
        try await database.schema("licences").delete()
    }
}
