import Foundation
import Vapor

extension Application {
    /// The media tools: ffmpeg, unless a test put fakes in the dependencies.
    var mediaTools: any VideoMediaTools {
        mindreel.dependencies.mediaTools ?? FFmpegMediaTools(threads: 0, logger: logger)
    }

    /// The job handlers with this application's media tools and limits.
    var jobHandlers: [any JobHandler] {
        let tools = mediaTools
        let maxDuration = mindreel.config.maxVideoSeconds
        return [ProcessVideoJob(tools: tools, maxDurationSeconds: maxDuration), RenditionJob(tools: tools, maxDurationSeconds: maxDuration)]
    }

    func makeWorker() -> JobWorker {
        let config = mindreel.config
        return JobWorker(
            application: self, handlers: jobHandlers,
            settings: .init(lease: config.jobLeaseSeconds, pollInterval: .milliseconds(500), concurrency: config.workerConcurrency))
    }
}

/// Runs a worker inside `serve` (the embedded default), stopped with the server.
final class InProcessWorker: LifecycleHandler, @unchecked Sendable {  // `task` guarded by `lock`
    private let lock = NSLock()
    private var task: Task<Void, Never>?

    func didBootAsync(_ application: Application) async throws {
        let worker = application.makeWorker()
        application.logger.info("worker: running in this process (\(worker.name))")
        let runner = Task { await worker.run() }
        lock.withLock { task = runner }
    }

    func shutdownAsync(_ application: Application) async {
        let running = lock.withLock { task }
        running?.cancel()
        await running?.value
    }
}

/// `mindreel serve` calls this: an in-process worker unless the configuration says a separate
/// `mindreel worker` runs the jobs.
public func enableInProcessWorker(_ app: Application) {
    if app.mindreel.config.runsInProcessWorker {
        app.lifecycle.use(InProcessWorker())
    }
}
