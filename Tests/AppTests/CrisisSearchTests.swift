import Foundation
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// Search and crisis language (issue 15): help lines above the results, help videos first, and
/// no videos at all for a query that names a method.
@Suite("Search: crisis language")
struct CrisisSearchTests {
    func videoIDs(_ response: TestingHTTPResponse) -> [String] {
        ((response.json["videos"] as? [String: Any])?["items"] as? [[String: Any]] ?? []).compactMap { ($0["video"] as? [String: Any])?["id"] as? String }
    }

    @Test("'i want to die' shows the help lines above the results, which lead with prevention videos; an ordinary search shows neither")
    func concernQuery() async throws {
        try await withTestApp { app in
            let (_, sleepIDs) = try await FeedTests().readyVideos(app, handle: "sleep_maker", count: 2, topics: ["sleep"])
            let (_, helpIDs) = try await FeedTests().readyVideos(app, handle: "hope_maker", count: 1, topics: ["suicide-prevention"])
            let visitor = try Browser(app)

            let plain = try await visitor.get("/api/v1/search?q=video")
            #expect(plain.json["crisis"] is NSNull)
            #expect(Set(videoIDs(plain)) == Set(sleepIDs + helpIDs))
            #expect(!(try await visitor.get("/search?q=video")).text.contains("id=\"crisis-panel\""))

            let worried = try await visitor.get("/api/v1/search?q=i%20want%20to%20die")
            let crisis = try #require(worried.json["crisis"] as? [String: Any])
            #expect(crisis["level"] as? String == "concern" && crisis["means"] as? Bool == false)
            let lines = (crisis["resources"] as? [String: Any])?["resources"] as? [[String: Any]] ?? []
            #expect(lines.first?["call"] as? String == "988")
            // Nothing matched the words: the prevention video is offered anyway.
            #expect(videoIDs(worried) == helpIDs)

            // Matched videos still come, after the help ones.
            let mixed = try await visitor.get("/api/v1/search?q=i%20want%20to%20die%20video")
            #expect(videoIDs(mixed).first == helpIDs.first && Set(videoIDs(mixed)) == Set(sleepIDs + helpIDs))

            let page = try await visitor.get("/search?q=i+want+to+die").text
            let panel = try #require(page.range(of: "id=\"crisis-panel\""))
            let videos = try #require(page.range(of: "id=\"search-videos\""))
            #expect(panel.lowerBound < videos.lowerBound, "the help lines come above the results")
            #expect(page.contains("href=\"tel:988\"") && page.contains("Text HOME to 741741") && page.contains("href=\"/help\""))
            #expect(page.contains("/v/\(helpIDs[0])"))
        }
    }

    @Test("a query that asks about a method shows the help lines and no videos or creators")
    func meansQuery() async throws {
        try await withTestApp { app in
            _ = try await FeedTests().readyVideos(app, handle: "way_maker", count: 1, topics: ["suicide-prevention"])
            let visitor = try Browser(app)
            let api = try await visitor.get("/api/v1/search?q=painless%20way%20to%20die")
            #expect((api.json["crisis"] as? [String: Any])?["means"] as? Bool == true)
            #expect(videoIDs(api).isEmpty && (api.json["creators"] as? [Any])?.isEmpty == true)
            let page = try await visitor.get("/search?q=painless+way+to+die").text
            #expect(page.contains("id=\"crisis-panel\"") && page.contains("id=\"search-withheld\""))
            #expect(!page.contains("/v/"), "no video is linked")
        }
    }
}
