/// Mindreel's community guidelines: the numbered sections that `/guidelines` shows and that
/// every moderation decision cites. A section's number and id never change once published (a
/// decision names it); its words may be improved.
public enum CommunityGuidelines {
    public struct Section: Sendable, Equatable, Identifiable {
        /// 1, 2, …: what people see and cite ("section 4").
        public let number: Int
        /// A stable id for the API and the database: `self_harm_details`, …
        public let id: String
        public let title: String
        /// One sentence: the rule.
        public let rule: String
        /// What it covers and what it does not, in plain words.
        public let explanation: [String]
    }

    public static func section(id: String) -> Section? { sections.first { $0.id == id } }

    public static func section(number: Int) -> Section? { sections.first { $0.number == number } }

    public static let sections: [Section] = [
        Section(
            number: 1, id: "self_harm_details", title: "No method or means details for suicide or self-harm",
            rule: "Do not describe, show or ask about how to end a life or hurt yourself: methods, means, amounts or places.",
            explanation: [
                "Talking about suicidal feelings, self-harm urges or recovery is welcome here. Saying that you are struggling is never against the rules, and nobody is removed for asking for help.",
                "What is not allowed is detail that could help someone act: a method, a means, an amount, a place, or a how-to. Scars and wounds are not shown in close-up.",
                "If you are in danger now, call or text your local crisis line (listed at the foot of every page).",
            ]),
        Section(
            number: 2, id: "disordered_eating", title: "Nothing that promotes disordered eating",
            rule: "Do not encourage restricting, purging or over-exercising, share 'thinspiration' or body checks, or give very low calorie targets.",
            explanation: [
                "Recovery stories, how an eating disorder feels, and where to get help are welcome.",
                "Weights, calorie counts and before-and-after pictures used to compare bodies are not, and neither are tips for hiding an eating disorder from others.",
            ]),
        Section(
            number: 3, id: "professional_claims", title: "No claims to be a licensed professional without verification",
            rule:
                "Do not say or suggest that you are a therapist, counsellor, psychologist, psychiatrist or other licensed clinician unless Mindreel has verified your licence.",
            explanation: [
                "Viewers trust a professional more, so the claim has to be true. A verified licence shows a badge that anyone can trace to the board that issued it.",
                "You can always speak from your own experience, or as a student or peer supporter, if you say so.",
            ]),
        Section(
            number: 4, id: "cures_and_treatments", title: "No selling of cures or unproven treatments",
            rule: "Do not sell, or send people to buy, anything presented as curing or treating a mental-health condition without good evidence.",
            explanation: [
                "Supplements, courses, devices or programmes that promise to cure depression, anxiety, ADHD or any other condition are not allowed, and neither is telling people to stop prescribed treatment.",
                "Sharing what helped you, or discussing research with its sources, is fine when it is not a sales pitch.",
            ]),
        Section(
            number: 5, id: "harassment_and_hate", title: "No harassment or hate",
            rule: "Do not insult, threaten, mock or pile on a person, or attack people for who they are.",
            explanation: [
                "This includes mocking someone's diagnosis or symptoms, telling someone to hurt themselves, and attacks on race, ethnicity, religion, disability, sex, gender identity, sexual orientation or age.",
                "Disagreeing with an idea, politely, is not harassment.",
            ]),
        Section(
            number: 6, id: "private_information", title: "No sharing of someone else's private health information",
            rule: "Do not share another person's diagnosis, treatment, health records or identifying details without their consent.",
            explanation: [
                "This covers clients, patients, family, friends and strangers alike: a clinician never shares a client's story in a way that could identify them.",
                "Your own story is yours to tell.",
            ]),
        Section(
            number: 7, id: "spam", title: "No spam",
            rule: "Do not post repetitive, misleading or automated content, fake engagement, or links made to drive traffic.",
            explanation: [
                "This includes follow-for-follow schemes, the same comment on many videos, and misleading captions or hashtags."
            ]),
    ]
}
