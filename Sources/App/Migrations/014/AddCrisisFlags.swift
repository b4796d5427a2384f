import Fluent

/// 014: what the crisis classifier read in a flagged comment, on its moderation case, so the
/// queue can put `urgent` above `concern` above every report.
struct AddCrisisFlags: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("moderation_cases").field("crisis_level", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("moderation_cases").deleteField("crisis_level").update()
    }
}
