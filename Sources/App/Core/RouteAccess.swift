import MindreelCore
import Vapor

/// The access policy's entry for every route: which `AccessAction` it is.
///
/// `install` runs after every route is registered. It puts a gate in front of each handler that
/// decides the action for the actor alone (signed in, suspended, role) before the handler runs,
/// and refuses to start when a route has no entry here, so a new route cannot slip in without
/// a rule. Handlers decide again with the thing they load (`req.authorize(_:_:)`): whose it is,
/// who may see it.
enum RouteAccess {
    static let table: [String: AccessAction] = [
        // Health, the API document, the home feed
        "GET /healthz": .browse,
        "GET /api/openapi.json": .browse,
        "GET /": .browse,
        "GET /api/v1/feed": .browse,

        // Accounts: signing up, in and out; password resets
        "GET /signup": .enterAccount,
        "POST /signup": .enterAccount,
        "GET /login": .enterAccount,
        "POST /login": .enterAccount,
        "POST /logout": .enterAccount,
        "GET /password/forgot": .enterAccount,
        "POST /password/forgot": .enterAccount,
        "GET /password/reset": .enterAccount,
        "POST /password/reset": .enterAccount,
        "POST /api/v1/accounts": .enterAccount,
        "POST /api/v1/auth/token": .enterAccount,
        "POST /api/v1/password-resets": .enterAccount,
        "POST /api/v1/password-resets/confirm": .enterAccount,

        // One's own account
        "GET /settings": .readOwn,
        "POST /settings/password": .manageOwnAccount,
        "POST /settings/sessions/:sessionID/end": .manageOwnAccount,
        "POST /settings/tokens": .manageOwnAccount,
        "POST /settings/tokens/:tokenID/revoke": .manageOwnAccount,
        "GET /api/v1/me": .readOwn,
        "POST /api/v1/me/password": .manageOwnAccount,
        "GET /api/v1/sessions": .readOwn,
        "DELETE /api/v1/sessions/:sessionID": .manageOwnAccount,
        "GET /api/v1/tokens": .readOwn,
        "POST /api/v1/tokens": .manageOwnAccount,
        "DELETE /api/v1/tokens/:tokenID": .manageOwnAccount,
        "GET /settings/profile": .readOwn,
        "POST /settings/profile": .editProfile,
        "PATCH /api/v1/me/profile": .editProfile,

        // Uploads (tus): a suspension stops new ones; discarding one's own is always possible
        "OPTIONS /api/v1/uploads": .browse,
        "GET /api/v1/uploads": .readOwn,
        "POST /api/v1/uploads": .upload,
        "HEAD /api/v1/uploads/:uploadID": .readOwn,
        "PATCH /api/v1/uploads/:uploadID": .upload,
        "DELETE /api/v1/uploads/:uploadID": .manageOwnAccount,
        "GET /upload": .upload,

        // Videos
        "GET /api/v1/videos/:videoID": .watchVideo,
        "POST /api/v1/videos": .upload,
        "POST /api/v1/videos/:videoID/retry": .upload,
        "DELETE /api/v1/videos/:videoID": .deleteOwnVideo,
        "PATCH /api/v1/videos/:videoID": .editOwnVideo,
        "GET /media/videos/:videoID/:file": .watchVideo,
        "GET /v/:videoID": .watchVideo,
        "POST /api/v1/videos/:videoID/views": .watchVideo,
        "POST /api/v1/videos/:videoID/watch-events": .manageOwnAccount,

        // Likes and saves: liking is public, a suspension stops it; saving is private
        "PUT /api/v1/videos/:videoID/like": .like,
        "DELETE /api/v1/videos/:videoID/like": .manageOwnAccount,
        "PUT /api/v1/videos/:videoID/save": .manageOwnAccount,
        "DELETE /api/v1/videos/:videoID/save": .manageOwnAccount,
        "GET /api/v1/me/likes": .readOwn,
        "GET /api/v1/me/saves": .readOwn,
        "GET /saved": .readOwn,
        "GET /liked": .readOwn,

        // Comments
        "GET /api/v1/videos/:videoID/comments": .watchVideo,
        "GET /api/v1/comments/:commentID/replies": .watchVideo,
        "POST /api/v1/videos/:videoID/comments": .comment,
        "PATCH /api/v1/comments/:commentID": .editComment,
        "DELETE /api/v1/comments/:commentID": .deleteComment,

        // Creators and follows: unfollowing is always possible
        "GET /api/v1/creators/:handle": .browse,
        "GET /api/v1/creators/:handle/videos": .browse,
        "PUT /api/v1/creators/:handle/follow": .follow,
        "DELETE /api/v1/creators/:handle/follow": .manageOwnAccount,
        "GET /api/v1/me/follows": .readOwn,
        "GET /media/avatars/:file": .browse,
        "GET /:profile": .browse,

        // Notifications
        "GET /api/v1/notifications": .readOwn,
        "GET /api/v1/notifications/unread-count": .readOwn,
        "POST /api/v1/notifications/read": .manageOwnAccount,
        "GET /notifications": .readOwn,
        "GET /notifications/:notificationID": .readOwn,
        "POST /notifications/read": .manageOwnAccount,

        // Watch history (private)
        "GET /api/v1/me/watch-events": .readOwn,
        "DELETE /api/v1/me/watch-events": .manageOwnAccount,
        "DELETE /api/v1/me/watch-events/:eventID": .manageOwnAccount,
        "GET /settings/history": .readOwn,
        "POST /settings/history/delete": .manageOwnAccount,
        "POST /settings/history/:eventID/delete": .manageOwnAccount,

        // Hashtags, topics, search
        "GET /api/v1/hashtags/:tag": .browse,
        "GET /api/v1/hashtags/:tag/videos": .browse,
        "GET /tags/:tag": .browse,
        "GET /api/v1/topics": .browse,
        "POST /api/v1/topics": .manageTopics,
        "PATCH /api/v1/topics/:topicID": .manageTopics,
        "GET /api/v1/me/topics": .readOwn,
        "PUT /api/v1/me/topics": .manageOwnAccount,
        "GET /admin/topics": .manageTopics,
        "POST /admin/topics": .manageTopics,
        "POST /admin/topics/:topicID": .manageTopics,
        "GET /welcome/topics": .readOwn,
        "POST /welcome/topics": .manageOwnAccount,
        "GET /api/v1/search": .browse,
        "GET /search": .browse,

        // The creator's studio
        "GET /studio": .readOwn,
        "GET /studio/videos/:videoID": .readOwn,
        "POST /studio/videos/:videoID": .editOwnVideo,
        "POST /studio/videos/:videoID/delete": .deleteOwnVideo,
        "POST /studio/videos/:videoID/context-review": .editOwnVideo,
        "POST /api/v1/studio/videos/:videoID/context-review": .editOwnVideo,
        "GET /api/v1/studio/videos": .readOwn,
        "GET /api/v1/studio/videos/:videoID/views": .readOwn,

        // Community guidelines
        "GET /guidelines": .browse,
        // How to find a professional (where "talk to a professional" leads)
        "GET /find-help": .browse,

        // Crisis resources: anyone reads them; admins keep them
        "GET /help": .browse,
        "GET /api/v1/crisis-resources": .browse,
        "GET /admin/crisis-resources": .manageCrisisResources,
        "POST /admin/crisis-resources": .manageCrisisResources,
        "POST /admin/crisis-resources/:resourceID": .manageCrisisResources,
        "POST /admin/crisis-resources/:resourceID/delete": .manageCrisisResources,
        "POST /api/v1/crisis-resources": .manageCrisisResources,
        "PATCH /api/v1/crisis-resources/:resourceID": .manageCrisisResources,
        "DELETE /api/v1/crisis-resources/:resourceID": .manageCrisisResources,
        "POST /settings/region": .manageOwnAccount,

        // Reports and blocks
        "GET /api/v1/reports/reasons": .browse,
        "POST /api/v1/reports": .report,
        "GET /api/v1/me/reports": .readOwn,
        "PUT /api/v1/creators/:handle/block": .block,
        "DELETE /api/v1/creators/:handle/block": .block,
        "GET /api/v1/me/blocks": .readOwn,

        // Licence verification: the applicant; the licence queue (moderators, admins); revocation
        // (admins); a verified licence's public page
        "GET /settings/licence": .readOwn,
        "POST /settings/licence": .applyForLicence,
        "POST /settings/licence/:licenceID": .applyForLicence,
        "GET /settings/licence/:licenceID/evidence": .readLicenceEvidence,
        "GET /api/v1/me/licences": .readOwn,
        "POST /api/v1/me/licences": .applyForLicence,
        "PUT /api/v1/me/licences/:licenceID": .applyForLicence,
        "GET /api/v1/me/licences/:licenceID/evidence": .readLicenceEvidence,
        "GET /moderation/licences": .reviewLicence,
        "GET /moderation/licences/:licenceID": .reviewLicence,
        "GET /moderation/licences/:licenceID/evidence": .reviewLicence,
        "POST /moderation/licences/:licenceID/decision": .reviewLicence,
        "GET /api/v1/moderation/licences": .reviewLicence,
        "GET /api/v1/moderation/licences/:licenceID": .reviewLicence,
        "GET /api/v1/moderation/licences/:licenceID/evidence": .reviewLicence,
        "POST /api/v1/moderation/licences/:licenceID/decision": .reviewLicence,
        "POST /admin/licences/:licenceID/revoke": .revokeLicence,
        "POST /api/v1/admin/licences/:licenceID/revoke": .revokeLicence,
        "GET /licences/:licenceID": .browse,
        "GET /api/v1/licences/:licenceID": .browse,

        // Clinical claims held for review (the desk), and every video's sources (anyone who may watch it)
        "GET /moderation/claims": .moderate,
        "GET /moderation/claims/:videoID": .moderate,
        "POST /moderation/claims/:videoID/decision": .moderate,
        "GET /api/v1/moderation/claims": .moderate,
        "POST /api/v1/moderation/claims/:videoID/decision": .moderate,
        // The "not a diagnosis" note: a moderator's decision, and the creators' requests
        "POST /moderation/videos/:videoID/context": .moderate,
        "POST /api/v1/moderation/videos/:videoID/context": .moderate,
        "GET /api/v1/moderation/context-reviews": .moderate,
        "GET /api/v1/videos/:videoID/sources": .browse,

        // Clinicians' review notes: written and rated by verified clinicians, replied to once by
        // the video's creator, approved or removed by moderators
        "POST /v/:videoID/review-notes": .writeReviewNote,
        "POST /review-notes/:noteID/delete": .writeReviewNote,
        "POST /review-notes/:noteID/rating": .rateReviewNote,
        "POST /review-notes/:noteID/reply": .replyToReviewNote,
        "POST /moderation/review-notes/:noteID/decision": .moderate,
        "GET /review-notes": .rateReviewNote,
        "GET /api/v1/videos/:videoID/review-notes": .watchVideo,
        "POST /api/v1/videos/:videoID/review-notes": .writeReviewNote,
        "GET /api/v1/review-notes": .rateReviewNote,
        "DELETE /api/v1/review-notes/:noteID": .writeReviewNote,
        "PUT /api/v1/review-notes/:noteID/rating": .rateReviewNote,
        "POST /api/v1/review-notes/:noteID/reply": .replyToReviewNote,
        "POST /api/v1/moderation/review-notes/:noteID/decision": .moderate,

        // The moderation desk: moderators and admins only
        "GET /moderation": .moderate,
        "GET /moderation/cases/:caseID": .moderate,
        "POST /moderation/cases/:caseID/claim": .moderate,
        "POST /moderation/cases/:caseID/decision": .moderate,
        "POST /moderation/cases/:caseID/appeal-decision": .moderate,
        "POST /moderation/cases/:caseID/check-in": .moderate,
        "GET /moderation/crisis-guide": .moderate,
        "GET /api/v1/moderation/queue": .moderate,
        "GET /api/v1/moderation/cases/:caseID": .moderate,
        "POST /api/v1/moderation/cases/:caseID/claim": .moderate,
        "POST /api/v1/moderation/cases/:caseID/decision": .moderate,
        "POST /api/v1/moderation/cases/:caseID/appeal-decision": .moderate,
        "POST /api/v1/moderation/cases/:caseID/check-in": .moderate,

        // A creator's decisions and their one appeal each; the public numbers
        "GET /api/v1/studio/decisions": .readOwn,
        "POST /api/v1/studio/decisions/:decisionID/appeal": .appeal,
        "POST /studio/decisions/:decisionID/appeal": .appeal,
        "GET /transparency": .browse,
        "GET /api/v1/transparency": .browse,

        // Practices and their members: site admins
        "GET /api/v1/admin/practices": .managePractices,
        "POST /api/v1/admin/practices": .managePractices,
        "GET /api/v1/admin/practices/:practiceID": .managePractices,
        "PATCH /api/v1/admin/practices/:practiceID": .managePractices,
        "POST /api/v1/admin/practices/:practiceID/members": .managePractices,
        "DELETE /api/v1/admin/practices/:practiceID/members/:memberID": .managePractices,
        "GET /admin/practices": .managePractices,
        "POST /admin/practices": .managePractices,
        "GET /admin/practices/:practiceID": .managePractices,
        "POST /admin/practices/:practiceID": .managePractices,
        "POST /admin/practices/:practiceID/members": .managePractices,
        "POST /admin/practices/:practiceID/members/:memberID/remove": .managePractices,
    ]

    /// "GET /api/v1/videos/:videoID": the method and the path as registered.
    static func key(_ route: Route) -> String {
        "\(route.method.rawValue) /\(route.path.map(\.description).joined(separator: "/"))"
    }

    static func action(for route: Route) -> AccessAction? { table[key(route)] }

    struct MissingEntries: Error, CustomStringConvertible {
        let routes: [String]
        var description: String {
            "These routes have no entry in RouteAccess.table (Sources/App/Core/RouteAccess.swift): " + routes.joined(separator: ", ")
        }
    }

    /// Puts the gate in front of every route; throws when a route has no entry.
    static func install(on app: Application) throws {
        let missing = app.routes.all.filter { action(for: $0) == nil }.map(key)
        guard missing.isEmpty else { throw MissingEntries(routes: missing) }
        for route in app.routes.all {
            guard let action = action(for: route) else { continue }
            route.responder = AccessGate(action: action).makeResponder(chainingTo: route.responder)
        }
    }
}

/// Decides a route's action for the actor before its handler runs. A page asked for by a
/// visitor sends them to log in and back; everything else answers the policy's refusal.
struct AccessGate: AsyncMiddleware {
    let action: AccessAction

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let decision = AccessPolicy.decide(request.actor, action, .none, at: request.mindreel.now)
        guard case .refused(let refusal) = decision else {
            return try await next.respond(to: request)
        }
        let isPage = !request.url.path.hasPrefix("/api/") && !request.url.path.hasPrefix("/media/")
        if isPage, refusal == .signInRequired {
            if request.method == .GET {
                let back =
                    request.url.path.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=?#")))
                    ?? "/"
                return request.redirect(to: SiteURL.logIn.path + "?next=\(back)")
            }
            throw HTTPProblem(.unauthorized, detail: "Your session has ended. Log in again.")
        }
        throw HTTPProblem(refusal)
    }
}
