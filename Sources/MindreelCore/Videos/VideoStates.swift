/// Where a video's files are: from upload to playable.
///
/// Kept apart from `PublicationState` so that review or moderation can hold a video without
/// touching its processing, and a retry of processing never republishes a removed video.
public enum ProcessingState: String, Codable, Sendable, CaseIterable {
    case uploaded
    case probing
    case transcoding
    case ready
    case failed

    /// The moves the pipeline may make. `failed → uploaded` is a retry.
    public func canMove(to next: ProcessingState) -> Bool {
        switch (self, next) {
        case (.uploaded, .probing), (.probing, .transcoding), (.transcoding, .ready): return true
        case (.uploaded, .failed), (.probing, .failed), (.transcoding, .failed): return true
        case (.failed, .uploaded): return true
        // A job taken again after its worker died starts its step over.
        case (.probing, .probing), (.transcoding, .transcoding), (.transcoding, .probing): return true
        default: return false
        }
    }

    public var isFinal: Bool { self == .ready || self == .failed }
}

/// Who may see a video, independent of its processing.
public enum PublicationState: String, Codable, Sendable, CaseIterable {
    case draft
    case pendingReview = "pending_review"
    case published
    case limited
    case removed
}

/// Who may open a published video.
public enum Visibility: String, Codable, Sendable, CaseIterable {
    /// In feeds, search and profiles.
    case `public`
    /// Only for people with the link.
    case unlisted
    /// Only for the owner (and, later, the people it is shared with).
    case `private`
}

/// What a video is, shown on every video so viewers know how to take it.
public enum ContentKind: String, Codable, Sendable, CaseIterable {
    case personalExperience = "personal_experience"
    case education
    case copingSkill = "coping_skill"
    case humor
    case clinicalClaim = "clinical_claim"

    public var label: String {
        switch self {
        case .personalExperience: return "Personal experience"
        case .education: return "Education"
        case .copingSkill: return "Coping skill"
        case .humor: return "Humour"
        case .clinicalClaim: return "Clinical claim"
        }
    }
}
