import Foundation

/// Finds words in a handle, display name or bio that claim a licence ("LMFT", "I'm a therapist",
/// "Dr. Rivera") so that an account without a verified licence can be looked at by a moderator as
/// possible impersonation. It never acts by itself, so it leans towards asking: a moderator
/// dismisses a false alarm in seconds. Ordinary mentions of someone else's professional ("my
/// therapist says", "see a psychiatrist", "not a therapist") are left alone.
public enum CredentialClaims {
    /// Licence letters, matched as whole words in capitals (or as written on licences).
    static let licenceLetters: Set<String> = [
        "LMFT", "LCSW", "LICSW", "LMSW", "LPC", "LPCC", "LCPC", "LMHC", "PSYD", "PMHNP", "MFT", "LPCA", "LCMHC", "LMHP",
    ]
    /// Letters that are also ordinary words or degrees in other fields: claims only in capitals
    /// and next to a name (", MD", "MD," or at the end).
    static let capitalOnlyLetters: Set<String> = ["MD", "DO", "PHD", "RN", "NP"]
    /// Words for the professions a licence covers.
    static let professions: Set<String> = [
        "therapist", "psychotherapist", "psychologist", "psychiatrist", "counsellor", "counselor", "clinician", "psychoanalyst",
    ]
    /// Words before a profession that make it someone else's, or no one's.
    static let otherPeoples: Set<String> = [
        "my", "your", "his", "her", "their", "our", "ask", "see", "find", "finding", "seeing", "not", "no", "never", "any", "every",
        "to", "with", "want", "need", "needs", "call", "visit", "future", "aspiring", "former", "ex", "fake", "wannabe", "online",
        "without", "than", "like", "about", "from", "each", "for", "which", "what", "good", "great",
    ]
    /// Words before "a"/"an" that make the profession the writer's own.
    static let selfDescribing: Set<String> = ["i'm", "im", "i", "am", "as", "me", "being", "work", "working", "practicing", "practising", "licensed"]

    /// The words that claim a licence, as found (empty when nothing does). `handle` splits at
    /// `_` and digits.
    public static func find(handle: String = "", displayName: String = "", bio: String = "") -> [String] {
        var found: [String] = []
        func note(_ word: String) { if !found.contains(word) { found.append(word) } }
        let handleWords = handle.lowercased().split(whereSeparator: { $0 == "_" || $0 == "." || $0.isNumber }).map(String.init)
        for word in handleWords {
            if word == "dr" || professions.contains(word) || licenceLetters.contains(word.uppercased()) { note(word) }
        }
        for text in [displayName, bio] where !text.isEmpty {
            for claim in claims(in: text) { note(claim) }
        }
        return found
    }

    static func claims(in text: String) -> [String] {
        let tokens = tokenize(text)
        var found: [String] = []
        for (index, token) in tokens.enumerated() {
            let bare = token.word
            let lower = bare.lowercased()
            let upper = bare.uppercased()
            if licenceLetters.contains(upper) && (bare == upper || upper == "PSYD") {
                found.append(bare)
            } else if capitalOnlyLetters.contains(upper) && bare == upper && index > 0 && token.afterComma {
                // "Sam Lee, MD": letters after a name and a comma.
                found.append(bare)
            } else if lower == "dr." || (lower == "dr" && index + 1 < tokens.count && tokens[index + 1].word.first?.isUppercase == true) {
                if index + 1 < tokens.count, tokens[index + 1].word.first?.isUppercase == true {
                    found.append("\(bare) \(tokens[index + 1].word)")
                }
            } else if professions.contains(lower) && claimsProfession(at: index, tokens) {
                found.append(bare)
            }
        }
        return found
    }

    /// A profession word claims a licence unless the words before it give it to someone else.
    private static func claimsProfession(at index: Int, _ tokens: [Token]) -> Bool {
        let before = tokens[max(0, index - 3)..<index].map { $0.word.lowercased() }
        // "licensed therapist", "I'm a therapist", "Therapist | Sam": the writer's own.
        if before.last == "licensed" || before.last == "registered" || before.last == "certified" { return true }
        guard let previous = before.last else { return true }  // first word of the text
        if previous == "a" || previous == "an" {
            let earlier = before.dropLast().last
            guard let earlier else { return true }  // "A therapist who…" at the start
            return selfDescribing.contains(earlier)
        }
        if otherPeoples.contains(previous) { return false }
        if previous.hasSuffix("'s") || previous.hasSuffix("’s") { return false }  // "Sam's therapist"
        // After a sentence break or a separator ("Sam · therapist", "Mum. Therapist."): a title.
        if tokens[index].afterBreak { return true }
        // Other words before it ("trauma therapist", "family therapist in Ohio"): a description of
        // the writer unless it is plainly someone else's (handled above).
        return !before.contains(where: otherPeoples.contains)
    }

    struct Token {
        let word: String
        /// A comma just before this word.
        let afterComma: Bool
        /// A sentence end or separator (| · • - / newline) just before this word, or the start.
        let afterBreak: Bool
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = ""
        var comma = false
        var breaks = true
        func flush() {
            let word = current.trimmingCharacters(in: CharacterSet(charactersIn: "\"'“”‘’()[]!?:;"))
            if !word.isEmpty { tokens.append(Token(word: word, afterComma: comma, afterBreak: breaks)) }
            if !current.isEmpty { comma = false; breaks = false }
            current = ""
        }
        for character in text {
            if character.isWhitespace {
                flush()
                if character.isNewline { breaks = true }
            } else if character == "," {
                flush()
                comma = true
            } else if "|·•/–—-".contains(character) && current.isEmpty {
                breaks = true
            } else if character == "." && current.lowercased() != "dr" && !current.isEmpty {
                flush()
                breaks = true
            } else {
                current.append(character)
            }
        }
        flush()
        return tokens
    }
}
