import Foundation

/// The For You feed's first ranking: fresh, popular and topic-matched videos first. A later
/// issue replaces it with a calibrated one; until then it is deliberately simple and explainable.
public enum ForYouRanking {
    public struct Candidate: Sendable, Equatable {
        public let id: UUID
        public let readyAt: Date
        public let likes: Int
        public let comments: Int
        public let views: Int
        public let topics: Set<String>

        public init(id: UUID, readyAt: Date, likes: Int, comments: Int, views: Int, topics: Set<String>) {
            self.id = id
            self.readyAt = readyAt
            self.likes = likes
            self.comments = comments
            self.views = views
            self.topics = topics
        }
    }

    /// Freshness halves every two days.
    public static let freshnessHalfLifeHours = 48.0
    /// Engagement at which popularity counts fully; beyond it, more does not help.
    public static let popularityCeiling = 1_000.0

    /// 0…2.4: freshness (0…1) + popularity (0…0.8) + a topic the member cares about (0 or 0.6).
    public static func score(_ candidate: Candidate, now: Date, preferredTopics: Set<String>) -> Double {
        let ageHours = max(0, now.timeIntervalSince(candidate.readyAt)) / 3600
        let freshness = pow(0.5, ageHours / freshnessHalfLifeHours)
        // A comment or a like says more than a view.
        let engagement = Double(candidate.views) + 3 * Double(candidate.likes) + 4 * Double(candidate.comments)
        let popularity = min(1, log1p(engagement) / log1p(popularityCeiling))
        let match = candidate.topics.isDisjoint(with: preferredTopics) ? 0.0 : 1.0
        return freshness + 0.8 * popularity + 0.6 * match
    }

    /// Highest score first; ties go to the newer video, then by id, so the order is total and stable.
    public static func rank(_ candidates: [Candidate], now: Date, preferredTopics: Set<String>) -> [Candidate] {
        candidates
            .map { (candidate: $0, score: score($0, now: now, preferredTopics: preferredTopics)) }
            .sorted { a, b in
                if a.score != b.score { return a.score > b.score }
                if a.candidate.readyAt != b.candidate.readyAt { return a.candidate.readyAt > b.candidate.readyAt }
                return a.candidate.id.uuidString > b.candidate.id.uuidString
            }
            .map(\.candidate)
    }
}
