import Foundation

/// Who may do what on Mindreel: one rule for every route, API and page.
///
/// A route names its `AccessAction`; before the handler runs, the action is decided for the
/// actor alone (signed in? suspended? the role it needs?). A handler that has loaded the thing
/// acted on decides again with it (`Resource`): is it theirs, may they see it at all.
public enum AccessPolicy {
    public static func decide(_ actor: Actor, _ action: AccessAction, _ resource: Resource = .none, at now: Date) -> AccessDecision {
        switch action.requirement {
        case .anyone:
            break
        case .signedIn:
            guard actor.isSignedIn else { return .refused(.signInRequired) }
        case .signedInNotSuspended:
            guard actor.isSignedIn else { return .refused(.signInRequired) }
            if let suspension = actor.suspension, suspension.isActive(at: now) { return .refused(.suspended(until: suspension.until)) }
        case .role(let roles):
            // Visitors too are told it is for that role, not asked to log in: the staff pages
            // are not a door for a visitor to knock on.
            guard actor.isSignedIn, !actor.roles.isDisjoint(with: roles) else { return .refused(.roleRequired(roles.min() ?? .admin)) }
            if let suspension = actor.suspension, suspension.isActive(at: now) { return .refused(.suspended(until: suspension.until)) }
        }
        return decide(actor, action, on: resource)
    }

    /// The rules about the thing acted on, once the actor passed the action's requirement.
    private static func decide(_ actor: Actor, _ action: AccessAction, on resource: Resource) -> AccessDecision {
        switch (action, resource) {
        case (_, .none):
            return .allowed

        case (.watchVideo, .video(let video)):
            if VideoAccess.mayWatch(video, viewerID: actor.userID) { return .allowed }
            // Moderators watch a removed video to decide its appeal, and a held clinical claim to
            // review it; nobody else sees either.
            let moderates = !actor.roles.isDisjoint(with: [.moderator, .admin])
            if moderates, video.processing == .ready, [.removed, .pendingReview].contains(video.publication), video.visibility != .private {
                return .allowed
            }
            return .refused(.hidden)

        // Only the owner changes or deletes a video, or sees its studio page. Anyone else is told
        // there is no such video: a private draft's existence is not theirs to learn.
        case (.editOwnVideo, .video(let video)), (.deleteOwnVideo, .video(let video)), (.readOwn, .video(let video)):
            return actor.userID == video.ownerID ? .allowed : .refused(.hidden)

        case (.editComment, .comment(let comment)):
            return actor.userID == comment.authorID ? .allowed : .refused(.notYours("Only its author can edit a comment."))

        // The author, or the creator of the video it is under (their space). Moderators remove
        // comments through a moderation action, which is explained and appealable, not here.
        case (.deleteComment, .comment(let comment)):
            guard actor.userID == comment.authorID || actor.userID == comment.videoOwnerID else {
                return .refused(.notYours("Only its author or the video's creator can delete a comment."))
            }
            return .allowed

        case (.follow, .account(let id)):
            return actor.userID == id ? .refused(.ownAccount("You cannot follow yourself.")) : .allowed
        case (.block, .account(let id)):
            return actor.userID == id ? .refused(.ownAccount("You cannot block yourself.")) : .allowed
        case (.report, .account(let id)):
            return actor.userID == id ? .refused(.ownAccount("You cannot report yourself.")) : .allowed

        // A moderator never decides on their own content or account: someone else must.
        case (.moderate, .account(let creatorID)):
            return actor.userID == creatorID ? .refused(.ownAccount("You cannot decide on your own content; another moderator will.")) : .allowed

        // Nobody reviews their own licence application, and no admin revokes their own licence.
        case (.reviewLicence, .account(let applicantID)):
            return actor.userID == applicantID ? .refused(.ownAccount("You cannot review your own application; another moderator will.")) : .allowed
        case (.revokeLicence, .account(let holderID)):
            return actor.userID == holderID ? .refused(.ownAccount("You cannot revoke your own licence; another admin can.")) : .allowed

        // Evidence: its applicant, and the moderators who review it. Anyone else is told there is
        // no such file.
        case (.readLicenceEvidence, .account(let applicantID)):
            if actor.userID == applicantID || !actor.roles.isDisjoint(with: [.moderator, .admin]) { return .allowed }
            return .refused(.hidden)

        // Review notes: a clinician writes on someone else's video and rates someone else's
        // note; only the video's creator replies.
        case (.writeReviewNote, .account(let creatorID)):
            return actor.userID == creatorID
                ? .refused(.ownAccount("You cannot write a review note on your own video; another clinician can.")) : .allowed
        case (.rateReviewNote, .account(let authorID)):
            return actor.userID == authorID ? .refused(.ownAccount("You cannot rate your own note; other clinicians rate it.")) : .allowed
        case (.replyToReviewNote, .account(let creatorID)):
            return actor.userID == creatorID ? .allowed : .refused(.notYours("Only the video's creator can reply to a note on it."))

        default:
            return .allowed
        }
    }
}

/// The actor of a request: nobody signed in, or an account with its roles and any suspension.
public struct Actor: Sendable, Equatable {
    public var userID: UUID?
    /// Always holds `.member` for a signed-in account; empty for a visitor.
    public var roles: Set<Role>
    public var suspension: Suspension?

    public init(userID: UUID?, roles: Set<Role>, suspension: Suspension? = nil) {
        self.userID = userID
        self.roles = userID == nil ? [] : roles.union([.member])
        self.suspension = suspension
    }

    public static let visitor = Actor(userID: nil, roles: [])

    public var isSignedIn: Bool { userID != nil }
}

/// An account suspended by a moderator: it can log in and read, and cannot write.
public struct Suspension: Sendable, Equatable {
    /// When it ends; nil: for good.
    public var until: Date?

    public init(until: Date?) { self.until = until }

    public func isActive(at now: Date) -> Bool {
        guard let until else { return true }
        return now < until
    }
}

/// What a route or handler does, as the policy knows it.
public enum AccessAction: String, Sendable, CaseIterable {
    /// Public pages and read APIs: the feed, videos, profiles, search, tags, topics, media, the
    /// guidelines, health checks. Recording a view is part of watching.
    case browse
    /// Sign up, log in or out, ask for a password reset (logging out of an ended session too).
    case enterAccount
    /// One's own things: settings, notifications, history, saved and liked, follows, studio.
    case readOwn
    /// One's own account and privacy: password, sessions, tokens, logging out, topic picks,
    /// deleting history, marking notifications read, saving a video (private), deleting one's
    /// own video or comment. A suspension does not stop these.
    case manageOwnAccount
    case watchVideo
    /// Start or continue an upload, create a video from it, retry its processing.
    case upload
    /// Change a video's caption, topics, kind or visibility (which publishes it).
    case editOwnVideo
    case deleteOwnVideo
    case comment
    case editComment
    case deleteComment
    case like
    case follow
    case editProfile
    case report
    case block
    /// A creator's one appeal of a moderation decision: open to a suspended account, which must
    /// be able to appeal its suspension.
    case appeal
    /// Create and change topics.
    case manageTopics
    /// The moderation queue and its actions.
    case moderate
    /// Create practices and say who is in them (site admins).
    case managePractices
    /// Add, change and remove the crisis lines shown per region (site admins).
    case manageCrisisResources
    /// Apply for licence verification, resubmit, renew (a member, not suspended).
    case applyForLicence
    /// Open a licence application's evidence file: its applicant or a moderator.
    case readLicenceEvidence
    /// Work the licence queue: approve, reject, ask for more (moderators, admins; never one's own).
    case reviewLicence
    /// Withdraw a verified licence with a reason (admins).
    case revokeLicence
    /// Attach a review note with citations to a video (verified clinicians; not on their own).
    case writeReviewNote
    /// Rate another clinician's review note helpful or not (verified clinicians).
    case rateReviewNote
    /// The video's creator's one reply to a note on it.
    case replyToReviewNote

    /// What the actor must be, before anything about the resource.
    public var requirement: Requirement {
        switch self {
        case .browse, .enterAccount, .watchVideo: return .anyone
        case .readOwn, .manageOwnAccount, .deleteOwnVideo, .deleteComment, .block, .appeal: return .signedIn
        case .upload, .editOwnVideo, .comment, .editComment, .like, .follow, .editProfile, .report, .replyToReviewNote: return .signedInNotSuspended
        case .manageTopics, .managePractices, .manageCrisisResources, .revokeLicence: return .role([.admin])
        case .applyForLicence: return .signedInNotSuspended
        case .readLicenceEvidence: return .signedIn
        case .reviewLicence: return .role([.moderator, .admin])
        case .moderate: return .role([.moderator, .admin])
        case .writeReviewNote, .rateReviewNote: return .role([.clinician])
        }
    }

    public enum Requirement: Sendable, Equatable {
        case anyone
        case signedIn
        /// Signed in, and not suspended now: the writes a suspension stops.
        case signedInNotSuspended
        /// Signed in with one of these roles (and not suspended).
        case role(Set<Role>)
    }
}

/// The thing acted on, as far as the policy needs it.
public enum Resource: Sendable, Equatable {
    case none
    case video(VideoAccess.Facts)
    case comment(CommentFacts)
    /// An account (to follow, block, report), or the creator of content being moderated.
    case account(UUID)

    public struct CommentFacts: Sendable, Equatable {
        public var authorID: UUID
        public var videoOwnerID: UUID

        public init(authorID: UUID, videoOwnerID: UUID) {
            self.authorID = authorID
            self.videoOwnerID = videoOwnerID
        }
    }
}

public enum AccessDecision: Sendable, Equatable {
    case allowed
    case refused(AccessRefusal)

    public var isAllowed: Bool { self == .allowed }
}

/// Why an action was refused, in words the person can act on.
public enum AccessRefusal: Sendable, Equatable {
    /// Nobody is signed in.
    case signInRequired
    /// Suspended until then (nil: for good).
    case suspended(until: Date?)
    /// The action needs this role.
    case roleRequired(Role)
    /// The actor may not know the thing exists: answered as if it did not.
    case hidden
    /// Someone else's, to see but not to change.
    case notYours(String)
    /// Not something one does to oneself.
    case ownAccount(String)

    public var reason: String {
        switch self {
        case .signInRequired: return "Log in to continue."
        case .suspended(let until):
            guard let until else { return "Your account is suspended. You can still read, and see why in your settings." }
            return "Your account is suspended until \(Self.dayAndTime.string(from: until)) UTC. You can still read, and see why in your settings."
        case .roleRequired(let role): return "This is for \(role.plural) only."
        case .hidden: return "There is no such page or item."
        case .notYours(let words), .ownAccount(let words): return words
        }
    }

    /// Made when needed: a refusal is rare, and a shared formatter is not safe across threads.
    public static var dayAndTime: DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "d MMMM yyyy, HH:mm"
        return formatter
    }
}

extension Role {
    var plural: String {
        switch self {
        case .member: return "members"
        case .clinician: return "clinicians"
        case .coordinator: return "coordinators"
        case .moderator: return "moderators"
        case .admin: return "admins"
        }
    }
}
