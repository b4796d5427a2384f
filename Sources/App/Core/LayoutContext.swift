import Vapor

/// What the base layout needs on every page.
struct LayoutContext: Encodable {
    struct UserSummary: Encodable {
        let handle: String
        let displayName: String
        let roles: [String]
        let isAdmin: Bool
    }

    let title: String
    let csrfToken: String
    let user: UserSummary?
    let notice: String?
    /// Shows the admin links in the header.
    let isAdmin: Bool
    /// The page's path, for marking the current tab.
    let path: String
    /// The crisis lines of the viewer's region, for the footer (and the feed's introduction).
    let crisis: CrisisLines

    init(request: Request, title: String, notice: String? = nil) {
        self.title = title
        self.csrfToken = request.csrfToken
        if let account = request.account {
            user = UserSummary(
                handle: account.user.handle, displayName: account.user.displayName, roles: account.roles.sorted().map(\.rawValue),
                isAdmin: account.has(.admin))
        } else {
            user = nil
        }
        self.isAdmin = request.account?.has(.admin) ?? false
        self.path = request.url.path
        self.crisis = request.crisisLines
        self.notice = notice ?? request.query[String.self, at: "notice"].flatMap(Notice.init(rawValue:))?.message
    }
}

/// Messages shown after a redirect. The query names one of these; free text is never
/// reflected from a URL into a page.
enum Notice: String {
    case signedOut = "signed_out"
    case passwordReset = "password_reset"
    case passwordChanged = "password_changed"
    case sessionEnded = "session_ended"
    case tokenRevoked = "token_revoked"
    case welcome
    case profileSaved = "profile_saved"
    case topicSaved = "topic_saved"
    case topicsSaved = "topics_saved"
    case notificationsRead = "notifications_read"
    case historyDeleted = "history_deleted"
    case videoSaved = "video_saved"
    case videoDeleted = "video_deleted"
    case caseDecided = "case_decided"
    case checkInSent = "check_in_sent"
    case appealDecided = "appeal_decided"
    case appealSent = "appeal_sent"
    case practiceSaved = "practice_saved"
    case practiceMemberAdded = "practice_member_added"
    case practiceMemberRemoved = "practice_member_removed"
    case licenceSubmitted = "licence_submitted"
    case licenceResubmitted = "licence_resubmitted"
    case licenceDecided = "licence_decided"
    case licenceRevoked = "licence_revoked"
    case claimReviewed = "claim_reviewed"
    case contextPanelSet = "context_panel_set"
    case contextReviewRequested = "context_review_requested"
    case reviewNoteSaved = "review_note_saved"
    case reviewNoteDeleted = "review_note_deleted"
    case reviewNoteRated = "review_note_rated"
    case reviewNoteReplied = "review_note_replied"
    case reviewNoteDecided = "review_note_decided"
    case crisisResourceSaved = "crisis_resource_saved"
    case crisisResourceDeleted = "crisis_resource_deleted"
    case regionSaved = "region_saved"

    var message: String {
        switch self {
        case .signedOut: return "You are logged out."
        case .passwordReset: return "Your password was changed. Log in with the new one."
        case .passwordChanged: return "Your password was changed. Your other sessions were logged out."
        case .sessionEnded: return "That session was ended."
        case .tokenRevoked: return "The token was revoked. Apps using it can no longer sign in."
        case .welcome: return "Welcome to Mindreel. Your account is ready."
        case .profileSaved: return "Your profile was saved."
        case .topicSaved: return "The topic was saved."
        case .topicsSaved: return "Your topics were saved. Your For You feed leans toward them."
        case .notificationsRead: return "All notifications are marked as read."
        case .historyDeleted: return "Watch history deleted."
        case .videoSaved: return "Your changes to the video were saved."
        case .videoDeleted: return "The video was deleted, with its files and numbers."
        case .caseDecided: return "The decision was saved. The creator and the reporters were told."
        case .checkInSent: return "Your check-in was sent. It reaches them privately, as a notification, with the help lines."
        case .appealDecided: return "The appeal was decided. The creator was told."
        case .practiceSaved: return "The practice was saved."
        case .practiceMemberAdded: return "They were added to the practice."
        case .practiceMemberRemoved: return "They were removed from the practice."
        case .licenceSubmitted: return "Your application was sent. A moderator will check it with the board and you will be told."
        case .licenceResubmitted: return "Your changes were sent. The application is back in the review queue."
        case .licenceDecided: return "The decision was saved. The applicant was told."
        case .licenceRevoked: return "The licence was revoked. Its badge and the clinician role ended, and its holder was told."
        case .claimReviewed: return "The review was saved. The creator was told."
        case .contextPanelSet: return "The note's decision was saved. The creator was told why."
        case .reviewNoteSaved:
            return "Your note was saved. It shows to everyone once two clinicians of other practices rate it helpful, or a moderator approves it."
        case .reviewNoteDeleted: return "Your note was deleted, with its ratings and any reply."
        case .reviewNoteRated: return "Your rating was saved."
        case .reviewNoteReplied: return "Your reply was saved. It shows under the note."
        case .reviewNoteDecided: return "The decision on the note was saved. Its author was told."
        case .crisisResourceSaved: return "The help line was saved. Every page shows it now."
        case .crisisResourceDeleted: return "The help line was removed."
        case .regionSaved: return "Your region was saved. Pages show its help lines."
        case .contextReviewRequested: return "You asked for a second look. A moderator will decide again; you will get a notification."
        case .appealSent: return "Your appeal was sent. A moderator other than the one who decided will look at it, and you will be told."
        }
    }
}
