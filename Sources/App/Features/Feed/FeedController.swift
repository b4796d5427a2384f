import Fluent
import Foundation
import MindreelCore
import Vapor

/// `GET /api/v1/feed`: the For You feed (for now the newest ready, published, public videos;
/// the calibrated ranking of a later issue replaces it) or one topic's, with cursor pages.
struct FeedController: RouteCollection {
    static let defaultLimit = 10
    static let maximumLimit = 50

    struct FeedItem: Content {
        let video: VideosAPI.VideoItem
        let creator: Creator
        let contentKindLabel: String

        struct Creator: Content {
            let handle: String
            let displayName: String
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "feed", use: feed)
    }

    func feed(req: Request) async throws -> APIPage<FeedItem> {
        let limit = try Self.limit(req.query[String.self, at: "limit"])
        var cursor: FeedCursor?
        if let text = req.query[String.self, at: "cursor"] {
            guard let parsed = FeedCursor(encoded: text) else {
                throw HTTPProblem(.badRequest, field: "cursor", detail: "This cursor is not one the feed gave out.")
            }
            cursor = parsed
        }
        var query = Video.query(on: req.db)
            .filter(\.$processingState == .ready)
            .filter(\.$publicationState == .published)
            .filter(\.$visibility == .public)
            .with(\.$owner)
        if let topic = req.query[String.self, at: "topic"] {
            guard try await Topic.find(topic, on: req.db) != nil else {
                throw HTTPProblem(.badRequest, field: "topic", detail: "There is no topic '\(topic)'.")
            }
            query = query.join(VideoTopic.self, on: \Video.$id == \VideoTopic.$video.$id).filter(VideoTopic.self, \.$topic.$id == topic)
        }
        if let cursor {
            query = query.group(.or) { group in
                group.filter(\.$readyAt < cursor.readyAt)
                group.group(.and) { same in same.filter(\.$readyAt == cursor.readyAt).filter(\.$id < cursor.id) }
            }
        }
        let videos = try await query.sort(\.$readyAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        var items: [FeedItem] = []
        for video in videos.prefix(limit) {
            items.append(
                FeedItem(
                    video: try await VideoPresenter.item(video, on: req.db),
                    creator: .init(handle: video.owner.handle, displayName: video.owner.displayName),
                    contentKindLabel: video.contentKind.label))
        }
        var next: String?
        if videos.count > limit, let last = videos.prefix(limit).last, let readyAt = last.readyAt {
            next = FeedCursor(readyAt: readyAt, id: try last.requireID()).encoded
        }
        return .init(items: items, nextCursor: next)
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
