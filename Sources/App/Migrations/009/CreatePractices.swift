import Fluent

/// 009: practices and who is in them (clinician, coordinator, practice admin). Licences,
/// profiles and appointment requests build on these tables.
struct CreatePractices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("practices")
            .id()
            .field("name", .string, .required)
            .field("description", .string, .required)
            .field("website", .string, .required)
            // Codes such as "US-CA,IE" (MindreelCore's Jurisdictions), in the order given.
            .field("jurisdictions", .string, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "name", name: "uq_practices_name")
            .create()

        try await database.schema("practice_members")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id", onDelete: .cascade))
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "practice_id", "user_id", "role", name: "uq_practice_members")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("practice_members").delete()
        try await database.schema("practices").delete()
    }
}
