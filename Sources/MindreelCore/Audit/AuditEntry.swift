import Foundation

/// One security-relevant event: who did what to which object, and how it ended.
///
/// Never put secrets or health information in `detail`: the audit log is read by operators.
public struct AuditEntry: Sendable, Equatable {
    public var actorID: UUID?
    /// The actor's highest role at the time, or `system` for commands and jobs, `visitor` when
    /// nobody is signed in.
    public var actorRole: String
    public var action: AuditAction
    public var objectType: String?
    public var objectID: String?
    public var outcome: AuditOutcome
    public var detail: String?

    public init(
        actorID: UUID?, actorRole: String, action: AuditAction, objectType: String? = nil,
        objectID: String? = nil, outcome: AuditOutcome = .success, detail: String? = nil
    ) {
        self.actorID = actorID
        self.actorRole = actorRole
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.outcome = outcome
        self.detail = detail
    }
}

/// The audited actions, as stored (`account.sign_up`, …). New features add cases here.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    case signUp = "account.sign_up"
    case logIn = "account.log_in"
    case logOut = "account.log_out"
    case passwordChange = "account.password_change"
    case passwordResetRequest = "account.password_reset_request"
    case passwordReset = "account.password_reset"
    case sessionEnd = "session.end"
    case roleGrant = "role.grant"
    case roleRevoke = "role.revoke"
    case tokenCreate = "token.create"
    case tokenRevoke = "token.revoke"
    case csrfRejected = "request.csrf_rejected"
    /// A comment deleted by the video's creator or a moderator (not by its author).
    case commentRemove = "comment.remove"
    case topicCreate = "topic.create"
    case topicUpdate = "topic.update"
    /// A member deleted their watch history (all of it, or one entry).
    case watchHistoryDelete = "watch_history.delete"
    /// A malformed or oversized request body, refused before any handler read it.
    case requestRejected = "request.rejected"
    /// A session cookie that names no live session: logged out, expired, or forged.
    case sessionRejected = "session.rejected"
    /// A moderator's decision on a reported thing (detail: action, guideline section, reason).
    case moderationDecide = "moderation.decide"
    /// A creator appealed a moderation decision.
    case moderationAppeal = "moderation.appeal"
    /// A second moderator upheld or reversed an appealed decision.
    case moderationAppealDecide = "moderation.appeal_decide"
    /// A moderator sent the author of a risk case a private check-in with the help lines.
    case moderationCheckIn = "moderation.check_in"
    /// An admin created or changed a practice (detail: what changed).
    case practiceCreate = "practice.create"
    case practiceUpdate = "practice.update"
    /// An admin added someone to a practice, or removed them (detail: handle and practice role).
    case practiceMemberAdd = "practice.member_add"
    case practiceMemberRemove = "practice.member_remove"
    /// A member applied for licence verification, resubmitted, or applied to renew.
    case licenceApply = "licence.apply"
    case licenceResubmit = "licence.resubmit"
    /// Someone opened a licence's evidence file (its owner or a moderator).
    case licenceEvidenceView = "licence.evidence_view"
    /// A moderator approved, rejected or asked for more (detail: the decision and its words).
    case licenceReview = "licence.review"
    /// An admin revoked a verified licence (detail: the reason).
    case licenceRevoke = "licence.revoke"
    /// A licence reached its expiry: the badge and the clinician role lapsed.
    case licenceLapse = "licence.lapse"
    /// A moderator approved a held clinical claim, or changed its kind.
    case claimReview = "claim.review"
    /// A profile's words claimed a licence without a verified one: a case was opened.
    case impersonationCheck = "impersonation.check"
    /// A moderator added or removed a video's "not a diagnosis" panel, or gave it back to the
    /// classifier.
    case contextPanel = "context.panel"
    /// A creator asked for a second look at a moderator's decision on their video's panel.
    case contextReviewRequest = "context.review_request"
    /// A clinician wrote, rewrote or deleted a review note on a video.
    case reviewNoteWrite = "review_note.write"
    case reviewNoteDelete = "review_note.delete"
    /// A clinician rated a review note helpful or not.
    case reviewNoteRate = "review_note.rate"
    /// The video's creator replied to a note.
    case reviewNoteReply = "review_note.reply"
    /// A moderator approved or removed a note.
    case reviewNoteDecide = "review_note.decide"
    /// An admin added, changed or removed a crisis line (detail: its region and name).
    case crisisResourceCreate = "crisis_resource.create"
    case crisisResourceUpdate = "crisis_resource.update"
    case crisisResourceDelete = "crisis_resource.delete"
}

public enum AuditOutcome: String, Sendable, Codable {
    case success
    case failure
    /// Refused before it was tried: throttled, forbidden, or a forged request.
    case denied
}
