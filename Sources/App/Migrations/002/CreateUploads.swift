import Fluent
import SQLKit

struct CreateUploads: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("uploads")
            .id()
            .field("owner_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("length", .int64)
            .field("offset", .int64, .required)
            .field("metadata", .string, .required)
            .field("filename", .string)
            .field("filetype", .string)
            .field("state", .string, .required)
            .field("storage_key", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("lease_token", .string)
            .field("lease_until", .datetime)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "ix_uploads_owner_state").on("uploads").column("owner_id").column("state").run()
        try await sql.create(index: "ix_uploads_expires_at").on("uploads").column("expires_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("uploads").delete()
    }
}
