/// The words a creator gives a video, checked.
public enum VideoDetails {
    public static let captionLimit = 2200
    public static let topicRange = 1...3
    public static let hashtagLimit = 10

    public struct Input: Sendable {
        public var caption: String?
        public var topicIDs: [String]?
        public var hashtags: [String]?
        public var contentKind: String?
        public var visibility: String?

        public init(caption: String?, topicIDs: [String]?, hashtags: [String]?, contentKind: String?, visibility: String?) {
            self.caption = caption
            self.topicIDs = topicIDs
            self.hashtags = hashtags
            self.contentKind = contentKind
            self.visibility = visibility
        }
    }

    public struct Valid: Sendable, Equatable {
        public let caption: String
        public let topicIDs: [String]
        public let hashtags: [String]
        public let contentKind: ContentKind
        public let visibility: Visibility
    }

    /// `knownTopics`: ids of topics that exist and are not retired.
    public static func validate(_ input: Input, knownTopics: Set<String>) throws(FieldErrors) -> Valid {
        var errors = FieldErrors()
        let caption = (input.caption ?? "").trimmingWhitespace()
        if caption.count > captionLimit {
            errors.add("caption", "A caption has at most \(captionLimit) characters.")
        }

        var topics: [String] = []
        for id in input.topicIDs ?? [] where !topics.contains(id) { topics.append(id) }
        if !topicRange.contains(topics.count) {
            errors.add("topic_ids", "Choose 1 to 3 topics.")
        } else if let unknown = topics.first(where: { !knownTopics.contains($0) }) {
            errors.add("topic_ids", "There is no topic '\(unknown)'.")
        }

        var tags: [String] = []
        for raw in (input.hashtags ?? []) + Hashtag.extract(from: caption) {
            guard let tag = Hashtag.normalize(raw) else {
                errors.add("hashtags", "Hashtags use letters, digits and _ (at most \(Hashtag.maxLength) characters).")
                continue
            }
            if !tags.contains(tag) { tags.append(tag) }
        }
        if tags.count > hashtagLimit {
            errors.add("hashtags", "Use at most \(hashtagLimit) hashtags.")
        }

        let kind = input.contentKind.flatMap(ContentKind.init(rawValue:))
        if kind == nil {
            errors.add("content_kind", "Say what the video is: \(ContentKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let visibility = input.visibility.map { Visibility(rawValue: $0) } ?? .public
        if visibility == nil {
            errors.add("visibility", "Visibility is public, unlisted or private.")
        }
        try errors.throwIfAny()
        return Valid(caption: caption, topicIDs: topics, hashtags: tags, contentKind: kind!, visibility: visibility!)
    }
}

/// `#SelfCare` and `selfcare` are the same hashtag.
public enum Hashtag {
    public static let maxLength = 50

    public static func normalize(_ raw: String) -> String? {
        var text = raw.trimmingWhitespace()
        while text.hasPrefix("#") { text.removeFirst() }
        let lowered = text.lowercased()
        guard !lowered.isEmpty, lowered.count <= maxLength,
            lowered.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber })
        else { return nil }
        return lowered
    }

    /// Hashtags written in a caption ("… #anxiety #sleep").
    public static func extract(from caption: String) -> [String] {
        var tags: [String] = []
        var current: String?
        for character in caption + " " {
            if character == "#" {
                if let tag = current, !tag.isEmpty { tags.append(tag) }
                current = ""
            } else if var tag = current {
                if character == "_" || character.isLetter || character.isNumber {
                    tag.append(character)
                    current = tag
                } else {
                    if !tag.isEmpty { tags.append(tag) }
                    current = nil
                }
            }
        }
        return tags.filter { $0.count <= maxLength }
    }
}
