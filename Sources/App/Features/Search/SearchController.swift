import Fluent
import Foundation
import MindreelCore
import SQLKit
import Vapor

/// `GET /api/v1/search?q=` and the `/search` page: videos (caption, transcript, hashtags),
/// creators and topics. Queries are answered and forgotten: nothing stores them, with the
/// account or otherwise, and no log line carries them.
struct SearchController: RouteCollection {
    /// Matches ranked per query; deeper pages are rarely useful.
    static let candidates = 200

    struct TopicHit: Content, Sendable {
        let id: String
        let name: String
        let url: String
    }

    struct Results: Content {
        let query: String
        /// The query as corrected when the words typed found nothing; nil otherwise.
        let correctedQuery: String?
        let videos: APIPage<FeedItem>
        let creators: [CreatorSummary]
        let topics: [TopicHit]
        /// Set when the query reads as crisis language: its level, whether it names a method
        /// (then `videos` is empty), and the caller's help lines to show above the results.
        let crisis: CrisisInfo?

        struct CrisisInfo: Content {
            let level: String
            let means: Bool
            let resources: CrisisHelpController.Listing
        }

        enum CodingKeys: String, CodingKey {
            case query, correctedQuery, videos, creators, topics, crisis
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(query, forKey: .query)
            try container.encode(correctedQuery, forKey: .correctedQuery)
            try container.encode(videos, forKey: .videos)
            try container.encode(creators, forKey: .creators)
            try container.encode(topics, forKey: .topics)
            try container.encode(crisis, forKey: .crisis)
        }
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let query: String
        let correctedQuery: String?
        let searched: Bool
        let videos: [ProfilePagesController.GridVideo]
        let creators: [CreatorSummary]
        let topics: [TopicHit]
        let nextPageURL: String?
        /// The help lines above the results, for a query in crisis language.
        var crisisPanel: CrisisPanel? = nil
        /// A query that names a method: no videos, only the help lines.
        var withheld = false
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "search", use: api)
        routes.get("search", use: page)
    }

    func api(req: Request) async throws -> Results {
        let query = Self.typed(req)
        guard !query.isEmpty, query.count <= 200 else {
            throw HTTPProblem(.badRequest, field: "q", detail: "Type what to search for (at most 200 characters).")
        }
        let limit = try FeedController.limit(req.query[String.self, at: "limit"])
        let results = try await Self.withoutBlocked(try await Self.ranked(query, req: req), req: req)
        let crisis = try await CrisisSearch.apply(to: query, ranked: results.ranked, req: req)
        let offset = try Self.offset(req)
        let pageIDs = Array(crisis.ranked.dropFirst(offset).prefix(limit))
        let items = try await FeedPageLoader.load(pageIDs, viewerID: req.account?.userID, now: req.mindreel.now, on: req.db as! any SQLDatabase)
        let next = offset + limit < crisis.ranked.count ? RankedCursor(asOf: req.mindreel.now, offset: offset + limit).encoded : nil
        let listing = req.mindreel.crisisResources.listing(for: CrisisRegionChoice.region(for: req))
        return Results(
            query: query, correctedQuery: results.corrected, videos: .init(items: items, nextCursor: next),
            creators: offset == 0 && !crisis.withholdsVideos ? results.creators : [], topics: offset == 0 ? results.topics : [],
            crisis: crisis.showsPanel
                ? .init(
                    level: crisis.result.level.rawValue, means: crisis.result.means,
                    resources: CrisisHelpController.listing(listing)) : nil)
    }

    func page(req: Request) async throws -> View {
        let query = String(Self.typed(req).prefix(200))
        guard !query.isEmpty else {
            return try await req.view.render(
                "search/index",
                Page(
                    layout: LayoutContext(request: req, title: "Search"), query: "", correctedQuery: nil, searched: false, videos: [],
                    creators: [], topics: [], nextPageURL: nil))
        }
        let results = try await Self.withoutBlocked(try await Self.ranked(query, req: req), req: req)
        let crisis = try await CrisisSearch.apply(to: query, ranked: results.ranked, req: req)
        let offset = try Self.offset(req)
        let pageIDs = Array(crisis.ranked.dropFirst(offset).prefix(24))
        // Listed videos only, in ranked order; a grid shows no viewer's own state.
        let items = try await FeedPageLoader.load(pageIDs, viewerID: nil, now: req.mindreel.now, on: req.db as! any SQLDatabase)
        let next = offset + 24 < crisis.ranked.count ? RankedCursor(asOf: req.mindreel.now, offset: offset + 24).encoded : nil
        let escaped = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return try await req.view.render(
            "search/index",
            Page(
                layout: LayoutContext(request: req, title: "Search: \(query)"), query: query, correctedQuery: results.corrected, searched: true,
                videos: items.map(ProfilePagesController.GridVideo.init),
                creators: offset == 0 && !crisis.withholdsVideos ? results.creators : [], topics: offset == 0 ? results.topics : [],
                nextPageURL: next.map { "/search?q=\(escaped)&cursor=\($0)" }, crisisPanel: crisis.showsPanel ? req.crisisPanel(.search) : nil,
                withheld: crisis.withholdsVideos))
    }

    /// The results without the videos and creators a block hides from the viewer (the cached
    /// results are everyone's; this is per viewer).
    static func withoutBlocked(_ results: SearchResultCache.Entry, req: Request) async throws -> SearchResultCache.Entry {
        let hidden = try await req.hiddenCreators()
        guard !hidden.isEmpty else { return results }
        let hiddenVideos = Set(try await Video.query(on: req.db).filter(\.$owner.$id ~~ Array(hidden)).all(\.$id))
        let hiddenHandles = Set(try await User.query(on: req.db).filter(\.$id ~~ Array(hidden)).all(\.$handle))
        return SearchResultCache.Entry(
            madeAt: results.madeAt, ranked: results.ranked.filter { !hiddenVideos.contains($0) }, corrected: results.corrected,
            creators: results.creators.filter { !hiddenHandles.contains($0.handle) }, topics: results.topics)
    }

    /// What was typed, without control characters (a NUL would otherwise be echoed into the
    /// page) and the spaces around it.
    static func typed(_ req: Request) -> String {
        let text = req.query[String.self, at: "q"] ?? ""
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The cursor of a search is how far along its ranked list the next page starts.
    static func offset(_ req: Request) throws -> Int {
        guard let text = req.query[String.self, at: "cursor"] else { return 0 }
        guard let cursor = RankedCursor(encoded: text), cursor.offset < candidates else {
            throw HTTPProblem(.badRequest, field: "cursor", detail: "This cursor is not one this search gave out.")
        }
        return cursor.offset
    }

    /// A query's ranked video ids, correction, creators and topics: from the cache when the same
    /// words were searched in the last half minute.
    static func ranked(_ query: String, req: Request) async throws -> SearchResultCache.Entry {
        let now = req.mindreel.now
        var terms = SearchText.queryTerms(query)
        let key = terms.joined(separator: " ") + "|" + query.lowercased()
        if let cached = await req.mindreel.searches.entry(key, now: now) { return cached }
        let index = SearchIndex(req.db)
        var matches = try await index.matches(terms, limit: candidates)
        var corrected: String?
        // Nothing found: try the closest known spelling of each word.
        if matches.isEmpty, !terms.isEmpty {
            var fixed: [String] = []
            let topicWords = try await topicWords(req: req)
            for term in terms {
                let known = try await index.vocabulary(near: term) + topicWords.filter { $0.first == term.first }.map { ($0, 1) }
                fixed.append(SearchText.correction(for: term, among: known) ?? term)
            }
            if fixed != terms {
                let retried = try await index.matches(fixed, limit: candidates)
                if !retried.isEmpty {
                    matches = retried
                    terms = fixed
                    corrected = fixed.joined(separator: " ")
                }
            }
        }
        // Still nothing (a question in plain words, say): videos matching any of the words.
        if matches.isEmpty, terms.count > 1 {
            matches = try await index.matches(terms, anyTerm: true, limit: candidates)
        }
        let entry = SearchResultCache.Entry(
            madeAt: now, ranked: SearchRanking.rank(matches, now: now).map(\.id), corrected: corrected,
            creators: try await creators(query, terms: terms, req: req), topics: try await topics(terms, req: req))
        await req.mindreel.searches.keep(entry, for: key)
        return entry
    }

    /// Words of the topic names, as candidates for spelling corrections (read once per query).
    static func topicWords(req: Request) async throws -> Set<String> {
        let names = try await Topic.query(on: req.db).filter(\.$retired == false).all().map(\.name)
        return Set(names.flatMap { SearchText.words($0) })
    }

    /// Topics whose name has a word starting with every term ("anx" → Anxiety).
    static func topics(_ terms: [String], req: Request) async throws -> [TopicHit] {
        guard !terms.isEmpty else { return [] }
        let topics = try await Topic.query(on: req.db).filter(\.$retired == false).sort(\.$position).all()
        return topics.filter { topic in
            let words = SearchText.words(topic.name) + SearchText.words((topic.id ?? "").replacingOccurrences(of: "-", with: " "))
            return terms.allSatisfy { term in words.contains { $0.hasPrefix(term) } }
        }.prefix(5).map { TopicHit(id: $0.id ?? "", name: $0.name, url: "/?topic=\($0.id ?? "")") }
    }

    /// Creators with at least one listed video whose handle starts with the query, or whose name
    /// contains it. Members who never published are not findable.
    static func creators(_ query: String, terms: [String], req: Request) async throws -> [CreatorSummary] {
        let text = SearchText.words(query.hasPrefix("@") ? String(query.dropFirst()) : query).joined(separator: " ")
        let handleText = query.lowercased().trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "@", with: "")
        guard !text.isEmpty else { return [] }
        func like(_ value: String) -> String {
            value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        }
        let sql = req.db as! any SQLDatabase
        let rows = try await sql.raw(
            """
            SELECT u.id AS id FROM users u
            WHERE (lower(u.handle) LIKE \(bind: like(handleText) + "%") ESCAPE '\\' OR lower(u.display_name) LIKE \(bind: "%" + like(text) + "%") ESCAPE '\\')
              AND EXISTS (SELECT 1 FROM videos v WHERE v.owner_id = u.id AND \(unsafeRaw: listedVideosCondition("v")))
            LIMIT 20
            """
        ).all()
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        let users = try await User.query(on: req.db).filter(\.$id ~~ ids).all()
        // An exact handle first, then handles that start with the query, then names.
        let ordered = users.sorted { a, b in
            func rank(_ user: User) -> Int { user.handle == handleText ? 0 : user.handle.hasPrefix(handleText) ? 1 : 2 }
            return rank(a) != rank(b) ? rank(a) < rank(b) : a.handle < b.handle
        }
        return ordered.prefix(8).map(CreatorSummary.init)
    }
}
