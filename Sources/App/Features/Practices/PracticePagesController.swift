import Fluent
import Foundation
import MindreelCore
import Vapor

/// `/admin/practices` (the list and a form to create one) and `/admin/practices/{id}` (its
/// details and who is in it), for site admins. The same rules as the API (`PracticeAdmin`).
struct PracticePagesController: RouteCollection {
    struct Place: Encodable {
        let code: String
        let name: String
    }

    struct ListPage: Encodable {
        struct Row: Encodable {
            let url: String
            let name: String
            let places: String
            let memberCount: Int
        }

        let layout: LayoutContext
        let practices: [Row]
        let form: PracticeForm
        let errors: [String: String]
    }

    struct DetailPage: Encodable {
        struct Member: Encodable {
            let id: String
            let handle: String
            let displayName: String
            let roleLabel: String
        }

        let layout: LayoutContext
        let url: String
        let name: String
        let website: String
        let places: [Place]
        let form: PracticeForm
        let members: [Member]
        let roles: [Place]
        let memberHandle: String?
        let memberRole: String?
        let errors: [String: String]
    }

    /// The form's fields as typed; places are codes separated by commas or spaces.
    struct PracticeForm: Content {
        var name: String?
        var description: String?
        var website: String?
        var jurisdictions: String?

        var codes: [String] {
            (jurisdictions ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
        }
    }

    struct MemberForm: Content {
        var handle: String?
        var role: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin", "practices")
        admin.get(use: list)
        admin.post(use: create)
        admin.get(":practiceID", use: show)
        admin.post(":practiceID", use: update)
        admin.post(":practiceID", "members", use: addMember)
        admin.post(":practiceID", "members", ":memberID", "remove", use: removeMember)
    }

    func list(req: Request) async throws -> Response {
        try await renderList(req, form: PracticeForm(), errors: [:], status: .ok)
    }

    func create(req: Request) async throws -> Response {
        let form = try req.content.decode(PracticeForm.self)
        do {
            let practice = try await PracticeAdmin.create(
                name: form.name, description: form.description, website: form.website, jurisdictions: form.codes, req: req)
            return req.redirect(to: SiteURL.adminPractice(try practice.requireID()).with(.practiceSaved))
        } catch let errors as FieldErrors {
            return try await renderList(req, form: form, errors: errors.byField, status: .unprocessableEntity)
        }
    }

    func show(req: Request) async throws -> Response {
        let practice = try await PracticesAdminController.practice(req)
        return try await renderDetail(req, practice, form: nil, member: nil, errors: [:], status: .ok)
    }

    func update(req: Request) async throws -> Response {
        let practice = try await PracticesAdminController.practice(req)
        let form = try req.content.decode(PracticeForm.self)
        do {
            try await PracticeAdmin.update(
                practice, name: form.name ?? "", description: form.description ?? "", website: form.website ?? "", jurisdictions: form.codes,
                req: req)
            return req.redirect(to: SiteURL.adminPractice(try practice.requireID()).with(.practiceSaved))
        } catch let errors as FieldErrors {
            return try await renderDetail(req, practice, form: form, member: nil, errors: errors.byField, status: .unprocessableEntity)
        }
    }

    func addMember(req: Request) async throws -> Response {
        let practice = try await PracticesAdminController.practice(req)
        let form = try req.content.decode(MemberForm.self)
        do {
            try await PracticeAdmin.addMember(to: practice, handle: form.handle, role: form.role, req: req)
            return req.redirect(to: SiteURL.adminPractice(try practice.requireID()).with(.practiceMemberAdded) + "#members")
        } catch let errors as FieldErrors {
            var fields: [String: String] = [:]
            for item in errors.items { fields["member_" + item.field] = item.message }
            return try await renderDetail(req, practice, form: nil, member: form, errors: fields, status: .unprocessableEntity)
        }
    }

    func removeMember(req: Request) async throws -> Response {
        let practice = try await PracticesAdminController.practice(req)
        try await PracticeAdmin.removeMember(req.parameters.get("memberID", as: UUID.self), from: practice, req: req)
        return req.redirect(to: SiteURL.adminPractice(try practice.requireID()).with(.practiceMemberRemoved) + "#members")
    }

    // MARK: - Rendering

    static func placeNames(_ codes: [String]) -> String {
        codes.map { Jurisdictions.name(of: $0) ?? $0 }.joined(separator: "; ")
    }

    private func renderList(_ req: Request, form: PracticeForm, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let practices = try await Practice.query(on: req.db).sort(\.$name).all()
        var counts: [UUID: Int] = [:]
        for member in try await PracticeMember.query(on: req.db).all() { counts[member.$practice.id, default: 0] += 1 }
        let rows = try practices.map {
            ListPage.Row(
                url: SiteURL.adminPractice(try $0.requireID()).path, name: $0.name, places: Self.placeNames($0.jurisdictionCodes),
                memberCount: counts[try $0.requireID()] ?? 0)
        }
        let response = try await req.view.render(
            "admin/practices", ListPage(layout: LayoutContext(request: req, title: "Practices"), practices: rows, form: form, errors: errors)
        ).encodeResponse(for: req)
        response.status = status
        return response
    }

    private func renderDetail(
        _ req: Request, _ practice: Practice, form: PracticeForm?, member: MemberForm?, errors: [String: String], status: HTTPResponseStatus
    ) async throws -> Response {
        let id = try practice.requireID()
        let members = try await PracticesAdminController.members(of: practice, on: req.db).map {
            DetailPage.Member(id: $0.id.uuidString.lowercased(), handle: $0.handle, displayName: $0.displayName, roleLabel: $0.roleLabel)
        }
        let shown =
            form
            ?? PracticeForm(
                name: practice.name, description: practice.description, website: practice.website,
                jurisdictions: practice.jurisdictionCodes.joined(separator: ", "))
        let page = DetailPage(
            layout: LayoutContext(request: req, title: practice.name), url: SiteURL.adminPractice(id).path, name: practice.name,
            website: practice.website, places: practice.jurisdictionCodes.map { Place(code: $0, name: Jurisdictions.name(of: $0) ?? $0) },
            form: shown, members: members, roles: PracticeRole.allCases.map { Place(code: $0.rawValue, name: $0.label) },
            memberHandle: member?.handle, memberRole: member?.role, errors: errors)
        let response = try await req.view.render("admin/practice", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
