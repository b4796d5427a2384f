import Fluent
import Foundation
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Reports and blocks")
struct ReportsAndBlocksTests {
    func csrf(_ browser: Browser) -> HTTPHeaders { ["X-CSRF-Token": browser.csrfToken ?? ""] }

    func ids(_ response: TestingHTTPResponse, _ key: String = "items") -> [String] {
        ((response.json[key] as? [[String: Any]]) ?? []).compactMap { ($0["video"] as? [String: Any])?["id"] as? String }
    }

    @Test("a report joins one case per thing, counts once per member, and says so; bad reports are refused in words and keep nothing")
    func reports() async throws {
        try await withTestApp { app in
            let (_, videoIDs) = try await FeedTests().readyVideos(app, handle: "supplement_seller", count: 1)
            let video = videoIDs[0]
            let first = try await app.signedUpBrowser(handle: "careful_viewer")
            let second = try await app.signedUpBrowser(handle: "second_viewer")

            let reasons = try await first.get("/api/v1/reports/reasons")
            #expect((reasons.json["reasons"] as? [[String: Any]])?.count == ReportReason.allCases.count)

            let sent = try await first.json(
                .POST, "/api/v1/reports",
                ["target_type": "video", "target_id": video, "reason": "misinformation", "note": "Says a supplement cures depression."],
                headers: csrf(first))
            #expect(sent.status == .created, "\(sent.text)")
            #expect(sent.json["already_reported"] as? Bool == false)
            let again = try await first.json(.POST, "/api/v1/reports", ["target_type": "video", "target_id": video, "reason": "spam"], headers: csrf(first))
            #expect(again.status == .ok && again.json["already_reported"] as? Bool == true, "\(again.text)")
            #expect((again.json["message"] as? String)?.contains("counts once") == true)
            let other = try await second.json(
                .POST, "/api/v1/reports", ["target_type": "video", "target_id": video, "reason": "self_harm_risk"], headers: csrf(second))
            #expect(other.status == .created)
            let cases = try await ModerationCase.query(on: app.db).all()
            #expect(cases.count == 1)
            #expect(cases.first?.reportCount == 2 && cases.first?.selfHarmRisk == true && cases.first?.topReason == .selfHarmRisk)
            #expect(cases.first?.snapshot.contains("Video 0 of supplement_seller") == true)
            let mine = try await first.get("/api/v1/me/reports")
            #expect((mine.json["items"] as? [[String: Any]])?.first?["status"] as? String == "open")

            // Bad input: no reason, an unknown one, a note over 1,000 characters, a gone video,
            // one's own video; nothing is kept for any of them.
            let before = try await Report.query(on: app.db).count()
            let noReason = try await first.json(.POST, "/api/v1/reports", ["target_type": "video", "target_id": video], headers: csrf(first))
            #expect(noReason.status == .unprocessableEntity && noReason.problemFields == ["reason"], "\(noReason.text)")
            let unknown = try await first.json(
                .POST, "/api/v1/reports", ["target_type": "video", "target_id": video, "reason": "boring"], headers: csrf(first))
            #expect(unknown.status == .unprocessableEntity && unknown.problemFields == ["reason"])
            let long = try await first.json(
                .POST, "/api/v1/reports", ["target_type": "video", "target_id": video, "reason": "other", "note": String(repeating: "a", count: 1001)],
                headers: csrf(first))
            #expect(long.status == .unprocessableEntity && long.problemFields == ["note"], "\(long.text)")
            #expect(long.text.contains("1000 characters or fewer"))
            let gone = try await first.json(
                .POST, "/api/v1/reports", ["target_type": "video", "target_id": UUID().uuidString, "reason": "spam"], headers: csrf(first))
            #expect(gone.status == .notFound && gone.text.contains("no longer available"), "\(gone.text)")
            let seller = try await FollowsFixture.logIn(app, "supplement_seller")
            let own = try await seller.json(.POST, "/api/v1/reports", ["target_type": "video", "target_id": video, "reason": "spam"], headers: csrf(seller))
            #expect(own.status == .unprocessableEntity && own.text.contains("yourself"), "\(own.text)")
            let selfAccount = try await seller.json(
                .POST, "/api/v1/reports", ["target_type": "account", "target_handle": "supplement_seller", "reason": "spam"], headers: csrf(seller))
            #expect(selfAccount.status == .unprocessableEntity)
            #expect(try await Report.query(on: app.db).count() == before, "a refused report was kept")

            // A deleted video cannot be reported; a visitor is asked to log in.
            #expect(try await seller.json(.DELETE, "/api/v1/videos/\(video)", headers: csrf(seller)).status == .noContent)
            let afterDelete = try await second.json(
                .POST, "/api/v1/reports", ["target_type": "video", "target_id": video, "reason": "spam"], headers: csrf(second))
            #expect(afterDelete.status == .notFound)
            #expect(
                try await Browser(app).json(.POST, "/api/v1/reports", ["target_type": "video", "target_id": video, "reason": "spam"]).status == .unauthorized)
        }
    }

    @Test("a member whose reports keep being dismissed may send only a few a day")
    func throttle() async throws {
        try await withTestApp { app in
            let (_, videoIDs) = try await FeedTests().readyVideos(app, handle: "fine_creator", count: 5)
            let reporter = try await app.signedUpBrowser(handle: "eager_reporter")
            let reporterID = try #require(try await User.query(on: app.db).filter(\.$handle == "eager_reporter").first()?.requireID())
            // Five earlier reports, each dismissed by a moderator.
            for _ in 0..<ReportRules.dismissedBeforeThrottle {
                let old = ModerationCase(
                    target: .account, targetID: UUID(), creatorID: reporterID, videoID: nil, reason: .spam, snapshot: "-", now: app.clock.now)
                old.status = .decided
                try await old.create(on: app.db)
                let report = Report(caseID: try old.requireID(), reporterID: reporterID, reason: .spam, note: nil, now: app.clock.now)
                report.outcome = .noAction
                report.closedAt = app.clock.now
                try await report.create(on: app.db)
            }
            app.clock.advance(by: 2 * 86400)
            for (index, video) in videoIDs.enumerated() {
                let response = try await reporter.json(
                    .POST, "/api/v1/reports", ["target_type": "video", "target_id": video, "reason": "spam"], headers: csrf(reporter))
                if index < ReportRules.throttledDailyReports {
                    #expect(response.status == .created, "report \(index): \(response.text)")
                } else {
                    #expect(response.status == .tooManyRequests, "report \(index): \(response.status)")
                    #expect(response.text.contains("a day"))
                }
            }
        }
    }

    @Test("blocking hides each from the other in feeds, search, hashtags, profiles, comments and notifications, ends follows both ways, and is undone")
    func blocking() async throws {
        try await withTestApp { app in
            let (_, theirs) = try await FeedTests().readyVideos(app, handle: "pushy_creator", count: 2)
            let (_, mine) = try await FeedTests().readyVideos(app, handle: "quiet_member", count: 1)
            let member = try await FollowsFixture.logIn(app, "quiet_member")
            let pushy = try await FollowsFixture.logIn(app, "pushy_creator")
            #expect(try await member.json(.PUT, "/api/v1/creators/pushy_creator/follow", headers: csrf(member)).status == .ok)
            #expect(try await pushy.json(.PUT, "/api/v1/creators/quiet_member/follow", headers: csrf(pushy)).status == .ok)
            let comment = try await pushy.json(.POST, "/api/v1/videos/\(mine[0])/comments", ["body": "You are wrong about this."], headers: csrf(pushy))
            #expect(comment.status == .created)
            #expect(try await NotificationsController.count(unreadOf: try #require(try await userID(app, "quiet_member")), on: app.db) == 2)

            #expect(
                try await member.json(.PUT, "/api/v1/creators/quiet_member/block", headers: csrf(member)).status == .unprocessableEntity, "blocking oneself")
            let blocked = try await member.json(.PUT, "/api/v1/creators/pushy_creator/block", headers: csrf(member))
            #expect(blocked.status == .ok && blocked.json["blocked"] as? Bool == true)
            #expect(try await Follow.query(on: app.db).count() == 0, "follows end both ways")
            #expect((try await member.get("/api/v1/me/blocks").json["items"] as? [[String: Any]])?.first?["handle"] as? String == "pushy_creator")

            // The blocker sees nothing of theirs.
            let feed = Set(ids(try await member.get("/api/v1/feed")))
            #expect(feed.isDisjoint(with: theirs) && feed.contains(mine[0]), "\(feed)")
            #expect(Set(ids(try await member.get("/api/v1/feed?topic=sleep"))).isDisjoint(with: theirs))
            #expect(Set(ids(try await member.get("/api/v1/hashtags/demo/videos"))).isDisjoint(with: theirs))
            let search = try await member.get("/api/v1/search?q=video")
            #expect(Set(ids(search["videos"])).isDisjoint(with: theirs), "\(search.text.prefix(300))")
            #expect(!((search.json["creators"] as? [[String: Any]]) ?? []).contains { $0["handle"] as? String == "pushy_creator" })
            #expect(ids(try await member.get("/api/v1/creators/pushy_creator/videos")).isEmpty)
            let comments = try await member.get("/api/v1/videos/\(mine[0])/comments")
            #expect((comments.json["items"] as? [[String: Any]])?.isEmpty == true, "\(comments.text)")
            #expect(try await NotificationsController.count(unreadOf: try #require(try await userID(app, "quiet_member")), on: app.db) == 0)
            let profile = try await member.get("/@pushy_creator")
            #expect(profile.status == .ok, "the blocker can still open the profile to unblock")
            #expect(!theirs.contains { profile.text.contains($0) })

            // The blocked account cannot see the blocker's videos or profile, comment or follow.
            #expect(try await pushy.get("/@quiet_member").status == .notFound)
            #expect(try await pushy.get("/api/v1/creators/quiet_member").status == .notFound)
            #expect(!Set(ids(try await pushy.get("/api/v1/feed"))).contains(mine[0]))
            let reply = try await pushy.json(.POST, "/api/v1/videos/\(mine[0])/comments", ["body": "Hello?"], headers: csrf(pushy))
            #expect(reply.status == .forbidden)
            #expect(try await pushy.json(.PUT, "/api/v1/creators/quiet_member/follow", headers: csrf(pushy)).status == .forbidden)
            // Others still see both.
            let visitorFeed = Set(ids(try await Browser(app).get("/api/v1/feed")))
            #expect(visitorFeed.isSuperset(of: theirs + mine))

            // Undone: everything is back (follows are not restored).
            #expect(try await member.json(.DELETE, "/api/v1/creators/pushy_creator/block", headers: csrf(member)).json["blocked"] as? Bool == false)
            #expect(Set(ids(try await member.get("/api/v1/feed"))).isSuperset(of: theirs))
            #expect(try await pushy.get("/@quiet_member").status == .ok)
        }
    }

    func userID(_ app: TestApp, _ handle: String) async throws -> UUID? {
        try await User.query(on: app.db).filter(\.$handle == handle).first()?.id
    }
}

extension TestingHTTPResponse {
    /// A nested object of a JSON response, as its own response-like dictionary.
    subscript(_ key: String) -> [String: Any] { json[key] as? [String: Any] ?? [:] }
}

extension ReportsAndBlocksTests {
    func ids(_ object: [String: Any]) -> [String] {
        ((object["items"] as? [[String: Any]]) ?? []).compactMap { ($0["video"] as? [String: Any])?["id"] as? String }
    }
}

/// Logging in an account made by `TusClient.make`.
enum FollowsFixture {
    static func logIn(_ app: TestApp, _ handle: String) async throws -> Browser {
        let browser = try Browser(app)
        try await browser.get("/login")
        let response = try await browser.submit("/login", ["handle": handle, "password": TestApp.password])
        #expect(response.status == .seeOther, "log-in of \(handle)")
        return browser
    }
}
