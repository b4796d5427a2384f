import Foundation
import MindreelCore
import Testing

@testable import Media

@Suite("Transcoder failures and progress, with a fake runner")
struct TranscoderTests {
    let probe = ProbeResult(
        container: .matroska, duration: 8, video: VideoStreamInfo(codec: "vp9", width: 640, height: 360), audio: AudioStreamInfo(codec: "opus"))

    @Test("ffmpeg's progress lines reach the caller as fractions, and the planned command is what runs")
    func progress() async throws {
        // setup
        let scratch = try MediaScratch()
        defer { scratch.remove() }
        let output = scratch.path("720p.mp4")
        let runner = FakeRunner { _, onLine in
            for line in ["out_time_us=2000000", "progress=continue", "out_time_us=8000000", "progress=end"] { onLine?(line) }
            try Data("mp4".utf8).write(to: URL(fileURLWithPath: output))
            return FakeRunner.result()
        }
        let transcoder = Transcoder(runner: runner)
        let plan = transcoder.plan(probe, rendition: .p720, inputPath: "/w/in.webm", outputPath: output)
        let fractions = FractionLog()

        // MUT
        try await transcoder.transcode(plan: plan) { fractions.append($0) }

        // validate
        #expect(fractions.values == [0.25, 1])
        #expect(runner.commands == [MediaCommand(executable: "ffmpeg", arguments: FFmpegCommands.transcode(plan), timeout: .seconds(120 + 32))])
    }

    @Test("a failed run removes its partial output and keeps ffmpeg's last words for the log")
    func failureCleansUp() async throws {
        // setup
        let scratch = try MediaScratch()
        defer { scratch.remove() }
        let output = scratch.path("720p.mp4")
        let runner = FakeRunner { _, _ in
            try Data("half a file".utf8).write(to: URL(fileURLWithPath: output))
            return FakeRunner.result(status: 1, stderr: "frame=1\n[h264 @ 0x1] Invalid NAL unit size\nError while decoding stream #0:0\n")
        }
        let transcoder = Transcoder(runner: runner)

        // MUT
        let error = await #expect(throws: TranscodeError.self) {
            try await transcoder.transcode(plan: transcoder.plan(probe, rendition: .p720, inputPath: "/w/in", outputPath: output)) { _ in }
        }

        // validate
        #expect(scratch.contents().isEmpty, "no partial file left")
        #expect(error?.step == .transcode(.p720))
        #expect(error?.reason == .exitStatus(1))
        #expect(error?.isTransient == false)
        #expect(error?.message == "This video could not be converted. The file may be damaged.")
        #expect(error?.lastLines(1) == ["Error while decoding stream #0:0"])
        #expect(error?.description.contains("transcode 720p exited with status 1") == true)
    }

    @Test("a full disk is transient, a time-out is not, a missing output is an error")
    func reasons() async throws {
        let scratch = try MediaScratch()
        defer { scratch.remove() }
        let full = Transcoder(runner: FakeRunner { _, _ in FakeRunner.result(status: 1, stderr: "av_interleaved_write_frame(): No space left on device") })
        let slow = Transcoder(runner: FakeRunner { _, _ in throw MediaRunnerError.timedOut(after: .seconds(1), stderrTail: "frame=10") })
        let silent = Transcoder(runner: FakeRunner { _, _ in FakeRunner.result() })
        let poster = PosterPlan(probe: probe, inputPath: "/w/in", outputPath: scratch.path("poster.jpg"))

        let fullError = await #expect(throws: TranscodeError.self) { try await full.poster(plan: poster) }
        #expect(fullError?.isTransient == true)
        #expect(fullError?.message == "Video processing was interrupted on our side. It will be tried again.")
        let slowError = await #expect(throws: TranscodeError.self) { try await slow.poster(plan: poster) }
        #expect(slowError?.reason == .timedOut && slowError?.stderrTail == "frame=10")
        #expect(slowError?.message == "Converting this video took too long. Try a shorter or smaller video.")
        let silentError = await #expect(throws: TranscodeError.self) { try await silent.poster(plan: poster) }
        #expect(silentError?.reason == .outputMissing)
    }

    @Test("ffprobe's JSON decides; its refusal is turned into the uploader's reason")
    func probing() async throws {
        let scratch = try MediaScratch()
        defer { scratch.remove() }
        let upload = scratch.path("upload")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]).write(to: URL(fileURLWithPath: upload))
        let json =
            #"{"streams":[{"codec_type":"video","codec_name":"vp9","width":640,"height":360,"avg_frame_rate":"30/1"}],"format":{"format_name":"matroska,webm","duration":"12.5"}}"#
        let accepting = Transcoder(runner: FakeRunner { _, _ in FakeRunner.result(stdout: json) })
        let result = try await accepting.probe(path: upload, policy: ProbePolicy())
        #expect(result.container == .matroska && result.duration == 12.5 && result.video?.codec == "vp9")
        #expect(await accepting.refusal(probing: upload, policy: ProbePolicy(maximumDuration: 10)) == .tooLong(limit: 10))

        let refusing = Transcoder(runner: FakeRunner { _, _ in FakeRunner.result(status: 1, stderr: "upload: Invalid data found when processing input") })
        #expect(await refusing.refusal(probing: upload, policy: ProbePolicy()) == .image, "named by the PNG signature")

        let killed = Transcoder(
            runner: FakeRunner { _, _ in
                MediaRunResult(status: 9, terminatedBySignal: true, stdout: Data(), stdoutTruncated: false, stderrTail: "")
            })
        let error = await #expect(throws: TranscodeError.self) { try await killed.probe(path: upload, policy: ProbePolicy()) }
        #expect(error?.reason == .killedBySignal(9) && error?.isTransient == true)
    }
}
