import Foundation
import MindreelCore
import Testing

@Suite("Search text: words, spelling distance, corrections and ranking")
struct SearchTextTests {
    @Test("queries become plain lower-case words without syntax or stop words")
    func words() {
        #expect(SearchText.queryTerms("Why can't I SLEEP?") == ["sleep"])
        #expect(SearchText.queryTerms("\"anx\"* OR NEAR(") == ["anx", "near"])
        #expect(SearchText.queryTerms("<script>alert(1)</script>") == ["script", "alert", "1"])
        #expect(SearchText.queryTerms("@demo_ana") == ["demo", "ana"])
        #expect(SearchText.queryTerms("Café naïve") == ["cafe", "naive"])
        #expect(SearchText.queryTerms("the") == ["the"], "only stop words: they are searched rather than nothing")
        #expect(SearchText.queryTerms(String(repeating: "word ", count: 20)).count == 1)
    }

    @Test("distance counts edits and swaps; corrections pick the closest, most common word")
    func corrections() {
        #expect(SearchText.distance("slep", "sleep") == 1)
        #expect(SearchText.distance("anxeity", "anxiety") == 1)
        #expect(SearchText.distance("kitten", "sitting") == 3)
        let known = [("sleep", 40), ("step", 3), ("slept", 2), ("anxiety", 10)]
        #expect(SearchText.correction(for: "slep", among: known) == "sleep")
        #expect(SearchText.correction(for: "anxeity", among: known) == "anxiety")
        #expect(SearchText.correction(for: "ab", among: [("ad", 5)]) == nil, "two letters are too short to guess")
        #expect(SearchText.correction(for: "zzzzzz", among: known) == nil)
    }

    @Test("ranking: relevance leads; recency and views only break near-ties")
    func ranking() {
        let now = Date(timeIntervalSince1970: 10_000_000)
        let strongOld = SearchRanking.Match(id: UUID(), relevance: 10, readyAt: now.addingTimeInterval(-400 * 86_400), views: 0)
        let weakPopular = SearchRanking.Match(id: UUID(), relevance: 5, readyAt: now, views: 1_000_000)
        let tieNew = SearchRanking.Match(id: UUID(), relevance: 10, readyAt: now, views: 0)
        #expect(SearchRanking.rank([weakPopular, strongOld], now: now) == [strongOld, weakPopular])
        #expect(SearchRanking.rank([strongOld, tieNew], now: now) == [tieNew, strongOld])
    }
}
