import Fluent
import SQLKit

/// The full-text index of videos, one per database engine (SQLite FTS5, PostgreSQL tsvector with
/// a GIN index), and the vocabulary the spelling fallback corrects queries against.
struct CreateSearchIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if SearchEngine.of(sql) == .sqlite {
            // `words` holds the caption and hashtags (weighted up), `transcript` what is said.
            try await sql.raw(
                """
                CREATE VIRTUAL TABLE video_search USING fts5(
                    video_id UNINDEXED, words, transcript, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')
                """
            ).run()
        } else {
            try await sql.raw(
                "CREATE TABLE video_search (video_id uuid PRIMARY KEY REFERENCES videos(id) ON DELETE CASCADE, document tsvector NOT NULL)"
            ).run()
            try await sql.raw("CREATE INDEX ix_video_search_document ON video_search USING GIN (document)").run()
        }
        try await database.schema("search_terms")
            .field("term", .string, .identifier(auto: false))
            .field("documents", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("search_terms").delete()
        try await (database as! any SQLDatabase).raw("DROP TABLE video_search").run()
    }
}
