import MindreelCore
import Vapor

/// Refuses forged cross-site requests.
///
/// Two checks on every state-changing request that is not bearer-authenticated:
/// 1. `Origin`, when the browser sends it, must be this site (the configured base URL, or the
///    host the request was sent to).
/// 2. When a session cookie authenticates the request, the `csrf_token` cookie must come back
///    in the form field `csrf_token` or the `X-CSRF-Token` header (double submit). Sign-up and
///    log-in have no session yet, so the Origin check is what guards them.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "csrf_token"
    static let fieldName = "csrf_token"
    static let headerName = "X-CSRF-Token"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let existing = request.cookies[Self.cookieName]?.string ?? ""
        let token = existing.count >= 32 ? existing : SecureToken.generate()
        request.csrfToken = token

        if Self.isStateChanging(request.method), !Self.isBearerAuthenticated(request) {
            if let origin = request.headers.first(name: .origin), !Self.isSameSite(origin: origin, request: request) {
                try await refuse(request, reason: "foreign origin")
            }
            if case .session = request.account?.credential {
                let sent = try await Self.submittedToken(request)
                guard let sent, !existing.isEmpty, SecureToken.constantTimeEquals(sent, existing) else {
                    try await refuse(request, reason: "missing or wrong token")
                }
            }
        }

        let response = try await next.respond(to: request)
        if existing != token {
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: token, expires: nil, maxAge: nil, domain: nil, path: "/",
                isSecure: request.mindreel.config.usesHTTPS, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    private func refuse(_ request: Request, reason: String) async throws -> Never {
        try? await request.audit.record(
            AuditEntry(
                actorID: request.account?.userID, actorRole: request.actorRole, action: .csrfRejected,
                objectType: "route", objectID: request.url.path, outcome: .denied, detail: reason),
            on: request.db)
        throw HTTPProblem(.forbidden, detail: "This form expired or was sent from another site. Reload the page and try again.")
    }

    static func isStateChanging(_ method: HTTPMethod) -> Bool {
        ![.GET, .HEAD, .OPTIONS].contains(method)
    }

    static func isBearerAuthenticated(_ request: Request) -> Bool {
        if case .token = request.account?.credential { return true }
        return false
    }

    static func isSameSite(origin: String, request: Request) -> Bool {
        let config = request.mindreel.config
        if origin == config.baseOrigin { return true }
        // Also the address the browser used (e.g. localhost instead of 127.0.0.1); a foreign
        // page can set neither its Origin nor our Host.
        if let host = request.headers.first(name: .host) {
            let scheme = config.usesHTTPS ? "https" : "http"
            return origin == "\(scheme)://\(host)"
        }
        return false
    }

    static func submittedToken(_ request: Request) async throws -> String? {
        if let header = request.headers.first(name: headerName) { return header }
        guard let type = request.content.contentType,
            type == .urlEncodedForm || type.type == "multipart"
        else { return nil }
        let isMultipart = type.type == "multipart"
        if request.body.data == nil {
            // Multipart forms carry a file (a profile picture); others are small.
            let limit = isMultipart ? request.mindreel.config.multipartFormLimit : request.application.routes.defaultMaxBodySize.value
            _ = try await request.body.collect(max: limit).get()
        }
        guard isMultipart else { return try? request.content.get(String.self, at: fieldName) }
        return try await request.decodeOffTheSharedThreads { try? request.content.get(String.self, at: fieldName) }
    }
}

extension Request {
    private struct CSRFKey: Vapor.StorageKey {
        typealias Value = String
    }

    /// The value forms must send back as `csrf_token`.
    var csrfToken: String {
        get { storage[CSRFKey.self] ?? "" }
        set { storage[CSRFKey.self] = newValue }
    }
}

extension Request {
    /// Parses a large body (megabytes of multipart) on the thread pool, so the few cooperative
    /// threads every request shares are not held while it runs.
    func decodeOffTheSharedThreads<T: Sendable>(_ decode: @escaping @Sendable () throws -> T) async throws -> T {
        try await application.threadPool.runIfActive(decode)
    }
}
