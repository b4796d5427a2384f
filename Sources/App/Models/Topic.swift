import Fluent
import Foundation

/// A curated topic. Its id is its slug (`anxiety`), so API clients and links can name it.
final class Topic: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "topics"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @Field(key: "sensitive") var sensitive: Bool
    @Field(key: "retired") var retired: Bool
    @Field(key: "position") var position: Int

    init() {}

    init(slug: String, name: String, sensitive: Bool, position: Int) {
        self.id = slug
        self.name = name
        self.sensitive = sensitive
        self.retired = false
        self.position = position
    }
}
