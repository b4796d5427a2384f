import Foundation
import MindreelCore
import SQLKit

/// Feed items for a page of video ids, read with SQLKit into plain values — the hot path of the
/// feed and search. Three queries for a visitor (videos with their creators; topics and hashtags;
/// public counts) and one more for a signed-in viewer (their own likes, saves and follows),
/// however many items the page has. Videos that are not listed (ready, published, public) are
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
        let handle: String
        let displayName: String
        let avatarKey: String?
    }

    static func load(_ ids: [UUID], viewerID: UUID?, on sql: any SQLDatabase) async throws -> [FeedItem] {
        guard !ids.isEmpty else { return [] }
        let rows = try await sql.raw(
            """
            SELECT v.id, v.owner_id, v.caption, v.content_kind, v.visibility, v.processing_state, v.publication_state, v.progress,
                   v.failure_reason, v.duration_seconds, v.width, v.height, v.poster_key, v.rendition_720_key AS r720_key, v.rendition_360_key AS r360_key,
                   v.captions_key, v.comments_enabled, v.view_count, v.created_at, v.ready_at, u.handle, u.display_name, u.avatar_key
            FROM videos v JOIN users u ON u.id = v.owner_id WHERE v.id IN (\(binds: ids))
            """
        ).all()
        var videos: [UUID: VideoRow] = [:]
        for row in rows {
            let video = try row.decode(model: VideoRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            guard video.processingState == ProcessingState.ready.rawValue, video.publicationState == PublicationState.published.rawValue,
                video.visibility == Visibility.public.rawValue
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

        var counts: [UUID: [String: Int]] = [:]
        for row in try await sql.raw(
            """
            SELECT video_id, kind, COUNT(*) AS n FROM video_reactions WHERE video_id IN (\(binds: present)) GROUP BY video_id, kind
            UNION ALL SELECT video_id, 'comment' AS kind, COUNT(*) AS n FROM comments WHERE video_id IN (\(binds: present)) GROUP BY video_id
            """
        ).all() {
            counts[try row.decode(column: "video_id", as: UUID.self), default: [:]][try row.decode(column: "kind", as: String.self)] =
                try row.decode(column: "n", as: Int.self)
        }

        var liked = Set<UUID>()
        var saved = Set<UUID>()
        var followed = Set<UUID>()
        if let viewerID {
            let owners = Array(Set(present.compactMap { videos[$0]?.ownerId }))
            for row in try await sql.raw(
                """
                SELECT video_id AS ref, kind FROM video_reactions WHERE user_id = \(bind: viewerID) AND video_id IN (\(binds: present))
                UNION ALL SELECT creator_id AS ref, 'follow' AS kind FROM follows WHERE follower_id = \(bind: viewerID) AND creator_id IN (\(binds: owners))
                """
            ).all() {
                let ref = try row.decode(column: "ref", as: UUID.self)
                switch try row.decode(column: "kind", as: String.self) {
                case VideoReaction.Kind.like.rawValue: liked.insert(ref)
                case VideoReaction.Kind.save.rawValue: saved.insert(ref)
                default: followed.insert(ref)
                }
            }
        }

        return present.compactMap { id in
            guard let video = videos[id] else { return nil }
            let lower = id.uuidString.lowercased()
            var renditions: [VideosAPI.VideoItem.Rendition] = []
            if video.r720Key != nil { renditions.append(.init(name: "720p", url: VideoFiles.url(.rendition720, of: id), contentType: "video/mp4")) }
            if video.r360Key != nil { renditions.append(.init(name: "360p", url: VideoFiles.url(.rendition360, of: id), contentType: "video/mp4")) }
            let kind = ContentKind(rawValue: video.contentKind)
            let item = VideosAPI.VideoItem(
                id: lower, caption: video.caption, contentKind: video.contentKind, visibility: video.visibility, topics: topics[id] ?? [],
                hashtags: (hashtags[id] ?? []).sorted(), processingState: video.processingState, publicationState: video.publicationState,
                progress: video.progress, failureReason: video.failureReason, durationSeconds: video.durationSeconds, width: video.width,
                height: video.height, posterUrl: video.posterKey == nil ? nil : VideoFiles.url(.poster, of: id), renditions: renditions,
                captionsUrl: video.captionsKey == nil ? nil : VideoFiles.url(.captions, of: id), pageUrl: "/v/\(lower)",
                likeCount: counts[id]?[VideoReaction.Kind.like.rawValue] ?? 0, saveCount: counts[id]?[VideoReaction.Kind.save.rawValue] ?? 0,
                commentCount: counts[id]?["comment"] ?? 0, viewCount: video.viewCount, commentsEnabled: video.commentsEnabled,
                createdAt: video.createdAt, readyAt: video.readyAt)
            let creator = CreatorSummary(
                handle: video.handle, displayName: video.displayName, avatarUrl: AvatarFiles.url(ofKey: video.avatarKey),
                profileUrl: SiteURL.profile(video.handle).path, initials: ProfileRules.initials(of: video.displayName))
            let viewer = viewerID.map { viewerID in
                FeedItem.ViewerState(
                    liked: liked.contains(id), saved: saved.contains(id), following: followed.contains(video.ownerId),
                    isOwner: video.ownerId == viewerID)
            }
            return FeedItem(video: item, creator: creator, contentKindLabel: kind?.label ?? video.contentKind, viewer: viewer)
        }
    }
}
