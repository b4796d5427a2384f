import Fluent
import Foundation
import Media
import MindreelCore
import SQLKit
import Vapor

/// `video.process`: upload → probe → 720p rendition and poster → ready. The 360p rendition
/// follows as its own job, so the video plays as soon as possible and a 360p failure never
/// fails the video.
struct ProcessVideoJob: JobHandler {
    static let kind = "video.process"
    var kind: String { Self.kind }

    struct Payload: Codable {
        let videoID: UUID
    }

    let tools: any VideoMediaTools
    let maxDurationSeconds: Double

    func run(_ job: JobContext) async throws {
        let payload = try job.decode(Payload.self)
        let context = job.application.mindreel
        // Deleted meanwhile, or already done by an attempt that finished: nothing to do.
        guard let video = try await Video.find(payload.videoID, on: job.db), !video.processingState.isFinal else { return }
        let id = payload.videoID

        try await setState(video, .probing, progress: 0, on: job)
        let (source, probed) = try await VideoSource.probed(video, tools: tools, maxDurationSeconds: maxDurationSeconds, job: job)
        video.durationSeconds = probed.durationSeconds
        video.width = probed.width
        video.height = probed.height
        try await setState(video, .transcoding, progress: 0, on: job)

        let rendition = job.workDirectory + "/720p.mp4"
        let poster = job.workDirectory + "/poster.jpg"
        let progress = ProgressRecorder(videoID: id, db: job.db, now: context.dependencies.now)
        try await tools.transcode(probed, input: source, rendition: .p720, output: rendition) { fraction in
            progress.record(fraction * 0.95)
        }
        try await tools.poster(probed, input: source, output: poster)
        await progress.flush()

        var automaticCaptions: CaptionTrack?
        if video.captionsKey == nil, let command = context.config.speechToTextCommand {
            let outcome = await SpeechToText(arguments: command, runner: ProcessRunner())
                .captions(for: source, workDirectory: job.workDirectory, durationSeconds: probed.durationSeconds)
            automaticCaptions = outcome.track
            if let problem = outcome.problem { job.logger.warning("automatic captions for video \(id): \(problem)") }
        }

        // Only the attempt that still holds the job publishes; a stale one stops here.
        try await job.ensureStillOwned()
        let renditionKey = VideoFiles.key(.rendition720, of: id)
        let posterKey = VideoFiles.key(.poster, of: id)
        try await context.storage.storeMoving(fileAt: rendition, as: renditionKey, contentType: VideoFiles.Kind.rendition720.contentType)
        try await context.storage.storeMoving(fileAt: poster, as: posterKey, contentType: VideoFiles.Kind.poster.contentType)
        var captionsKey: Media.StorageKey?
        if let automaticCaptions {
            let file = job.workDirectory + "/captions.vtt"
            try Data(automaticCaptions.webVTT.utf8).write(to: URL(fileURLWithPath: file))
            captionsKey = VideoFiles.key(.captions, of: id)
            try await context.storage.storeMoving(fileAt: file, as: captionsKey!, contentType: VideoFiles.Kind.captions.contentType)
        }

        let now = context.dependencies.now()
        let storedCaptions = captionsKey.map { ($0.value, automaticCaptions?.transcript) }
        try await job.db.transaction { db in
            guard let current = try await Video.find(id, on: db) else { return }
            current.rendition720Key = renditionKey.value
            current.posterKey = posterKey.value
            if let (key, transcript) = storedCaptions {
                current.captionsKey = key
                current.transcript = transcript
                try await VideoFraming.classify(current, now: now, on: db)
            }
            current.durationSeconds = probed.durationSeconds
            current.width = probed.width
            current.height = probed.height
            current.processingState = .ready
            current.progress = 1
            current.failureReason = nil
            current.readyAt = now
            current.updatedAt = now
            // Review holds come with a later issue; a new video is published when ready.
            if current.publicationState == .draft { current.publicationState = .published }
            try await current.save(on: db)
            try await VideoSearch.reindex(id, on: db)
            try await JobQueue(now: context.dependencies.now).enqueue(
                kind: RenditionJob.kind, payload: RenditionJob.Payload(videoID: id, rendition: .p360), on: db)
        }
    }

    func gaveUp(_ job: JobContext, reason: String) async {
        guard let payload = try? job.decode(Payload.self), let video = try? await Video.find(payload.videoID, on: job.db) else { return }
        video.processingState = .failed
        video.failureReason = reason
        video.updatedAt = job.application.mindreel.now
        try? await video.save(on: job.db)
    }

    private func setState(_ video: Video, _ state: ProcessingState, progress: Double, on job: JobContext) async throws {
        video.processingState = state
        video.progress = progress
        video.updatedAt = job.application.mindreel.now
        try await video.save(on: job.db)
    }
}

/// `video.rendition`: an extra rendition (360p) after the video is ready. Its failure is
/// logged and leaves the video playable.
struct RenditionJob: JobHandler {
    static let kind = "video.rendition"
    var kind: String { Self.kind }

    struct Payload: Codable {
        let videoID: UUID
        let rendition: RenditionName
    }

    let tools: any VideoMediaTools
    let maxDurationSeconds: Double

    func run(_ job: JobContext) async throws {
        let payload = try job.decode(Payload.self)
        let context = job.application.mindreel
        guard let video = try await Video.find(payload.videoID, on: job.db), video.processingState == .ready else { return }
        let (source, probed) = try await VideoSource.probed(video, tools: tools, maxDurationSeconds: maxDurationSeconds, job: job)
        let output = job.workDirectory + "/\(payload.rendition.rawValue).mp4"
        try await tools.transcode(probed, input: source, rendition: payload.rendition, output: output) { _ in }
        try await job.ensureStillOwned()
        let kind: VideoFiles.Kind = payload.rendition == .p360 ? .rendition360 : .rendition720
        let key = VideoFiles.key(kind, of: payload.videoID)
        try await context.storage.storeMoving(fileAt: output, as: key, contentType: kind.contentType)
        guard let current = try await Video.find(payload.videoID, on: job.db) else {
            try await context.storage.delete(key)
            return
        }
        if payload.rendition == .p360 { current.rendition360Key = key.value } else { current.rendition720Key = key.value }
        try await current.save(on: job.db)
    }

    func gaveUp(_ job: JobContext, reason: String) async {
        job.logger.warning("the extra rendition of a video failed for good: \(reason); the video stays playable")
    }
}

/// The upload as a local file ffmpeg can read: the stored file itself on local disk, a copy in
/// the attempt's folder from S3.
enum VideoSource {
    /// The upload as a local file, probed; a file that is not an acceptable video fails the job
    /// for good with the probe's words.
    static func probed(_ video: Video, tools: any VideoMediaTools, maxDurationSeconds: Double, job: JobContext) async throws -> (String, ProbedVideo) {
        let source = try await localFile(for: video, context: job.application.mindreel, workDirectory: job.workDirectory)
        do {
            return (source, try await tools.probe(path: source, maxDurationSeconds: maxDurationSeconds))
        } catch let rejection as MediaRejection {
            throw JobFailure.permanent(rejection.message)
        }
    }

    static func localFile(for video: Video, context: MindreelContext, workDirectory: String) async throws -> String {
        let key = UploadFiles.storageKey(for: video.uploadID)
        if let local = context.storage as? LocalDiskStorage {
            let path = local.path(for: key)
            guard FileManager.default.fileExists(atPath: path) else { throw JobFailure.permanent("The uploaded file is gone. Upload the video again.") }
            return path
        }
        let path = workDirectory + "/source"
        guard FileManager.default.createFile(atPath: path, contents: nil) else { throw JobFailure(message: "could not create \(path)", permanent: false) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        do {
            for try await chunk in try await context.storage.read(key, range: nil) {
                try handle.write(contentsOf: Data(chunk.readableBytesView))
            }
        } catch StorageError.notFound {
            throw JobFailure.permanent("The uploaded file is gone. Upload the video again.")
        }
        return path
    }
}

/// Writes transcoding progress to the video row at most about once a second, so the page's
/// progress bar moves without a database write per ffmpeg line.
final class ProgressRecorder: @unchecked Sendable {  // state guarded by `lock`
    private let videoID: UUID
    private let db: any Database
    private let now: @Sendable () -> Date
    private let lock = NSLock()
    private var lastWrite = Date.distantPast
    private var latest = 0.0

    init(videoID: UUID, db: any Database, now: @escaping @Sendable () -> Date) {
        self.videoID = videoID
        self.db = db
        self.now = now
    }

    func record(_ fraction: Double) {
        let due: Bool = lock.withLock {
            latest = max(latest, min(1, fraction))
            let wallClock = Date()
            guard wallClock.timeIntervalSince(lastWrite) >= 1 else { return false }
            lastWrite = wallClock
            return true
        }
        if due { Task { await self.flush() } }
    }

    func flush() async {
        let value = lock.withLock { latest }
        let sql = db as! any SQLDatabase
        try? await sql.update(Video.schema).set("progress", to: value).set("updated_at", to: now())
            .where("id", .equal, videoID).where("processing_state", .equal, ProcessingState.transcoding.rawValue).run()
    }
}
