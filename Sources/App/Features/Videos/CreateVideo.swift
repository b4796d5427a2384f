import Fluent
import Foundation
import Media
import MindreelCore
import Vapor

/// A finished upload becomes a video: details checked, row written, processing queued — in
/// one transaction, so a video is never without its job or a job without its video.
enum CreateVideo {
    static func run(_ input: VideosAPI.CreateInput, account: CurrentAccount, on req: Request) async throws -> Video {
        try await run(input, ownerID: account.userID, context: req.mindreel, on: req.db)
    }

    /// The same for commands (the demo seed), where no request exists.
    static func run(_ input: VideosAPI.CreateInput, ownerID: UUID, context: MindreelContext, on database: any Database) async throws -> Video {
        var errors = FieldErrors()
        var upload: Upload?
        if let uploadID = input.uploadId {
            upload = try await Upload.query(on: database).filter(\.$id == uploadID).filter(\.$owner.$id == ownerID).first()
            if upload == nil {
                errors.add("upload_id", "There is no such upload, or it is not yours.")
            } else if upload?.state != .complete {
                errors.add("upload_id", "The upload is not finished yet.")
            } else if try await Video.query(on: database).filter(\.$uploadID == uploadID).count() > 0 {
                errors.add("upload_id", "This upload already became a video.")
            }
        } else {
            errors.add("upload_id", "Say which upload this video comes from.")
        }

        let known = Set(try await Topic.query(on: database).filter(\.$retired == false).all().compactMap(\.id))
        var details: VideoDetails.Valid?
        do {
            details = try VideoDetails.validate(
                .init(caption: input.caption, topicIDs: input.topicIds, hashtags: input.hashtags, contentKind: input.contentKind, visibility: input.visibility),
                knownTopics: known)
        } catch {
            errors.add(contentsOf: error)
        }

        var checkedSources: [ClaimSource] = []
        if let details {
            switch ClaimSources.validate(input.sources ?? ClaimSources.parse(lines: input.sourcesText ?? ""), kind: details.contentKind) {
            case .success(let clean): checkedSources = clean
            case .failure(let problems): errors.add(contentsOf: problems)
            }
        }
        let sources = checkedSources

        var captions: CaptionTrack?
        if let text = input.captions, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            do {
                captions = try CaptionTrack.parse(text)
            } catch {
                errors.add("captions", error.message)
            }
        }
        try errors.throwIfAny()
        guard let upload, let details else { throw errors }

        let now = context.now
        let video = Video()
        let id = UUID()
        video.id = id
        video.$owner.id = ownerID
        video.uploadID = try upload.requireID()
        video.caption = details.caption
        video.contentKind = details.contentKind
        video.visibility = details.visibility
        video.processingState = .uploaded
        // A clinical claim from anyone without a verified licence waits for a moderator; the
        // hold survives processing, which publishes only drafts.
        var held = false
        if details.contentKind == .clinicalClaim { held = !(try await ClaimReview.ownerIsVerified(ownerID, now: context.now, on: database)) }
        video.publicationState = held ? .pendingReview : .draft
        video.progress = 0
        video.commentsEnabled = true
        video.viewCount = 0
        video.transcript = captions?.transcript
        VideoFraming.classify(video, hashtags: details.hashtags, now: now)
        video.createdAt = now
        video.updatedAt = now

        // The caption file is small and already checked: stored now, so the job only makes video.
        let captionKey = VideoFiles.key(.captions, of: id)
        if let captions {
            let temporary = context.config.dataDirectory + "/work/captions-\(id.uuidString.lowercased()).vtt"
            try FileManager.default.createDirectory(atPath: context.config.dataDirectory + "/work", withIntermediateDirectories: true)
            try Data(captions.webVTT.utf8).write(to: URL(fileURLWithPath: temporary))
            try await context.storage.storeMoving(fileAt: temporary, as: captionKey, contentType: VideoFiles.Kind.captions.contentType)
            video.captionsKey = captionKey.value
        }

        do {
            try await database.transaction { db in
                try await video.create(on: db)
                for topic in details.topicIDs { try await VideoTopic(videoID: id, topicID: topic).create(on: db) }
                for tag in details.hashtags { try await VideoHashtag(videoID: id, tag: tag).create(on: db) }
                try await ClaimReview.replaceSources(of: id, with: sources, on: db)
                try await JobQueue(now: context.dependencies.now).enqueue(
                    kind: ProcessVideoJob.kind, payload: ProcessVideoJob.Payload(videoID: id), on: db)
            }
        } catch {
            if captions != nil { try? await context.storage.delete(captionKey) }
            if let dbError = error as? any DatabaseError, dbError.isConstraintFailure {
                throw FieldErrors("upload_id", "This upload already became a video.")
            }
            throw error
        }
        return video
    }
}
