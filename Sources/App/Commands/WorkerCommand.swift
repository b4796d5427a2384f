import Foundation
import Vapor

/// `mindreel worker`: runs background jobs (video processing) until SIGINT or SIGTERM.
struct WorkerCommand: AsyncCommand {
    struct Signature: CommandSignature {
        init() {}
    }

    var help: String { "Runs background jobs (video processing) until stopped with SIGINT or SIGTERM." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        if app.mindreel.config.database.isSQLite { try await app.autoMigrate() }
        try await prepareMediaStorage(app)
        let worker = app.makeWorker()
        context.console.print("Worker \(worker.name) is waiting for jobs.")
        let runner = Task { await worker.run() }
        // Stop between jobs' heartbeats: cancelling ends ffmpeg (the runner kills it) and the
        // job's lease runs out, so another worker takes it again.
        let signals = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { runner.cancel() }
            source.resume()
            return source
        }
        await runner.value
        signals.forEach { $0.cancel() }
        context.console.print("Worker stopped.")
    }
}
