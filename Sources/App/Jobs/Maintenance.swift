import Fluent
import Foundation
import SQLKit
import Vapor

/// Deletes what has no more use: expired sessions, used or expired reset links, log-in
/// failures older than the throttling window, and unfinished uploads that expired (with their
/// files). Less kept is less to leak.
enum Maintenance {
    struct Purged: Equatable {
        var sessions = 0
        var passwordResets = 0
        var loginFailures = 0
        var uploads = 0
    }

    static func purgeExpired(on db: any Database, now: Date, context: MindreelContext) async throws -> Purged {
        var purged = Purged()
        let sessions = AuthSession.query(on: db).filter(\.$expiresAt <= now)
        purged.sessions = try await sessions.count()
        try await sessions.delete()

        let resets = PasswordResetToken.query(on: db).group(.or) { $0.filter(\.$expiresAt <= now).filter(\.$usedAt != nil) }
        purged.passwordResets = try await resets.count()
        try await resets.delete()

        let windowStart = now.addingTimeInterval(-Double(LogInThrottleStore.windowSeconds))
        let failures = LoginFailure.query(on: db).filter(\.$occurredAt < windowStart)
        purged.loginFailures = try await failures.count()
        try await failures.delete()

        purged.uploads = try await UploadCleanup.purgeExpired(config: context.config, storage: context.storage, now: now, on: db)
        try await refreshStatistics(on: db)
        return purged
    }

    /// Keeps SQLite's query planner statistics current. Without them SQLite may walk an index of
    /// 100,000 videos for a lookup of ten ids; `PRAGMA optimize` only analyses what changed.
    /// PostgreSQL's autovacuum analyses changed tables by itself; a full `ANALYZE` every hour
    /// would only compete with requests (it showed as a 300 ms tail in the HTTP benchmark).
    static func refreshStatistics(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, SearchEngine.of(sql) == .sqlite else { return }
        try await sql.raw("PRAGMA optimize").run()
    }
}

/// Runs `Maintenance.purgeExpired` every hour while `serve` runs. (The durable job queue of a
/// later issue can take this over.)
final class MaintenanceSchedule: LifecycleHandler, @unchecked Sendable {  // `task` guarded by `lock`
    static let interval: Duration = .seconds(3600)
    private let lock = NSLock()
    private var task: Task<Void, Never>?

    func didBootAsync(_ application: Application) async throws {
        let runner = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(60))
                if Task.isCancelled { return }
                do {
                    let purged = try await Maintenance.purgeExpired(on: application.db, now: application.mindreel.now, context: application.mindreel)
                    application.logger.info(
                        "maintenance: purged \(purged.sessions) sessions, \(purged.passwordResets) reset links, \(purged.loginFailures) log-in failures, \(purged.uploads) expired uploads"
                    )
                } catch {
                    application.logger.warning("maintenance failed: \(error)")
                }
                try? await Task.sleep(for: Self.interval - .seconds(60))
            }
        }
        lock.withLock { task = runner }
    }

    func shutdownAsync(_ application: Application) async {
        lock.withLock { task }?.cancel()
    }
}

/// Turns on the hourly clean-up and the licence expiry checks; `mindreel serve` calls this.
public func enableMaintenance(_ app: Application) {
    app.lifecycle.use(MaintenanceSchedule())
    app.lifecycle.use(LicenceSchedule())
    app.lifecycle.use(FramingBackfillOnStart())
}
