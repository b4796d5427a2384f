import Fluent
import Foundation
import Media
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// A finished upload becomes a video through the API and the job queue (ffmpeg faked here;
/// the pipeline tests run the real one).
@Suite("Videos: API, jobs and playback")
struct VideoAPITests {
    /// Uploads `bytes` through tus and returns the upload id.
    func finishedUpload(_ client: TusClient, bytes: [UInt8] = Array("not really a video".utf8)) async throws -> String {
        let location = try await client.start(length: bytes.count)
        let patch = try await client.patch(location, offset: 0, bytes: bytes)
        guard patch.status == .noContent else { throw TestSetupError("upload failed: \(patch.status)") }
        return String(location.split(separator: "/").last!)
    }

    func createVideo(_ client: TusClient, uploadID: String, visibility: String = "public", extra: [String: any Sendable] = [:]) async throws
        -> TestingHTTPResponse
    {
        var body: [String: any Sendable] = [
            "upload_id": uploadID, "caption": "Box breathing when panic starts #anxiety #Breathe", "topic_ids": ["anxiety", "stress-burnout"],
            "hashtags": ["copingskills"], "content_kind": "coping_skill", "visibility": visibility,
        ]
        for (key, value) in extra { body[key] = value }
        return try await client.browser.json(.POST, "/api/v1/videos", body, headers: ["Authorization": "Bearer \(client.token)"])
    }

    func worker(_ app: TestApp) -> JobWorker { app.app.makeWorker() }

    @Test("the curated topics are listed")
    func topics() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).get("/api/v1/topics")
            let items = try #require(response.json["items"] as? [[String: Any]])
            let ids = items.compactMap { $0["id"] as? String }
            #expect(ids.contains("anxiety") && ids.contains("suicide-prevention") && ids.contains("therapy-explained"))
            #expect(items.first { $0["id"] as? String == "suicide-prevention" }?["sensitive"] as? Bool == true)
        }
    }

    @Test("an upload becomes a ready, published video with a 720p rendition, a poster and, later, 360p")
    func happyPath() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "creator_one")
            let uploadID = try await finishedUpload(client)
            let created = try await createVideo(client, uploadID: uploadID)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.json["processing_state"] as? String == "uploaded")
            #expect(created.json["publication_state"] as? String == "draft")
            #expect(Set(created.json["hashtags"] as? [String] ?? []) == ["anxiety", "breathe", "copingskills"])
            let location = try #require(created.location)

            #expect(try await worker(app).runOne())
            let ready = try await client.browser.send(.GET, location, headers: ["Authorization": "Bearer \(client.token)"])
            #expect(ready.json["processing_state"] as? String == "ready")
            #expect(ready.json["publication_state"] as? String == "published")
            #expect((ready.json["renditions"] as? [[String: Any]])?.map { $0["name"] as? String } == ["720p"])
            let poster = try #require(ready.json["poster_url"] as? String)
            #expect(try await Browser(app).get(poster).text == "poster")

            // The 360p rendition is its own job.
            #expect(try await worker(app).runOne())
            let both = try await Browser(app).get(location)
            #expect((both.json["renditions"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["720p", "360p"])
            #expect(try await worker(app).runOne() == false)
        }
    }

    @Test("renditions are served with ranges, HEAD, ETags and If-Range")
    func ranges() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "ranger")
            let created = try await createVideo(client, uploadID: try await finishedUpload(client))
            _ = try await worker(app).runOne()
            let id = try #require(created.json["id"] as? String).lowercased()
            let url = "/media/videos/\(id)/720p.mp4"
            let full = FakeMediaTools.contents("720p")
            let visitor = try Browser(app)

            let whole = try await visitor.get(url)
            #expect(whole.status == .ok)
            #expect(whole.text == full)
            #expect(whole.headers.contentType?.description.hasPrefix("video/mp4") == true)
            #expect(whole.headers.first(name: .acceptRanges) == "bytes")
            #expect(whole.headers.first(name: .cacheControl)?.contains("max-age=31536000") == true)
            let etag = try #require(whole.headers.first(name: .eTag))

            let slice = try await visitor.get(url, headers: ["Range": "bytes=10-19"])
            #expect(slice.status == .partialContent)
            #expect(slice.text == String(Array(full)[10...19]))
            #expect(slice.headers.first(name: .contentRange) == "bytes 10-19/\(full.utf8.count)")
            let tail = try await visitor.get(url, headers: ["Range": "bytes=-5"])
            #expect(tail.text == String(full.suffix(5)))
            #expect(try await visitor.get(url, headers: ["Range": "bytes=99999-"]).status == .rangeNotSatisfiable)
            #expect(try await visitor.get(url, headers: ["Range": "bytes=0-3", "If-Range": "\"other\""]).status == .ok)
            #expect(try await visitor.get(url, headers: ["Range": "bytes=0-3", "If-Range": etag]).status == .partialContent)
            #expect(try await visitor.get(url, headers: ["If-None-Match": etag]).status == .notModified)
            let head = try await visitor.send(.HEAD, url)
            #expect(head.status == .ok)
            #expect(head.headers.first(name: .contentLength) == String(full.utf8.count))
        }
    }

    @Test("private videos only for their owner; unlisted ones by link; nothing before it is ready")
    func visibility() async throws {
        try await withTestApp { app in
            let owner = try await TusClient.make(app, handle: "owner_v")
            let privateVideo = try await createVideo(owner, uploadID: try await finishedUpload(owner), visibility: "private")
            let privateLocation = try #require(privateVideo.location)
            let unlisted = try await createVideo(owner, uploadID: try await finishedUpload(owner), visibility: "unlisted")
            let unlistedLocation = try #require(unlisted.location)

            // Before processing, even a public video is the owner's alone.
            #expect(try await Browser(app).get(unlistedLocation).status == .notFound)
            #expect(try await owner.browser.send(.GET, unlistedLocation, headers: ["Authorization": "Bearer \(owner.token)"]).status == .ok)
            while try await worker(app).runOne() {}

            let stranger = try Browser(app)
            #expect(try await stranger.get(privateLocation).status == .notFound)
            let privateID = try #require(privateVideo.json["id"] as? String).lowercased()
            #expect(try await stranger.get("/media/videos/\(privateID)/720p.mp4").status == .notFound)
            let ownerFile = try await owner.browser.send(.GET, "/media/videos/\(privateID)/720p.mp4", headers: ["Authorization": "Bearer \(owner.token)"])
            #expect(ownerFile.status == .ok)
            #expect(ownerFile.headers.first(name: .cacheControl)?.hasPrefix("private") == true)
            #expect(try await stranger.get(unlistedLocation).status == .ok)
        }
    }

    @Test("a file that is not a video fails with the reason, leaves no files, and can be retried or deleted")
    func failure() async throws {
        try await withTestApp(mediaTools: FakeMediaTools(rejection: "This is an image, not a video.")) { app in
            let client = try await TusClient.make(app, handle: "unlucky")
            let created = try await createVideo(client, uploadID: try await finishedUpload(client))
            let location = try #require(created.location)
            let id = try #require(created.json["id"] as? String).lowercased()
            _ = try await worker(app).runOne()
            let auth: HTTPHeaders = ["Authorization": "Bearer \(client.token)"]
            let failed = try await client.browser.send(.GET, location, headers: auth)
            #expect(failed.json["processing_state"] as? String == "failed")
            #expect(failed.json["failure_reason"] as? String == "This is an image, not a video.")
            let work = app.dataDirectory + "/work"
            #expect((try? FileManager.default.contentsOfDirectory(atPath: work))?.isEmpty ?? true)
            #expect(try await app.app.mindreel.storage.size(of: VideoFiles.key(.rendition720, of: UUID(uuidString: id)!)) == nil)

            let retry = try await client.browser.send(.POST, location + "/retry", headers: auth)
            #expect(retry.status == .accepted)
            #expect(try await Job.query(on: app.db).filter(\.$state == .queued).count() == 1)

            let deleted = try await client.browser.send(.DELETE, location, headers: auth)
            #expect(deleted.status == .noContent)
            #expect(try await Video.query(on: app.db).count() == 0)
            #expect(try await Upload.query(on: app.db).count() == 0)
            #expect(
                try await app.app.mindreel.storage.size(of: UploadFiles.storageKey(for: UUID(uuidString: String(created.json["id"] as? String ?? ""))!)) == nil)
        }
    }

    @Test("transient failures retry with backoff; after the last attempt the video fails")
    func transient() async throws {
        try await withTestApp(mediaTools: FakeMediaTools(failTranscode: true)) { app in
            let client = try await TusClient.make(app, handle: "flaky")
            let created = try await createVideo(client, uploadID: try await finishedUpload(client))
            let location = try #require(created.location)
            let w = worker(app)
            #expect(try await w.runOne())
            let job = try #require(try await Job.query(on: app.db).first())
            #expect(job.state == .queued)
            #expect(job.attempts == 1)
            #expect(job.runAfter > app.clock.now)
            #expect(try await w.runOne() == false)  // not due yet
            for _ in 0..<2 {
                app.clock.advance(by: 3600)
                #expect(try await w.runOne())
            }
            let failed = try await client.browser.send(.GET, location, headers: ["Authorization": "Bearer \(client.token)"])
            #expect(failed.json["processing_state"] as? String == "failed")
            #expect((failed.json["failure_reason"] as? String)?.isEmpty == false)
            #expect(try await Job.query(on: app.db).first()?.state == .failed)
        }
    }

    @Test("bad video details are refused naming the field, and nothing is queued")
    func badDetails() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "careless")
            let uploadID = try await finishedUpload(client)
            let cases: [([String: any Sendable], String)] = [
                (["topic_ids": [String]()], "topic_ids"), (["topic_ids": ["anxiety", "sleep", "ocd", "grief"]], "topic_ids"),
                (["topic_ids": ["astrology"]], "topic_ids"), (["content_kind": "vibes"], "content_kind"),
                (["visibility": "secret"], "visibility"), (["caption": String(repeating: "a", count: 2201)], "caption"),
                (["hashtags": ["<script>"]], "hashtags"), (["upload_id": UUID().uuidString], "upload_id"),
            ]
            for (change, field) in cases {
                var extra = change
                let id = (extra.removeValue(forKey: "upload_id") as? String) ?? uploadID
                let response = try await createVideo(client, uploadID: id, extra: extra)
                #expect(response.status == .unprocessableEntity, "\(field): \(response.status)")
                #expect(response.problemFields.contains(field), "\(field): \(response.text)")
            }
            let other = try await TusClient.make(app, handle: "not_the_owner")
            #expect(try await createVideo(other, uploadID: uploadID).problemFields == ["upload_id"])
            #expect(try await Video.query(on: app.db).count() == 0)
            #expect(try await Job.query(on: app.db).count() == 0)
            #expect(try await createVideo(client, uploadID: uploadID).status == .created)
            #expect(try await createVideo(client, uploadID: uploadID).problemFields == ["upload_id"])
        }
    }
}

@Suite("Job queue")
struct JobQueueTests {
    struct Nothing: Codable {}

    @Test("two workers never claim the same job; a dead worker's job is taken again after its lease")
    func leases() async throws {
        try await withTestApp { app in
            let queue = JobQueue(now: { app.clock.now })
            let first = try await queue.enqueue(kind: "test", payload: Nothing(), on: app.db)
            let second = try await queue.enqueue(kind: "test", payload: Nothing(), on: app.db)
            let a = try #require(try await queue.claim(worker: "a", lease: 30, on: app.db))
            let b = try #require(try await queue.claim(worker: "b", lease: 30, on: app.db))
            #expect(Set([a.id, b.id]) == Set([first, second]))
            #expect(try await queue.claim(worker: "c", lease: 30, on: app.db) == nil)
            #expect(try await queue.heartbeat(jobID: first, worker: "c", lease: 30, on: app.db) == false)

            // Worker a dies: after its lease, c takes the job, and a can no longer finish it.
            app.clock.advance(by: 31)
            _ = try await queue.heartbeat(jobID: b.requireID(), worker: "b", lease: 30, on: app.db)
            let retaken = try #require(try await queue.claim(worker: "c", lease: 30, on: app.db))
            #expect(retaken.id == a.id)
            #expect(retaken.attempts == 2)
            #expect(try await queue.complete(jobID: a.requireID(), worker: "a", on: app.db) == false)
            #expect(try await queue.complete(jobID: a.requireID(), worker: "c", on: app.db))
        }
    }
}

@Suite("Automatic captions")
struct AutomaticCaptionsTests {
    /// Configures `app` to run `script` (shell; `$1` is the caption file to write) as its
    /// speech recogniser, a stand-in for a real one.
    static func useSpeechToText(_ script: String, in app: TestApp) throws {
        let command = try #require(
            SpeechToText.parseCommand(
                String(decoding: try JSONEncoder().encode(["sh", "-c", script, "sh", "{output}", "{input}"]), as: UTF8.self)))
        var config = app.app.mindreel.config
        config.speechToTextCommand = command
        app.app.mindreel = MindreelContext(
            config: config, dependencies: app.app.mindreel.dependencies, secret: app.app.mindreel.secret,
            dummyPasswordHash: app.app.mindreel.dummyPasswordHash, storage: app.app.mindreel.storage)
    }

    @Test("with a speech-to-text command configured, a video without captions gets sanitised ones")
    func speechToText() async throws {
        // A stand-in for a real recogniser: it writes a caption file with markup in it.
        let script = "printf 'WEBVTT\\n\\n00:00.000 --> 00:01.000\\nhello <b>there</b> <script>x</script>\\n' > \"$1\""
        #expect(SpeechToText.parseCommand("[\"sh\", \"-c\", \"true\"]") == nil, "must name {input} and {output}")
        try await withTestApp { app in
            try Self.useSpeechToText(script, in: app)
            let client = try await TusClient.make(app, handle: "auto_captions")
            let tests = VideoAPITests()
            let created = try await tests.createVideo(client, uploadID: try await tests.finishedUpload(client))
            while try await app.app.makeWorker().runOne() {}
            let video = try await Browser(app).get(try #require(created.location))
            let url = try #require(video.json["captions_url"] as? String)
            let vtt = try await Browser(app).get(url).text
            #expect(vtt.contains("hello there"))
            #expect(!vtt.contains("<"))
            #expect(try await Video.query(on: app.db).first()?.transcript?.contains("hello there") == true)
        }
    }
}
