import Fluent
import Foundation
import MindreelCore
import SQLKit
import Vapor

/// Hashtag pages (`/tags/{tag}`) and `/api/v1/hashtags/{tag}`: the videos with a tag and their
/// total views. Tags are normalised the way captions store them, so `#Sleep` finds `sleep`.
struct HashtagsController: RouteCollection {
    struct Summary: Content {
        let tag: String
        let videoCount: Int
        let totalViews: Int
        let pageUrl: String
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let tag: String
        let videoCount: Int
        let totalViews: Int
        let videos: [ProfilePagesController.GridVideo]
        let nextPageURL: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "hashtags", ":tag", use: summary)
        routes.get("api", "v1", "hashtags", ":tag", "videos", use: videos)
        routes.get("tags", ":tag", use: page)
    }

    static func tag(_ req: Request) throws -> String {
        guard let raw = req.parameters.get("tag"), let tag = Hashtag.normalize(raw) else {
            throw HTTPProblem(.notFound, detail: "That is not a hashtag.")
        }
        return tag
    }

    static func query(_ tag: String, on db: any Database) -> QueryBuilder<Video> {
        Video.query(on: db).listed().join(VideoHashtag.self, on: \Video.$id == \VideoHashtag.$video.$id)
            .filter(VideoHashtag.self, \.$tag == tag)
    }

    static func load(_ tag: String, on db: any Database) async throws -> Summary {
        // One pass in the database. SUM over a BIGINT is NUMERIC on PostgreSQL: cast back to BIGINT.
        let row = try await (db as! any SQLDatabase).raw(
            """
            SELECT COUNT(*) AS videos, CAST(COALESCE(SUM(v.view_count), 0) AS BIGINT) AS views
            FROM videos v JOIN video_hashtags h ON h.video_id = v.id
            WHERE h.tag = \(bind: tag) AND \(unsafeRaw: listedVideosCondition("v"))
            """
        ).first()
        let count = try row?.decode(column: "videos", as: Int.self) ?? 0
        let views = try row?.decode(column: "views", as: Int.self) ?? 0
        return Summary(tag: tag, videoCount: count, totalViews: views, pageUrl: SiteURL.hashtag(tag).path)
    }

    func summary(req: Request) async throws -> Summary {
        try await Self.load(try Self.tag(req), on: req.db)
    }

    func videos(req: Request) async throws -> APIPage<FeedItem> {
        let tag = try Self.tag(req)
        let limit = try FeedController.limit(req.query[String.self, at: "limit"])
        let page = try await NewestFirstPage.videos(
            Self.query(tag, on: req.db).notBy(try await req.hiddenCreators()), req, limit: limit)
        return .init(items: try await FeedItem.make(page.videos, viewerID: req.account?.userID, now: req.mindreel.now, on: req.db), nextCursor: page.next)
    }

    func page(req: Request) async throws -> View {
        let tag = try Self.tag(req)
        let summary = try await Self.load(tag, on: req.db)
        let page = try await NewestFirstPage.videos(
            Self.query(tag, on: req.db).notBy(try await req.hiddenCreators()), req, limit: ProfilePagesController.gridPageSize
        )
        return try await req.view.render(
            "hashtags/show",
            Page(
                layout: LayoutContext(request: req, title: "#\(tag)"), tag: tag, videoCount: summary.videoCount, totalViews: summary.totalViews,
                videos: try await ProfilePagesController.GridVideo.make(page.videos, now: req.mindreel.now, on: req.db),
                nextPageURL: page.next.map { SiteURL.hashtag(tag).path + "?cursor=\($0)" }))
    }
}
