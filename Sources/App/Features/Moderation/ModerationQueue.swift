import Fluent
import Foundation
import MindreelCore
import Vapor

/// What moderators read: the queue of open and appealed cases in priority order, and one case
/// with everything needed to decide it. The API and the pages show the same structures.
enum ModerationQueue {
    struct Item: Content {
        let id: String
        let targetType: String
        /// `open` (waiting for a first decision) or `appealed` (waiting for a second moderator).
        let status: String
        let reportCount: Int
        let selfHarmRisk: Bool
        /// `concern` or `urgent` when the crisis classifier opened the case (a comment in crisis
        /// language, with no report needed); otherwise null.
        let crisisLevel: String?
        let topReason: String
        let topReasonLabel: String
        let reasonLabels: [String]
        /// The first words of what was reported.
        let excerpt: String
        let creatorHandle: String
        let reachLastDay: Int
        let firstReportedAt: Date
        /// How long it has waited since the first report, in words ("3.5 hours").
        let waiting: String
        let targetDeleted: Bool
        let claimedBy: String?
        let claimedByYou: Bool
        let priority: Double
    }

    /// Open and appealed cases, most urgent first (`ModerationPriority`); an appeal waits with
    /// the priority of its reports, counted from the time it was made.
    static func items(for moderatorID: UUID, on db: any Database, now: Date) async throws -> [Item] {
        let cases = try await ModerationCase.query(on: db).filter(\.$status ~~ [.open, .appealed]).with(\.$reports).with(\.$creator)
            .sort(\.$firstReportedAt).limit(500).all()
        let reach = try await views(lastDayOf: Set(cases.compactMap { $0.targetType == .video ? $0.videoID : nil }), on: db, now: now)
        let appeals = try await latestDecisions(of: cases.filter { $0.status == .appealed }.compactMap(\.id), on: db)
        let claimers = try await handles(of: Set(cases.compactMap(\.claimedBy)), on: db)
        let items = try cases.map { moderationCase -> Item in
            let id = try moderationCase.requireID()
            let reasons = moderationCase.reports.map(\.reason)
            let views = moderationCase.videoID.flatMap { reach[$0] } ?? 0
            let waitingSince = moderationCase.status == .appealed ? (appeals[id]?.appealedAt ?? moderationCase.firstReportedAt) : moderationCase.firstReportedAt
            let priority = ModerationPriority.score(
                .init(reasons: reasons, reachLastDay: views, waitingSince: waitingSince, crisisLevel: moderationCase.crisisLevel), now: now)
            let claimed = moderationCase.claimedAt.map { now.timeIntervalSince($0) < ModerationCase.claimLifetime } ?? false
            return Item(
                id: id.uuidString.lowercased(), targetType: moderationCase.targetType.rawValue, status: moderationCase.status.rawValue,
                reportCount: moderationCase.reportCount, selfHarmRisk: moderationCase.selfHarmRisk,
                crisisLevel: moderationCase.crisisLevel?.rawValue, topReason: moderationCase.topReason.rawValue, topReasonLabel: moderationCase.topReason.label,
                reasonLabels: ReportReason.allCases.filter { reasons.contains($0) }.sorted { $0.weight > $1.weight }.map(\.label),
                excerpt: excerpt(moderationCase.snapshot), creatorHandle: moderationCase.creator.handle, reachLastDay: views,
                firstReportedAt: moderationCase.firstReportedAt, waiting: waited(since: moderationCase.firstReportedAt, now: now),
                targetDeleted: moderationCase.targetDeletedAt != nil, claimedBy: claimed ? moderationCase.claimedBy.flatMap { claimers[$0] } : nil,
                claimedByYou: claimed && moderationCase.claimedBy == moderatorID, priority: priority)
        }
        return items.sorted { $0.priority > $1.priority }
    }

    struct CaseDetail: Content {
        struct ReportRow: Content {
            let reason: String
            let reasonLabel: String
            let note: String?
            let createdAt: Date
            let when: String
        }
        struct DecisionRow: Content {
            let id: String
            let action: String
            let actionLabel: String
            let guideline: String?
            let guidelineTitle: String?
            let reason: String
            let moderatorHandle: String?
            let createdAt: Date
            let when: String
            let suspendedUntil: Date?
            let appealNote: String?
            let appealedAt: Date?
            let appealOutcome: String?
            let appealReason: String?
            let appealDecidedAt: Date?
        }
        struct HistoryRow: Content {
            let caseId: String
            let targetType: String
            let topReasonLabel: String
            let reportCount: Int
            let firstReportedAt: Date
            let when: String
            /// The decision's label, or nil while undecided.
            let outcome: String?
        }
        struct VideoFacts: Content {
            let id: String
            let caption: String
            let transcript: String?
            let topics: [String]
            let hashtags: [String]
            let contentKind: String
            let contentKindLabel: String
            let publicationState: String
            let viewCount: Int
            let posterUrl: String?
            let videoUrl: String?
        }

        let item: Item
        /// What was reported, as it was when last reported (kept if its author deleted it).
        let snapshot: String
        /// The video (for a video case, or the video a reported comment is under).
        let video: VideoFacts?
        let reports: [ReportRow]
        let decisions: [DecisionRow]
        /// The creator's other cases, newest first.
        let creatorHistory: [HistoryRow]
        /// "until 3 January 2027, 10:00 UTC" or "for good" while the creator is suspended.
        let creatorSuspension: String?
        /// Whether the reader may decide this (not their own content, not claimed by another,
        /// and for an appeal not the moderator who decided first); why not, in words.
        let youMayDecide: Bool
        let whyNot: String?
    }

    static func detail(_ caseID: UUID, req: Request) async throws -> CaseDetail {
        let db = req.db
        let now = req.mindreel.now
        let moderatorID = try req.requireAccount().userID
        guard let moderationCase = try await ModerationCase.query(on: db).filter(\.$id == caseID).with(\.$reports).with(\.$creator).first() else {
            throw HTTPProblem(.notFound, detail: "There is no such case in the moderation queue.")
        }
        let item =
            try await items(for: moderatorID, on: db, now: now).first { $0.id == caseID.uuidString.lowercased() }
            ?? closedItem(moderationCase, now: now)
        let decisions = try await ModerationDecision.query(on: db).filter(\.$moderationCase.$id == caseID).sort(\.$createdAt).all()
        let moderators = try await handles(of: Set(decisions.compactMap(\.moderatorID)), on: db)
        let history = try await ModerationCase.query(on: db).filter(\.$creator.$id == moderationCase.$creator.id).filter(\.$id != caseID)
            .sort(\.$firstReportedAt, .descending).limit(20).all()
        let historyDecisions = try await latestDecisions(of: history.compactMap(\.id), on: db)
        var video: CaseDetail.VideoFacts?
        if let videoID = moderationCase.videoID, let found = try await Video.find(videoID, on: db) {
            let topics = try await VideoTopic.query(on: db).filter(\.$video.$id == videoID).with(\.$topic).all().map(\.topic.name)
            let tags = try await VideoHashtag.query(on: db).filter(\.$video.$id == videoID).all().map(\.tag)
            let playable = req.may(.watchVideo, .video(found.accessFacts)) && found.rendition720Key != nil
            video = CaseDetail.VideoFacts(
                id: videoID.uuidString.lowercased(), caption: found.caption, transcript: found.transcript, topics: topics, hashtags: tags.sorted(),
                contentKind: found.contentKind.rawValue, contentKindLabel: found.contentKind.label, publicationState: found.publicationState.rawValue,
                viewCount: found.viewCount,
                posterUrl: playable && found.posterKey != nil ? VideoFiles.url(.poster, of: videoID) : nil,
                videoUrl: playable ? VideoFiles.url(.rendition720, of: videoID) : nil)
        }
        let why = whyNotDecide(moderationCase, decisions.last, moderatorID: moderatorID, req: req, now: now)
        let creator = moderationCase.creator
        let activeSuspension = creator.suspension.flatMap { $0.isActive(at: now) ? $0 : nil }
        return CaseDetail(
            item: item, snapshot: moderationCase.snapshot, video: video,
            reports: moderationCase.reports.sorted { $0.createdAt < $1.createdAt }.map {
                .init(reason: $0.reason.rawValue, reasonLabel: $0.reason.label, note: $0.note, createdAt: $0.createdAt, when: day($0.createdAt))
            },
            decisions: try decisions.map { decisionRow($0, id: try $0.requireID(), moderators: moderators) },
            creatorHistory: try history.map { old in
                let id = try old.requireID()
                return .init(
                    caseId: id.uuidString.lowercased(), targetType: old.targetType.rawValue, topReasonLabel: old.topReason.label,
                    reportCount: old.reportCount, firstReportedAt: old.firstReportedAt, when: day(old.firstReportedAt),
                    outcome: historyDecisions[id]?.action.label)
            },
            creatorSuspension: activeSuspension.map { $0.until.map { "until " + day($0) } ?? "for good" },
            youMayDecide: why == nil, whyNot: why)
    }

    /// Why this moderator may not decide this case now, or nil when they may.
    static func whyNotDecide(_ moderationCase: ModerationCase, _ last: ModerationDecision?, moderatorID: UUID, req: Request, now: Date) -> String? {
        if case .refused(let refusal) = req.decide(.moderate, .account(moderationCase.$creator.id)) { return refusal.reason }
        switch moderationCase.status {
        case .decided, .closed: return "This case is decided."
        case .appealed:
            if last?.moderatorID == moderatorID { return "You made the decision under appeal; another moderator or an admin decides the appeal." }
        case .open: break
        }
        if moderationCase.isClaimed(byOtherThan: moderatorID, at: now) { return "Another moderator is working on this case." }
        return nil
    }

    private static func closedItem(_ moderationCase: ModerationCase, now: Date) throws -> Item {
        Item(
            id: try moderationCase.requireID().uuidString.lowercased(), targetType: moderationCase.targetType.rawValue,
            status: moderationCase.status.rawValue, reportCount: moderationCase.reportCount, selfHarmRisk: moderationCase.selfHarmRisk,
            crisisLevel: moderationCase.crisisLevel?.rawValue, topReason: moderationCase.topReason.rawValue, topReasonLabel: moderationCase.topReason.label,
            reasonLabels: Array(Set(moderationCase.reports.map(\.reason))).sorted { $0.weight > $1.weight }.map(\.label),
            excerpt: excerpt(moderationCase.snapshot), creatorHandle: moderationCase.creator.handle, reachLastDay: 0,
            firstReportedAt: moderationCase.firstReportedAt, waiting: waited(since: moderationCase.firstReportedAt, now: now),
            targetDeleted: moderationCase.targetDeletedAt != nil, claimedBy: nil,
            claimedByYou: false, priority: 0)
    }

    private static func decisionRow(_ decision: ModerationDecision, id: UUID, moderators: [UUID: String]) -> CaseDetail.DecisionRow {
        CaseDetail.DecisionRow(
            id: id.uuidString.lowercased(), action: decision.action.rawValue, actionLabel: decision.action.label, guideline: decision.guideline,
            guidelineTitle: decision.section.map { "\($0.number). \($0.title)" }, reason: decision.reason,
            moderatorHandle: decision.moderatorID.flatMap { moderators[$0] }, createdAt: decision.createdAt, when: day(decision.createdAt),
            suspendedUntil: decision.suspendedUntil,
            appealNote: decision.appealNote, appealedAt: decision.appealedAt, appealOutcome: decision.appealOutcome?.rawValue,
            appealReason: decision.appealReason, appealDecidedAt: decision.appealDecidedAt)
    }

    static func day(_ date: Date) -> String {
        AccessRefusal.dayAndTime.string(from: date) + " UTC"
    }

    static func waited(since date: Date, now: Date) -> String {
        TransparencyReport.duration(hours: max(now.timeIntervalSince(date), 0) / 3600)
    }

    static func excerpt(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > 160 ? String(flat.prefix(157)) + "…" : flat
    }

    /// Views each video had today and yesterday (UTC days; a view is counted once a day).
    static func views(lastDayOf videoIDs: Set<UUID>, on db: any Database, now: Date) async throws -> [UUID: Int] {
        guard !videoIDs.isEmpty else { return [:] }
        let days = [ViewsController.day(of: now), ViewsController.day(of: now.addingTimeInterval(-86400))]
        let rows = try await VideoView.query(on: db).filter(\.$video.$id ~~ Array(videoIDs)).filter(\.$day ~~ days).all()
        return rows.reduce(into: [:]) { counts, row in counts[row.$video.id, default: 0] += 1 }
    }

    static func latestDecisions(of caseIDs: [UUID], on db: any Database) async throws -> [UUID: ModerationDecision] {
        guard !caseIDs.isEmpty else { return [:] }
        let rows = try await ModerationDecision.query(on: db).filter(\.$moderationCase.$id ~~ caseIDs).sort(\.$createdAt).all()
        return rows.reduce(into: [:]) { latest, row in latest[row.$moderationCase.id] = row }
    }

    static func handles(of ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let users = try await User.query(on: db).filter(\.$id ~~ Array(ids)).all()
        return users.reduce(into: [:]) { handles, user in if let id = user.id { handles[id] = user.handle } }
    }
}
