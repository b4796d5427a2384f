import Fluent
import Foundation
import MindreelCore
import SQLKit
import Vapor

/// A creator as every list shows them.
struct CreatorSummary: Content {
    let handle: String
    let displayName: String
    let avatarUrl: String?
    let profileUrl: String
    let initials: String
    /// A verified clinician's badge; absent for everyone else.
    let badge: LicenceBadge?

    init(handle: String, displayName: String, avatarUrl: String?, profileUrl: String, initials: String, badge: LicenceBadge? = nil) {
        self.handle = handle
        self.displayName = displayName
        self.avatarUrl = avatarUrl
        self.profileUrl = profileUrl
        self.initials = initials
        self.badge = badge
    }

    init(_ user: User) {
        handle = user.handle
        displayName = user.displayName
        avatarUrl = AvatarFiles.url(of: user)
        profileUrl = SiteURL.profile(user.handle).path
        initials = ProfileRules.initials(of: user.displayName)
        badge = nil
    }
}

/// One video in a feed, a profile grid or a hashtag page: the video, who made it, and (for a
/// signed-in viewer) their own like, save and follow state — never anyone else's.
struct FeedItem: Content {
    struct ViewerState: Content {
        let liked: Bool
        let saved: Bool
        let following: Bool
        let isOwner: Bool
    }

    let video: VideosAPI.VideoItem
    let creator: CreatorSummary
    let contentKindLabel: String
    /// `null` for visitors (written out, so clients can tell a visitor from an old server).
    let viewer: ViewerState?

    enum CodingKeys: String, CodingKey {
        case video, creator, contentKindLabel, viewer
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(video, forKey: .video)
        try container.encode(creator, forKey: .creator)
        try container.encode(contentKindLabel, forKey: .contentKindLabel)
        try container.encode(viewer, forKey: .viewer)
    }

    /// The same item as seen by a viewer with this state.
    func with(viewer: ViewerState?) -> FeedItem {
        FeedItem(video: video, creator: creator, contentKindLabel: contentKindLabel, viewer: viewer)
    }

    /// Items for videos the caller may already see (their queries applied the listing rules, or
    /// the access check), in the same order; read by `FeedPageLoader` like every feed page.
    static func make(_ videos: [Video], viewerID: UUID?, now: Date, on db: any Database) async throws -> [FeedItem] {
        try await FeedPageLoader.load(videos.map { try $0.requireID() }, viewerID: viewerID, listedOnly: false, now: now, on: db as! any SQLDatabase)
    }
}

extension QueryBuilder where Model == Video {
    /// Videos anyone may find in a feed, a profile or a hashtag page: ready, published, public.
    /// Removed, private, unlisted and deleted videos never appear.
    func listed() -> Self {
        filter(\.$processingState == .ready).filter(\.$publicationState == .published).filter(\.$visibility == .public)
    }

    /// A creator's own grid: listed videos, and the ones a moderator limited (reachable by link
    /// and on the profile, never in a feed, topic, hashtag or search).
    func listedOnProfile() -> Self {
        filter(\.$processingState == .ready).filter(\.$publicationState ~~ [.published, .limited]).filter(\.$visibility == .public)
    }

    /// Without the videos of these creators (the ones a block hides from the viewer).
    func notBy(_ creators: Set<UUID>) -> Self {
        creators.isEmpty ? self : filter(\.$owner.$id !~ Array(creators))
    }
}

/// The same rule as `listed()` for raw SQL over the videos table under `alias` (made of
/// constants, never of user text).
func listedVideosCondition(_ alias: String) -> String {
    "\(alias).processing_state = '\(ProcessingState.ready.rawValue)' AND \(alias).publication_state = '\(PublicationState.published.rawValue)'"
        + " AND \(alias).visibility = '\(Visibility.public.rawValue)'"
}

/// Cursor pages of video lists, newest ready first.
enum NewestFirstPage {
    static func videos(_ query: QueryBuilder<Video>, _ req: Request, limit: Int) async throws -> (videos: [Video], next: String?) {
        let page = try await query.with(\.$owner).cursorPage(req, limit: limit, time: "ready_at") { $0.readyAt }
        return (page.rows, page.nextCursor)
    }
}
