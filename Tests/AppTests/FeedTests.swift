import Fluent
import Foundation
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Feed API and video page")
struct FeedTests {
    /// Makes `count` ready videos for one creator (ffmpeg faked), a clock tick apart.
    func readyVideos(_ app: TestApp, handle: String, count: Int, topics: [String] = ["sleep"], visibility: String = "public") async throws -> (
        TusClient, [String]
    ) {
        let client = try await TusClient.make(app, handle: handle)
        let helper = VideoAPITests()
        var ids: [String] = []
        for index in 0..<count {
            let created = try await helper.createVideo(
                client, uploadID: try await helper.finishedUpload(client), visibility: visibility,
                extra: ["topic_ids": topics, "caption": "Video \(index) of \(handle) #demo"])
            ids.append(try #require(created.json["id"] as? String))
            while try await app.app.makeWorker().runOne() {}
            app.clock.advance(by: 60)
        }
        return (client, ids)
    }

    @Test("the For You feed lists ready public videos newest first, in cursor pages that never repeat")
    func pages() async throws {
        try await withTestApp { app in
            let (_, ids) = try await readyVideos(app, handle: "feed_maker", count: 5)
            _ = try await readyVideos(app, handle: "hider", count: 1, visibility: "unlisted")
            let visitor = try Browser(app)
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await visitor.get("/api/v1/feed?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(page.status == .ok)
                let items = try #require(page.json["items"] as? [[String: Any]])
                #expect(items.count <= 2)
                seen += items.compactMap { ($0["video"] as? [String: Any])?["id"] as? String }
                #expect(items.allSatisfy { ($0["creator"] as? [String: Any])?["handle"] as? String == "feed_maker" })
                // Everything a player needs: the renditions, the poster and the captions.
                for item in items {
                    let video = try #require(item["video"] as? [String: Any])
                    #expect((video["renditions"] as? [[String: Any]])?.first?["url"] as? String == "/media/videos/\(video["id"] as? String ?? "")/720p.mp4")
                    #expect(video["poster_url"] is String)
                    // The feed's fast path says exactly what the video's own endpoint says.
                    let single = try await visitor.get("/api/v1/videos/\(video["id"] as? String ?? "")").json
                    func canonical(_ object: [String: Any]) throws -> String {
                        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
                    }
                    #expect(try canonical(video) == canonical(single), "the feed item differs from the video's own endpoint")
                }
                #expect(page.text == (try await visitor.get("/api/v1/feed?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))).text, "the same page twice")
                cursor = page.json["next_cursor"] as? String
            } while cursor != nil
            #expect(seen == ids.reversed(), "newest first, each once, no unlisted video")
        }
    }

    @Test("a member's For You pages say what each video's endpoint says, with their own state, and show a new like, comment or creator name at once")
    func memberPages() async throws {
        try await withTestApp { app in
            let (maker, ids) = try await readyVideos(app, handle: "member_feed_maker", count: 3)
            let reader = try await app.signedUpBrowser(handle: "steady_reader")
            let fan = try await app.signedUpBrowser(handle: "quick_fan")
            func canonical(_ object: Any) throws -> String {
                String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
            }
            func page(_ browser: Browser, cursor: String? = nil) async throws -> (items: [[String: Any]], next: String?) {
                let response = try await browser.get("/api/v1/feed?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(response.status == .ok)
                #expect(response.headers.contentType?.subType == "json")
                return (try #require(response.json["items"] as? [[String: Any]]), response.json["next_cursor"] as? String)
            }
            func item(_ items: [[String: Any]], _ id: String) throws -> [String: Any] {
                try #require(items.first { ($0["video"] as? [String: Any])?["id"] as? String == id })
            }

            // Every page, twice (the second from what was kept): items as the video endpoint has them, in order, each once.
            for _ in 0..<2 {
                var seen: [String] = []
                var cursor: String?
                repeat {
                    let (items, next) = try await page(reader, cursor: cursor)
                    for entry in items {
                        let video = try #require(entry["video"] as? [String: Any])
                        let id = try #require(video["id"] as? String)
                        seen.append(id)
                        #expect(try canonical(video) == canonical(try await reader.get("/api/v1/videos/\(id)").json))
                        #expect(
                            try canonical(try #require(entry["viewer"])) == canonical(["liked": false, "saved": false, "following": false, "is_owner": false]))
                        #expect(entry["content_kind_label"] as? String == "Coping skill")
                        #expect((entry["creator"] as? [String: Any])?["handle"] as? String == "member_feed_maker")
                    }
                    cursor = next
                } while cursor != nil
                #expect(seen == ids.reversed())
            }

            // Someone else likes, saves and comments: the reader's next page has the counts, not the state.
            let headers: HTTPHeaders = ["X-CSRF-Token": fan.csrfToken ?? ""]
            #expect(try await fan.json(.PUT, "/api/v1/videos/\(ids[2])/like", headers: headers).status == .ok)
            #expect(try await fan.json(.PUT, "/api/v1/videos/\(ids[2])/save", headers: headers).status == .ok)
            #expect(try await fan.json(.POST, "/api/v1/videos/\(ids[2])/comments", ["body": "Useful, thanks."], headers: headers).status == .created)
            let seenByReader = try item(try await page(reader).items, ids[2])
            let counts = try #require(seenByReader["video"] as? [String: Any])
            #expect(counts["like_count"] as? Int == 1 && counts["save_count"] as? Int == 1 && counts["comment_count"] as? Int == 1)
            #expect((seenByReader["viewer"] as? [String: Any])?["liked"] as? Bool == false)
            let seenByFan = try item(try await page(fan).items, ids[2])
            #expect((seenByFan["viewer"] as? [String: Any])?["liked"] as? Bool == true)
            #expect((seenByFan["viewer"] as? [String: Any])?["saved"] as? Bool == true)

            // And takes it back: the count drops at once too.
            #expect(try await fan.json(.DELETE, "/api/v1/videos/\(ids[2])/like", headers: headers).status == .ok)
            #expect((try item(try await page(reader).items, ids[2])["video"] as? [String: Any])?["like_count"] as? Int == 0)

            // The creator renames themselves: the next page, a visitor's too, has the new name.
            _ = try await Browser(app).get("/api/v1/feed?limit=2")
            let renamed = try await maker.browser.json(.PATCH, "/api/v1/me/profile", ["display_name": "Dr. Renamed"], headers: maker.headers(tus: false))
            #expect(renamed.status == .ok)
            for viewer in [reader, try Browser(app)] {
                let first = try #require(try await page(viewer).items.first)
                #expect((first["creator"] as? [String: Any])?["display_name"] as? String == "Dr. Renamed")
            }
        }
    }

    @Test("For You leaves every video with a sensitive topic out for a member under 18, at once when an admin marks one; topic tabs still reach them")
    func minors() async throws {
        try await withTestApp { app in
            let (_, sleep) = try await readyVideos(app, handle: "sleep_maker", count: 2, topics: ["sleep"])
            let (_, mixed) = try await readyVideos(app, handle: "mood_maker", count: 1, topics: ["sleep", "depression"])
            let (_, crisis) = try await readyVideos(app, handle: "crisis_maker", count: 1, topics: ["suicide-prevention"])
            let teen = try await app.signedUpBrowser(handle: "teen_viewer", birthYear: 2012)
            let adult = try await app.signedUpBrowser(handle: "adult_viewer", birthYear: 1990)
            func forYou(_ browser: Browser) async throws -> Set<String> {
                var seen: Set<String> = []
                var cursor: String?
                repeat {
                    let page = try await browser.get("/api/v1/feed?limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""))
                    #expect(page.status == .ok)
                    for item in page.json["items"] as? [[String: Any]] ?? [] {
                        if let id = (item["video"] as? [String: Any])?["id"] as? String { seen.insert(id) }
                    }
                    cursor = page.json["next_cursor"] as? String
                } while cursor != nil
                return seen
            }
            #expect(try await forYou(teen) == Set(sleep), "a sleep-and-depression or suicide-prevention video reached a minor")
            #expect(try await forYou(adult) == Set(sleep + mixed + crisis))
            #expect(try await forYou(try Browser(app)) == Set(sleep + mixed + crisis), "visitors are not filtered")
            let tab = try await teen.get("/api/v1/feed?topic=depression").json["items"] as? [[String: Any]] ?? []
            #expect(tab.compactMap { ($0["video"] as? [String: Any])?["id"] as? String } == mixed, "the topic's own tab still lists it")

            let admin = try await app.signedUpBrowser(handle: "feed_admin")
            let adminUser = try #require(try await User.query(on: app.db).filter(\.$handle == "feed_admin").first())
            try await UserRole(userID: try adminUser.requireID(), role: .admin).create(on: app.db)
            #expect(try await admin.submit("/admin/topics/sleep", ["name": "Sleep", "sensitive": "on"]).status == .seeOther)
            #expect(try await forYou(teen).isEmpty, "the new mark applies on the next page, not after the cache expires")
            #expect(try await forYou(adult).count == 4)
        }
    }

    @Test("/ renders the first page on the server: a list of links for no script, and the API's own JSON for the script")
    func firstPageOnTheServer() async throws {
        try await withTestApp { app in
            let (_, sleep) = try await readyVideos(app, handle: "listed_maker", count: 2, topics: ["sleep"])
            let (_, crisis) = try await readyVideos(app, handle: "listed_crisis", count: 1, topics: ["suicide-prevention"])
            func attribute(_ name: String, in html: String) -> String? {
                guard let start = html.range(of: " \(name)=\"") else { return nil }
                let rest = html[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { return nil }
                return String(rest[..<end]).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            }
            let visitor = try Browser(app)
            let home = try await visitor.get("/").text
            for id in sleep + crisis { #expect(home.contains("<a class=\"feed-list-link\" href=\"/v/\(id)\">"), "no link to \(id)") }
            #expect(home.contains("Video 0 of listed_maker") && home.contains("listed_maker"))
            #expect(attribute("data-first-selection", in: home) == "for_you")
            #expect(attribute("data-first-page", in: home) == (try await visitor.get("/api/v1/feed").text), "not the API's first page")

            let teen = try await app.signedUpBrowser(handle: "listed_teen", birthYear: 2011)
            let teenHome = try await teen.get("/").text
            #expect(!teenHome.contains(crisis[0]), "a sensitive video is on a minor's first page")
            #expect(sleep.allSatisfy { teenHome.contains($0) })
            let topicHome = try await visitor.get("/?topic=suicide-prevention").text
            #expect(attribute("data-first-selection", in: topicHome) == "topic:suicide-prevention")
            #expect(topicHome.contains(crisis[0]) && !topicHome.contains(sleep[0]))
            // Nothing to render: no list and no JSON, and the page still works.
            let unknown = try await visitor.get("/?topic=astrology")
            #expect(unknown.status == .ok && !unknown.text.contains("feed-list-link") && attribute("data-first-page", in: unknown.text) == nil)
            let following = try await visitor.get("/?tab=following")
            #expect(following.status == .ok && attribute("data-first-page", in: following.text) == nil)
        }
    }

    @Test("a topic tab shows only that topic; bad cursors, limits and topics are refused by name")
    func topicsAndBadInput() async throws {
        try await withTestApp { app in
            _ = try await readyVideos(app, handle: "sleepy_creator", count: 2, topics: ["sleep"])
            let (_, griefIDs) = try await readyVideos(app, handle: "grief_creator", count: 1, topics: ["grief", "relationships"])
            let visitor = try Browser(app)
            let grief = try await visitor.get("/api/v1/feed?topic=grief")
            let items = try #require(grief.json["items"] as? [[String: Any]])
            #expect(items.compactMap { ($0["video"] as? [String: Any])?["id"] as? String } == griefIDs)
            #expect(try await visitor.get("/api/v1/feed?cursor=not-a-cursor").problemFields == ["cursor"])
            #expect(try await visitor.get("/api/v1/feed?limit=500").problemFields == ["limit"])
            #expect(try await visitor.get("/api/v1/feed?limit=abc").problemFields == ["limit"])
            #expect(try await visitor.get("/api/v1/feed?topic=astrology").problemFields == ["topic"])
        }
    }

    @Test("the video page plays the video with captions and Open Graph tags pointing at Mindreel only")
    func videoPage() async throws {
        try await withTestApp { app in
            let (client, ids) = try await readyVideos(app, handle: "page_maker", count: 1, topics: ["sleep", "anxiety"])
            let id = try #require(ids.first)
            let page = try await Browser(app).get("/v/\(id)")
            #expect(page.status == .ok)
            let html = page.text
            // Topic names in the curated order (Anxiety is listed before Sleep), whatever order they were picked in.
            let anxiety = try #require(html.range(of: "<li class=\"tag\">Anxiety</li>"))
            let sleep = try #require(html.range(of: "<li class=\"tag\">Sleep</li>"))
            #expect(anxiety.lowerBound < sleep.lowerBound)
            #expect(html.contains("by <strong>Test page_maker</strong> <span class=\"video-creator-handle\">@page_maker</span>"))
            #expect(html.contains("<video"))
            #expect(html.contains("/media/videos/\(id)/720p.mp4"))
            #expect(html.contains("property=\"og:video\" content=\"http://127.0.0.1:8080/media/videos/\(id)/720p.mp4\""))
            #expect(html.contains("property=\"og:url\" content=\"http://127.0.0.1:8080/v/\(id)\""))
            #expect(html.contains("Video 0 of page_maker"))
            #expect(html.contains("Coping skill"))
            #expect(!html.contains("src=\"http"))

            // Deleted: the page says the video is gone.
            _ = try await client.browser.send(.DELETE, "/api/v1/videos/\(id)", headers: ["Authorization": "Bearer \(client.token)"])
            let gone = try await Browser(app).get("/v/\(id)")
            #expect(gone.status == .notFound)
            #expect(gone.text.contains("This video is not available"))
            #expect(try await Browser(app).get("/api/v1/feed").json["items"] as? [Any] != nil)
            #expect((try await Browser(app).get("/api/v1/feed").json["items"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("markup in a caption is shown as text on the video page")
    func escaping() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "sneaky")
            let helper = VideoAPITests()
            let created = try await helper.createVideo(
                client, uploadID: try await helper.finishedUpload(client), extra: ["caption": "<script>alert(1)</script> hello"])
            while try await app.app.makeWorker().runOne() {}
            let id = try #require(created.json["id"] as? String)
            let html = try await Browser(app).get("/v/\(id)").text
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; hello"))
        }
    }
}
