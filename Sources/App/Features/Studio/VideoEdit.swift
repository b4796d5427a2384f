import Fluent
import Foundation
import MindreelCore

/// A creator changes their video's details: caption, topics, kind, visibility, comments. Checked
/// by the same rules as when the video was made (`VideoDetails`), and saved all at once or not
/// at all. Used by the studio page and by `PATCH /api/v1/videos/{id}`.
enum VideoEdit {
    /// What to change; a field left nil keeps its value.
    struct Input: Sendable {
        var caption: String?
        var topicIDs: [String]?
        var contentKind: String?
        var visibility: String?
        var commentsEnabled: Bool?
        /// The full new list of sources; nil keeps them.
        var sources: [ClaimSource]?

        var changesDetails: Bool { caption != nil || topicIDs != nil || contentKind != nil || visibility != nil || sources != nil }
    }

    /// What the edit did besides saving: whether it put the video on hold for review.
    struct Outcome: Sendable {
        var held = false
    }

    /// Applies `input` to `video` and tells search. Throws `FieldErrors` (nothing saved) when
    /// the resulting details break a rule.
    /// A video whose kind becomes `clinical_claim` is held for review unless its owner holds a
    /// verified licence; a clinical claim needs its sources.
    @discardableResult
    static func apply(_ input: Input, to video: Video, now: Date, on db: any Database) async throws -> Outcome {
        guard input.changesDetails || input.commentsEnabled != nil else { return Outcome() }
        let id = try video.requireID()
        let checked = input.changesDetails ? try await check(input, against: video, on: db) : nil
        var checkedSources: [ClaimSource]?
        if let details = checked?.details, input.sources != nil || details.contentKind != video.contentKind {
            var given = input.sources
            if given == nil { given = try await ClaimReview.sources(of: id, on: db) }
            switch ClaimSources.validate(given ?? [], kind: details.contentKind) {
            case .success(let clean): checkedSources = clean
            case .failure(let problems): throw problems
            }
        }
        let sources = checkedSources
        var held = false
        if let details = checked?.details, details.contentKind == .clinicalClaim, video.contentKind != .clinicalClaim,
            [.draft, .published].contains(video.publicationState)
        {
            held = !(try await ClaimReview.ownerIsVerified(video.$owner.id, now: now, on: db))
        }
        let outcome = Outcome(held: held)
        try await db.transaction { db in
            if let details = checked?.details {
                let captionChanged = details.caption != video.caption
                video.caption = details.caption
                video.contentKind = details.contentKind
                video.visibility = details.visibility
                if captionChanged { VideoFraming.classify(video, hashtags: details.hashtags, now: now) }
            }
            if outcome.held { video.publicationState = .pendingReview }
            if let sources { try await ClaimReview.replaceSources(of: id, with: sources, on: db) }
            if let enabled = input.commentsEnabled { video.commentsEnabled = enabled }
            video.updatedAt = now
            try await video.save(on: db)
            if let checked, checked.topicsChanged {
                try await VideoTopic.query(on: db).filter(\.$video.$id == id).delete()
                for topic in checked.details.topicIDs { try await VideoTopic(videoID: id, topicID: topic).create(on: db) }
            }
            if let checked, checked.hashtagsChanged {
                try await VideoHashtag.query(on: db).filter(\.$video.$id == id).delete()
                for tag in checked.details.hashtags { try await VideoHashtag(videoID: id, tag: tag).create(on: db) }
            }
        }
        try await VideoSearch.reindex(id, on: db)
        return outcome
    }

    private struct Checked: Sendable {
        let details: VideoDetails.Valid
        let topicsChanged: Bool
        let hashtagsChanged: Bool
    }

    /// The details the video would have, checked as a whole: sent fields over the saved ones.
    private static func check(_ input: Input, against video: Video, on db: any Database) async throws -> Checked {
        let id = try video.requireID()
        let currentTopics = try await VideoTopic.query(on: db).filter(\.$video.$id == id).all().map(\.$topic.id)
        let currentTags = try await VideoHashtag.query(on: db).filter(\.$video.$id == id).all().map(\.tag)
        // A topic retired since may stay on the video that has it, but not be added to another.
        let known = Set(try await Topic.query(on: db).filter(\.$retired == false).all().compactMap(\.id)).union(currentTopics)
        // Hashtags given apart from the caption are kept; those written in it follow the caption.
        let captionTags = Set(Hashtag.extract(from: video.caption).compactMap(Hashtag.normalize))
        let separateTags = currentTags.filter { !captionTags.contains($0) }
        let details: VideoDetails.Valid
        do {
            details = try VideoDetails.validate(
                .init(
                    caption: input.caption ?? video.caption, topicIDs: input.topicIDs ?? currentTopics, hashtags: separateTags,
                    contentKind: input.contentKind ?? video.contentKind.rawValue, visibility: input.visibility ?? video.visibility.rawValue),
                knownTopics: known)
        } catch {
            throw onEditForm(error)
        }
        return Checked(
            details: details, topicsChanged: Set(details.topicIDs) != Set(currentTopics), hashtagsChanged: Set(details.hashtags) != Set(currentTags))
    }

    /// When editing, hashtags come only from the caption, so their problems are the caption's.
    static func onEditForm(_ errors: FieldErrors) -> FieldErrors {
        var mapped = FieldErrors()
        for item in errors.items {
            mapped.add(item.field == "hashtags" ? "caption" : item.field, item.message)
        }
        return mapped
    }
}
