import Fluent
import Foundation
import MindreelCore
import Vapor

/// The moderation desk's API (`/api/v1/moderation/…`, moderators and admins), a creator's
/// decisions and appeals (`/api/v1/studio/decisions`), and the public transparency numbers.
struct ModerationAPIController: RouteCollection {
    struct Claimed: Content {
        let caseId: String
        let claimedUntil: Date
    }

    struct Decided: Content {
        let id: String
        let caseId: String
        let action: String
        let guideline: String?
        let reason: String
        let suspendedUntil: Date?
        let appealOutcome: String?
    }

    struct AppealInput: Content {
        var note: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        let desk = api.grouped("moderation")
        desk.get("queue", use: queue)
        desk.get("cases", ":caseID", use: detail)
        desk.post("cases", ":caseID", "claim", use: claim)
        desk.post("cases", ":caseID", "decision", use: decide)
        desk.post("cases", ":caseID", "appeal-decision", use: decideAppeal)
        desk.post("cases", ":caseID", "check-in", use: checkIn)
        api.get("studio", "decisions", use: myDecisions)
        api.post("studio", "decisions", ":decisionID", "appeal", use: appeal)
        api.get("transparency", use: transparency)
    }

    func queue(req: Request) async throws -> APIPage<ModerationQueue.Item> {
        APIPage(items: try await ModerationQueue.items(for: try req.requireAccount().userID, on: req.db, now: req.mindreel.now), nextCursor: nil)
    }

    func detail(req: Request) async throws -> ModerationQueue.CaseDetail {
        try await ModerationQueue.detail(try Self.caseID(req), req: req)
    }

    struct CheckInSent: Content {
        let caseId: String
        let message: String
    }

    /// A private, caring message with the help lines to the author of a risk case (once).
    func checkIn(req: Request) async throws -> Response {
        let id = try Self.caseID(req)
        _ = try await CrisisCheckIn.send(id, req: req)
        return try await CheckInSent(caseId: id.uuidString.lowercased(), message: CrisisCheckIn.message).encodeResponse(status: .created, for: req)
    }

    func claim(req: Request) async throws -> Claimed {
        let claimed = try await ModerationDecisions.claim(try Self.caseID(req), req: req)
        return Claimed(
            caseId: try claimed.requireID().uuidString.lowercased(),
            claimedUntil: (claimed.claimedAt ?? req.mindreel.now).addingTimeInterval(ModerationCase.claimLifetime))
    }

    func decide(req: Request) async throws -> Response {
        let decision = try await ModerationDecisions.decide(
            try Self.caseID(req), try req.content.decode(ModerationDecisions.DecisionInput.self), req: req)
        return try await Self.decided(decision).encodeResponse(status: .created, for: req)
    }

    func decideAppeal(req: Request) async throws -> Decided {
        Self.decided(
            try await ModerationDecisions.decideAppeal(try Self.caseID(req), try req.content.decode(ModerationDecisions.AppealDecisionInput.self), req: req))
    }

    func myDecisions(req: Request) async throws -> APIPage<CreatorDecisions.Row> {
        APIPage(items: try await CreatorDecisions.rows(of: try req.requireAccount().userID, on: req.db), nextCursor: nil)
    }

    func appeal(req: Request) async throws -> CreatorDecisions.Row {
        guard let id = req.parameters.get("decisionID", as: UUID.self) else {
            throw HTTPProblem(.notFound, detail: "There is no such decision about your content.")
        }
        let input = try req.content.decode(AppealInput.self)
        let decision = try await ModerationDecisions.appeal(id, note: input.note, req: req)
        let rows = try await CreatorDecisions.rows(of: try req.requireAccount().userID, on: req.db)
        guard let row = rows.first(where: { $0.id == (try? decision.requireID().uuidString.lowercased()) }) else {
            throw HTTPProblem(.notFound, detail: "There is no such decision about your content.")
        }
        return row
    }

    func transparency(req: Request) async throws -> TransparencyNumbers.Page {
        try await TransparencyNumbers.page(on: req.db)
    }

    static func caseID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("caseID", as: UUID.self) else {
            throw HTTPProblem(.notFound, detail: "There is no such case in the moderation queue.")
        }
        return id
    }

    static func decided(_ decision: ModerationDecision) -> Decided {
        Decided(
            id: decision.id?.uuidString.lowercased() ?? "", caseId: decision.$moderationCase.id.uuidString.lowercased(), action: decision.action.rawValue,
            guideline: decision.guideline, reason: decision.reason, suspendedUntil: decision.suspendedUntil, appealOutcome: decision.appealOutcome?.rawValue)
    }
}

/// The decisions about one creator's content and account, as their studio shows them.
enum CreatorDecisions {
    struct Row: Content {
        let id: String
        let targetType: String
        /// The video it is about (for a video, or a comment under one) when it still exists.
        let videoId: String?
        let excerpt: String
        let action: String
        let actionLabel: String
        let guideline: String?
        let guidelineTitle: String?
        let reason: String
        let createdAt: Date
        let suspendedUntil: Date?
        let canAppeal: Bool
        let appealNote: String?
        let appealedAt: Date?
        /// `upheld` or `reversed` once decided.
        let appealOutcome: String?
        let appealReason: String?
    }

    /// Newest first; dismissals are not shown (nothing happened to the creator's content).
    static func rows(of creatorID: UUID, on db: any Database) async throws -> [Row] {
        let decisions = try await ModerationDecision.query(on: db).join(ModerationCase.self, on: \ModerationDecision.$moderationCase.$id == \ModerationCase.$id)
            .filter(ModerationCase.self, \.$creator.$id == creatorID).filter(\.$action != .dismiss).with(\.$moderationCase)
            .sort(\.$createdAt, .descending).limit(100).all()
        return try decisions.map { decision in
            let moderationCase = decision.moderationCase
            return Row(
                id: try decision.requireID().uuidString.lowercased(), targetType: moderationCase.targetType.rawValue,
                videoId: moderationCase.targetDeletedAt == nil ? moderationCase.videoID?.uuidString.lowercased() : nil,
                excerpt: ModerationQueue.excerpt(moderationCase.snapshot), action: decision.action.rawValue, actionLabel: decision.action.label,
                guideline: decision.guideline, guidelineTitle: decision.section.map { "\($0.number). \($0.title)" }, reason: decision.reason,
                createdAt: decision.createdAt, suspendedUntil: decision.suspendedUntil,
                canAppeal: decision.action.isAppealable && decision.appealedAt == nil, appealNote: decision.appealNote, appealedAt: decision.appealedAt,
                appealOutcome: decision.appealOutcome?.rawValue, appealReason: decision.appealReason)
        }
    }
}

/// The transparency page's numbers from the moderation tables.
enum TransparencyNumbers {
    struct Count: Content {
        let label: String
        let count: Int
    }

    struct Month: Content {
        let month: String
        let name: String
        let reportsTotal: Int
        let reportsByReason: [Count]
        let actionsByKind: [Count]
        let actionsBySection: [Count]
        let appeals: Int
        let reversals: Int
        let medianHoursToDecision: Double?
        let medianToDecision: String?
    }

    struct Page: Content {
        let months: [Month]
    }

    /// Reads only dates, reasons, actions and sections: no content and no people.
    static func page(on db: any Database) async throws -> Page {
        let reports = try await Report.query(on: db).field(\.$reason).field(\.$createdAt).all().map {
            TransparencyReport.ReportFact(reason: $0.reason, at: $0.createdAt)
        }
        let decisions = try await ModerationDecision.query(on: db).with(\.$moderationCase).all().map { decision in
            TransparencyReport.DecisionFact(
                action: decision.action, guideline: decision.guideline, decidedAt: decision.createdAt,
                firstReportedAt: decision.moderationCase.firstReportedAt, appealedAt: decision.appealedAt,
                reversedAt: decision.appealOutcome == .reversed ? decision.appealDecidedAt : nil)
        }
        let report = TransparencyReport(reports: reports, decisions: decisions)
        return Page(
            months: report.months.map { month in
                Month(
                    month: month.month, name: TransparencyReport.monthName(month.month), reportsTotal: month.reportsTotal,
                    reportsByReason: month.reportsByReason.map { Count(label: $0.label, count: $0.count) },
                    actionsByKind: month.actionsByKind.map { Count(label: $0.label, count: $0.count) },
                    actionsBySection: month.actionsBySection.map { Count(label: $0.label, count: $0.count) }, appeals: month.appeals,
                    reversals: month.reversals, medianHoursToDecision: month.medianHoursToDecision,
                    medianToDecision: month.medianHoursToDecision.map(TransparencyReport.duration(hours:)))
            })
    }
}
