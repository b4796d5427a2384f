import Fluent
import MindreelCore
import Vapor

/// Finds who is calling: a bearer token (API clients) or the session cookie (browsers).
///
/// A request with an `Authorization` header is judged by that header alone, so a forged
/// cross-site request can never ride on a cookie while claiming to be an API call.
struct AuthenticationMiddleware: AsyncMiddleware {
    /// `last_seen_at` / `last_used_at` are refreshed at most this often, to spare writes.
    static let touchInterval: TimeInterval = 60

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.headers[.authorization].first != nil {
            guard let bearer = request.headers.bearerAuthorization else {
                throw HTTPProblem(.unauthorized, detail: "Use 'Authorization: Bearer <token>'.", headers: ["WWW-Authenticate": "Bearer"])
            }
            guard let account = try await Self.account(forToken: bearer.token, on: request) else {
                throw HTTPProblem(
                    .unauthorized, detail: "The token is not valid or was revoked.", headers: ["WWW-Authenticate": "Bearer error=\"invalid_token\""])
            }
            request.account = account
            return try await next.respond(to: request)
        }

        var clearStaleCookie = false
        if let cookie = request.cookies[SessionCookie.name]?.string, !cookie.isEmpty {
            if let account = try await Self.account(forSession: cookie, on: request) {
                request.account = account
            } else {
                clearStaleCookie = true
                try? await request.audit.record(
                    AuditEntry(actorID: nil, actorRole: "visitor", action: .sessionRejected, objectType: "route", objectID: request.url.path, outcome: .denied),
                    on: request.db)
            }
        }
        let response = try await next.respond(to: request)
        if clearStaleCookie, response.cookies[SessionCookie.name] == nil {
            response.cookies[SessionCookie.name] = SessionCookie.cleared(config: request.mindreel.config)
        }
        return response
    }

    static func account(forToken token: String, on request: Request) async throws -> CurrentAccount? {
        let now = request.mindreel.now
        guard
            let stored = try await APIToken.query(on: request.db)
                .filter(\.$tokenHash == SecureToken.hash(token))
                .with(\.$user)
                .first()
        else { return nil }
        if stored.lastUsedAt.map({ now.timeIntervalSince($0) > touchInterval }) ?? true {
            stored.lastUsedAt = now
            try await stored.save(on: request.db)
        }
        return try await makeAccount(user: stored.user, credential: .token(id: stored.requireID()), on: request.db)
    }

    static func account(forSession cookie: String, on request: Request) async throws -> CurrentAccount? {
        let now = request.mindreel.now
        guard
            let session = try await AuthSession.query(on: request.db)
                .filter(\.$tokenHash == SecureToken.hash(cookie))
                .filter(\.$expiresAt > now)
                .with(\.$user)
                .first()
        else { return nil }
        if now.timeIntervalSince(session.lastSeenAt) > touchInterval {
            session.lastSeenAt = now
            try await session.save(on: request.db)
        }
        return try await makeAccount(user: session.user, credential: .session(id: session.requireID()), on: request.db)
    }

    static func makeAccount(user: User, credential: CurrentAccount.Credential, on db: any Database) async throws -> CurrentAccount {
        let userID = try user.requireID()
        let roles = try await UserRole.query(on: db).filter(\.$user.$id == userID).all().map(\.role)
        return CurrentAccount(user: user, userID: userID, roles: Set(roles).union([.member]), credential: credential)
    }
}
