import Foundation

/// How search reads text: lower-case words of letters and digits, accents folded, so a query
/// can never carry syntax into the full-text engines (no quotes, operators or colons survive).
public enum SearchText {
    /// At most this many words of a query are used.
    public static let maximumTerms = 8
    public static let maximumTermLength = 40

    /// The words of a query or a document, in order, duplicates kept.
    public static func words(_ text: String) -> [String] {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
        var words: [String] = []
        var current = ""
        for character in folded {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.filter { $0.count <= maximumTermLength }
    }

    /// Words too common to help ("why can't I sleep" searches for "sleep").
    public static let stopWords: Set<String> = [
        "a", "an", "and", "are", "am", "as", "at", "be", "but", "by", "can", "cant", "do", "does", "dont", "for", "from", "how", "i", "if",
        "im", "in", "is", "it", "its", "me", "my", "of", "on", "or", "s", "so", "t", "that", "the", "this", "to", "what", "when", "why",
        "with", "you", "your",
    ]

    /// The distinct words of a query, in order, without stop words (unless nothing else is left),
    /// at most `maximumTerms`.
    public static func queryTerms(_ query: String) -> [String] {
        let all = words(query.hasPrefix("@") ? String(query.dropFirst()) : query)
        let meaningful = all.filter { !stopWords.contains($0) }
        var seen = Set<String>()
        var terms: [String] = []
        for word in (meaningful.isEmpty ? all : meaningful) where seen.insert(word).inserted {
            terms.append(word)
            if terms.count == maximumTerms { break }
        }
        return terms
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent swaps: "slepe" → "sleep" is 1).
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a)
        let y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previousPrevious = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[y.count]
    }

    /// How far a misspelling may be from the word meant: short words must be nearly right.
    public static func allowedDistance(for term: String) -> Int {
        switch term.count {
        case ..<3: return 0
        case 3...5: return 1
        default: return 2
        }
    }

    /// The known word closest to `term`, if one is close enough (ties go to the more common word).
    public static func correction(for term: String, among known: [(term: String, documents: Int)]) -> String? {
        let allowed = allowedDistance(for: term)
        guard allowed > 0 else { return nil }
        var best: (term: String, distance: Int, documents: Int)?
        for candidate in known where candidate.term != term && abs(candidate.term.count - term.count) <= allowed {
            let d = distance(term, candidate.term)
            guard d <= allowed else { continue }
            if best == nil || d < best!.distance || (d == best!.distance && candidate.documents > best!.documents) {
                best = (candidate.term, d, candidate.documents)
            }
        }
        return best?.term
    }
}

/// Ranks search matches: relevance from the full-text engine first, with a gentle boost for
/// recent and well-watched videos, so a strong match is never buried under a popular weak one.
public enum SearchRanking {
    public struct Match: Sendable, Equatable {
        public let id: UUID
        /// Higher is better; only the order within one query matters.
        public let relevance: Double
        public let readyAt: Date
        public let views: Int

        public init(id: UUID, relevance: Double, readyAt: Date, views: Int) {
            self.id = id
            self.relevance = relevance
            self.readyAt = readyAt
            self.views = views
        }
    }

    public static func score(_ match: Match, bestRelevance: Double, now: Date) -> Double {
        let relevance = bestRelevance > 0 ? match.relevance / bestRelevance : 0
        let ageDays = max(0, now.timeIntervalSince(match.readyAt)) / 86_400
        let recency = pow(0.5, ageDays / 30)
        let popularity = min(1, log1p(Double(match.views)) / log1p(10_000))
        return relevance + 0.1 * recency + 0.1 * popularity
    }

    public static func rank(_ matches: [Match], now: Date) -> [Match] {
        let best = matches.map(\.relevance).max() ?? 0
        return matches.map { ($0, score($0, bestRelevance: best, now: now)) }
            .sorted { a, b in a.1 != b.1 ? a.1 > b.1 : a.0.id.uuidString < b.0.id.uuidString }
            .map(\.0)
    }
}
