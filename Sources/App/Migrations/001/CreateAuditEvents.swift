import Fluent
import SQLKit

struct CreateAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // No foreign key on actor_id: the log outlives the accounts it mentions.
        try await database.schema("audit_events")
            .id()
            .field("actor_id", .uuid)
            .field("actor_role", .string, .required)
            .field("action", .string, .required)
            .field("object_type", .string)
            .field("object_id", .string)
            .field("occurred_at", .datetime, .required)
            .field("outcome", .string, .required)
            .field("request_id", .string)
            .field("detail", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "ix_audit_events_occurred_at").on("audit_events").column("occurred_at").run()
        try await sql.create(index: "ix_audit_events_actor_id").on("audit_events").column("actor_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_events").delete()
    }
}
