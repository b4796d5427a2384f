import Fluent
import Foundation
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Likes and saves")
struct ReactionTests {
    @Test("liking twice is one like; unliking takes it back; counts are public")
    func idempotent() async throws {
        try await withTestApp { app in
            let (_, ids) = try await FeedTests().readyVideos(app, handle: "liked_creator", count: 1)
            let id = try #require(ids.first)
            let fan = try await app.signedUpBrowser(handle: "fan_one")
            let csrf: HTTPHeaders = ["X-CSRF-Token": fan.csrfToken ?? ""]
            for _ in 0..<2 {
                let liked = try await fan.json(.PUT, "/api/v1/videos/\(id)/like", headers: csrf)
                #expect(liked.status == .ok)
                #expect(liked.json["count"] as? Int == 1)
                #expect(liked.json["active"] as? Bool == true)
            }
            #expect(try await Browser(app).get("/api/v1/videos/\(id)").json["like_count"] as? Int == 1)
            #expect(try await fan.json(.PUT, "/api/v1/videos/\(id)/save", headers: csrf).json["count"] as? Int == 1)
            let unliked = try await fan.json(.DELETE, "/api/v1/videos/\(id)/like", headers: csrf)
            #expect(unliked.json["count"] as? Int == 0)
            #expect(try await Browser(app).get("/api/v1/videos/\(id)").json["save_count"] as? Int == 1)
            // A forged cross-site like is refused like any other cookie-authenticated write.
            #expect(try await fan.json(.PUT, "/api/v1/videos/\(id)/like").status == .forbidden)
        }
    }

    @Test("a member's likes and saves are listed only to them, in cursor pages")
    func privacy() async throws {
        try await withTestApp { app in
            let (_, ids) = try await FeedTests().readyVideos(app, handle: "many_videos", count: 3)
            let fan = try await app.signedUpBrowser(handle: "private_fan")
            for id in ids { _ = try await fan.json(.PUT, "/api/v1/videos/\(id)/save", headers: ["X-CSRF-Token": fan.csrfToken ?? ""]) }
            let first = try await fan.get("/api/v1/me/saves?limit=2")
            let cursor = try #require(first.json["next_cursor"] as? String)
            let second = try await fan.get("/api/v1/me/saves?limit=2&cursor=\(cursor)")
            let listed = ((first.json["items"] as? [[String: Any]]) ?? []) + ((second.json["items"] as? [[String: Any]]) ?? [])
            #expect(Set(listed.compactMap { $0["id"] as? String }) == Set(ids))
            #expect(second.json["next_cursor"] is NSNull)

            let other = try await app.signedUpBrowser(handle: "nosy_neighbour")
            #expect((try await other.get("/api/v1/me/saves").json["items"] as? [Any])?.isEmpty == true)
            // The Saved page lists the same videos, to the same person only.
            let savedPage = try await fan.get("/saved")
            #expect(savedPage.status == .ok)
            #expect(ids.allSatisfy { savedPage.text.contains("href=\"/v/\($0)\"") }, "the Saved page misses a saved video")
            #expect(try await fan.get("/liked").text.contains("No liked videos yet."))
            let nosyPage = try await other.get("/saved").text
            #expect(!ids.contains { nosyPage.contains($0) } && nosyPage.contains("Nothing saved yet."))
            let visitorPage = try await Browser(app).get("/saved")
            #expect(visitorPage.status == .seeOther && visitorPage.location == "/login?next=/saved")
            #expect(try await Browser(app).get("/api/v1/me/likes").status == .unauthorized)
            // Nothing in a video's public data says who saved it.
            let video = try await Browser(app).get("/api/v1/videos/\(ids[0])").text
            #expect(!video.contains("private_fan"))
        }
    }

    @Test("a private or unknown video cannot be liked by others")
    func hidden() async throws {
        try await withTestApp { app in
            let (_, ids) = try await FeedTests().readyVideos(app, handle: "secretive", count: 1, visibility: "private")
            let fan = try await app.signedUpBrowser(handle: "curious_fan")
            let csrf: HTTPHeaders = ["X-CSRF-Token": fan.csrfToken ?? ""]
            #expect(try await fan.json(.PUT, "/api/v1/videos/\(ids[0])/like", headers: csrf).status == .notFound)
            #expect(try await fan.json(.PUT, "/api/v1/videos/\(UUID().uuidString)/like", headers: csrf).status == .notFound)
            #expect(try await VideoReaction.query(on: app.db).count() == 0)
        }
    }
}
