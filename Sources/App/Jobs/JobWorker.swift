import Fluent
import Foundation
import Vapor

/// Claims jobs and runs them, one at a time per worker (so ffmpeg runs at most
/// `concurrency` at once per process), renewing each job's lease while it runs.
final class JobWorker: Sendable {
    struct Settings: Sendable {
        /// How long a claim lasts without a heartbeat. A worker that died leaves its job for
        /// this long at most.
        var lease: TimeInterval = 30
        /// How often an idle worker looks for work.
        var pollInterval: Duration = .milliseconds(500)
        /// Jobs run at the same time in this process.
        var concurrency = 1
    }

    let application: Application
    let handlers: [String: any JobHandler]
    let settings: Settings
    let name: String

    init(application: Application, handlers: [any JobHandler], settings: Settings) {
        self.application = application
        self.handlers = Dictionary(uniqueKeysWithValues: handlers.map { ($0.kind, $0) })
        self.settings = settings
        self.name = "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(8))"
    }

    var queue: JobQueue { JobQueue(now: application.mindreel.dependencies.now) }

    /// Runs until the task is cancelled.
    func run() async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, settings.concurrency) {
                group.addTask { await self.loop() }
            }
        }
    }

    private func loop() async {
        while !Task.isCancelled {
            do {
                if try await runOne() == false {
                    try? await Task.sleep(for: settings.pollInterval)
                }
            } catch {
                application.logger.error("worker: \(error)")
                try? await Task.sleep(for: .seconds(2))
            }
        }
    }

    /// Claims and runs one job. Returns false when none was due.
    @discardableResult
    func runOne() async throws -> Bool {
        guard let job = try await queue.claim(worker: name, lease: settings.lease, on: application.db) else { return false }
        let id = try job.requireID()
        let context = JobContext(
            id: id, attempt: job.attempts, payload: job.payload, application: application, worker: name, queue: queue,
            lease: settings.lease,
            workDirectory: application.mindreel.config.dataDirectory + "/work/\(id.uuidString.lowercased())/\(job.attempts)")
        guard let handler = handlers[job.kind] else {
            try await queue.fail(job: job, worker: name, error: "no handler for job kind \(job.kind)", permanent: true, on: application.db)
            return true
        }
        // A job whose workers keep dying (a file that crashes ffmpeg, say) ends here.
        if job.attempts > job.maxAttempts {
            let reason = "Processing stopped after \(job.maxAttempts) attempts."
            try await queue.fail(job: job, worker: name, error: reason, permanent: true, on: application.db)
            await handler.gaveUp(context, reason: reason)
            return true
        }

        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(settings.lease / 3))
                if Task.isCancelled { return }
                _ = try? await queue.heartbeat(jobID: id, worker: name, lease: settings.lease, on: application.db)
            }
        }
        defer { heartbeat.cancel() }
        // Earlier attempts of this job leave nothing for this one to trip over.
        removeWork(of: id)
        try FileManager.default.createDirectory(atPath: context.workDirectory, withIntermediateDirectories: true)
        do {
            try await handler.run(context)
            heartbeat.cancel()
            // Tidy up before reporting: once the job reads as done, nothing of it is left on disk.
            removeAttemptWork(context)
            if try await !queue.complete(jobID: id, worker: name, on: application.db) {
                application.logger.warning("worker: job \(id) finished after its lease was lost")
            }
        } catch is JobContext.LeaseLost {
            removeAttemptWork(context)
            application.logger.warning("worker: lost the lease on job \(id); its outputs were dropped")
        } catch {
            heartbeat.cancel()
            removeAttemptWork(context)
            let failure = error as? JobFailure
            let message = failure?.message ?? String(describing: error)
            application.logger.warning("worker: job \(job.kind) \(id) attempt \(job.attempts) failed: \(message)")
            let final = try await queue.fail(job: job, worker: name, error: message, permanent: failure?.permanent ?? false, on: application.db)
            if final {
                await handler.gaveUp(context, reason: failure?.message ?? "Processing failed. Try again, or upload the file again.")
            }
        }
        return true
    }

    /// Removes every attempt's folder of a job; only the worker holding its lease calls this.
    private func removeWork(of id: UUID) {
        let folder = application.mindreel.config.dataDirectory + "/work/\(id.uuidString.lowercased())"
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Removes this attempt's own folder, and the job's folder when nothing else is in it. A worker
    /// that lost its lease must not touch the folder of the attempt that took over.
    private func removeAttemptWork(_ context: JobContext) {
        try? FileManager.default.removeItem(atPath: context.workDirectory)
        let jobFolder = (context.workDirectory as NSString).deletingLastPathComponent
        _ = rmdir(jobFolder)  // fails harmlessly while another attempt's folder is inside
    }
}
