import Foundation

/// A word pattern, written as space-separated parts: `signs|symptoms` (any of), `diagnos*` (a
/// prefix), `@cond` (a named class), `~3` (up to three other words, within one sentence), a
/// trailing `?` (optional). Matching is anchored at a token and never crosses a sentence
/// boundary. Patterns are compiled against one `Vocabulary`, so that matching compares small
/// integers, not strings: the classifiers read thousands of lines a second. A class, so that
/// reading one out of a table does not copy its arrays.
public final class WordPattern: Sendable {
    /// Every word the patterns name, numbered; a text's words are looked up once.
    public struct Vocabulary: Sendable {
        let ids: [String: Int]
        var count: Int { ids.count }
        public let boundary: Int

        /// The words of all these pattern sources (their classes expanded).
        public init(sources: [String], classes: [String: Set<String>]) {
            var words: Set<String> = [ClassifierText.boundary]
            for source in sources {
                for part in source.split(separator: " ") where !part.hasPrefix("~") {
                    for alternative in part.trimmingCharacters(in: CharacterSet(charactersIn: "?")).split(separator: "|") {
                        if alternative.hasPrefix("@") {
                            words.formUnion(classes[String(alternative.dropFirst())] ?? [])
                        } else if !alternative.hasSuffix("*") {
                            words.insert(String(alternative))
                        }
                    }
                }
            }
            var ids: [String: Int] = [:]
            for (index, word) in words.sorted().enumerated() { ids[word] = index }
            self.ids = ids
            self.boundary = ids[ClassifierText.boundary] ?? 0
        }

        /// The text's words as ids (-1: a word no pattern names).
        public func ids(of words: [String]) -> [Int] { words.map { ids[$0] ?? -1 } }
    }

    /// Part `p` is a gap of `gaps[p]` words, or (when that is -1) a set of words: word `id`
    /// is in it when `table[p * width + id]`; some also take prefixes. One flat table, so that
    /// matching reads integers and booleans only.
    let gaps: [Int]
    let optional: [Bool]
    let prefixes: [[String]]
    let table: [Bool]
    let width: Int
    public let source: String

    public init(_ source: String, classes: [String: Set<String>], vocabulary: Vocabulary) {
        self.source = source
        let width = vocabulary.count
        var gaps: [Int] = []
        var optional: [Bool] = []
        var prefixes: [[String]] = []
        var table: [Bool] = []
        for raw in source.split(separator: " ") {
            var text = String(raw)
            var members = [Bool](repeating: false, count: width)
            if text.hasPrefix("~"), let count = Int(text.dropFirst()) {
                gaps.append(count)
                optional.append(false)
                prefixes.append([])
                table += members
                continue
            }
            let isOptional = text.hasSuffix("?")
            if isOptional { text.removeLast() }
            var starts: [String] = []
            for alternative in text.split(separator: "|") {
                if alternative.hasPrefix("@") {
                    guard let words = classes[String(alternative.dropFirst())] else { preconditionFailure("unknown word class \(alternative)") }
                    for word in words { if let id = vocabulary.ids[word] { members[id] = true } }
                } else if alternative.hasSuffix("*") {
                    starts.append(String(alternative.dropLast()))
                } else if let id = vocabulary.ids[String(alternative)] {
                    members[id] = true
                }
            }
            gaps.append(-1)
            optional.append(isOptional)
            prefixes.append(starts)
            table += members
        }
        self.gaps = gaps
        self.optional = optional
        self.prefixes = prefixes
        self.table = table
        self.width = width
    }

    /// Every match as the range of tokens it covers (the first at each start position).
    /// `ids` are `words` through the vocabulary the pattern was compiled with.
    public func matches(in words: [String], ids: [Int], boundary: Int) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var start = 0
        // Most starts fail on the first word: test it here, without the call.
        let quickFirst = !gaps.isEmpty && gaps[0] < 0 && !optional[0] && prefixes[0].isEmpty
        while start < ids.count {
            if quickFirst {
                let id = ids[start]
                if id < 0 || !table[id] {
                    start += 1
                    continue
                }
            }
            if ids[start] != boundary, let end = match(part: 0, at: start, words, ids, boundary) {
                found.append(start..<end)
                start = end
            } else {
                start += 1
            }
        }
        return found
    }

    /// The end of the match that starts at `position`, or nil.
    func match(at position: Int, _ words: [String], _ ids: [Int], _ boundary: Int) -> Int? {
        match(part: 0, at: position, words, ids, boundary)
    }

    /// Whether the first part is one plain set of words: such a pattern can only start at one of
    /// them, which `WordPatternSet` looks up instead of trying every word.
    var startsWithWords: Bool { !gaps.isEmpty && gaps[0] < 0 && !optional[0] && prefixes[0].isEmpty }

    /// Whether the first part takes the word numbered `id`.
    func starts(with id: Int) -> Bool { table[id] }

    private func match(part index: Int, at position: Int, _ words: [String], _ ids: [Int], _ boundary: Int) -> Int? {
        guard index < gaps.count else { return position }
        let most = gaps[index]
        if most >= 0 {
            var position = position
            for skipped in 0...most {
                if let end = match(part: index + 1, at: position, words, ids, boundary) { return end }
                guard skipped < most, position < ids.count, ids[position] != boundary else { return nil }
                position += 1
            }
            return nil
        }
        if position < ids.count {
            let id = ids[position]
            if (id >= 0 && table[index * width + id]) || (!prefixes[index].isEmpty && prefixes[index].contains(where: { words[position].hasPrefix($0) })) {
                if let end = match(part: index + 1, at: position + 1, words, ids, boundary) { return end }
            }
        }
        return optional[index] ? match(part: index + 1, at: position, words, ids, boundary) : nil
    }
}

/// Patterns compiled against one vocabulary and matched together. At each word only the patterns
/// that can start with it are tried (looked up by the word's id), so a text is read once for all
/// the rules instead of once per rule: most rules start with a word the text does not have.
public struct WordPatternSet: Sendable {
    public struct Match: Sendable {
        /// The pattern's index in `patterns`.
        public let pattern: Int
        public let range: Range<Int>
    }

    public let patterns: [WordPattern]
    /// The patterns that can start with word `id` are `starting[offsets[id]..<offsets[id + 1]]`.
    let offsets: [Int]
    let starting: [Int]
    /// Patterns whose first part is optional, a gap or a prefix: tried at every word.
    let anywhere: [Int]

    public init(_ patterns: [WordPattern], vocabulary: WordPattern.Vocabulary) {
        self.patterns = patterns
        var offsets: [Int] = [0]
        var starting: [Int] = []
        for id in 0..<vocabulary.count {
            for (index, pattern) in patterns.enumerated() where pattern.startsWithWords && pattern.starts(with: id) { starting.append(index) }
            offsets.append(starting.count)
        }
        self.offsets = offsets
        self.starting = starting
        self.anywhere = patterns.indices.filter { !patterns[$0].startsWithWords }
    }

    /// Every match of every pattern, in pattern order and then by position; like
    /// `WordPattern.matches`, a pattern's matches do not overlap (the first at each start wins).
    public func matches(in words: [String], ids: [Int], boundary: Int) -> [Match] {
        var found: [Match] = []
        // Where each pattern may next start: after the end of its last match.
        var next = [Int](repeating: 0, count: patterns.count)
        func attempt(_ pattern: Int, at position: Int) {
            guard position >= next[pattern], let end = patterns[pattern].match(at: position, words, ids, boundary) else { return }
            found.append(Match(pattern: pattern, range: position..<end))
            next[pattern] = max(end, position + 1)
        }
        for position in ids.indices where ids[position] != boundary {
            let id = ids[position]
            if id >= 0 {
                for slot in offsets[id]..<offsets[id + 1] { attempt(starting[slot], at: position) }
            }
            for pattern in anywhere { attempt(pattern, at: position) }
        }
        found.sort { ($0.pattern, $0.range.lowerBound) < ($1.pattern, $1.range.lowerBound) }
        return found
    }
}
