import Foundation
import MindreelCore

/// Runs ffprobe on an upload and turns its JSON into a `ProbeResult`.
///
/// The one run where ffmpeg guesses the format, so the guess is fenced in: only the accepted
/// demuxers (`-format_whitelist`) and only local files (`-protocol_whitelist file`). An HLS
/// playlist or ffconcat list named `.mp4` is therefore refused instead of making ffmpeg open
/// the files (or sockets) it names. QuickTime external data references stay off as well: the
/// mov demuxer's `enable_drefs` defaults to false.
public struct FFprobe: Sendable {
    /// What a probe found.
    public enum Outcome: Sendable, Equatable {
        /// ffprobe read the file; the rules have not been applied yet.
        case probed(ProbeResult)
        /// ffprobe could not read the file under the whitelists.
        /// `rejectedFormat` is the demuxer it detected and refused (`hls`, `png_pipe`…), if any.
        case refused(rejectedFormat: String?, stderrTail: String)
    }

    public var runner: any MediaRunner
    /// `ffprobe` on `PATH`, or an absolute path.
    public var executable: String
    public var timeout: Duration

    public init(runner: any MediaRunner, executable: String = "ffprobe", timeout: Duration = .seconds(30)) {
        self.runner = runner
        self.executable = executable
        self.timeout = timeout
    }

    /// The demuxers the first probe may use: the QuickTime/MP4 family and Matroska/WebM.
    public static let formatWhitelist = VideoContainer.allCases.map(\.demuxerNames).joined(separator: ",")

    /// The ffprobe arguments for `path`.
    public static func arguments(path: String) -> [String] {
        [
            "-hide_banner", "-v", "error",
            "-protocol_whitelist", "file",
            "-format_whitelist", formatWhitelist,
            "-print_format", "json", "-show_format", "-show_streams",
            // `file:` so that no path can be read as another protocol or as an option.
            "-i", "file:" + path,
        ]
    }

    /// Probes the file at `path` (an absolute path the worker chose).
    ///
    /// Throws `TranscodeError` when ffprobe itself could not run or was killed.
    public func probe(path: String) async throws -> Outcome {
        let command = MediaCommand(executable: executable, arguments: Self.arguments(path: path), timeout: timeout)
        let result: MediaRunResult
        do {
            result = try await runner.run(command)
        } catch let error as MediaRunnerError {
            throw TranscodeError(step: .probe, runnerError: error)
        }
        if result.terminatedBySignal {
            throw TranscodeError(step: .probe, reason: .killedBySignal(result.status), stderrTail: result.stderrTail)
        }
        guard result.succeeded, !result.stdoutTruncated,
            let output = try? JSONDecoder().decode(FFprobeOutput.self, from: result.stdout),
            let formatName = output.format?.formatName, let container = VideoContainer(formatName: formatName)
        else {
            return .refused(rejectedFormat: Self.rejectedFormat(inStderr: result.stderrTail), stderrTail: result.stderrTail)
        }
        var probe = Self.probeResult(from: output, container: container)
        if container == .quickTime {
            probe.isTruncated = (try? MP4TopLevelBoxes(path: path).isTruncated) ?? true
        }
        return .probed(probe)
    }

    /// The demuxer named in ffmpeg's "Format not on whitelist" error, e.g. `hls` from
    /// `[hls @ 0x55…] Format not on whitelist 'mov,…'`.
    static func rejectedFormat(inStderr stderr: String) -> String? {
        for line in stderr.split(separator: "\n") where line.contains("Format not on whitelist") {
            guard line.hasPrefix("["), let at = line.range(of: " @ ") else { continue }
            let name = line[line.index(after: line.startIndex)..<at.lowerBound]
            if !name.isEmpty { return String(name) }
        }
        return nil
    }

    /// The `ProbeResult` for ffprobe's decoded output.
    static func probeResult(from output: FFprobeOutput, container: VideoContainer) -> ProbeResult {
        let streams = output.streams ?? []
        let videos = streams.filter { $0.codecType == "video" }
        let attached = videos.filter { $0.flag("attached_pic") }
        let moving = videos.first { !$0.flag("attached_pic") }
        let audio = streams.first { $0.codecType == "audio" }

        let video = moving.map { stream -> VideoStreamInfo in
            let codec = stream.codecName ?? "unknown"
            let frames = stream.nbFrames?.value.map { Int($0) }
            let still = stream.flag("still_image") || (imageCodecs.contains(codec) && (frames ?? 0) <= 1)
            return VideoStreamInfo(
                codec: codec,
                width: stream.width ?? 0,
                height: stream.height ?? 0,
                rotation: rotation(of: stream),
                pixelFormat: stream.pixFmt,
                averageFrameRate: stream.avgFrameRate.flatMap(FrameRate.init),
                sampleAspectRatio: stream.sampleAspectRatio.flatMap(FrameRate.init),
                frameCount: frames,
                isStillImage: still
            )
        }
        let duration = output.format?.duration?.value ?? moving?.duration?.value
        return ProbeResult(
            container: container,
            duration: duration,
            video: video,
            audio: audio.map {
                AudioStreamInfo(codec: $0.codecName ?? "unknown", channels: $0.channels, sampleRate: $0.sampleRate?.value.map { Int($0) })
            },
            hasAttachedPicture: !attached.isEmpty
        )
    }

    /// The display-matrix rotation ffprobe prints (counterclockwise); the legacy `rotate` tag
    /// is clockwise, so it is turned the other way to match.
    static func rotation(of stream: FFprobeOutput.Stream) -> Int {
        if let matrix = stream.sideDataList?.first(where: { $0.sideDataType == "Display Matrix" }), let degrees = matrix.rotation?.value {
            return Int(degrees.rounded())
        }
        if let tag = stream.tags?["rotate"], let degrees = Double(tag) {
            return -Int(degrees.rounded())
        }
        return 0
    }

    /// Still-picture codecs: a single frame of one of these is an image, not a video.
    static let imageCodecs: Set<String> = ["png", "mjpeg", "jpegls", "bmp", "gif", "webp", "tiff", "jpeg2000", "jpegxl", "apng", "ljpeg", "pam", "ppm", "pgm"]
}
