import Fluent
import Foundation
import Media
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// Upload → video → worker with the real ffprobe/ffmpeg, on clips the tests generate. These
/// run once per `make test` (the PostgreSQL pass skips them: ffmpeg does not care which
/// database the row lives in).
@Suite("RealPipelineTests: real ffmpeg end to end")
struct RealPipelineTests {
    /// How a test clip is made with ffmpeg's own generators.
    enum Clip: String, CaseIterable, CustomTestStringConvertible {
        case landscape, portrait, rotated, hevc, vp9WebM, noAudio, variableFrameRate, oneSecond, atMaximum

        var testDescription: String { rawValue }

        var file: String { self == .vp9WebM ? "clip.webm" : "clip.mp4" }

        func arguments(output: String) -> [String] {
            let duration = self == .oneSecond ? "1" : self == .atMaximum ? "3" : "2"
            let size = self == .portrait ? "240x426" : "320x240"
            var args = ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=\(size):rate=25", "-t", duration]
            if self != .noAudio { args += ["-f", "lavfi", "-i", "sine=frequency=330:sample_rate=44100", "-t", duration] }
            switch self {
            case .hevc: args += ["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-tag:v", "hvc1"]
            case .vp9WebM: args += ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus"]
            case .variableFrameRate: args += ["-vf", "setpts='if(lt(N,25),N/25,N/8)/TB'", "-fps_mode", "vfr", "-c:v", "libx264", "-preset", "ultrafast"]
            default: args += ["-c:v", "libx264", "-preset", "ultrafast"]
            }
            if self != .noAudio, self != .vp9WebM { args += ["-c:a", "aac"] }
            return args + ["-metadata", "location=+52.3676+004.9041/", output]
        }
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestSetupError("\(tool) \(arguments.joined(separator: " ")) failed") }
        return String(decoding: data, as: UTF8.self)
    }

    static func make(_ clip: Clip, in directory: String) throws -> [UInt8] {
        let path = directory + "/" + clip.file
        _ = try run("ffmpeg", clip.arguments(output: path))
        if clip == .rotated {
            let rotated = directory + "/rotated.mp4"
            _ = try run("ffmpeg", ["-v", "error", "-y", "-i", path, "-c", "copy", "-metadata:s:v:0", "rotate=90", rotated])
            return Array(try Data(contentsOf: URL(fileURLWithPath: rotated)))
        }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Uploads `bytes`, makes a video of it and runs the worker until nothing is left to do.
    static func process(_ app: TestApp, bytes: [UInt8], handle: String, captions: String? = nil, expectErrors: Bool = false) async throws -> [String: Any] {
        let client = try await TusClient.make(app, handle: handle)
        let location = try await client.start(length: bytes.count)
        #expect(try await client.patch(location, offset: 0, bytes: bytes).status == .noContent)
        var body: [String: any Sendable] = [
            "upload_id": String(location.split(separator: "/").last!), "caption": "test #clip", "topic_ids": ["sleep"],
            "content_kind": "education",
        ]
        if let captions { body["captions"] = captions }
        let created = try await client.browser.json(.POST, "/api/v1/videos", body, headers: ["Authorization": "Bearer \(client.token)"])
        guard created.status == .created, let videoLocation = created.location else { throw TestSetupError("create failed: \(created.text)") }
        let worker = app.app.makeWorker()
        while try await worker.runOne() {}
        for job in try await Job.query(on: app.db).filter(\.$lastError != nil).all() where !expectErrors {
            Issue.record("job \(job.kind) attempt \(job.attempts): \(job.lastError ?? "")")
        }
        return try await client.browser.send(.GET, videoLocation, headers: ["Authorization": "Bearer \(client.token)"]).json
    }

    static func withPipelineApp(maxVideoSeconds: Double = 3, _ body: (TestApp) async throws -> Void) async throws {
        try await withTestApp(mediaTools: FFmpegMediaTools(threads: 2, logger: Logger(label: "test")), maxVideoSeconds: maxVideoSeconds) { app in
            try await body(app)
        }
    }

    @Test("each kind of phone clip becomes ready, and the 720p output meets the contract", arguments: Clip.allCases)
    func clip(_ clip: Clip) async throws {
        try await Self.withPipelineApp { app in
            let bytes = try Self.make(clip, in: app.dataDirectory)
            let video = try await Self.process(app, bytes: bytes, handle: "maker_\(clip.rawValue.lowercased().prefix(20))")
            #expect(video["processing_state"] as? String == "ready", "\(clip): \(video["failure_reason"] ?? "")")
            let id = try #require(video["id"] as? String).lowercased()
            let local = try #require(app.app.mindreel.storage as? LocalDiskStorage)
            let output = local.path(for: VideoFiles.key(.rendition720, of: UUID(uuidString: id)!))
            let probe = try Self.run("ffprobe", ["-v", "error", "-print_format", "json", "-show_streams", "-show_format", output])
            let json = try #require(try JSONSerialization.jsonObject(with: Data(probe.utf8)) as? [String: Any])
            let streams = try #require(json["streams"] as? [[String: Any]])
            let videoStream = try #require(streams.first { $0["codec_type"] as? String == "video" })
            #expect(videoStream["codec_name"] as? String == "h264")
            #expect(videoStream["profile"] as? String == "High")
            #expect(videoStream["pix_fmt"] as? String == "yuv420p")
            let width = videoStream["width"] as? Int ?? 0
            let height = videoStream["height"] as? Int ?? 0
            // Never upscaled: the sources are small, so the output keeps their (rotated) size.
            if clip == .portrait { #expect(width == 240 && height == 426) }
            if clip == .rotated { #expect(width == 240 && height == 320) } else if clip != .portrait { #expect(width == 320 && height == 240) }
            #expect(max(width, height) <= 1280)
            let tags = (json["format"] as? [String: Any])?["tags"] as? [String: Any] ?? [:]
            #expect(tags["location"] == nil && tags["creation_time"] == nil, "\(tags)")
            #expect(clip == .noAudio ? streams.count == 1 : streams.contains { $0["codec_name"] as? String == "aac" })
            let head = try FileHandle(forReadingFrom: URL(fileURLWithPath: output)).read(upToCount: 64 * 1024) ?? Data()
            let moov = head.range(of: Data("moov".utf8))
            #expect(moov != nil, "moov in the first 64 KiB: faststart")
            #expect(video["poster_url"] as? String != nil)
            #expect((try? FileManager.default.contentsOfDirectory(atPath: app.dataDirectory + "/work"))?.isEmpty ?? true)
        }
    }

    enum BadFile: String, CaseIterable, CustomTestStringConvertible {
        case empty, text, truncated, hlsPlaylist, image, audioOnly, tooLong
        var testDescription: String { rawValue }
    }

    @Test("bad files fail with their own reason and leave no file behind", arguments: BadFile.allCases)
    func badFile(_ kind: BadFile) async throws {
        try await Self.withPipelineApp { app in
            let dir = app.dataDirectory
            let bytes: [UInt8]
            switch kind {
            case .empty:
                bytes = []
            case .text:
                bytes = Array("These are my notes, not a video.\n".utf8)
            case .truncated:
                let whole = try Self.make(.landscape, in: dir)
                bytes = Array(whole.prefix(whole.count / 2))
            case .hlsPlaylist:
                let target = try Self.make(.landscape, in: dir)
                _ = target
                bytes = Array("#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n\(dir)/clip.mp4\n#EXT-X-ENDLIST\n".utf8)
            case .image:
                _ = try Self.run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240", "-frames:v", "1", dir + "/still.png"])
                bytes = Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/still.png")))
            case .audioOnly:
                _ = try Self.run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440", "-t", "2", "-c:a", "aac", dir + "/sound.m4a"])
                bytes = Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/sound.m4a")))
            case .tooLong:
                _ = try Self.run(
                    "ffmpeg",
                    [
                        "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10", "-t", "5", "-c:v", "libx264", "-preset", "ultrafast",
                        dir + "/long.mp4",
                    ])
                bytes = Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/long.mp4")))
            }
            // ffprobe runs as the upload finishes: the file is refused there, before any form.
            let client = try await TusClient.make(app, handle: "bad_\(kind.rawValue.lowercased())")
            let finished: TestingHTTPResponse
            if bytes.isEmpty {
                finished = try await client.create(length: 0)
            } else {
                let location = try await client.start(length: bytes.count)
                finished = try await client.patch(location, offset: 0, bytes: bytes)
            }
            let reason: String
            if finished.status == .unprocessableEntity {
                reason = finished.json["detail"] as? String ?? ""
                #expect(reason.hasSuffix("Choose another file to upload; this one was not kept."), "\(kind): \(reason)")
                #expect(try await Upload.query(on: app.db).count() == 0, "\(kind): the refused upload was kept")
                let partials = (try? FileManager.default.contentsOfDirectory(atPath: app.app.mindreel.config.uploadsDirectory)) ?? []
                #expect(partials.isEmpty, "\(kind): \(partials)")
                let stored = try #require(app.app.mindreel.storage as? LocalDiskStorage)
                let originals = (try? FileManager.default.subpathsOfDirectory(atPath: stored.path(for: Media.StorageKey("uploads")!))) ?? []
                #expect(!originals.contains { $0.hasSuffix("original") }, "\(kind): \(originals)")
            } else {
                // A cut-off file can look whole to ffprobe; it fails in processing instead.
                #expect(kind == .truncated, "\(kind) was accepted at upload (\(finished.status))")
                let video = try await Self.process(app, bytes: bytes, handle: "bad_late_\(kind.rawValue.lowercased())", expectErrors: true)
                #expect(video["processing_state"] as? String == "failed", "\(kind)")
                reason = video["failure_reason"] as? String ?? ""
            }
            let expected: [BadFile: String] = [
                .empty: "could not be read", .text: "could not be read", .truncated: "", .hlsPlaylist: "MP4",
                .image: "image", .audioOnly: "no picture", .tooLong: "up to 3 seconds",
            ]
            #expect(!reason.isEmpty)
            if let fragment = expected[kind], !fragment.isEmpty { #expect(reason.contains(fragment), "\(kind): \(reason)") }
            let local = try #require(app.app.mindreel.storage as? LocalDiskStorage)
            for video in try await Video.query(on: app.db).all() {
                for file in VideoFiles.Kind.allCases {
                    #expect(!FileManager.default.fileExists(atPath: local.path(for: VideoFiles.key(file, of: try video.requireID()))))
                }
            }
            #expect((try? FileManager.default.contentsOfDirectory(atPath: dir + "/work"))?.isEmpty ?? true)
        }
    }

    @Test("a caption file with markup is stored as plain-text cues and becomes the transcript")
    func captions() async throws {
        try await Self.withPipelineApp { app in
            let bytes = try Self.make(.landscape, in: app.dataDirectory)
            let vtt = "WEBVTT\n\n00:00.000 --> 00:01.500\n<script>alert(1)</script>Breathe <b>in</b>\n\n00:01.500 --> 00:02.000\nand out &amp; rest\n"
            let video = try await Self.process(app, bytes: bytes, handle: "captioner", captions: vtt)
            #expect(video["processing_state"] as? String == "ready")
            let url = try #require(video["captions_url"] as? String)
            let served = try await Browser(app).get(url)
            #expect(served.headers.contentType?.description.hasPrefix("text/vtt") == true)
            #expect(served.text.hasPrefix("WEBVTT"))
            let cues = served.text.components(separatedBy: "\n").filter { !$0.contains("-->") && $0 != "WEBVTT" }
            #expect(!cues.joined().contains("<"), "\(served.text)")
            #expect(served.text.contains("Breathe in"))
            let stored = try #require(try await Video.query(on: app.db).first())
            #expect(stored.transcript?.contains("Breathe in") == true)
            #expect(stored.transcript?.contains("script") == false)
        }
    }
}
