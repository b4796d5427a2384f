import Fluent

/// 007: an account's suspension, as the access policy reads it at each request.
struct AddSuspensions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // Two statements: SQLite adds one column per ALTER TABLE.
        try await database.schema("users").field("suspended_until", .datetime).update()
        try await database.schema("users").field("suspended_indefinitely", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("suspended_indefinitely").update()
        try await database.schema("users").deleteField("suspended_until").update()
    }
}
