import Fluent
import Foundation
import MindreelCore
import Vapor

/// Members report a video, a comment or an account (`POST /api/v1/reports`). A report joins the
/// open moderation case for that thing, or opens one; the same member reporting the same thing
/// again counts once. The member sees their reports and how each was closed, never who was
/// decided about what beyond that.
struct ReportsController: RouteCollection {
    struct Input: Content {
        var targetType: String?
        var targetId: String?
        var targetHandle: String?
        var reason: String?
        var note: String?

        enum CodingKeys: String, CodingKey {
            case reason, note
            case targetType = "target_type"
            case targetId = "target_id"
            case targetHandle = "target_handle"
        }
    }

    struct Received: Content {
        let id: String
        let alreadyReported: Bool
        let message: String
    }

    struct Reasons: Content {
        struct Reason: Content {
            let id: String
            let label: String
        }
        let reasons: [Reason]
    }

    struct MyReport: Content {
        let id: String
        let targetType: String
        let reason: String
        let reasonLabel: String
        let createdAt: Date
        /// `open`, or `closed` with `outcome` `acted` or `no_action`.
        let status: String
        let outcome: String?
        let closedAt: Date?
    }

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("reports", "reasons", use: reasons)
        api.post("reports", use: create)
        api.get("me", "reports", use: mine)
    }

    func reasons(req: Request) async throws -> Reasons {
        Reasons(reasons: ReportReason.allCases.map { .init(id: $0.rawValue, label: $0.label) })
    }

    func create(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        let input = try req.content.decode(Input.self)
        let target = try await ReportedThing.find(input, for: req)
        // Nobody reports their own video, comment or account.
        try req.authorize(.report, .account(target.creatorID))
        let (reason, note) = try ReportRules.validate(reason: input.reason, note: input.note).get()
        try await ReportThrottle.check(account.userID, on: req.db, now: req.mindreel.now)

        let now = req.mindreel.now
        let (report, already) = try await req.db.transaction { db -> (Report, Bool) in
            let moderationCase = try await ModerationCase.openOrNew(
                target.type, target.id, creatorID: target.creatorID, videoID: target.videoID, reason: reason, snapshot: target.snapshot, now: now,
                on: db)
            // Creates a new case (its id is needed for the report); an open one is unchanged yet.
            try await moderationCase.save(on: db)
            let caseID = try moderationCase.requireID()
            if let existing = try await Report.query(on: db).filter(\.$moderationCase.$id == caseID).filter(\.$reporter.$id == account.userID).first() {
                return (existing, true)
            }
            let report = Report(caseID: caseID, reporterID: account.userID, reason: reason, note: note, now: now)
            try await report.create(on: db)
            moderationCase.reportCount += 1
            if reason.weight > moderationCase.topReason.weight { moderationCase.topReason = reason }
            if reason == .selfHarmRisk { moderationCase.selfHarmRisk = true }
            // The latest words of what was reported, for the queue.
            moderationCase.snapshot = target.snapshot
            try await moderationCase.save(on: db)
            return (report, false)
        }
        let message =
            already
            ? "You have already reported this; it counts once. We will tell you when it is closed."
            : "Thank you. A moderator will look at it, and we will tell you when the report is closed."
        return try await Received(id: try report.requireID().uuidString.lowercased(), alreadyReported: already, message: message)
            .encodeResponse(status: already ? .ok : .created, for: req)
    }

    func mine(req: Request) async throws -> APIPage<MyReport> {
        let account = try req.requireAccount()
        let rows = try await Report.query(on: req.db).filter(\.$reporter.$id == account.userID).with(\.$moderationCase)
            .sort(\.$createdAt, .descending).limit(100).all()
        return APIPage(
            items: try rows.map { report in
                MyReport(
                    id: try report.requireID().uuidString.lowercased(), targetType: report.moderationCase.targetType.rawValue,
                    reason: report.reason.rawValue, reasonLabel: report.reason.label, createdAt: report.createdAt,
                    status: report.closedAt == nil ? "open" : "closed", outcome: report.outcome?.rawValue, closedAt: report.closedAt)
            }, nextCursor: nil)
    }
}

/// The thing a report names, loaded and checked: it exists and the reporter may see it.
struct ReportedThing {
    let type: ReportTarget
    let id: UUID
    let creatorID: UUID
    let videoID: UUID?
    /// Its words at the time of the report (kept if its author deletes it).
    let snapshot: String

    static func find(_ input: ReportsController.Input, for req: Request) async throws -> ReportedThing {
        guard let raw = input.targetType, let type = ReportTarget(rawValue: raw) else {
            throw HTTPProblem(.unprocessableEntity, field: "target_type", detail: "Say what is reported: a video, a comment or an account.")
        }
        switch type {
        case .video:
            let missing = "This video is no longer available, so it cannot be reported."
            guard let id = input.targetId.flatMap(UUID.init(uuidString:)), let video = try await Video.find(id, on: req.db) else {
                throw HTTPProblem(.notFound, detail: missing)
            }
            try req.authorize(.watchVideo, .video(video.accessFacts), hiddenAs: missing)
            let words = [video.caption, video.transcript.map { "Transcript: \($0)" }].compactMap { $0 }.joined(separator: "\n")
            return ReportedThing(type: .video, id: id, creatorID: video.$owner.id, videoID: id, snapshot: words)
        case .comment:
            let missing = "This comment is no longer there, so it cannot be reported."
            guard let id = input.targetId.flatMap(UUID.init(uuidString:)), let comment = try await Comment.find(id, on: req.db), comment.removedAt == nil,
                let video = try await Video.find(comment.$video.id, on: req.db), req.may(.watchVideo, .video(video.accessFacts))
            else {
                throw HTTPProblem(.notFound, detail: missing)
            }
            return ReportedThing(type: .comment, id: id, creatorID: comment.$author.id, videoID: video.id, snapshot: comment.body)
        case .account:
            guard let handle = input.targetHandle?.lowercased(), let user = try await User.query(on: req.db).filter(\.$handle == handle).first() else {
                throw HTTPProblem(.notFound, detail: "There is no account with that handle.")
            }
            let id = try user.requireID()
            let words = "\(user.displayName) (@\(user.handle))" + (user.bio.map { "\n\($0)" } ?? "")
            return ReportedThing(type: .account, id: id, creatorID: id, videoID: nil, snapshot: words)
        }
    }
}

/// A member whose reports moderators keep dismissing may file only a few a day.
enum ReportThrottle {
    static func check(_ reporterID: UUID, on db: any Database, now: Date) async throws {
        let dismissed = try await Report.query(on: db).filter(\.$reporter.$id == reporterID).filter(\.$outcome == .noAction)
            .filter(\.$closedAt >= now.addingTimeInterval(-30 * 86400)).count()
        guard dismissed >= ReportRules.dismissedBeforeThrottle else { return }
        let today = try await Report.query(on: db).filter(\.$reporter.$id == reporterID).filter(\.$createdAt >= now.addingTimeInterval(-86400)).count()
        guard today >= ReportRules.throttledDailyReports else { return }
        throw HTTPProblem(
            .tooManyRequests,
            detail:
                "Many of your recent reports were found not to break the guidelines, so for now you can send \(ReportRules.throttledDailyReports) a day. Try again tomorrow; if someone is in danger now, call your local crisis line."
        )
    }
}
