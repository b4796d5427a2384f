import Fluent
import MindreelCore
import Vapor

/// The account's own settings: password, sessions and API tokens.
struct SettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let settings = routes.grouped("settings")
        settings.get(use: page)
        settings.post("password", use: changePassword)
        settings.post("sessions", ":sessionID", "end", use: endSession)
        settings.post("tokens", use: createToken)
        settings.post("tokens", ":tokenID", "revoke", use: revokeToken)
        settings.post("region", use: saveRegion)
    }

    struct RegionForm: Content {
        var region: String?
    }

    /// The region whose crisis lines every page shows this member (empty: the site's default).
    func saveRegion(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        let raw = try req.content.decode(RegionForm.self).region ?? ""
        let region: String?
        if raw.isEmpty {
            region = nil
        } else if let code = Regions.code(raw) {
            region = code
        } else {
            throw HTTPProblem(.unprocessableEntity, field: "region", detail: "There is no region '\(raw)'. Pick one from the list.")
        }
        account.user.crisisRegion = region
        try await account.user.save(on: req.db)
        return req.redirect(to: SiteURL.settings.with(.regionSaved) + "#crisis-region-section")
    }

    func page(req: Request) async throws -> Response {
        try await render(req, newToken: nil, errors: FieldErrors(), status: .ok)
    }

    func changePassword(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        let input = try req.content.decode(ChangePassword.Input.self)
        do {
            try await ChangePassword.run(input, account: account, on: req)
            return req.redirect(to: SiteURL.settings.with(.passwordChanged))
        } catch let errors as FieldErrors {
            return try await render(req, newToken: nil, errors: errors, status: .unprocessableEntity)
        } catch let problem as HTTPProblem where problem.status == .tooManyRequests {
            let response = try await render(req, newToken: nil, errors: FieldErrors("current_password", problem.detail), status: .tooManyRequests)
            for (name, value) in problem.headers { response.headers.replaceOrAdd(name: name, value: value) }
            return response
        }
    }

    func endSession(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        guard let id = req.parameters.get("sessionID", as: UUID.self),
            try await SessionStore.end(sessionID: id, of: account, on: req)
        else { throw HTTPProblem(.notFound, detail: "That session does not exist or has already ended.") }
        if case .session(let current) = account.credential, current == id {
            let response = req.redirect(to: SiteURL.logIn.with(.signedOut))
            response.cookies[SessionCookie.name] = SessionCookie.cleared(config: req.mindreel.config)
            return response
        }
        return req.redirect(to: SiteURL.settings.with(.sessionEnded) + "#sessions")
    }

    func createToken(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        let input = try req.content.decode(TokenStore.CreateInput.self)
        do {
            let (_, secret) = try await TokenStore.create(input, for: account.user, actorRole: account.highestRole.rawValue, on: req)
            // Rendered directly (not redirected) so the secret never sits in a URL or history.
            return try await render(req, newToken: secret, errors: FieldErrors(), status: .created)
        } catch let errors as FieldErrors {
            return try await render(req, newToken: nil, errors: errors, status: .unprocessableEntity)
        }
    }

    func revokeToken(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        guard let id = req.parameters.get("tokenID", as: UUID.self),
            try await TokenStore.revoke(tokenID: id, of: account, on: req)
        else { throw HTTPProblem(.notFound, detail: "That token does not exist or was already revoked.") }
        return req.redirect(to: SiteURL.settings.with(.tokenRevoked) + "#tokens")
    }

    private func render(_ req: Request, newToken: String?, errors: FieldErrors, status: HTTPResponseStatus) async throws -> Response {
        let account = try req.requireAccount()
        let user = account.user
        var currentSessionID: UUID?
        if case .session(let id) = account.credential { currentSessionID = id }
        let sessions = try await SessionStore.list(for: account, on: req).map { session in
            SettingsPage.SessionRow(
                id: session.id?.uuidString ?? "", createdAt: SettingsPage.display(session.createdAt),
                lastSeenAt: SettingsPage.display(session.lastSeenAt), userAgent: session.userAgent,
                current: session.id == currentSessionID)
        }
        let tokens = try await TokenStore.list(for: account.userID, on: req.db).map { token in
            SettingsPage.TokenRow(
                id: token.id?.uuidString ?? "", name: token.name, prefix: token.prefix,
                createdAt: SettingsPage.display(token.createdAt), lastUsedAt: token.lastUsedAt.map(SettingsPage.display))
        }
        let page = SettingsPage(
            layout: LayoutContext(request: req, title: "Settings"),
            account: .init(
                handle: user.handle, displayName: user.displayName, email: user.email, isMinor: user.isMinor,
                roles: account.roles.sorted().map(\.rawValue), createdAt: SettingsPage.display(user.createdAt)),
            sessions: sessions, tokens: tokens, newToken: newToken, errors: errors.byField,
            suspension: try await Self.suspension(of: user, on: req.db, now: req.mindreel.now),
            region: .init(
                chosen: user.crisisRegion ?? "", defaultName: Regions.name(req.mindreel.config.defaultRegion),
                options: Regions.sortedByName.map { .init(code: $0.code, name: $0.name) }))
        let response = try await req.view.render("settings/index", page).encodeResponse(for: req)
        response.status = status
        return response
    }

    /// Why and until when, for a suspended account: the latest suspension decision's words.
    static func suspension(of user: User, on db: any Database, now: Date) async throws -> SettingsPage.Suspended? {
        guard let active = user.suspension, active.isActive(at: now), let userID = user.id else { return nil }
        let decision = try await CreatorDecisions.rows(of: userID, on: db).first {
            $0.action == ModerationAction.suspend.rawValue && $0.appealOutcome != "reversed"
        }
        return SettingsPage.Suspended(
            until: active.until.map { "until " + AccessRefusal.dayAndTime.string(from: $0) + " UTC" } ?? "for good", guideline: decision?.guidelineTitle,
            reason: decision?.reason)
    }
}
