import Foundation
import MindreelCore
import Testing

@testable import Media

@Suite("Refusing files that are not acceptable videos, with real ffprobe", .tags(.realFFmpeg))
struct BadFileTests {
    let transcoder = Transcoder()

    /// A small valid clip the hostile files can point at.
    func makeRealClip(_ scratch: MediaScratch, name: String = "real.mp4", faststart: Bool = false) async throws -> String {
        let path = scratch.path(name)
        try await Tool.ffmpeg(
            [
                "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10:duration=2", "-f", "lavfi", "-i", "sine=duration=2",
                "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest",
            ]
                + (faststart ? ["-movflags", "+faststart"] : []) + [path])
        return path
    }

    /// Probes `path`, expects `refusal`, and checks that probing left no file behind.
    func expectRefused(_ path: String, in scratch: MediaScratch, as refusal: ProbeRefusal, policy: ProbePolicy = ProbePolicy()) async {
        let before = scratch.contents()
        let got = await transcoder.refusal(probing: path, policy: policy)
        #expect(got == refusal, "\(URL(fileURLWithPath: path).lastPathComponent): \(got?.message ?? "accepted")")
        #expect(scratch.contents() == before, "nothing left behind")
    }

    @Test("an empty file is unreadable")
    func zeroBytes() async throws {
        let scratch = try MediaScratch()
        defer { scratch.remove() }
        try Data().write(to: URL(fileURLWithPath: scratch.path("empty.mp4")))
        await expectRefused(scratch.path("empty.mp4"), in: scratch, as: .unreadable)
    }

    @Test("text named .mp4 is unreadable")
    func textFile() async throws {
        let scratch = try MediaScratch()
        defer { scratch.remove() }
        try Data("Dear diary, today I felt better.\n".utf8).write(to: URL(fileURLWithPath: scratch.path("notes.mp4")))
        await expectRefused(scratch.path("notes.mp4"), in: scratch, as: .unreadable)
    }

    @Test("a truncated MP4 is unreadable, whether its index is at the end or the start", arguments: [false, true])
    func truncated(faststart: Bool) async throws {
        let scratch = try MediaScratch()
        defer { scratch.remove() }
        let whole = try Data(contentsOf: URL(fileURLWithPath: try await makeRealClip(scratch, faststart: faststart)))
        let cut = scratch.path("cut.mp4")
        try whole.prefix(whole.count * 2 / 3).write(to: URL(fileURLWithPath: cut))
        await expectRefused(cut, in: scratch, as: .unreadable)
    }

    @Test("an HLS playlist named .mp4 that points at a local file is refused without that file being opened")
    func hlsPlaylist() async throws {
        // setup
        let scratch = try MediaScratch()
        defer { scratch.remove() }
        let target = try await makeRealClip(scratch)
        let playlist = scratch.path("playlist.mp4")
        try Data(Self.playlist(pointingAt: target).utf8).write(to: URL(fileURLWithPath: playlist))
        // A FIFO blocks whoever opens it for reading until a writer comes, which never
        // happens here: a probe that opened it would hang until its time limit.
        let fifo = scratch.path("trap.ts")
        #expect(mkfifo(fifo, 0o600) == 0)
        let trap = scratch.path("trap.mp4")
        try Data(Self.playlist(pointingAt: fifo).utf8).write(to: URL(fileURLWithPath: trap))
        // Without the format whitelist, ffprobe really does follow a playlist: to the real
        // clip, and into the FIFO, where it hangs. The danger the whitelist is there for.
        let unguarded = try await Tool.run(
            "ffprobe", ["-v", "error", "-protocol_whitelist", "file", "-show_entries", "format=format_name", "-of", "compact", playlist])
        #expect(String(decoding: unguarded.stdout, as: UTF8.self).contains("format_name=hls"))
        await #expect(throws: MediaRunnerError.self) {
            try await Tool.run("ffprobe", ["-v", "error", "-protocol_whitelist", "file", "-show_entries", "format=format_name", trap], timeout: .seconds(1))
        }

        // MUT / validate
        await expectRefused(playlist, in: scratch, as: .unsupportedContainer(detected: "hls"))
        let started = ContinuousClock.now
        await expectRefused(trap, in: scratch, as: .unsupportedContainer(detected: "hls"))
        // Blocked on the FIFO, the probe would end only at its 30 s timeout.
        #expect(ContinuousClock.now - started < .seconds(25), "refused without opening the FIFO")
    }

    static func playlist(pointingAt path: String) -> String {
        "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\n\(path)\n#EXT-X-ENDLIST\n"
    }

    @Test("an ffconcat list named .mp4 is refused")
    func concatList() async throws {
        let scratch = try MediaScratch()
        defer { scratch.remove() }
        let target = try await makeRealClip(scratch)
        let list = scratch.path("list.mp4")
        try Data("ffconcat version 1.0\nfile \(target)\n".utf8).write(to: URL(fileURLWithPath: list))
        await expectRefused(list, in: scratch, as: .unsupportedContainer(detected: "concat"))
    }

    @Test("a picture is an image, whatever its name")
    func image() async throws {
        let scratch = try MediaScratch()
        defer { scratch.remove() }
        try await Tool.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=64x64", "-frames:v", "1", "-f", "image2", "-c:v", "png", scratch.path("photo.mp4")])
        try await Tool.ffmpeg(["-f", "lavfi", "-i", "testsrc2=size=64x64", "-frames:v", "1", "-f", "image2", "-c:v", "mjpeg", scratch.path("photo.jpg")])
        await expectRefused(scratch.path("photo.mp4"), in: scratch, as: .image)
        await expectRefused(scratch.path("photo.jpg"), in: scratch, as: .image)
    }

    @Test("sound without pictures is audio only, in an MP4 family file or an MP3")
    func audioOnly() async throws {
        let scratch = try MediaScratch()
        defer { scratch.remove() }
        try await Tool.ffmpeg(["-f", "lavfi", "-i", "sine=duration=2", "-c:a", "aac", scratch.path("voice.m4a")])
        try await Tool.ffmpeg(["-f", "lavfi", "-i", "sine=duration=2", "-c:a", "libmp3lame", scratch.path("voice.mp3")])
        await expectRefused(scratch.path("voice.m4a"), in: scratch, as: .audioOnly)
        await expectRefused(scratch.path("voice.mp3"), in: scratch, as: .audioOnly)
    }

    @Test("too short and too large are refused with the limits")
    func limits() async throws {
        let scratch = try MediaScratch()
        defer { scratch.remove() }
        try await Tool.ffmpeg([
            "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10:duration=0.5", "-c:v", "libx264", "-preset", "ultrafast", scratch.path("blink.mp4"),
        ])
        try await Tool.ffmpeg([
            "-f", "lavfi", "-i", "color=size=4112x16:rate=2:duration=1", "-c:v", "libx264", "-preset", "ultrafast", scratch.path("wide.mp4"),
        ])
        await expectRefused(scratch.path("blink.mp4"), in: scratch, as: .tooShort(minimum: 1))
        await expectRefused(scratch.path("wide.mp4"), in: scratch, as: .tooLarge(width: 4112, height: 16, limit: 4096))
    }
}
