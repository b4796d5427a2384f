import Fluent
import Foundation
import MindreelCore
import Vapor

/// When a handle, display name or bio is saved with words that claim a licence ("LMFT",
/// "I'm a therapist", "Dr. Rivera") and the account has no verified licence, a moderation case
/// about the account opens as possible impersonation. It never acts by itself: a moderator
/// decides, and dismisses a false alarm. An open case is updated rather than opened twice.
enum ImpersonationCheck {
    static func run(_ user: User, req: Request) async throws {
        let found = CredentialClaims.find(handle: user.handle, displayName: user.displayName, bio: user.bio ?? "")
        guard !found.isEmpty else { return }
        let userID = try user.requireID()
        let now = req.mindreel.now
        if try await ClaimReview.ownerIsVerified(userID, now: now, on: req.db) { return }
        let snapshot =
            "Possible impersonation, found when the profile was saved: the words \(found.map { "“\($0)”" }.joined(separator: ", ")) claim a licence, and the account has no verified one.\nDisplay name: \(user.displayName)\nHandle: @\(user.handle)"
            + (user.bio.map { "\nBio: \($0)" } ?? "")
        try await req.db.transaction { db in
            let open = try await ModerationCase.query(on: db).filter(\.$targetType == .account).filter(\.$targetID == userID)
                .filter(\.$status == .open).first()
            if let open {
                open.snapshot = snapshot
                if ReportReason.impersonation.weight > open.topReason.weight { open.topReason = .impersonation }
                try await open.save(on: db)
            } else {
                try await ModerationCase(
                    target: .account, targetID: userID, creatorID: userID, videoID: nil, reason: .impersonation, snapshot: snapshot, now: now
                ).create(on: db)
            }
            try await req.audit.record(
                AuditEntry(
                    actorID: nil, actorRole: "system", action: .impersonationCheck, objectType: "user", objectID: userID.uuidString,
                    detail: found.joined(separator: ", ")), on: db)
        }
    }
}
