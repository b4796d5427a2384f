import Fluent
import Foundation
import MindreelCore
import Vapor

/// Blocking (`PUT`/`DELETE /api/v1/creators/{handle}/block`, `GET /api/v1/me/blocks`): private
/// to the blocker, undoable. It ends follows both ways, and from then on neither sees the other:
/// not their videos in any feed, search, hashtag or profile, not their comments, not their
/// notifications, not their profile; neither can comment on the other's videos or follow them.
struct BlocksController: RouteCollection {
    struct State: Content {
        let blocked: Bool
        let handle: String
    }

    struct Blocked: Content {
        let handle: String
        let displayName: String
        let blockedAt: Date
    }

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.put("creators", ":handle", "block") { req in try await self.set(req, true) }
        api.delete("creators", ":handle", "block") { req in try await self.set(req, false) }
        api.get("me", "blocks", use: mine)
    }

    func set(_ req: Request, _ blocked: Bool) async throws -> State {
        let account = try req.requireAccount()
        let other = try await CreatorsController.findCreator(req)
        let otherID = try other.requireID()
        try req.authorize(.block, .account(otherID))
        if blocked {
            try await Blocking.block(otherID, by: account.userID, on: req.db, now: req.mindreel.now)
        } else {
            try await Block.query(on: req.db).filter(\.$blocker.$id == account.userID).filter(\.$blocked.$id == otherID).delete()
        }
        return State(blocked: blocked, handle: other.handle)
    }

    func mine(req: Request) async throws -> APIPage<Blocked> {
        let account = try req.requireAccount()
        let rows = try await Block.query(on: req.db).filter(\.$blocker.$id == account.userID).with(\.$blocked).sort(\.$createdAt, .descending).all()
        return APIPage(items: rows.map { Blocked(handle: $0.blocked.handle, displayName: $0.blocked.displayName, blockedAt: $0.createdAt) }, nextCursor: nil)
    }
}

/// Who is out of sight of whom.
enum Blocking {
    /// Blocks `otherID` for `blockerID` (again: no change) and ends follows both ways.
    static func block(_ otherID: UUID, by blockerID: UUID, on db: any Database, now: Date) async throws {
        try await db.transaction { db in
            let existing = try await Block.query(on: db).filter(\.$blocker.$id == blockerID).filter(\.$blocked.$id == otherID).first()
            if existing == nil { try await Block(blockerID: blockerID, blockedID: otherID, now: now).create(on: db) }
            try await Follow.query(on: db).group(.or) { either in
                either.group(.and) { $0.filter(\.$follower.$id == blockerID).filter(\.$creator.$id == otherID) }
                either.group(.and) { $0.filter(\.$follower.$id == otherID).filter(\.$creator.$id == blockerID) }
            }.delete()
        }
    }

    /// Everyone the viewer blocked or was blocked by: hidden from them everywhere.
    static func hidden(from viewerID: UUID?, on db: any Database) async throws -> Set<UUID> {
        guard let viewerID else { return [] }
        let rows = try await Block.query(on: db).group(.or) { $0.filter(\.$blocker.$id == viewerID).filter(\.$blocked.$id == viewerID) }.all()
        return Set(rows.map { $0.$blocker.id == viewerID ? $0.$blocked.id : $0.$blocker.id })
    }

    /// Between a viewer and an account: who blocked whom (nothing for a visitor or oneself).
    static func relation(of viewerID: UUID?, to otherID: UUID, on db: any Database) async throws -> (blockedByViewer: Bool, blockedViewer: Bool) {
        guard let viewerID, viewerID != otherID else { return (false, false) }
        let rows = try await Block.query(on: db).group(.or) { either in
            either.group(.and) { $0.filter(\.$blocker.$id == viewerID).filter(\.$blocked.$id == otherID) }
            either.group(.and) { $0.filter(\.$blocker.$id == otherID).filter(\.$blocked.$id == viewerID) }
        }.all()
        return (rows.contains { $0.$blocker.id == viewerID }, rows.contains { $0.$blocker.id == otherID })
    }

    /// Whether either of the two blocked the other.
    static func between(_ one: UUID, _ other: UUID, on db: any Database) async throws -> Bool {
        try await Block.query(on: db).group(.or) { either in
            either.group(.and) { $0.filter(\.$blocker.$id == one).filter(\.$blocked.$id == other) }
            either.group(.and) { $0.filter(\.$blocker.$id == other).filter(\.$blocked.$id == one) }
        }.first() != nil
    }
}
