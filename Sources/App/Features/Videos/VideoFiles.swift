import Foundation
import Media

/// Storage keys of a video's files, built from its id only.
enum VideoFiles {
    enum Kind: String, CaseIterable {
        case rendition720 = "720p.mp4"
        case rendition360 = "360p.mp4"
        case poster = "poster.jpg"
        case captions = "captions.vtt"

        var contentType: String {
            switch self {
            case .rendition720, .rendition360: return "video/mp4"
            case .poster: return "image/jpeg"
            case .captions: return "text/vtt; charset=utf-8"
            }
        }
    }

    static func key(_ kind: Kind, of videoID: UUID) -> Media.StorageKey {
        Media.StorageKey("videos/\(videoID.uuidString.lowercased())/\(kind.rawValue)")!
    }

    /// Where the site serves the file; always through Mindreel itself.
    static func url(_ kind: Kind, of videoID: UUID) -> String {
        "/media/videos/\(videoID.uuidString.lowercased())/\(kind.rawValue)"
    }
}
