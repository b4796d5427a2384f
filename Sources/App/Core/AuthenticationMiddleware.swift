import Fluent
import FluentSQL
import MindreelCore
import SQLKit
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
        try await lookUp(.token, hash: SecureToken.hash(token), on: request)
    }

    static func account(forSession cookie: String, on request: Request) async throws -> CurrentAccount? {
        try await lookUp(.session, hash: SecureToken.hash(cookie), on: request)
    }

    /// Where each kind of credential lives, and which column records its last use.
    private enum CredentialTable {
        case token, session

        var name: String { self == .token ? "api_tokens" : "sessions" }
        var touchedColumn: String { self == .token ? "last_used_at" : "last_seen_at" }
    }

    /// The credential, its account and the account's roles in one query (one row per granted
    /// role that has not lapsed): every signed-in request pays for this, so it is read with SQLKit, not three Fluent
    /// queries. Expired sessions match nothing; tokens do not expire.
    private static func lookUp(_ table: CredentialTable, hash: String, on request: Request) async throws -> CurrentAccount? {
        let now = request.mindreel.now
        let sql = request.db as! any SQLDatabase
        let notExpired: SQLQueryString = table == .session ? " AND c.expires_at > \(bind: now)" : ""
        let rows = try await sql.raw(
            """
            SELECT c.id AS credential_id, c.\(ident: table.touchedColumn) AS credential_touched_at, r.role AS granted_role, u.*
            FROM \(ident: table.name) c JOIN users u ON u.id = c.user_id LEFT JOIN user_roles r ON r.user_id = u.id
                AND (r.expires_at IS NULL OR r.expires_at > \(bind: now))
            WHERE c.token_hash = \(bind: hash)
            """ + notExpired
        ).all()
        guard let first = rows.first else { return nil }
        let credentialID = try first.decode(column: "credential_id", as: UUID.self)
        let touchedAt = try first.decode(column: "credential_touched_at", as: Date?.self)
        if touchedAt.map({ now.timeIntervalSince($0) > touchInterval }) ?? true {
            try await sql.raw(
                "UPDATE \(ident: table.name) SET \(ident: table.touchedColumn) = \(bind: now) WHERE id = \(bind: credentialID)"
            ).run()
        }
        let user = try first.decode(fluentModel: User.self)
        let granted = try rows.compactMap { try $0.decode(column: "granted_role", as: String?.self).flatMap(Role.init(rawValue:)) }
        return CurrentAccount(
            user: user, userID: try user.requireID(), roles: Set(granted).union([.member]),
            credential: table == .token ? .token(id: credentialID) : .session(id: credentialID))
    }
}
