import MindreelCore
import Testing

@Suite("First words of a comment")
struct TextExcerptTests {
    @Test("short texts are kept whole, with whitespace folded; long ones are cut at a word, with an ellipsis")
    func excerpts() {
        #expect(TextExcerpt.firstWords(of: "  This helped me\n\n  so much ") == "This helped me so much")
        let long = "I tried the breathing exercise before my exam and it actually helped, thank you for explaining it so clearly"
        let cut = TextExcerpt.firstWords(of: long, maxCharacters: 40)
        #expect(cut == "I tried the breathing exercise before my…")
        #expect(cut.count <= 41)
        #expect(TextExcerpt.firstWords(of: String(repeating: "a", count: 100), maxCharacters: 10) == "aaaaaaaaa…")
        #expect(TextExcerpt.firstWords(of: " \n ") == "")
    }
}
