import Fluent
import Foundation
import MindreelCore
import Vapor

/// Site admins create practices and say who is in them: `/api/v1/admin/practices`. Membership
/// (clinician, coordinator, practice admin), not an account's global role, decides whose data a
/// person sees in the features built on practices. Every change is audited.
struct PracticesAdminController: RouteCollection {
    struct PracticeInput: Content {
        var name: String?
        var description: String?
        var website: String?
        var jurisdictions: [String]?
    }

    struct MemberInput: Content {
        var handle: String?
        var role: String?
    }

    struct PlaceItem: Content {
        let code: String
        let name: String
    }

    struct MemberItem: Content {
        let id: UUID
        let handle: String
        let displayName: String
        let role: String
        let roleLabel: String

        enum CodingKeys: String, CodingKey {
            case id, handle, role
            case displayName = "display_name"
            case roleLabel = "role_label"
        }
    }

    struct PracticeItem: Content {
        let id: UUID
        let name: String
        let description: String
        let website: String
        let jurisdictions: [PlaceItem]
        let members: [MemberItem]?
        let createdAt: Date

        enum CodingKeys: String, CodingKey {
            case id, name, description, website, jurisdictions, members
            case createdAt = "created_at"
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let practices = routes.grouped("api", "v1", "admin", "practices")
        practices.get(use: list)
        practices.post(use: create)
        practices.get(":practiceID", use: show)
        practices.patch(":practiceID", use: update)
        practices.post(":practiceID", "members", use: addMember)
        practices.delete(":practiceID", "members", ":memberID", use: removeMember)
    }

    func list(req: Request) async throws -> APIPage<PracticeItem> {
        // A short list for admins: one page, by name.
        let practices = try await Practice.query(on: req.db).sort(\.$name).all()
        return .init(items: try practices.map { try Self.item($0, members: nil) }, nextCursor: nil)
    }

    func show(req: Request) async throws -> PracticeItem {
        let practice = try await Self.practice(req)
        return try Self.item(practice, members: try await Self.members(of: practice, on: req.db))
    }

    func create(req: Request) async throws -> Response {
        let input = try req.content.decode(PracticeInput.self)
        let practice = try await PracticeAdmin.create(
            name: input.name, description: input.description, website: input.website, jurisdictions: input.jurisdictions, req: req)
        return try await Self.item(practice, members: []).encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> PracticeItem {
        let practice = try await Self.practice(req)
        let input = try req.content.decode(PracticeInput.self)
        try await PracticeAdmin.update(
            practice, name: input.name, description: input.description, website: input.website, jurisdictions: input.jurisdictions, req: req)
        return try Self.item(practice, members: try await Self.members(of: practice, on: req.db))
    }

    func addMember(req: Request) async throws -> Response {
        let practice = try await Self.practice(req)
        let input = try req.content.decode(MemberInput.self)
        try await PracticeAdmin.addMember(to: practice, handle: input.handle, role: input.role, req: req)
        return try await Self.item(practice, members: try await Self.members(of: practice, on: req.db)).encodeResponse(status: .created, for: req)
    }

    func removeMember(req: Request) async throws -> HTTPStatus {
        let practice = try await Self.practice(req)
        try await PracticeAdmin.removeMember(req.parameters.get("memberID", as: UUID.self), from: practice, req: req)
        return .noContent
    }

    // MARK: - Shared

    static func practice(_ req: Request) async throws -> Practice {
        guard let id = req.parameters.get("practiceID", as: UUID.self), let practice = try await Practice.find(id, on: req.db) else {
            throw HTTPProblem(.notFound, detail: "There is no such practice.")
        }
        return practice
    }

    static func members(of practice: Practice, on db: any Database) async throws -> [MemberItem] {
        let rows = try await PracticeMember.query(on: db).filter(\.$practice.$id == practice.requireID()).with(\.$user).all()
        return try rows.sorted { ($0.user.handle, $0.role.rawValue) < ($1.user.handle, $1.role.rawValue) }.map {
            MemberItem(id: try $0.requireID(), handle: $0.user.handle, displayName: $0.user.displayName, role: $0.role.rawValue, roleLabel: $0.role.label)
        }
    }

    static func item(_ practice: Practice, members: [MemberItem]?) throws -> PracticeItem {
        PracticeItem(
            id: try practice.requireID(), name: practice.name, description: practice.description, website: practice.website,
            jurisdictions: practice.jurisdictionCodes.map { PlaceItem(code: $0, name: Jurisdictions.name(of: $0) ?? $0) }, members: members,
            createdAt: practice.createdAt)
    }
}
