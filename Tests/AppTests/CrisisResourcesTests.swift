import Fluent
import Foundation
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// Crisis resources (issue 15): the defaults per region, where a page's region comes from, and
/// admins' audited changes that every page shows at once.
@Suite("Crisis resources")
struct CrisisResourcesTests {
    func listing(_ app: TestApp, _ query: String = "") async throws -> [String: Any] {
        try await Browser(app).get("/api/v1/crisis-resources" + query).json
    }

    func footer(_ page: TestingHTTPResponse) -> String {
        guard let start = page.text.range(of: "id=\"crisis-lines\""), let end = page.text.range(of: "</p>", range: start.upperBound..<page.text.endIndex) else {
            return ""
        }
        return String(page.text[start.upperBound..<end.lowerBound])
    }

    @Test(
        "the defaults: 988, Crisis Text Line and 911 in the US; Samaritans in GB and IE with their emergency numbers; 9-8-8 in Canada; elsewhere, the local emergency number"
    )
    func defaults() async throws {
        try await withTestApp { app in
            let us = try await listing(app)
            let usLines = us["resources"] as? [[String: Any]] ?? []
            #expect(us["region"] as? String == "US" && us["fallback"] as? Bool == false)
            #expect(usLines.map { $0["name"] as? String ?? "" } == ["988 Suicide & Crisis Lifeline", "Crisis Text Line", "Emergency services"])
            #expect(usLines[0]["call"] as? String == "988" && usLines[0]["text"] as? String == "988")
            #expect(usLines[0]["chat_url"] as? String == "https://988lifeline.org/chat")
            #expect(usLines[1]["text_keyword"] as? String == "HOME" && (usLines[1]["links"] as? [String: Any])?["text"] as? String == "sms:741741?&body=HOME")
            #expect(usLines[2]["emergency"] as? Bool == true && usLines[2]["call"] as? String == "911")

            let gb = try await listing(app, "?region=gb")["resources"] as? [[String: Any]] ?? []
            #expect(gb.map { $0["call"] as? String ?? "" } == ["116 123", "999"])
            #expect((gb[0]["links"] as? [String: Any])?["call"] as? String == "tel:116123")
            let ie = try await listing(app, "?region=IE")["resources"] as? [[String: Any]] ?? []
            #expect(ie.map { $0["call"] as? String ?? "" } == ["116 123", "112", "999"])
            let ca = try await listing(app, "?region=CA")["resources"] as? [[String: Any]] ?? []
            #expect(ca.map { $0["call"] as? String ?? "" } == ["9-8-8", "911"])

            let japan = try await listing(app, "?region=JP")
            #expect(japan["fallback"] as? Bool == true && japan["region_name"] as? String == "Japan")
            #expect((japan["resources"] as? [[String: Any]])?.first?["note"] as? String ?? "" == CrisisResourceRules.defaults.last?.note)

            let unknown = try await Browser(app).get("/api/v1/crisis-resources?region=XX")
            #expect(unknown.status == .badRequest && unknown.problemFields == ["region"])
            #expect(try await Browser(app).get("/help?region=XX").status == .badRequest)
        }
    }

    @Test("a page's region: the site's default, a pick on /help (remembered for a visitor), a member's setting; never the address")
    func regionChoice() async throws {
        try await withTestApp(defaultRegion: "GB") { app in
            let visitor = try Browser(app)
            // A US address changes nothing: the region never comes from where a request is from.
            let first = try await visitor.get("/guidelines", headers: ["X-Forwarded-For": "8.8.8.8"])
            #expect(footer(first).contains("Samaritans: call <a href=\"tel:116123\">116 123</a>"))
            #expect(footer(first).contains("In immediate danger, call <a href=\"tel:999\">999</a>"))
            #expect(!footer(first).contains("988"))

            let help = try await visitor.get("/help?region=ca")
            #expect(help.status == .ok && help.text.contains("Talk to someone: Canada") && help.text.contains("Call 9-8-8"))
            #expect(visitor.cookies[CrisisRegionChoice.cookieName] == "CA")
            #expect(footer(try await visitor.get("/guidelines")).contains("9-8-8 Suicide Crisis Helpline: call or text"))

            let member = try await app.signedUpBrowser(handle: "region_member")
            #expect(footer(try await member.get("/settings")).contains("Samaritans"))
            let saved = try await member.submit("/settings/region", ["region": "ie"])
            #expect(saved.status == .seeOther)
            let user = try #require(try await User.query(on: app.db).filter(\.$handle == "region_member").first())
            #expect(user.crisisRegion == "IE")
            let settings = try await member.get("/settings")
            #expect(footer(settings).contains("call <a href=\"tel:112\">112</a> or <a href=\"tel:999\">999</a>"))
            #expect(settings.text.contains("<option value=\"IE\" selected>Ireland</option>"))
            #expect(try await member.get("/help").text.contains("This is the region in your settings"))
            #expect(try await member.submit("/settings/region", ["region": "Narnia"]).status == .unprocessableEntity)
            #expect(try await User.find(user.id, on: app.db)?.crisisRegion == "IE", "a refused region changes nothing")
            _ = try await member.submit("/settings/region", ["region": ""])
            #expect(try await User.find(user.id, on: app.db)?.crisisRegion == nil)
        }
    }

    @Test(
        "an admin adds, changes and removes a line (audited); every page shows it at once; bad input is refused by its field and writes nothing; members cannot"
    )
    func adminChanges() async throws {
        try await withTestApp { app in
            let admin = try await app.signedUpBrowser(handle: "crisis_admin")
            let adminUser = try #require(try await User.query(on: app.db).filter(\.$handle == "crisis_admin").first())
            try await UserRole(userID: try adminUser.requireID(), role: .admin).create(on: app.db)
            let member = try await app.signedUpBrowser(handle: "crisis_member")
            let before = try await CrisisResource.query(on: app.db).count()

            #expect(try await member.get("/admin/crisis-resources").status == .forbidden)
            #expect(try await member.submit("/admin/crisis-resources", ["region": "US", "name": "Fake line", "call": "123"]).status == .forbidden)
            #expect(
                try await member.json(
                    .POST, "/api/v1/crisis-resources", ["region": "US", "name": "Fake", "call": "1"], headers: ["X-CSRF-Token": member.csrfToken ?? ""]
                )
                .status == .forbidden)

            #expect(try await admin.get("/admin/crisis-resources").text.contains("988 Suicide &amp; Crisis Lifeline"))
            let refusals: [([String: String], String)] = [
                (["region": "XX", "name": "Line", "call": "1"], "region"),
                (["region": "US", "name": "", "call": "1"], "name"),
                (["region": "US", "name": "Line"], "call"),
                (["region": "US", "name": "Line", "call": "call us"], "call"),
                (["region": "US", "name": "Line", "text_keyword": "HOME"], "text_keyword"),
                (["region": "US", "name": "Line", "chat_url": "http://example.org/chat"], "chat_url"),
                (["region": "US", "name": "Line", "call": "1", "note": String(repeating: "n", count: 201)], "note"),
            ]
            for (fields, field) in refusals {
                let refused = try await admin.submit("/admin/crisis-resources", fields)
                #expect(refused.status == .unprocessableEntity, "\(fields)")
                #expect(
                    refused.text.contains("id=\"new-crisis-\(field == "text_keyword" ? "keyword" : field == "chat_url" ? "chat" : field)-error\""), "\(field)")
                let api = try await admin.json(.POST, "/api/v1/crisis-resources", fields, headers: ["X-CSRF-Token": admin.csrfToken ?? ""])
                #expect(api.status == .unprocessableEntity && api.problemFields == [field], "\(fields)")
            }
            #expect(try await CrisisResource.query(on: app.db).count() == before, "a refused line is not written")
            #expect(try await app.auditRows(.crisisResourceCreate).isEmpty)

            let added = try await admin.submit(
                "/admin/crisis-resources",
                ["region": "us", "name": "  Trevor   Project ", "call": "1-866-488-7386", "text": "678678", "hours": "24 hours, every day"])
            #expect(added.status == .seeOther)
            let line = try #require(try await CrisisResource.query(on: app.db).filter(\.$name == "Trevor Project").first())
            #expect(line.region == "US" && line.call == "1-866-488-7386" && line.chatURL == nil && !line.emergency)
            #expect(try await app.auditRows(.crisisResourceCreate).first?.detail == "US: Trevor Project")
            let footerNow = footer(try await Browser(app).get("/guidelines"))
            #expect(footerNow.contains("Trevor Project: call <a href=\"tel:18664887386\">1-866-488-7386</a>, or text <a href=\"sms:678678\">678678</a>."))
            #expect(footerNow.range(of: "Trevor")!.lowerBound < footerNow.range(of: "In immediate danger")!.lowerBound, "the emergency number stays last")

            let id = try line.requireID().uuidString.lowercased()
            let patched = try await admin.json(
                .PATCH, "/api/v1/crisis-resources/\(id)", ["text": "", "chat_url": "https://example.org/chat"], headers: ["X-CSRF-Token": admin.csrfToken ?? ""]
            )
            #expect(patched.status == .ok && patched.json["text"] == nil && patched.json["chat_url"] as? String == "https://example.org/chat")
            #expect(
                footer(try await Browser(app).get("/guidelines")).contains(
                    "Trevor Project: call <a href=\"tel:18664887386\">1-866-488-7386</a>, or <a href=\"https://example.org/chat\">chat online</a>."))
            #expect(try await app.auditRows(.crisisResourceUpdate).count == 1)

            #expect(try await admin.submit("/admin/crisis-resources/\(id)/delete", [:]).status == .seeOther)
            #expect(try await CrisisResource.find(line.id, on: app.db) == nil)
            #expect(!footer(try await Browser(app).get("/guidelines")).contains("Trevor"))
            #expect(try await app.auditRows(.crisisResourceDelete).first?.detail == "US: Trevor Project")
            #expect(try await admin.submit("/admin/crisis-resources/\(id)/delete", [:]).status == .notFound)
        }
    }

    @Test("MINDREEL_DEFAULT_REGION takes a region code, in any case, and refuses anything else")
    func defaultRegionSetting() throws {
        #expect(try AppConfig.fromEnvironment([:]).defaultRegion == "US")
        #expect(try AppConfig.fromEnvironment(["MINDREEL_DEFAULT_REGION": "ie"]).defaultRegion == "IE")
        #expect(throws: AppConfig.Error.self) { try AppConfig.fromEnvironment(["MINDREEL_DEFAULT_REGION": "Ireland"]) }
    }
}
