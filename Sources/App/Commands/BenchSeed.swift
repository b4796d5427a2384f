import Fluent
import Foundation
import Media
import MindreelCore
import SQLKit
import Vapor

/// `seed --bench`: a large catalogue for the benchmarks — 10,000 accounts, 100,000 videos
/// (metadata only, all pointing at one shared small rendition and poster), 1,000,000 likes and
/// 1,000,000 views — written with multi-row inserts so it takes minutes, not hours, on either
/// database. Deterministic (a seeded generator), and made once.
enum BenchSeed {
    static let accounts = 10_000
    /// Accounts that post videos; the rest only watch and like.
    static let creators = 2_000
    static let videos = 100_000
    static let likes = 1_000_000
    static let views = 1_000_000
    static let password = "bench-pass-4242"
    static let handlePrefix = "bench_user_"

    static func handle(_ index: Int) -> String { handlePrefix + String(format: "%05d", index) }

    static func seed(app: Application, console: any Console) async throws {
        if try await User.query(on: app.db).filter(\.$handle == handle(0)).first() != nil {
            console.print("Bench data: made already.")
            return
        }
        let started = Date()
        let sql = app.db as! any SQLDatabase
        var random = SeededGenerator(seed: 42)
        let now = app.mindreel.now
        let shared = try await sharedMedia(app: app)

        // Accounts: one bcrypt hash for all (hashing 10,000 passwords would take the minutes).
        let hash = try await app.password.async.hash(password)
        var userIDs: [UUID] = []
        for batch in stride(from: 0, to: accounts, by: 500) {
            var insert = sql.insert(into: "users").columns(
                "id", "handle", "display_name", "email", "password_hash", "birth_year", "is_minor", "created_at", "updated_at")
            for index in batch..<min(batch + 500, accounts) {
                let id = UUID()
                userIDs.append(id)
                insert = insert.values(
                    SQLBind(id), SQLBind(handle(index)), SQLBind("Bench \(index)"), SQLBind("\(handle(index))@bench.invalid"), SQLBind(hash),
                    SQLBind(1990), SQLBind(false), SQLBind(now), SQLBind(now))
            }
            try await insert.run()
        }
        console.print("  \(accounts) accounts")

        let topics = CuratedTopic.initial.map(\.slug)
        let kinds = ContentKind.allCases
        var videoIDs: [UUID] = []
        var viewCounts = [Int](repeating: 0, count: videos)
        // Views first, so each video row carries its count.
        var viewRows: [(Int, String, String)] = []
        viewRows.reserveCapacity(views)
        for index in 0..<views {
            // Popularity is skewed: a few videos get many views.
            let video = Int(Double(videos) * pow(Double.random(in: 0..<1, using: &random), 2.5))
            viewCounts[video] += 1
            let day = ViewsController.day(of: now.addingTimeInterval(-Double(index % 30) * 86_400))
            viewRows.append((video, "bench-viewer-\(index)", day))
        }
        struct VideoRow {
            let id: UUID
            let owner: UUID
            let caption: String
            let kind: String
            let visibility: String
            let publication: String
            let duration: Double
            let transcript: String
            let views: Int
            let ready: Date
            let framing: DiagnosisFramingResult
        }
        var rows: [VideoRow] = []
        var topicRows: [(UUID, String)] = []
        var tagRows: [(UUID, String)] = []
        for index in 0..<videos {
            let id = UUID()
            videoIDs.append(id)
            let topic = topics[Int.random(in: 0..<topics.count, using: &random)]
            let phrase = Self.phrases[Int.random(in: 0..<Self.phrases.count, using: &random)]
            let tag = Self.hashtags[Int.random(in: 0..<Self.hashtags.count, using: &random)]
            let caption = "\(phrase.replacingOccurrences(of: "{t}", with: topic.replacingOccurrences(of: "-", with: " "))) #\(tag)"
            // Newest first in index order, over half a year.
            let ready = now.addingTimeInterval(-Double(index) / Double(videos) * 180 * 86_400)
            // A few are private or removed: the benchmarks must skip them like real traffic would.
            let visibility: Visibility = index % 40 == 0 ? .private : .public
            let publication: PublicationState = index % 97 == 0 ? .removed : .published
            rows.append(
                VideoRow(
                    id: id, owner: userIDs[index % creators], caption: caption, kind: kinds[index % kinds.count].rawValue,
                    visibility: visibility.rawValue, publication: publication.rawValue, duration: Double(15 + index % 75),
                    transcript: Self.transcripts[index % Self.transcripts.count], views: viewCounts[index], ready: ready,
                    framing: DiagnosisFraming.classify(caption: caption, transcript: Self.transcripts[index % Self.transcripts.count], hashtags: [tag])))
            topicRows.append((id, topic))
            if index % 3 == 0 { topicRows.append((id, topics[(topics.firstIndex(of: topic)! + 1) % topics.count])) }
            tagRows.append((id, tag))
        }
        let (videoRows, topicList, tagList) = (rows, topicRows, tagRows)
        try await app.db.transaction { db in
            let sql = db as! any SQLDatabase
            for batch in stride(from: 0, to: videoRows.count, by: 250) {
                var insert = sql.insert(into: "videos").columns(
                    "id", "owner_id", "upload_id", "caption", "content_kind", "visibility", "processing_state", "publication_state", "progress",
                    "duration_seconds", "width", "height", "poster_key", "rendition_720_key", "transcript", "comments_enabled", "view_count",
                    "created_at", "updated_at", "ready_at", "framing_flagged", "framing_score", "framing_reasons", "framing_checked_at")
                for row in videoRows[batch..<min(batch + 250, videoRows.count)] {
                    insert = insert.values(
                        SQLBind(row.id), SQLBind(row.owner), SQLBind(UUID()), SQLBind(row.caption), SQLBind(row.kind), SQLBind(row.visibility),
                        SQLBind(ProcessingState.ready.rawValue), SQLBind(row.publication), SQLBind(1.0), SQLBind(row.duration), SQLBind(720),
                        SQLBind(1280), SQLBind(shared.poster), SQLBind(shared.rendition), SQLBind(row.transcript), SQLBind(true),
                        SQLBind(row.views), SQLBind(row.ready), SQLBind(row.ready), SQLBind(row.ready), SQLBind(row.framing.flagged),
                        SQLBind(row.framing.score), SQLBind(VideoFraming.encode(row.framing.reasons)), SQLBind(row.ready))
                }
                try await insert.run()
            }
            for batch in stride(from: 0, to: topicList.count, by: 1_000) {
                var insert = sql.insert(into: "video_topics").columns("id", "video_id", "topic_id")
                for row in topicList[batch..<min(batch + 1_000, topicList.count)] { insert = insert.values(SQLBind(UUID()), SQLBind(row.0), SQLBind(row.1)) }
                try await insert.run()
            }
            for batch in stride(from: 0, to: tagList.count, by: 1_000) {
                var insert = sql.insert(into: "video_hashtags").columns("id", "video_id", "tag")
                for row in tagList[batch..<min(batch + 1_000, tagList.count)] { insert = insert.values(SQLBind(UUID()), SQLBind(row.0), SQLBind(row.1)) }
                try await insert.run()
            }
        }
        console.print("  \(videos) videos with topics and hashtags")
        try await index(videoRows.map { ($0.id, SearchIndex.Document(caption: $0.caption, hashtags: [], transcript: $0.transcript)) }, app: app)
        console.print("  search index")

        let (viewList, ids, users) = (viewRows, videoIDs, userIDs)
        try await app.db.transaction { db in
            let sql = db as! any SQLDatabase
            for batch in stride(from: 0, to: views, by: 1_000) {
                var insert = sql.insert(into: "video_views").columns("id", "video_id", "viewer_key", "day")
                for row in viewList[batch..<min(batch + 1_000, views)] {
                    insert = insert.values(SQLBind(UUID()), SQLBind(ids[row.0]), SQLBind(row.1), SQLBind(row.2))
                }
                try await insert.run()
            }
        }
        console.print("  \(views) views")

        // Likes: every account likes 100 videos, each (account, video) pair once, skewed to popular ones.
        try await app.db.transaction { db in
            let sql = db as! any SQLDatabase
            let perAccount = likes / accounts
            for batch in stride(from: 0, to: likes, by: 1_000) {
                var insert = sql.insert(into: "video_reactions").columns("id", "user_id", "video_id", "kind", "created_at")
                for index in batch..<min(batch + 1_000, likes) {
                    let account = index / perAccount
                    let slot = index % perAccount
                    let video = (slot * 997 + account * 7) % videos
                    insert = insert.values(
                        SQLBind(UUID()), SQLBind(users[account]), SQLBind(ids[video]), SQLBind(VideoReaction.Kind.like.rawValue), SQLBind(now))
                }
                try await insert.run()
            }
        }
        console.print("  \(likes) likes")
        // Fresh statistics, so the planner knows the catalogue's shape before the first request.
        try await sql.raw("ANALYZE").run()
        console.print("Bench data made in \(Int(Date().timeIntervalSince(started))) s. Accounts \(handle(0))…\(handle(accounts - 1)), password \(password).")
    }

    /// Fills the search index and its vocabulary in bulk (one statement per 500 videos).
    static func index(_ documents: [(UUID, SearchIndex.Document)], app: Application) async throws {
        var vocabulary: [String: Int] = [:]
        for (_, document) in documents { for term in document.terms { vocabulary[term, default: 0] += 1 } }
        let terms = vocabulary.sorted { $0.key < $1.key }
        try await app.db.transaction { db in
            let sql = db as! any SQLDatabase
            let engine = SearchEngine.of(sql)
            for batch in stride(from: 0, to: documents.count, by: 500) {
                var query = SQLQueryString(
                    engine == .sqlite
                        ? "INSERT INTO video_search (video_id, words, transcript) VALUES " : "INSERT INTO video_search (video_id, document) VALUES ")
                for (offset, (id, document)) in documents[batch..<min(batch + 500, documents.count)].enumerated() {
                    if offset > 0 { query.appendLiteral(", ") }
                    if engine == .sqlite {
                        query.appendInterpolation("(\(bind: id), \(bind: document.words), \(bind: document.transcript))" as SQLQueryString)
                    } else {
                        query.appendInterpolation(
                            "(\(bind: id), setweight(to_tsvector('simple', \(bind: document.words)), 'A') || setweight(to_tsvector('simple', \(bind: document.transcript)), 'C'))"
                                as SQLQueryString)
                    }
                }
                try await sql.raw(query).run()
            }
            for batch in stride(from: 0, to: terms.count, by: 500) {
                var insert = sql.insert(into: "search_terms").columns("term", "documents")
                for (term, count) in terms[batch..<min(batch + 500, terms.count)] { insert = insert.values(SQLBind(term), SQLBind(count)) }
                try await insert.run()
            }
        }
    }

    /// One small rendition and poster that every bench video points at.
    static func sharedMedia(app: Application) async throws -> (rendition: String, poster: String) {
        let rendition = Media.StorageKey("bench/720p.mp4")!
        let poster = Media.StorageKey("bench/poster.jpg")!
        if try await app.mindreel.storage.size(of: rendition) != nil, try await app.mindreel.storage.size(of: poster) != nil {
            return (rendition.value, poster.value)
        }
        let work = app.mindreel.config.dataDirectory + "/work/bench-\(UUID().uuidString.lowercased())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let runner = ProcessRunner()
        let video = work + "/720p.mp4"
        let image = work + "/poster.jpg"
        try DemoVideos.require(
            try await runner.run(
                MediaCommand(
                    executable: "ffmpeg",
                    arguments: [
                        "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=720x1280:r=25:d=2", "-f", "lavfi", "-i", "sine=d=2",
                        "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-movflags", "+faststart", "-y", video,
                    ], timeout: .seconds(60))), "ffmpeg")
        try DemoVideos.require(
            try await runner.run(
                MediaCommand(executable: "ffmpeg", arguments: ["-v", "error", "-i", video, "-frames:v", "1", "-y", image], timeout: .seconds(30))),
            "ffmpeg")
        try await app.mindreel.storage.storeMoving(fileAt: video, as: rendition, contentType: "video/mp4")
        try await app.mindreel.storage.storeMoving(fileAt: image, as: poster, contentType: "image/jpeg")
        return (rendition.value, poster.value)
    }

    static let phrases = [
        "What helps me with {t} on hard days", "Three myths about {t}", "A therapist explains {t}", "My first month of therapy for {t}",
        "Small habits for {t}", "When {t} shows up at night", "How to support a friend with {t}", "Questions to ask about {t}",
        "Grounding skills for {t}", "What I wish I knew about {t}", "Sleep and {t}: what the research says", "Talking to family about {t}",
    ]
    static let hashtags = [
        "anxiety", "sleep", "grounding", "breathing", "selfcare", "therapy", "adhd", "burnout", "grief", "mindfulness", "recovery", "support",
        "boundaries", "panic", "selfcompassion", "insomnia", "journaling", "cbt", "emdr", "dbt",
    ]
    static let transcripts = [
        "Breathe in for four, hold, and breathe out slowly. Notice your feet on the floor.",
        "A list of signs is not a diagnosis. Talk to a professional who knows you.",
        "EMDR is a therapy for trauma that uses guided eye movements while you recall a memory.",
        "Keep the same wake time every day and get daylight in the morning.",
        "Name five things you can see and four you can touch.",
    ]
}

/// A small deterministic generator (SplitMix64), so bench data is the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
