import Foundation
import MindreelCore

/// Probes uploads and makes renditions and posters with ffmpeg, through a `MediaRunner`.
///
/// Every run has a time limit; a run that fails removes the partial file it was writing.
public struct Transcoder: Sendable {
    /// Tool locations, threads and time limits.
    public struct Configuration: Sendable, Equatable {
        public var ffmpegPath: String
        public var ffprobePath: String
        /// ffmpeg `-threads` for each run; nil lets ffmpeg use every core.
        public var threads: Int?
        public var probeTimeout: Duration
        /// A transcode may take `transcodeTimeoutBase` plus this many seconds per second of
        /// video (a 60 s 1080p clip took 11 s on two cores, so the default leaves wide room
        /// for a busy machine).
        public var transcodeSecondsPerSecond: Double
        public var transcodeTimeoutBase: Duration
        public var posterTimeout: Duration

        public init(
            ffmpegPath: String = "ffmpeg", ffprobePath: String = "ffprobe", threads: Int? = nil,
            probeTimeout: Duration = .seconds(30), transcodeSecondsPerSecond: Double = 4,
            transcodeTimeoutBase: Duration = .seconds(120), posterTimeout: Duration = .seconds(60)
        ) {
            self.ffmpegPath = ffmpegPath
            self.ffprobePath = ffprobePath
            self.threads = threads
            self.probeTimeout = probeTimeout
            self.transcodeSecondsPerSecond = transcodeSecondsPerSecond
            self.transcodeTimeoutBase = transcodeTimeoutBase
            self.posterTimeout = posterTimeout
        }

        /// The time limit for transcoding a video of `duration` seconds.
        public func transcodeTimeout(duration: Double) -> Duration {
            transcodeTimeoutBase + .milliseconds(Int64(max(0, duration) * transcodeSecondsPerSecond * 1000))
        }
    }

    public var runner: any MediaRunner
    public var configuration: Configuration

    public init(runner: any MediaRunner = ProcessRunner(), configuration: Configuration = Configuration()) {
        self.runner = runner
        self.configuration = configuration
    }

    /// Probes the upload at `path` and applies `policy`.
    ///
    /// Throws `ProbeRefusal` when the file is not an acceptable video (a permanent answer for
    /// this file) and `TranscodeError` when ffprobe could not do its job.
    public func probe(path: String, policy: ProbePolicy) async throws -> ProbeResult {
        let ffprobe = FFprobe(runner: runner, executable: configuration.ffprobePath, timeout: configuration.probeTimeout)
        switch try await ffprobe.probe(path: path) {
        case .probed(let result):
            try policy.check(result)
            return result
        case .refused(let rejectedFormat, _):
            throw ProbePolicy.refusal(rejectedFormat: rejectedFormat, leadingBytes: Self.leadingBytes(of: path))
        }
    }

    /// The plan for `rendition` with this transcoder's thread setting.
    public func plan(_ probe: ProbeResult, rendition: Rendition, inputPath: String, outputPath: String) -> TranscodePlan {
        TranscodePlan(probe: probe, rendition: rendition, inputPath: inputPath, outputPath: outputPath, threads: configuration.threads)
    }

    /// The poster plan with this transcoder's thread setting.
    public func posterPlan(_ probe: ProbeResult, inputPath: String, outputPath: String) -> PosterPlan {
        PosterPlan(probe: probe, inputPath: inputPath, outputPath: outputPath, threads: configuration.threads)
    }

    /// Makes one rendition, reporting the fraction done (0...1) as ffmpeg goes.
    ///
    /// `onProgress` is called from the runner's thread, about twice a second, and with 1 at the
    /// end. Throws `TranscodeError`, or `CancellationError` when the task is cancelled; in
    /// every failure the partial output is removed.
    public func transcode(plan: TranscodePlan, onProgress: @escaping @Sendable (Double) -> Void) async throws {
        let command = MediaCommand(
            executable: configuration.ffmpegPath, arguments: FFmpegCommands.transcode(plan),
            timeout: configuration.transcodeTimeout(duration: plan.duration))
        let progress = ProgressRelay(duration: plan.duration, onProgress: onProgress)
        try await runProducing(plan.outputPath, step: .transcode(plan.rendition), command: command) { line in
            progress.consume(line)
        }
    }

    /// Makes the poster JPEG. Throws like `transcode`.
    public func poster(plan: PosterPlan) async throws {
        let command = MediaCommand(executable: configuration.ffmpegPath, arguments: FFmpegCommands.poster(plan), timeout: configuration.posterTimeout)
        do {
            try await runProducing(plan.outputPath, step: .poster, command: command, onLine: nil)
        } catch let error as TranscodeError where error.reason == .outputMissing && plan.time > 0 {
            // Seeking into some variable-frame-rate files lands past the last decodable frame:
            // the first frame is a poster too.
            var first = plan
            first.time = 0
            let retry = MediaCommand(executable: configuration.ffmpegPath, arguments: FFmpegCommands.poster(first), timeout: configuration.posterTimeout)
            try await runProducing(first.outputPath, step: .poster, command: retry, onLine: nil)
        }
    }

    private func runProducing(
        _ outputPath: String, step: TranscodeError.Step, command: MediaCommand, onLine: (@Sendable (String) -> Void)?
    ) async throws {
        do {
            let result: MediaRunResult
            do {
                result = try await runner.run(command, onLine: onLine)
            } catch let error as MediaRunnerError {
                throw TranscodeError(step: step, runnerError: error)
            }
            if result.terminatedBySignal {
                throw TranscodeError(step: step, reason: .killedBySignal(result.status), stderrTail: result.stderrTail)
            }
            guard result.succeeded else {
                throw TranscodeError(step: step, reason: .exitStatus(result.status), stderrTail: result.stderrTail)
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: outputPath)[.size] as? Int) ?? 0
            guard size > 0 else {
                throw TranscodeError(step: step, reason: .outputMissing, stderrTail: result.stderrTail)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: outputPath)
            throw error
        }
    }

    /// The first bytes of a file ffprobe refused, to tell an image or a sound file from junk.
    static func leadingBytes(of path: String) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: 64)) ?? Data())
    }
}

/// Turns progress lines into fractions for a caller's callback.
///
/// `@unchecked Sendable`: the parser state is behind `lock` (a runner may call from any thread).
private final class ProgressRelay: @unchecked Sendable {
    private let lock = NSLock()
    private var parser: FFmpegProgress
    private let onProgress: @Sendable (Double) -> Void

    init(duration: Double, onProgress: @escaping @Sendable (Double) -> Void) {
        parser = FFmpegProgress(duration: duration)
        self.onProgress = onProgress
    }

    func consume(_ line: String) {
        if let fraction = lock.withLock({ parser.consume(line) }) { onProgress(fraction) }
    }
}
