import Fluent
import Foundation
import MindreelCore
import Vapor

/// Held clinical claims on the desk (`/moderation/claims`, and the same under
/// `/api/v1/moderation/claims`), and every video's sources (`/api/v1/videos/:id/sources`).
struct ClaimReviewController: RouteCollection {
    struct QueuePage: Encodable {
        let layout: LayoutContext
        let items: [ClaimReview.Item]
    }

    struct ReviewPage: Encodable {
        struct Choice: Encodable {
            let id: String
            let label: String
            let selected: Bool
        }

        let layout: LayoutContext
        let item: ClaimReview.Item
        let posterUrl: String?
        let videoUrl: String?
        let transcript: String?
        let kinds: [Choice]
        let mayDecide: Bool
        let whyNot: String?
        let error: String?
        let errorField: String?
        let sentReason: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let desk = routes.grouped("moderation", "claims")
        desk.get(use: queuePage)
        desk.get(":videoID", use: reviewPage)
        desk.post(":videoID", "decision", use: decidePage)
        let api = routes.grouped("api", "v1")
        api.get("moderation", "claims", use: queue)
        api.post("moderation", "claims", ":videoID", "decision", use: decide)
        api.get("videos", ":videoID", "sources", use: sources)
    }

    static func videoID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("videoID").flatMap(UUID.init(uuidString:)) else {
            throw HTTPProblem(.notFound, detail: "There is no such video.")
        }
        return id
    }

    func queue(req: Request) async throws -> APIPage<ClaimReview.Item> {
        APIPage(items: try await ClaimReview.queue(req: req), nextCursor: nil)
    }

    func decide(req: Request) async throws -> VideosAPI.VideoItem {
        let video = try await ClaimReview.decide(try Self.videoID(req), try req.content.decode(ClaimReview.DecisionInput.self), req: req)
        return try await VideoPresenter.item(video, on: req.db)
    }

    /// A video's sources, for anyone who may watch it.
    func sources(req: Request) async throws -> APIPage<ClaimSource> {
        let video = try await VideoPresenter.findWatchable(req)
        return APIPage(items: try await ClaimReview.sources(of: try video.requireID(), on: req.db), nextCursor: nil)
    }

    func queuePage(req: Request) async throws -> View {
        try await req.view.render(
            "moderation/claims", QueuePage(layout: LayoutContext(request: req, title: "Clinical claims"), items: try await ClaimReview.queue(req: req)))
    }

    func reviewPage(req: Request) async throws -> Response {
        try await render(req, error: nil, input: nil, status: .ok)
    }

    func decidePage(req: Request) async throws -> Response {
        let input = try req.content.decode(ClaimReview.DecisionInput.self)
        do {
            _ = try await ClaimReview.decide(try Self.videoID(req), input, req: req)
        } catch let errors as FieldErrors {
            return try await render(
                req, error: (errors.items.first?.message ?? "Check the form.", errors.items.first?.field), input: input, status: .unprocessableEntity)
        } catch let problem as HTTPProblem where problem.status == .conflict || problem.status == .unprocessableEntity {
            return try await render(req, error: (problem.detail, nil), input: input, status: problem.status)
        }
        return req.redirect(to: "/moderation/claims?notice=\(Notice.claimReviewed.rawValue)")
    }

    private func render(_ req: Request, error: (String, String?)?, input: ClaimReview.DecisionInput?, status: HTTPResponseStatus) async throws
        -> Response
    {
        let (video, item) = try await ClaimReview.item(try Self.videoID(req), req: req)
        let id = try video.requireID()
        var whyNot: String?
        if case .refused(let refusal) = req.decide(.moderate, .account(video.$owner.id)) { whyNot = refusal.reason }
        if whyNot == nil && video.publicationState != .pendingReview { whyNot = "This video is not waiting for review." }
        let playable = req.may(.watchVideo, .video(video.accessFacts)) && video.rendition720Key != nil
        let page = ReviewPage(
            layout: LayoutContext(request: req, title: "Clinical claim review"), item: item,
            posterUrl: playable && video.posterKey != nil ? VideoFiles.url(.poster, of: id) : nil,
            videoUrl: playable ? VideoFiles.url(.rendition720, of: id) : nil, transcript: video.transcript,
            kinds: ContentKind.allCases.filter { $0 != .clinicalClaim }.map {
                .init(id: $0.rawValue, label: $0.label, selected: input?.contentKind == $0.rawValue)
            }, mayDecide: whyNot == nil, whyNot: whyNot, error: error?.0, errorField: error?.1, sentReason: input?.reason)
        let response = try await req.view.render("moderation/claim", page).encodeResponse(for: req)
        response.status = status
        return response
    }
}
