import Fluent
import Foundation
import MindreelCore
import Vapor

/// A moderator's hand on a video's "not a diagnosis" panel: add it where the classifier missed,
/// remove it where it was wrong, or give the decision back to the classifier. Always with a
/// reason the creator reads; audited; never on one's own video. The creator may ask once for a
/// second look, which puts the video on the desk's list.
enum ContextPanelModeration {
    enum Decision: String, CaseIterable {
        case add
        case remove
        case automatic
    }

    struct Input: Content {
        var decision: String?
        var reason: String?
    }

    static func decide(_ videoID: UUID, _ input: Input, req: Request) async throws -> Video {
        let moderator = try req.requireAccount()
        guard let video = try await Video.find(videoID, on: req.db) else { throw HTTPProblem(.notFound, detail: "There is no such video.") }
        try req.authorize(.moderate, .account(video.$owner.id))
        var errors = FieldErrors()
        let decision = Decision(rawValue: input.decision ?? "")
        if decision == nil { errors.add("decision", "Choose: add the note, remove it, or leave it to the classifier.") }
        let reason = (input.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !(10...1000).contains(reason.count) { errors.add("reason", "Tell the creator why, in 10 to 1,000 characters.") }
        try errors.throwIfAny()
        guard let decision else { throw Abort(.internalServerError) }
        let now = req.mindreel.now
        let title = VideoPageController.title(for: video)
        try await req.db.transaction { db in
            video.contextOverride =
                switch decision {
                case .add: .added
                case .remove: .removed
                case .automatic: nil
                }
            video.contextOverrideReason = decision == .automatic ? nil : reason
            video.contextOverrideAt = now
            try await video.save(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: moderator.userID, actorRole: req.actorRole, action: .contextPanel, objectType: "video", objectID: videoID.uuidString,
                    detail: "\(decision.rawValue): \(reason)"), on: db)
            let what =
                switch decision {
                case .add: "A moderator added the “this is not a diagnosis” note to your video “\(title)”"
                case .remove: "A moderator removed the “this is not a diagnosis” note from your video “\(title)”"
                case .automatic: "A moderator left the “this is not a diagnosis” note on your video “\(title)” to Mindreel's check"
                }
            let offer = decision != .automatic && video.contextReviewRequestedAt == nil ? " You can ask for a second look once, in your studio." : ""
            try await MemberNotification(
                recipientID: video.$owner.id, kind: .moderation, actorID: nil, videoID: videoID, text: "\(what): \(reason)\(offer)",
                url: SiteURL.studioVideo(videoID).path, now: now
            ).create(on: db)
        }
        return video
    }

    /// The creator's one request for a second look at a moderator's decision.
    static func requestReview(_ videoID: UUID, req: Request) async throws -> Video {
        let account = try req.requireAccount()
        guard let video = try await Video.find(videoID, on: req.db), video.$owner.id == account.userID else {
            throw HTTPProblem(.notFound, detail: "There is no such video.")
        }
        try req.authorize(.editOwnVideo, .video(video.accessFacts))
        guard video.contextOverride != nil else {
            throw HTTPProblem(.conflict, detail: "No moderator has changed this video's note, so there is nothing to look at again.")
        }
        guard video.contextReviewRequestedAt == nil else {
            throw HTTPProblem(.conflict, detail: "You already asked for a second look at this video's note; a creator can ask once.")
        }
        let now = req.mindreel.now
        try await req.db.transaction { db in
            video.contextReviewRequestedAt = now
            try await video.save(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .contextReviewRequest, objectType: "video",
                    objectID: videoID.uuidString, detail: video.contextOverride?.rawValue ?? ""), on: db)
        }
        return video
    }

    /// Videos whose creator asked for a second look after the last decision, oldest first.
    static func requested(on db: any Database) async throws -> [Video] {
        requested(try await Video.query(on: db).filter(\.$contextReviewRequestedAt != nil).with(\.$owner).sort(\.$contextReviewRequestedAt).all())
    }

    /// Those of `videos` waiting for their second look.
    static func requested(_ videos: [Video]) -> [Video] {
        videos.filter { video in
            guard let asked = video.contextReviewRequestedAt else { return false }
            return (video.contextOverrideAt ?? .distantPast) < asked
        }
    }

    /// In words, for the creator's studio and the moderator's form.
    static func state(of video: Video) -> String {
        switch video.contextOverride {
        case .added: return "Shown: a moderator added it (\(video.contextOverrideReason ?? "no reason given"))."
        case .removed: return "Not shown: a moderator removed it (\(video.contextOverrideReason ?? "no reason given"))."
        case nil:
            return video.framingFlagged
                ? "Shown: Mindreel's check found words that present common experiences as a diagnosis."
                : "Not shown: Mindreel's check found nothing that needs it."
        }
    }
}
