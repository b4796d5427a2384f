import Fluent
import Foundation
import MindreelCore
import Vapor

/// JSON shapes of the studio API.
enum StudioAPI {
    /// One of the caller's own videos with its numbers.
    struct VideoItem: Content {
        /// The video as everywhere in the API: states, visibility and public counts.
        let video: VideosAPI.VideoItem
        /// 0…1: the mean share of the video that watch events covered; `null` before any.
        let watchThroughRate: Double?
        let watchEventCount: Int
        let studioUrl: String

        enum CodingKeys: String, CodingKey {
            case video, watchThroughRate, watchEventCount, studioUrl
        }

        /// `watch_through_rate` is written as `null` rather than left out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(video, forKey: .video)
            try container.encode(watchThroughRate, forKey: .watchThroughRate)
            try container.encode(watchEventCount, forKey: .watchEventCount)
            try container.encode(studioUrl, forKey: .studioUrl)
        }

        /// Items for many videos, in the same order, with a fixed number of queries.
        static func make(_ videos: [Video], on db: any Database) async throws -> [VideoItem] {
            let items = try await VideoPresenter.items(videos, on: db)
            let watch = try await StudioNumbers.watchThrough(for: videos.map { try $0.requireID() }, on: db)
            return try zip(videos, items).map { video, item in
                let id = try video.requireID()
                return VideoItem(
                    video: item, watchThroughRate: watch[id]?.rate, watchEventCount: watch[id]?.events ?? 0, studioUrl: SiteURL.studioVideo(id).path)
            }
        }
    }

    struct DayViews: Content {
        /// A UTC day, `YYYY-MM-DD`.
        let day: String
        let views: Int
    }
}
