import Foundation

/// What a clinician's review note says about a video.
public enum ReviewNoteStance: String, CaseIterable, Sendable, Codable {
    case supports
    case addsContext = "adds_context"
    case misleading

    public var label: String {
        switch self {
        case .supports: return "Supports the video"
        case .addsContext: return "Adds context"
        case .misleading: return "Misleading"
        }
    }
}

/// A review note as a clinician wrote it, checked.
public struct ReviewNoteDraft: Sendable, Equatable {
    public var stance: ReviewNoteStance
    public var body: String
    public var citations: [ClaimSource]

    public init(stance: ReviewNoteStance, body: String, citations: [ClaimSource]) {
        self.stance = stance
        self.body = body
        self.citations = citations
    }
}

/// The rules for clinicians' review notes: what a note and a reply must be, and when a note is
/// shown to everyone.
public enum ReviewNoteRules {
    public static let maximumLength = 500
    public static let minimumLength = 20
    public static let maximumReplyLength = 500
    public static let maximumCitations = 5

    /// A note from the form: a stance, at most 500 characters, and at least one citation (one
    /// per line: a link with its title, or a reference). Problems are keyed by field.
    public static func validate(stance: String?, body: String?, citationLines: String?) -> Result<ReviewNoteDraft, FieldErrors> {
        var errors = FieldErrors()
        let stance = ReviewNoteStance(rawValue: stance ?? "")
        if stance == nil { errors.add("stance", "Choose what the note says: it supports the video, adds context, or the video is misleading.") }
        let text = tidy(body ?? "")
        if text.count < minimumLength {
            errors.add("body", "Write the note in at least \(minimumLength) characters: what a viewer should know.")
        } else if text.count > maximumLength {
            errors.add("body", "A note can be at most \(maximumLength) characters; this one has \(text.count).")
        }
        var citations: [ClaimSource] = []
        switch ClaimSources.validate(ClaimSources.parse(lines: citationLines ?? ""), kind: .education) {
        case .failure(let problems):
            errors.add("citations", problems["sources"] ?? "Check the citations.")
        case .success(let clean):
            if clean.isEmpty {
                errors.add("citations", "Give at least one citation: a link with its title, or a reference (a study, a guideline, a textbook).")
            } else if clean.count > maximumCitations {
                errors.add("citations", "Give at most \(maximumCitations) citations; this note has \(clean.count).")
            }
            citations = clean
        }
        guard errors.isEmpty, let stance else { return .failure(errors) }
        return .success(ReviewNoteDraft(stance: stance, body: text, citations: citations))
    }

    /// The creator's one reply: 1 to 500 characters.
    public static func validateReply(_ text: String?) -> Result<String, FieldErrors> {
        let reply = tidy(text ?? "")
        if reply.isEmpty { return .failure(FieldErrors("reply", "Write your reply first.")) }
        if reply.count > maximumReplyLength {
            return .failure(FieldErrors("reply", "A reply can be at most \(maximumReplyLength) characters; this one has \(reply.count)."))
        }
        return .success(reply)
    }

    /// Trimmed, with runs of spaces and tabs in a line made one, and at most one blank line.
    static func tidy(_ text: String) -> String {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        }
        var kept: [String] = []
        for line in lines where !(line.isEmpty && (kept.last ?? "").isEmpty) { kept.append(line) }
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Whether a note is shown, worked out from its ratings and any moderator's decision.
///
/// A note is shown once two clinicians other than its author rate it helpful who share no
/// practice with each other or with the author (so one practice cannot lift its own notes), or
/// once a moderator approves it. It is hidden while its unhelpful ratings are at least two and at
/// least as many as its helpful ones, and when a moderator removes it.
public struct ReviewNoteTally: Sendable, Equatable {
    public struct Rating: Sendable, Equatable {
        public var raterID: UUID
        public var raterPractices: Set<UUID>
        public var helpful: Bool

        public init(raterID: UUID, raterPractices: Set<UUID>, helpful: Bool) {
            self.raterID = raterID
            self.raterPractices = raterPractices
            self.helpful = helpful
        }
    }

    public enum ModeratorDecision: String, Sendable, Equatable, CaseIterable {
        case approved
        case removed
    }

    public enum Status: String, Sendable, Equatable {
        /// Seen by clinicians, moderators, its author and the video's creator; not yet by everyone.
        case needsRatings = "needs_ratings"
        case shown
        case hidden
    }

    public var authorID: UUID
    public var authorPractices: Set<UUID>
    public var ratings: [Rating]
    public var moderatorDecision: ModeratorDecision?

    public init(authorID: UUID, authorPractices: Set<UUID>, ratings: [Rating], moderatorDecision: ModeratorDecision?) {
        self.authorID = authorID
        self.authorPractices = authorPractices
        self.ratings = ratings.filter { $0.raterID != authorID }
        self.moderatorDecision = moderatorDecision
    }

    public var helpfulCount: Int { ratings.filter(\.helpful).count }
    public var unhelpfulCount: Int { ratings.count - helpfulCount }

    /// Two helpful ratings from clinicians who share no practice with each other or the author.
    public var hasIndependentHelpfulRatings: Bool {
        let independent = ratings.filter { $0.helpful && $0.raterPractices.isDisjoint(with: authorPractices) }
        for (index, first) in independent.enumerated() {
            for second in independent[(index + 1)...] where second.raterID != first.raterID && first.raterPractices.isDisjoint(with: second.raterPractices) {
                return true
            }
        }
        return false
    }

    public var isRatedUnhelpful: Bool { unhelpfulCount >= 2 && unhelpfulCount >= helpfulCount }

    public var status: Status {
        if moderatorDecision == .removed || isRatedUnhelpful { return .hidden }
        if moderatorDecision == .approved || hasIndependentHelpfulRatings { return .shown }
        return .needsRatings
    }

    /// The status in words, for the note's author, the creator, clinicians and moderators.
    public var explanation: String {
        if moderatorDecision == .removed { return "Hidden: a moderator removed it." }
        if isRatedUnhelpful { return "Hidden: \(unhelpfulCount) clinicians rated it not helpful, at least as many as rated it helpful." }
        if moderatorDecision == .approved { return "Shown to everyone: a moderator approved it." }
        if hasIndependentHelpfulRatings { return "Shown to everyone: clinicians from different practices rated it helpful." }
        return "Not shown to everyone yet: it needs two helpful ratings from clinicians of different practices, or a moderator's approval."
    }
}
