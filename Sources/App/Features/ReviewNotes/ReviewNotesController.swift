import Fluent
import Foundation
import MindreelCore
import Vapor

/// Routes for review notes: the video page's forms (write, delete, rate, reply, a moderator's
/// decision), the clinicians' page of notes waiting for ratings, and the same in the API.
struct ReviewNotesController: RouteCollection {
    struct WaitingPage: Encodable {
        let layout: LayoutContext
        let notes: [ReviewNoteItem]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.post("v", ":videoID", "review-notes", use: writePage)
        routes.post("review-notes", ":noteID", "delete", use: deletePage)
        routes.post("review-notes", ":noteID", "rating", use: ratePage)
        routes.post("review-notes", ":noteID", "reply", use: replyPage)
        routes.post("moderation", "review-notes", ":noteID", "decision", use: decidePage)
        routes.get("review-notes", use: waitingPage)

        let api = routes.grouped("api", "v1")
        api.get("videos", ":videoID", "review-notes", use: list)
        api.post("videos", ":videoID", "review-notes", use: write)
        api.get("review-notes", use: waiting)
        api.delete("review-notes", ":noteID", use: delete)
        api.put("review-notes", ":noteID", "rating", use: rate)
        api.post("review-notes", ":noteID", "reply", use: reply)
        api.post("moderation", "review-notes", ":noteID", "decision", use: decide)
    }

    static func noteID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("noteID").flatMap(UUID.init(uuidString:)) else {
            throw HTTPProblem(.notFound, detail: ReviewNotes.noSuchNote)
        }
        return id
    }

    // MARK: Pages

    func writePage(req: Request) async throws -> Response {
        let videoID = try ClaimReviewController.videoID(req)
        let input = try req.content.decode(ReviewNotes.NoteInput.self)
        do {
            _ = try await ReviewNotes.write(on: videoID, input, req: req)
        } catch let errors as FieldErrors {
            return try await VideoPageController.render(req, videoID: videoID, notesForm: .init(note: input, errors: errors.byField))
        } catch let problem as HTTPProblem where problem.status == .conflict {
            return try await VideoPageController.render(req, videoID: videoID, notesForm: .init(note: input, errors: ["form": problem.detail]))
        }
        return back(to: videoID, .reviewNoteSaved, req: req)
    }

    func deletePage(req: Request) async throws -> Response {
        back(to: try await ReviewNotes.delete(try Self.noteID(req), req: req), .reviewNoteDeleted, req: req)
    }

    func ratePage(req: Request) async throws -> Response {
        let note = try await ReviewNotes.rate(try Self.noteID(req), try req.content.decode(ReviewNotes.RatingInput.self), req: req)
        return back(to: note.$video.id, .reviewNoteRated, req: req)
    }

    func replyPage(req: Request) async throws -> Response {
        let noteID = try Self.noteID(req)
        let input = try req.content.decode(ReviewNotes.ReplyInput.self)
        let note = try await ReviewNotes.visibleNote(noteID, req: req)
        do {
            _ = try await ReviewNotes.reply(to: noteID, input, req: req)
        } catch let errors as FieldErrors {
            return try await VideoPageController.render(
                req, videoID: note.$video.id, notesForm: .init(replyTo: noteID, reply: input.reply, error: errors["reply"] ?? "Check your reply."))
        } catch let problem as HTTPProblem where problem.status == .conflict {
            return try await VideoPageController.render(
                req, videoID: note.$video.id, notesForm: .init(replyTo: noteID, reply: input.reply, error: problem.detail))
        }
        return back(to: note.$video.id, .reviewNoteReplied, req: req)
    }

    func decidePage(req: Request) async throws -> Response {
        let note = try await ReviewNotes.decide(try Self.noteID(req), try req.content.decode(ReviewNotes.DecisionInput.self), req: req)
        return back(to: note.$video.id, .reviewNoteDecided, req: req)
    }

    func waitingPage(req: Request) async throws -> View {
        try await req.view.render(
            "videos/review-notes",
            WaitingPage(layout: LayoutContext(request: req, title: "Review notes to rate"), notes: try await ReviewNoteReading.waitingForRating(req: req)))
    }

    private func back(to videoID: UUID, _ notice: Notice, req: Request) -> Response {
        req.redirect(to: SiteURL.video(videoID).with(notice) + "#review-notes")
    }

    // MARK: API

    func list(req: Request) async throws -> APIPage<ReviewNoteItem> {
        let video = try await watchable(req)
        return APIPage(items: try await ReviewNoteReading.items(on: video, req: req), nextCursor: nil)
    }

    func write(req: Request) async throws -> Response {
        let note = try await ReviewNotes.write(on: try ClaimReviewController.videoID(req), try req.content.decode(ReviewNotes.NoteInput.self), req: req)
        return try await item(note, req: req).encodeResponse(status: .created, for: req)
    }

    func waiting(req: Request) async throws -> APIPage<ReviewNoteItem> {
        APIPage(items: try await ReviewNoteReading.waitingForRating(req: req), nextCursor: nil)
    }

    func delete(req: Request) async throws -> HTTPStatus {
        _ = try await ReviewNotes.delete(try Self.noteID(req), req: req)
        return .noContent
    }

    func rate(req: Request) async throws -> ReviewNoteItem {
        try await item(try await ReviewNotes.rate(try Self.noteID(req), try req.content.decode(ReviewNotes.RatingInput.self), req: req), req: req)
    }

    func reply(req: Request) async throws -> ReviewNoteItem {
        try await item(try await ReviewNotes.reply(to: try Self.noteID(req), try req.content.decode(ReviewNotes.ReplyInput.self), req: req), req: req)
    }

    func decide(req: Request) async throws -> ReviewNoteItem {
        try await item(try await ReviewNotes.decide(try Self.noteID(req), try req.content.decode(ReviewNotes.DecisionInput.self), req: req), req: req)
    }

    private func watchable(_ req: Request) async throws -> Video {
        guard let video = try await Video.find(try ClaimReviewController.videoID(req), on: req.db), req.may(.watchVideo, .video(video.accessFacts))
        else { throw HTTPProblem(.notFound, detail: "There is no such video.") }
        return video
    }

    /// The note as the API returns it, read again with its author and video.
    private func item(_ note: ReviewNote, req: Request) async throws -> ReviewNoteItem {
        guard let fresh = try await ReviewNote.query(on: req.db).filter(\.$id == note.requireID()).with(\.$author).with(\.$video).first(),
            let item = try await ReviewNoteReading.items([fresh], req: req).first
        else { throw HTTPProblem(.notFound, detail: ReviewNotes.noSuchNote) }
        return item
    }
}
