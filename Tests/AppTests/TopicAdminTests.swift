import Fluent
import Foundation
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Topics: admin management and members' picks")
struct TopicAdminTests {
    @Test("admins add, rename, mark sensitive and retire topics; others are refused; every change is audited")
    func manage() async throws {
        try await withTestApp { app in
            let admin = try await app.signedUpBrowser(handle: "topic_admin")
            let user = try #require(try await User.query(on: app.db).filter(\.$handle == "topic_admin").first())
            try await UserRole(userID: try user.requireID(), role: .admin).create(on: app.db)
            let member = try await app.signedUpBrowser(handle: "topic_member")

            #expect(try await member.get("/admin/topics").status == .forbidden)
            #expect(
                try await member.json(.POST, "/api/v1/topics", ["name": "Loneliness"], headers: ["X-CSRF-Token": member.csrfToken ?? ""]).status == .forbidden)

            let page = try await admin.get("/admin/topics")
            #expect(page.status == .ok)
            var added = try await admin.submit("/admin/topics", ["name": "Seasonal  depression", "sensitive": "on"])
            #expect(added.status == .seeOther)
            let topic = try #require(try await Topic.find("seasonal-depression", on: app.db))
            #expect(topic.name == "Seasonal depression" && topic.sensitive)
            added = try await admin.submit("/admin/topics", ["name": "Seasonal depression"])
            #expect(added.status == .unprocessableEntity)
            #expect(added.text.contains("already a topic"))

            #expect(
                try await admin.submit("/admin/topics/seasonal-depression", ["name": "Winter blues", "sensitive": "on", "retired": "on"]).status == .seeOther)
            let changed = try #require(try await Topic.find("seasonal-depression", on: app.db))
            #expect(changed.name == "Winter blues" && changed.retired)
            let listed = try await Browser(app).get("/api/v1/topics").json["items"] as? [[String: Any]] ?? []
            #expect(!listed.contains { $0["id"] as? String == "seasonal-depression" }, "a retired topic is not offered")
            #expect(try await app.auditRows(.topicCreate).count == 1)
            #expect(try await app.auditRows(.topicUpdate).first?.detail == "renamed, retired")
        }
    }

    @Test("a new member lands on the topic picker; picks are saved, replaced and only known topics are accepted")
    func picks() async throws {
        try await withTestApp { app in
            let member = try await app.signedUpBrowser(handle: "picky_member")
            let page = try await member.get("/welcome/topics?first=1")
            #expect(page.status == .ok)
            #expect(page.text.contains("Skip"))
            let csrf: HTTPHeaders = ["X-CSRF-Token": member.csrfToken ?? ""]
            #expect(
                try await member.json(.PUT, "/api/v1/me/topics", ["topic_ids": ["sleep", "grief"]], headers: csrf).json["topic_ids"] as? [String] == [
                    "grief", "sleep",
                ])
            #expect(try await member.json(.PUT, "/api/v1/me/topics", ["topic_ids": ["made-up"]], headers: csrf).problemFields == ["topic_ids"])
            let saved = try await member.submit("/welcome/topics", ["topic_ids[]": "anxiety"])
            #expect(saved.status == .seeOther)
            #expect(try await member.get("/api/v1/me/topics").json["topic_ids"] as? [String] == ["anxiety"])
        }
    }

    @Test("For You puts a member's topics first among equally fresh videos")
    func forYouLeansToPicks() async throws {
        try await withTestApp { app in
            let (_, griefIDs) = try await FeedTests().readyVideos(app, handle: "grief_maker", count: 1, topics: ["grief"])
            let (_, sleepIDs) = try await FeedTests().readyVideos(app, handle: "sleep_maker", count: 1, topics: ["sleep"])
            let member = try await app.signedUpBrowser(handle: "griever")
            let visitorOrder = try await Browser(app).get("/api/v1/feed").json["items"] as? [[String: Any]] ?? []
            #expect(visitorOrder.compactMap { ($0["video"] as? [String: Any])?["id"] as? String } == sleepIDs + griefIDs)
            _ = try await member.json(.PUT, "/api/v1/me/topics", ["topic_ids": ["grief"]], headers: ["X-CSRF-Token": member.csrfToken ?? ""])
            let memberOrder = try await member.get("/api/v1/feed").json["items"] as? [[String: Any]] ?? []
            #expect(memberOrder.compactMap { ($0["video"] as? [String: Any])?["id"] as? String } == griefIDs + sleepIDs)
            #expect(memberOrder.first?["viewer"] is [String: Any])
            #expect(visitorOrder.first?["viewer"] is NSNull)
        }
    }
}
