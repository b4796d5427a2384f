import Foundation

/// A crisis line or service for one region: who they are and how to reach them. Admins keep the
/// list (`/admin/crisis-resources`); every page's footer, the feed's introduction, `/help`, the
/// resources panel and `GET /api/v1/crisis-resources` read it.
public struct CrisisResourceDraft: Sendable, Equatable {
    /// An ISO 3166-1 code, or `CrisisResourceDraft.elsewhere` for the entry shown in regions
    /// that have none of their own.
    public var region: String
    public var name: String
    /// A number to call, as people write it ("116 123", "9-8-8").
    public var call: String?
    /// A number to text, and the word to send when the service asks for one ("HOME").
    public var text: String?
    public var textKeyword: String?
    /// An https link to a web chat.
    public var chatURL: String?
    public var hours: String
    public var languages: String
    /// One sentence more ("free from any phone", "call your local emergency number").
    public var note: String?
    /// For immediate danger: listed as "in immediate danger, call …".
    public var emergency: Bool

    public static let elsewhere = "elsewhere"

    public init(
        region: String, name: String, call: String? = nil, text: String? = nil, textKeyword: String? = nil, chatURL: String? = nil,
        hours: String = "", languages: String = "", note: String? = nil, emergency: Bool = false
    ) {
        self.region = region
        self.name = name
        self.call = call
        self.text = text
        self.textKeyword = textKeyword
        self.chatURL = chatURL
        self.hours = hours
        self.languages = languages
        self.note = note
        self.emergency = emergency
    }
}

public enum CrisisResourceRules {
    public static let maximumName = 80
    public static let maximumNumber = 20
    public static let maximumKeyword = 20
    public static let maximumHours = 80
    public static let maximumLanguages = 120
    public static let maximumNote = 200
    public static let maximumChatURL = 300

    /// The draft tidied (spaces trimmed, empty fields as nil, the region upper-case), or the
    /// first problem, by its field.
    public static func validate(_ raw: CrisisResourceDraft) -> Result<CrisisResourceDraft, FieldErrors> {
        var draft = raw
        func tidy(_ text: String?) -> String? {
            let value = (text ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            return value.isEmpty ? nil : value
        }
        let region = raw.region.trimmingCharacters(in: .whitespaces)
        if region.lowercased() == CrisisResourceDraft.elsewhere {
            draft.region = CrisisResourceDraft.elsewhere
        } else if let code = Regions.code(region) {
            draft.region = code
        } else {
            return .failure(FieldErrors("region", "Pick a region: a two-letter ISO 3166-1 code such as US or GB, or “elsewhere”."))
        }
        draft.name = tidy(raw.name) ?? ""
        guard (2...maximumName).contains(draft.name.count) else {
            return .failure(FieldErrors("name", "Give the service's name, 2 to \(maximumName) characters."))
        }
        draft.call = tidy(raw.call)
        draft.text = tidy(raw.text)
        draft.textKeyword = tidy(raw.textKeyword)?.uppercased()
        draft.chatURL = tidy(raw.chatURL)
        draft.note = tidy(raw.note)
        draft.hours = tidy(raw.hours) ?? ""
        draft.languages = tidy(raw.languages) ?? ""
        for (field, number) in [("call", draft.call), ("text", draft.text)] {
            guard let number else { continue }
            guard number.count <= maximumNumber, number.allSatisfy({ $0.isASCII && ($0.isNumber || " -+()".contains($0)) }),
                number.contains(where: \.isNumber)
            else { return .failure(FieldErrors(field, "Write a phone number with digits, spaces and dashes only, such as 116 123 or 9-8-8.")) }
        }
        if let keyword = draft.textKeyword {
            guard draft.text != nil else { return .failure(FieldErrors("text_keyword", "A word to text needs a number to text it to.")) }
            guard keyword.count <= maximumKeyword, keyword.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                return .failure(FieldErrors("text_keyword", "Write the word to text in letters and digits, such as HOME."))
            }
        }
        if let chat = draft.chatURL {
            guard chat.count <= maximumChatURL, let url = URL(string: chat), url.scheme == "https", url.host != nil else {
                return .failure(FieldErrors("chat_url", "Give the chat's address as an https link, such as https://988lifeline.org/chat."))
            }
        }
        guard draft.call != nil || draft.text != nil || draft.chatURL != nil || draft.note != nil else {
            return .failure(FieldErrors("call", "Give at least one way to reach the service: a number to call or text, a chat link, or a note."))
        }
        if draft.hours.count > maximumHours { return .failure(FieldErrors("hours", "Keep the hours to \(maximumHours) characters.")) }
        if draft.languages.count > maximumLanguages {
            return .failure(FieldErrors("languages", "Keep the languages to \(maximumLanguages) characters."))
        }
        if (draft.note?.count ?? 0) > maximumNote { return .failure(FieldErrors("note", "Keep the note to \(maximumNote) characters.")) }
        return .success(draft)
    }

    /// A number as a `tel:` or `sms:` link's target: its digits (and a leading +).
    static func dialable(_ number: String) -> String {
        let digits = number.filter(\.isNumber)
        return number.trimmingCharacters(in: .whitespaces).hasPrefix("+") ? "+" + digits : digits
    }

    /// `tel:116123` for "116 123".
    public static func callLink(_ number: String) -> String { "tel:" + dialable(number) }

    /// `sms:741741?&body=HOME`: the form both iOS and Android read.
    public static func textLink(_ number: String, keyword: String?) -> String {
        "sms:" + dialable(number) + (keyword.map { "?&body=" + $0 } ?? "")
    }

    /// The list a new installation starts with (migration 013), from the issue: the lines each
    /// region's people can reach for free at any hour, and the emergency number.
    public static let defaults: [CrisisResourceDraft] = [
        CrisisResourceDraft(
            region: "US", name: "988 Suicide & Crisis Lifeline", call: "988", text: "988", chatURL: "https://988lifeline.org/chat",
            hours: "24 hours, every day",
            languages: "English and Spanish, interpreters for 240+ languages by phone",
            note: "Free and confidential. You do not have to be suicidal to reach out."),
        CrisisResourceDraft(
            region: "US", name: "Crisis Text Line", text: "741741", textKeyword: "HOME", hours: "24 hours, every day", languages: "English and Spanish",
            note: "A trained volunteer texts back."),
        CrisisResourceDraft(
            region: "US", name: "Emergency services", call: "911", hours: "24 hours, every day", languages: "English, interpreters", emergency: true),
        CrisisResourceDraft(
            region: "GB", name: "Samaritans", call: "116 123", hours: "24 hours, every day", languages: "English (Welsh line: 0808 164 0123)",
            note: "Free from any phone, and it does not show on your bill."),
        CrisisResourceDraft(region: "GB", name: "Emergency services", call: "999", hours: "24 hours, every day", languages: "English", emergency: true),
        CrisisResourceDraft(
            region: "IE", name: "Samaritans", call: "116 123", hours: "24 hours, every day", languages: "English", note: "Free from any phone."),
        CrisisResourceDraft(
            region: "IE", name: "Emergency services", call: "112", hours: "24 hours, every day", languages: "English and Irish", emergency: true),
        CrisisResourceDraft(
            region: "IE", name: "Emergency services", call: "999", hours: "24 hours, every day", languages: "English and Irish", emergency: true),
        CrisisResourceDraft(
            region: "CA", name: "9-8-8 Suicide Crisis Helpline", call: "9-8-8", text: "9-8-8", hours: "24 hours, every day", languages: "English and French"),
        CrisisResourceDraft(
            region: "CA", name: "Emergency services", call: "911", hours: "24 hours, every day", languages: "English and French", emergency: true),
        CrisisResourceDraft(
            region: CrisisResourceDraft.elsewhere, name: "Your local emergency number", hours: "24 hours, every day",
            note: "Call your local emergency number. On a mobile phone, 112 reaches emergency services in many countries.", emergency: true),
    ]
}
