import Foundation

/// Recent searches' ranked results, kept for half a minute: popular questions are asked again and
/// again, and ranking every match each time is most of a search's cost. Keyed by the query's
/// words, held only in this process's memory, never with who asked, and dropped whenever a video
/// changes.
actor SearchResultCache {
    struct Entry: Sendable {
        let madeAt: Date
        let ranked: [UUID]
        let corrected: String?
        let creators: [CreatorSummary]
        let topics: [SearchController.TopicHit]
    }

    static let lifetime: TimeInterval = 30
    static let capacity = 500

    private var entries: [String: Entry] = [:]

    func entry(_ key: String, now: Date) -> Entry? {
        guard let entry = entries[key], now.timeIntervalSince(entry.madeAt) < Self.lifetime, now >= entry.madeAt else { return nil }
        return entry
    }

    func keep(_ entry: Entry, for key: String) {
        if entries.count >= Self.capacity { entries.removeAll() }
        entries[key] = entry
    }

    func invalidate() {
        entries.removeAll()
    }
}
