import Foundation
import MindreelCore
import Testing

@Suite("Comment, profile and topic rules; the For You ranking")
struct EngagementRulesTests {
    @Test("comments are trimmed, and must have 1 to 2,000 characters")
    func comments() throws {
        #expect(try CommentRules.validate("  hello \n").get() == "hello")
        #expect(throws: FieldErrors.self) { try CommentRules.validate(" \n ").get() }
        #expect(throws: FieldErrors.self) { try CommentRules.validate(nil).get() }
        #expect(try CommentRules.validate(String(repeating: "é", count: 2000)).get().count == 2000)
        #expect(throws: FieldErrors.self) { try CommentRules.validate(String(repeating: "a", count: 2001)).get() }
    }

    @Test("profiles: a name, a bio up to 300 characters, up to three https links")
    func profiles() throws {
        let ok = try ProfileRules.validate(displayName: " Ana ", bio: "  Counsellor ", links: ["https://example.org/a", ""]).get()
        #expect(ok.displayName == "Ana" && ok.bio == "Counsellor" && ok.links.map(\.absoluteString) == ["https://example.org/a"])
        #expect(ProfileRules.label(for: URL(string: "https://www.example.org/about/")!) == "example.org/about")
        for links in [["javascript:alert(1)"], ["http://example.org"], ["https://localhost"], Array(repeating: "https://a.org", count: 4)] {
            guard case .failure(let errors) = ProfileRules.validate(displayName: "A", bio: nil, links: links) else {
                Issue.record("accepted \(links)")
                continue
            }
            #expect(errors["links"] != nil)
        }
        guard case .failure(let errors) = ProfileRules.validate(displayName: " ", bio: String(repeating: "b", count: 301), links: []) else {
            Issue.record("accepted an empty name")
            return
        }
        #expect(errors["display_name"] != nil && errors["bio"] != nil)
        #expect(ProfileRules.initials(of: "Ana (counsellor)") == "AC")
        #expect(ProfileRules.initials(of: "🙂") == "?")
    }

    @Test("topic names are tidied and slugs made from them")
    func topics() throws {
        #expect(try TopicRules.validateName("  Seasonal   depression ").get() == "Seasonal depression")
        #expect(throws: FieldErrors.self) { try TopicRules.validateName("   ").get() }
        #expect(TopicRules.slug(from: "LGBTQ+ wellbeing") == "lgbtq-wellbeing")
        #expect(TopicRules.slug(from: "!!!") == nil)
    }

    @Test("For You: fresher first, engagement lifts, a member's topics lift more, ties are stable")
    func ranking() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        func candidate(_ hoursOld: Double, likes: Int = 0, topics: Set<String> = ["sleep"]) -> ForYouRanking.Candidate {
            .init(id: UUID(), readyAt: now.addingTimeInterval(-hoursOld * 3600), likes: likes, comments: 0, views: 0, topics: topics)
        }
        let fresh = candidate(1)
        let old = candidate(24 * 7)
        let oldButLoved = candidate(24 * 7, likes: 300)
        let matching = candidate(12, topics: ["grief"])
        #expect(ForYouRanking.rank([old, fresh], now: now, preferredTopics: []) == [fresh, old])
        #expect(ForYouRanking.rank([old, oldButLoved], now: now, preferredTopics: []).first == oldButLoved)
        #expect(ForYouRanking.rank([fresh, matching], now: now, preferredTopics: ["grief"]).first == matching)
        #expect(ForYouRanking.rank([fresh, matching], now: now, preferredTopics: []).first == fresh)
        let score = ForYouRanking.score(candidate(0, likes: 1_000_000), now: now, preferredTopics: ["sleep"])
        #expect(score <= 2.4 + 1e-9, "popularity is capped, so no video runs away with the feed")
    }
}
