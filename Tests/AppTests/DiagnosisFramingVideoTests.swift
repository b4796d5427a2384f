import Fluent
import Foundation
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// The diagnosis-framing classifier on videos: run when one is made, when its caption is edited
/// and when its transcript arrives, and once for older videos; its result decides the "not a
/// diagnosis" panel on the video page and in every video's API item.
@Suite("Diagnosis framing on videos")
struct DiagnosisFramingVideoTests {
    let videos = VideoAPITests()
    static let framed = "7 signs you have ADHD 👀 how many do you relate to? #adhd"
    static let plain = "Box breathing when panic starts #anxiety"

    @Test("a diagnosis-style caption gets the panel on the page and in the API; editing the caption away removes it; coping skills say 'general information'")
    func createAndEdit() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "framing_creator")
            let upload = try await videos.finishedUpload(client)
            let made = try await videos.createVideo(client, uploadID: upload, extra: ["caption": Self.framed, "content_kind": "personal_experience"])
            #expect(made.status == .created, "\(made.text)")
            let id = try #require(made.json["id"] as? String)
            let context = try #require(made.json["context"] as? [String: Any])
            #expect(context["not_a_diagnosis"] as? Bool == true && context["general_information"] as? Bool == false)
            let stored = try #require(try await Video.find(UUID(uuidString: id), on: app.db))
            #expect(stored.framingFlagged && stored.framingScore >= DiagnosisFraming.threshold && stored.framingCheckedAt != nil)
            #expect(VideoFraming.reasons(of: stored).contains { $0.contains("signs you have adhd") }, "\(stored.framingReasonsJSON)")
            while try await app.app.makeWorker().runOne() {}

            let page = try await Browser(app).get("/v/\(id)")
            #expect(page.text.contains("id=\"context-panel\"") && page.text.contains("This is not a diagnosis"))
            #expect(page.text.contains("href=\"/find-help\""))
            let feed = try await Browser(app).get("/api/v1/feed").json["items"] as? [[String: Any]] ?? []
            let item = try #require(feed.first { ($0["video"] as? [String: Any])?["id"] as? String == id })
            #expect(((item["video"] as? [String: Any])?["context"] as? [String: Any])?["not_a_diagnosis"] as? Bool == true)

            let auth: HTTPHeaders = ["Authorization": "Bearer \(client.token)"]
            let edited = try await client.browser.json(
                .PATCH, "/api/v1/videos/\(id)", ["caption": Self.plain, "content_kind": "coping_skill"], headers: auth)
            #expect(edited.status == .ok, "\(edited.text)")
            let after = try #require(edited.json["context"] as? [String: Any])
            #expect(after["not_a_diagnosis"] as? Bool == false && after["general_information"] as? Bool == true)
            let calm = try await Browser(app).get("/v/\(id)")
            #expect(!calm.text.contains("id=\"context-panel\"") && calm.text.contains("General information, not advice for your situation."))
        }
    }

    @Test("a transcript that frames a diagnosis flags the video when processing brings it; older videos are classified once by the backfill")
    func transcriptAndBackfill() async throws {
        // A stand-in for a speech recogniser: it "hears" a diagnosis-style sentence.
        let script =
            "printf 'WEBVTT\\n\\n00:00.000 --> 00:02.000\\nokay so if you zone out mid conversation and lose your keys every day you probably have adhd\\n' > \"$1\""
        try await withTestApp { app in
            try AutomaticCaptionsTests.useSpeechToText(script, in: app)
            let client = try await TusClient.make(app, handle: "framing_transcript")
            let upload = try await videos.finishedUpload(client)
            let made = try await videos.createVideo(
                client, uploadID: upload, extra: ["caption": "Talking about my week #vlog", "content_kind": "personal_experience"])
            let text = try #require(made.json["id"] as? String)
            let id = try #require(UUID(uuidString: text))
            #expect((made.json["context"] as? [String: Any])?["not_a_diagnosis"] as? Bool == false, "the caption alone is fine")
            while try await app.app.makeWorker().runOne() {}
            let processed = try #require(try await Video.find(id, on: app.db))
            #expect(processed.transcript?.contains("you probably have adhd") == true)
            #expect(processed.framingFlagged, "\(processed.framingReasonsJSON)")
            let item = try await Browser(app).get("/api/v1/videos/\(id.uuidString.lowercased())").json
            #expect((item["context"] as? [String: Any])?["not_a_diagnosis"] as? Bool == true)

            // As migration 011 leaves an older video: never classified.
            processed.framingFlagged = false
            processed.framingCheckedAt = nil
            try await processed.save(on: app.db)
            #expect(try await FramingBackfill.run(on: app.db, now: { Date() }) == 1)
            #expect(try await Video.find(id, on: app.db)?.framingFlagged == true)
            #expect(try await FramingBackfill.run(on: app.db, now: { Date() }) == 0, "it runs once")
        }
    }

    @Test(
        "a moderator removes the note with a reason (audited, creator told); the creator asks once for a second look; members cannot decide"
    )
    func moderatorOverride() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "framing_override")
            let upload = try await videos.finishedUpload(client)
            let made = try await videos.createVideo(client, uploadID: upload, extra: ["caption": Self.framed, "content_kind": "personal_experience"])
            let id = try #require(made.json["id"] as? String)
            while try await app.app.makeWorker().runOne() {}
            #expect(try await Browser(app).get("/v/\(id)").text.contains("id=\"context-panel\""))

            let member = try await app.signedUpBrowser(handle: "framing_bystander")
            let refused = try await member.submit("/moderation/videos/\(id)/context", ["decision": "remove", "reason": "I do not like this note at all"])
            #expect([.forbidden, .notFound].contains(refused.status))

            let moderator = try await ModerationDeskTests().moderator(app, "framing_desk")
            let page = try await moderator.get("/v/\(id)")
            #expect(page.text.contains("id=\"context-moderation-form\"") && page.text.contains("signs you have adhd"), "the moderator sees the reasons")
            let short = try await moderator.submit("/moderation/videos/\(id)/context", ["decision": "remove", "reason": "no"])
            #expect(short.status == .unprocessableEntity)
            let removed = try await moderator.submit(
                "/moderation/videos/\(id)/context", ["decision": "remove", "reason": "This is a personal story, not a checklist for viewers."])
            #expect(removed.status == .seeOther)
            #expect(!(try await Browser(app).get("/v/\(id)").text.contains("id=\"context-panel\"")))
            let item = try await Browser(app).get("/api/v1/videos/\(id)").json
            #expect((item["context"] as? [String: Any])?["not_a_diagnosis"] as? Bool == false)
            #expect(try await app.auditRows(.contextPanel).count == 1)
            let told = try await MemberNotification.query(on: app.db).filter(\.$kind == .moderation).all()
            #expect(told.contains { $0.text.contains("removed") && $0.text.contains("personal story") })

            // The creator sees why in the studio and asks, once, for a second look.
            let creator = try Browser(app)
            #expect(try await LogInTests().logIn(creator, "framing_override").status == .seeOther)
            let studio = try await creator.get("/studio/videos/\(id)")
            #expect(studio.text.contains("a moderator removed it") && studio.text.contains("id=\"context-review\""))
            app.clock.advance(by: 3600)
            #expect(try await creator.submit("/studio/videos/\(id)/context-review", [:]).status == .seeOther)
            let again = try await creator.submit("/studio/videos/\(id)/context-review", [:])
            #expect(again.status == .conflict, "a creator can ask once")
            let waiting = try await moderator.get("/api/v1/moderation/context-reviews").json["items"] as? [[String: Any]] ?? []
            #expect(waiting.map { $0["video_id"] as? String } == [id])
            #expect(try await app.auditRows(.contextReviewRequest).count == 1)
            // The second look: the moderator gives it back to the classifier; the request is answered.
            app.clock.advance(by: 3600)
            #expect(
                try await moderator.submit(
                    "/moderation/videos/\(id)/context", ["decision": "automatic", "reason": "Looked again: the check's note is right here."]
                ).status == .seeOther)
            #expect(try await Browser(app).get("/v/\(id)").text.contains("id=\"context-panel\""))
            #expect((try await moderator.get("/api/v1/moderation/context-reviews").json["items"] as? [[String: Any]])?.isEmpty == true)
        }
    }
}
