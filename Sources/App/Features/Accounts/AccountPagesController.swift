import Fluent
import MindreelCore
import Vapor

/// Sign-up, log-in, log-out and the forgotten-password pages.
struct AccountPagesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("signup", use: signUpPage)
        routes.post("signup", use: signUp)
        routes.get("login", use: logInPage)
        routes.post("login", use: logIn)
        routes.post("logout", use: logOut)
        routes.get("password", "forgot", use: forgotPage)
        routes.post("password", "forgot", use: forgot)
        routes.get("password", "reset", use: resetPage)
        routes.post("password", "reset", use: reset)
    }

    // MARK: sign-up

    func signUpPage(req: Request) async throws -> Response {
        if req.account != nil { return req.redirect(to: SiteURL.home.path) }
        return try await renderSignUp(req, values: .init(), errors: FieldErrors(), status: .ok)
    }

    func signUp(req: Request) async throws -> Response {
        let form = try req.content.decode(AccountPages.SignUpForm.self)
        let values = AccountPages.SignUpPage.Values(
            handle: form.handle ?? "", displayName: form.displayName ?? "", email: form.email ?? "", birthYear: form.birthYear ?? "")
        let yearText = (form.birthYear ?? "").trimmingCharacters(in: .whitespaces)
        if !yearText.isEmpty, Int(yearText) == nil {
            return try await renderSignUp(
                req, values: values, errors: FieldErrors("birth_year", "Enter the year as four digits, like 1994."), status: .unprocessableEntity)
        }
        let input = CreateAccount.Input(
            handle: form.handle, displayName: form.displayName, email: form.email, password: form.password, birthYear: Int(yearText))
        do {
            let user = try await CreateAccount.run(input, on: req)
            let cookie = try await SessionStore.start(for: user, on: req)
            let response = req.redirect(to: SiteURL.welcomeTopics.path + "?first=1&notice=welcome")
            response.cookies[SessionCookie.name] = SessionCookie.make(value: cookie, config: req.mindreel.config)
            return response
        } catch let errors as FieldErrors {
            return try await renderSignUp(req, values: values, errors: errors, status: .unprocessableEntity)
        }
    }

    private func renderSignUp(_ req: Request, values: AccountPages.SignUpPage.Values, errors: FieldErrors, status: HTTPResponseStatus) async throws -> Response
    {
        let page = AccountPages.SignUpPage(layout: LayoutContext(request: req, title: "Create your account"), form: values, errors: errors.byField)
        let response = try await req.view.render("accounts/signup", page).encodeResponse(for: req)
        response.status = status
        return response
    }

    // MARK: log-in

    func logInPage(req: Request) async throws -> Response {
        let next = AccountPages.safeNext(req.query[String.self, at: "next"])
        if req.account != nil { return req.redirect(to: next) }
        return try await renderLogIn(req, handle: "", next: next, errors: FieldErrors(), status: .ok)
    }

    struct LogInForm: Content {
        var handle: String?
        var password: String?
        var next: String?
    }

    func logIn(req: Request) async throws -> Response {
        let form = try req.content.decode(LogInForm.self)
        let next = AccountPages.safeNext(form.next)
        do {
            let user = try await LogIn.verify(.init(handle: form.handle, password: form.password), on: req)
            // A fresh session id at every log-in: a planted cookie never becomes a session.
            if case .session(let id) = req.account?.credential {
                try await AuthSession.query(on: req.db).filter(\.$id == id).delete()
            }
            let cookie = try await SessionStore.start(for: user, on: req)
            let response = req.redirect(to: next)
            response.cookies[SessionCookie.name] = SessionCookie.make(value: cookie, config: req.mindreel.config)
            return response
        } catch let error as LogIn.Error {
            let problem = error.problem
            let errors: FieldErrors
            switch error {
            case .missing(let fields): errors = fields
            default: errors = FieldErrors("form", problem.detail)
            }
            let response = try await renderLogIn(req, handle: form.handle ?? "", next: next, errors: errors, status: problem.status)
            for (name, value) in problem.headers { response.headers.replaceOrAdd(name: name, value: value) }
            return response
        }
    }

    private func renderLogIn(_ req: Request, handle: String, next: String, errors: FieldErrors, status: HTTPResponseStatus) async throws -> Response {
        let page = AccountPages.LogInPage(layout: LayoutContext(request: req, title: "Log in"), form: .init(handle: handle), next: next, errors: errors.byField)
        let response = try await req.view.render("accounts/login", page).encodeResponse(for: req)
        response.status = status
        return response
    }

    // MARK: log-out

    func logOut(req: Request) async throws -> Response {
        if let account = req.account, case .session(let id) = account.credential {
            try await req.db.transaction { db in
                try await AuthSession.query(on: db).filter(\.$id == id).delete()
                try await req.audit.record(
                    AuditEntry(
                        actorID: account.userID, actorRole: account.highestRole.rawValue, action: .logOut, objectType: "session", objectID: id.uuidString),
                    on: db)
            }
        }
        let response = req.redirect(to: SiteURL.logIn.with(.signedOut))
        response.cookies[SessionCookie.name] = SessionCookie.cleared(config: req.mindreel.config)
        return response
    }

    // MARK: forgotten password

    func forgotPage(req: Request) async throws -> View {
        try await req.view.render(
            "accounts/forgot",
            AccountPages.ForgotPage(layout: LayoutContext(request: req, title: "Forgot your password?"), sent: false, form: .init(), errors: [:]))
    }

    func forgot(req: Request) async throws -> Response {
        let input = try req.content.decode(ResetPassword.RequestInput.self)
        do {
            try await ResetPassword.request(input, on: req)
            let page = AccountPages.ForgotPage(layout: LayoutContext(request: req, title: "Check your email"), sent: true, form: .init(), errors: [:])
            return try await req.view.render("accounts/forgot", page).encodeResponse(for: req)
        } catch let errors as FieldErrors {
            let page = AccountPages.ForgotPage(
                layout: LayoutContext(request: req, title: "Forgot your password?"), sent: false, form: .init(email: input.email ?? ""), errors: errors.byField)
            let response = try await req.view.render("accounts/forgot", page).encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
    }

    func resetPage(req: Request) async throws -> View {
        let token = req.query[String.self, at: "token"] ?? ""
        let valid = try await ResetPassword.pending(token: token, on: req) != nil
        return try await req.view.render(
            "accounts/reset",
            AccountPages.ResetPage(layout: LayoutContext(request: req, title: "Choose a new password"), token: token, valid: valid, errors: [:]))
    }

    func reset(req: Request) async throws -> Response {
        let input = try req.content.decode(ResetPassword.ConfirmInput.self)
        do {
            try await ResetPassword.confirm(input, on: req)
            let response = req.redirect(to: SiteURL.logIn.with(.passwordReset))
            response.cookies[SessionCookie.name] = SessionCookie.cleared(config: req.mindreel.config)
            return response
        } catch let errors as FieldErrors {
            let valid = errors["token"] == nil
            let page = AccountPages.ResetPage(
                layout: LayoutContext(request: req, title: "Choose a new password"), token: input.token ?? "", valid: valid, errors: errors.byField)
            let response = try await req.view.render("accounts/reset", page).encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
    }
}
