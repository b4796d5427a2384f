import MindreelCore
import Testing

/// Word patterns, the classifiers' building block, and matching many of them at once.
@Suite("Word patterns")
struct WordPatternTests {
    static let classes: [String: Set<String>] = ["means": ["pills", "rope", "bridge"]]
    static let sources = [
        "want to die", "want|wish to ~2 die", "@means", "suicid*", "not? going to ~1 hurt myself", "~1 last post", "i have the @means",
    ]
    static let vocabulary = WordPattern.Vocabulary(sources: sources, classes: classes)
    static let patterns = sources.map { WordPattern($0, classes: classes, vocabulary: vocabulary) }

    func words(_ text: String) -> [String] { ClassifierText(text).words }

    func matches(_ source: String, _ text: String) -> [String] {
        let pattern = WordPattern(source, classes: Self.classes, vocabulary: Self.vocabulary)
        let words = words(text)
        return pattern.matches(in: words, ids: Self.vocabulary.ids(of: words), boundary: Self.vocabulary.boundary).map {
            words[$0].joined(separator: " ")
        }
    }

    @Test("alternatives, word classes, prefixes, gaps and optional parts; a match never crosses a sentence end")
    func parts() {
        #expect(matches("want|wish to ~2 die", "i wish to just die") == ["wish to just die"])
        #expect(matches("want|wish to ~2 die", "i want to. die") == [])
        #expect(matches("i have the @means", "i have the pills and i have the rope") == ["i have the pills", "i have the rope"])
        #expect(matches("suicid*", "Suicidal thoughts about suicide") == ["suicidal", "suicide"])
        #expect(matches("not? going to ~1 hurt myself", "im not going to hurt myself") == ["not going to hurt myself"])
        #expect(matches("not? going to ~1 hurt myself", "going to really hurt myself") == ["going to really hurt myself"])
    }

    @Test("a set of patterns finds exactly what each pattern finds alone, in pattern order")
    func setMatchesEachPattern() {
        let set = WordPatternSet(Self.patterns, vocabulary: Self.vocabulary)
        let texts = [
            "i want to die. i want to die tonight, i have the pills",
            "this is my last post. my last post. suicidal and i wish to not die",
            "not going to hurt myself, going to hurt myself, rope bridge pills",
            "", "nothing here at all", "last post",
        ]
        for text in texts {
            let words = words(text)
            let ids = Self.vocabulary.ids(of: words)
            let together = set.matches(in: words, ids: ids, boundary: Self.vocabulary.boundary).map { [$0.pattern, $0.range.lowerBound, $0.range.upperBound] }
            let alone = Self.patterns.enumerated().flatMap { index, pattern in
                pattern.matches(in: words, ids: ids, boundary: Self.vocabulary.boundary).map { [index, $0.lowerBound, $0.upperBound] }
            }
            #expect(together == alone, "\(text)")
        }
    }
}
