import Fluent

struct CreateUserRoles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("user_roles")
            .id()
            .field("user_id", .uuid, .required, .references("users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("granted_at", .datetime)
            .unique(on: "user_id", "role", name: "uq_user_roles_user_role")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("user_roles").delete()
    }
}
