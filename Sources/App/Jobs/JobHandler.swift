import Fluent
import Foundation
import Vapor

/// One kind of background work.
protocol JobHandler: Sendable {
    /// The `kind` stored with the job.
    var kind: String { get }
    /// Does the work. Throw `JobFailure.permanent` for what a retry cannot fix; any other error
    /// is retried with backoff while attempts remain.
    func run(_ job: JobContext) async throws
    /// Called once when the job has failed for good, to record why where people see it.
    func gaveUp(_ job: JobContext, reason: String) async
}

/// An error that no retry can fix (a file that is not a video, say). The message is for people.
struct JobFailure: Error, CustomStringConvertible {
    let message: String
    let permanent: Bool

    static func permanent(_ message: String) -> JobFailure { JobFailure(message: message, permanent: true) }
    var description: String { message }
}

/// What a running job may use: its input, its own scratch folder, and the lease check that
/// guards publishing.
struct JobContext: Sendable {
    let id: UUID
    let attempt: Int
    let payload: String
    let application: Application
    let worker: String
    let queue: JobQueue
    let lease: TimeInterval
    /// `<data>/work/<job id>/<attempt>`: each attempt writes only here, so a late writer from
    /// a dead attempt can never mix its files with a live one's.
    let workDirectory: String

    func decode<Payload: Decodable>(_ type: Payload.Type) throws -> Payload {
        do {
            return try JSONDecoder().decode(type, from: Data(payload.utf8))
        } catch {
            throw JobFailure.permanent("The job's input could not be read.")
        }
    }

    var db: any Database { application.db }
    var logger: Logger { application.logger }

    /// Renews the lease and fails when it was lost. Call it right before publishing outputs:
    /// only the attempt that still holds the job may publish.
    func ensureStillOwned() async throws {
        guard try await queue.heartbeat(jobID: id, worker: worker, lease: lease, on: db) else {
            throw LeaseLost()
        }
    }

    struct LeaseLost: Error, CustomStringConvertible {
        var description: String { "another worker took this job over; this attempt's outputs were dropped" }
    }
}
