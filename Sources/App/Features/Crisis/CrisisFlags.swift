import Fluent
import Foundation
import MindreelCore

/// Crisis language in what someone posts opens a moderation case by itself, so a person reads
/// it soon; nothing is held back or hidden. The case carries the classifier's level, which puts
/// it at the top of the queue (`ModerationPriority`): `urgent` above `concern` above reports.
enum CrisisFlags {
    /// Opens (or raises) the case for a comment the classifier read at `concern` or `urgent`.
    static func flag(comment: Comment, videoID: UUID, level: CrisisLevel, on db: any Database, now: Date) async throws {
        guard level > .none else { return }
        let commentID = try comment.requireID()
        let moderationCase = try await ModerationCase.openOrNew(
            .comment, commentID, creatorID: comment.$author.id, videoID: videoID, reason: .selfHarmRisk, snapshot: comment.body, now: now, on: db)
        moderationCase.selfHarmRisk = true
        moderationCase.topReason = .selfHarmRisk
        moderationCase.crisisLevel = max(moderationCase.crisisLevel ?? .none, level)
        moderationCase.snapshot = comment.body
        try await moderationCase.save(on: db)
    }
}
