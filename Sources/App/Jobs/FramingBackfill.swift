import Fluent
import Foundation
import Vapor

/// Classifies, once, the videos made before the diagnosis-framing classifier existed (migration
/// 011 leaves them unchecked); new videos are classified as they are made. Runs in the
/// background when `serve` starts, a batch at a time, until none is left; running it twice, or in
/// two processes at once, only repeats work.
enum FramingBackfill {
    static let batchSize = 200

    /// Classifies every unchecked video; returns how many.
    @discardableResult
    static func run(on db: any Database, now: @escaping @Sendable () -> Date) async throws -> Int {
        var done = 0
        while true {
            let batch = try await Video.query(on: db).filter(\.$framingCheckedAt == nil).limit(batchSize).all()
            guard !batch.isEmpty else { return done }
            let ids = try batch.map { try $0.requireID() }
            let tags = Dictionary(grouping: try await VideoHashtag.query(on: db).filter(\.$video.$id ~~ ids).all(), by: \.$video.id)
                .mapValues { $0.map(\.tag) }
            try await db.transaction { db in
                for video in batch {
                    VideoFraming.classify(video, hashtags: tags[try video.requireID()] ?? [], now: now())
                    try await video.save(on: db)
                }
            }
            done += batch.count
        }
    }
}

/// Starts `FramingBackfill` once `serve` has booted.
final class FramingBackfillOnStart: LifecycleHandler, @unchecked Sendable {  // `task` guarded by `lock`
    private let lock = NSLock()
    private var task: Task<Void, Never>?

    func didBootAsync(_ application: Application) async throws {
        let runner = Task {
            do {
                let count = try await FramingBackfill.run(on: application.db, now: application.mindreel.dependencies.now)
                if count > 0 { application.logger.info("classified \(count) older videos for diagnosis framing") }
            } catch {
                application.logger.warning("diagnosis-framing backfill stopped: \(error); it runs again at the next start")
            }
        }
        lock.withLock { task = runner }
    }

    func shutdownAsync(_ application: Application) async {
        lock.withLock { task }?.cancel()
    }
}
