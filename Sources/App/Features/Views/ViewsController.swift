import Fluent
import Foundation
import MindreelCore
import SQLKit
import Vapor

/// Views and watch events. A view counts once per viewer per video per day (UTC); a visitor is
/// known only by a random first-party cookie, and no address is ever stored. Members' watch
/// events (how long, completed, skipped) feed their ranking; they can list and delete them.
struct ViewsController: RouteCollection {
    static let viewerCookie = "mr_viewer"

    struct WatchInput: Content {
        var watchSeconds: Double?
        var completed: Bool?
        var skipped: Bool?

        enum CodingKeys: String, CodingKey {
            case completed, skipped
            case watchSeconds = "watch_seconds"
        }
    }

    struct WatchItem: Content {
        let id: String
        let videoId: String
        let videoTitle: String
        /// nil once the video can no longer be watched.
        let videoPageUrl: String?
        let watchSeconds: Double
        let durationSeconds: Double?
        let completed: Bool
        let skipped: Bool
        let createdAt: Date
    }

    struct HistoryPage: Encodable {
        struct Entry: Encodable {
            let id: String
            let videoTitle: String
            let videoURL: String?
            let watchedLabel: String
            let completed: Bool
            let skipped: Bool
            let when: String
        }

        let layout: LayoutContext
        let items: [Entry]
        let nextPageURL: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.post("videos", ":videoID", "views", use: view)
        api.post("videos", ":videoID", "watch-events", use: watch)
        api.get("me", "watch-events", use: list)
        api.delete("me", "watch-events", use: deleteAll)
        api.delete("me", "watch-events", ":eventID", use: deleteOne)
        let pages = routes.grouped("settings", "history")
        pages.get(use: historyPage)
        pages.post("delete", use: deleteAllForm)
        pages.post(":eventID", "delete", use: deleteOneForm)
    }

    /// Counts a view (the client calls this after 2 s of playback). Idempotent within a day.
    func view(req: Request) async throws -> Response {
        let video = try await VideoPresenter.findWatchable(req)
        let response = Response(status: .noContent)
        let viewer: String
        if let account = req.account {
            viewer = "member:" + account.userID.uuidString.lowercased()
        } else if let cookie = req.cookies[Self.viewerCookie]?.string, cookie.count == 43,
            cookie.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        {
            viewer = "visitor:" + cookie
        } else {
            let fresh = SecureToken.generate()
            response.cookies[Self.viewerCookie] = HTTPCookies.Value(
                string: fresh, expires: req.mindreel.now.addingTimeInterval(365 * 86_400), maxAge: 365 * 86_400, path: "/",
                isSecure: req.mindreel.config.usesHTTPS, isHTTPOnly: true, sameSite: .lax)
            viewer = "visitor:" + fresh
        }
        // Only a keyed hash of the viewer is kept, so the table cannot be joined back to a cookie or an account.
        let key = req.mindreel.secret.mac("view|" + viewer)
        let day = Self.day(of: req.mindreel.now)
        let videoID = try video.requireID()
        do {
            try await req.db.transaction { db in
                try await VideoView(videoID: videoID, viewerKey: key, day: day).create(on: db)
                try await (db as! any SQLDatabase).update("videos").set(SQLIdentifier("view_count"), to: SQLRaw("view_count + 1"))
                    .where("id", .equal, videoID).run()
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Already counted today for this viewer.
        }
        return response
    }

    static func day(of date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    func watch(req: Request) async throws -> HTTPStatus {
        let account = try req.requireAccount()
        let video = try await VideoPresenter.findWatchable(req)
        let input = try req.content.decode(WatchInput.self)
        guard let seconds = input.watchSeconds, seconds.isFinite, seconds >= 0, seconds <= 24 * 3600 else {
            throw HTTPProblem(.unprocessableEntity, field: "watch_seconds", detail: "watch_seconds is the number of seconds watched.")
        }
        let event = WatchEvent()
        event.$user.id = account.userID
        event.$video.id = try video.requireID()
        event.watchSeconds = (seconds * 10).rounded() / 10
        event.completed = input.completed ?? false
        event.skipped = input.skipped ?? false
        event.createdAt = req.mindreel.now
        try await event.create(on: req.db)
        return .noContent
    }

    private func rows(_ req: Request, limit: Int) async throws -> (rows: [WatchEvent], next: String?) {
        let account = try req.requireAccount()
        let page = try await WatchEvent.query(on: req.db).filter(\.$user.$id == account.userID).with(\.$video)
            .cursorPage(req, limit: limit) { $0.createdAt }
        return (page.rows, page.nextCursor)
    }

    func list(req: Request) async throws -> APIPage<WatchItem> {
        let account = try req.requireAccount()
        let (rows, next) = try await rows(req, limit: try FeedController.limit(req.query[String.self, at: "limit"]))
        let items = try rows.map { row in
            let video = row.video
            let watchable = VideoAccess.mayWatch(video.accessFacts, viewerID: account.userID)
            return WatchItem(
                id: try row.requireID().uuidString.lowercased(), videoId: row.$video.id.uuidString.lowercased(),
                videoTitle: VideoPageController.title(for: video), videoPageUrl: watchable ? SiteURL.video(row.$video.id).path : nil,
                watchSeconds: row.watchSeconds, durationSeconds: video.durationSeconds, completed: row.completed, skipped: row.skipped,
                createdAt: row.createdAt)
        }
        return .init(items: items, nextCursor: next)
    }

    private func delete(_ req: Request, one id: UUID?) async throws -> Bool {
        let account = try req.requireAccount()
        var query = WatchEvent.query(on: req.db).filter(\.$user.$id == account.userID)
        if let id {
            guard try await query.filter(\.$id == id).first() != nil else { return false }
            query = WatchEvent.query(on: req.db).filter(\.$user.$id == account.userID).filter(\.$id == id)
        }
        try await query.delete()
        try await req.audit.record(
            .init(
                actorID: account.userID, actorRole: req.actorRole, action: .watchHistoryDelete, objectType: "watch_event",
                objectID: id?.uuidString.lowercased() ?? "all"), on: req.db)
        return true
    }

    func deleteAll(req: Request) async throws -> HTTPStatus {
        _ = try await delete(req, one: nil)
        return .noContent
    }

    func deleteOne(req: Request) async throws -> HTTPStatus {
        guard let id = req.parameters.get("eventID", as: UUID.self), try await delete(req, one: id) else {
            throw HTTPProblem(.notFound, detail: "There is no such watch event.")
        }
        return .noContent
    }

    func historyPage(req: Request) async throws -> View {
        let account = try req.requireAccount()
        let (rows, next) = try await rows(req, limit: 50)
        let now = req.mindreel.now
        let entries = try rows.map { row in
            let video = row.video
            let watched = Int(row.watchSeconds.rounded())
            let label = video.durationSeconds.map { "\(watched) s of \(Int($0.rounded())) s" } ?? "\(watched) s"
            return HistoryPage.Entry(
                id: try row.requireID().uuidString.lowercased(), videoTitle: VideoPageController.title(for: video),
                videoURL: VideoAccess.mayWatch(video.accessFacts, viewerID: account.userID) ? SiteURL.video(row.$video.id).path : nil,
                watchedLabel: label, completed: row.completed, skipped: row.skipped, when: RelativeTime.describe(row.createdAt, now: now))
        }
        return try await req.view.render(
            "settings/history",
            HistoryPage(
                layout: LayoutContext(request: req, title: "Watch history"), items: entries,
                nextPageURL: next.map { SiteURL.settingsHistory.path + "?cursor=\($0)" }))
    }

    func deleteAllForm(req: Request) async throws -> Response {
        _ = try await delete(req, one: nil)
        return req.redirect(to: SiteURL.settingsHistory.with(.historyDeleted))
    }

    func deleteOneForm(req: Request) async throws -> Response {
        guard let id = req.parameters.get("eventID", as: UUID.self), try await delete(req, one: id) else {
            throw HTTPProblem(.notFound, detail: "There is no such watch event.")
        }
        return req.redirect(to: SiteURL.settingsHistory.with(.historyDeleted))
    }
}
