import Fluent
import Foundation
import MindreelCore
import SQLKit
import Vapor

/// `/v/{id}`: a shareable page for one video, with Open Graph tags pointing only at Mindreel.
struct VideoPageController: RouteCollection {
    struct VideoPage: Encodable {
        let layout: LayoutContext
        struct Creator: Encodable {
            let handle: String
            let displayName: String
            let avatarUrl: String?
            let initials: String
            let profileURL: String
            let badge: LicenceBadge?
        }

        struct HashtagLink: Encodable {
            let tag: String
            let url: String
        }

        let video: VideosAPI.VideoItem
        let creator: Creator
        let viewer: FeedItem.ViewerState?
        let isSignedIn: Bool
        let hashtagLinks: [HashtagLink]
        let contentKindLabel: String
        let topicNames: [String]
        let title: String
        let transcript: String?
        let pageURL: String
        let posterURL: String?
        let videoURL: String?
        let isOwner: Bool
        /// The sources behind the video's claims, listed under it.
        let sources: [ClaimSource]
        /// For a moderator (not on their own video): the note's state, the classifier's
        /// reasons, and the form to change it.
        let contextModeration: ContextModeration?
        /// Clinicians' review notes: those the reader may see, and the forms they may use.
        let reviewNotes: ReviewNotesSection
    }

    struct ReviewNotesSection: Encodable {
        struct PageNote: Encodable {
            let note: ReviewNoteItem
            let replyError: String?
            let replyDraft: String?
            /// The reader's own rating, for the pressed state of its buttons.
            let ratedHelpful: Bool
            let ratedUnhelpful: Bool
        }

        let notes: [PageNote]
        /// A verified clinician, not on their own video, who has no note on it yet.
        let mayWrite: Bool
        let stances: [Choice]
        let form: [String: String]
        let errors: [String: String]
        let maximumLength: Int

        struct Choice: Encodable {
            let value: String
            let label: String
            let checked: Bool
        }
    }

    /// What a person typed into a review-note form that was refused, to show again with why.
    struct NotesForm {
        var note: ReviewNotes.NoteInput?
        var errors: [String: String] = [:]
        var replyTo: UUID?
        var reply: String?
        var replyError: String?

        init(note: ReviewNotes.NoteInput, errors: [String: String]) {
            self.note = note
            self.errors = errors
        }

        init(replyTo: UUID, reply: String?, error: String) {
            self.replyTo = replyTo
            self.reply = reply
            self.replyError = error
        }
    }

    struct ContextModeration: Encodable {
        let state: String
        let score: Double
        let reasons: [String]
        let reviewRequested: Bool
    }

    struct GonePage: Encodable {
        let layout: LayoutContext
        let status: Int
        let title: String
        let message: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("v", ":videoID", use: show)
    }

    func show(req: Request) async throws -> Response {
        try await Self.render(req, videoID: req.parameters.get("videoID", as: UUID.self), notesForm: nil)
    }

    /// The page, with a refused review-note form shown again when there is one (422).
    static func render(_ req: Request, videoID: UUID?, notesForm: NotesForm?) async throws -> Response {
        guard let id = videoID, let video = try await Video.find(id, on: req.db),
            req.may(.watchVideo, .video(video.accessFacts))
        else {
            // Deleted, removed, private or never existing: the page says it is gone, no more.
            let page = GonePage(
                layout: LayoutContext(request: req, title: "Video not available"), status: 404, title: "This video is not available",
                message: "It may have been deleted or made private by its creator, or the link may be mistyped.")
            let response = try await req.view.render("errors/error", page).encodeResponse(for: req)
            response.status = .notFound
            return response
        }
        guard let feedItem = try await FeedItem.make([video], viewerID: req.account?.userID, now: req.mindreel.now, on: req.db).first else {
            throw HTTPProblem(.notFound, detail: "This video is not available.")  // deleted a moment ago
        }
        let item = feedItem.video
        let topics = try await Self.topicNames(item.topics, on: req.db as! any SQLDatabase)
        let base = req.mindreel.config.baseURL
        let title = Self.title(for: video)
        let page = VideoPage(
            layout: LayoutContext(request: req, title: title), video: item,
            creator: .init(
                handle: feedItem.creator.handle, displayName: feedItem.creator.displayName, avatarUrl: feedItem.creator.avatarUrl,
                initials: feedItem.creator.initials, profileURL: feedItem.creator.profileUrl, badge: feedItem.creator.badge),
            viewer: feedItem.viewer, isSignedIn: req.account != nil,
            hashtagLinks: item.hashtags.map { .init(tag: $0, url: SiteURL.hashtag($0).path) },
            contentKindLabel: video.contentKind.label, topicNames: topics, title: title, transcript: video.transcript,
            pageURL: SiteURL.video(id).absolute(base: base), posterURL: item.posterUrl.map { Self.absolute($0, base: base) },
            videoURL: item.renditions.first.map { Self.absolute($0.url, base: base) }, isOwner: req.account?.userID == video.$owner.id,
            sources: try await ClaimReview.sources(of: id, on: req.db),
            contextModeration: req.may(.moderate, .account(video.$owner.id))
                ? ContextModeration(
                    state: ContextPanelModeration.state(of: video), score: video.framingScore, reasons: VideoFraming.reasons(of: video),
                    reviewRequested: ContextPanelModeration.requested([video]).isEmpty == false) : nil,
            reviewNotes: try await reviewNotes(on: video, form: notesForm, req: req))
        let response = try await req.view.render("videos/show", page).encodeResponse(for: req)
        if notesForm != nil { response.status = .unprocessableEntity }
        return response
    }

    static func reviewNotes(on video: Video, form: NotesForm?, req: Request) async throws -> ReviewNotesSection {
        let items = try await ReviewNoteReading.items(on: video, req: req)
        let hasOwn = items.contains { $0.viewer.isAuthor }
        let typed = form?.note
        let stance = typed?.stance ?? ""
        return ReviewNotesSection(
            notes: items.map { item in
                let isTarget = form?.replyTo?.uuidString.lowercased() == item.id
                return .init(
                    note: item, replyError: isTarget ? form?.replyError : nil, replyDraft: isTarget ? form?.reply : nil,
                    ratedHelpful: item.viewer.rating == true, ratedUnhelpful: item.viewer.rating == false)
            },
            mayWrite: !hasOwn && req.may(.writeReviewNote, .account(video.$owner.id)),
            stances: ReviewNoteStance.allCases.map { .init(value: $0.rawValue, label: $0.label, checked: $0.rawValue == stance) },
            form: ["body": typed?.body ?? "", "citations": typed?.citations?.lines ?? ""], errors: form?.errors ?? [:],
            maximumLength: ReviewNoteRules.maximumLength)
    }

    /// The names of these topics in the curated order (read with SQLKit: this page is shared
    /// widely, and a Fluent model per topic cost more than the query).
    static func topicNames(_ ids: [String], on sql: any SQLDatabase) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        return try await sql.raw("SELECT name FROM topics WHERE id IN (\(binds: ids)) ORDER BY position").all()
            .map { try $0.decode(column: "name", as: String.self) }
    }

    /// The caption's first line without hashtags, or who made it.
    static func title(for video: Video) -> String { title(forCaption: video.caption) }

    static func title(forCaption caption: String) -> String {
        let firstLine = caption.split(separator: "\n").first.map(String.init) ?? ""
        let words = firstLine.split(separator: " ").filter { !$0.hasPrefix("#") }.joined(separator: " ")
        let trimmed = words.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "A video on Mindreel" }
        return trimmed.count > 90 ? String(trimmed.prefix(89)) + "…" : trimmed
    }

    static func absolute(_ path: String, base: URL) -> String {
        var root = base.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        return root + path
    }
}
