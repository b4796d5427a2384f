import Fluent
import Foundation
import MindreelCore

/// A verified clinician's note on a video, with its citations, the creator's reply and any
/// moderator's decision. Whether it is shown comes from `ReviewNoteTally`.
final class ReviewNote: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "review_notes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "video_id") var video: Video
    @Parent(key: "author_id") var author: User
    @Field(key: "stance") var stance: ReviewNoteStance
    @Field(key: "body") var body: String
    /// JSON array of `ClaimSource`; read through `citationList`.
    @Field(key: "citations") var citations: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "reply") var reply: String?
    @OptionalField(key: "replied_at") var repliedAt: Date?
    @OptionalField(key: "moderator_decision") var moderatorDecision: String?
    @OptionalParent(key: "moderator_id") var moderator: User?
    @OptionalField(key: "moderator_reason") var moderatorReason: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @Children(for: \.$note) var ratings: [ReviewNoteRating]

    init() {}

    init(videoID: UUID, authorID: UUID, draft: ReviewNoteDraft, now: Date) {
        self.$video.id = videoID
        self.$author.id = authorID
        self.createdAt = now
        apply(draft)
    }

    func apply(_ draft: ReviewNoteDraft) {
        stance = draft.stance
        body = draft.body
        citations = String(decoding: (try? JSONEncoder().encode(draft.citations)) ?? Data("[]".utf8), as: UTF8.self)
    }

    var citationList: [ClaimSource] { (try? JSONDecoder().decode([ClaimSource].self, from: Data(citations.utf8))) ?? [] }

    var decision: ReviewNoteTally.ModeratorDecision? { moderatorDecision.flatMap(ReviewNoteTally.ModeratorDecision.init(rawValue:)) }
}

/// One clinician's rating of a note: helpful or not. They can change it.
final class ReviewNoteRating: Model, @unchecked Sendable {
    static let schema = "review_note_ratings"

    @ID(key: .id) var id: UUID?
    @Parent(key: "note_id") var note: ReviewNote
    @Parent(key: "rater_id") var rater: User
    @Field(key: "helpful") var helpful: Bool
    @Field(key: "rated_at") var ratedAt: Date

    init() {}

    init(noteID: UUID, raterID: UUID, helpful: Bool, now: Date) {
        self.$note.id = noteID
        self.$rater.id = raterID
        self.helpful = helpful
        self.ratedAt = now
    }
}
