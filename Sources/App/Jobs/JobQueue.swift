import Fluent
import Foundation
import SQLKit

/// The durable job queue in the database.
///
/// Claiming is one atomic UPDATE of the oldest due job: on PostgreSQL the inner SELECT takes
/// `FOR UPDATE SKIP LOCKED`, so any number of workers claim different jobs without waiting on
/// each other; SQLite has a single writer, which makes the same UPDATE atomic there.
struct JobQueue: Sendable {
    let now: @Sendable () -> Date

    /// Adds a job to run now (or after `delay`).
    @discardableResult
    func enqueue(kind: String, payload: some Encodable, maxAttempts: Int = 3, delay: TimeInterval = 0, on db: any Database) async throws -> UUID {
        let job = Job()
        job.kind = kind
        job.payload = String(decoding: try JSONEncoder().encode(payload), as: UTF8.self)
        job.state = .queued
        job.attempts = 0
        job.maxAttempts = maxAttempts
        let now = self.now()
        job.runAfter = now.addingTimeInterval(delay)
        job.createdAt = now
        job.updatedAt = now
        try await job.create(on: db)
        return try job.requireID()
    }

    /// Takes the oldest due job — queued, or running under a lease that ran out because its
    /// worker died — and leases it to `worker`.
    func claim(worker: String, lease: TimeInterval, on db: any Database) async throws -> Job? {
        let sql = db as! any SQLDatabase
        let now = self.now()
        let locking = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let rows = try await sql.raw(
            """
            UPDATE jobs SET state = 'running', lease_owner = \(bind: worker), lease_until = \(bind: now.addingTimeInterval(lease)),
                attempts = attempts + 1, updated_at = \(bind: now)
            WHERE id = (
                SELECT id FROM jobs
                WHERE (state = 'queued' AND run_after <= \(bind: now)) OR (state = 'running' AND lease_until < \(bind: now))
                ORDER BY run_after LIMIT 1\(unsafeRaw: locking)
            )
            RETURNING id
            """
        ).all()
        guard let row = rows.first else { return nil }
        let id = try row.decode(column: "id", as: UUID.self)
        return try await Job.find(id, on: db)
    }

    /// Renews the lease; false when this worker no longer holds the job.
    func heartbeat(jobID: UUID, worker: String, lease: TimeInterval, on db: any Database) async throws -> Bool {
        let now = self.now()
        return try await updateOwned(jobID: jobID, worker: worker, on: db) { update in
            update.set("lease_until", to: now.addingTimeInterval(lease)).set("updated_at", to: now)
        }
    }

    /// Marks the job done; false when the lease was lost (another worker has it).
    func complete(jobID: UUID, worker: String, on db: any Database) async throws -> Bool {
        let now = self.now()
        return try await updateOwned(jobID: jobID, worker: worker, on: db) { update in
            update.set("state", to: Job.State.succeeded.rawValue).set("finished_at", to: now).set("updated_at", to: now)
                .set("lease_owner", to: SQLLiteral.null).set("lease_until", to: SQLLiteral.null)
        }
    }

    /// Records a failed attempt: queued again after a backoff while attempts remain and the
    /// error is transient, failed for good otherwise. Returns true when it failed for good.
    @discardableResult
    func fail(job: Job, worker: String, error: String, permanent: Bool, on db: any Database) async throws -> Bool {
        let now = self.now()
        let final = permanent || job.attempts >= job.maxAttempts
        let backoff = Self.backoff(attempt: job.attempts)
        _ = try await updateOwned(jobID: try job.requireID(), worker: worker, on: db) { update in
            update.set("state", to: (final ? Job.State.failed : Job.State.queued).rawValue)
                .set("last_error", to: String(error.prefix(2000)))
                .set("run_after", to: now.addingTimeInterval(final ? 0 : backoff))
                .set("updated_at", to: now)
                .set("finished_at", to: final ? SQLBind(now) : SQLLiteral.null)
                .set("lease_owner", to: SQLLiteral.null).set("lease_until", to: SQLLiteral.null)
        }
        return final
    }

    /// 5 s, 20 s, 45 s, … : transient trouble (a full disk, a busy database) gets time to pass.
    static func backoff(attempt: Int) -> TimeInterval {
        Double(max(1, attempt) * max(1, attempt)) * 5
    }

    private func updateOwned(
        jobID: UUID, worker: String, on db: any Database, _ change: (SQLUpdateBuilder) -> SQLUpdateBuilder
    ) async throws -> Bool {
        let sql = db as! any SQLDatabase
        let rows = try await change(sql.update(Job.schema))
            .where("id", .equal, jobID)
            .where("lease_owner", .equal, worker)
            .where("state", .equal, Job.State.running.rawValue)
            .returning("id")
            .all()
        return !rows.isEmpty
    }
}
