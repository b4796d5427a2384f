import Fluent
import Foundation
import SQLKit

/// What a page of videos needs besides the video rows: topics, hashtags and public counts,
/// loaded with one query each for the whole page (never one per video).
struct VideoFacts {
    var topics: [UUID: [String]] = [:]
    var hashtags: [UUID: [String]] = [:]
    var likes: [UUID: Int] = [:]
    var saves: [UUID: Int] = [:]
    var comments: [UUID: Int] = [:]

    static func load(for ids: [UUID], on db: any Database) async throws -> VideoFacts {
        var facts = VideoFacts()
        guard !ids.isEmpty else { return facts }
        for row in try await VideoTopic.query(on: db).filter(\.$video.$id ~~ ids).all() {
            facts.topics[row.$video.id, default: []].append(row.$topic.id)
        }
        for row in try await VideoHashtag.query(on: db).filter(\.$video.$id ~~ ids).all() {
            facts.hashtags[row.$video.id, default: []].append(row.tag)
        }
        let sql = db as! any SQLDatabase
        let reactionRows = try await sql.select()
            .column("video_id").column("kind").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("video_reactions").where("video_id", .in, ids).groupBy("video_id").groupBy("kind")
            .all()
        for row in reactionRows {
            let id = try row.decode(column: "video_id", as: UUID.self)
            let count = try row.decode(column: "n", as: Int.self)
            switch try row.decode(column: "kind", as: String.self) {
            case VideoReaction.Kind.like.rawValue: facts.likes[id] = count
            case VideoReaction.Kind.save.rawValue: facts.saves[id] = count
            default: break
            }
        }
        let commentRows = try await sql.select()
            .column("video_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("comments").where("video_id", .in, ids).groupBy("video_id")
            .all()
        for row in commentRows {
            facts.comments[try row.decode(column: "video_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        return facts
    }
}
