import Fluent
import Foundation
import Vapor

/// `/saved` and `/liked`: the signed-in member's own saves and likes as a grid, like a profile's.
/// There is no URL for anyone else's: what a person saved or liked about mental health is theirs
/// alone (the same rows and rules as `GET /api/v1/me/saves` and `/me/likes`).
struct SavedAndLikedPagesController: RouteCollection {
    struct Page: Encodable {
        let layout: LayoutContext
        /// `saved` or `liked`, for the page's ids.
        let kind: String
        let heading: String
        let emptyText: String
        let videos: [ProfilePagesController.GridVideo]
        let nextPageURL: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("saved") { req in try await self.page(.save, req) }
        routes.get("liked") { req in try await self.page(.like, req) }
    }

    func page(_ kind: VideoReaction.Kind, _ req: Request) async throws -> View {
        let page = try await ReactionsController.page(kind, req, limit: ProfilePagesController.gridPageSize)
        let url = kind == .save ? SiteURL.saved : SiteURL.liked
        let heading = kind == .save ? "Saved videos" : "Liked videos"
        // Like every page, sent with Cache-Control: no-store (SecurityHeadersMiddleware).
        return try await req.view.render(
            "engagement/saved-liked",
            Page(
                layout: LayoutContext(request: req, title: heading), kind: kind == .save ? "saved" : "liked", heading: heading,
                emptyText: kind == .save
                    ? "Nothing saved yet. Press Save on a video to keep it here for later."
                    : "No liked videos yet. The videos you like show up here.",
                videos: try await ProfilePagesController.GridVideo.make(page.videos, now: req.mindreel.now, on: req.db),
                nextPageURL: page.nextCursor.map { url.path + "?cursor=\($0)" }))
    }
}
