import Fluent
import Foundation
import MindreelCore
import Vapor

/// Routes for the "not a diagnosis" note: a moderator's decision (the form on the video page,
/// and the API), the creator's one request for a second look (the studio's form is in
/// `StudioController`), and the desk's list of those requests.
struct ContextPanelController: RouteCollection {
    struct Requested: Content {
        let videoId: String
        let caption: String
        let creatorHandle: String
        let state: String
        let requestedAt: Date
        let pageUrl: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.post("moderation", "videos", ":videoID", "context", use: decidePage)
        let api = routes.grouped("api", "v1")
        api.post("moderation", "videos", ":videoID", "context", use: decide)
        api.get("moderation", "context-reviews", use: requested)
        api.post("studio", "videos", ":videoID", "context-review", use: requestReview)
    }

    func decidePage(req: Request) async throws -> Response {
        let id = try ClaimReviewController.videoID(req)
        _ = try await ContextPanelModeration.decide(id, try req.content.decode(ContextPanelModeration.Input.self), req: req)
        return req.redirect(to: SiteURL.video(id).with(.contextPanelSet))
    }

    func decide(req: Request) async throws -> VideosAPI.VideoItem {
        let video = try await ContextPanelModeration.decide(
            try ClaimReviewController.videoID(req), try req.content.decode(ContextPanelModeration.Input.self), req: req)
        return try await VideoPresenter.item(video, on: req.db)
    }

    func requestReview(req: Request) async throws -> VideosAPI.VideoItem {
        let video = try await ContextPanelModeration.requestReview(try ClaimReviewController.videoID(req), req: req)
        return try await VideoPresenter.item(video, on: req.db)
    }

    func requested(req: Request) async throws -> APIPage<Requested> {
        try req.authorize(.moderate)
        let items = try await ContextPanelModeration.requested(on: req.db).map { video in
            Requested(
                videoId: try video.requireID().uuidString.lowercased(), caption: video.caption, creatorHandle: video.owner.handle,
                state: ContextPanelModeration.state(of: video), requestedAt: video.contextReviewRequestedAt ?? Date(),
                pageUrl: SiteURL.video(try video.requireID()).path)
        }
        return APIPage(items: items, nextCursor: nil)
    }
}
