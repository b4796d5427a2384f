import Fluent
import Foundation
import MindreelCore
import Vapor

/// A moderator's private check-in to the author of a risk case (crisis language, or a self-harm
/// report): a caring message in the site's words with a link to the help lines, which arrives
/// as a notification. The words are fixed, so a tired moderator at 3 a.m. cannot send anything
/// cold or alarming; one check-in per case, so nobody is messaged twice for one comment.
enum CrisisCheckIn {
    static let message =
        "Hi, this is a moderator at Mindreel. We read what you wrote and wanted to check in: how are you doing? "
        + "You don't have to go through this alone. If you'd like to talk to someone now, the help lines are free and there at any hour."

    static func send(_ caseID: UUID, req: Request) async throws -> MemberNotification {
        let account = try req.requireAccount()
        guard let moderationCase = try await ModerationCase.find(caseID, on: req.db) else {
            throw HTTPProblem(.notFound, detail: "There is no such case.")
        }
        guard moderationCase.selfHarmRisk || moderationCase.crisisLevel != nil else {
            throw HTTPProblem(.conflict, detail: "A check-in is for a case where someone may be at risk.")
        }
        // The access policy's own check: nobody moderates their own content.
        try req.authorize(.moderate, .account(moderationCase.$creator.id))
        if try await wasSent(for: caseID, on: req.db) {
            throw HTTPProblem(.conflict, detail: "A check-in was already sent for this case; one is enough.")
        }
        let now = req.mindreel.now
        let notification = MemberNotification(
            recipientID: moderationCase.$creator.id, kind: .checkIn, actorID: nil, text: message, url: SiteURL.help.path, now: now)
        try await req.db.transaction { db in
            try await notification.create(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .moderationCheckIn, objectType: "moderation_case",
                    objectID: caseID.uuidString.lowercased(), detail: moderationCase.crisisLevel.map { "crisis level \($0.rawValue)" } ?? "self-harm report"),
                on: db)
        }
        return notification
    }

    /// The audit row is the record that a check-in went out.
    static func wasSent(for caseID: UUID, on db: any Database) async throws -> Bool {
        try await AuditEvent.query(on: db).filter(\.$action == AuditAction.moderationCheckIn.rawValue)
            .filter(\.$objectID == caseID.uuidString.lowercased()).first() != nil
    }
}
