import Fluent
import Foundation
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// Licence verification through the pages and the API: applying with evidence, review,
/// the badge, expiry, revocation, and who may see what.
@Suite("Licences")
struct LicenceTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    struct Upload {
        var name = "evidence"
        var filename = "licence.pdf"
        var type = "application/pdf"
        var bytes: [UInt8]
    }

    static func multipart(_ fields: [String: String], file: Upload?, boundary: String) -> ByteBuffer {
        var body = ByteBuffer()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        if let file {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\n")
            body.writeString("Content-Type: \(file.type)\r\n\r\n")
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return body
    }

    /// A good application, as the form sends it; `changes` replace fields.
    static func fields(_ app: TestApp, _ changes: [String: String] = [:]) -> [String: String] {
        let expiry = CalendarDay(of: app.clock.now).adding(days: 400).description
        var fields = [
            "legal_name": "Ana María Quintero", "licence_type": "lmft", "other_type": "", "licence_number": "LMFT 118203",
            "jurisdiction": "US-CA", "expires_on": expiry, "board_url": "https://search.dca.ca.gov", "practice_id": "",
        ]
        for (key, value) in changes { fields[key] = value }
        return fields
    }

    /// Sends the application form with the browser's CSRF token.
    @discardableResult
    static func apply(_ browser: Browser, _ fields: [String: String], file: Upload? = Upload(bytes: pdf), to path: String = "/settings/licence") async throws
        -> TestingHTTPResponse
    {
        if browser.csrfToken == nil { try await browser.get("/settings/licence") }
        var fields = fields
        fields["csrf_token"] = browser.csrfToken ?? ""
        let boundary = "mindreel-licence-boundary"
        return try await browser.send(
            .POST, path, headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"], body: multipart(fields, file: file, boundary: boundary))
    }

    static func csrf(_ browser: Browser) -> HTTPHeaders { ["X-CSRF-Token": browser.csrfToken ?? ""] }

    static func user(_ app: TestApp, _ handle: String) async throws -> User {
        try #require(try await User.query(on: app.db).filter(\.$handle == handle).first())
    }

    static func evidenceFiles(_ app: TestApp) -> [String] {
        let root = app.config.mediaDirectory + "/licences"
        guard let users = try? FileManager.default.contentsOfDirectory(atPath: root) else { return [] }
        return users.flatMap { user in ((try? FileManager.default.contentsOfDirectory(atPath: root + "/" + user)) ?? []).map { user + "/" + $0 } }
    }

    static func roles(_ browser: Browser) async throws -> [String] {
        (try await browser.get("/api/v1/me").json["roles"] as? [String]) ?? []
    }

    @Test("a member applies with evidence, a moderator approves: the clinician role and the badge on videos, profile and the licence's page")
    func applyAndApprove() async throws {
        try await withTestApp { app in
            let (_, videos) = try await FeedTests().readyVideos(app, handle: "ana_applies", count: 1)
            let ana = try await FollowsFixture.logIn(app, "ana_applies")
            let sent = try await Self.apply(ana, Self.fields(app))
            #expect(sent.status == .seeOther, "\(sent.text.prefix(600))")
            let mine = try await ana.get("/settings/licence")
            #expect(mine.text.contains("Waiting for review") && mine.text.contains("California, United States"))
            #expect(try await app.auditRows(.licenceApply).count == 1)
            #expect(Self.evidenceFiles(app).count == 1)
            // Nothing shows yet.
            #expect(try await Self.roles(ana) == ["member"])
            let before = try await Browser(app).get("/api/v1/feed")
            #expect(!before.text.contains("\"badge\""))

            let moderator = try await ModerationDeskTests().moderator(app, "desk_reviewer")
            let queue = try await moderator.get("/api/v1/moderation/licences")
            let items = try #require(queue.json["items"] as? [[String: Any]])
            #expect(items.count == 1 && items[0]["applicant_handle"] as? String == "ana_applies")
            let id = try #require(items[0]["id"] as? String)
            let review = try await moderator.get("/moderation/licences/\(id)")
            #expect(review.status == .ok && review.text.contains("Ana María Quintero") && review.text.contains("https://search.dca.ca.gov"))
            let evidence = try await moderator.get("/moderation/licences/\(id)/evidence")
            #expect(evidence.status == .ok && evidence.headers.contentType?.description == "application/pdf")
            #expect(Array(evidence.body.readableBytesView) == Self.pdf)
            #expect(try await app.auditRows(.licenceEvidenceView).count == 1, "each evidence view is audited")

            let approved = try await moderator.submit("/moderation/licences/\(id)/decision", ["decision": "approve", "note": ""])
            #expect(approved.status == .seeOther, "\(approved.text.prefix(400))")
            #expect(try await Self.roles(ana).contains("clinician"))
            #expect(try await app.auditRows(.licenceReview).first?.detail == "approve")
            let told = try await MemberNotification.query(on: app.db).filter(\.$kind == .licence).all()
            #expect(told.count == 1 && told[0].text.contains("is verified"))

            // The badge: on the video (API and page), the feed, the profile, the grid.
            let feed = try await Browser(app).get("/api/v1/feed")
            let listed = try await Browser(app).get("/api/v1/creators/ana_applies/videos")
            for text in [feed.text, listed.text] {
                #expect(text.contains("\"licence_type\":\"LMFT\"") && text.contains("California, United States"), "\(text.prefix(300))")
            }
            let page = try await Browser(app).get("/v/\(videos[0])")
            #expect(page.text.contains("Verified LMFT") && page.text.contains("/licences/\(id)"))
            let profile = try await Browser(app).get("/@ana_applies")
            #expect(profile.text.contains("Verified LMFT") && profile.text.contains("/licences/\(id)"))
            let licencePage = try await Browser(app).get("/licences/\(id)")
            #expect(licencePage.status == .ok && licencePage.text.contains("LMFT 118203") && licencePage.text.contains("https://search.dca.ca.gov"))
            #expect(licencePage.text.contains("not that every video") || licencePage.text.contains("does not mean that Mindreel endorses"))
            #expect(!licencePage.text.contains("Quintero"), "the legal name is for moderators only")
            let publicAPI = try await Browser(app).get("/api/v1/licences/\(id)")
            #expect(publicAPI.status == .ok && !publicAPI.text.contains("Quintero") && !publicAPI.text.contains("legal_name"))
        }
    }

    @Test("bad applications are refused naming the field, and leave no file and no row")
    func badInput() async throws {
        try await withTestApp(maxEvidenceBytes: 64 * 1024) { app in
            let member = try await app.signedUpBrowser(handle: "careful_applicant")
            let yesterday = CalendarDay(of: app.clock.now).adding(days: -1).description
            let cases: [([String: String], Upload?, String)] = [
                (["expires_on": yesterday], Upload(bytes: Self.pdf), "expires_on"),
                (["licence_number": ""], Upload(bytes: Self.pdf), "licence_number"),
                (["jurisdiction": ""], Upload(bytes: Self.pdf), "jurisdiction"),
                (["board_url": "ftp://board.example.org"], Upload(bytes: Self.pdf), "board_url"),
                (["board_url": "javascript:alert(1)"], Upload(bytes: Self.pdf), "board_url"),
                ([:], Upload(filename: "licence.pdf", bytes: Array("I promise this is my licence.\n".utf8)), "evidence"),
                ([:], Upload(bytes: Self.pdf + [UInt8](repeating: 0x20, count: 64 * 1024)), "evidence"),
                ([:], nil, "evidence"),
            ]
            for (changes, file, field) in cases {
                let page = try await Self.apply(member, Self.fields(app, changes), file: file)
                #expect(page.status == .unprocessableEntity, "\(field): \(page.status)")
                #expect(page.text.contains("id=\"\(field)-error\""), "\(field) is named beside it")
                #expect(page.text.contains("value=\"Ana María Quintero\""), "what was typed is kept")
                let api = try await member.send(
                    .POST, "/api/v1/me/licences", headers: ["Content-Type": "multipart/form-data; boundary=b", "X-CSRF-Token": member.csrfToken ?? ""],
                    body: Self.multipart(Self.fields(app, changes), file: file, boundary: "b"))
                #expect(api.status == .unprocessableEntity && api.problemFields.contains(field), "\(field): \(api.text.prefix(300))")
            }
            #expect(try await Licence.query(on: app.db).count() == 0)
            #expect(Self.evidenceFiles(app).isEmpty)
            let work = (try? FileManager.default.contentsOfDirectory(atPath: app.config.dataDirectory + "/work")) ?? []
            #expect(work.allSatisfy { !$0.hasPrefix("evidence-") })

            // A second open application: refused, and nothing more is stored.
            #expect(try await Self.apply(member, Self.fields(app)).status == .seeOther)
            let again = try await Self.apply(member, Self.fields(app, ["licence_number": "OTHER-1"]))
            #expect(again.status == .conflict && again.text.contains("already have an application waiting"))
            #expect(try await Licence.query(on: app.db).count() == 1 && Self.evidenceFiles(app).count == 1)
        }
    }

    @Test("review routes and evidence answer 403 or 404 to everyone but moderators; an applicant sees only their own evidence; nothing under /media")
    func access() async throws {
        try await withTestApp { app in
            let applicant = try await app.signedUpBrowser(handle: "private_applicant")
            #expect(try await Self.apply(applicant, Self.fields(app)).status == .seeOther)
            let licence = try #require(try await Licence.query(on: app.db).first())
            let id = try licence.requireID().uuidString.lowercased()
            let other = try await app.signedUpBrowser(handle: "nosy_member")
            let clinician = try await app.signedUpBrowser(handle: "some_clinician")
            try await UserRole(userID: try Self.user(app, "some_clinician").requireID(), role: .clinician).create(on: app.db)
            let coordinator = try await app.signedUpBrowser(handle: "some_coordinator")
            try await UserRole(userID: try Self.user(app, "some_coordinator").requireID(), role: .coordinator).create(on: app.db)
            let visitor = try Browser(app)
            try await visitor.get("/")

            let reviewPaths = [
                "/moderation/licences", "/moderation/licences/\(id)", "/moderation/licences/\(id)/evidence", "/api/v1/moderation/licences",
                "/api/v1/moderation/licences/\(id)", "/api/v1/moderation/licences/\(id)/evidence",
            ]
            for browser in [visitor, other, clinician, coordinator] {
                for path in reviewPaths {
                    let status = try await browser.get(path).status
                    #expect([.forbidden, .notFound].contains(status), "\(path): \(status)")
                }
                for path in ["/moderation/licences/\(id)/decision", "/api/v1/moderation/licences/\(id)/decision"] {
                    let status = try await browser.submit(path, ["decision": "approve"]).status
                    #expect([.forbidden, .notFound].contains(status), "POST \(path): \(status)")
                }
                for path in ["/settings/licence/\(id)/evidence", "/api/v1/me/licences/\(id)/evidence"] {
                    let response = try await browser.get(path)
                    // A visitor is sent to log in (pages) or told to (API); a member finds nothing.
                    let toLogIn = response.status == .seeOther && response.location?.hasPrefix("/login") == true
                    #expect(
                        [.forbidden, .notFound, .unauthorized].contains(response.status) || (browser === visitor && toLogIn), "\(path): \(response.status)")
                    #expect(!Array(response.body.readableBytesView).starts(with: Array("%PDF".utf8)))
                }
                // A licence that was never verified has no public page either.
                #expect(try await browser.get("/licences/\(id)").status == .notFound)
            }
            // The applicant opens their own.
            let own = try await applicant.get("/settings/licence/\(id)/evidence")
            #expect(own.status == .ok && Array(own.body.readableBytesView) == Self.pdf)
            #expect(try await applicant.get("/api/v1/me/licences/\(id)/evidence").status == .ok)
            // No public path reaches the stored file.
            let stored = licence.evidenceKey
            let name = String(stored.split(separator: "/").last ?? "")
            for path in [
                "/media/\(stored)", "/media/licences/\(name)", "/media/avatars/\(name)", "/media/videos/\(licence.$user.id.uuidString.lowercased())/\(name)",
            ] {
                #expect(try await visitor.get(path).status == .notFound, "\(path)")
                #expect(try await applicant.get(path).status == .notFound, "\(path)")
            }
            // Nobody reviews their own application, moderator or not.
            try await UserRole(userID: licence.$user.id, role: .moderator).create(on: app.db)
            let self_ = try await applicant.json(.POST, "/api/v1/moderation/licences/\(id)/decision", ["decision": "approve"], headers: Self.csrf(applicant))
            #expect(self_.status == .unprocessableEntity && self_.text.contains("your own application"), "\(self_.text)")
            #expect(try await Licence.find(licence.requireID(), on: app.db)?.status == .pending)
        }
    }

    @Test("at expiry the badge and the role lapse by themselves; notices 60 and 30 days before and on the day; renewal keeps the badge")
    func expiryAndRenewal() async throws {
        try await withTestApp { app in
            let (_, videos) = try await FeedTests().readyVideos(app, handle: "lee_expires", count: 1)
            let lee = try await FollowsFixture.logIn(app, "lee_expires")
            let expiry = CalendarDay(of: app.clock.now).adding(days: 90)
            #expect(try await Self.apply(lee, Self.fields(app, ["licence_type": "psychologist", "expires_on": expiry.description])).status == .seeOther)
            let moderator = try await ModerationDeskTests().moderator(app, "expiry_desk")
            let first = try #require(try await Licence.query(on: app.db).first())
            let firstID = try first.requireID().uuidString.lowercased()
            #expect(try await moderator.submit("/moderation/licences/\(firstID)/decision", ["decision": "approve"]).status == .seeOther)
            func run() async throws { try await LicenceReminders.run(on: app.db, now: app.clock.now, audit: app.app.audit) }
            func notices() async throws -> [String] {
                try await MemberNotification.query(on: app.db).filter(\.$kind == .licence).sort(\.$createdAt).all().map(\.text)
            }
            try await run()
            #expect(try await notices().count == 1, "only the approval so far")
            // Too early to renew.
            #expect(try await lee.get("/settings/licence").text.contains("You can submit a renewal from"))

            app.clock.advance(by: 30 * 86400)  // 60 days left
            try await run()
            try await run()
            #expect(try await notices().last?.contains("in 60 days") == true)
            #expect(try await notices().count == 2, "each notice once")
            app.clock.advance(by: 30 * 86400)  // 30 days left
            try await run()
            #expect(try await notices().last?.contains("in 30 days") == true)
            app.clock.advance(by: 30 * 86400)  // the last day
            try await run()
            #expect(try await notices().last?.contains("expires today") == true)
            #expect(try await Self.roles(try await FollowsFixture.logIn(app, "lee_expires")).contains("clinician"), "valid through its last day")

            app.clock.advance(by: 86400)  // the day after
            let lapsedLee = try await FollowsFixture.logIn(app, "lee_expires")
            #expect(try await Self.roles(lapsedLee) == ["member"], "the role lapsed by itself")
            #expect(!(try await Browser(app).get("/api/v1/feed").text.contains("\"badge\"")), "and the badge")
            #expect(!(try await Browser(app).get("/v/\(videos[0])").text.contains("Verified Psychologist")))
            let licencePage = try await Browser(app).get("/licences/\(firstID)")
            #expect(licencePage.text.contains("No longer verified"))
            try await run()
            #expect(try await notices().last?.contains("expired on") == true)
            #expect(try await app.auditRows(.licenceLapse).count == 1)

            // A renewal, approved: the badge is back until the new date, and the old licence is replaced.
            let renewed = CalendarDay(of: app.clock.now).adding(days: 700).description
            let sent = try await Self.apply(lapsedLee, Self.fields(app, ["licence_type": "psychologist", "expires_on": renewed]))
            #expect(sent.status == .seeOther, "\(sent.text.prefix(300))")
            let second = try #require(try await Licence.query(on: app.db).filter(\.$status == .pending).first())
            let desk = try await FollowsFixture.logIn(app, "expiry_desk")
            let decided = try await desk.json(
                .POST, "/api/v1/moderation/licences/\(try second.requireID().uuidString.lowercased())/decision", ["decision": "approve"],
                headers: Self.csrf(desk))
            #expect(decided.status == .ok, "\(decided.text)")
            #expect(try await Self.roles(lapsedLee).contains("clinician"))
            #expect(try await Browser(app).get("/v/\(videos[0])").text.contains("Verified Psychologist (PhD/PsyD)"))
        }
    }

    @Test("ask for more, resubmit, reject, apply again; an admin revokes with a reason")
    func reviewSteps() async throws {
        try await withTestApp { app in
            let jo = try await app.signedUpBrowser(handle: "jo_resubmits")
            #expect(try await Self.apply(jo, Self.fields(app)).status == .seeOther)
            let moderator = try await ModerationDeskTests().moderator(app, "steps_desk")
            var licence = try #require(try await Licence.query(on: app.db).first())
            let id = try licence.requireID().uuidString.lowercased()
            let noReason = try await moderator.submit("/moderation/licences/\(id)/decision", ["decision": "ask_for_info", "note": ""])
            #expect(noReason.status == .unprocessableEntity && noReason.text.contains("Say what is missing"))
            #expect(
                try await moderator.submit("/moderation/licences/\(id)/decision", ["decision": "ask_for_info", "note": "The number does not match the board."])
                    .status == .seeOther)
            let asked = try await jo.get("/settings/licence")
            #expect(asked.text.contains("The number does not match the board.") && asked.text.contains("Update your application"))
            // Resubmitted without a new file: the old evidence stays.
            let resent = try await Self.apply(jo, Self.fields(app, ["licence_number": "LMFT 118204"]), file: nil, to: "/settings/licence/\(id)")
            #expect(resent.status == .seeOther, "\(resent.text.prefix(300))")
            licence = try #require(try await Licence.find(licence.requireID(), on: app.db))
            #expect(licence.status == .pending && licence.licenceNumber == "LMFT 118204" && Self.evidenceFiles(app).count == 1)

            #expect(
                try await moderator.submit("/moderation/licences/\(id)/decision", ["decision": "reject", "note": "The board lists this licence as inactive."])
                    .status == .seeOther)
            #expect(try await MemberNotification.query(on: app.db).filter(\.$kind == .licence).all().contains { $0.text.contains("inactive") })
            // A rejected applicant can apply again; this time it is approved.
            #expect(try await Self.apply(jo, Self.fields(app)).status == .seeOther)
            let second = try #require(try await Licence.query(on: app.db).filter(\.$status == .pending).first())
            let secondID = try second.requireID().uuidString.lowercased()
            #expect(try await moderator.submit("/moderation/licences/\(secondID)/decision", ["decision": "approve"]).status == .seeOther)
            #expect(try await Self.roles(jo).contains("clinician"))

            // Moderators cannot revoke; an admin can, with a reason.
            #expect(try await moderator.submit("/admin/licences/\(secondID)/revoke", ["reason": "Suspended by the board."]).status == .forbidden)
            let admin = try await ModerationDeskTests().moderator(app, "site_admin", role: .admin)
            let noWhy = try await admin.submit("/admin/licences/\(secondID)/revoke", ["reason": ""])
            #expect(noWhy.status == .unprocessableEntity)
            #expect(try await admin.submit("/admin/licences/\(secondID)/revoke", ["reason": "Suspended by the board in March."]).status == .seeOther)
            #expect(try await Self.roles(jo) == ["member"])
            #expect(try await app.auditRows(.licenceRevoke).first?.detail == "Suspended by the board in March.")
            #expect(
                try await MemberNotification.query(on: app.db).filter(\.$kind == .licence).all().contains {
                    $0.text.contains("Suspended by the board in March.")
                })
        }
    }

    @Test("a profile that claims a licence without a verified one opens one moderation case as possible impersonation; ordinary words do not")
    func impersonation() async throws {
        try await withTestApp { app in
            let plain = try await app.signedUpBrowser(handle: "plain_words")
            let ordinary = try await plain.submit(
                "/settings/profile", ["display_name": "Plain Words", "bio": "My therapist taught me box breathing.", "links": ""])
            #expect(ordinary.status == .seeOther)
            #expect(try await ModerationCase.query(on: app.db).count() == 0, "“my therapist” is not a claim")

            let claimant = try await app.signedUpBrowser(handle: "sam_claims")
            #expect(try await claimant.submit("/settings/profile", ["display_name": "Dr. Sam Rivera, LMFT", "bio": "", "links": ""]).status == .seeOther)
            #expect(
                try await claimant.submit("/settings/profile", ["display_name": "Dr. Sam Rivera, LMFT", "bio": "Licensed therapist.", "links": ""]).status
                    == .seeOther)
            let cases = try await ModerationCase.query(on: app.db).all()
            #expect(cases.count == 1, "saved twice, one case")
            #expect(cases.first?.targetType == .account && cases.first?.topReason == .impersonation)
            #expect(cases.first?.snapshot.contains("Licensed therapist.") == true, "the case shows the latest words")
            #expect(try await Self.user(app, "sam_claims").displayName == "Dr. Sam Rivera, LMFT", "never an automatic action")
            let moderator = try await ModerationDeskTests().moderator(app, "imp_desk")
            #expect(try await moderator.get("/moderation").text.contains("opened by the licence check"))
            #expect(try await app.auditRows(.impersonationCheck).count == 2)
        }
    }
}
