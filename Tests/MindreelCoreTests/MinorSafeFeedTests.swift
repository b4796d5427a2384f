import Foundation
import MindreelCore
import Testing

@Suite("For You for members under 18")
struct MinorSafeFeedTests {
    @Test("a member is a minor until the year they turn 18")
    func age() {
        #expect(AgePolicy.isMinor(birthYear: 2012, currentYear: 2026))
        #expect(AgePolicy.isMinor(birthYear: 2009, currentYear: 2026))
        #expect(!AgePolicy.isMinor(birthYear: 2008, currentYear: 2026))
        #expect(!AgePolicy.isMinor(birthYear: 2009, currentYear: 2027), "18 this year is no longer a minor")
    }

    @Test("a video with any sensitive topic is left out, whatever its other topics; the order is kept")
    func filter() {
        let ids = (0..<4).map { _ in UUID() }
        let topics: [UUID: Set<String>] = [
            ids[0]: ["sleep"], ids[1]: ["sleep", "depression"], ids[2]: ["suicide-prevention"], ids[3]: [],
        ]
        let kept = MinorSafeFeed.filter(ids.reversed(), topicsByVideo: topics, sensitiveTopics: ["depression", "suicide-prevention"])
        #expect(kept == [ids[3], ids[0]])
        #expect(MinorSafeFeed.filter(ids, topicsByVideo: topics, sensitiveTopics: []) == ids, "nothing sensitive, nothing left out")
    }
}
