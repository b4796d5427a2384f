import Foundation

/// What a comment may be: plain text, 1 to 2,000 characters after trimming.
public enum CommentRules {
    public static let maximumLength = 2_000

    /// The text to store, or a message for the person who wrote it.
    public static func validate(_ body: String?) -> Result<String, FieldErrors> {
        let text = (body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            return .failure(FieldErrors("body", "Write something before posting."))
        }
        if text.count > maximumLength {
            return .failure(FieldErrors("body", "A comment can be at most \(maximumLength) characters; this one has \(text.count)."))
        }
        return .success(text)
    }
}
