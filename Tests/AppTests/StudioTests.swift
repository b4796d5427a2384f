import Fluent
import Foundation
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Creator studio: numbers, charts, editing and deleting")
struct StudioTests {
    func csrf(_ browser: Browser) -> HTTPHeaders { ["X-CSRF-Token": browser.csrfToken ?? ""] }

    /// The creator's own web session (readyVideos signs them up and keeps only a bearer token).
    func logIn(_ app: TestApp, _ handle: String) async throws -> Browser {
        let browser = try Browser(app)
        try await browser.get("/login")
        let response = try await browser.submit("/login", ["handle": handle, "password": TestApp.password])
        #expect(response.status == .seeOther, "log-in should redirect: \(response.text.prefix(300))")
        return browser
    }

    /// Posts a form whose fields may repeat (`topic_ids[]`), as a browser sends ticked boxes.
    @discardableResult
    func submit(_ browser: Browser, _ path: String, _ fields: [(String, String)]) async throws -> TestingHTTPResponse {
        if browser.csrfToken == nil { try await browser.get("/login") }
        let all = fields + [("csrf_token", browser.csrfToken ?? "")]
        let body = all.map { "\(Browser.formEscape($0.0))=\(Browser.formEscape($0.1))" }.joined(separator: "&")
        return try await browser.send(
            .POST, path, headers: ["Content-Type": "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
    }

    func editFields(caption: String, topics: [String], kind: String = "education", visibility: String = "public") -> [(String, String)] {
        [("caption", caption)] + topics.map { ("topic_ids[]", $0) } + [("content_kind", kind), ("visibility", visibility)]
    }

    func get(_ client: TusClient, _ path: String) async throws -> TestingHTTPResponse {
        try await client.browser.send(.GET, path, headers: client.headers(tus: false))
    }

    func items(_ response: TestingHTTPResponse) -> [[String: Any]] {
        (response.json["items"] as? [[String: Any]]) ?? []
    }

    func video(_ item: [String: Any]) -> [String: Any] {
        (item["video"] as? [String: Any]) ?? [:]
    }

    /// The number in the table row of `day` in the chart called `chart` on a studio page.
    func tableViews(_ html: String, chart: String, day: String) -> Int? {
        guard let table = html.range(of: "id=\"\(chart)-table\"") else { return nil }
        let rest = html[table.upperBound...]
        guard let row = rest.range(of: "<tr data-day=\"\(day)\">"), let cell = rest[row.upperBound...].range(of: "<td class=\"numeric\">")
        else { return nil }
        let after = rest[cell.upperBound...]
        return Int(after.prefix { $0.isNumber })
    }

    func figure(_ html: String, _ name: String) -> String? {
        guard let start = html.range(of: "class=\"figure figure-\(name)\">") else { return nil }
        return String(html[start.upperBound...].prefix { $0 != "<" })
    }

    @Test("views per day, likes, saves, comments and watch-through match what viewers did, on the page and in the API")
    func numbers() async throws {
        try await withTestApp { app in
            // setup
            let (creator, ids) = try await FeedTests().readyVideos(app, handle: "studio_maker", count: 2)
            let first = ids[0]
            let second = ids[1]
            let day0 = ViewDay.of(app.clock.now)
            let visitorA = try Browser(app)
            let visitorB = try Browser(app)
            let member = try await app.signedUpBrowser(handle: "studio_fan")
            let other = try await app.signedUpBrowser(handle: "studio_fan_two")
            for browser in [visitorA, visitorB] { _ = try await browser.json(.POST, "/api/v1/videos/\(first)/views") }
            _ = try await member.json(.POST, "/api/v1/videos/\(first)/views", headers: csrf(member))
            _ = try await member.json(.POST, "/api/v1/videos/\(second)/views", headers: csrf(member))
            _ = try await member.json(.POST, "/api/v1/videos/\(first)/views", headers: csrf(member))  // once a day only
            app.clock.advance(by: 86_400)
            let day1 = ViewDay.of(app.clock.now)
            _ = try await visitorA.json(.POST, "/api/v1/videos/\(first)/views")
            app.clock.advance(by: 2 * 86_400)
            let day3 = ViewDay.of(app.clock.now)
            _ = try await member.json(.POST, "/api/v1/videos/\(second)/views", headers: csrf(member))
            _ = try await visitorB.json(.POST, "/api/v1/videos/\(second)/views")

            for browser in [member, other] {
                #expect(try await browser.json(.PUT, "/api/v1/videos/\(first)/like", headers: csrf(browser)).status == .ok)
            }
            #expect(try await member.json(.PUT, "/api/v1/videos/\(second)/save", headers: csrf(member)).status == .ok)
            for text in ["Thank you", "This helped"] {
                #expect(try await member.json(.POST, "/api/v1/videos/\(first)/comments", ["body": text], headers: csrf(member)).status == .created)
            }
            // The fake probe says every video is 3 s long: 1.5 s is half, 6 s is all of it.
            for seconds in [1.5, 6.0] {
                let sent = try await member.json(.POST, "/api/v1/videos/\(first)/watch-events", ["watch_seconds": seconds], headers: csrf(member))
                #expect(sent.status == .noContent)
            }
            // A third video still waiting for processing: the studio shows every state.
            let waiting = try await VideoAPITests().createVideo(creator, uploadID: try await VideoAPITests().finishedUpload(creator))
            let waitingID = try #require(waiting.json["id"] as? String)

            // MUT
            let list = try await get(creator, "/api/v1/studio/videos")

            // validate
            #expect(list.status == .ok)
            let listed = items(list)
            #expect(listed.map { video($0)["id"] as? String } == [waitingID, second, first], "newest first, every state")
            #expect(list.json.keys.contains("next_cursor"))
            let one = video(listed[2])
            #expect(one["view_count"] as? Int == 4)
            #expect(one["like_count"] as? Int == 2)
            #expect(one["save_count"] as? Int == 0)
            #expect(one["comment_count"] as? Int == 2)
            #expect(abs((listed[2]["watch_through_rate"] as? Double ?? -1) - 0.75) < 0.0001)
            #expect(listed[2]["watch_event_count"] as? Int == 2)
            #expect(listed[2]["studio_url"] as? String == "/studio/videos/\(first)")
            let two = video(listed[1])
            #expect(two["view_count"] as? Int == 3)
            #expect(two["save_count"] as? Int == 1)
            #expect(listed[1]["watch_through_rate"] is NSNull, "null, not left out, before anyone watched")
            #expect(video(listed[0])["processing_state"] as? String == "uploaded")

            let firstDays = items(try await get(creator, "/api/v1/studio/videos/\(first)/views?days=30"))
            #expect(firstDays.count == 30)
            #expect(firstDays.last?["day"] as? String == day3, "today comes last")
            var perDay: [String: Int] = [:]
            for item in firstDays { perDay[item["day"] as? String ?? ""] = item["views"] as? Int }
            #expect(perDay[day0] == 3 && perDay[day1] == 1 && perDay[day3] == 0)
            #expect(perDay.values.reduce(0, +) == 4)
            let secondDays = items(try await get(creator, "/api/v1/studio/videos/\(second)/views"))
            #expect(secondDays.count == 30)
            #expect(secondDays.compactMap { $0["views"] as? Int } == Array(repeating: 0, count: 26) + [1, 0, 0, 2])
            #expect(items(try await get(creator, "/api/v1/studio/videos/\(second)/views?days=2")).compactMap { $0["views"] as? Int } == [0, 2])
            for bad in ["0", "366", "abc"] {
                #expect(try await get(creator, "/api/v1/studio/videos/\(second)/views?days=\(bad)").problemFields == ["days"])
            }

            // Cursor pages: each video once.
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await get(creator, "/api/v1/studio/videos?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(items(page).count <= 2)
                seen += items(page).compactMap { video($0)["id"] as? String }
                cursor = page.json["next_cursor"] as? String
            } while cursor != nil
            #expect(seen == [waitingID, second, first])

            // The pages show the same numbers, the chart and its table.
            let web = try await logIn(app, "studio_maker")
            let studio = try await web.get("/studio")
            #expect(studio.status == .ok)
            let html = studio.text
            #expect(html.contains("id=\"total-videos\" class=\"stat-figure\">3<"))
            #expect(html.contains("id=\"total-views\" class=\"stat-figure\">7<"))
            #expect(html.contains("id=\"total-likes\" class=\"stat-figure\">2<"))
            #expect(html.contains("id=\"total-saves\" class=\"stat-figure\">1<"))
            #expect(html.contains("id=\"total-comments\" class=\"stat-figure\">2<"))
            #expect(tableViews(html, chart: "all-views", day: day0) == 4)
            #expect(tableViews(html, chart: "all-views", day: day1) == 1)
            #expect(tableViews(html, chart: "all-views", day: day3) == 2)
            #expect(html.contains("<svg class=\"chart-svg chart-wide\" role=\"img\" aria-labelledby=\"all-views-title all-views-summary\""))
            #expect(html.contains("class=\"chart-bar\" data-day=\"\(day0)\" data-views=\"4\""))
            #expect(html.contains("7 views from"), "the summary read by screen readers")
            #expect(html.contains("75%"))
            #expect(html.contains("Waiting to be processed"))
            #expect(!html.contains("style="), "no inline styles under the CSP")

            let page = try await web.get("/studio/videos/\(first)")
            #expect(page.status == .ok)
            #expect(figure(page.text, "views") == "4")
            #expect(figure(page.text, "likes") == "2")
            #expect(figure(page.text, "saves") == "0")
            #expect(figure(page.text, "comments") == "2")
            #expect(figure(page.text, "watch-through") == "75%")
            #expect(tableViews(page.text, chart: "video-views", day: day0) == 3)
            #expect(tableViews(page.text, chart: "video-views", day: day1) == 1)
            #expect(page.text.contains("href=\"/v/\(first)\""))
            let secondPage = try await web.get("/studio/videos/\(second)")
            #expect(secondPage.text.contains("class=\"figure figure-watch-through\"><span aria-hidden=\"true\">—</span>"))
        }
    }

    @Test("someone else's studio video is not found, by page or API; visitors are sent to log in")
    func onlyTheOwner() async throws {
        try await withTestApp { app in
            let (creator, ids) = try await FeedTests().readyVideos(app, handle: "owner_only", count: 1)
            let id = ids[0]
            let nosy = try await app.signedUpBrowser(handle: "nosy_viewer")
            #expect(try await nosy.get("/studio/videos/\(id)").status == .notFound)
            #expect(try await nosy.get("/api/v1/studio/videos/\(id)/views").status == .notFound)
            #expect(items(try await nosy.get("/api/v1/studio/videos")).isEmpty)
            let edit = try await submit(nosy, "/studio/videos/\(id)", editFields(caption: "Mine now", topics: ["grief"]))
            #expect(edit.status == .notFound)
            #expect(try await submit(nosy, "/studio/videos/\(id)/delete", [("confirm", "on")]).status == .notFound)
            #expect(try await nosy.json(.PATCH, "/api/v1/videos/\(id)", ["caption": "Mine now"], headers: csrf(nosy)).status == .notFound)
            #expect(try await Video.find(UUID(uuidString: id)!, on: app.db)?.caption == "Video 0 of owner_only #demo")
            #expect(try await nosy.get("/studio").status == .ok, "a member without videos has an empty studio")
            #expect(try await nosy.get("/studio").text.contains("id=\"studio-empty\""))

            let visitor = try Browser(app)
            let redirected = try await visitor.get("/studio")
            #expect(redirected.status == .seeOther)
            #expect(redirected.location == "/login?next=/studio")
            #expect(try await visitor.get("/api/v1/studio/videos").status == .unauthorized)
            #expect(try await get(creator, "/api/v1/studio/videos/\(UUID())/views").status == .notFound)
        }
    }

    @Test("edits that break the rules are refused field by field and change nothing")
    func validation() async throws {
        try await withTestApp { app in
            // setup
            let (creator, ids) = try await FeedTests().readyVideos(app, handle: "careful_maker", count: 1)
            let id = ids[0]
            let before = try await get(creator, "/api/v1/videos/\(id)").json
            let web = try await logIn(app, "careful_maker")
            let cases: [(fields: [(String, String)], field: String)] = [
                (editFields(caption: "No topics", topics: []), "topic_ids"),
                (editFields(caption: "Four topics", topics: ["sleep", "anxiety", "grief", "ocd"]), "topic_ids"),
                (editFields(caption: "Made-up topic", topics: ["astrology"]), "topic_ids"),
                (editFields(caption: "Bad kind", topics: ["sleep"], kind: "prophecy"), "content_kind"),
                (editFields(caption: "Bad visibility", topics: ["sleep"], visibility: "secret"), "visibility"),
                (editFields(caption: String(repeating: "a", count: VideoDetails.captionLimit + 1), topics: ["sleep"]), "caption"),
                (editFields(caption: (1...11).map { "#tag\($0)" }.joined(separator: " "), topics: ["sleep"]), "caption"),
            ]
            for (fields, field) in cases {
                // MUT
                let response = try await submit(web, "/studio/videos/\(id)", fields)
                // validate
                #expect(response.status == .unprocessableEntity, "\(field)")
                #expect(response.text.contains("id=\"form-error\" role=\"alert\""), "\(field)")
                #expect(response.text.contains("<p class=\"field-error\" id=\"\(field)-error\">"), "\(field)")
                #expect(response.text.contains("aria-describedby=\"\(field)-error"), "the message is tied to its field: \(field)")
                let target = try #require(StudioPages.Problem.targets[field])
                #expect(response.text.contains("<li><a href=\"#\(target)\">"), "the summary at the top links to the field: \(field)")
            }
            // Several problems at once are listed in the order of the form.
            let both = try await submit(web, "/studio/videos/\(id)", editFields(caption: (1...11).map { "#t\($0)" }.joined(separator: " "), topics: []))
            let captionLink = try #require(both.text.range(of: "<li><a href=\"#caption\">"))
            let topicsLink = try #require(both.text.range(of: "<li><a href=\"#topics-field\">"))
            #expect(captionLink.lowerBound < topicsLink.lowerBound)
            // What was typed is shown again, not lost.
            let kept = try await submit(web, "/studio/videos/\(id)", editFields(caption: "Keep my words", topics: []))
            #expect(kept.text.contains(">Keep my words</textarea>"))

            let api: [([String: any Sendable], String)] = [
                (["topic_ids": [String]()], "topic_ids"),
                (["topic_ids": ["sleep", "anxiety", "grief", "ocd"]], "topic_ids"),
                (["content_kind": "prophecy"], "content_kind"),
                (["visibility": "secret"], "visibility"),
                (["caption": String(repeating: "é", count: VideoDetails.captionLimit + 1)], "caption"),
            ]
            for (body, field) in api {
                let response = try await creator.browser.json(.PATCH, "/api/v1/videos/\(id)", body, headers: creator.headers(tus: false))
                #expect(response.status == .unprocessableEntity, "\(field)")
                #expect(response.problemFields == [field])
            }

            let after = try await get(creator, "/api/v1/videos/\(id)").json
            for key in ["caption", "topics", "hashtags", "content_kind", "visibility"] {
                #expect(String(describing: after[key]) == String(describing: before[key]), "\(key) unchanged")
            }
        }
    }

    @Test("a caption edit shows on the video's page and brings its hashtags along; the API edits only what it is sent")
    func editCaption() async throws {
        try await withTestApp { app in
            // setup
            let (creator, ids) = try await FeedTests().readyVideos(app, handle: "caption_maker", count: 1)
            let id = ids[0]
            #expect(Set(try await get(creator, "/api/v1/videos/\(id)").json["hashtags"] as? [String] ?? []) == ["copingskills", "demo"])
            let web = try await logIn(app, "caption_maker")

            // MUT
            let saved = try await submit(
                web, "/studio/videos/\(id)",
                editFields(caption: "Sleep better tonight #Restful #sleep", topics: ["sleep", "anxiety"], kind: "education", visibility: "unlisted"))

            // validate
            #expect(saved.status == .seeOther)
            #expect(saved.location == "/studio/videos/\(id)?notice=video_saved")
            #expect(try await web.get(try #require(saved.location)).text.contains(Notice.videoSaved.message))
            let page = try await Browser(app).get("/v/\(id)")
            #expect(page.status == .ok, "unlisted: still open to people with the link")
            #expect(page.text.contains("Sleep better tonight #Restful #sleep"))
            let item = try await get(creator, "/api/v1/videos/\(id)").json
            // #demo left with the old caption; #copingskills was given apart from it and stays.
            #expect(Set(item["hashtags"] as? [String] ?? []) == ["copingskills", "restful", "sleep"])
            #expect(Set(item["topics"] as? [String] ?? []) == ["sleep", "anxiety"])
            #expect(item["content_kind"] as? String == "education")
            #expect(item["visibility"] as? String == "unlisted")
            #expect(items(try await Browser(app).get("/api/v1/feed")).isEmpty, "unlisted videos leave the feed")

            let patched = try await creator.browser.json(
                .PATCH, "/api/v1/videos/\(id)", ["caption": "  Rest, then #sleep  ", "visibility": "public"], headers: creator.headers(tus: false))
            #expect(patched.status == .ok)
            #expect(patched.json["caption"] as? String == "Rest, then #sleep", "trimmed as when created")
            #expect(Set(patched.json["hashtags"] as? [String] ?? []) == ["copingskills", "sleep"])
            #expect(Set(patched.json["topics"] as? [String] ?? []) == ["sleep", "anxiety"], "topics not sent, so kept")
            #expect(patched.json["content_kind"] as? String == "education")
            let comments = try await creator.browser.json(.PATCH, "/api/v1/videos/\(id)", ["comments_enabled": false], headers: creator.headers(tus: false))
            #expect(comments.json["comments_enabled"] as? Bool == false)
            #expect(comments.json["caption"] as? String == "Rest, then #sleep")
        }
    }

    @Test("deleting asks for a tick first, then removes the video with its numbers")
    func delete() async throws {
        try await withTestApp { app in
            // setup
            let (creator, ids) = try await FeedTests().readyVideos(app, handle: "leaving_maker", count: 2)
            let id = ids[0]
            let fan = try await app.signedUpBrowser(handle: "leaving_fan")
            _ = try await fan.json(.POST, "/api/v1/videos/\(id)/views", headers: csrf(fan))
            _ = try await fan.json(.PUT, "/api/v1/videos/\(id)/like", headers: csrf(fan))
            let web = try await logIn(app, "leaving_maker")

            let unconfirmed = try await submit(web, "/studio/videos/\(id)/delete", [])
            #expect(unconfirmed.status == .unprocessableEntity)
            #expect(unconfirmed.text.contains("id=\"confirm-error\""))
            #expect(unconfirmed.text.contains("aria-describedby=\"confirm-error\""))
            #expect(try await Video.find(UUID(uuidString: id)!, on: app.db) != nil)

            // MUT
            let deleted = try await submit(web, "/studio/videos/\(id)/delete", [("confirm", "on")])

            // validate
            #expect(deleted.status == .seeOther)
            #expect(deleted.location == "/studio?notice=video_deleted")
            #expect(try await Video.find(UUID(uuidString: id)!, on: app.db) == nil)
            #expect(try await VideoView.query(on: app.db).filter(\.$video.$id == UUID(uuidString: id)!).count() == 0)
            #expect(try await Browser(app).get("/v/\(id)").status == .notFound)
            #expect(try await web.get("/studio/videos/\(id)").status == .notFound)
            let studio = try await web.get("/studio?notice=video_deleted")
            #expect(studio.text.contains(Notice.videoDeleted.message))
            #expect(!studio.text.contains("data-video-id=\"\(id)\""))
            #expect(studio.text.contains("data-video-id=\"\(ids[1])\""))
            #expect(items(try await get(creator, "/api/v1/studio/videos")).compactMap { video($0)["id"] as? String } == [ids[1]])
        }
    }
}
