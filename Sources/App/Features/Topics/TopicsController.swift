import Fluent
import Foundation
import MindreelCore
import Vapor

/// The curated topics: listed for everyone, managed by admins (`/admin/topics` and the API),
/// and picked by members who want their For You feed to lean toward some (`/welcome/topics`).
struct TopicsController: RouteCollection {
    struct TopicItem: Content {
        let id: String
        let name: String
        let sensitive: Bool
        /// Only in admins' listings.
        let retired: Bool?
    }

    struct CreateInput: Content {
        var id: String?
        var name: String?
        var sensitive: Bool?
    }

    struct UpdateInput: Content {
        var name: String?
        var sensitive: Bool?
        var retired: Bool?
    }

    struct Picks: Content {
        var topicIds: [String]

        enum CodingKeys: String, CodingKey {
            case topicIds = "topic_ids"
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("topics", use: list)
        api.post("topics", use: createAPI)
        api.patch("topics", ":topicID", use: updateAPI)
        api.get("me", "topics", use: myTopics)
        api.put("me", "topics", use: setMyTopics)
    }

    func list(req: Request) async throws -> APIPage<TopicItem> {
        let includeRetired = req.query[String.self, at: "include_retired"] == "true" && (req.account?.has(.admin) ?? false)
        var query = Topic.query(on: req.db)
        if !includeRetired { query = query.filter(\.$retired == false) }
        let topics = try await query.sort(\.$position).all()
        // The curated list is short: one page.
        return .init(
            items: topics.map { TopicItem(id: $0.id ?? "", name: $0.name, sensitive: $0.sensitive, retired: includeRetired ? $0.retired : nil) },
            nextCursor: nil)
    }

    static func item(_ topic: Topic) -> TopicItem {
        TopicItem(id: topic.id ?? "", name: topic.name, sensitive: topic.sensitive, retired: topic.retired)
    }

    func createAPI(req: Request) async throws -> Response {
        let input = try req.content.decode(CreateInput.self)
        let topic = try await TopicAdmin.create(name: input.name, slug: input.id, slugField: "id", sensitive: input.sensitive ?? false, req: req)
        return try await Self.item(topic).encodeResponse(status: .created, for: req)
    }

    func updateAPI(req: Request) async throws -> TopicItem {
        let input = try req.content.decode(UpdateInput.self)
        let topic = try await TopicAdmin.update(
            req.parameters.get("topicID") ?? "", name: input.name, sensitive: input.sensitive, retired: input.retired, req: req)
        return Self.item(topic)
    }

    func myTopics(req: Request) async throws -> Picks {
        let account = try req.requireAccount()
        return Picks(topicIds: try await TopicPicks.of(account.userID, on: req.db))
    }

    func setMyTopics(req: Request) async throws -> Picks {
        let account = try req.requireAccount()
        let input = try req.content.decode(Picks.self)
        try await TopicPicks.set(input.topicIds, for: account.userID, on: req.db)
        await req.mindreel.forYou.forgetPreferences(of: account.userID)
        return Picks(topicIds: try await TopicPicks.of(account.userID, on: req.db))
    }
}

/// Admins' changes to the topic list, audited.
enum TopicAdmin {
    /// `slugField` names the slug in errors: `slug` on the page's form, `id` in the API.
    static func create(name rawName: String?, slug rawSlug: String?, slugField: String = "slug", sensitive: Bool, req: Request) async throws -> Topic {
        let account = try req.requireAccount()
        let name = try TopicRules.validateName(rawName).get()
        let wanted = (rawSlug?.isEmpty ?? true) ? name : rawSlug!
        guard let slug = TopicRules.slug(from: wanted) else {
            throw FieldErrors(slugField, "Use letters and digits in the topic's id.")
        }
        if try await Topic.find(slug, on: req.db) != nil {
            throw FieldErrors(slugField, "There is already a topic with the id '\(slug)'.")
        }
        if try await Topic.query(on: req.db).filter(\.$name == name).first() != nil {
            throw FieldErrors("name", "There is already a topic called '\(name)'.")
        }
        let last = try await Topic.query(on: req.db).max(\.$position) ?? 0
        let topic = Topic(slug: slug, name: name, sensitive: sensitive, position: last + 1)
        try await req.db.transaction { db in
            try await topic.create(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .topicCreate, objectType: "topic", objectID: slug,
                    detail: sensitive ? "sensitive" : nil), on: db)
        }
        return topic
    }

    static func update(_ id: String, name rawName: String?, sensitive: Bool?, retired: Bool?, req: Request) async throws -> Topic {
        let account = try req.requireAccount()
        guard let topic = try await Topic.find(id, on: req.db) else {
            throw HTTPProblem(.notFound, detail: "There is no topic '\(id)'.")
        }
        var changes: [String] = []
        if let rawName {
            let name = try TopicRules.validateName(rawName).get()
            if name != topic.name {
                if let other = try await Topic.query(on: req.db).filter(\.$name == name).first(), other.id != topic.id {
                    throw FieldErrors("name", "There is already a topic called '\(name)'.")
                }
                changes.append("renamed")
                topic.name = name
            }
        }
        if let sensitive, sensitive != topic.sensitive {
            changes.append(sensitive ? "marked sensitive" : "marked not sensitive")
            topic.sensitive = sensitive
        }
        if let retired, retired != topic.retired {
            changes.append(retired ? "retired" : "restored")
            topic.retired = retired
        }
        guard !changes.isEmpty else { return topic }
        let detail = changes.joined(separator: ", ")
        try await req.db.transaction { db in
            try await topic.save(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .topicUpdate, objectType: "topic", objectID: id,
                    detail: detail), on: db)
        }
        // For You leaves sensitive topics out for minors: the next page must see the new mark.
        if changes.contains(where: { $0.hasPrefix("marked") }) { await req.mindreel.forYou.invalidate() }
        return topic
    }
}

/// The topics a member picked.
enum TopicPicks {
    static func of(_ userID: UUID, on db: any Database) async throws -> [String] {
        try await UserTopic.query(on: db).filter(\.$user.$id == userID).all().map(\.$topic.id).sorted()
    }

    static func set(_ ids: [String], for userID: UUID, on db: any Database) async throws {
        let wanted = Set(ids)
        let known = Set(try await Topic.query(on: db).filter(\.$retired == false).all().compactMap(\.id))
        let unknown = wanted.subtracting(known)
        if !unknown.isEmpty {
            throw FieldErrors("topic_ids", "There is no topic '\(unknown.sorted().joined(separator: "', '"))'.")
        }
        try await db.transaction { db in
            try await UserTopic.query(on: db).filter(\.$user.$id == userID).delete()
            for id in wanted.sorted() { try await UserTopic(userID: userID, topicID: id).create(on: db) }
        }
    }
}
