import Foundation
import MindreelCore
import Testing

@testable import Media

extension Tag {
    /// Runs the real ffmpeg and ffprobe from Debian on generated clips.
    @Tag static var realFFmpeg: Self
}

@Suite("Transcoding phone-like clips with real ffmpeg", .tags(.realFFmpeg))
struct RealFFmpegTests {
    let transcoder = Transcoder(configuration: .init(threads: 2))

    @Test("each accepted clip becomes a 720p rendition and a poster that meet the contract", arguments: TestClip.allCases)
    func transcodesToContract(clip: TestClip) async throws {
        // setup
        let scratch = try MediaScratch()
        defer { scratch.remove() }
        let input = try await clip.make(in: scratch)
        let sourceJSON = try await Tool.probeJSON(input)
        if clip == .variableFrameRate {
            let stream = try #require((sourceJSON["streams"] as? [[String: Any]])?.first)
            #expect(stream["r_frame_rate"] as? String != stream["avg_frame_rate"] as? String, "the clip really is variable-rate")
        }
        if clip == .rotated {
            #expect(String(describing: sourceJSON).contains("Display Matrix"), "the clip really carries a display matrix")
        }
        let output = scratch.path("720p.mp4")
        let posterPath = scratch.path("poster.jpg")
        let fractions = FractionLog()

        // MUT
        let probe = try await transcoder.probe(path: input, policy: TestClip.policy)
        let plan = transcoder.plan(probe, rendition: .p720, inputPath: input, outputPath: output)
        try await transcoder.transcode(plan: plan) { fractions.append($0) }
        try await transcoder.poster(plan: transcoder.posterPlan(probe, inputPath: input, outputPath: posterPath))

        // validate
        #expect(probe.video?.displaySize.width == clip.displaySize.width)
        #expect(probe.video?.displaySize.height == clip.displaySize.height)
        let json = try await Tool.probeJSON(output)
        let streams = try #require(json["streams"] as? [[String: Any]])
        let video = try #require(streams.first { $0["codec_type"] as? String == "video" })
        #expect(video["codec_name"] as? String == "h264")
        #expect(video["profile"] as? String == "High")
        #expect(video["pix_fmt"] as? String == "yuv420p")
        let width = try #require(video["width"] as? Int)
        let height = try #require(video["height"] as? Int)
        #expect(width == clip.expected720p.width && height == clip.expected720p.height, "got \(width)×\(height)")
        #expect(max(width, height) <= 1280 && width <= clip.displaySize.width && height <= clip.displaySize.height, "not upscaled")
        #expect(video["side_data_list"] == nil, "rotation applied to the pixels, no display matrix left")
        #expect(video["r_frame_rate"] as? String == video["avg_frame_rate"] as? String, "constant frame rate")
        let rate = try #require(FrameRate(video["avg_frame_rate"] as? String ?? ""))
        #expect(rate.value <= 30.001)

        let audio = streams.first { $0["codec_type"] as? String == "audio" }
        if clip.hasAudio {
            #expect(audio?["codec_name"] as? String == "aac")
            #expect(audio?["sample_rate"] as? String == "48000")
            #expect(audio?["channels"] as? Int == 2)
        } else {
            #expect(audio == nil, "a silent source gets no audio track")
        }

        let keyframes = try await Tool.keyframeTimes(output)
        let duration = Double(((json["format"] as? [String: Any])?["duration"] as? String) ?? "") ?? 0
        let expectedKeyframes = stride(from: 0.0, to: duration - 0.05, by: 2.0).map { $0 }
        #expect(keyframes.count == expectedKeyframes.count, "keyframes at \(keyframes)")
        for (got, want) in zip(keyframes, expectedKeyframes) {
            #expect(abs(got - want) < 0.07, "keyframes at \(keyframes)")
        }

        let boxes = try topLevelBoxTypes(output)
        let moov = try #require(boxes.firstIndex(of: "moov"))
        let mdat = try #require(boxes.firstIndex(of: "mdat"))
        #expect(moov < mdat, "moov before mdat: \(boxes)")

        try expectNoMetadata(json)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: output))
        for value in TestClip.privateValues + ["x264 - core", "Lavf5", "Lavc5"] {
            #expect(bytes.range(of: Data(value.utf8)) == nil, "output still contains \(value)")
        }

        #expect(fractions.values.last == 1, "progress ends at 1")
        #expect(fractions.values == fractions.values.sorted(), "progress never goes back")

        let poster = try Data(contentsOf: URL(fileURLWithPath: posterPath))
        #expect(poster.starts(with: [0xFF, 0xD8, 0xFF]), "poster is a JPEG")
        let posterJSON = try await Tool.probeJSON(posterPath)
        let posterStream = try #require((posterJSON["streams"] as? [[String: Any]])?.first)
        #expect(posterStream["width"] as? Int == clip.expected720p.width && posterStream["height"] as? Int == clip.expected720p.height)
        for value in TestClip.privateValues + ["Lavc"] {
            #expect(poster.range(of: Data(value.utf8)) == nil, "poster still contains \(value)")
        }
    }

    @Test("the 360p rendition of a full HD clip has a long side of 640")
    func threeSixty() async throws {
        // setup
        let scratch = try MediaScratch()
        defer { scratch.remove() }
        let input = try await TestClip.fullHD.make(in: scratch)
        let probe = try await transcoder.probe(path: input, policy: TestClip.policy)

        // MUT
        try await transcoder.transcode(plan: transcoder.plan(probe, rendition: .p360, inputPath: input, outputPath: scratch.path("360p.mp4"))) { _ in }

        // validate
        let json = try await Tool.probeJSON(scratch.path("360p.mp4"))
        let video = try #require((json["streams"] as? [[String: Any]])?.first { $0["codec_type"] as? String == "video" })
        #expect(video["width"] as? Int == 640 && video["height"] as? Int == 360)
        #expect(video["profile"] as? String == "High")
    }

    @Test("a clip over the maximum length is refused with the limit in words")
    func overMaximum() async throws {
        // setup
        let scratch = try MediaScratch()
        defer { scratch.remove() }
        let path = scratch.path("long.mp4")
        try await Tool.ffmpeg([
            "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10:duration=4", "-c:v", "libx264", "-preset", "ultrafast", path,
        ])

        // MUT
        let error = await transcoder.refusal(probing: path, policy: TestClip.policy)

        // validate
        #expect(error == .tooLong(limit: 3))
        #expect(error?.message == "Videos can be up to 3 seconds long.")
        #expect(ProbeRefusal.tooLong(limit: 600).message == "Videos can be up to 10 minutes long.")
        #expect(scratch.contents() == ["long.mp4"], "nothing left behind")
    }

    /// Tags a rendition may carry: none from the upload. What remains is structure the MP4
    /// format requires (brands, an all-zero vendor field, the undetermined language) and the
    /// compressor-name field, which holds only the library name ("Lavc libx264") — the same
    /// for every Mindreel video, so it says nothing about who made it.
    func expectNoMetadata(_ json: [String: Any]) throws {
        let formatTags = ((json["format"] as? [String: Any])?["tags"] as? [String: String]) ?? [:]
        #expect(Set(formatTags.keys).isSubset(of: ["major_brand", "minor_version", "compatible_brands"]), "format tags: \(formatTags)")
        for stream in (json["streams"] as? [[String: Any]]) ?? [] {
            let tags = (stream["tags"] as? [String: String]) ?? [:]
            #expect(Set(tags.keys).isSubset(of: ["language", "vendor_id", "encoder"]), "stream tags: \(tags)")
            #expect(tags["language"] ?? "und" == "und")
            #expect(tags["vendor_id"] ?? "[0][0][0][0]" == "[0][0][0][0]")
            #expect(tags["encoder"] ?? "Lavc libx264" == "Lavc libx264", "no version in the encoder name")
        }
    }
}

/// Progress values as reported, from whichever thread reports them.
final class FractionLog: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var storage: [Double] = []

    func append(_ value: Double) { lock.withLock { storage.append(value) } }
    var values: [Double] { lock.withLock { storage } }
}
