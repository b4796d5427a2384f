import Fluent
import Foundation
import MindreelCore
import Testing
import VaporTesting

@testable import App

@Suite("Forged requests")
struct CSRFTests {
    @Test("a cookie-authenticated post without the CSRF token is refused and audited")
    func missingToken() async throws {
        try await withTestApp { app in
            let browser = try await app.signedUpBrowser(handle: "csrf_victim")
            let response = try await browser.submit("/settings/tokens", ["name": "evil"], includeCSRF: false)
            #expect(response.status == .forbidden)
            #expect(try await APIToken.query(on: app.db).count() == 0)
            #expect(try await app.auditRows(.csrfRejected, outcome: .denied).count == 1)
        }
    }

    @Test("a wrong token is refused too, in a form field or the header")
    func wrongToken() async throws {
        try await withTestApp { app in
            let browser = try await app.signedUpBrowser(handle: "csrf_victim")
            let form = try await browser.submit("/settings/tokens", ["name": "evil", "csrf_token": String(repeating: "A", count: 43)], includeCSRF: false)
            #expect(form.status == .forbidden)
            let api = try await browser.json(.POST, "/api/v1/tokens", ["name": "evil"], headers: ["X-CSRF-Token": "nope"])
            #expect(api.status == .forbidden)
            #expect(api.headers.contentType?.subType == "problem+json")
            #expect(try await APIToken.query(on: app.db).count() == 0)
        }
    }

    @Test("the site's own scripts pass with the X-CSRF-Token header")
    func headerToken() async throws {
        try await withTestApp { app in
            let browser = try await app.signedUpBrowser(handle: "script_user")
            let response = try await browser.json(.POST, "/api/v1/tokens", ["name": "cli"], headers: ["X-CSRF-Token": browser.csrfToken ?? ""])
            #expect(response.status == .created)
        }
    }

    @Test("a post from a foreign Origin is refused even with the right token")
    func foreignOrigin() async throws {
        try await withTestApp { app in
            let browser = try await app.signedUpBrowser(handle: "origin_victim")
            browser.origin = "https://evil.example"
            let response = try await browser.submit("/settings/tokens", ["name": "evil"])
            #expect(response.status == .forbidden)
            #expect(try await APIToken.query(on: app.db).count() == 0)
            #expect(try await app.auditRows(.csrfRejected).count == 1)
        }
    }

    @Test("sign-up and log-in from a foreign Origin are refused")
    func foreignLogIn() async throws {
        try await withTestApp { app in
            _ = try await app.signedUpBrowser(handle: "login_csrf")
            let browser = try Browser(app)
            browser.origin = "https://evil.example"
            let login = try await browser.submit("/login", ["handle": "login_csrf", "password": TestApp.password])
            #expect(login.status == .forbidden)
            #expect(browser.cookies[SessionCookie.name] == nil)
            let signup = try await browser.submit(
                "/signup",
                [
                    "handle": "forced", "display_name": "F", "email": "f@example.org", "password": TestApp.password, "birth_year": "1990",
                ])
            #expect(signup.status == .forbidden)
            #expect(try await app.userCount() == 1)
        }
    }

    @Test("bearer-token requests need no CSRF token, and a cookie cannot ride along")
    func bearerExempt() async throws {
        try await withTestApp { app in
            _ = try await app.signedUpBrowser(handle: "api_user")
            let client = try Browser(app)
            client.origin = nil
            let login = try await client.json(.POST, "/api/v1/auth/token", ["handle": "api_user", "password": TestApp.password, "name": "phone"])
            #expect(login.status == .created)
            let token = try #require(login.json["token"] as? String)
            #expect(token.hasPrefix("mr_"))
            let created = try await client.json(.POST, "/api/v1/tokens", ["name": "second"], headers: ["Authorization": "Bearer \(token)"])
            #expect(created.status == .created)
            let bogus = try await client.json(.POST, "/api/v1/tokens", ["name": "third"], headers: ["Authorization": "Bearer mr_forged"])
            #expect(bogus.status == .unauthorized)
        }
    }
}

@Suite("Security headers")
struct SecurityHeaderTests {
    @Test("every response carries the policy headers; signed-in pages are not cached")
    func headers() async throws {
        try await withTestApp { app in
            let visitor = try Browser(app)
            for path in ["/", "/login", "/no-such-page", "/healthz", "/api/v1/me"] {
                let response = try await visitor.get(path)
                let csp = try #require(response.headers.first(name: "Content-Security-Policy"), "\(path)")
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(csp.contains("script-src 'self'"))
                #expect(!csp.contains("unsafe-inline"))
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                #expect(response.headers.first(name: "Referrer-Policy") != nil, "\(path)")
            }
            let member = try await app.signedUpBrowser(handle: "cached")
            let settings = try await member.get("/settings")
            #expect(settings.headers.first(name: .cacheControl) == "no-store")
            let me = try await member.get("/api/v1/me")
            #expect(me.headers.first(name: .cacheControl) == "no-store")
            // A visitor's page carries their CSRF token: not for any cache either.
            #expect(try await visitor.get("/login").headers.first(name: .cacheControl) == "no-store")
            // The stylesheet is the same for everyone.
            let css = try await member.get("/css/site.css")
            #expect(css.status == .ok)
            #expect(css.headers.first(name: .cacheControl) == "public, max-age=300")
        }
    }

    @Test("pages carry no inline script and load nothing from another origin")
    func noInlineScript() async throws {
        try await withTestApp { app in
            let member = try await app.signedUpBrowser(handle: "pages")
            for path in ["/", "/settings", "/no-such-page"] {
                let html = try await member.get(path).text
                #expect(!html.contains("<script>"), "\(path)")
                #expect(!html.contains("style=\""), "\(path)")
                #expect(!html.contains("src=\"http") && !html.contains("src=\"//"), "\(path)")
                #expect(!html.contains("stylesheet\" href=\"http"), "\(path)")
            }
            let visitor = try Browser(app)
            for path in ["/signup", "/login", "/password/forgot"] {
                let html = try await visitor.get(path).text
                #expect(!html.contains("<script>"), "\(path)")
                #expect(!html.contains("src=\"http") && !html.contains("src=\"//"), "\(path)")
            }
        }
    }

    @Test("unknown pages get the 404 page in the site layout; the API gets problem+json")
    func notFound() async throws {
        try await withTestApp { app in
            let page = try await Browser(app).get("/no-such-page")
            #expect(page.status == .notFound)
            #expect(page.headers.contentType == .html)
            #expect(page.text.contains("<h1"))
            #expect(page.text.contains("href=\"/login\""))
            let api = try await Browser(app).get("/api/v1/nothing-here")
            #expect(api.status == .notFound)
            #expect(api.headers.contentType?.subType == "problem+json")
        }
    }

    @Test("an unexpected error shows the 500 page in the layout, without internal details")
    func serverError() async throws {
        struct SecretFailure: Error, CustomStringConvertible {
            var description: String { "connection string postgres://admin:hunter2@db" }
        }
        try await withTestApp { app in
            app.app.get("test-failure") { _ -> String in throw SecretFailure() }
            let page = try await Browser(app).get("/test-failure")
            #expect(page.status == .internalServerError)
            #expect(page.text.contains("Something went wrong"))
            #expect(page.text.contains("<main"))
            #expect(!page.text.contains("hunter2"))
            app.app.get("api", "v1", "test-failure") { _ -> String in throw SecretFailure() }
            let api = try await Browser(app).get("/api/v1/test-failure")
            #expect(api.status == .internalServerError)
            #expect(api.headers.contentType?.subType == "problem+json")
            #expect(!api.text.contains("hunter2"))
        }
    }

    @Test("/healthz answers 200 when the database answers")
    func health() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).get("/healthz")
            #expect(response.status == .ok)
            #expect(response.json["database"] as? String == "ok")
        }
    }
}

@Suite("Audit log")
struct AuditLogTests {
    @Test("rows carry actor, role, action, object, UTC time, outcome and a request id a client cannot forge")
    func rows() async throws {
        try await withTestApp { app in
            let browser = try Browser(app)
            try await browser.get("/signup")
            let forged = "<script>" + String(repeating: "x", count: 200)
            _ = try await browser.submit(
                "/signup",
                ["handle": "audited", "display_name": "A", "email": "audited@example.org", "password": TestApp.password, "birth_year": "1990"],
                headers: ["X-Request-Id": forged])
            let row = try #require(try await app.auditRows(.signUp, outcome: .success).first)
            let user = try #require(try await User.query(on: app.db).first())
            #expect(row.actorID == user.id)
            #expect(row.actorRole == "member")
            #expect(row.objectType == "user")
            #expect(row.objectID == user.id?.uuidString)
            #expect(row.occurredAt == app.clock.now)
            #expect(row.requestID == "invalid")

            _ = try await browser.submit("/logout", [:], headers: ["X-Request-Id": "trace-1234"])
            #expect(try await app.auditRows(.logOut).first?.requestID == "trace-1234")
        }
    }
}
