import Fluent
import Foundation
import MindreelCore
import Vapor

/// `/admin/topics` (admins add, rename, retire and mark topics sensitive) and `/welcome/topics`
/// (a member picks the topics they care about; skippable).
struct TopicPagesController: RouteCollection {
    struct AdminPage: Encodable {
        struct Row: Encodable {
            let id: String
            let name: String
            let sensitive: Bool
            let retired: Bool
            let videoCount: Int
        }

        let layout: LayoutContext
        let topics: [Row]
        let error: String?
        let addName: String?
    }

    struct AddForm: Content {
        var name: String?
        var slug: String?
        var sensitive: String?
    }

    struct UpdateForm: Content {
        var name: String?
        var sensitive: String?
        var retired: String?
    }

    struct PicksPage: Encodable {
        struct Choice: Encodable {
            let id: String
            let name: String
            let picked: Bool
        }

        let layout: LayoutContext
        let topics: [Choice]
        let firstTime: Bool
    }

    struct PicksForm: Content {
        var topicIds: [String]?

        enum CodingKeys: String, CodingKey {
            case topicIds = "topic_ids"
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin", "topics")
        admin.get(use: adminPage)
        admin.post(use: add)
        admin.post(":topicID", use: update)
        routes.get("welcome", "topics", use: picksPage)
        routes.post("welcome", "topics", use: savePicks)
    }

    func adminPage(req: Request) async throws -> Response {
        try await renderAdmin(req, error: nil, addName: nil, status: .ok)
    }

    func add(req: Request) async throws -> Response {
        let form = try req.content.decode(AddForm.self)
        do {
            _ = try await TopicAdmin.create(name: form.name, slug: form.slug, sensitive: form.sensitive == "on", req: req)
            return req.redirect(to: SiteURL.adminTopics.with(.topicSaved))
        } catch let errors as FieldErrors {
            return try await renderAdmin(req, error: errors.items.first?.message, addName: form.name, status: .unprocessableEntity)
        }
    }

    /// One row's form: unchecked boxes are absent from the form, so they mean false.
    func update(req: Request) async throws -> Response {
        let form = try req.content.decode(UpdateForm.self)
        do {
            _ = try await TopicAdmin.update(
                req.parameters.get("topicID") ?? "", name: form.name, sensitive: form.sensitive == "on", retired: form.retired == "on", req: req)
            return req.redirect(to: SiteURL.adminTopics.with(.topicSaved))
        } catch let errors as FieldErrors {
            return try await renderAdmin(req, error: errors.items.first?.message, addName: nil, status: .unprocessableEntity)
        }
    }

    private func renderAdmin(_ req: Request, error: String?, addName: String?, status: HTTPResponseStatus) async throws -> Response {
        let topics = try await Topic.query(on: req.db).sort(\.$position).all()
        var counts: [String: Int] = [:]
        for row in try await VideoTopic.query(on: req.db).all() { counts[row.$topic.id, default: 0] += 1 }
        let rows = topics.map {
            AdminPage.Row(id: $0.id ?? "", name: $0.name, sensitive: $0.sensitive, retired: $0.retired, videoCount: counts[$0.id ?? ""] ?? 0)
        }
        let response = try await req.view.render(
            "admin/topics", AdminPage(layout: LayoutContext(request: req, title: "Topics"), topics: rows, error: error, addName: addName)
        ).encodeResponse(for: req)
        response.status = status
        return response
    }

    func picksPage(req: Request) async throws -> View {
        let account = try req.requireAccount()
        let picked = Set(try await TopicPicks.of(account.userID, on: req.db))
        let topics = try await Topic.query(on: req.db).filter(\.$retired == false).sort(\.$position).all()
        return try await req.view.render(
            "accounts/topics",
            PicksPage(
                layout: LayoutContext(request: req, title: "Pick your topics"),
                topics: topics.map { PicksPage.Choice(id: $0.id ?? "", name: $0.name, picked: picked.contains($0.id ?? "")) },
                firstTime: req.query[String.self, at: "first"] == "1"))
    }

    func savePicks(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        let form = try req.content.decode(PicksForm.self)
        try await TopicPicks.set(form.topicIds ?? [], for: account.userID, on: req.db)
        await req.mindreel.forYou.forgetPreferences(of: account.userID)
        return req.redirect(to: SiteURL.home.with(.topicsSaved))
    }
}
