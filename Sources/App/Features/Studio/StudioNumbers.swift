import Fluent
import Foundation
import MindreelCore
import SQLKit

/// The studio's figures, counted in SQL with a fixed number of queries however many videos there
/// are. Counts only: COUNT is an integer on both databases, while SUM over a BIGINT is NUMERIC
/// on PostgreSQL, so sums of counts are made here.
enum StudioNumbers {
    struct WatchThrough: Equatable {
        /// The mean over watch events of min(1, watched seconds / length).
        let rate: Double
        let events: Int
    }

    struct Totals: Encodable, Equatable {
        let videoCount: Int
        let viewCount: Int
        let likeCount: Int
        let saveCount: Int
        let commentCount: Int
    }

    /// Watch-through of each video that has watch events and a known length.
    static func watchThrough(for ids: [UUID], on db: any Database) async throws -> [UUID: WatchThrough] {
        guard !ids.isEmpty else { return [:] }
        let sql = db as! any SQLDatabase
        // CASE rather than MIN(a, b) / LEAST(a, b), which only one database each knows.
        let share = SQLRaw(
            "AVG(CASE WHEN watch_events.watch_seconds >= videos.duration_seconds THEN 1.0 "
                + "ELSE watch_events.watch_seconds / videos.duration_seconds END)")
        let rows = try await sql.select()
            .column(SQLColumn("video_id", table: "watch_events"), as: "video_id")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .column(share, as: "rate")
            .from("watch_events")
            .join("videos", on: SQLColumn("video_id", table: "watch_events"), .equal, SQLColumn("id", table: "videos"))
            .where(SQLColumn("video_id", table: "watch_events"), .in, SQLBind.group(ids))
            .where(SQLColumn("duration_seconds", table: "videos"), .greaterThan, SQLLiteral.numeric("0"))
            .groupBy(SQLColumn("video_id", table: "watch_events"))
            .all()
        var result: [UUID: WatchThrough] = [:]
        for row in rows {
            result[try row.decode(column: "video_id", as: UUID.self)] = WatchThrough(
                rate: try row.decode(column: "rate", as: Double.self), events: try row.decode(column: "n", as: Int.self))
        }
        return result
    }

    /// Views per day of all of a creator's videos, one point per day in `days` (zeros included).
    static func viewsPerDay(owner: UUID, days: [String], on db: any Database) async throws -> [ViewsChart.Point] {
        try await viewsPerDay(days: days, on: db) { query in
            query.join("videos", on: SQLColumn("video_id", table: "video_views"), .equal, SQLColumn("id", table: "videos"))
                .where(SQLColumn("owner_id", table: "videos"), .equal, SQLBind(owner))
        }
    }

    /// Views per day of one video.
    static func viewsPerDay(video: UUID, days: [String], on db: any Database) async throws -> [ViewsChart.Point] {
        try await viewsPerDay(days: days, on: db) { query in
            query.where(SQLColumn("video_id", table: "video_views"), .equal, SQLBind(video))
        }
    }

    private static func viewsPerDay(
        days: [String], on db: any Database, narrowing: (SQLSelectBuilder) -> SQLSelectBuilder
    ) async throws -> [ViewsChart.Point] {
        guard let first = days.first, let last = days.last else { return [] }
        let sql = db as! any SQLDatabase
        let day = SQLColumn("day", table: "video_views")
        let query = sql.select()
            .column(day, as: "day")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("video_views")
        // Days are `YYYY-MM-DD`, so text order is day order.
        let rows = try await narrowing(query)
            .where(day, .greaterThanOrEqual, SQLBind(first))
            .where(day, .lessThanOrEqual, SQLBind(last))
            .groupBy(day)
            .all()
        var counts: [String: Int] = [:]
        for row in rows {
            counts[try row.decode(column: "day", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return ViewsChart.points(counts, days: days)
    }

    /// Everything a creator's videos gathered, in every state.
    static func totals(owner: UUID, on db: any Database) async throws -> Totals {
        let views = try await Video.query(on: db).filter(\.$owner.$id == owner).all(\.$viewCount)
        let sql = db as! any SQLDatabase
        let reactionRows = try await sql.select()
            .column(SQLColumn("kind", table: "video_reactions"), as: "kind")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("video_reactions")
            .join("videos", on: SQLColumn("video_id", table: "video_reactions"), .equal, SQLColumn("id", table: "videos"))
            .where(SQLColumn("owner_id", table: "videos"), .equal, SQLBind(owner))
            .groupBy(SQLColumn("kind", table: "video_reactions"))
            .all()
        var reactions: [String: Int] = [:]
        for row in reactionRows {
            reactions[try row.decode(column: "kind", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        let comments = try await sql.select()
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("comments")
            .join("videos", on: SQLColumn("video_id", table: "comments"), .equal, SQLColumn("id", table: "videos"))
            .where(SQLColumn("owner_id", table: "videos"), .equal, SQLBind(owner))
            .first()
        return Totals(
            videoCount: views.count, viewCount: views.reduce(0, +), likeCount: reactions[VideoReaction.Kind.like.rawValue] ?? 0,
            saveCount: reactions[VideoReaction.Kind.save.rawValue] ?? 0, commentCount: try comments?.decode(column: "n", as: Int.self) ?? 0)
    }
}
