import Foundation

/// The studio's pages, so links and routes are written once.
enum StudioURL {
    static let home = "/studio"

    static func video(_ id: UUID) -> String {
        "/studio/videos/\(id.uuidString.lowercased())"
    }

    static func deleteVideo(_ id: UUID) -> String {
        video(id) + "/delete"
    }

    /// A studio path with a notice to show on arrival.
    static func with(_ path: String, _ notice: Notice) -> String {
        path + (path.contains("?") ? "&" : "?") + "notice=\(notice.rawValue)"
    }
}
