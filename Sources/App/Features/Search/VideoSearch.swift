import Fluent
import Foundation

/// Keeps the search index in step with videos: called when a video becomes ready, when its
/// caption or hashtags change, and when it is deleted. Whether a video may be found (published,
/// public) is checked at query time, so publication changes need no reindex.
enum VideoSearch {
    static func reindex(_ videoID: UUID, on db: any Database) async throws {
        guard let video = try await Video.find(videoID, on: db) else {
            try await SearchIndex(db).remove(videoID)
            return
        }
        let tags = try await VideoHashtag.query(on: db).filter(\.$video.$id == videoID).all().map(\.tag)
        try await SearchIndex(db).index(videoID, .init(caption: video.caption, hashtags: tags, transcript: video.transcript))
    }

    static func remove(_ videoID: UUID, on db: any Database) async throws {
        try await SearchIndex(db).remove(videoID)
    }
}
