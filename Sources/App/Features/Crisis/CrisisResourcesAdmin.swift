import Fluent
import Foundation
import MindreelCore
import Vapor

/// Admins keep the crisis lines per region: `/admin/crisis-resources` and the API
/// (`POST`, `PATCH`, `DELETE /api/v1/crisis-resources`). Every change is audited and reaches
/// every page of this process at once (other processes within `CrisisResourceBook.lifetime`).
struct CrisisResourcesAdminController: RouteCollection {
    /// The form's and the API's fields; a PATCH changes only those it names.
    struct Input: Content {
        var region: String?
        var name: String?
        var call: String?
        var text: String?
        var textKeyword: String?
        var chatUrl: String?
        var hours: String?
        var languages: String?
        var note: String?
        /// The API's boolean; the form's checkbox sends "on" as `emergency_box`.
        var emergency: Bool?
        var emergencyBox: String?

        enum CodingKeys: String, CodingKey {
            case region, name, call, text, hours, languages, note, emergency
            case textKeyword = "text_keyword"
            case chatUrl = "chat_url"
            case emergencyBox = "emergency_box"
        }

        /// The draft with these fields over `base` (empty text clears an optional field).
        func applied(to base: CrisisResourceDraft) -> CrisisResourceDraft {
            var draft = base
            if let region { draft.region = region }
            if let name { draft.name = name }
            if let call { draft.call = call }
            if let text { draft.text = text }
            if let textKeyword { draft.textKeyword = textKeyword }
            if let chatUrl { draft.chatURL = chatUrl }
            if let hours { draft.hours = hours }
            if let languages { draft.languages = languages }
            if let note { draft.note = note }
            if let emergency { draft.emergency = emergency }
            return draft
        }
    }

    struct Row: Encodable {
        let id: String
        let region: String
        let name: String
        let call: String
        let text: String
        let textKeyword: String
        let chatUrl: String
        let hours: String
        let languages: String
        let note: String
        let emergency: Bool
        let summary: String
    }

    struct RegionGroup: Encodable {
        let region: String
        let name: String
        let rows: [Row]
    }

    struct RegionOption: Encodable {
        let code: String
        let name: String
    }

    struct AdminPage: Encodable {
        let layout: LayoutContext
        let groups: [RegionGroup]
        let regions: [RegionOption]
        /// The add form's problems by field, and its values (kept after a refusal).
        let errors: [String: String]
        let hasErrors: Bool
        let form: Row
        /// The row whose edit was refused, and why.
        let failedID: String?
        let failedMessage: String?
        let defaultRegion: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin", "crisis-resources")
        admin.get(use: page)
        admin.post(use: addFromForm)
        admin.post(":resourceID", use: updateFromForm)
        admin.post(":resourceID", "delete", use: deleteFromForm)
        let api = routes.grouped("api", "v1", "crisis-resources")
        api.post(use: createAPI)
        api.patch(":resourceID", use: updateAPI)
        api.delete(":resourceID", use: deleteAPI)
    }

    func page(req: Request) async throws -> Response {
        try await render(req, errors: FieldErrors(), submitted: nil, status: .ok)
    }

    func addFromForm(req: Request) async throws -> Response {
        var input = try req.content.decode(Input.self)
        input.emergency = input.emergencyBox == "on"
        do {
            _ = try await CrisisResourceAdmin.create(input.applied(to: CrisisResourceDraft(region: "", name: "")), req: req)
            return req.redirect(to: SiteURL.adminCrisisResources.with(.crisisResourceSaved))
        } catch let errors as FieldErrors {
            return try await render(
                req, errors: errors, submitted: Self.row(id: "", input.applied(to: CrisisResourceDraft(region: "", name: ""))), status: .unprocessableEntity)
        }
    }

    func updateFromForm(req: Request) async throws -> Response {
        var input = try req.content.decode(Input.self)
        input.emergency = input.emergencyBox == "on"
        let id = try Self.resourceID(req)
        do {
            _ = try await CrisisResourceAdmin.update(id, with: input, req: req)
            return req.redirect(to: SiteURL.adminCrisisResources.with(.crisisResourceSaved))
        } catch let errors as FieldErrors {
            // The row again with what was typed, not what is stored.
            let stored = try await CrisisResource.find(id, on: req.db)?.draft ?? CrisisResourceDraft(region: "", name: "")
            return try await render(
                req, errors: errors, submitted: Self.row(id: id.uuidString.lowercased(), input.applied(to: stored)), status: .unprocessableEntity)
        }
    }

    func deleteFromForm(req: Request) async throws -> Response {
        try await CrisisResourceAdmin.delete(try Self.resourceID(req), req: req)
        return req.redirect(to: SiteURL.adminCrisisResources.with(.crisisResourceDeleted))
    }

    func createAPI(req: Request) async throws -> Response {
        let input = try req.content.decode(Input.self)
        let resource = try await CrisisResourceAdmin.create(input.applied(to: CrisisResourceDraft(region: "", name: "")), req: req)
        return try await Self.item(resource).encodeResponse(status: .created, for: req)
    }

    func updateAPI(req: Request) async throws -> CrisisHelpController.ResourceItem {
        let input = try req.content.decode(Input.self)
        return Self.item(try await CrisisResourceAdmin.update(try Self.resourceID(req), with: input, req: req))
    }

    func deleteAPI(req: Request) async throws -> HTTPStatus {
        try await CrisisResourceAdmin.delete(try Self.resourceID(req), req: req)
        return .noContent
    }

    static func item(_ resource: CrisisResource) -> CrisisHelpController.ResourceItem {
        CrisisHelpController.item(CrisisResourceBook.Entry(id: resource.id ?? UUID(), resource: resource.draft))
    }

    static func resourceID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("resourceID", as: UUID.self) else {
            throw HTTPProblem(.notFound, detail: "There is no such crisis resource.")
        }
        return id
    }

    static func row(id: String, _ draft: CrisisResourceDraft) -> Row {
        // How to reach it, without the name the row already shows.
        var summary = CrisisLines.sentence(draft).map(\.text).joined()
        if summary.hasPrefix(draft.name + ": ") { summary.removeFirst(draft.name.count + 2) }
        return Row(
            id: id, region: draft.region, name: draft.name, call: draft.call ?? "", text: draft.text ?? "", textKeyword: draft.textKeyword ?? "",
            chatUrl: draft.chatURL ?? "", hours: draft.hours, languages: draft.languages, note: draft.note ?? "", emergency: draft.emergency,
            summary: draft.emergency ? CrisisLines.emergency([draft]).map(\.text).joined() : summary)
    }

    /// `submitted`: the refused form's values, the add form's (id "") or an existing row's.
    private func render(_ req: Request, errors: FieldErrors, submitted: Row?, status: HTTPResponseStatus) async throws -> Response {
        let failedID = submitted.flatMap { $0.id.isEmpty ? nil : $0.id }
        let defaultRegion = req.mindreel.config.defaultRegion
        let rows = try await CrisisResource.query(on: req.db).sort(\.$position).all()
        let grouped = Dictionary(grouping: rows, by: \.region)
        // The default region first, then by name, "elsewhere" last.
        let order = grouped.keys.sorted { a, b in
            func rank(_ code: String) -> (Int, String) {
                (code == req.mindreel.config.defaultRegion ? 0 : code == CrisisResourceDraft.elsewhere ? 2 : 1, Regions.name(code))
            }
            return rank(a) < rank(b)
        }
        let groups = order.map { code in
            RegionGroup(
                region: code, name: code == CrisisResourceDraft.elsewhere ? "Everywhere else" : "\(Regions.name(code)) (\(code))",
                rows: (grouped[code] ?? []).map { resource in
                    let id = resource.id?.uuidString.lowercased() ?? ""
                    return id == failedID ? submitted ?? Self.row(id: id, resource.draft) : Self.row(id: id, resource.draft)
                })
        }
        let page = AdminPage(
            layout: LayoutContext(request: req, title: "Crisis resources"), groups: groups,
            regions: [RegionOption(code: CrisisResourceDraft.elsewhere, name: "Everywhere else (regions with no lines of their own)")]
                + Regions.sortedByName.map { RegionOption(code: $0.code, name: "\($0.name) (\($0.code))") },
            errors: failedID == nil ? errors.byField : [:], hasErrors: failedID == nil && !errors.isEmpty,
            form: (failedID == nil ? submitted : nil) ?? Self.row(id: "", CrisisResourceDraft(region: defaultRegion, name: "")),
            failedID: failedID,
            failedMessage: failedID == nil ? nil : errors.items.first?.message, defaultRegion: defaultRegion)
        let response = try await req.view.render("admin/crisis-resources", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}

/// The audited changes behind the page and the API.
enum CrisisResourceAdmin {
    static func create(_ raw: CrisisResourceDraft, req: Request) async throws -> CrisisResource {
        let account = try req.requireAccount()
        let draft = try CrisisResourceRules.validate(raw).get()
        let last = try await CrisisResource.query(on: req.db).max(\.$position) ?? 0
        let resource = CrisisResource(draft, position: last + 1, at: req.mindreel.now)
        try await req.db.transaction { db in
            try await resource.create(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .crisisResourceCreate, objectType: "crisis_resource",
                    objectID: resource.id?.uuidString, detail: "\(draft.region): \(draft.name)"), on: db)
        }
        req.mindreel.crisisResources.invalidate()
        return resource
    }

    static func update(_ id: UUID, with input: CrisisResourcesAdminController.Input, req: Request) async throws -> CrisisResource {
        let account = try req.requireAccount()
        guard let resource = try await CrisisResource.find(id, on: req.db) else {
            throw HTTPProblem(.notFound, detail: "There is no such crisis resource.")
        }
        let draft = try CrisisResourceRules.validate(input.applied(to: resource.draft)).get()
        guard draft != resource.draft else { return resource }
        let before = resource.draft
        resource.apply(draft, at: req.mindreel.now)
        try await req.db.transaction { db in
            try await resource.save(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .crisisResourceUpdate, objectType: "crisis_resource",
                    objectID: id.uuidString, detail: "\(before.region): \(before.name) → \(draft.region): \(draft.name)"), on: db)
        }
        req.mindreel.crisisResources.invalidate()
        return resource
    }

    static func delete(_ id: UUID, req: Request) async throws {
        let account = try req.requireAccount()
        guard let resource = try await CrisisResource.find(id, on: req.db) else {
            throw HTTPProblem(.notFound, detail: "There is no such crisis resource.")
        }
        try await req.db.transaction { db in
            try await resource.delete(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .crisisResourceDelete, objectType: "crisis_resource",
                    objectID: id.uuidString, detail: "\(resource.region): \(resource.name)"), on: db)
        }
        req.mindreel.crisisResources.invalidate()
    }
}
