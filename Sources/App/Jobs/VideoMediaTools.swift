import Foundation
import Logging
import Media
import MindreelCore

/// What the video jobs need from the media module: probe, transcode, poster. The live
/// implementation drives ffprobe/ffmpeg (`FFmpegMediaTools`); queue tests pass a fake.
protocol VideoMediaTools: Sendable {
    /// Probes the file and applies the acceptance rules. Throws `MediaRejection` for a file
    /// that is not an acceptable video (permanent), anything else for trouble running ffprobe.
    func probe(path: String, maxDurationSeconds: Double) async throws -> ProbedVideo
    /// Writes one rendition; `onProgress` gets 0…1.
    func transcode(_ video: ProbedVideo, input: String, rendition: RenditionName, output: String, onProgress: @escaping @Sendable (Double) -> Void) async throws
    /// Writes the poster JPEG.
    func poster(_ video: ProbedVideo, input: String, output: String) async throws
    /// Checks a just-finished upload (see the default below).
    func checkUpload(path: String, maxDurationSeconds: Double) async throws(MediaRejection)
}

extension VideoMediaTools {
    /// Checks a just-finished upload, so a file that is not a video is refused while the person
    /// is still on the page. Throws only `MediaRejection`: trouble running ffprobe itself is
    /// left for the processing job to meet (and retry), not blamed on the file.
    func checkUpload(path: String, maxDurationSeconds: Double) async throws(MediaRejection) {
        do {
            _ = try await probe(path: path, maxDurationSeconds: maxDurationSeconds)
        } catch let rejection as MediaRejection {
            throw rejection
        } catch {
            return
        }
    }
}

enum RenditionName: String, Sendable, CaseIterable, Codable {
    case p720 = "720p"
    case p360 = "360p"
}

/// The probe's answer, as the jobs use it.
struct ProbedVideo: Sendable {
    let durationSeconds: Double
    /// As displayed, after rotation.
    let width: Int
    let height: Int
    /// The full probe result, handed back to the media module for transcoding (nil in fakes).
    let details: ProbeResult?
}

/// A file that is not an acceptable video; the message is for the person who uploaded it.
struct MediaRejection: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// The real tools: ffprobe and ffmpeg through the media module's `Transcoder`.
struct FFmpegMediaTools: VideoMediaTools {
    let transcoder: Transcoder
    let logger: Logger

    /// `threads`: 0 lets ffmpeg choose.
    init(threads: Int, logger: Logger) {
        var configuration = Transcoder.Configuration()
        configuration.threads = threads
        transcoder = Transcoder(configuration: configuration)
        self.logger = logger
    }

    func probe(path: String, maxDurationSeconds: Double) async throws -> ProbedVideo {
        let result: ProbeResult
        logger.debug("ffprobe command: \(FFprobe.arguments(path: path).joined(separator: " "))")
        do {
            result = try await transcoder.probe(path: path, policy: ProbePolicy(maximumDuration: maxDurationSeconds))
        } catch let refusal as ProbeRefusal {
            throw MediaRejection(message: refusal.message)
        } catch let error as TranscodeError where !error.isTransient {
            throw MediaRejection(message: error.message)
        }
        let size = result.video?.displaySize
        return ProbedVideo(durationSeconds: result.duration ?? 0, width: size?.width ?? 0, height: size?.height ?? 0, details: result)
    }

    func transcode(_ video: ProbedVideo, input: String, rendition: RenditionName, output: String, onProgress: @escaping @Sendable (Double) -> Void) async throws
    {
        guard let details = video.details else { throw JobFailure.permanent("The file was not probed.") }
        let plan = transcoder.plan(details, rendition: rendition == .p720 ? .p720 : .p360, inputPath: input, outputPath: output)
        // Logged whole so the benchmark (and an operator) can run the very same command by hand.
        logger.debug("ffmpeg command: \(FFmpegCommands.transcode(plan).joined(separator: " "))")
        try await transcoder.transcode(plan: plan, onProgress: onProgress)
    }

    func poster(_ video: ProbedVideo, input: String, output: String) async throws {
        guard let details = video.details else { throw JobFailure.permanent("The file was not probed.") }
        let plan = transcoder.posterPlan(details, inputPath: input, outputPath: output)
        logger.debug("ffmpeg command: \(FFmpegCommands.poster(plan).joined(separator: " "))")
        try await transcoder.poster(plan: plan)
    }
}
