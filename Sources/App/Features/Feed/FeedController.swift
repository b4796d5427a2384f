import Fluent
import Foundation
import MindreelCore
import SQLKit
import Vapor

/// `GET /api/v1/feed`: For You (a simple ranking of fresh, popular and topic-matched videos,
/// which the calibrated feed of a later issue replaces), Following, or one topic's videos
/// (newest first), in cursor pages.
struct FeedController: RouteCollection {
    static let defaultLimit = 10
    static let maximumLimit = 50
    /// For You ranks the newest this many videos; older ones are reached through topics and profiles.
    static let forYouCandidates = 1_000

    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "feed", use: feed)
    }

    func feed(req: Request) async throws -> Response {
        let limit = try Self.limit(req.query[String.self, at: "limit"])
        let viewerID = req.account?.userID
        if let topic = req.query[String.self, at: "topic"] {
            guard try await Topic.find(topic, on: req.db) != nil else {
                throw HTTPProblem(.badRequest, field: "topic", detail: "There is no topic '\(topic)'.")
            }
            let query = Video.query(on: req.db).listed().notBy(try await req.hiddenCreators())
                .join(VideoTopic.self, on: \Video.$id == \VideoTopic.$video.$id).filter(VideoTopic.self, \.$topic.$id == topic)
            let page = try await NewestFirstPage.videos(query, req, limit: limit)
            return try await APIPage(items: try await FeedItem.make(page.videos, viewerID: viewerID, now: req.mindreel.now, on: req.db), nextCursor: page.next)
                .encodeResponse(for: req)
        }
        switch req.query[String.self, at: "tab"] ?? "for_you" {
        case "for_you":
            return try await forYou(req, limit: limit)
        case "following":
            let account = try req.requireAccount()
            let followed = try await Follow.query(on: req.db).filter(\.$follower.$id == account.userID).all().map(\.$creator.id)
            let query = Video.query(on: req.db).listed().filter(\.$owner.$id ~~ followed).notBy(try await req.hiddenCreators())
            let page = try await NewestFirstPage.videos(query, req, limit: limit)
            return try await APIPage(items: try await FeedItem.make(page.videos, viewerID: viewerID, now: req.mindreel.now, on: req.db), nextCursor: page.next)
                .encodeResponse(for: req)
        default:
            throw HTTPProblem(.badRequest, field: "tab", detail: "tab is for_you or following.")
        }
    }

    /// Ranks the newest candidates as of the first page's snapshot, so later pages continue the same order.
    private func forYou(_ req: Request, limit: Int) async throws -> Response {
        var position: RankedCursor?
        if let text = req.query[String.self, at: "cursor"] {
            guard let cursor = RankedCursor(encoded: text) else {
                throw HTTPProblem(.badRequest, field: "cursor", detail: "This cursor is not one the feed gave out.")
            }
            position = cursor
        }
        let db = req.db
        let snapshot = try await req.mindreel.forYou.snapshot(asOf: position?.asOf, now: req.mindreel.now) { asOf in
            try await ForYouCandidates.loadSnapshot(asOf: asOf, limit: Self.forYouCandidates, on: db)
        }
        let offset = position?.offset ?? 0
        let visitorKey = req.account == nil ? ForYouCandidateCache.pageKey(snapshot, offset: offset, limit: limit) : nil
        if let visitorKey, let body = await req.mindreel.forYou.visitorPage(visitorKey) {
            return Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(buffer: body))
        }
        var preferred: Set<String> = []
        if let userID = req.account?.userID {
            if let kept = await req.mindreel.forYou.preferences(of: userID, now: req.mindreel.now) {
                preferred = kept
            } else {
                preferred = try await Self.preferredTopics(of: userID, on: req.db)
                await req.mindreel.forYou.keepPreferences(preferred, of: userID, now: req.mindreel.now)
            }
        }
        var order = await req.mindreel.forYou.order(for: snapshot, preferring: preferred, minor: Self.isMinor(req))
        let hidden = try await req.hiddenCreators()
        if !hidden.isEmpty { order = order.filter { id in snapshot.owners[id].map { !hidden.contains($0) } ?? true } }
        let pageIDs = Array(order.dropFirst(offset).prefix(limit))
        let next = offset + limit < order.count ? RankedCursor(asOf: snapshot.asOf, offset: offset + limit).encoded : nil
        if let viewerID = req.account?.userID {
            let body = try await memberPage(pageIDs, viewerID: viewerID, nextCursor: next, req)
            return Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(buffer: body))
        }
        let items = try await FeedPageLoader.load(pageIDs, viewerID: nil, now: req.mindreel.now, on: req.db as! any SQLDatabase)
        let response = try await APIPage(items: items, nextCursor: next).encodeResponse(for: req)
        if let visitorKey, let body = response.body.buffer {
            await req.mindreel.forYou.keepVisitorPage(body, key: visitorKey)
        }
        return response
    }

    /// A member's page: the items as everyone sees them, encoded once per snapshot and shared by
    /// every member, with this member's own state added — one query when the items are cached.
    private func memberPage(_ ids: [UUID], viewerID: UUID, nextCursor: String?, _ req: Request) async throws -> ByteBuffer {
        let cache = req.mindreel.forYou
        let sql = req.db as! any SQLDatabase
        let now = req.mindreel.now
        var items = await cache.encodedItems(ids, now: now)
        let missing = ids.filter { items[$0] == nil }
        if !missing.isEmpty {
            var made: [UUID: ForYouCandidateCache.EncodedItem] = [:]
            for shared in try await FeedPageLoader.loadShared(missing, now: req.mindreel.now, on: sql) {
                made[shared.videoID] = .init(ownerID: shared.ownerID, openJSON: try FeedPageJSON.openItem(shared.item), madeAt: now)
            }
            await cache.keepEncodedItems(made)
            items.merge(made) { _, new in new }
        }
        // Videos no longer listed were not loaded, so they drop out here.
        let present = ids.compactMap { id in items[id].map { (videoID: id, item: $0) } }
        let states = try await FeedPageLoader.viewerStates(of: viewerID, for: present.map { ($0.videoID, $0.item.ownerID) }, on: sql)
        return FeedPageJSON.page(
            present.compactMap { entry in states[entry.videoID].map { (openItem: entry.item.openJSON, viewer: $0) } }, nextCursor: nextCursor)
    }

    /// A member under 18 this year (UTC), from their year of birth.
    static func isMinor(_ req: Request) -> Bool {
        guard let user = req.account?.user else { return false }
        let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: req.mindreel.now).year!
        return AgePolicy.isMinor(birthYear: user.birthYear, currentYear: year)
    }

    /// The topics a member picked, and those of the videos they liked lately.
    static func preferredTopics(of userID: UUID?, on db: any Database) async throws -> Set<String> {
        guard let userID else { return [] }
        var topics = Set(try await UserTopic.query(on: db).filter(\.$user.$id == userID).all().map(\.$topic.id))
        let liked = try await VideoReaction.query(on: db).filter(\.$user.$id == userID).filter(\.$kind == .like)
            .sort(\.$createdAt, .descending).limit(50).all().map(\.$video.id)
        if !liked.isEmpty {
            topics.formUnion(try await VideoTopic.query(on: db).filter(\.$video.$id ~~ liked).all().map(\.$topic.id))
        }
        return topics
    }

    /// `limit` from the query: absent means the default; anything but 1…50 is refused by name
    /// (read as text, so `limit=abc` is an error rather than silently the default).
    static func limit(_ text: String?) throws -> Int {
        guard let text else { return defaultLimit }
        guard let requested = Int(text), (1...maximumLimit).contains(requested) else {
            throw HTTPProblem(.badRequest, field: "limit", detail: "limit is a whole number between 1 and \(maximumLimit).")
        }
        return requested
    }
}
