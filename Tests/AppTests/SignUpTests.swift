import Fluent
import Foundation
import MindreelCore
import Testing
import VaporTesting

@testable import App

@Suite("Sign-up")
struct SignUpTests {
    static let valid: [String: any Sendable] = [
        "handle": "river_calm", "display_name": "River", "email": "sam.lee@example.org",
        "password": TestApp.password, "birth_year": 1994,
    ]

    func post(_ app: TestApp, _ body: [String: any Sendable]) async throws -> TestingHTTPResponse {
        try await Browser(app).json(.POST, "/api/v1/accounts", body)
    }

    @Test("a valid sign-up creates a member and audits it")
    func createsAccount() async throws {
        try await withTestApp { app in
            let response = try await post(app, Self.valid)
            #expect(response.status == .created)
            #expect(response.json["handle"] as? String == "river_calm")
            #expect(response.json["is_minor"] as? Bool == false)
            #expect(response.json["roles"] as? [String] == ["member"])
            #expect(response.json["password_hash"] == nil)
            let user = try #require(try await User.query(on: app.db).first())
            #expect(user.passwordHash.hasPrefix("$2"))
            #expect(user.passwordHash != TestApp.password)
            let audit = try await app.auditRows(.signUp, outcome: .success)
            #expect(audit.count == 1)
            #expect(audit.first?.actorID == user.id)
            #expect(audit.first?.requestID?.isEmpty == false)
        }
    }

    @Test("a teenager is recorded as a minor")
    func minor() async throws {
        try await withTestApp { app in
            var body = Self.valid
            let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: app.clock.now).year!
            body["birth_year"] = year - 15
            let response = try await post(app, body)
            #expect(response.status == .created)
            #expect(response.json["is_minor"] as? Bool == true)
        }
    }

    /// Each refused sign-up names the field, writes no account, and leaves an audit row.
    @Test(
        "bad input is refused with a problem naming the field",
        arguments: [
            ("handle", "taken handle"), ("email", "taken email"), ("password", "short password"),
            ("password", "common password"), ("email", "malformed email"), ("birth_year", "under 13"),
            ("display_name", "missing display name"), ("handle", "handle with markup"),
            ("birth_year", "birth year as text"),
        ])
    func refused(field: String, scenario: String) async throws {
        try await withTestApp { app in
            var body = Self.valid
            var existing = 0
            switch scenario {
            case "taken handle", "taken email":
                var first = Self.valid
                if scenario == "taken handle" { first["email"] = "other@example.org" } else { first["handle"] = "other_person" }
                #expect(try await post(app, first).status == .created)
                existing = 1
                if scenario == "taken handle" { body["handle"] = "RIVER_CALM" } else { body["email"] = "Sam.Lee@Example.org" }
            case "short password": body["password"] = "short1!"
            case "common password": body["password"] = "password123"
            case "malformed email": body["email"] = "river.example.org"
            case "under 13":
                let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: app.clock.now).year!
                body["birth_year"] = year - 12
            case "missing display name": body["display_name"] = nil
            case "handle with markup": body["handle"] = "<script>"
            case "birth year as text": body["birth_year"] = "nineteen ninety"
            default: Issue.record("unknown scenario \(scenario)")
            }
            let response = try await post(app, body)
            #expect(response.status.code >= 400 && response.status.code < 500, "\(scenario): \(response.status)")
            #expect(response.headers.contentType?.subType == "problem+json", "\(scenario)")
            #expect(response.problemFields.contains(field), "\(scenario): \(response.text)")
            #expect(try await app.userCount() == existing, "\(scenario) wrote an account")
            #expect(try await app.auditRows(.signUp, outcome: .failure).count == 1, "\(scenario) was not audited")
        }
    }

    @Test("every missing field is named at once")
    func allMissing() async throws {
        try await withTestApp { app in
            let response = try await post(app, [:])
            #expect(response.status == .unprocessableEntity)
            #expect(Set(response.problemFields) == ["handle", "display_name", "email", "password", "birth_year"])
            #expect(try await app.userCount() == 0)
        }
    }

    @Test("invalid JSON is a 400 problem naming the body")
    func invalidJSON() async throws {
        try await withTestApp { app in
            let browser = try Browser(app)
            let response = try await browser.send(
                .POST, "/api/v1/accounts", headers: ["Content-Type": "application/json"], body: .init(string: "{\"handle\": "))
            #expect(response.status == .badRequest)
            #expect(response.problemFields == ["body"])
            #expect(try await app.userCount() == 0)
            #expect(try await app.auditRows(.signUp, outcome: .failure).count == 1)
        }
    }

    @Test("an oversized body is refused with 413 before anything is written")
    func oversized() async throws {
        try await withTestApp { app in
            // Over a real socket: the size limit applies while the body streams in.
            let browser = try Browser(app, tester: app.app.testing(method: .running(hostname: "127.0.0.1", port: 0)))
            var body = Self.valid
            body["display_name"] = String(repeating: "x", count: 200_000)
            let response = try await browser.json(.POST, "/api/v1/accounts", body)
            #expect(response.status == .payloadTooLarge)
            #expect(response.problemFields == ["body"])
            #expect(try await app.userCount() == 0)
            #expect(try await app.auditRows(.requestRejected, outcome: .denied).count == 1)
        }
    }

    @Test("the web form keeps what was typed (but not the password) and shows each error")
    func webFormErrors() async throws {
        try await withTestApp { app in
            let browser = try Browser(app)
            try await browser.get("/signup")
            let response = try await browser.submit(
                "/signup",
                [
                    "handle": "ab", "display_name": "<b>Bold</b>", "email": "me@example.org", "password": "short", "birth_year": "1990",
                ])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("id=\"handle-error\""))
            #expect(response.text.contains("id=\"password-error\""))
            #expect(response.text.contains("value=\"me@example.org\""))
            #expect(!response.text.contains("value=\"short\""))
            // Markup typed into a field comes back as text, never as markup.
            #expect(response.text.contains("&lt;b&gt;Bold&lt;/b&gt;"))
            #expect(!response.text.contains("<b>Bold</b>"))
            #expect(try await app.userCount() == 0)
        }
    }

    @Test("a web sign-up signs the member in")
    func webSignUp() async throws {
        try await withTestApp { app in
            let browser = try await app.signedUpBrowser(handle: "new_member")
            #expect(browser.cookies[SessionCookie.name] != nil)
            let home = try await browser.get("/")
            #expect(home.text.contains("@new_member"))
        }
    }
}
