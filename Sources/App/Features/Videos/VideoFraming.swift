import Fluent
import Foundation
import MindreelCore

/// The diagnosis-framing classifier on videos: run when a video is made, when its caption
/// changes and when its transcript arrives (and once for older videos: `FramingBackfill`); the
/// result is kept on the video for the context panel and, later, the ranking.
enum VideoFraming {
    static func classify(_ video: Video, hashtags: [String], now: Date) {
        let result = DiagnosisFraming.classify(caption: video.caption, transcript: video.transcript, hashtags: hashtags)
        video.framingFlagged = result.flagged
        video.framingScore = result.score
        video.framingReasonsJSON = encode(result.reasons)
        video.framingCheckedAt = now
    }

    /// Reads the video's hashtags first.
    static func classify(_ video: Video, now: Date, on db: any Database) async throws {
        let tags = try await VideoHashtag.query(on: db).filter(\.$video.$id == video.requireID()).all().map(\.tag)
        classify(video, hashtags: tags, now: now)
    }

    static func reasons(of video: Video) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(video.framingReasonsJSON.utf8))) ?? []
    }

    static func encode(_ reasons: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(reasons), as: UTF8.self)) ?? "[]"
    }
}
