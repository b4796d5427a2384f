import Foundation

/// Every page of the site, so links and routes are written once and cannot drift apart.
enum SiteURL {
    case home
    case signUp
    case logIn
    case logOut
    case forgotPassword
    case passwordReset(token: String)
    case passwordResetSubmit
    case settings
    case settingsPassword
    case settingsTokens
    case video(UUID)
    case profile(String)
    case hashtag(String)
    case notifications
    case adminTopics
    case adminPractices
    case adminPractice(UUID)
    case welcomeTopics
    case settingsProfile
    case settingsHistory
    case studio
    case studioVideo(UUID)
    case saved
    case liked
    case guidelines
    case findHelp
    case moderation
    case moderationCase(UUID)
    case transparency
    case settingsLicence
    case moderationLicences
    case moderationLicence(UUID)
    case licence(UUID)
    case moderationClaim(UUID)
    case reviewNotes
    case help
    case adminCrisisResources

    var path: String {
        switch self {
        case .home: return "/"
        case .signUp: return "/signup"
        case .logIn: return "/login"
        case .logOut: return "/logout"
        case .forgotPassword: return "/password/forgot"
        case .passwordReset(let token):
            let escaped = token.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#"))) ?? ""
            return "/password/reset?token=\(escaped)"
        case .passwordResetSubmit: return "/password/reset"
        case .settings: return "/settings"
        case .settingsPassword: return "/settings/password"
        case .settingsTokens: return "/settings/tokens"
        case .video(let id): return "/v/\(id.uuidString.lowercased())"
        case .profile(let handle): return "/@\(handle)"
        case .hashtag(let tag):
            return "/tags/\(tag.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? tag)"
        case .notifications: return "/notifications"
        case .adminTopics: return "/admin/topics"
        case .adminPractices: return "/admin/practices"
        case .adminPractice(let id): return "/admin/practices/\(id.uuidString.lowercased())"
        case .welcomeTopics: return "/welcome/topics"
        case .settingsProfile: return "/settings/profile"
        case .settingsHistory: return "/settings/history"
        case .studio: return "/studio"
        case .studioVideo(let id): return "/studio/videos/\(id.uuidString.lowercased())"
        case .saved: return "/saved"
        case .liked: return "/liked"
        case .guidelines: return "/guidelines"
        case .findHelp: return "/find-help"
        case .moderation: return "/moderation"
        case .moderationCase(let id): return "/moderation/cases/\(id.uuidString.lowercased())"
        case .transparency: return "/transparency"
        case .settingsLicence: return "/settings/licence"
        case .moderationLicences: return "/moderation/licences"
        case .moderationLicence(let id): return "/moderation/licences/\(id.uuidString.lowercased())"
        case .licence(let id): return "/licences/\(id.uuidString.lowercased())"
        case .moderationClaim(let id): return "/moderation/claims/\(id.uuidString.lowercased())"
        case .reviewNotes: return "/review-notes"
        case .help: return "/help"
        case .adminCrisisResources: return "/admin/crisis-resources"
        }
    }

    /// The path with a notice to show on arrival.
    func with(_ notice: Notice) -> String {
        path + (path.contains("?") ? "&" : "?") + "notice=\(notice.rawValue)"
    }

    func absolute(base: URL) -> String {
        var root = base.absoluteString
        while root.hasSuffix("/") { root.removeLast() }
        return root + path
    }
}
