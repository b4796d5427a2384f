import Fluent
import Foundation
import MindreelCore
import NIOCore
import SQLKit

/// The For You candidates (the newest listed videos with what ranking needs), read with SQLKit
/// into plain values, and kept for a few seconds: every request in that window ranks the same
/// snapshot instead of reading a thousand rows again. A cursor names its snapshot, so the next
/// page continues the same order.
actor ForYouCandidateCache {
    struct Snapshot: Sendable {
        let asOf: Date
        let candidates: [ForYouRanking.Candidate]
        /// The order for someone with no topic preferences (visitors, most new members).
        let neutralOrder: [UUID]
        /// The topics marked sensitive when the snapshot was made: For You leaves videos with
        /// one of them out for members under 18 (`MinorSafeFeed`).
        let sensitiveTopics: Set<String>
        /// Each candidate's creator: a member's page leaves out those hidden by a block.
        let owners: [UUID: UUID]
    }

    /// What a snapshot is made from.
    struct Loaded: Sendable {
        let candidates: [ForYouRanking.Candidate]
        let sensitiveTopics: Set<String>
        let owners: [UUID: UUID]
    }

    /// How long a snapshot answers new first pages. New and removed videos show within this.
    static let lifetime: TimeInterval = 10
    /// Snapshots kept for cursors (a minute of scrolling).
    static let kept = 6

    private var snapshots: [Snapshot] = []
    private var building: Task<Snapshot, any Error>?
    /// Visitors' pages as sent (JSON), per snapshot, offset and limit: every visitor in a
    /// snapshot's lifetime gets the same page, so it is made once.
    private var visitorPages: [String: ByteBuffer] = [:]

    static func pageKey(_ snapshot: Snapshot, offset: Int, limit: Int) -> String {
        "\(snapshot.asOf.timeIntervalSince1970)|\(offset)|\(limit)"
    }

    func visitorPage(_ key: String) -> ByteBuffer? { visitorPages[key] }

    /// Orders for sets of preferred topics, per snapshot: members who care about the same
    /// topics share one ranking.
    private var orders: [String: [UUID]] = [:]

    /// The order for these preferred topics; for a member under 18 (`minor`), without the
    /// videos that have a sensitive topic.
    func order(for snapshot: Snapshot, preferring topics: Set<String>, minor: Bool = false) -> [UUID] {
        if topics.isEmpty && !minor { return snapshot.neutralOrder }
        let key = "\(snapshot.asOf.timeIntervalSince1970)|\(minor ? "minor" : "all")|" + topics.sorted().joined(separator: ",")
        if let order = orders[key] { return order }
        var order = topics.isEmpty ? snapshot.neutralOrder : ForYouRanking.rank(snapshot.candidates, now: snapshot.asOf, preferredTopics: topics).map(\.id)
        if minor {
            let topicsByVideo = Dictionary(uniqueKeysWithValues: snapshot.candidates.map { ($0.id, $0.topics) })
            order = MinorSafeFeed.filter(order, topicsByVideo: topicsByVideo, sensitiveTopics: snapshot.sensitiveTopics)
        }
        if orders.count > 1_000 { orders.removeAll() }
        orders[key] = order
        return order
    }

    /// Each member's preferred topics (their picks and what they liked lately), for a short while.
    private var preferences: [UUID: (madeAt: Date, topics: Set<String>)] = [:]
    static let preferenceLifetime: TimeInterval = 30

    func preferences(of userID: UUID, now: Date) -> Set<String>? {
        guard let kept = preferences[userID], now.timeIntervalSince(kept.madeAt) < Self.preferenceLifetime, now >= kept.madeAt else { return nil }
        return kept.topics
    }

    func keepPreferences(_ topics: Set<String>, of userID: UUID, now: Date) {
        if preferences.count > 10_000 { preferences.removeAll() }
        preferences[userID] = (now, topics)
    }

    /// A member picked topics or liked a video: their next page ranks with what they said.
    func forgetPreferences(of userID: UUID) {
        preferences[userID] = nil
    }

    /// An item as everyone sees it, encoded for members' pages (see `FeedPageJSON`).
    struct EncodedItem: Sendable {
        let ownerID: UUID
        let openJSON: [UInt8]
        let madeAt: Date
    }

    /// Encoded items by video, each for a snapshot's lifetime: counts on members' pages are at
    /// most that old, except that a like, save or comment in this process is seen at once.
    private var encodedItems: [UUID: EncodedItem] = [:]

    func encodedItems(_ ids: [UUID], now: Date) -> [UUID: EncodedItem] {
        var found: [UUID: EncodedItem] = [:]
        for id in ids {
            if let item = encodedItems[id], now.timeIntervalSince(item.madeAt) < Self.lifetime, now >= item.madeAt { found[id] = item }
        }
        return found
    }

    func keepEncodedItems(_ items: [UUID: EncodedItem]) {
        // Bounded: pages come from at most a few snapshots' candidates.
        if encodedItems.count > 5_000 { encodedItems.removeAll() }
        encodedItems.merge(items) { _, new in new }
    }

    /// A video's counts changed (a like, save or comment): its next page shows the new ones.
    func forgetItem(_ videoID: UUID) {
        encodedItems[videoID] = nil
    }

    func keepVisitorPage(_ body: ByteBuffer, key: String) {
        // Bounded: a visitor paging far down makes at most a few hundred entries a snapshot.
        if visitorPages.count > 2_000 { visitorPages.removeAll() }
        visitorPages[key] = body
    }

    /// The snapshot a cursor named, or a fresh-enough one for a first page.
    func snapshot(asOf requested: Date?, now: Date, load: @escaping @Sendable (Date) async throws -> Loaded) async throws -> Snapshot {
        if let requested {
            if let kept = snapshots.first(where: { $0.asOf == requested }) { return kept }
            return try await build(asOf: requested, load: load)
        }
        if let newest = snapshots.last, now.timeIntervalSince(newest.asOf) < Self.lifetime, now >= newest.asOf { return newest }
        // One rebuild at a time: concurrent requests wait for it rather than each reading again.
        if let building { return try await building.value }
        let task = Task { try await self.build(asOf: now, load: load) }
        building = task
        defer { building = nil }
        return try await task.value
    }

    /// Forgets every snapshot (a video became ready, was deleted or removed, or a topic was
    /// marked sensitive or not, in this process).
    func invalidate() {
        snapshots.removeAll()
        encodedItems.removeAll()
        visitorPages.removeAll()
        orders.removeAll()
    }

    private func build(asOf: Date, load: @Sendable (Date) async throws -> Loaded) async throws -> Snapshot {
        let loaded = try await load(asOf)
        let neutral = ForYouRanking.rank(loaded.candidates, now: asOf, preferredTopics: []).map(\.id)
        let snapshot = Snapshot(
            asOf: asOf, candidates: loaded.candidates, neutralOrder: neutral, sensitiveTopics: loaded.sensitiveTopics, owners: loaded.owners)
        snapshots.removeAll { $0.asOf == asOf }
        snapshots.append(snapshot)
        snapshots.sort { $0.asOf < $1.asOf }
        if snapshots.count > Self.kept {
            snapshots.removeFirst(snapshots.count - Self.kept)
            let live = Set(snapshots.map { "\($0.asOf.timeIntervalSince1970)|" })
            visitorPages = visitorPages.filter { key, _ in live.contains { key.hasPrefix($0) } }
        }
        return snapshot
    }
}

enum ForYouCandidates {
    /// The candidates as of `asOf` and the topics marked sensitive now.
    static func loadSnapshot(asOf: Date, limit: Int, on db: any Database) async throws -> ForYouCandidateCache.Loaded {
        let sensitive = try await Topic.query(on: db).filter(\.$sensitive == true).all().compactMap(\.id)
        let (candidates, owners) = try await load(asOf: asOf, limit: limit, on: db)
        return .init(candidates: candidates, sensitiveTopics: Set(sensitive), owners: owners)
    }

    /// The newest `limit` listed videos ready by `asOf`, with their public counts and topics
    /// (from `VideoFacts`): five queries, whatever the catalogue's size.
    static func load(asOf: Date, limit: Int, on db: any Database) async throws -> (
        candidates: [ForYouRanking.Candidate], owners: [UUID: UUID]
    ) {
        let sql = db as! any SQLDatabase
        let rows = try await sql.select()
            .column("id").column("ready_at").column("view_count").column("owner_id")
            .from("videos")
            .where("processing_state", .equal, ProcessingState.ready.rawValue)
            .where("publication_state", .equal, PublicationState.published.rawValue)
            .where("visibility", .equal, Visibility.public.rawValue)
            .where("ready_at", .lessThanOrEqual, asOf)
            .orderBy("ready_at", .descending)
            .limit(limit)
            .all()
        struct Row {
            let id: UUID
            let readyAt: Date
            let views: Int
            let ownerID: UUID
        }
        let videos = try rows.map {
            Row(
                id: try $0.decode(column: "id", as: UUID.self), readyAt: try $0.decode(column: "ready_at", as: Date.self),
                views: try $0.decode(column: "view_count", as: Int.self), ownerID: try $0.decode(column: "owner_id", as: UUID.self))
        }
        guard !videos.isEmpty else { return ([], [:]) }
        let facts = try await VideoFacts.load(for: videos.map(\.id), on: db)
        let candidates = videos.map {
            ForYouRanking.Candidate(
                id: $0.id, readyAt: $0.readyAt, likes: facts.likes[$0.id] ?? 0, comments: facts.comments[$0.id] ?? 0, views: $0.views,
                topics: Set(facts.topics[$0.id] ?? []))
        }
        return (candidates, Dictionary(uniqueKeysWithValues: videos.map { ($0.id, $0.ownerID) }))
    }
}
