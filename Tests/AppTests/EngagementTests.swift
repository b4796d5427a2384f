import Fluent
import Foundation
import MindreelCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Follows, notifications, views and watch events")
struct EngagementTests {
    func csrf(_ browser: Browser) -> HTTPHeaders { ["X-CSRF-Token": browser.csrfToken ?? ""] }

    func videoIDs(_ response: TestingHTTPResponse) -> [String] {
        ((response.json["items"] as? [[String: Any]]) ?? []).compactMap { ($0["video"] as? [String: Any])?["id"] as? String }
    }

    @Test("following a creator: idempotent, a public count, a private list, the Following tab and a notification")
    func follows() async throws {
        try await withTestApp { app in
            let (creator, creatorVideos) = try await FeedTests().readyVideos(app, handle: "followed_one", count: 2)
            _ = try await FeedTests().readyVideos(app, handle: "not_followed", count: 1)
            let fan = try await app.signedUpBrowser(handle: "loyal_fan")
            for _ in 0..<2 {
                let followed = try await fan.json(.PUT, "/api/v1/creators/followed_one/follow", headers: csrf(fan))
                #expect(followed.json["follower_count"] as? Int == 1)
                #expect(followed.json["following"] as? Bool == true)
            }
            #expect(try await fan.json(.PUT, "/api/v1/creators/loyal_fan/follow", headers: csrf(fan)).status == .unprocessableEntity)
            let following = try await fan.get("/api/v1/feed?tab=following")
            #expect(Set(videoIDs(following)) == Set(creatorVideos))
            // For You tells the fan their own state on each item, and only theirs.
            _ = try await fan.json(.PUT, "/api/v1/videos/\(creatorVideos[0])/like", headers: csrf(fan))
            let forYou = try await fan.get("/api/v1/feed").json["items"] as? [[String: Any]] ?? []
            let liked = try #require(forYou.first { ($0["video"] as? [String: Any])?["id"] as? String == creatorVideos[0] })
            let viewer = try #require(liked["viewer"] as? [String: Any])
            #expect(viewer["liked"] as? Bool == true && viewer["saved"] as? Bool == false)
            #expect(viewer["following"] as? Bool == true && viewer["is_owner"] as? Bool == false)
            #expect((liked["video"] as? [String: Any])?["like_count"] as? Int == 1)
            let other = try #require(forYou.first { ($0["creator"] as? [String: Any])?["handle"] as? String == "not_followed" })
            #expect((other["viewer"] as? [String: Any])?["following"] as? Bool == false)
            #expect(try await Browser(app).get("/api/v1/feed?tab=following").status == .unauthorized)
            let profile = try await Browser(app).get("/api/v1/creators/followed_one")
            #expect(profile.json["follower_count"] as? Int == 1)
            #expect(!profile.text.contains("loyal_fan"), "who follows is private")

            // Only the member sees whom they follow.
            let mine = try await fan.get("/api/v1/me/follows")
            #expect(((mine.json["items"] as? [[String: Any]]) ?? []).compactMap { $0["handle"] as? String } == ["followed_one"])
            let nosy = try await app.signedUpBrowser(handle: "nosy_one")
            #expect((try await nosy.get("/api/v1/me/follows").json["items"] as? [Any])?.isEmpty == true)

            // The creator is told, once.
            let notifications = try await creator.browser.send(.GET, "/api/v1/notifications", headers: creator.headers(tus: false))
            let items = try #require(notifications.json["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items.first?["kind"] as? String == "follow")
            #expect((items.first?["text"] as? String)?.contains("@loyal_fan") == true)
            #expect(try await fan.json(.DELETE, "/api/v1/creators/followed_one/follow", headers: csrf(fan)).json["follower_count"] as? Int == 0)
        }
    }

    @Test("comments and replies notify the creator and the person replied to; unread counts and mark-as-read")
    func notifications() async throws {
        try await withTestApp { app in
            let (creator, ids) = try await FeedTests().readyVideos(app, handle: "told_creator", count: 1)
            let fan = try await app.signedUpBrowser(handle: "first_fan")
            let other = try await app.signedUpBrowser(handle: "second_fan")
            let comment = try await fan.json(.POST, "/api/v1/videos/\(ids[0])/comments", ["body": "Lovely"], headers: csrf(fan))
            let commentID = try #require(comment.json["id"] as? String)
            _ = try await other.json(.POST, "/api/v1/videos/\(ids[0])/comments", ["body": "Agreed", "parent_id": commentID], headers: csrf(other))
            let auth = creator.headers(tus: false)
            #expect(try await creator.browser.send(.GET, "/api/v1/notifications/unread-count", headers: auth).json["unread_count"] as? Int == 2)
            let fanNotes = try await fan.get("/api/v1/notifications")
            let fanItems = try #require(fanNotes.json["items"] as? [[String: Any]])
            #expect(fanItems.map { $0["kind"] as? String } == ["reply"])
            #expect((fanItems[0]["url"] as? String)?.hasPrefix("/v/\(ids[0])") == true)
            // Each names its video and shows the comment's first words, as they read now.
            #expect(fanItems[0]["video_title"] as? String == "Video 0 of told_creator")
            #expect(fanItems[0]["comment_excerpt"] as? String == "Agreed")
            let creatorItems = try await creator.browser.send(.GET, "/api/v1/notifications", headers: creator.headers(tus: false)).json["items"]
            #expect((creatorItems as? [[String: Any]])?.compactMap { $0["comment_excerpt"] as? String }.sorted() == ["Agreed", "Lovely"])
            let fanPage = try await fan.get("/notifications").text
            #expect(fanPage.contains("Video 0 of told_creator") && fanPage.contains("&ldquo;Agreed&rdquo;"))
            #expect(try await other.get("/api/v1/notifications/unread-count").json["unread_count"] as? Int == 0)

            let page = try await creator.browser.send(.GET, "/api/v1/notifications", headers: auth)
            let first = try #require((page.json["items"] as? [[String: Any]])?.first?["id"] as? String)
            var marked = try await creator.browser.send(
                .POST, "/api/v1/notifications/read", headers: auth.adding(json: ["ids": [first]]).0, body: auth.adding(json: ["ids": [first]]).1)
            #expect(marked.json["unread_count"] as? Int == 1)
            marked = try await creator.browser.send(.POST, "/api/v1/notifications/read", headers: auth)
            #expect(marked.json["unread_count"] as? Int == 0)
            // Opening a notification on the site marks it read and goes to the comment.
            let open = try await fan.get("/notifications/\(try #require(fanItems[0]["id"] as? String))")
            #expect(open.status == .seeOther)
            #expect(open.headers.first(name: .location)?.hasPrefix("/v/\(ids[0])#comment-") == true)
            #expect(try await fan.get("/api/v1/notifications/unread-count").json["unread_count"] as? Int == 0)
            // Someone else's notification is not found.
            #expect(try await other.get("/notifications/\(try #require(fanItems[0]["id"] as? String))").status == .notFound)
        }
    }

    @Test("a view counts once per viewer per video per day; a visitor gets a random cookie and no address is stored")
    func views() async throws {
        try await withTestApp { app in
            let (_, ids) = try await FeedTests().readyVideos(app, handle: "viewed_creator", count: 1)
            let path = "/api/v1/videos/\(ids[0])/views"
            let visitor = try Browser(app)
            let first = try await visitor.json(.POST, path)
            #expect(first.status == .noContent)
            let cookie = try #require(visitor.cookies[ViewsController.viewerCookie])
            #expect(cookie.count == 43)
            #expect(first.headers[.setCookie].first?.contains("HttpOnly") == true)
            _ = try await visitor.json(.POST, path)
            let member = try await app.signedUpBrowser(handle: "viewing_member")
            _ = try await member.json(.POST, path, headers: csrf(member))
            _ = try await member.json(.POST, path, headers: csrf(member))
            #expect(try await Browser(app).get("/api/v1/videos/\(ids[0])").json["view_count"] as? Int == 2)
            app.clock.advance(by: 86_400)
            _ = try await visitor.json(.POST, path)
            #expect(try await Browser(app).get("/api/v1/videos/\(ids[0])").json["view_count"] as? Int == 3)

            // What a view keeps: the video, a keyed hash and the day. No address, no cookie, no account.
            let rows = try await (app.db as! any SQLDatabase).raw("SELECT * FROM video_views").all()
            #expect(rows.count == 3)
            for row in rows {
                #expect(Set(row.allColumns) == ["id", "video_id", "viewer_key", "day"])
                let key = try row.decode(column: "viewer_key", as: String.self)
                #expect(!key.contains("127.0.0.1") && !key.contains(cookie) && key.count == 64)
            }
            // Visitors record no watch events.
            #expect(try await visitor.json(.POST, "/api/v1/videos/\(ids[0])/watch-events", ["watch_seconds": 5]).status == .unauthorized)
            #expect(try await WatchEvent.query(on: app.db).count() == 0)
        }
    }

    @Test("a member's watch events are theirs alone: listed, deleted one by one or all at once")
    func watchEvents() async throws {
        try await withTestApp { app in
            let (_, ids) = try await FeedTests().readyVideos(app, handle: "watched_creator", count: 2)
            let member = try await app.signedUpBrowser(handle: "watcher")
            for (index, id) in ids.enumerated() {
                let sent = try await member.json(
                    .POST, "/api/v1/videos/\(id)/watch-events", ["watch_seconds": 1.5 + Double(index), "completed": index == 1, "skipped": index == 0],
                    headers: csrf(member))
                #expect(sent.status == .noContent)
                app.clock.advance(by: 5)
            }
            #expect(
                try await member.json(.POST, "/api/v1/videos/\(ids[0])/watch-events", ["watch_seconds": -3], headers: csrf(member)).problemFields == [
                    "watch_seconds"
                ])
            let list = try await member.get("/api/v1/me/watch-events")
            let items = try #require(list.json["items"] as? [[String: Any]])
            #expect(items.count == 2)
            #expect(items.first?["completed"] as? Bool == true)
            let other = try await app.signedUpBrowser(handle: "not_the_watcher")
            #expect((try await other.get("/api/v1/me/watch-events").json["items"] as? [Any])?.isEmpty == true)
            let eventID = try #require(items.first?["id"] as? String)
            #expect(try await other.json(.DELETE, "/api/v1/me/watch-events/\(eventID)", headers: csrf(other)).status == .notFound)
            #expect(try await member.json(.DELETE, "/api/v1/me/watch-events/\(eventID)", headers: csrf(member)).status == .noContent)
            #expect(try await WatchEvent.query(on: app.db).count() == 1)
            #expect(try await member.json(.DELETE, "/api/v1/me/watch-events", headers: csrf(member)).status == .noContent)
            #expect(try await WatchEvent.query(on: app.db).count() == 0)
            #expect(try await app.auditRows(.watchHistoryDelete).count == 2)
        }
    }

    @Test("a deleted or removed video disappears from feeds, hashtags and profiles, and its page says it is gone")
    func removedVideosDisappear() async throws {
        try await withTestApp { app in
            let (creator, ids) = try await FeedTests().readyVideos(app, handle: "vanishing", count: 3)
            let visitor = try Browser(app)
            func everywhere() async throws -> [Set<String>] {
                [
                    Set(videoIDs(try await visitor.get("/api/v1/feed"))), Set(videoIDs(try await visitor.get("/api/v1/feed?topic=sleep"))),
                    Set(videoIDs(try await visitor.get("/api/v1/hashtags/demo/videos"))),
                    Set(videoIDs(try await visitor.get("/api/v1/creators/vanishing/videos"))),
                ]
            }
            #expect(try await everywhere().allSatisfy { $0 == Set(ids) })
            #expect(try await visitor.get("/tags/demo").text.contains("/v/\(ids[0])"))

            // Deleted by its creator.
            #expect(try await creator.browser.send(.DELETE, "/api/v1/videos/\(ids[0])", headers: creator.headers(tus: false)).status == .noContent)
            // Removed by moderation (publication state), files kept.
            let removed = try #require(try await Video.find(UUID(uuidString: ids[1]), on: app.db))
            removed.publicationState = .removed
            try await removed.save(on: app.db)
            #expect(try await everywhere().allSatisfy { $0 == [ids[2]] })
            for gone in ids.prefix(2) {
                let page = try await visitor.get("/v/\(gone)")
                #expect(page.status == .notFound)
                #expect(page.text.contains("This video is not available"))
                #expect(!(try await visitor.get("/@vanishing").text.contains(gone)))
                #expect(!(try await visitor.get("/tags/demo").text.contains(gone)))
            }
            #expect(try await visitor.get("/api/v1/hashtags/demo").json["video_count"] as? Int == 1)
        }
    }

    @Test("hashtag pages count total views; profiles show bios and links as text")
    func hashtagsAndProfiles() async throws {
        try await withTestApp { app in
            let (creator, ids) = try await FeedTests().readyVideos(app, handle: "profiled", count: 2)
            for id in ids { _ = try await Browser(app).json(.POST, "/api/v1/videos/\(id)/views") }
            let tag = try await Browser(app).get("/api/v1/hashtags/DEMO")
            #expect(tag.json["tag"] as? String == "demo")
            #expect(tag.json["total_views"] as? Int == 2)
            #expect(tag.json["video_count"] as? Int == 2)
            #expect(try await Browser(app).get("/api/v1/hashtags/not%20a%20tag").status == .notFound)

            let edited = try await creator.browser.send(
                .PATCH, "/api/v1/me/profile",
                headers: creator.headers(tus: false).adding(json: ["bio": "<script>alert(1)</script> I help", "links": ["https://example.org/about"]]).0,
                body: creator.headers(tus: false).adding(json: ["bio": "<script>alert(1)</script> I help", "links": ["https://example.org/about"]]).1)
            #expect(edited.status == .ok)
            #expect(edited.json["total_views"] as? Int == 2)
            let badLinks = try await creator.browser.send(
                .PATCH, "/api/v1/me/profile", headers: creator.headers(tus: false).adding(json: ["links": ["javascript:alert(1)"]]).0,
                body: creator.headers(tus: false).adding(json: ["links": ["javascript:alert(1)"]]).1)
            #expect(badLinks.problemFields == ["links"])
            let page = try await Browser(app).get("/@profiled")
            #expect(page.status == .ok)
            #expect(!page.text.contains("<script>alert(1)"))
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt; I help"))
            #expect(page.text.contains("https://example.org/about"))
            #expect(try await Browser(app).get("/@nobody_here").status == .notFound)
            #expect(try await Browser(app).get("/profiled").status == .notFound)
        }
    }
}

extension HTTPHeaders {
    /// These headers plus a JSON content type, and the body to send with them.
    func adding(json object: [String: any Sendable]) -> (HTTPHeaders, ByteBuffer) {
        var headers = self
        headers.replaceOrAdd(name: .contentType, value: "application/json")
        return (headers, ByteBuffer(data: (try? JSONSerialization.data(withJSONObject: object)) ?? Data()))
    }
}
