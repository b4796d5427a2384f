import Fluent
import Foundation
import MindreelCore
import SQLKit
import Vapor

/// What a search does with crisis language (issue 15). A query at `concern` or `urgent` gets
/// the resources panel above its results, and the results lead with videos that help: suicide
/// prevention and self-harm recovery, then coping skills and what therapy is like. A query that
/// names or asks about a method gets the resources and no videos at all. The query is
/// classified in memory and forgotten: it is never stored, logged or sent to moderators.
enum CrisisSearch {
    /// The topics whose videos a person in crisis is shown first, most helpful first.
    static let helpTopics = ["suicide-prevention", "self-harm-recovery", "mindfulness", "therapy-explained"]

    struct Outcome: Sendable {
        let result: CrisisResult
        /// The ranked ids to show: reordered, or empty for a means query.
        let ranked: [UUID]

        var showsPanel: Bool { result.level > .none || result.means }
        var withholdsVideos: Bool { result.means }
    }

    static func apply(to query: String, ranked: [UUID], req: Request) async throws -> Outcome {
        let result = CrisisLanguage.classify(query)
        if result.means { return Outcome(result: result, ranked: []) }
        guard result.level > .none else { return Outcome(result: result, ranked: ranked) }
        return Outcome(result: result, ranked: try await favouringHelp(ranked, on: req.db))
    }

    /// Help videos first (those that matched the words, then the newest others), then the rest in
    /// their ranked order.
    static func favouringHelp(_ ranked: [UUID], on db: any Database) async throws -> [UUID] {
        let rows = try await VideoTopic.query(on: db).filter(\.$topic.$id ~~ helpTopics).join(Video.self, on: \VideoTopic.$video.$id == \Video.$id)
            .filter(Video.self, \.$publicationState == .published)
            .filter(Video.self, \.$visibility == .public)
            .sort(Video.self, \.$createdAt, .descending).limit(200).all()
        var priority: [UUID: Int] = [:]
        var newest: [UUID] = []
        for row in rows {
            let rank = helpTopics.firstIndex(of: row.$topic.id) ?? helpTopics.count
            let id = row.$video.id
            if priority[id] == nil { newest.append(id) }
            priority[id] = min(priority[id] ?? rank, rank)
        }
        let position = Dictionary(uniqueKeysWithValues: ranked.enumerated().map { ($0.element, $0.offset) })
        // Among help videos: the more helpful topic first; then those the words matched, in their
        // order; then the newest.
        let newestIndex = Dictionary(uniqueKeysWithValues: newest.enumerated().map { ($0.element, $0.offset) })
        let help = newest.sorted {
            (priority[$0] ?? 0, position[$0] ?? Int.max, newestIndex[$0] ?? 0) < (priority[$1] ?? 0, position[$1] ?? Int.max, newestIndex[$1] ?? 0)
        }
        let helpSet = Set(help)
        return help + ranked.filter { !helpSet.contains($0) }
    }
}
