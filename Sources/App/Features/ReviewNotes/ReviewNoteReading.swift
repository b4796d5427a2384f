import Fluent
import Foundation
import MindreelCore
import SQLKit
import Vapor

/// A review note as its readers see it: the API's item and the video page's.
struct ReviewNoteItem: Content {
    struct Author: Content {
        let handle: String
        let displayName: String
        let profileUrl: String
        let badge: LicenceBadge?
    }

    struct Reply: Content {
        let text: String
        let repliedAt: Date
    }

    /// What the one reading it may do with it.
    struct Viewer: Content {
        let isAuthor: Bool
        let mayRate: Bool
        /// true helpful, false not helpful, nil not rated by them.
        let rating: Bool?
        let mayReply: Bool
        let mayModerate: Bool
    }

    let id: String
    let videoId: String
    let videoUrl: String
    let stance: String
    let stanceLabel: String
    let body: String
    let citations: [ClaimSource]
    let author: Author
    let createdAt: Date
    let createdText: String
    /// needs_ratings, shown, hidden.
    let status: String
    let statusText: String
    let helpfulCount: Int
    let unhelpfulCount: Int
    let reply: Reply?
    let viewer: Viewer
}

/// Reading notes: who may see which, their tallies (ratings and the practices of everyone
/// involved, in two queries), and the items.
enum ReviewNoteReading {
    /// A shown note is for everyone. Until then (or once hidden) it is for its author, the video's
    /// creator, the clinicians who rate notes, and moderators.
    static func mayRead(_ note: ReviewNote, status: ReviewNoteTally.Status, req: Request) -> Bool {
        if status == .shown { return true }
        guard let account = req.account else { return false }
        if account.userID == note.$author.id || account.userID == note.video.$owner.id { return true }
        return !account.roles.isDisjoint(with: [.clinician, .moderator, .admin])
    }

    static func tally(of notes: [ReviewNote], on db: any Database) async throws -> [UUID: ReviewNoteTally] {
        let noteIDs = try notes.map { try $0.requireID() }
        guard !noteIDs.isEmpty else { return [:] }
        let ratings = try await ReviewNoteRating.query(on: db).filter(\.$note.$id ~~ noteIDs).all()
        let people = Set(notes.map { $0.$author.id } + ratings.map { $0.$rater.id })
        var practices: [UUID: Set<UUID>] = [:]
        for member in try await PracticeMember.query(on: db).filter(\.$user.$id ~~ Array(people)).all() {
            practices[member.$user.id, default: []].insert(member.$practice.id)
        }
        var tallies: [UUID: ReviewNoteTally] = [:]
        for note in notes {
            let id = try note.requireID()
            tallies[id] = ReviewNoteTally(
                authorID: note.$author.id, authorPractices: practices[note.$author.id] ?? [],
                ratings: ratings.filter { $0.$note.id == id }.map {
                    .init(raterID: $0.$rater.id, raterPractices: practices[$0.$rater.id] ?? [], helpful: $0.helpful)
                }, moderatorDecision: note.decision)
        }
        return tallies
    }

    /// The notes on a video that the reader may see: shown first, then the rest, oldest first.
    static func items(on video: Video, req: Request) async throws -> [ReviewNoteItem] {
        let notes = try await ReviewNote.query(on: req.db).filter(\.$video.$id == video.requireID()).with(\.$author).sort(\.$createdAt).all()
        for note in notes { note.$video.value = video }
        return try await items(notes, req: req)
    }

    static func items(_ notes: [ReviewNote], req: Request) async throws -> [ReviewNoteItem] {
        guard !notes.isEmpty else { return [] }
        let tallies = try await tally(of: notes, on: req.db)
        let readable = notes.filter { mayRead($0, status: tallies[$0.id!]?.status ?? .needsRatings, req: req) }
        let badges = try await LicenceBadge.of(Set(readable.map { $0.$author.id }), now: req.mindreel.now, on: req.db as! any SQLDatabase)
        let viewerID = req.account?.userID
        var myRatings: [UUID: Bool] = [:]
        if let viewerID {
            for rating in try await ReviewNoteRating.query(on: req.db).filter(\.$rater.$id == viewerID).filter(\.$note.$id ~~ readable.map { $0.id! }).all() {
                myRatings[rating.$note.id] = rating.helpful
            }
        }
        let order: [ReviewNoteTally.Status: Int] = [.shown: 0, .needsRatings: 1, .hidden: 2]
        return try readable.map { note -> (Int, ReviewNoteItem) in
            let id = try note.requireID()
            let tally = tallies[id]!
            let videoID = note.$video.id
            let item = ReviewNoteItem(
                id: id.uuidString.lowercased(), videoId: videoID.uuidString.lowercased(), videoUrl: SiteURL.video(videoID).path,
                stance: note.stance.rawValue, stanceLabel: note.stance.label, body: note.body, citations: note.citationList,
                author: .init(
                    handle: note.author.handle, displayName: note.author.displayName, profileUrl: SiteURL.profile(note.author.handle).path,
                    badge: badges[note.$author.id]),
                createdAt: note.createdAt, createdText: CalendarDay(of: note.createdAt).longText, status: tally.status.rawValue,
                statusText: tally.explanation, helpfulCount: tally.helpfulCount, unhelpfulCount: tally.unhelpfulCount,
                reply: note.reply.map { .init(text: $0, repliedAt: note.repliedAt ?? note.createdAt) },
                viewer: .init(
                    isAuthor: viewerID == note.$author.id, mayRate: req.may(.rateReviewNote, .account(note.$author.id)), rating: myRatings[id],
                    mayReply: note.reply == nil && req.may(.replyToReviewNote, .account(note.video.$owner.id)),
                    mayModerate: req.may(.moderate, .account(note.$author.id)) && req.may(.moderate, .account(note.video.$owner.id))))
            return (order[tally.status] ?? 1, item)
        }.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
    }

    /// For a clinician: notes by others that are not shown yet and that they have not rated,
    /// oldest first.
    static func waitingForRating(req: Request) async throws -> [ReviewNoteItem] {
        let account = try req.requireAccount()
        let rated = try await ReviewNoteRating.query(on: req.db).filter(\.$rater.$id == account.userID).all().map { $0.$note.id }
        var query = ReviewNote.query(on: req.db).filter(\.$author.$id != account.userID).filter(\.$moderatorDecision == nil)
        if !rated.isEmpty { query = query.filter(\.$id !~ rated) }
        let notes = try await query.with(\.$author).with(\.$video).sort(\.$createdAt).limit(200).all()
            .filter { req.may(.watchVideo, .video($0.video.accessFacts)) }
        return try await items(notes, req: req).filter { $0.status == ReviewNoteTally.Status.needsRatings.rawValue }
    }
}
