import Fluent
import Foundation
import MindreelCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Search")
struct SearchTests {
    /// Makes one ready video with this caption (and spoken words), owned by `client`'s account.
    func video(_ app: TestApp, _ client: TusClient, caption: String, said: String? = nil, visibility: String = "public") async throws -> String {
        let helper = VideoAPITests()
        var extra: [String: any Sendable] = ["caption": caption, "hashtags": [String](), "topic_ids": ["sleep"]]
        if let said { extra["captions"] = "WEBVTT\n\n00:00.000 --> 00:02.000\n\(said)\n" }
        let created = try await helper.createVideo(client, uploadID: try await helper.finishedUpload(client), visibility: visibility, extra: extra)
        let id = try #require(created.json["id"] as? String, "\(created.text)")
        while try await app.app.makeWorker().runOne() {}
        app.clock.advance(by: 60)
        return id
    }

    func search(_ app: TestApp, _ query: String) async throws -> (ids: [String], json: [String: Any]) {
        let escaped = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let response = try await Browser(app).get("/api/v1/search?q=\(escaped)")
        #expect(response.status == .ok, "\(response.text)")
        let videos = response.json["videos"] as? [String: Any]
        let ids = ((videos?["items"] as? [[String: Any]]) ?? []).compactMap { ($0["video"] as? [String: Any])?["id"] as? String }
        return (ids, response.json)
    }

    @Test("ranking for a fixed set: caption and hashtags weigh more than the transcript; prefixes match")
    func ranking() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "search_maker")
            let strong = try await video(app, client, caption: "Anxiety at night: what helps #anxiety")
            let weak = try await video(app, client, caption: "My sleep routine #sleep", said: "Sometimes anxiety keeps me up.")
            let middle = try await video(app, client, caption: "Panic and anxiety")
            _ = try await video(app, client, caption: "Grief has no timetable")
            #expect(try await search(app, "anxiety").ids == [strong, middle, weak])
            #expect(try await search(app, "anx").ids == [strong, middle, weak], "a prefix finds the word")
            #expect(try await search(app, "ANXIETY nig").ids == [strong], "every word must match")
            #expect(try await search(app, "why is anxiety worse at night").ids.first == strong, "a question in plain words finds the best match first")
            #expect(try await search(app, "routine").ids == [weak])
            #expect(try await search(app, "timetable").json["corrected_query"] is NSNull)
        }
    }

    @Test("a misspelled word is corrected to the closest known one, and the page says so")
    func misspelling() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "speller")
            let sleep = try await video(app, client, caption: "Why you wake at 4 a.m. #sleep #insomnia")
            let anxiety = try await video(app, client, caption: "Grounding for anxiety")
            for (typed, meant, id) in [("slep", "sleep", sleep), ("anxeity", "anxiety", anxiety), ("insomina", "insomnia", sleep)] {
                let found = try await search(app, typed)
                #expect(found.ids == [id], "\(typed)")
                #expect(found.json["corrected_query"] as? String == meant)
            }
            #expect(try await search(app, "qwertyuiop").ids.isEmpty)
            let page = try await Browser(app).get("/search?q=slep")
            #expect(page.text.contains("Showing results for"))
            #expect(page.text.contains("/v/\(sleep)"))
        }
    }

    @Test("private, removed and deleted videos are never found")
    func hidden() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "hider")
            let visible = try await video(app, client, caption: "Breathing for panic")
            _ = try await video(app, client, caption: "Breathing in private", visibility: "private")
            _ = try await video(app, client, caption: "Breathing unlisted", visibility: "unlisted")
            let removed = try await video(app, client, caption: "Breathing removed by moderators")
            let deleted = try await video(app, client, caption: "Breathing deleted by me")
            let video = try #require(try await Video.find(UUID(uuidString: removed), on: app.db))
            video.publicationState = .removed
            try await video.save(on: app.db)
            #expect(try await client.browser.send(.DELETE, "/api/v1/videos/\(deleted)", headers: client.headers(tus: false)).status == .noContent)
            #expect(try await search(app, "breathing").ids == [visible])
            // The deleted video left the index too.
            let rows = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM video_search").first()
            #expect(try rows?.decode(column: "n", as: Int.self) == 4)
        }
    }

    @Test("HTML and search syntax in a query are harmless; an empty query is refused")
    func hostileQueries() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "safe_maker")
            let id = try await video(app, client, caption: "Coping with anxiety")
            #expect(try await search(app, "<script>alert(1)</script> anxiety").ids == [id])
            for query in ["\"anx\" OR NEAR(", "anx:* | !sleep", "a&b", "' OR 1=1 --", "*", "%_%"] {
                _ = try await search(app, query)
            }
            let page = try await Browser(app).get("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
            #expect(page.status == .ok)
            #expect(!page.text.contains("<script>alert(1)"))
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(try await Browser(app).get("/api/v1/search?q=%20").problemFields == ["q"])
            // A control character is dropped, not echoed into the page.
            let withNUL = try await Browser(app).get("/search?q=anxiety%00")
            #expect(withNUL.status == .ok && !withNUL.text.contains("\u{0}") && withNUL.text.contains("value=\"anxiety\""))
        }
    }

    @Test("creators with published videos are found by handle or name; topics by a word's prefix")
    func creatorsAndTopics() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "noor_explains")
            _ = try await video(app, client, caption: "What is EMDR")
            _ = try await app.signedUpBrowser(handle: "noor_lurker")  // never published: not findable
            let byHandle = try await search(app, "@noor").json
            #expect(((byHandle["creators"] as? [[String: Any]]) ?? []).compactMap { $0["handle"] as? String } == ["noor_explains"])
            let topics = try await search(app, "anx").json["topics"] as? [[String: Any]] ?? []
            #expect(topics.compactMap { $0["id"] as? String } == ["anxiety"])
        }
    }

    @Test("queries are not stored: no row anywhere holds them")
    func notStored() async throws {
        try await withTestApp { app in
            let member = try await app.signedUpBrowser(handle: "private_searcher")
            let secret = "zyxwvutsecretword"
            _ = try await member.get("/api/v1/search?q=\(secret)")
            _ = try await member.get("/search?q=\(secret)")
            let sql = app.db as! any SQLDatabase
            for table in ["audit_events", "search_terms", "sessions", "notifications", "watch_events"] {
                let rows = try await sql.raw("SELECT * FROM \(ident: table)").all()
                for row in rows {
                    for column in row.allColumns {
                        let text = (try? row.decode(column: column, as: String?.self)) ?? nil
                        #expect(text?.contains(secret) != true, "\(table).\(column) holds the query")
                    }
                }
            }
        }
    }
}
