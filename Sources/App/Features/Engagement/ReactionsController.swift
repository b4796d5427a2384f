import Fluent
import Foundation
import MindreelCore
import Vapor

/// Likes and saves. `PUT` adds (idempotent: liking twice is one like), `DELETE` removes; the
/// answer is the video's public count and the caller's own state. Who liked or saved what is
/// visible only to that person (`GET /api/v1/me/likes`, `/me/saves`).
struct ReactionsController: RouteCollection {
    struct ReactionState: Content {
        let videoId: String
        let count: Int
        let active: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        for kind in VideoReaction.Kind.allCases {
            api.put("videos", ":videoID", .constant(kind.rawValue)) { req in try await self.set(kind, true, req) }
            api.delete("videos", ":videoID", .constant(kind.rawValue)) { req in try await self.set(kind, false, req) }
        }
        api.get("me", "likes") { req in try await self.mine(.like, req) }
        api.get("me", "saves") { req in try await self.mine(.save, req) }
    }

    func set(_ kind: VideoReaction.Kind, _ active: Bool, _ req: Request) async throws -> ReactionState {
        let account = try req.requireAccount()
        let video = try await VideoPresenter.findWatchable(req)
        let videoID = try video.requireID()
        let existing = try await VideoReaction.query(on: req.db)
            .filter(\.$user.$id == account.userID).filter(\.$video.$id == videoID).filter(\.$kind == kind).first()
        if active, existing == nil {
            do {
                try await VideoReaction(userID: account.userID, videoID: videoID, kind: kind, now: req.mindreel.now).create(on: req.db)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // A double tap raced itself: the like exists, which is what was asked.
            }
        } else if !active, let existing {
            try await existing.delete(on: req.db)
        }
        if kind == .like { await req.mindreel.forYou.forgetPreferences(of: account.userID) }
        let count = try await VideoReaction.query(on: req.db).filter(\.$video.$id == videoID).filter(\.$kind == kind).count()
        return ReactionState(videoId: videoID.uuidString.lowercased(), count: count, active: active)
    }

    /// The caller's own likes or saves, newest first, in cursor pages, as videos they may still watch.
    func mine(_ kind: VideoReaction.Kind, _ req: Request) async throws -> APIPage<VideosAPI.VideoItem> {
        let limit = try FeedController.limit(req.query[String.self, at: "limit"])
        let page = try await Self.page(kind, req, limit: limit)
        return .init(items: try await VideoPresenter.items(page.videos, on: req.db), nextCursor: page.nextCursor)
    }

    /// One page of the signed-in member's likes or saves, newest first: the API and the Saved
    /// and Liked pages read the same rows, so they list the same videos. A video no longer
    /// watchable (made private, taken down) drops out; the reaction stays, in case it returns.
    static func page(_ kind: VideoReaction.Kind, _ req: Request, limit: Int) async throws -> (videos: [Video], nextCursor: String?) {
        let account = try req.requireAccount()
        let page = try await VideoReaction.query(on: req.db).filter(\.$user.$id == account.userID).filter(\.$kind == kind)
            .with(\.$video).cursorPage(req, limit: limit) { $0.createdAt }
        let watchable = page.rows.map(\.video).filter { VideoAccess.mayWatch($0.accessFacts, viewerID: account.userID) }
        return (watchable, page.nextCursor)
    }
}
