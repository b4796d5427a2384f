import Fluent
import MindreelCore

/// The topic table, filled with the curated list.
struct CreateTopics: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("topics")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("sensitive", .bool, .required)
            .field("retired", .bool, .required)
            .field("position", .int, .required)
            .create()
        for (position, topic) in CuratedTopic.initial.enumerated() {
            try await Topic(slug: topic.slug, name: topic.name, sensitive: topic.sensitive, position: position).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("topics").delete()
    }
}
