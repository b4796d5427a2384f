import Fluent
import Foundation
import MindreelCore

/// 013: crisis resources per region (admins keep them; the defaults below are where a new
/// installation starts), and the region a member chose for them.
struct CreateCrisisResources: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("crisis_resources")
            .id()
            // An ISO 3166-1 code, or "elsewhere" for regions with no entry of their own.
            .field("region", .string, .required)
            .field("position", .int, .required)
            .field("name", .string, .required)
            .field("call", .string)
            .field("text", .string)
            .field("text_keyword", .string)
            .field("chat_url", .string)
            .field("hours", .string, .required)
            .field("languages", .string, .required)
            .field("note", .string)
            .field("emergency", .bool, .required)
            .field("updated_at", .datetime, .required)
            .create()
        let now = Date()
        for (position, draft) in CrisisResourceRules.defaults.enumerated() {
            try await CrisisResource(draft, position: position + 1, at: now).create(on: database)
        }
        try await database.schema("users").field("crisis_region", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("crisis_region").update()
        try await database.schema("crisis_resources").delete()
    }
}
