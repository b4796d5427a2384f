import MindreelCore
import Testing

@testable import Media

@Suite("ffmpeg argument lists")
struct FFmpegCommandsTests {
    func probe(
        container: VideoContainer = .quickTime, width: Int = 1080, height: Int = 1920, rotation: Int = 0, rate: String = "30/1",
        audio: Bool = true, duration: Double = 20
    ) -> ProbeResult {
        ProbeResult(
            container: container, duration: duration,
            video: VideoStreamInfo(codec: "h264", width: width, height: height, rotation: rotation, averageFrameRate: FrameRate(rate)),
            audio: audio ? AudioStreamInfo(codec: "aac", channels: 2) : nil)
    }

    /// The value following `option` in `args`.
    func value(_ option: String, in args: [String]) -> String? {
        guard let i = args.firstIndex(of: option), i + 1 < args.count else { return nil }
        return args[i + 1]
    }

    @Test("a rendition is H.264 High yuv420p with a 2 s keyframe grid, AAC 48 kHz stereo, loudness-normalised, faststart MP4")
    func rendition() {
        let plan = TranscodePlan(probe: probe(), rendition: .p720, inputPath: "/w/in", outputPath: "/w/out.mp4", threads: 2)
        let args = FFmpegCommands.transcode(plan)
        #expect(value("-c:v", in: args) == "libx264")
        #expect(value("-profile:v", in: args) == "high")
        #expect(value("-pix_fmt", in: args) == "yuv420p")
        #expect(value("-preset", in: args) == "veryfast")
        #expect(value("-crf", in: args) == "23")
        #expect(value("-force_key_frames", in: args) == "expr:gte(t,n_forced*2)")
        #expect(value("-sc_threshold", in: args) == "0")
        #expect(value("-c:a", in: args) == "aac")
        #expect(value("-ar", in: args) == "48000")
        #expect(value("-ac", in: args) == "2")
        #expect(value("-b:a", in: args) == "128k")
        #expect(value("-af", in: args) == "loudnorm=I=-16:TP=-1.5:LRA=11")
        #expect(value("-movflags", in: args) == "+faststart")
        #expect(value("-fps_mode", in: args) == "cfr")
        #expect(value("-r", in: args) == "30/1")
        #expect(value("-progress", in: args) == "pipe:1")
        #expect(args.contains("-nostats") && args.contains("-nostdin"))
        #expect(value("-vf", in: args) == "scale=720:1280:flags=bicubic,setsar=1")
        #expect(args.suffix(4) == ["-f", "mp4", "-y", "file:/w/out.mp4"], "the output comes last")
        #expect(args.filter { $0 == "-threads" }.count == 2 && value("-threads", in: args) == "2")
    }

    @Test("the input is read only as a local file, in the probed format")
    func forcedInput() {
        for (container, format) in [(VideoContainer.quickTime, "mov"), (.matroska, "matroska")] {
            let args = FFmpegCommands.transcode(TranscodePlan(probe: probe(container: container), rendition: .p720, inputPath: "/w/in", outputPath: "/w/o"))
            let input = args.firstIndex(of: "-i")!
            #expect(Array(args[(input - 4)...(input + 1)]) == ["-protocol_whitelist", "file", "-f", format, "-i", "file:/w/in"])
        }
    }

    @Test("no metadata is copied and the encoder's version is not written")
    func metadata() {
        let args = FFmpegCommands.transcode(TranscodePlan(probe: probe(), rendition: .p720, inputPath: "/w/in", outputPath: "/w/o"))
        #expect(value("-map_metadata", in: args) == "-1")
        #expect(value("-map_chapters", in: args) == "-1")
        #expect(value("-fflags", in: args) == "+bitexact")
        #expect(value("-flags:v", in: args) == "+bitexact")
        #expect(value("-empty_hdlr_name", in: args) == "1")
        #expect(value("-bsf:v", in: args) == "filter_units=remove_types=6")
        #expect(value("-map", in: args) == "0:v:0")
    }

    @Test("a silent source gets no audio track and no audio options")
    func silent() {
        let args = FFmpegCommands.transcode(TranscodePlan(probe: probe(audio: false), rendition: .p720, inputPath: "/w/in", outputPath: "/w/o"))
        #expect(args.contains("-an"))
        #expect(!args.contains("0:a:0") && !args.contains("-af") && !args.contains("aac"))
    }

    @Test("sizes follow the rendition, rotation and never upscale")
    func sizes() {
        func size(_ p: ProbeResult, _ r: Rendition) -> String? {
            value("-vf", in: FFmpegCommands.transcode(TranscodePlan(probe: p, rendition: r, inputPath: "/i", outputPath: "/o")))
        }
        #expect(size(probe(width: 1920, height: 1080), .p720) == "scale=1280:720:flags=bicubic,setsar=1")
        #expect(size(probe(width: 1920, height: 1080), .p360) == "scale=640:360:flags=bicubic,setsar=1")
        #expect(size(probe(width: 1920, height: 1080, rotation: 90), .p720) == "scale=720:1280:flags=bicubic,setsar=1")
        #expect(size(probe(width: 640, height: 360), .p720) == "scale=640:360:flags=bicubic,setsar=1")
        #expect(size(probe(width: 641, height: 361), .p720) == "scale=640:360:flags=bicubic,setsar=1")
    }

    @Test("frame rates are kept up to 30, snapped when close to a standard rate, and made constant")
    func frameRates() {
        func rate(_ r: String) -> String? {
            value("-r", in: FFmpegCommands.transcode(TranscodePlan(probe: probe(rate: r), rendition: .p720, inputPath: "/i", outputPath: "/o")))
        }
        #expect(rate("60/1") == "30/1")
        #expect(rate("30000/1001") == "30000/1001")
        #expect(rate("25/1") == "25/1")
        #expect(rate("2973/100") == "30000/1001", "variable-rate phone video averages near 29.97")
        #expect(rate("20/1") == "20/1")
        #expect(rate("3/1") == "10/1")
        #expect(rate("0/0") == "30/1", "unknown rate")
    }

    @Test("the poster is one JPEG frame at 1 s, or half way through a shorter video, sized like 720p")
    func poster() {
        let args = FFmpegCommands.poster(PosterPlan(probe: probe(width: 1920, height: 1080), inputPath: "/w/in", outputPath: "/w/poster.jpg"))
        #expect(value("-ss", in: args) == "1.000")
        #expect(args.firstIndex(of: "-ss")! < args.firstIndex(of: "-i")!, "seek in the input")
        #expect(value("-frames:v", in: args) == "1")
        #expect(value("-vf", in: args) == "scale=1280:720:flags=bicubic,setsar=1")
        #expect(value("-c:v", in: args) == "mjpeg")
        #expect(value("-map_metadata", in: args) == "-1")
        #expect(value("-f", in: args.suffix(4)) == "image2")
        #expect(args.last == "file:/w/poster.jpg")
        let short = FFmpegCommands.poster(PosterPlan(probe: probe(duration: 1.2), inputPath: "/i", outputPath: "/o"))
        #expect(value("-ss", in: short) == "0.600")
    }

    @Test("the first probe may use only the accepted demuxers and local files")
    func probeArguments() {
        let args = FFprobe.arguments(path: "/w/upload")
        #expect(value("-format_whitelist", in: args) == "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm")
        #expect(value("-protocol_whitelist", in: args) == "file")
        #expect(value("-print_format", in: args) == "json")
        #expect(args.contains("-show_format") && args.contains("-show_streams"))
        #expect(args.suffix(2) == ["-i", "file:/w/upload"])
    }

    @Test("transcode time limits grow with the video's length")
    func timeouts() {
        let configuration = Transcoder.Configuration()
        #expect(configuration.transcodeTimeout(duration: 0) == .seconds(120))
        #expect(configuration.transcodeTimeout(duration: 600) == .seconds(120 + 2400))
    }
}
