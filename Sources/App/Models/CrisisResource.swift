import Fluent
import Foundation
import MindreelCore

/// A crisis line or emergency service for one region (`CrisisResourceDraft` says what each
/// field means).
final class CrisisResource: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "crisis_resources"

    @ID(key: .id) var id: UUID?
    @Field(key: "region") var region: String
    /// The order within the region.
    @Field(key: "position") var position: Int
    @Field(key: "name") var name: String
    @OptionalField(key: "call") var call: String?
    @OptionalField(key: "text") var text: String?
    @OptionalField(key: "text_keyword") var textKeyword: String?
    @OptionalField(key: "chat_url") var chatURL: String?
    @Field(key: "hours") var hours: String
    @Field(key: "languages") var languages: String
    @OptionalField(key: "note") var note: String?
    @Field(key: "emergency") var emergency: Bool
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(_ draft: CrisisResourceDraft, position: Int, at now: Date) {
        self.position = position
        apply(draft, at: now)
    }

    func apply(_ draft: CrisisResourceDraft, at now: Date) {
        region = draft.region
        name = draft.name
        call = draft.call
        text = draft.text
        textKeyword = draft.textKeyword
        chatURL = draft.chatURL
        hours = draft.hours
        languages = draft.languages
        note = draft.note
        emergency = draft.emergency
        updatedAt = now
    }

    var draft: CrisisResourceDraft {
        CrisisResourceDraft(
            region: region, name: name, call: call, text: text, textKeyword: textKeyword, chatURL: chatURL, hours: hours, languages: languages,
            note: note, emergency: emergency)
    }
}
