import Fluent
import Foundation
import MindreelCore
import Vapor

/// `/studio`: a creator's own videos in every state with their numbers and a views chart; one
/// video's page with its chart, an edit form and a delete form. Plain forms, no script needed.
struct StudioController: RouteCollection {
    static let pageSize = 20
    static let chartDays = 30

    struct EditFormInput: Content {
        var caption: String?
        var topicIds: [String]?
        var contentKind: String?
        var visibility: String?
        var sourcesText: String?

        enum CodingKeys: String, CodingKey {
            case caption, visibility
            case topicIds = "topic_ids"
            case contentKind = "content_kind"
            case sourcesText = "sources_text"
        }
    }

    struct DeleteFormInput: Content {
        var confirm: String?
    }

    struct AppealFormInput: Content {
        var note: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let studio = routes.grouped("studio")
        studio.get(use: index)
        studio.get("videos", ":videoID", use: video)
        studio.post("videos", ":videoID", use: save)
        studio.post("videos", ":videoID", "delete", use: delete)
        studio.post("videos", ":videoID", "context-review", use: requestContextReview)
        studio.post("decisions", ":decisionID", "appeal", use: appeal)
    }

    func index(req: Request) async throws -> Response {
        try await renderIndex(req, appealError: nil)
    }

    /// A creator's one appeal of a moderation decision, from the studio's decisions section.
    func appeal(req: Request) async throws -> Response {
        guard let id = req.parameters.get("decisionID", as: UUID.self) else {
            throw HTTPProblem(.notFound, detail: "There is no such decision about your content.")
        }
        let form = try req.content.decode(AppealFormInput.self)
        do {
            _ = try await ModerationDecisions.appeal(id, note: form.note, req: req)
        } catch let problem as HTTPProblem where problem.status == .unprocessableEntity || problem.status == .conflict {
            return try await renderIndex(
                req, appealError: StudioPages.AppealError(decisionId: id.uuidString.lowercased(), message: problem.detail, note: form.note),
                status: problem.status)
        }
        return req.redirect(to: SiteURL.studio.with(.appealSent) + "#decisions")
    }

    private func renderIndex(_ req: Request, appealError: StudioPages.AppealError?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let account = try req.requireAccount()
        let page = try await Video.query(on: req.db).filter(\.$owner.$id == account.userID)
            .cursorPage(req, limit: Self.pageSize) { $0.createdAt }
        let items = try await StudioAPI.VideoItem.make(page.rows, on: req.db)
        let days = ViewDay.last(Self.chartDays, endingAt: req.mindreel.now)
        let points = try await StudioNumbers.viewsPerDay(owner: account.userID, days: days, on: req.db)
        return try await req.view.render(
            "studio/index",
            StudioPages.IndexPage(
                layout: LayoutContext(request: req, title: "Studio"),
                totals: try await StudioNumbers.totals(owner: account.userID, on: req.db),
                chart: .init(id: "all-views", title: "Views of all your videos, last \(Self.chartDays) days", points: points),
                videos: zip(items, page.rows).map { StudioPages.VideoRow($0, video: $1) },
                nextPageURL: page.nextCursor.map { SiteURL.studio.path + "?cursor=\($0)" },
                isLaterPage: req.query[String.self, at: "cursor"] != nil,
                decisions: try await CreatorDecisions.rows(of: account.userID, on: req.db).map { StudioPages.DecisionCard($0, appealError: appealError) },
                suspension: StudioPages.SuspensionNote(account.user, now: req.mindreel.now))
        ).encodeResponse(status: status, for: req)
    }

    func video(req: Request) async throws -> Response {
        try await render(req, video: try await VideoPresenter.findOwned(req, for: .readOwn), sent: nil, errors: FieldErrors(), deleteError: nil)
    }

    func save(req: Request) async throws -> Response {
        let video = try await VideoPresenter.findOwned(req, for: .editOwnVideo)
        let form = try req.content.decode(EditFormInput.self)
        // Every field of the form is sent; a missing one (no topic ticked) is an empty choice.
        let input = VideoEdit.Input(
            caption: form.caption ?? "", topicIDs: form.topicIds ?? [], contentKind: form.contentKind ?? "", visibility: form.visibility ?? "",
            sources: ClaimSources.parse(lines: form.sourcesText ?? ""))
        do {
            try await VideoEdit.apply(input, to: video, now: req.mindreel.now, on: req.db)
        } catch let errors as FieldErrors {
            return try await render(req, video: video, sent: form, errors: errors, deleteError: nil)
        }
        return req.redirect(to: SiteURL.studioVideo(try video.requireID()).with(.videoSaved))
    }

    func delete(req: Request) async throws -> Response {
        let video = try await VideoPresenter.findOwned(req, for: .deleteOwnVideo)
        let form = try req.content.decode(DeleteFormInput.self)
        guard form.confirm == "on" else {
            return try await render(
                req, video: video, sent: nil, errors: FieldErrors(), deleteError: "Tick the box to confirm that the video should be deleted.")
        }
        try await VideoRemoval.delete(video, context: req.mindreel, on: req.db)
        return req.redirect(to: SiteURL.studio.with(.videoDeleted))
    }

    /// The creator asks, once, for a second look at a moderator's decision on the note.
    func requestContextReview(req: Request) async throws -> Response {
        let video = try await VideoPresenter.findOwned(req, for: .editOwnVideo)
        _ = try await ContextPanelModeration.requestReview(try video.requireID(), req: req)
        return req.redirect(to: SiteURL.studioVideo(try video.requireID()).with(.contextReviewRequested))
    }

    /// The video's studio page with the form showing what was `sent`, or the saved values when
    /// nothing was; 422 when there are errors to show.
    private func render(_ req: Request, video: Video, sent: EditFormInput?, errors: FieldErrors, deleteError: String?) async throws -> Response {
        let id = try video.requireID()
        let item = try await StudioAPI.VideoItem.make([video], on: req.db)[0]
        let days = ViewDay.last(Self.chartDays, endingAt: req.mindreel.now)
        let points = try await StudioNumbers.viewsPerDay(video: id, days: days, on: req.db)
        let savedTopics = Set(item.video.topics)
        // Current topics, and retired ones only where this video still has them.
        let choices = try await Topic.query(on: req.db).sort(\.$position).all().filter { !$0.retired || savedTopics.contains($0.id ?? "") }
        let names = Dictionary(choices.map { ($0.id ?? "", $0.name) }, uniquingKeysWith: { first, _ in first })
        let row = StudioPages.VideoRow(item, video: video)
        let sources = try await ClaimReview.sources(of: id, on: req.db)
        let page = StudioPages.VideoPage(
            layout: LayoutContext(request: req, title: "\(row.title) · Studio"), video: row,
            chart: .init(id: "video-views", title: "Views of this video, last \(Self.chartDays) days", points: points),
            hashtags: item.video.hashtags, topicNames: item.video.topics.map { names[$0] ?? $0 },
            form: .init(
                caption: sent.map { $0.caption ?? "" } ?? video.caption, topics: choices, checkedTopics: sent.map { $0.topicIds ?? [] } ?? item.video.topics,
                kind: sent.map(\.contentKind) ?? video.contentKind.rawValue, visibility: sent.map(\.visibility) ?? video.visibility.rawValue,
                sourcesText: sent.map { $0.sourcesText ?? "" } ?? sources.map(ClaimSources.line).joined(separator: "\n")),
            errors: errors.byField, deleteError: deleteError, problems: StudioPages.Problem.list(errors, deleteError: deleteError),
            isVerified: try await ClaimReview.ownerIsVerified(video.$owner.id, now: req.mindreel.now, on: req.db), sources: sources,
            contextNote: .init(
                state: ContextPanelModeration.state(of: video), byModerator: video.contextOverride != nil,
                reviewRequested: video.contextReviewRequestedAt != nil))
        let response = try await req.view.render("studio/video", page).encodeResponse(for: req)
        if !errors.isEmpty || deleteError != nil { response.status = .unprocessableEntity }
        return response
    }
}
