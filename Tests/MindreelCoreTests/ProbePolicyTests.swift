import Testing

@testable import MindreelCore

@Suite("Probe rules")
struct ProbePolicyTests {
    let policy = ProbePolicy()

    func probe(
        duration: Double? = 12, video: VideoStreamInfo? = VideoStreamInfo(codec: "h264", width: 1080, height: 1920),
        audio: AudioStreamInfo? = AudioStreamInfo(codec: "aac"), attached: Bool = false, truncated: Bool = false
    ) -> ProbeResult {
        ProbeResult(container: .quickTime, duration: duration, video: video, audio: audio, hasAttachedPicture: attached, isTruncated: truncated)
    }

    func refusal(_ probe: ProbeResult, _ policy: ProbePolicy? = nil) -> ProbeRefusal? {
        do {
            try (policy ?? self.policy).check(probe)
            return nil
        } catch {
            return error
        }
    }

    @Test("an ordinary phone video is accepted")
    func accepted() {
        #expect(refusal(probe()) == nil)
        #expect(refusal(probe(audio: nil)) == nil, "silent videos are fine")
    }

    @Test("each broken rule gets its own message")
    func refusals() {
        #expect(refusal(probe(video: nil)) == .audioOnly)
        #expect(refusal(probe(video: nil, audio: nil, attached: true)) == .image)
        #expect(refusal(probe(video: nil, audio: nil)) == .unreadable)
        #expect(refusal(probe(video: VideoStreamInfo(codec: "png", width: 64, height: 64, isStillImage: true))) == .image)
        #expect(refusal(probe(truncated: true)) == .unreadable)
        #expect(refusal(probe(duration: nil)) == .unreadable)
        #expect(refusal(probe(duration: 0.5)) == .tooShort(minimum: 1))
        #expect(refusal(probe(duration: 601)) == .tooLong(limit: 600))
        #expect(refusal(probe(video: VideoStreamInfo(codec: "h264", width: 4100, height: 2000))) == .tooLarge(width: 4100, height: 2000, limit: 4096))
        #expect(refusal(probe(video: VideoStreamInfo(codec: "h264", width: 0, height: 0))) == .unreadable)
    }

    @Test("limits are inclusive, with a little slack for container rounding")
    func limits() {
        #expect(refusal(probe(duration: 1)) == nil)
        #expect(refusal(probe(duration: 0.98)) == nil)
        #expect(refusal(probe(duration: 600.02)) == nil)
        #expect(refusal(probe(duration: 600.5)) == .tooLong(limit: 600))
        #expect(refusal(probe(video: VideoStreamInfo(codec: "h264", width: 4096, height: 4096))) == nil)
        let short = ProbePolicy(maximumDuration: 5)
        #expect(refusal(probe(duration: 5), short) == nil)
        #expect(refusal(probe(duration: 6), short) == .tooLong(limit: 5))
    }

    @Test("rotation is applied before the size limit")
    func rotatedSize() {
        let turned = VideoStreamInfo(codec: "hevc", width: 5000, height: 2000, rotation: -90)
        #expect(turned.rotation == 270)
        #expect(turned.displaySize == (2000, 5000))
        #expect(refusal(probe(video: turned)) == .tooLarge(width: 2000, height: 5000, limit: 4096))
    }

    @Test("messages say what is wrong in plain words")
    func messages() {
        #expect(ProbeRefusal.unreadable.message == "This file could not be read as a video. It may be damaged or not a video.")
        #expect(ProbeRefusal.image.message == "This is an image, not a video.")
        #expect(ProbeRefusal.audioOnly.message == "This file has sound but no picture.")
        #expect(ProbeRefusal.unsupportedContainer(detected: "hls").message.contains("MP4, MOV, WebM or MKV"))
        #expect(ProbeRefusal.tooLong(limit: 600).message == "Videos can be up to 10 minutes long.")
        #expect(ProbeRefusal.tooLong(limit: 150).message == "Videos can be up to 2 minutes 30 seconds long.")
        #expect(ProbeRefusal.tooLong(limit: 60).message == "Videos can be up to 1 minute long.")
        #expect(ProbeRefusal.tooShort(minimum: 1).message == "This video is too short. Videos must be at least 1 second long.")
        #expect(ProbeRefusal.tooLarge(width: 5000, height: 2000, limit: 4096).message.contains("5000×2000"))
    }

    @Test("a file the format whitelist refused is named by what it looks like")
    func refusedFormats() {
        #expect(ProbePolicy.refusal(rejectedFormat: "png_pipe", leadingBytes: []) == .image)
        #expect(ProbePolicy.refusal(rejectedFormat: "image2", leadingBytes: []) == .image)
        #expect(ProbePolicy.refusal(rejectedFormat: "mp3", leadingBytes: []) == .audioOnly)
        #expect(ProbePolicy.refusal(rejectedFormat: "hls", leadingBytes: []) == .unsupportedContainer(detected: "hls"))
        #expect(ProbePolicy.refusal(rejectedFormat: "avi", leadingBytes: []) == .unsupportedContainer(detected: "avi"))
        #expect(ProbePolicy.refusal(rejectedFormat: nil, leadingBytes: [0xFF, 0xD8, 0xFF, 0xE0]) == .image)
        #expect(ProbePolicy.refusal(rejectedFormat: nil, leadingBytes: Array("\0\0\0\u{18}ftypheic".utf8)) == .image)
        #expect(ProbePolicy.refusal(rejectedFormat: nil, leadingBytes: Array("ID3\u{4}".utf8)) == .audioOnly)
        #expect(ProbePolicy.refusal(rejectedFormat: nil, leadingBytes: Array("#EXTM3U\n".utf8)) == .unsupportedContainer(detected: "hls"))
        #expect(ProbePolicy.refusal(rejectedFormat: nil, leadingBytes: Array("hello there".utf8)) == .unreadable)
        #expect(ProbePolicy.refusal(rejectedFormat: nil, leadingBytes: []) == .unreadable)
    }

    @Test("renditions keep the shape, never upscale, and use even sizes")
    func renditionSizes() {
        #expect(Rendition.p720.outputSize(width: 1080, height: 1920) == (720, 1280))
        #expect(Rendition.p720.outputSize(width: 1920, height: 1080) == (1280, 720))
        #expect(Rendition.p360.outputSize(width: 1080, height: 1920) == (360, 640))
        #expect(Rendition.p720.outputSize(width: 640, height: 360) == (640, 360), "small sources stay small")
        #expect(Rendition.p720.outputSize(width: 321, height: 241) == (320, 240), "odd sides become even, never larger")
        #expect(Rendition.p360.outputSize(width: 4096, height: 1000) == (640, 156))
    }
}
