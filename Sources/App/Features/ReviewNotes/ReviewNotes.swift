import Fluent
import Foundation
import MindreelCore
import Vapor

/// Clinicians' review notes: a verified clinician writes one on someone else's video, other
/// clinicians rate it, the creator replies once, a moderator may approve or remove it. Every
/// change is audited; who may do what is the access policy's (`writeReviewNote`,
/// `rateReviewNote`, `replyToReviewNote`, `moderate`).
enum ReviewNotes {
    struct NoteInput: Content {
        var stance: String?
        var body: String?
        /// One per line (the form), or a list (the API).
        var citations: Citations?
    }

    /// The citations as the form sends them (one text, a line each) or the API (a list).
    struct Citations: Codable {
        let lines: String

        init(lines: String) { self.lines = lines }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let list = try? container.decode([String].self) {
                lines = list.joined(separator: "\n")
            } else {
                lines = try container.decode(String.self)
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(lines)
        }
    }

    struct RatingInput: Content {
        /// "yes"/"no" from the form; true/false from the API.
        var helpful: Helpful?

        struct Helpful: Codable {
            let value: Bool?
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let flag = try? container.decode(Bool.self) {
                    value = flag
                } else {
                    value = ["yes": true, "true": true, "no": false, "false": false][try container.decode(String.self).lowercased()]
                }
            }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(value)
            }
        }
    }

    struct ReplyInput: Content {
        var reply: String?
    }

    struct DecisionInput: Content {
        var decision: String?
        var reason: String?
    }

    static let noSuchNote = "There is no such review note."

    // MARK: Writing and deleting

    static func write(on videoID: UUID, _ input: NoteInput, req: Request) async throws -> ReviewNote {
        let account = try req.requireAccount()
        guard let video = try await Video.find(videoID, on: req.db), req.may(.watchVideo, .video(video.accessFacts)) else {
            throw HTTPProblem(.notFound, detail: "There is no such video.")
        }
        try req.authorize(.writeReviewNote, .account(video.$owner.id))
        let draft: ReviewNoteDraft
        switch ReviewNoteRules.validate(stance: input.stance, body: input.body, citationLines: input.citations?.lines) {
        case .failure(let errors): throw errors
        case .success(let clean): draft = clean
        }
        if try await ReviewNote.query(on: req.db).filter(\.$video.$id == videoID).filter(\.$author.$id == account.userID).first() != nil {
            throw HTTPProblem(.conflict, detail: "You already wrote a note on this video. Delete it first to write a new one.")
        }
        let now = req.mindreel.now
        let note = ReviewNote(videoID: videoID, authorID: account.userID, draft: draft, now: now)
        let title = VideoPageController.title(for: video)
        try await req.db.transaction { db in
            try await note.create(on: db)
            let noteID = try note.requireID()
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .reviewNoteWrite, objectType: "review_note",
                    objectID: noteID.uuidString, detail: "video \(videoID.uuidString): \(draft.stance.rawValue)"), on: db)
            try await MemberNotification(
                recipientID: video.$owner.id, kind: .reviewNote, actorID: account.userID, videoID: videoID,
                text:
                    "A verified clinician wrote a review note on your video “\(title)” (\(draft.stance.label.lowercased())). "
                    + "It shows to everyone once other clinicians rate it helpful or a moderator approves it. You can reply once.",
                url: SiteURL.video(videoID).path + "#review-notes", now: now
            ).create(on: db)
        }
        return note
    }

    static func delete(_ noteID: UUID, req: Request) async throws -> UUID {
        let account = try req.requireAccount()
        guard let note = try await ReviewNote.find(noteID, on: req.db), note.$author.id == account.userID else {
            throw HTTPProblem(.notFound, detail: noSuchNote)
        }
        let videoID = note.$video.id
        try await req.db.transaction { db in
            try await ReviewNoteRating.query(on: db).filter(\.$note.$id == noteID).delete()
            try await note.delete(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .reviewNoteDelete, objectType: "review_note",
                    objectID: noteID.uuidString, detail: "video \(videoID.uuidString)"), on: db)
        }
        return videoID
    }

    // MARK: Rating, replying, deciding

    static func rate(_ noteID: UUID, _ input: RatingInput, req: Request) async throws -> ReviewNote {
        let account = try req.requireAccount()
        let note = try await visibleNote(noteID, req: req)
        try req.authorize(.rateReviewNote, .account(note.$author.id))
        guard let helpful = input.helpful?.value else {
            throw FieldErrors("helpful", "Say whether the note is helpful: yes or no.")
        }
        let before = try await ReviewNoteReading.tally(of: [note], on: req.db)[noteID]?.status
        let now = req.mindreel.now
        try await req.db.transaction { db in
            if let rating = try await ReviewNoteRating.query(on: db).filter(\.$note.$id == noteID).filter(\.$rater.$id == account.userID).first() {
                rating.helpful = helpful
                rating.ratedAt = now
                try await rating.save(on: db)
            } else {
                try await ReviewNoteRating(noteID: noteID, raterID: account.userID, helpful: helpful, now: now).create(on: db)
            }
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .reviewNoteRate, objectType: "review_note",
                    objectID: noteID.uuidString, detail: helpful ? "helpful" : "not helpful"), on: db)
        }
        try await tellAuthorIfNowShown(note, before: before, req: req)
        return note
    }

    static func reply(to noteID: UUID, _ input: ReplyInput, req: Request) async throws -> ReviewNote {
        let account = try req.requireAccount()
        let note = try await visibleNote(noteID, req: req)
        try req.authorize(.replyToReviewNote, .account(note.video.$owner.id))
        guard note.reply == nil else {
            throw HTTPProblem(.conflict, detail: "You already replied to this note; a creator can reply once.")
        }
        let text: String
        switch ReviewNoteRules.validateReply(input.reply) {
        case .failure(let errors): throw errors
        case .success(let clean): text = clean
        }
        let now = req.mindreel.now
        let title = VideoPageController.title(for: note.video)
        try await req.db.transaction { db in
            note.reply = text
            note.repliedAt = now
            try await note.save(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .reviewNoteReply, objectType: "review_note",
                    objectID: noteID.uuidString), on: db)
            try await MemberNotification(
                recipientID: note.$author.id, kind: .reviewNote, actorID: account.userID, videoID: note.$video.id,
                text: "The creator of “\(title)” replied to your review note.", url: SiteURL.video(note.$video.id).path + "#review-notes", now: now
            ).create(on: db)
        }
        return note
    }

    static func decide(_ noteID: UUID, _ input: DecisionInput, req: Request) async throws -> ReviewNote {
        let moderator = try req.requireAccount()
        guard let note = try await ReviewNote.query(on: req.db).filter(\.$id == noteID).with(\.$video).first() else {
            throw HTTPProblem(.notFound, detail: noSuchNote)
        }
        // Not on one's own note, nor on a note about one's own video.
        try req.authorize(.moderate, .account(note.$author.id))
        try req.authorize(.moderate, .account(note.video.$owner.id))
        var errors = FieldErrors()
        let decision = ReviewNoteTally.ModeratorDecision(rawValue: input.decision ?? "")
        if decision == nil { errors.add("decision", "Choose: approve the note (it shows to everyone) or remove it.") }
        let reason = (input.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if decision == .removed && !(10...1000).contains(reason.count) {
            errors.add("reason", "Tell its author why it is removed, in 10 to 1,000 characters.")
        } else if reason.count > 1000 {
            errors.add("reason", "Keep the reason under 1,000 characters.")
        }
        try errors.throwIfAny()
        guard let decision else { throw Abort(.internalServerError) }
        let now = req.mindreel.now
        let title = VideoPageController.title(for: note.video)
        try await req.db.transaction { db in
            note.moderatorDecision = decision.rawValue
            note.$moderator.id = moderator.userID
            note.moderatorReason = reason.isEmpty ? nil : reason
            note.decidedAt = now
            try await note.save(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: moderator.userID, actorRole: req.actorRole, action: .reviewNoteDecide, objectType: "review_note",
                    objectID: noteID.uuidString, detail: reason.isEmpty ? decision.rawValue : "\(decision.rawValue): \(reason)"), on: db)
            let text =
                decision == .approved
                ? "A moderator approved your review note on “\(title)”: it is shown to everyone."
                : "A moderator removed your review note on “\(title)”: \(reason)"
            try await MemberNotification(
                recipientID: note.$author.id, kind: .reviewNote, actorID: nil, videoID: note.$video.id, text: text,
                url: SiteURL.video(note.$video.id).path + "#review-notes", now: now
            ).create(on: db)
        }
        return note
    }

    /// The note with its video, if the actor may see it (see `ReviewNoteReading.mayRead`).
    static func visibleNote(_ noteID: UUID, req: Request) async throws -> ReviewNote {
        guard let note = try await ReviewNote.query(on: req.db).filter(\.$id == noteID).with(\.$video).first(),
            req.may(.watchVideo, .video(note.video.accessFacts))
        else { throw HTTPProblem(.notFound, detail: noSuchNote) }
        let status = try await ReviewNoteReading.tally(of: [note], on: req.db)[noteID]?.status ?? .needsRatings
        guard ReviewNoteReading.mayRead(note, status: status, req: req) else { throw HTTPProblem(.notFound, detail: noSuchNote) }
        return note
    }

    /// A note that a rating just put in front of everyone: its author hears so.
    private static func tellAuthorIfNowShown(_ note: ReviewNote, before: ReviewNoteTally.Status?, req: Request) async throws {
        let noteID = try note.requireID()
        guard before != .shown, try await ReviewNoteReading.tally(of: [note], on: req.db)[noteID]?.status == .shown else { return }
        try await MemberNotification(
            recipientID: note.$author.id, kind: .reviewNote, actorID: nil, videoID: note.$video.id,
            text:
                "Clinicians of different practices rated your review note on “\(VideoPageController.title(for: note.video))” helpful: it is shown to everyone.",
            url: SiteURL.video(note.$video.id).path + "#review-notes", now: req.mindreel.now
        ).create(on: req.db)
    }
}
