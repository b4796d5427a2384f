/// The first words of a text, for a line that points at it (a notification about a comment):
/// whitespace folded to single spaces, cut at a word boundary, with "…" when anything was cut.
public enum TextExcerpt {
    public static func firstWords(of text: String, maxCharacters: Int = 80) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        var excerpt = ""
        for word in words {
            let next = excerpt.isEmpty ? String(word) : excerpt + " " + word
            if next.count > maxCharacters {
                // One very long word (a link, say) is cut inside rather than shown as nothing.
                if excerpt.isEmpty { excerpt = String(word.prefix(maxCharacters - 1)) }
                return excerpt + "…"
            }
            excerpt = next
        }
        return excerpt
    }
}
