import Fluent
import Foundation
import MindreelCore
import SQLKit

/// Which full-text engine the database offers.
enum SearchEngine {
    case sqlite
    case postgres

    static func of(_ sql: any SQLDatabase) -> SearchEngine {
        sql.dialect.name == "sqlite" ? .sqlite : .postgres
    }
}

/// The search index behind one interface for both engines. Documents are stored already folded
/// into plain lower-case words (`SearchText.words`), so both engines see the same text and a
/// query can never carry syntax into either.
struct SearchIndex {
    let sql: any SQLDatabase
    var engine: SearchEngine { SearchEngine.of(sql) }

    init(_ db: any Database) {
        sql = db as! any SQLDatabase
    }

    /// What a video is found by: its caption and hashtags, and its transcript.
    struct Document {
        let words: String
        let transcript: String

        init(caption: String, hashtags: [String], transcript: String?) {
            words = SearchText.words(caption + " " + hashtags.joined(separator: " ")).joined(separator: " ")
            self.transcript = SearchText.words(transcript ?? "").joined(separator: " ")
        }

        var terms: Set<String> { Set((words + " " + transcript).split(separator: " ").map(String.init).filter { $0.count >= 3 }) }
    }

    /// Adds or replaces a video's document and learns its words for spelling corrections.
    func index(_ videoID: UUID, _ document: Document) async throws {
        try await remove(videoID)
        switch engine {
        case .sqlite:
            try await sql.raw(
                "INSERT INTO video_search (video_id, words, transcript) VALUES (\(bind: videoID), \(bind: document.words), \(bind: document.transcript))"
            ).run()
        case .postgres:
            try await sql.raw(
                """
                INSERT INTO video_search (video_id, document) VALUES (\(bind: videoID),
                    setweight(to_tsvector('simple', \(bind: document.words)), 'A') || setweight(to_tsvector('simple', \(bind: document.transcript)), 'C'))
                """
            ).run()
        }
        try await learn(document.terms)
    }

    func remove(_ videoID: UUID) async throws {
        try await sql.raw("DELETE FROM video_search WHERE video_id = \(bind: videoID)").run()
    }

    /// Counts each word once more in the vocabulary (the same statement works on both engines).
    func learn(_ terms: Set<String>) async throws {
        for term in terms.sorted() {
            try await sql.raw(
                "INSERT INTO search_terms (term, documents) VALUES (\(bind: term), 1) ON CONFLICT (term) DO UPDATE SET documents = search_terms.documents + 1"
            ).run()
        }
    }

    /// Listed videos matching every term (or, with `anyTerm`, at least one), each as a prefix,
    /// best first, at most `limit`.
    func matches(_ terms: [String], anyTerm: Bool = false, limit: Int) async throws -> [SearchRanking.Match] {
        guard !terms.isEmpty else { return [] }
        // Only what anyone may find: ready, published, public.
        let listed = listedVideosCondition("v")
        let rows: [any SQLRow]
        switch engine {
        case .sqlite:
            // "anx"* for each term: quoted, so no word is ever read as an FTS5 operator.
            let expression = terms.map { "\"\($0)\"*" }.joined(separator: anyTerm ? " OR " : " ")
            rows = try await sql.raw(
                """
                SELECT v.id AS id, -bm25(video_search, 0.0, 3.0, 1.0) AS relevance, v.ready_at AS ready_at, v.view_count AS view_count
                FROM video_search JOIN videos v ON v.id = video_search.video_id
                WHERE video_search MATCH \(bind: expression) AND \(unsafeRaw: listed)
                ORDER BY bm25(video_search, 0.0, 3.0, 1.0) LIMIT \(literal: limit)
                """
            ).all()
        case .postgres:
            let expression = terms.map { "\($0):*" }.joined(separator: anyTerm ? " | " : " & ")
            rows = try await sql.raw(
                """
                SELECT v.id AS id, CAST(ts_rank(s.document, q) AS DOUBLE PRECISION) AS relevance, v.ready_at AS ready_at, v.view_count AS view_count
                FROM video_search s JOIN videos v ON v.id = s.video_id, to_tsquery('simple', \(bind: expression)) q
                WHERE s.document @@ q AND \(unsafeRaw: listed)
                ORDER BY relevance DESC LIMIT \(literal: limit)
                """
            ).all()
        }
        return try rows.map { row in
            SearchRanking.Match(
                id: try row.decode(column: "id", as: UUID.self), relevance: try row.decode(column: "relevance", as: Double.self),
                readyAt: try row.decode(column: "ready_at", as: Date?.self) ?? .distantPast, views: try row.decode(column: "view_count", as: Int.self))
        }
    }

    /// Known words near `term` in spelling: same first letter, similar length.
    func vocabulary(near term: String) async throws -> [(term: String, documents: Int)] {
        guard let first = term.first, let next = first.unicodeScalars.first.flatMap({ Unicode.Scalar($0.value + 1) }) else { return [] }
        let slack = SearchText.allowedDistance(for: term)
        let rows = try await sql.raw(
            """
            SELECT term, documents FROM search_terms
            WHERE term >= \(bind: String(first)) AND term < \(bind: String(Character(next)))
              AND length(term) BETWEEN \(bind: term.count - slack) AND \(bind: term.count + slack)
            """
        ).all()
        return try rows.map { (try $0.decode(column: "term", as: String.self), try $0.decode(column: "documents", as: Int.self)) }
    }
}
