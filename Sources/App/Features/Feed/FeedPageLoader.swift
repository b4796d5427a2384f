import Foundation
import MindreelCore
import SQLKit

/// Feed items for a page of video ids, read with SQLKit into plain values — the hot path of the
/// feed and search. What everyone sees (the video, its creator, public counts, topics and
/// hashtags) takes two queries however many items the page has; a signed-in viewer's own like,
/// save and follow state takes one more. Videos that are not listed (ready, published, public) are
/// left out, so a page never shows one removed a moment ago.
enum FeedPageLoader {
    private struct VideoRow: Decodable {
        let id: UUID
        let ownerId: UUID
        let caption: String
        let contentKind: String
        let visibility: String
        let processingState: String
        let publicationState: String
        let progress: Double
        let failureReason: String?
        let durationSeconds: Double?
        let width: Int?
        let height: Int?
        let posterKey: String?
        // Aliased in the query: a snake_case name with digits does not map back to Swift's.
        let r720Key: String?
        let r360Key: String?
        let captionsKey: String?
        let commentsEnabled: Bool
        let viewCount: Int
        let createdAt: Date
        let readyAt: Date?
        let framingFlagged: Bool
        let contextOverride: String?
        let handle: String
        let displayName: String
        let avatarKey: String?
        let likes: Int
        let saves: Int
        let comments: Int
    }

    /// An item as every viewer sees it, with who made the video (for the viewer's own state).
    struct SharedItem: Sendable {
        let item: FeedItem
        let videoID: UUID
        let ownerID: UUID
    }

    /// `listedOnly: false` is for callers that checked access themselves (the video page shows a
    /// creator their own private video).
    static func load(_ ids: [UUID], viewerID: UUID?, listedOnly: Bool = true, now: Date, on sql: any SQLDatabase) async throws -> [FeedItem] {
        let shared = try await loadShared(ids, listedOnly: listedOnly, now: now, on: sql)
        guard let viewerID else { return shared.map(\.item) }
        let states = try await viewerStates(of: viewerID, for: shared.map { ($0.videoID, $0.ownerID) }, on: sql)
        return shared.map { $0.item.with(viewer: states[$0.videoID]) }
    }

    /// The items of `ids` that exist (and are listed, unless `listedOnly` is false), in order,
    /// without any viewer's state. Creators' badges are those current at `now`.
    static func loadShared(_ ids: [UUID], listedOnly: Bool = true, now: Date, on sql: any SQLDatabase) async throws -> [SharedItem] {
        guard !ids.isEmpty else { return [] }
        let rows = try await sql.raw(
            """
            SELECT v.id, v.owner_id, v.caption, v.content_kind, v.visibility, v.processing_state, v.publication_state, v.progress,
                   v.failure_reason, v.duration_seconds, v.width, v.height, v.poster_key, v.rendition_720_key AS r720_key, v.rendition_360_key AS r360_key,
                   v.captions_key, v.comments_enabled, v.view_count, v.created_at, v.ready_at, v.framing_flagged, v.context_override, u.handle, u.display_name, u.avatar_key,
                   (SELECT COUNT(*) FROM video_reactions r WHERE r.video_id = v.id AND r.kind = 'like') AS likes,
                   (SELECT COUNT(*) FROM video_reactions r WHERE r.video_id = v.id AND r.kind = 'save') AS saves,
                   (SELECT COUNT(*) FROM comments c WHERE c.video_id = v.id) AS comments
            FROM videos v JOIN users u ON u.id = v.owner_id WHERE v.id IN (\(binds: ids))
            """
        ).all()
        var videos: [UUID: VideoRow] = [:]
        for row in rows {
            let video = try row.decode(model: VideoRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            guard
                !listedOnly
                    || (video.processingState == ProcessingState.ready.rawValue && video.publicationState == PublicationState.published.rawValue
                        && video.visibility == Visibility.public.rawValue)
            else { continue }
            videos[video.id] = video
        }
        let present = ids.filter { videos[$0] != nil }
        guard !present.isEmpty else { return [] }

        var topics: [UUID: [String]] = [:]
        var hashtags: [UUID: [String]] = [:]
        for row in try await sql.raw(
            """
            SELECT video_id, 'topic' AS kind, topic_id AS value FROM video_topics WHERE video_id IN (\(binds: present))
            UNION ALL SELECT video_id, 'tag' AS kind, tag AS value FROM video_hashtags WHERE video_id IN (\(binds: present))
            """
        ).all() {
            let id = try row.decode(column: "video_id", as: UUID.self)
            let value = try row.decode(column: "value", as: String.self)
            if try row.decode(column: "kind", as: String.self) == "topic" {
                topics[id, default: []].append(value)
            } else {
                hashtags[id, default: []].append(value)
            }
        }

        let badges = try await LicenceBadge.of(Set(present.compactMap { videos[$0]?.ownerId }), now: now, on: sql)

        return present.compactMap { id in
            guard let video = videos[id] else { return nil }
            let lower = id.uuidString.lowercased()
            let renditions = VideosAPI.VideoItem.Rendition.available(of: id, has720: video.r720Key != nil, has360: video.r360Key != nil)
            let kind = ContentKind(rawValue: video.contentKind)
            let item = VideosAPI.VideoItem(
                id: lower, caption: video.caption, contentKind: video.contentKind, visibility: video.visibility, topics: topics[id] ?? [],
                hashtags: (hashtags[id] ?? []).sorted(), processingState: video.processingState, publicationState: video.publicationState,
                progress: video.progress, failureReason: video.failureReason, durationSeconds: video.durationSeconds, width: video.width,
                height: video.height, posterUrl: video.posterKey == nil ? nil : VideoFiles.url(.poster, of: id), renditions: renditions,
                captionsUrl: video.captionsKey == nil ? nil : VideoFiles.url(.captions, of: id), pageUrl: "/v/\(lower)",
                likeCount: video.likes, saveCount: video.saves, commentCount: video.comments, viewCount: video.viewCount,
                commentsEnabled: video.commentsEnabled, createdAt: video.createdAt, readyAt: video.readyAt,
                context: .init(flagged: video.framingFlagged, override: video.contextOverride.flatMap(ContextOverride.init(rawValue:)), kind: kind))
            let creator = CreatorSummary(
                handle: video.handle, displayName: video.displayName, avatarUrl: AvatarFiles.url(ofKey: video.avatarKey),
                profileUrl: SiteURL.profile(video.handle).path, initials: ProfileRules.initials(of: video.displayName),
                badge: badges[video.ownerId])
            return SharedItem(
                item: FeedItem(video: item, creator: creator, contentKindLabel: kind?.label ?? video.contentKind, viewer: nil),
                videoID: id, ownerID: video.ownerId)
        }
    }

    /// The viewer's own like, save and follow state for these (video, creator) pairs, in one
    /// query over their own rows (both tables are indexed by the member first).
    static func viewerStates(of viewerID: UUID, for videos: [(videoID: UUID, ownerID: UUID)], on sql: any SQLDatabase) async throws
        -> [UUID: FeedItem.ViewerState]
    {
        guard !videos.isEmpty else { return [:] }
        var liked: Set<UUID> = []
        var saved: Set<UUID> = []
        var followed: Set<UUID> = []
        for row in try await sql.raw(
            """
            SELECT video_id AS target_id, kind FROM video_reactions WHERE user_id = \(bind: viewerID) AND video_id IN (\(binds: videos.map(\.videoID)))
            UNION ALL SELECT creator_id AS target_id, 'follow' AS kind FROM follows
            WHERE follower_id = \(bind: viewerID) AND creator_id IN (\(binds: Array(Set(videos.map(\.ownerID)))))
            """
        ).all() {
            let target = try row.decode(column: "target_id", as: UUID.self)
            switch try row.decode(column: "kind", as: String.self) {
            case VideoReaction.Kind.like.rawValue: liked.insert(target)
            case VideoReaction.Kind.save.rawValue: saved.insert(target)
            default: followed.insert(target)
            }
        }
        var states: [UUID: FeedItem.ViewerState] = [:]
        for video in videos {
            states[video.videoID] = FeedItem.ViewerState(
                liked: liked.contains(video.videoID), saved: saved.contains(video.videoID), following: followed.contains(video.ownerID),
                isOwner: video.ownerID == viewerID)
        }
        return states
    }
}
