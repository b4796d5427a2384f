import Fluent
import Foundation
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Comments")
struct CommentTests {
    func csrf(_ browser: Browser) -> HTTPHeaders { ["X-CSRF-Token": browser.csrfToken ?? ""] }

    @Test("comments and replies are posted, listed one level deep, edited and deleted by their authors")
    func thread() async throws {
        try await withTestApp { app in
            let (creatorClient, ids) = try await FeedTests().readyVideos(app, handle: "thread_creator", count: 1)
            let id = ids[0]
            let fan = try await app.signedUpBrowser(handle: "thread_fan")
            let posted = try await fan.json(.POST, "/api/v1/videos/\(id)/comments", ["body": "  This helped me.  "], headers: csrf(fan))
            #expect(posted.status == .created)
            #expect(posted.json["body"] as? String == "This helped me.")
            let commentID = try #require(posted.json["id"] as? String)
            app.clock.advance(by: 1)
            // A reply to a reply joins the top-level thread: one level only.
            let reply = try await creatorClient.browser.json(
                .POST, "/api/v1/videos/\(id)/comments", ["body": "Glad to hear it", "parent_id": commentID],
                headers: creatorClient.headers(tus: false))
            #expect(reply.status == .created)
            let replyID = try #require(reply.json["id"] as? String)
            app.clock.advance(by: 1)
            let nested = try await fan.json(
                .POST, "/api/v1/videos/\(id)/comments", ["body": "Thanks!", "parent_id": replyID], headers: csrf(fan))
            #expect(nested.json["parent_id"] as? String == commentID)

            let list = try await Browser(app).get("/api/v1/videos/\(id)/comments")
            let items = try #require(list.json["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect(items[0]["reply_count"] as? Int == 2)
            let replies = try #require(items[0]["replies"] as? [[String: Any]])
            #expect(replies.compactMap { $0["body"] as? String } == ["Glad to hear it", "Thanks!"])
            #expect(items[0]["can_edit"] as? Bool == false, "a visitor cannot edit")
            #expect(try await Browser(app).get("/api/v1/videos/\(id)").json["comment_count"] as? Int == 3)

            let edited = try await fan.json(.PATCH, "/api/v1/comments/\(commentID)", ["body": "This helped me a lot."], headers: csrf(fan))
            #expect(edited.status == .ok)
            #expect(edited.json["edited_at"] is String)
            let stranger = try await app.signedUpBrowser(handle: "thread_stranger")
            #expect(try await stranger.json(.PATCH, "/api/v1/comments/\(commentID)", ["body": "hijacked"], headers: csrf(stranger)).status == .forbidden)
            #expect(try await stranger.json(.DELETE, "/api/v1/comments/\(commentID)", headers: csrf(stranger)).status == .forbidden)

            // Deleting the top-level comment takes its replies with it.
            #expect(try await fan.json(.DELETE, "/api/v1/comments/\(commentID)", headers: csrf(fan)).status == .noContent)
            #expect(try await Comment.query(on: app.db).count() == 0)
        }
    }

    @Test("an empty comment or one over 2,000 characters is refused with a message, and nothing is stored")
    func badInput() async throws {
        try await withTestApp { app in
            let (_, ids) = try await FeedTests().readyVideos(app, handle: "strict_creator", count: 1)
            let fan = try await app.signedUpBrowser(handle: "wordy_fan")
            for body in ["", "   \n ", String(repeating: "a", count: 2001)] {
                let response = try await fan.json(.POST, "/api/v1/videos/\(ids[0])/comments", ["body": body], headers: csrf(fan))
                #expect(response.status == .unprocessableEntity)
                #expect(response.problemFields == ["body"])
                #expect(response.text.contains(body.count > 10 ? "at most 2000 characters" : "Write something"), "\(response.text)")
            }
            #expect(
                try await fan.json(.POST, "/api/v1/videos/\(ids[0])/comments", ["body": String(repeating: "a", count: 2000)], headers: csrf(fan)).status
                    == .created)
            #expect(try await Comment.query(on: app.db).count() == 1)
            #expect(try await Browser(app).json(.POST, "/api/v1/videos/\(ids[0])/comments", ["body": "hi"]).status == .unauthorized)
        }
    }

    @Test("HTML and script in a comment come back as the same text, never as markup")
    func htmlIsText() async throws {
        try await withTestApp { app in
            let (_, ids) = try await FeedTests().readyVideos(app, handle: "html_creator", count: 1)
            let fan = try await app.signedUpBrowser(handle: "html_fan")
            let body = "<script>alert(1)</script><b>bold</b> & \"quotes\""
            _ = try await fan.json(.POST, "/api/v1/videos/\(ids[0])/comments", ["body": body], headers: csrf(fan))
            let listed = try await Browser(app).get("/api/v1/videos/\(ids[0])/comments")
            #expect((listed.json["items"] as? [[String: Any]])?.first?["body"] as? String == body)
            #expect(listed.headers.contentType?.subType == "json")
        }
    }

    @Test("a creator turns comments off: posting is refused, and they can still delete others' comments")
    func commentsOff() async throws {
        try await withTestApp { app in
            let (creator, ids) = try await FeedTests().readyVideos(app, handle: "quiet_creator", count: 1)
            let fan = try await app.signedUpBrowser(handle: "chatty_fan")
            let posted = try await fan.json(.POST, "/api/v1/videos/\(ids[0])/comments", ["body": "first!"], headers: csrf(fan))
            let commentID = try #require(posted.json["id"] as? String)
            #expect(try await fan.json(.PATCH, "/api/v1/videos/\(ids[0])", ["comments_enabled": false], headers: csrf(fan)).status == .notFound)
            let off = try await creator.browser.json(
                .PATCH, "/api/v1/videos/\(ids[0])", ["comments_enabled": false], headers: creator.headers(tus: false))
            #expect(off.json["comments_enabled"] as? Bool == false)
            let refused = try await fan.json(.POST, "/api/v1/videos/\(ids[0])/comments", ["body": "second"], headers: csrf(fan))
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("Comments are turned off"))
            #expect((try await Browser(app).get("/api/v1/videos/\(ids[0])/comments").json["items"] as? [Any])?.isEmpty == true)

            // The creator removes the comment on their video; the removal is audited.
            #expect(try await creator.browser.send(.DELETE, "/api/v1/comments/\(commentID)", headers: creator.headers(tus: false)).status == .noContent)
            #expect(try await Comment.query(on: app.db).count() == 0)
            #expect(try await app.auditRows(.commentRemove).count == 1)
        }
    }

    @Test("comments come newest first and replies oldest first, in cursor pages that never repeat")
    func pages() async throws {
        try await withTestApp { app in
            let (_, ids) = try await FeedTests().readyVideos(app, handle: "busy_creator", count: 1)
            let fan = try await app.signedUpBrowser(handle: "busy_fan")
            var top: [String] = []
            for index in 0..<5 {
                let posted = try await fan.json(.POST, "/api/v1/videos/\(ids[0])/comments", ["body": "comment \(index)"], headers: csrf(fan))
                top.append(try #require(posted.json["id"] as? String))
                app.clock.advance(by: 1)
            }
            var replies: [String] = []
            for index in 0..<3 {
                let posted = try await fan.json(
                    .POST, "/api/v1/videos/\(ids[0])/comments", ["body": "reply \(index)", "parent_id": top[0]], headers: csrf(fan))
                replies.append(try #require(posted.json["id"] as? String))
                app.clock.advance(by: 1)
            }
            func walk(_ path: String) async throws -> [String] {
                var seen: [String] = []
                var cursor: String?
                repeat {
                    let page = try await Browser(app).get(path + "?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                    seen += ((page.json["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
                    cursor = page.json["next_cursor"] as? String
                } while cursor != nil
                return seen
            }
            #expect(try await walk("/api/v1/videos/\(ids[0])/comments") == top.reversed())
            #expect(try await walk("/api/v1/comments/\(top[0])/replies") == replies)
            #expect(try await Browser(app).get("/api/v1/comments/\(top[0])/replies?cursor=nope").problemFields == ["cursor"])
        }
    }
}
