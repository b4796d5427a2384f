import Fluent
import Foundation
import MindreelCore
import Vapor

/// Expiry of verified licences: the notices 60 and 30 days before and on the day, and the lapse
/// itself (audited, with a notice). The badge and the role need nothing from here to lapse: both
/// are read against the expiry at every request (`LicenceBadge`, `UserRole.expiresAt`).
enum LicenceReminders {
    /// Marks a lapse as recorded in `notices_sent`.
    static let lapseMark = -1

    struct Sent: Equatable {
        var notices = 0
        var lapses = 0
    }

    @discardableResult
    static func run(on db: any Database, now: Date, audit: AuditLog) async throws -> Sent {
        let today = CalendarDay(of: now)
        let horizon = now.addingTimeInterval(Double(LicenceRules.noticeDays.max() ?? 60) * 86400 + 86400)
        let licences = try await Licence.query(on: db).filter(\.$status == .verified).filter(\.$lapsesAt <= horizon).all()
        var sent = Sent()
        for licence in licences {
            let id = try licence.requireID()
            var marks = licence.sentNotices
            let what = "\(licence.details.typeLabel), \(Jurisdictions.name(of: licence.jurisdiction) ?? licence.jurisdiction)"
            let renewing = try await Licence.query(on: db).filter(\.$renewalOf == id).filter(\.$status ~~ [.pending, .needsInfo]).count() > 0
            var text: String?
            if licence.lapsesAt <= now {
                guard !marks.contains(lapseMark) else { continue }
                marks.formUnion([lapseMark, 0])
                text =
                    "Your licence (\(what)) expired on \(licence.expiresOn.longText): the badge and the clinician role have ended."
                    + (renewing
                        ? " Your renewal is waiting for review; they come back when it is approved." : " Submit a renewal in Settings to get them back.")
                try await audit.record(
                    AuditEntry(actorID: nil, actorRole: "system", action: .licenceLapse, objectType: "licence", objectID: id.uuidString, detail: what),
                    on: db)
                sent.lapses += 1
            } else if let due = LicenceRules.noticeDue(expiresOn: licence.expiresOn, today: today, alreadySent: marks) {
                marks.insert(due)
                let ending =
                    due == 0
                    ? "expires today (\(licence.expiresOn.longText))"
                    : "expires on \(licence.expiresOn.longText), in \(today.daysUntil(licence.expiresOn)) days"
                text =
                    "Your licence (\(what)) \(ending). "
                    + (renewing ? "Your renewal is waiting for review; the badge stays meanwhile." : "Submit a renewal in Settings so that the badge stays.")
            }
            guard let text else { continue }
            licence.noticesSent = marks.sorted(by: >).map(String.init).joined(separator: ",")
            try await licence.save(on: db)
            try await LicenceReview.notify(licence.$user.id, text: text, now: now, on: db)
            sent.notices += 1
        }
        return sent
    }
}

/// Runs `LicenceReminders` every `licenceCheckSeconds` while `serve` runs.
final class LicenceSchedule: LifecycleHandler, @unchecked Sendable {  // `task` guarded by `lock`
    private let lock = NSLock()
    private var task: Task<Void, Never>?

    func didBootAsync(_ application: Application) async throws {
        let interval = application.mindreel.config.licenceCheckSeconds
        let runner = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(min(interval, 60)))
                if Task.isCancelled { return }
                do {
                    try await LicenceReminders.run(on: application.db, now: application.mindreel.now, audit: application.audit)
                } catch {
                    application.logger.warning("licence reminders failed: \(error)")
                }
                if interval > 60 { try? await Task.sleep(for: .seconds(interval - 60)) }
            }
        }
        lock.withLock { task = runner }
    }

    func shutdownAsync(_ application: Application) async {
        lock.withLock { task }?.cancel()
    }
}
