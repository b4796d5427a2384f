/// Turns cue text into plain text, so that no markup from an uploaded caption file ever
/// reaches a page: not WebVTT's own tags (`<b>`, `<c.yellow>`, `<v Roger>`, `<00:00:01.000>`),
/// not HTML that someone hoped a page would render (`<script>`, `<img onerror=…>`).
///
/// Tags are removed, not escaped: a voice label or a colour class is presentation, and the
/// words are kept. The content of `<script>` and `<style>` is dropped with them. Entities are
/// decoded, and the result is stripped again, so `&lt;script&gt;` cannot come back as a tag.
/// What is left is text; rendering it as WebVTT escapes `&`, `<` and `>` once more.
public enum CaptionSanitizer {
    /// Plain text for one cue's text: no tags, entities decoded, control characters removed,
    /// each line trimmed, empty lines dropped.
    public static func plainText(_ cueText: String) -> String {
        var scalars = Array(cueText.unicodeScalars)
        scalars = stripTags(dropElements(scalars))
        scalars = decodeEntities(scalars)
        scalars = stripTags(dropElements(scalars))
        return normaliseLines(scalars)
    }

    /// The timestamps of `<00:00:01.500>` tags in raw cue text (karaoke-style timing), in order.
    static func innerTimestamps(_ cueText: String) -> [Int] {
        let scalars = Array(cueText.unicodeScalars)
        var found: [Int] = []
        var i = 0
        while i < scalars.count {
            if scalars[i] == "<", let close = scalars[i...].firstIndex(of: ">") {
                if let millis = CaptionTimestamp.parse(String(String.UnicodeScalarView(scalars[(i + 1)..<close]))) {
                    found.append(millis)
                }
                i = close + 1
            } else {
                i += 1
            }
        }
        return found
    }

    /// Removes `<script …>…</script>` and `<style …>…</style>` with their content (to the
    /// end of the text when never closed).
    static func dropElements(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        var i = 0
        outer: while i < s.count {
            for name in ["script", "style"] where s[i] == "<" && matches(s, at: i + 1, name) && isTagNameEnd(s, at: i + 1 + name.count) {
                var j = i + 1
                while j < s.count {
                    if s[j] == "<" && j + 1 < s.count && s[j + 1] == "/" && matches(s, at: j + 2, name) {
                        let close = s[j...].firstIndex(of: ">") ?? s.count - 1
                        i = close + 1
                        continue outer
                    }
                    j += 1
                }
                i = s.count
                continue outer
            }
            out.append(s[i])
            i += 1
        }
        return out
    }

    /// Removes everything that is or starts a tag: `<` followed by a letter, `/`, `!` or `?`
    /// up to the next `>` (or the end), and `<` + timestamp + `>`. A `<` that cannot start a
    /// tag ("I <3 this", "a < b") is text and stays.
    static func stripTags(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            guard s[i] == "<", i + 1 < s.count else {
                out.append(s[i])
                i += 1
                continue
            }
            let next = s[i + 1]
            let close = s[(i + 1)...].firstIndex(of: ">")
            if next.properties.isAlphabetic || next == "/" || next == "!" || next == "?" {
                i = (close ?? s.count - 1) + 1
            } else if next.properties.numericType != nil, let close,
                CaptionTimestamp.parse(String(String.UnicodeScalarView(s[(i + 1)..<close]))) != nil
            {
                i = close + 1
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }

    /// Decodes the entities WebVTT defines (`&amp; &lt; &gt; &quot; &apos; &nbsp; &lrm; &rlm;`)
    /// and numeric references; anything else starting with `&` is left as written.
    static func decodeEntities(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        let named: [String: Unicode.Scalar] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "lrm": "\u{200E}", "rlm": "\u{200F}",
        ]
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if s[i] == "&", let semicolon = s[i...].prefix(34).firstIndex(of: ";"), semicolon > i + 1 {
                let body = String(String.UnicodeScalarView(s[(i + 1)..<semicolon]))
                var decoded: Unicode.Scalar?
                if body.hasPrefix("#x") || body.hasPrefix("#X") {
                    decoded = UInt32(body.dropFirst(2), radix: 16).map(scalar)
                } else if body.hasPrefix("#") {
                    decoded = UInt32(body.dropFirst(), radix: 10).map(scalar)
                } else {
                    decoded = named[body]
                }
                if let decoded {
                    out.append(decoded)
                    i = semicolon + 1
                    continue
                }
            }
            out.append(s[i])
            i += 1
        }
        return out
    }

    /// A decoded number as a character; NUL, surrogates and out-of-range numbers become U+FFFD.
    private static func scalar(_ value: UInt32) -> Unicode.Scalar {
        guard value != 0, let scalar = Unicode.Scalar(value) else { return "\u{FFFD}" }
        return scalar
    }

    /// Tabs become spaces, other control characters go (they could hide text or break the
    /// WebVTT block structure), each line is trimmed and empty lines are dropped.
    static func normaliseLines(_ s: [Unicode.Scalar]) -> String {
        var cleaned = String.UnicodeScalarView()
        for scalar in s {
            if scalar == "\n" {
                cleaned.append(scalar)
            } else if scalar == "\t" {
                cleaned.append(" ")
            } else if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                continue
            } else {
                cleaned.append(scalar)
            }
        }
        return String(cleaned)
            .split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingSpaces() }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }

    private static func matches(_ s: [Unicode.Scalar], at index: Int, _ word: String) -> Bool {
        let letters = Array(word.unicodeScalars)
        guard index + letters.count <= s.count else { return false }
        for (offset, letter) in letters.enumerated() {
            let c = s[index + offset]
            guard c.isASCII, Character(c).lowercased() == String(letter) else { return false }
        }
        return true
    }

    private static func isTagNameEnd(_ s: [Unicode.Scalar], at index: Int) -> Bool {
        index >= s.count || !(s[index].properties.isAlphabetic || s[index].properties.numericType != nil)
    }
}

extension Substring {
    /// Without leading and trailing spaces (including no-break spaces).
    fileprivate func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
