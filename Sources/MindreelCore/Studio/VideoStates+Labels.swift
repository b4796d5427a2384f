/// How the studio names a video's states to its creator.
extension ProcessingState {
    public var label: String {
        switch self {
        case .uploaded: return "Waiting to be processed"
        case .probing: return "Checking the file"
        case .transcoding: return "Processing"
        case .ready: return "Ready"
        case .failed: return "Processing failed"
        }
    }
}

extension PublicationState {
    public var label: String {
        switch self {
        case .draft: return "Draft"
        case .pendingReview: return "Waiting for review"
        case .published: return "Published"
        case .limited: return "Limited by moderators"
        case .removed: return "Removed by moderators"
        }
    }
}

extension Visibility {
    public var label: String {
        switch self {
        case .public: return "Public"
        case .unlisted: return "Unlisted"
        case .private: return "Private"
        }
    }

    /// Who can watch, in a few words.
    public var hint: String {
        switch self {
        case .public: return "anyone, in feeds and search"
        case .unlisted: return "only people who have the link"
        case .private: return "only you"
        }
    }
}
