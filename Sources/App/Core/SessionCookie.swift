import Vapor

/// The session cookie: HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site
/// posts), Secure whenever the site is served over https.
enum SessionCookie {
    static let name = "mindreel_session"
    static let lifetime: TimeInterval = 30 * 24 * 3600

    static func make(value: String, config: AppConfig) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: value, expires: nil, maxAge: Int(lifetime), domain: nil, path: "/",
            isSecure: config.usesHTTPS, isHTTPOnly: true, sameSite: .lax)
    }

    static func cleared(config: AppConfig) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, domain: nil, path: "/",
            isSecure: config.usesHTTPS, isHTTPOnly: true, sameSite: .lax)
    }
}
