import Foundation

/// Text as the safety classifiers read it: lower-case words without accents, the internet's
/// spellings brought to one form ("u" → "you", "ur" → "ur", which means both "your" and "you
/// are", "isnt" → "is not"), contractions opened, and sentence ends kept as a boundary that word
/// patterns do not cross. Each word knows whether it sat inside double quotes, so a phrase that
/// is being talked about ("those “signs you have ADHD” videos") is told from one that is said.
public struct ClassifierText: Sendable {
    public struct Token: Sendable, Equatable {
        public let word: String
        public let quoted: Bool
    }

    /// Marks the end of a sentence, a line or a list item.
    public static let boundary = "|"

    public let tokens: [Token]
    /// The hashtags, without `#`, lower-case.
    public let hashtags: [String]

    public init(_ text: String, hashtags extra: [String] = []) {
        var tokens: [Token] = []
        var tags: [String] = extra.map { $0.lowercased() }
        var word = ""
        // Whether every letter of the word so far was a capital: DID is dissociative identity
        // disorder, "did" a verb (ADD and ED likewise); lower case would lose the difference.
        var capitals = true
        var quoted = false
        var inHashtag = false
        func flush() {
            guard !word.isEmpty else { return }
            if inHashtag {
                tags.append(word)
            } else if capitals, let meaning = Self.abbreviations[word] {
                tokens.append(Token(word: meaning, quoted: quoted))
            } else {
                for piece in Self.expand(word) { tokens.append(Token(word: piece, quoted: quoted)) }
            }
            word = ""
            capitals = true
            inHashtag = false
        }
        func boundary() {
            flush()
            if let last = tokens.last, last.word == Self.boundary { return }
            if !tokens.isEmpty { tokens.append(Token(word: Self.boundary, quoted: false)) }
        }
        // Plain ASCII (most text) is read as it is; anything else loses its accents first.
        let plain = text.utf8.allSatisfy { $0 < 0x80 }
        let accented = !plain && text.unicodeScalars.contains { (0xC0...0x24F).contains($0.value) }
        let scalars = Array((accented ? text.folding(options: [.diacriticInsensitive], locale: nil) : text).unicodeScalars)
        for (index, original) in scalars.enumerated() {
            var scalar = original
            if ("A"..."Z").contains(scalar) {
                scalar = Unicode.Scalar(scalar.value + 32)!
            } else if scalar.value >= 0x80, accented, scalar.properties.isUppercase,
                let lower = scalar.properties.lowercaseMapping.unicodeScalars.first
            {
                scalar = lower
                capitals = false
            } else if ("a"..."z").contains(scalar) {
                capitals = false
            }
            switch scalar {
            case "o" where word == "without" && index > 0 && scalars[index - 1] == "/":
                break
            case "a"..."z", "0"..."9":
                word.unicodeScalars.append(scalar)
            case "/" where word == "w" && index + 1 < scalars.count && (scalars[index + 1] == "o" || scalars[index + 1] == "O"):
                // "w/o": without.
                word = "without"
                capitals = false
            case "'", "\u{2019}", "\u{2018}", "`":
                // Inside a word ("you're") an apostrophe; at a word's start or end a single quote
                // mark, which quotes like a double one ('signs you have adhd' videos).
                let nextIsLetter = index + 1 < scalars.count && CharacterSet.alphanumerics.contains(scalars[index + 1])
                if !word.isEmpty && nextIsLetter {
                    word.append("'")
                } else if !word.isEmpty {
                    flush()
                    quoted = false
                } else if nextIsLetter {
                    quoted = true
                }
            case "\u{2260}":
                // "moodiness ≠ bipolar": not.
                flush()
                tokens.append(Token(word: "not", quoted: quoted))
            case "=", "\u{2192}", "\u{21D2}", "\u{27A1}":
                // "7/10 = get checked", "3+ = anxious attachment", "chewing → misophonia": a
                // verdict.
                flush()
                tokens.append(Token(word: "equals", quoted: quoted))
            case "#":
                flush()
                inHashtag = true
            case "\"", "\u{201C}", "\u{201D}", "\u{00AB}", "\u{00BB}":
                flush()
                quoted.toggle()
            case ".", "!", "?", ";", "\n", "\r", "\u{2022}", "\u{2026}":
                boundary()
                if scalar == "\n" { quoted = false }
            case "-":
                // "c-ptsd", "self-diagnosed": one word; a dash between spaces is a pause.
                if word.isEmpty { flush() } else { word.append("-") }
            case "*" where !word.isEmpty && index + 1 < scalars.count && CharacterSet.letters.contains(scalars[index + 1]):
                // "s*icide", "k*ll": a word written around a filter keeps its star.
                word.append("*")
                capitals = false
            case _ where Self.emoji[scalar.value] != nil:
                // The few emoji that stand for words in crisis talk (🪦 💊 🌉), and laughter.
                flush()
                tokens.append(Token(word: Self.emoji[scalar.value]!, quoted: quoted))
            default:
                flush()
            }
        }
        flush()
        self.tokens = tokens.compactMap { token in
            // "cant-" or "'em": the marks at a word's ends are not part of it.
            guard let first = token.word.utf8.first, let last = token.word.utf8.last else { return nil }
            let isMark = { (byte: UInt8) in byte == 0x27 || byte == 0x2D }
            guard isMark(first) || isMark(last) else { return token }
            let bytes = token.word.utf8.drop(while: isMark).reversed().drop(while: isMark).reversed()
            return bytes.isEmpty ? nil : Token(word: String(decoding: Array(bytes), as: UTF8.self), quoted: token.quoted)
        }
        self.hashtags = tags
        self.words = self.tokens.map(\.word)
    }

    /// The tokens' words, kept once: every rule's context check reads them.
    public let words: [String]

    /// One written word as the words it stands for.
    static func expand(_ word: String) -> [String] {
        if let known = spellings[word] { return known }
        // Only a word with an apostrophe (always written "'" by now) can be a contraction.
        guard word.utf8.contains(0x27) else { return [word] }
        if word.hasSuffix("n't") { return [notStem(String(word.dropLast(3))), "not"] }
        if word.hasSuffix("'re") { return [String(word.dropLast(3)), "are"] }
        if word.hasSuffix("'ve") { return [String(word.dropLast(3)), "have"] }
        if word.hasSuffix("'ll") { return [String(word.dropLast(3)), "will"] }
        if word.hasSuffix("'m") { return [String(word.dropLast(2)), "am"] }
        if word.hasSuffix("'d") { return [String(word.dropLast(2)), "would"] }
        if word.hasSuffix("'s") {
            let stem = String(word.dropLast(2))
            return ["it", "that", "what", "there", "he", "she", "who", "this", "here"].contains(stem) ? [stem, "is"] : [stem]
        }
        return [word]
    }

    private static func notStem(_ stem: String) -> String {
        switch stem {
        case "wo": return "will"
        case "ca": return "can"
        case "ai": return "is"
        default: return stem
        }
    }

    /// Emoji read as words: the community's codes for death, means and places, and laughter
    /// (💀 is "I'm dead" as in laughing).
    static let emoji: [UInt32: String] = [
        0x1FAA6: "emoji-headstone", 0x26B0: "emoji-coffin", 0x1F48A: "emoji-pill", 0x1F52A: "emoji-knife", 0x1F52B: "emoji-gun",
        0x1F309: "emoji-bridge", 0x1FA78: "emoji-blood", 0x1FAA2: "emoji-knot", 0x1F602: "emoji-laugh", 0x1F923: "emoji-laugh",
        0x1F480: "emoji-laugh", 0x1F62D: "emoji-crying", 0x1FA79: "emoji-bandage", 0x1F993: "emoji-zebra",
    ]

    /// Conditions whose abbreviation, written in lower case, is an everyday word.
    static let abbreviations = ["did": "dissociative-identity", "add": "add-adhd", "ed": "eating-disorder"]

    /// Spellings of the internet and words written without their apostrophe.
    static let spellings: [String: [String]] = [
        // "ur" is "your" and "you are" at once: "you" then "ur", which the patterns read as
        // either (`ur` is in both the your-words and the be-words).
        "ur": ["you", "ur"], "u": ["you"], "ya": ["you"], "yu": ["you"], "yall": ["you"], "y'all": ["you"], "youre": ["you", "are"], "yur": ["your"],
        "yours": ["your"], "r": ["are"], "im": ["i", "am"], "ive": ["i", "have"], "id": ["i", "would"], "ill": ["ill"],
        "isnt": ["is", "not"], "arent": ["are", "not"], "wasnt": ["was", "not"], "dont": ["do", "not"], "doesnt": ["does", "not"],
        "didnt": ["did", "not"], "cant": ["can", "not"], "cannot": ["can", "not"], "wont": ["will", "not"], "aint": ["is", "not"],
        "shouldnt": ["should", "not"], "couldnt": ["could", "not"], "wouldnt": ["would", "not"], "havent": ["have", "not"],
        "hasnt": ["has", "not"], "thats": ["that", "is"], "whats": ["what", "is"], "theres": ["there", "is"], "its": ["it", "is"],
        "it's": ["it", "is"], "prob": ["probably"], "probs": ["probably"], "def": ["definitely"], "defo": ["definitely"],
        "deffo": ["definitely"], "rlly": ["really"], "rly": ["really"], "ppl": ["people"], "bc": ["because"], "cuz": ["because"],
        "coz": ["because"], "cos": ["because"], "tho": ["though"], "w": ["with"], "ngl": ["honestly"], "tbh": ["honestly"],
        "fr": ["really"], "lowkey": ["maybe"], "mum": ["mom"], "mam": ["mom"], "ma": ["mom"], "mommy": ["mom"], "mother": ["mom"],
        "realize": ["realise"], "realized": ["realised"], "realizing": ["realising"], "gotta": ["got", "to"], "gonna": ["going", "to"],
        "wanna": ["want", "to"], "wana": ["want", "to"], "wnat": ["want"], "wan": ["want"], "imma": ["i", "am", "going", "to"],
        "ima": ["i", "am", "going", "to"], "gunna": ["going", "to"], "tonite": ["tonight"], "2nite": ["tonight"], "2night": ["tonight"],
        "myslef": ["myself"], "meself": ["myself"], "dnt": ["do", "not"], "dont't": ["do", "not"], "anymor": ["anymore"],
        "nomore": ["anymore"], "evry1": ["everyone"], "every1": ["everyone"], "some1": ["someone"], "b": ["be"], "n": ["and"],
        "&": ["and"], "yr": ["your"], "bf": ["boyfriend"], "gf": ["girlfriend"],
    ]
}
