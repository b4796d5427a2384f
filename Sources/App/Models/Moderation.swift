import Fluent
import Foundation
import MindreelCore

/// One member blocking another. Private: only the blocker sees it (in settings).
final class Block: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "blocks"

    @ID(key: .id) var id: UUID?
    @Parent(key: "blocker_id") var blocker: User
    @Parent(key: "blocked_id") var blocked: User
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(blockerID: UUID, blockedID: UUID, now: Date) {
        self.$blocker.id = blockerID
        self.$blocked.id = blockedID
        self.createdAt = now
    }
}

/// A reported thing in the moderation queue, with its reports; decided once, appealable once.
final class ModerationCase: Model, @unchecked Sendable {
    static let schema = "moderation_cases"

    enum Status: String, Codable {
        /// Waiting for a moderator.
        case open
        /// Decided; the creator may appeal an action.
        case decided
        /// The creator appealed: waiting for a second moderator.
        case appealed
        /// The appeal was decided: nothing more to do.
        case closed
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "target_type") var targetType: ReportTarget
    @Field(key: "target_id") var targetID: UUID
    @Parent(key: "creator_id") var creator: User
    /// The video, for a video or a comment under one.
    @OptionalField(key: "video_id") var videoID: UUID?
    @Field(key: "status") var status: Status
    @Field(key: "report_count") var reportCount: Int
    @Field(key: "top_reason") var topReason: ReportReason
    @Field(key: "self_harm_risk") var selfHarmRisk: Bool
    /// Set when the crisis classifier, not a report, opened the case (a comment in crisis
    /// language): `concern` or `urgent`.
    @OptionalField(key: "crisis_level") var crisisLevel: CrisisLevel?
    @Field(key: "snapshot") var snapshot: String
    @OptionalField(key: "target_deleted_at") var targetDeletedAt: Date?
    @Field(key: "first_reported_at") var firstReportedAt: Date
    @OptionalField(key: "claimed_by") var claimedBy: UUID?
    @OptionalField(key: "claimed_at") var claimedAt: Date?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @Children(for: \.$moderationCase) var reports: [Report]

    init() {}

    init(target: ReportTarget, targetID: UUID, creatorID: UUID, videoID: UUID?, reason: ReportReason, snapshot: String, now: Date) {
        self.targetType = target
        self.targetID = targetID
        self.$creator.id = creatorID
        self.videoID = videoID
        self.status = .open
        self.reportCount = 0
        self.topReason = reason
        self.selfHarmRisk = false
        self.snapshot = snapshot
        self.firstReportedAt = now
    }

    /// One case per thing while it is open: the open one, or a new one not yet saved (`save`
    /// creates it) for the first report or crisis flag.
    static func openOrNew(
        _ target: ReportTarget, _ targetID: UUID, creatorID: UUID, videoID: UUID?, reason: ReportReason, snapshot: String, now: Date,
        on db: any Database
    ) async throws -> ModerationCase {
        let open = try await ModerationCase.query(on: db).filter(\.$targetType == target).filter(\.$targetID == targetID).filter(\.$status == .open)
            .first()
        return open ?? ModerationCase(target: target, targetID: targetID, creatorID: creatorID, videoID: videoID, reason: reason, snapshot: snapshot, now: now)
    }

    /// Claims lapse after 30 minutes without an action.
    static let claimLifetime: TimeInterval = 30 * 60

    func isClaimed(byOtherThan userID: UUID, at now: Date) -> Bool {
        guard let claimedBy, claimedBy != userID, let claimedAt else { return false }
        return now.timeIntervalSince(claimedAt) < Self.claimLifetime
    }
}

/// One member's report of one case.
final class Report: Model, @unchecked Sendable {
    static let schema = "reports"

    enum Outcome: String, Codable {
        case acted
        case noAction = "no_action"
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var moderationCase: ModerationCase
    @Parent(key: "reporter_id") var reporter: User
    @Field(key: "reason") var reason: ReportReason
    @OptionalField(key: "note") var note: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "outcome") var outcome: Outcome?
    @OptionalField(key: "closed_at") var closedAt: Date?

    init() {}

    init(caseID: UUID, reporterID: UUID, reason: ReportReason, note: String?, now: Date) {
        self.$moderationCase.id = caseID
        self.$reporter.id = reporterID
        self.reason = reason
        self.note = note
        self.createdAt = now
    }
}

/// A moderator's decision on a case, and the creator's one appeal of it.
final class ModerationDecision: Model, @unchecked Sendable {
    static let schema = "moderation_decisions"

    enum AppealOutcome: String, Codable {
        case upheld
        case reversed
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var moderationCase: ModerationCase
    @OptionalField(key: "moderator_id") var moderatorID: UUID?
    @Field(key: "action") var action: ModerationAction
    /// The guideline section's id (`CommunityGuidelines`); nil for a dismissal.
    @OptionalField(key: "guideline") var guideline: String?
    @Field(key: "reason") var reason: String
    @OptionalField(key: "suspended_until") var suspendedUntil: Date?
    /// The video's publication state before a limit or removal, for a reversal.
    @OptionalField(key: "previous_state") var previousState: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "appeal_note") var appealNote: String?
    @OptionalField(key: "appealed_at") var appealedAt: Date?
    @OptionalField(key: "appeal_claimed_by") var appealClaimedBy: UUID?
    @OptionalField(key: "appeal_claimed_at") var appealClaimedAt: Date?
    @OptionalField(key: "appeal_outcome") var appealOutcome: AppealOutcome?
    @OptionalField(key: "appeal_reason") var appealReason: String?
    @OptionalField(key: "appeal_decided_by") var appealDecidedBy: UUID?
    @OptionalField(key: "appeal_decided_at") var appealDecidedAt: Date?

    init() {}

    var section: CommunityGuidelines.Section? { guideline.flatMap(CommunityGuidelines.section(id:)) }
}
