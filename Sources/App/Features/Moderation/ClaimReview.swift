import Fluent
import Foundation
import MindreelCore
import Vapor

/// Clinical claims held for review: a `clinical_claim` video from anyone without a verified
/// licence waits as `pending_review` until a moderator approves it, or changes its kind (with
/// the creator told why) and publishes it as that. Also the sources every claim lists.
enum ClaimReview {
    enum Decision: String, CaseIterable {
        case approve
        case changeKind = "change_kind"
    }

    struct DecisionInput: Content {
        var decision: String?
        /// The kind it becomes, for `change_kind`.
        var contentKind: String?
        var reason: String?

        enum CodingKeys: String, CodingKey {
            case decision, reason
            case contentKind = "content_kind"
        }
    }

    struct Item: Content {
        let videoId: String
        let caption: String
        let creatorHandle: String
        let creatorDisplayName: String
        let processingState: String
        let sources: [ClaimSource]
        let waiting: String
        let createdAt: Date
        let isOwn: Bool
    }

    /// Whether this account's videos speak with a verified licence now.
    static func ownerIsVerified(_ ownerID: UUID, now: Date, on db: any Database) async throws -> Bool {
        try await Licence.query(on: db).filter(\.$user.$id == ownerID).filter(\.$status == .verified).filter(\.$lapsesAt > now).count() > 0
    }

    static func sources(of videoID: UUID, on db: any Database) async throws -> [ClaimSource] {
        try await VideoClaimSource.query(on: db).filter(\.$video.$id == videoID).sort(\.$position).all().map {
            ClaimSource(title: $0.title, url: $0.url)
        }
    }

    static func replaceSources(of videoID: UUID, with sources: [ClaimSource], on db: any Database) async throws {
        try await VideoClaimSource.query(on: db).filter(\.$video.$id == videoID).delete()
        for (position, source) in sources.enumerated() {
            try await VideoClaimSource(videoID: videoID, position: position, title: source.title, url: source.url).create(on: db)
        }
    }

    /// Held claims, oldest first.
    static func queue(req: Request) async throws -> [Item] {
        let videos = try await Video.query(on: req.db).filter(\.$publicationState == .pendingReview).with(\.$owner).sort(\.$createdAt).limit(500).all()
        return try await items(videos, req: req)
    }

    static func item(_ videoID: UUID, req: Request) async throws -> (Video, Item) {
        guard let video = try await Video.query(on: req.db).filter(\.$id == videoID).with(\.$owner).first() else {
            throw HTTPProblem(.notFound, detail: "There is no such video.")
        }
        return (video, try await items([video], req: req)[0])
    }

    /// Items for videos loaded with their owners; every video's sources in one query.
    private static func items(_ videos: [Video], req: Request) async throws -> [Item] {
        let me = try req.requireAccount().userID
        let now = req.mindreel.now
        let ids = try videos.map { try $0.requireID() }
        var sources: [UUID: [ClaimSource]] = [:]
        if !ids.isEmpty {
            for row in try await VideoClaimSource.query(on: req.db).filter(\.$video.$id ~~ ids).sort(\.$position).all() {
                sources[row.$video.id, default: []].append(ClaimSource(title: row.title, url: row.url))
            }
        }
        return zip(videos, ids).map { video, id in
            Item(
                videoId: id.uuidString.lowercased(), caption: video.caption, creatorHandle: video.owner.handle,
                creatorDisplayName: video.owner.displayName, processingState: video.processingState.rawValue, sources: sources[id] ?? [],
                waiting: ModerationQueue.waited(since: video.createdAt, now: now), createdAt: video.createdAt, isOwn: video.$owner.id == me)
        }
    }

    /// Approve: published as a clinical claim. Change kind: published as the kind chosen, the
    /// creator told why. Either way the creator is notified and the step audited.
    static func decide(_ videoID: UUID, _ input: DecisionInput, req: Request) async throws -> Video {
        let moderator = try req.requireAccount()
        let (video, _) = try await item(videoID, req: req)
        try req.authorize(.moderate, .account(video.$owner.id))
        var errors = FieldErrors()
        let decision = Decision(rawValue: input.decision ?? "")
        if decision == nil { errors.add("decision", "Choose approve, or change its kind.") }
        let kind = ContentKind(rawValue: input.contentKind ?? "")
        let reason = (input.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if decision == .changeKind {
            if kind == nil || kind == .clinicalClaim { errors.add("content_kind", "Choose the kind it is instead.") }
            if reason.count < 10 { errors.add("reason", "Tell the creator why, in at least 10 characters.") }
        }
        if reason.count > 1000 { errors.add("reason", "The reason can be at most 1,000 characters.") }
        try errors.throwIfAny()
        guard let decision else { throw Abort(.internalServerError) }
        guard video.publicationState == .pendingReview else {
            throw HTTPProblem(.conflict, detail: "This video is not waiting for review.")
        }
        let now = req.mindreel.now
        try await req.db.transaction { db in
            video.publicationState = .published
            if decision == .changeKind, let kind { video.contentKind = kind }
            video.updatedAt = now
            try await video.save(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: moderator.userID, actorRole: req.actorRole, action: .claimReview, objectType: "video", objectID: videoID.uuidString,
                    detail: decision == .approve ? "approve" : "change_kind to \(kind?.rawValue ?? ""): \(reason)"), on: db)
            let title = VideoPageController.title(for: video)
            let text =
                decision == .approve
                ? "Your clinical claim “\(title)” was reviewed and is now published with its sources."
                : "Your video “\(title)” was published as \(kind?.label.lowercased() ?? "another kind") rather than a clinical claim: \(reason)"
            try await MemberNotification(
                recipientID: video.$owner.id, kind: .moderation, actorID: nil, videoID: videoID, text: text, url: SiteURL.video(videoID).path,
                now: now
            ).create(on: db)
        }
        try await VideoSearch.reindex(videoID, on: req.db)
        return video
    }
}

extension ClaimSource: Content {}
