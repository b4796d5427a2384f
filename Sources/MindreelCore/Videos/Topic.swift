/// The curated topics (admins manage them in a later issue). `sensitive` topics are kept from
/// clustering in the feed.
public struct CuratedTopic: Sendable, Equatable {
    public let slug: String
    public let name: String
    public let sensitive: Bool

    public static let initial: [CuratedTopic] = [
        .init(slug: "anxiety", name: "Anxiety", sensitive: false),
        .init(slug: "depression", name: "Depression", sensitive: true),
        .init(slug: "adhd", name: "ADHD", sensitive: false),
        .init(slug: "autism", name: "Autism", sensitive: false),
        .init(slug: "trauma", name: "Trauma and PTSD", sensitive: true),
        .init(slug: "ocd", name: "OCD", sensitive: false),
        .init(slug: "eating-body-image", name: "Eating and body image", sensitive: true),
        .init(slug: "grief", name: "Grief and loss", sensitive: false),
        .init(slug: "relationships", name: "Relationships", sensitive: false),
        .init(slug: "identity-self-esteem", name: "Identity and self-esteem", sensitive: false),
        .init(slug: "sleep", name: "Sleep", sensitive: false),
        .init(slug: "substance-use", name: "Substance use", sensitive: true),
        .init(slug: "stress-burnout", name: "Stress and burnout", sensitive: false),
        .init(slug: "therapy-explained", name: "Therapy explained", sensitive: false),
        .init(slug: "suicide-prevention", name: "Suicide prevention", sensitive: true),
        .init(slug: "bipolar", name: "Bipolar disorder", sensitive: true),
        .init(slug: "self-harm-recovery", name: "Self-harm recovery", sensitive: true),
        .init(slug: "mindfulness", name: "Mindfulness and coping skills", sensitive: false),
        .init(slug: "parenting-family", name: "Parenting and family", sensitive: false),
        .init(slug: "lgbtq-wellbeing", name: "LGBTQ+ wellbeing", sensitive: false),
    ]
}

/// What an admin may name a topic, and the slug (its permanent id) made from the name.
public enum TopicRules {
    public static let maximumNameLength = 60

    public static func validateName(_ raw: String?) -> Result<String, FieldErrors> {
        let name = (raw ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if name.isEmpty { return .failure(FieldErrors("name", "Enter the topic's name.")) }
        if name.count > maximumNameLength {
            return .failure(FieldErrors("name", "A topic's name can be at most \(maximumNameLength) characters."))
        }
        return .success(name)
    }

    /// `Seasonal depression` → `seasonal-depression`; nil when nothing usable is left.
    public static func slug(from text: String) -> String? {
        var slug = ""
        for character in text.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? nil : String(slug.prefix(40))
    }
}
