import Fluent
import Foundation
import MindreelCore
import Testing
import VaporTesting

@testable import App

@Suite("Log-in, log-out and sessions")
struct LogInTests {
    func logIn(_ browser: Browser, _ handle: String, _ password: String = TestApp.password, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await browser.submit("/login", ["handle": handle, "password": password], headers: headers)
    }

    /// Over a real socket the client follows the redirect, so success is the page after it.
    func succeeded(_ response: TestingHTTPResponse) -> Bool {
        response.status == .seeOther || (response.status == .ok && !response.text.contains("id=\"login-form\""))
    }

    @Test("log-in sets a strong, HttpOnly, SameSite session cookie and audits it")
    func logInCookie() async throws {
        try await withTestApp { app in
            _ = try await app.signedUpBrowser(handle: "alex_k")
            let browser = try Browser(app)
            let response = try await logIn(browser, "alex_k")
            #expect(response.status == .seeOther)
            let setCookie = try #require(response.headers[.setCookie].first { $0.hasPrefix(SessionCookie.name + "=") })
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            #expect(!setCookie.contains("Secure"))  // http base URL
            let value = try #require(browser.cookies[SessionCookie.name])
            // 32 random bytes, base64url: at least 128 bits.
            #expect(value.count >= 43)
            // Only a hash is stored.
            #expect(try await AuthSession.query(on: app.db).filter(\.$tokenHash == value).count() == 0)
            #expect(try await app.auditRows(.logIn, outcome: .success).count == 2)  // sign-up + log-in
        }
    }

    @Test("the cookie is Secure when the site is served over https")
    func secureCookie() async throws {
        try await withTestApp(baseURL: "https://mindreel.example.org") { app in
            let browser = try Browser(app)
            browser.origin = "https://mindreel.example.org"
            try await browser.get("/signup")
            let response = try await browser.submit(
                "/signup",
                [
                    "handle": "sec_user", "display_name": "S", "email": "s@example.org", "password": TestApp.password, "birth_year": "1980",
                ])
            let setCookie = try #require(response.headers[.setCookie].first { $0.hasPrefix(SessionCookie.name + "=") })
            #expect(setCookie.contains("Secure"))
        }
    }

    @Test("log-in by email works; wrong passwords say so and are audited")
    func wrongPassword() async throws {
        try await withTestApp { app in
            _ = try await app.signedUpBrowser(handle: "sam_b", email: "sam@example.org")
            let browser = try Browser(app)
            let wrong = try await logIn(browser, "sam_b", "not-the-password")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("id=\"form-error\""))
            #expect(browser.cookies[SessionCookie.name] == nil)
            #expect(try await app.auditRows(.logIn, outcome: .failure).count == 1)
            let byEmail = try await logIn(browser, "SAM@example.org")
            #expect(byEmail.status == .seeOther)
        }
    }

    @Test("a session cookie replayed after log-out is refused")
    func replayAfterLogout() async throws {
        try await withTestApp { app in
            let browser = try await app.signedUpBrowser(handle: "replay_me")
            let stolen = try #require(browser.cookies[SessionCookie.name])
            #expect(try await browser.get("/settings").status == .ok)
            let out = try await browser.submit("/logout", [:])
            #expect(out.status == .seeOther)
            #expect(browser.cookies[SessionCookie.name] == nil)
            #expect(try await app.auditRows(.logOut).count == 1)

            let attacker = try Browser(app)
            attacker.cookies[SessionCookie.name] = stolen
            let page = try await attacker.get("/settings")
            #expect(page.status == .seeOther)
            #expect(page.location?.hasPrefix("/login") == true)
            attacker.cookies[SessionCookie.name] = stolen  // the server told it to drop the cookie; it did not
            let api = try await attacker.get("/api/v1/me")
            #expect(api.status == .unauthorized)
            #expect(try await app.auditRows(.sessionRejected, outcome: .denied).count == 2)
        }
    }

    @Test("an expired session no longer signs in")
    func expiry() async throws {
        try await withTestApp { app in
            let browser = try await app.signedUpBrowser(handle: "sleepy")
            app.clock.advance(by: SessionCookie.lifetime + 60)
            #expect(try await browser.get("/api/v1/me").status == .unauthorized)
        }
    }

    @Test("ten wrong passwords throttle the account, whatever X-Forwarded-For says; others still log in")
    func throttleAccount() async throws {
        try await withTestApp { app in
            _ = try await app.signedUpBrowser(handle: "target", email: "target@example.org")
            _ = try await app.signedUpBrowser(handle: "neighbour", email: "neighbour@example.org")
            // Over a real socket, so the server sees a client address.
            let live = try app.app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            let attacker = try Browser(app, tester: live)
            for attempt in 1...10 {
                let response = try await logIn(attacker, "target", "wrong-password-\(attempt)", headers: ["X-Forwarded-For": "203.0.113.\(attempt)"])
                #expect(response.status == .unauthorized, "attempt \(attempt)")
            }
            let blocked = try await logIn(attacker, "target", TestApp.password, headers: ["X-Forwarded-For": "198.51.100.7"])
            #expect(blocked.status == .tooManyRequests)
            let retryAfter = try #require(blocked.headers.first(name: "Retry-After").flatMap(Int.init))
            #expect(retryAfter > 0 && retryAfter <= 15 * 60)
            #expect(blocked.text.contains("Too many failed attempts"))

            let apiBlocked = try await attacker.json(.POST, "/api/v1/auth/token", ["handle": "target", "password": TestApp.password])
            #expect(apiBlocked.status == .tooManyRequests)
            #expect(apiBlocked.headers.first(name: "Retry-After") != nil)

            // Same address, another account: unaffected.
            let neighbour = try Browser(app, tester: live)
            #expect(succeeded(try await logIn(neighbour, "neighbour")))
            #expect(try await app.auditRows(.logIn, outcome: .denied).count == 2)

            // After the window the account can log in again.
            app.clock.advance(by: Double(retryAfter) + 1)
            #expect(succeeded(try await logIn(attacker, "target")))
        }
    }

    @Test("an address that fails across many accounts is throttled, but only for guesses from it")
    func throttleSpraying() async throws {
        try await withTestApp { app in
            _ = try await app.signedUpBrowser(handle: "victim")
            let live = try app.app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            let sprayer = try Browser(app, tester: live)
            let rule = LoginThrottle()
            for index in 0..<rule.maxAccountsPerAddress {
                #expect(try await logIn(sprayer, "nobody_\(index)", "guess-guess-guess").status == .unauthorized)
            }
            let response = try await logIn(sprayer, "victim")
            #expect(response.status == .tooManyRequests)
            // The account itself is not locked: the in-memory client (no address) gets in.
            #expect(try await logIn(try Browser(app), "victim").status == .seeOther)
        }
    }

    @Test("X-Forwarded-For is believed only from a configured proxy")
    func trustedProxy() async throws {
        try await withTestApp(trustedProxies: ["127.0.0.1"]) { app in
            _ = try await app.signedUpBrowser(handle: "victim")
            let live = try app.app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            let sprayer = try Browser(app, tester: live)
            for index in 0..<LoginThrottle().maxAccountsPerAddress {
                _ = try await logIn(sprayer, "nobody_\(index)", "guess-guess-guess", headers: ["X-Forwarded-For": "203.0.113.9"])
            }
            // Behind the proxy, another client address is a different client.
            #expect(succeeded(try await logIn(sprayer, "victim", headers: ["X-Forwarded-For": "198.51.100.1"])))
            #expect(try await logIn(sprayer, "victim", headers: ["X-Forwarded-For": "203.0.113.9"]).status == .tooManyRequests)
        }
    }

    @Test("log-in only follows local next= paths")
    func openRedirect() async throws {
        try await withTestApp { app in
            _ = try await app.signedUpBrowser(handle: "nexter")
            let browser = try Browser(app)
            let response = try await browser.submit("/login", ["handle": "nexter", "password": TestApp.password, "next": "//evil.example/x"])
            #expect(response.location == "/")
            let local = try await Browser(app).submit("/login", ["handle": "nexter", "password": TestApp.password, "next": "/settings"])
            #expect(local.location == "/settings")
        }
    }
}
