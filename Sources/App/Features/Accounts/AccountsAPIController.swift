import Fluent
import MindreelCore
import Vapor

/// `/api/v1`: accounts, API tokens, sessions and password reset for apps and scripts.
struct AccountsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.post("accounts", use: signUp)
        api.post("auth", "token", use: tokenLogIn)
        api.post("password-resets", use: requestReset)
        api.post("password-resets", "confirm", use: confirmReset)
        api.get("me", use: me)
        api.post("me", "password", use: changePassword)
        api.get("sessions", use: listSessions)
        api.delete("sessions", ":sessionID", use: endSession)
        api.get("tokens", use: listTokens)
        api.post("tokens", use: createToken)
        api.delete("tokens", ":tokenID", use: revokeToken)
    }

    func signUp(req: Request) async throws -> Response {
        let input: CreateAccount.Input
        do {
            input = try req.content.decode(CreateAccount.Input.self)
        } catch {
            try await CreateAccount.auditRefusal(FieldErrors("body", "unreadable"), on: req)
            throw error
        }
        let user = try await CreateAccount.run(input, on: req)
        let body = try AccountsAPI.Account(user, roles: [Role.member.rawValue])
        let response = try await body.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/me")
        return response
    }

    /// Log-in for API clients: handle and password in, a bearer token out.
    func tokenLogIn(req: Request) async throws -> Response {
        let input = try req.content.decode(AccountsAPI.TokenLogInInput.self)
        let user: User
        do {
            user = try await LogIn.verify(.init(handle: input.handle, password: input.password), on: req)
        } catch let error as LogIn.Error {
            throw error.problem
        }
        let (token, secret) = try await TokenStore.create(.init(name: input.name ?? "API client"), for: user, actorRole: "member", on: req)
        return try await AccountsAPI.CreatedToken(id: token.requireID(), name: token.name, token: secret, createdAt: token.createdAt)
            .encodeResponse(status: .created, for: req)
    }

    func requestReset(req: Request) async throws -> HTTPStatus {
        try await ResetPassword.request(req.content.decode(ResetPassword.RequestInput.self), on: req)
        return .accepted
    }

    func confirmReset(req: Request) async throws -> HTTPStatus {
        try await ResetPassword.confirm(req.content.decode(ResetPassword.ConfirmInput.self), on: req)
        return .noContent
    }

    func me(req: Request) async throws -> AccountsAPI.Account {
        let account = try req.requireAccount()
        return try AccountsAPI.Account(account.user, roles: account.roles.sorted().map(\.rawValue))
    }

    func changePassword(req: Request) async throws -> HTTPStatus {
        let account = try req.requireAccount()
        try await ChangePassword.run(req.content.decode(ChangePassword.Input.self), account: account, on: req)
        return .noContent
    }

    func listSessions(req: Request) async throws -> APIPage<AccountsAPI.Session> {
        let account = try req.requireAccount()
        var current: UUID?
        if case .session(let id) = account.credential { current = id }
        let items = try await SessionStore.list(for: account, on: req).map {
            AccountsAPI.Session(id: try $0.requireID(), userAgent: $0.userAgent, createdAt: $0.createdAt, lastSeenAt: $0.lastSeenAt, current: $0.id == current)
        }
        // An account has few sessions; the list fits one page.
        return .init(items: items, nextCursor: nil)
    }

    func endSession(req: Request) async throws -> HTTPStatus {
        let account = try req.requireAccount()
        guard let id = req.parameters.get("sessionID", as: UUID.self), try await SessionStore.end(sessionID: id, of: account, on: req) else {
            throw HTTPProblem(.notFound, detail: "No such session.")
        }
        return .noContent
    }

    func listTokens(req: Request) async throws -> APIPage<AccountsAPI.Token> {
        let account = try req.requireAccount()
        // At most `TokenStore.maximumPerAccount`: one page.
        let items = try await TokenStore.list(for: account.userID, on: req.db).map(AccountsAPI.Token.init)
        return .init(items: items, nextCursor: nil)
    }

    func createToken(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        let (token, secret) = try await TokenStore.create(
            req.content.decode(TokenStore.CreateInput.self), for: account.user, actorRole: account.highestRole.rawValue, on: req)
        return try await AccountsAPI.CreatedToken(id: token.requireID(), name: token.name, token: secret, createdAt: token.createdAt)
            .encodeResponse(status: .created, for: req)
    }

    func revokeToken(req: Request) async throws -> HTTPStatus {
        let account = try req.requireAccount()
        guard let id = req.parameters.get("tokenID", as: UUID.self), try await TokenStore.revoke(tokenID: id, of: account, on: req) else {
            throw HTTPProblem(.notFound, detail: "No such token.")
        }
        return .noContent
    }
}
