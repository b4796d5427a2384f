import Foundation
import MindreelCore
import Vapor

/// JSON shapes of the videos API.
enum VideosAPI {
    struct CreateInput: Content {
        var uploadId: UUID?
        var caption: String?
        var topicIds: [String]?
        var hashtags: [String]?
        var contentKind: String?
        var visibility: String?
        /// The text of a WebVTT or SRT caption file.
        var captions: String?
        /// The sources of a clinical claim (at least one for `clinical_claim`); or, as the forms
        /// send them, `sources_text`: one a line (`ClaimSources.parse`).
        var sources: [ClaimSource]?
        var sourcesText: String?

        enum CodingKeys: String, CodingKey {
            case caption, hashtags, visibility, captions, sources
            case sourcesText = "sources_text"
            case uploadId = "upload_id"
            case topicIds = "topic_ids"
            case contentKind = "content_kind"
        }
    }

    struct VideoItem: Content {
        /// Lower-case, as in every URL of the video.
        let id: String
        let caption: String
        let contentKind: String
        let visibility: String
        let topics: [String]
        let hashtags: [String]
        let processingState: String
        let publicationState: String
        /// 0…1 while transcoding.
        let progress: Double
        let failureReason: String?
        let durationSeconds: Double?
        let width: Int?
        let height: Int?
        let posterUrl: String?
        let renditions: [Rendition]
        let captionsUrl: String?
        let pageUrl: String
        /// Public counts; who liked or saved is private.
        let likeCount: Int
        let saveCount: Int
        let commentCount: Int
        /// Counted once per viewer per video per day, after 2 s of playback.
        let viewCount: Int
        let commentsEnabled: Bool
        let createdAt: Date
        let readyAt: Date?
        /// The context shown with the video.
        let context: Context

        /// What the video page and the feed say around a video: the "this is not a diagnosis"
        /// panel (the classifier flagged it, or a moderator added it), and the quiet line on
        /// education, coping skills and clinical claims.
        struct Context: Content {
            let notADiagnosis: Bool
            let generalInformation: Bool

            init(flagged: Bool, override: ContextOverride?, kind: ContentKind?) {
                notADiagnosis = override.map { $0 == .added } ?? flagged
                generalInformation = kind.map { [.education, .copingSkill, .clinicalClaim].contains($0) } ?? false
            }
        }

        struct Rendition: Content {
            let name: String
            let url: String
            let contentType: String

            /// The renditions a video has, best first.
            static func available(of id: UUID, has720: Bool, has360: Bool) -> [Rendition] {
                var renditions: [Rendition] = []
                if has720 { renditions.append(.init(name: "720p", url: VideoFiles.url(.rendition720, of: id), contentType: "video/mp4")) }
                if has360 { renditions.append(.init(name: "360p", url: VideoFiles.url(.rendition360, of: id), contentType: "video/mp4")) }
                return renditions
            }
        }
    }
}
