import Fluent
import Foundation
import MindreelCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Moderation desk")
struct ModerationDeskTests {
    func csrf(_ browser: Browser) -> HTTPHeaders { ["X-CSRF-Token": browser.csrfToken ?? ""] }

    func ids(_ response: TestingHTTPResponse) -> [String] {
        ((response.json["items"] as? [[String: Any]]) ?? []).compactMap { ($0["video"] as? [String: Any])?["id"] as? String }
    }

    func ids(_ object: [String: Any]) -> [String] {
        ((object["items"] as? [[String: Any]]) ?? []).compactMap { ($0["video"] as? [String: Any])?["id"] as? String }
    }

    func moderator(_ app: TestApp, _ handle: String, role: Role = .moderator) async throws -> Browser {
        let browser = try await app.signedUpBrowser(handle: handle)
        let user = try #require(try await User.query(on: app.db).filter(\.$handle == handle).first())
        try await UserRole(userID: try user.requireID(), role: role).create(on: app.db)
        return browser
    }

    func report(_ browser: Browser, _ fields: [String: any Sendable]) async throws {
        let sent = try await browser.json(.POST, "/api/v1/reports", fields, headers: csrf(browser))
        #expect(sent.status == .created, "\(sent.text)")
    }

    func queue(_ browser: Browser) async throws -> [[String: Any]] {
        (try await browser.get("/api/v1/moderation/queue").json["items"] as? [[String: Any]]) ?? []
    }

    func notifications(_ app: TestApp, _ handle: String) async throws -> [String] {
        let user = try #require(try await User.query(on: app.db).filter(\.$handle == handle).first())
        return try await MemberNotification.query(on: app.db).filter(\.$recipient.$id == (try user.requireID())).filter(\.$kind == .moderation)
            .sort(\.$createdAt).all().map(\.text)
    }

    @Test("the queue puts a self-harm report first, whatever the number of other reports; only moderators and admins read it")
    func order() async throws {
        try await withTestApp { app in
            let (_, videos) = try await FeedTests().readyVideos(app, handle: "busy_creator", count: 1)
            let commenter = try await app.signedUpBrowser(handle: "low_commenter")
            let comment = try await commenter.json(
                .POST, "/api/v1/videos/\(videos[0])/comments", ["body": "i dont want to be here anymore"], headers: csrf(commenter))
            let commentID = try #require(comment.json["id"] as? String)
            for handle in ["first_reporter", "second_reporter", "third_reporter"] {
                let reporter = try await app.signedUpBrowser(handle: handle)
                try await report(reporter, ["target_type": "video", "target_id": videos[0], "reason": "misinformation"])
            }
            app.clock.advance(by: 3600)
            try await report(
                try await app.signedUpBrowser(handle: "worried_friend"), ["target_type": "comment", "target_id": commentID, "reason": "self_harm_risk"])

            let desk = try await moderator(app, "desk_one")
            let items = try await queue(desk)
            #expect(items.map { $0["target_type"] as? String } == ["comment", "video"], "\(items)")
            #expect(items.first?["self_harm_risk"] as? Bool == true)
            #expect(items.last?["report_count"] as? Int == 3)
            let page = try await desk.get("/moderation")
            #expect(page.status == .ok && page.text.contains("Self-harm risk"))
            let admin = try await moderator(app, "desk_admin", role: .admin)
            #expect(try await admin.get("/api/v1/moderation/queue").status == .ok)
            for browser in [try Browser(app), commenter] {
                #expect([.forbidden, .notFound].contains(try await browser.get("/api/v1/moderation/queue").status))
                #expect([.forbidden, .notFound].contains(try await browser.get("/moderation").status))
            }
        }
    }

    @Test("removing a video: one transaction with its audit row; the creator and reporter are told; one appeal, decided by another moderator, restores it")
    func removeAppealReverse() async throws {
        try await withTestApp { app in
            let (_, videos) = try await FeedTests().readyVideos(app, handle: "cure_seller", count: 1)
            let video = videos[0]
            let reporter = try await app.signedUpBrowser(handle: "alert_viewer")
            try await report(reporter, ["target_type": "video", "target_id": video, "reason": "misinformation", "note": "Sells a cure."])
            let first = try await moderator(app, "first_mod")
            let second = try await moderator(app, "second_mod")
            let caseID = try #require(try await queue(first).first?["id"] as? String)

            // Bad decisions are refused in words and change nothing.
            let noSection = try await first.json(
                .POST, "/api/v1/moderation/cases/\(caseID)/decision", ["action": "remove", "reason": "Sells an unproven cure for depression."],
                headers: csrf(first))
            #expect(noSection.status == .unprocessableEntity && noSection.problemFields == ["guideline"], "\(noSection.text)")
            let noReason = try await first.json(
                .POST, "/api/v1/moderation/cases/\(caseID)/decision", ["action": "remove", "guideline": "cures_and_treatments"], headers: csrf(first))
            #expect(noReason.status == .unprocessableEntity && noReason.problemFields == ["reason"])
            #expect(try await Video.find(UUID(uuidString: video), on: app.db)?.publicationState == .published)

            let decided = try await first.json(
                .POST, "/api/v1/moderation/cases/\(caseID)/decision",
                ["action": "remove", "guideline": "cures_and_treatments", "reason": "Sells an unproven supplement as a cure for depression."],
                headers: csrf(first))
            #expect(decided.status == .created, "\(decided.text)")
            #expect(try await Video.find(UUID(uuidString: video), on: app.db)?.publicationState == .removed)
            #expect(try await reporter.get("/api/v1/videos/\(video)").status == .notFound)
            #expect(!ids(try await reporter.get("/api/v1/feed")).contains(video))
            #expect(try await second.get("/api/v1/videos/\(video)").status == .ok, "a moderator can still watch it, for the appeal")

            let audit = try await app.auditRows(.moderationDecide)
            #expect(audit.count == 1)
            #expect(audit.first?.actorRole == "moderator" && audit.first?.objectID == video)
            #expect(audit.first?.detail?.contains("guideline=cures_and_treatments") == true && audit.first?.detail?.contains("unproven supplement") == true)

            let told = try await notifications(app, "cure_seller")
            #expect(told.count == 1, "\(told)")
            #expect(told.first?.contains("Your video was removed under guideline") == true && told.first?.contains("appeal once") == true, "\(told)")
            #expect(try await notifications(app, "alert_viewer").first?.contains("acted") == true)
            let mine = try await reporter.get("/api/v1/me/reports")
            #expect((mine.json["items"] as? [[String: Any]])?.first?["outcome"] as? String == "acted")

            // The creator sees it in the studio and appeals once.
            let creator = try await FollowsFixture.logIn(app, "cure_seller")
            let decisions = (try await creator.get("/api/v1/studio/decisions").json["items"] as? [[String: Any]]) ?? []
            let decisionID = try #require(decisions.first?["id"] as? String)
            #expect(decisions.first?["can_appeal"] as? Bool == true && decisions.first?["guideline_title"] as? String != nil)
            let studio = try await creator.get("/studio")
            #expect(studio.text.contains("Sells an unproven supplement") && studio.text.contains("Appeal"))
            let tooShort = try await creator.json(.POST, "/api/v1/studio/decisions/\(decisionID)/appeal", ["note": "no"], headers: csrf(creator))
            #expect(tooShort.status == .unprocessableEntity && tooShort.problemFields == ["note"])
            let appealed = try await creator.json(
                .POST, "/api/v1/studio/decisions/\(decisionID)/appeal", ["note": "It is a sponsored segment and says so; I cite a trial."],
                headers: csrf(creator))
            #expect(appealed.status == .ok, "\(appealed.text)")
            let twice = try await creator.json(
                .POST, "/api/v1/studio/decisions/\(decisionID)/appeal", ["note": "Please look again at my video."], headers: csrf(creator))
            #expect(twice.status == .conflict && twice.text.contains("already appealed"), "\(twice.text)")
            #expect(
                try await reporter.json(.POST, "/api/v1/studio/decisions/\(decisionID)/appeal", ["note": "Not mine to appeal at all."], headers: csrf(reporter))
                    .status == .notFound)

            // The first moderator cannot decide the appeal; the second reverses it.
            #expect(try await queue(second).first?["status"] as? String == "appealed")
            let same = try await first.json(
                .POST, "/api/v1/moderation/cases/\(caseID)/appeal-decision", ["outcome": "reversed", "reason": "On a second look it is fine."],
                headers: csrf(first))
            #expect(same.status == .forbidden && same.text.contains("another moderator"), "\(same.text)")
            let reversed = try await second.json(
                .POST, "/api/v1/moderation/cases/\(caseID)/appeal-decision",
                ["outcome": "reversed", "reason": "The segment is labelled and cites a trial; no cure is sold."], headers: csrf(second))
            #expect(reversed.status == .ok, "\(reversed.text)")
            #expect(try await Video.find(UUID(uuidString: video), on: app.db)?.publicationState == .published)
            #expect(ids(try await reporter.get("/api/v1/feed")).contains(video))
            #expect(try await notifications(app, "cure_seller").last?.contains("reversed") == true)
            #expect(try await app.auditRows(.moderationAppeal).count == 1)
            #expect(try await app.auditRows(.moderationAppealDecide).count == 1)
            #expect(try await queue(second).isEmpty)

            // The transparency page counts it, without naming anything.
            let numbers = try await Browser(app).get("/api/v1/transparency")
            let month = try #require((numbers.json["months"] as? [[String: Any]])?.first)
            #expect(month["reports_total"] as? Int == 1 && month["appeals"] as? Int == 1 && month["reversals"] as? Int == 1, "\(month)")
            let page = try await Browser(app).get("/transparency")
            #expect(page.status == .ok && page.text.contains("Removed") && !page.text.contains("cure_seller"))
        }
    }

    @Test("a decision whose audit row cannot be written does not happen: the video, the case, the reports and the notifications stay as they were")
    func auditFailure() async throws {
        try await withTestApp { app in
            let (_, videos) = try await FeedTests().readyVideos(app, handle: "audited_creator", count: 1)
            try await report(try await app.signedUpBrowser(handle: "some_reporter"), ["target_type": "video", "target_id": videos[0], "reason": "spam"])
            let desk = try await moderator(app, "audit_mod")
            let caseID = try #require(try await queue(desk).first?["id"] as? String)
            // The audit table refuses every new row.
            try await (app.db as! any SQLDatabase).raw("DROP TABLE audit_events").run()
            let decided = try await desk.json(
                .POST, "/api/v1/moderation/cases/\(caseID)/decision", ["action": "remove", "guideline": "spam", "reason": "Posted the same link forty times."],
                headers: csrf(desk))
            #expect(decided.status == .internalServerError, "\(decided.text)")
            #expect(try await Video.find(UUID(uuidString: videos[0]), on: app.db)?.publicationState == .published)
            #expect(try await ModerationCase.find(UUID(uuidString: caseID), on: app.db)?.status == .open)
            #expect(try await ModerationDecision.query(on: app.db).count() == 0)
            #expect(try await Report.query(on: app.db).filter(\.$closedAt != nil).count() == 0)
            #expect(try await MemberNotification.query(on: app.db).filter(\.$kind == .moderation).count() == 0)
        }
    }

    @Test("a moderator never decides on their own content; a claim keeps others off for 30 minutes")
    func ownContentAndClaims() async throws {
        try await withTestApp { app in
            let (_, videos) = try await FeedTests().readyVideos(app, handle: "mod_creator", count: 1)
            let own = try await FollowsFixture.logIn(app, "mod_creator")
            let user = try #require(try await User.query(on: app.db).filter(\.$handle == "mod_creator").first())
            try await UserRole(userID: try user.requireID(), role: .moderator).create(on: app.db)
            try await report(try await app.signedUpBrowser(handle: "viewer_one"), ["target_type": "video", "target_id": videos[0], "reason": "spam"])
            let caseID = try #require(try await queue(own).first?["id"] as? String)
            let mine = try await own.json(
                .POST, "/api/v1/moderation/cases/\(caseID)/decision", ["action": "dismiss", "reason": "My own video is fine, obviously."], headers: csrf(own))
            #expect(mine.status == .unprocessableEntity && mine.text.contains("your own content"), "\(mine.text)")

            let one = try await moderator(app, "claim_one")
            let two = try await moderator(app, "claim_two")
            #expect(try await one.json(.POST, "/api/v1/moderation/cases/\(caseID)/claim", headers: csrf(one)).status == .ok)
            #expect(try await queue(two).first?["claimed_by"] as? String == "claim_one")
            let blocked = try await two.json(
                .POST, "/api/v1/moderation/cases/\(caseID)/decision", ["action": "dismiss", "reason": "Nothing here breaks a rule."], headers: csrf(two))
            #expect(blocked.status == .conflict && blocked.text.contains("working on"))
            app.clock.advance(by: 31 * 60)
            let later = try await two.json(
                .POST, "/api/v1/moderation/cases/\(caseID)/decision", ["action": "dismiss", "reason": "Nothing here breaks a rule."], headers: csrf(two))
            #expect(later.status == .created, "\(later.text)")
            #expect(try await notifications(app, "mod_creator").isEmpty, "a dismissal is not news to the creator")
            #expect(try await notifications(app, "viewer_one").first?.contains("does not break") == true)
            let dismissed = try await one.json(
                .POST, "/api/v1/moderation/cases/\(caseID)/decision", ["action": "remove", "guideline": "spam", "reason": "Changed my mind on this."],
                headers: csrf(one))
            #expect(dismissed.status == .conflict, "a decided case is not decided again")
        }
    }

    @Test("a limited video leaves feeds, topics, hashtags and search, and stays on the profile and at its link")
    func limit() async throws {
        try await withTestApp { app in
            let (_, videos) = try await FeedTests().readyVideos(app, handle: "edgy_creator", count: 2)
            let viewer = try await app.signedUpBrowser(handle: "limit_viewer")
            try await report(viewer, ["target_type": "video", "target_id": videos[0], "reason": "disordered_eating"])
            let desk = try await moderator(app, "limit_mod")
            let caseID = try #require(try await queue(desk).first?["id"] as? String)
            let decided = try await desk.json(
                .POST, "/api/v1/moderation/cases/\(caseID)/decision",
                ["action": "limit", "guideline": "disordered_eating", "reason": "Shows calorie counts as a goal; fine to keep, not to push."],
                headers: csrf(desk))
            #expect(decided.status == .created, "\(decided.text)")
            for path in ["/api/v1/feed", "/api/v1/feed?topic=sleep", "/api/v1/hashtags/demo/videos"] {
                let listed = ids(try await viewer.get(path))
                #expect(!listed.contains(videos[0]) && listed.contains(videos[1]), "\(path)")
            }
            #expect(!ids(try await viewer.get("/api/v1/search?q=edgy_creator")["videos"]).contains(videos[0]))
            #expect(ids(try await viewer.get("/api/v1/creators/edgy_creator/videos")).contains(videos[0]))
            #expect(try await viewer.get("/@edgy_creator").text.contains(videos[0]))
            #expect(try await viewer.get("/api/v1/videos/\(videos[0])").status == .ok)
        }
    }

    @Test("a suspension stops writes and takes the creator's videos out of every listing until it ends; a removed comment leaves the thread")
    func suspension() async throws {
        try await withTestApp { app in
            let (_, videos) = try await FeedTests().readyVideos(app, handle: "troll_creator", count: 1)
            let (_, others) = try await FeedTests().readyVideos(app, handle: "kind_creator", count: 1)
            let troll = try await FollowsFixture.logIn(app, "troll_creator")
            let comment = try await troll.json(.POST, "/api/v1/videos/\(others[0])/comments", ["body": "Nobody cares about you."], headers: csrf(troll))
            let commentID = try #require(comment.json["id"] as? String)
            let viewer = try await app.signedUpBrowser(handle: "hurt_viewer")
            try await report(viewer, ["target_type": "comment", "target_id": commentID, "reason": "harassment"])
            try await report(viewer, ["target_type": "account", "target_handle": "troll_creator", "reason": "harassment"])
            let desk = try await moderator(app, "suspend_mod")
            let cases = try await queue(desk)
            let commentCase = try #require(cases.first { $0["target_type"] as? String == "comment" }?["id"] as? String)
            let accountCase = try #require(cases.first { $0["target_type"] as? String == "account" }?["id"] as? String)

            let limitComment = try await desk.json(
                .POST, "/api/v1/moderation/cases/\(commentCase)/decision",
                ["action": "limit", "guideline": "harassment_and_hate", "reason": "Targets a person."],
                headers: csrf(desk))
            #expect(limitComment.status == .unprocessableEntity && limitComment.problemFields == ["action"])
            let removed = try await desk.json(
                .POST, "/api/v1/moderation/cases/\(commentCase)/decision",
                ["action": "remove", "guideline": "harassment_and_hate", "reason": "Targets a person."],
                headers: csrf(desk))
            #expect(removed.status == .created, "\(removed.text)")
            let thread = try await viewer.get("/api/v1/videos/\(others[0])/comments")
            #expect((thread.json["items"] as? [[String: Any]])?.isEmpty == true, "\(thread.text)")

            let noDays = try await desk.json(
                .POST, "/api/v1/moderation/cases/\(accountCase)/decision",
                ["action": "suspend", "guideline": "harassment_and_hate", "reason": "Repeated harassment in comments."], headers: csrf(desk))
            #expect(noDays.status == .unprocessableEntity && noDays.problemFields == ["suspend_days"])
            let suspended = try await desk.json(
                .POST, "/api/v1/moderation/cases/\(accountCase)/decision",
                ["action": "suspend", "guideline": "harassment_and_hate", "reason": "Repeated harassment in comments.", "suspend_days": 3], headers: csrf(desk))
            #expect(suspended.status == .created, "\(suspended.text)")

            let write = try await troll.json(.POST, "/api/v1/videos/\(others[0])/comments", ["body": "Still here."], headers: csrf(troll))
            #expect(write.status == .forbidden && write.text.contains("suspended until"), "\(write.text)")
            #expect(!ids(try await viewer.get("/api/v1/feed")).contains(videos[0]))
            #expect(ids(try await viewer.get("/api/v1/creators/troll_creator/videos")).isEmpty)
            #expect(try await troll.get("/studio").text.contains("Your account is suspended until"))
            #expect(try await troll.get("/api/v1/studio/decisions").status == .ok, "a suspended creator reads their decisions, to appeal")

            app.clock.advance(by: 3 * 86400 + 60)
            let again = try await troll.json(.POST, "/api/v1/videos/\(others[0])/comments", ["body": "I will be kinder."], headers: csrf(troll))
            #expect(again.status == .created, "\(again.text)")
            #expect(ids(try await viewer.get("/api/v1/feed")).contains(videos[0]))
        }
    }

    @Test("a reported comment that its author deletes stays in the queue with its words; it can still be acted on as an account matter")
    func deletedTarget() async throws {
        try await withTestApp { app in
            let (_, videos) = try await FeedTests().readyVideos(app, handle: "host_creator", count: 1)
            let author = try await app.signedUpBrowser(handle: "regretful_author")
            let comment = try await author.json(
                .POST, "/api/v1/videos/\(videos[0])/comments", ["body": "Here is how much I ate today: 300"], headers: csrf(author))
            let commentID = try #require(comment.json["id"] as? String)
            try await report(
                try await app.signedUpBrowser(handle: "caring_viewer"), ["target_type": "comment", "target_id": commentID, "reason": "disordered_eating"])
            #expect(try await author.json(.DELETE, "/api/v1/comments/\(commentID)", headers: csrf(author)).status == .noContent)
            let desk = try await moderator(app, "deleted_mod")
            let item = try #require(try await queue(desk).first)
            #expect(item["target_deleted"] as? Bool == true && (item["excerpt"] as? String)?.contains("300") == true)
            let caseID = try #require(item["id"] as? String)
            let remove = try await desk.json(
                .POST, "/api/v1/moderation/cases/\(caseID)/decision",
                ["action": "remove", "guideline": "disordered_eating", "reason": "Numbers that promote restriction."], headers: csrf(desk))
            #expect(remove.status == .unprocessableEntity && remove.text.contains("already deleted"))
            let warn = try await desk.json(
                .POST, "/api/v1/moderation/cases/\(caseID)/decision",
                ["action": "warn", "guideline": "disordered_eating", "reason": "Numbers that promote restriction."], headers: csrf(desk))
            #expect(warn.status == .created)
            let page = try await desk.get("/moderation/cases/\(caseID)")
            #expect(page.status == .ok && page.text.contains("Its author deleted it"), "\(page.text.prefix(600))")
        }
    }
}
