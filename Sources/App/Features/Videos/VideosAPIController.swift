import Fluent
import Foundation
import Media
import MindreelCore
import Vapor

/// `/api/v1/topics` and `/api/v1/videos`: create a video from an upload, follow its processing,
/// retry or delete it.
struct VideosAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("videos", ":videoID", use: show)
        // Room for a caption file (at most 1 MiB of text) in the JSON.
        api.on(.POST, "videos", body: .collect(maxSize: "2mb"), use: create)
        api.post("videos", ":videoID", "retry", use: retry)
        api.delete("videos", ":videoID", use: delete)
        api.patch("videos", ":videoID", use: update)
    }

    func create(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        let input = try req.content.decode(VideosAPI.CreateInput.self)
        let video = try await CreateVideo.run(input, account: account, on: req)
        let response = try await VideoPresenter.item(video, on: req.db).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/videos/\(try video.requireID().uuidString.lowercased())")
        return response
    }

    func show(req: Request) async throws -> VideosAPI.VideoItem {
        let video = try await VideoPresenter.findWatchable(req)
        return try await VideoPresenter.item(video, on: req.db)
    }

    /// A failed video's processing starts over (the upload is kept until the video is deleted).
    func retry(req: Request) async throws -> Response {
        let video = try await VideoPresenter.findOwned(req, for: .editOwnVideo)
        guard video.processingState == .failed else {
            throw HTTPProblem(.conflict, detail: "Only a video whose processing failed can be retried.")
        }
        let id = try video.requireID()
        try await req.db.transaction { db in
            video.processingState = .uploaded
            video.failureReason = nil
            video.progress = 0
            video.updatedAt = req.mindreel.now
            try await video.save(on: db)
            try await JobQueue(now: req.mindreel.dependencies.now).enqueue(kind: ProcessVideoJob.kind, payload: ProcessVideoJob.Payload(videoID: id), on: db)
        }
        return try await VideoPresenter.item(video, on: req.db).encodeResponse(status: .accepted, for: req)
    }

    struct UpdateInput: Content {
        var caption: String?
        var topicIds: [String]?
        var contentKind: String?
        var visibility: String?
        var commentsEnabled: Bool?
        /// The whole new list; left out keeps the sources.
        var sources: [ClaimSource]?

        enum CodingKeys: String, CodingKey {
            case caption, visibility, sources
            case topicIds = "topic_ids"
            case contentKind = "content_kind"
            case commentsEnabled = "comments_enabled"
        }
    }

    /// The creator's changes to a video: its caption, topics, kind and visibility (checked as
    /// when it was made) and whether it takes comments. Only the fields sent change.
    func update(req: Request) async throws -> VideosAPI.VideoItem {
        let video = try await VideoPresenter.findOwned(req, for: .editOwnVideo)
        let input = try req.content.decode(UpdateInput.self)
        try await VideoEdit.apply(
            .init(
                caption: input.caption, topicIDs: input.topicIds, contentKind: input.contentKind, visibility: input.visibility,
                commentsEnabled: input.commentsEnabled, sources: input.sources), to: video, now: req.mindreel.now, on: req.db)
        return try await VideoPresenter.item(video, on: req.db)
    }

    /// Deletes the video with every file it made and the upload it came from.
    func delete(req: Request) async throws -> HTTPStatus {
        let video = try await VideoPresenter.findOwned(req, for: .deleteOwnVideo)
        try await VideoRemoval.delete(video, context: req.mindreel, on: req.db)
        return .noContent
    }
}

/// Deleting a video and everything it left in storage.
enum VideoRemoval {
    static func delete(_ video: Video, context: MindreelContext, on db: any Database) async throws {
        let id = try video.requireID()
        for kind in VideoFiles.Kind.allCases {
            try await context.storage.delete(VideoFiles.key(kind, of: id))
        }
        if let upload = try await Upload.find(video.uploadID, on: db) {
            try await UploadCleanup.discard(upload, config: context.config, storage: context.storage, on: db)
        }
        try await VideoSearch.remove(id, on: db)
        // A reported video stays in the moderation queue as the words it had.
        try await ModerationDecisions.targetDeleted(.video, id, on: db, now: context.now)
        try await video.delete(on: db)
    }
}

/// Loading videos for a request and turning them into API items.
enum VideoPresenter {
    static func find(_ req: Request) async throws -> Video? {
        guard let id = req.parameters.get("videoID", as: UUID.self) else { return nil }
        return try await Video.find(id, on: req.db)
    }

    /// The video when the caller may watch it; 404 otherwise (whether it exists is not told).
    static func findWatchable(_ req: Request) async throws -> Video {
        let missing = "There is no such video, or it is not available."
        guard let video = try await find(req) else { throw HTTPProblem(.notFound, detail: missing) }
        try req.authorize(.watchVideo, .video(video.accessFacts), hiddenAs: missing)
        return video
    }

    /// The video for one of its owner's actions (`.editOwnVideo`, `.deleteOwnVideo`, `.upload`
    /// for a retry, `.readOwn` for its studio page); 404 for anyone else.
    static func findOwned(_ req: Request, for action: AccessAction) async throws -> Video {
        let missing = "There is no such video, or it is not yours."
        guard let video = try await find(req) else { throw HTTPProblem(.notFound, detail: missing) }
        try req.authorize(action, .video(video.accessFacts), hiddenAs: missing)
        return video
    }

    static func item(_ video: Video, on db: any Database) async throws -> VideosAPI.VideoItem {
        try await items([video], on: db)[0]
    }

    /// API items for many videos with a fixed number of queries, whatever their number.
    static func items(_ videos: [Video], on db: any Database) async throws -> [VideosAPI.VideoItem] {
        let facts = try await VideoFacts.load(for: videos.map { try $0.requireID() }, on: db)
        return try videos.map { video in
            let id = try video.requireID()
            let renditions = VideosAPI.VideoItem.Rendition.available(
                of: id, has720: video.rendition720Key != nil, has360: video.rendition360Key != nil)
            return VideosAPI.VideoItem(
                id: id.uuidString.lowercased(), caption: video.caption, contentKind: video.contentKind.rawValue,
                visibility: video.visibility.rawValue, topics: facts.topics[id] ?? [], hashtags: (facts.hashtags[id] ?? []).sorted(),
                processingState: video.processingState.rawValue, publicationState: video.publicationState.rawValue,
                progress: video.progress, failureReason: video.failureReason, durationSeconds: video.durationSeconds,
                width: video.width, height: video.height, posterUrl: video.posterKey == nil ? nil : VideoFiles.url(.poster, of: id),
                renditions: renditions, captionsUrl: video.captionsKey == nil ? nil : VideoFiles.url(.captions, of: id),
                pageUrl: "/v/\(id.uuidString.lowercased())", likeCount: facts.likes[id] ?? 0, saveCount: facts.saves[id] ?? 0,
                commentCount: facts.comments[id] ?? 0, viewCount: video.viewCount, commentsEnabled: video.commentsEnabled,
                createdAt: video.createdAt, readyAt: video.readyAt,
                context: .init(flagged: video.framingFlagged, override: video.contextOverride, kind: video.contentKind))
        }
    }
}

extension Video {
    var accessFacts: VideoAccess.Facts {
        VideoAccess.Facts(ownerID: $owner.id, processing: processingState, publication: publicationState, visibility: visibility)
    }
}
