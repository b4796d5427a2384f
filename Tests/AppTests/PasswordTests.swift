import Fluent
import Foundation
import MindreelCore
import Testing
import VaporTesting

@testable import App

@Suite("Passwords: reset and change")
struct PasswordTests {
    /// The reset link from the newest mail in the outbox addressed to `email`.
    func resetLink(_ app: TestApp, to email: String) throws -> String {
        let files = try FileManager.default.contentsOfDirectory(atPath: app.outbox).filter { $0.hasSuffix(".eml") }.sorted()
        for file in files.reversed() {
            let text = try String(contentsOfFile: app.outbox + "/" + file, encoding: .utf8)
            guard text.contains("To: \(email)") else { continue }
            let line = try #require(text.split(separator: "\r\n").first { $0.contains("/password/reset?token=") })
            return String(line).trimmingCharacters(in: .whitespaces)
        }
        throw TestSetupError("no mail to \(email) in \(files)")
    }

    @Test("a forgotten password is reset through the mailed link, once, and every session ends")
    func resetFlow() async throws {
        try await withTestApp { app in
            let member = try await app.signedUpBrowser(handle: "forgetful", email: "forgetful@example.org")
            let visitor = try Browser(app)
            try await visitor.get("/password/forgot")
            let sent = try await visitor.submit("/password/forgot", ["email": "forgetful@example.org"])
            #expect(sent.status == .ok)
            #expect(sent.text.contains("id=\"notice\""))

            let link = try resetLink(app, to: "forgetful@example.org")
            #expect(link.hasPrefix("http://127.0.0.1:8080/password/reset?token="))
            let path = String(link.dropFirst("http://127.0.0.1:8080".count))
            let token = String(path.split(separator: "=", maxSplits: 1)[1])
            let form = try await visitor.get(path)
            #expect(form.text.contains("id=\"reset-form\""))

            let weak = try await visitor.submit("/password/reset", ["token": token, "new_password": "qwertyuiop"])
            #expect(weak.status == .unprocessableEntity)
            #expect(weak.text.contains("id=\"new_password-error\""))

            let done = try await visitor.submit("/password/reset", ["token": token, "new_password": "sunlit-harbour-77"])
            #expect(done.status == .seeOther)
            #expect(done.location == "/login?notice=password_reset")
            // The member's old session is over; the new password works, the old one does not.
            #expect(try await member.get("/api/v1/me").status == .unauthorized)
            let fresh = try Browser(app)
            #expect(try await fresh.submit("/login", ["handle": "forgetful", "password": TestApp.password]).status == .unauthorized)
            #expect(try await fresh.submit("/login", ["handle": "forgetful", "password": "sunlit-harbour-77"]).status == .seeOther)
            // The link works once.
            let again = try await visitor.submit("/password/reset", ["token": token, "new_password": "another-calm-day-5"])
            #expect(again.status == .unprocessableEntity)
            #expect(try await app.auditRows(.passwordReset, outcome: .success).count == 1)
            #expect(try await app.auditRows(.passwordResetRequest, outcome: .success).count == 1)
        }
    }

    @Test("the answer is the same for unknown emails, and no mail is sent")
    func noEnumeration() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).json(.POST, "/api/v1/password-resets", ["email": "nobody@example.org"])
            #expect(response.status == .accepted)
            #expect((try? FileManager.default.contentsOfDirectory(atPath: app.outbox))?.isEmpty ?? true)
        }
    }

    @Test("a reset link expires after an hour")
    func expiry() async throws {
        try await withTestApp { app in
            _ = try await app.signedUpBrowser(handle: "late_reader", email: "late@example.org")
            #expect(try await Browser(app).json(.POST, "/api/v1/password-resets", ["email": "late@example.org"]).status == .accepted)
            let link = try resetLink(app, to: "late@example.org")
            let token = String(link.split(separator: "=", maxSplits: 1)[1])
            app.clock.advance(by: 3601)
            let response = try await Browser(app).json(.POST, "/api/v1/password-resets/confirm", ["token": token, "new_password": "sunlit-harbour-77"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.problemFields == ["token"])
        }
    }

    @Test("changing the password ends the other sessions but keeps this one")
    func changeEndsOtherSessions() async throws {
        try await withTestApp { app in
            let laptop = try await app.signedUpBrowser(handle: "two_devices")
            let phone = try Browser(app)
            #expect(try await phone.submit("/login", ["handle": "two_devices", "password": TestApp.password]).status == .seeOther)

            let wrong = try await laptop.submit("/settings/password", ["current_password": "not-my-password", "new_password": "sunlit-harbour-77"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("id=\"current_password-error\""))
            #expect(try await app.auditRows(.passwordChange, outcome: .failure).count == 1)

            let changed = try await laptop.submit("/settings/password", ["current_password": TestApp.password, "new_password": "sunlit-harbour-77"])
            #expect(changed.status == .seeOther)
            #expect(try await laptop.get("/settings").status == .ok)
            #expect(try await phone.get("/api/v1/me").status == .unauthorized)
            #expect(try await app.auditRows(.passwordChange, outcome: .success).count == 1)
        }
    }
}

@Suite("Settings: sessions and tokens")
struct SettingsTests {
    @Test("a member lists and ends another session")
    func endSession() async throws {
        try await withTestApp { app in
            let laptop = try await app.signedUpBrowser(handle: "multi")
            let phone = try Browser(app)
            phone.userAgent = "PhoneBrowser/2"
            _ = try await phone.submit("/login", ["handle": "multi", "password": TestApp.password])
            let list = try await laptop.get("/api/v1/sessions")
            let items = try #require(list.json["items"] as? [[String: Any]])
            #expect(items.count == 2)
            #expect(list.json.keys.contains("next_cursor"))
            let other = try #require(items.first { ($0["current"] as? Bool) == false })
            #expect(other["user_agent"] as? String == "PhoneBrowser/2")
            let id = try #require(other["id"] as? String)

            let ended = try await laptop.submit("/settings/sessions/\(id)/end", [:])
            #expect(ended.status == .seeOther)
            #expect(try await phone.get("/settings").location?.hasPrefix("/login") == true)
            #expect(try await app.auditRows(.sessionEnd).count == 1)
        }
    }

    @Test("another account cannot end my session or revoke my token")
    func ownership() async throws {
        try await withTestApp { app in
            let owner = try await app.signedUpBrowser(handle: "owner")
            let intruder = try await app.signedUpBrowser(handle: "intruder")
            let created = try await owner.json(.POST, "/api/v1/tokens", ["name": "mine"], headers: ["X-CSRF-Token": owner.csrfToken ?? ""])
            let tokenID = try #require(created.json["id"] as? String)
            let sessionID = try #require(((try await owner.get("/api/v1/sessions")).json["items"] as? [[String: Any]])?.first?["id"] as? String)

            #expect(try await intruder.submit("/settings/tokens/\(tokenID)/revoke", [:]).status == .notFound)
            #expect(try await intruder.submit("/settings/sessions/\(sessionID)/end", [:]).status == .notFound)
            #expect(try await intruder.json(.DELETE, "/api/v1/tokens/\(tokenID)", headers: ["X-CSRF-Token": intruder.csrfToken ?? ""]).status == .notFound)
            #expect(try await APIToken.query(on: app.db).count() == 1)
            #expect(try await owner.get("/api/v1/me").status == .ok)
        }
    }

    @Test("tokens: created once with their secret, listed without it, revoked for good")
    func tokens() async throws {
        try await withTestApp { app in
            let member = try await app.signedUpBrowser(handle: "tokened")
            let page = try await member.submit("/settings/tokens", ["name": "my script"])
            #expect(page.status == .created)
            #expect(page.text.contains("id=\"new-token\""))
            let secret = try #require(page.text.range(of: "mr_[A-Za-z0-9_-]{43}", options: .regularExpression).map { String(page.text[$0]) })

            let api = try Browser(app)
            api.origin = nil
            let me = try await api.get("/api/v1/me", headers: ["Authorization": "Bearer \(secret)"])
            #expect(me.status == .ok)
            #expect(me.json["handle"] as? String == "tokened")

            let list = try await member.get("/api/v1/tokens")
            let items = try #require(list.json["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(!list.text.contains(secret))
            let id = try #require(items.first?["id"] as? String)
            #expect(try await member.get("/settings").text.contains("my script"))

            #expect(try await member.submit("/settings/tokens/\(id)/revoke", [:]).status == .seeOther)
            #expect(try await api.get("/api/v1/me", headers: ["Authorization": "Bearer \(secret)"]).status == .unauthorized)
            #expect(try await app.auditRows(.tokenCreate).count == 1)
            #expect(try await app.auditRows(.tokenRevoke).count == 1)
        }
    }

    @Test("a token needs a name")
    func tokenName() async throws {
        try await withTestApp { app in
            let member = try await app.signedUpBrowser(handle: "nameless")
            let response = try await member.json(.POST, "/api/v1/tokens", ["name": "  "], headers: ["X-CSRF-Token": member.csrfToken ?? ""])
            #expect(response.status == .unprocessableEntity)
            #expect(response.problemFields == ["name"])
        }
    }
}

@Suite("Clean-up")
struct MaintenanceTests {
    @Test("expired sessions, spent reset links and old log-in failures are deleted; live ones stay")
    func purge() async throws {
        try await withTestApp { app in
            let member = try await app.signedUpBrowser(handle: "tidy", email: "tidy@example.org")
            _ = try await Browser(app).submit("/login", ["handle": "tidy", "password": "wrong-password-1"])
            _ = try await Browser(app).json(.POST, "/api/v1/password-resets", ["email": "tidy@example.org"])
            #expect(try await Maintenance.purgeExpired(on: app.db, now: app.clock.now, context: app.app.mindreel) == .init())
            #expect(try await member.get("/api/v1/me").status == .ok)

            app.clock.advance(by: SessionCookie.lifetime + 1)
            let purged = try await Maintenance.purgeExpired(on: app.db, now: app.clock.now, context: app.app.mindreel)
            #expect(purged == .init(sessions: 1, passwordResets: 1, loginFailures: 1))
            #expect(try await AuthSession.query(on: app.db).count() == 0)
        }
    }
}

@Suite("Reset mail limit")
struct ResetLimitTests {
    @Test("at most three reset mails an hour reach one inbox; the answer stays the same")
    func limit() async throws {
        try await withTestApp { app in
            _ = try await app.signedUpBrowser(handle: "flooded", email: "flooded@example.org")
            for _ in 1...5 {
                #expect(try await Browser(app).json(.POST, "/api/v1/password-resets", ["email": "flooded@example.org"]).status == .accepted)
            }
            let mails = try FileManager.default.contentsOfDirectory(atPath: app.outbox).filter { $0.hasSuffix(".eml") }
            #expect(mails.count == ResetPassword.maximumMailsPerHour)
            #expect(try await app.auditRows(.passwordResetRequest, outcome: .denied).count == 2)
        }
    }
}
