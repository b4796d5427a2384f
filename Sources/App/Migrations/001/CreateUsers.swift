import Fluent

struct CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .id()
            .field("handle", .string, .required)
            .field("display_name", .string, .required)
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("birth_year", .int, .required)
            .field("is_minor", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "handle", name: "uq_users_handle")
            .unique(on: "email", name: "uq_users_email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}
