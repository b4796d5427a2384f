import Fluent
import Foundation
import MindreelCore
import Vapor

/// In-app notifications: `/api/v1/notifications` and the `/notifications` page. Each member
/// sees only their own.
struct NotificationsController: RouteCollection {
    struct Item: Content {
        let id: String
        let kind: String
        let text: String
        let url: String?
        let actor: CreatorSummary?
        /// The video it is about, named as its page is (nil when there is none, or the
        /// recipient may no longer watch it).
        let videoTitle: String?
        /// The first words of the comment or reply, as it reads now.
        let commentExcerpt: String?
        let createdAt: Date
        let read: Bool
    }

    struct UnreadCount: Content {
        let unreadCount: Int
    }

    struct ReadInput: Content {
        var ids: [UUID]?
    }

    struct Page: Encodable {
        struct Entry: Encodable {
            let id: String
            let kind: String
            let text: String
            let videoTitle: String?
            let commentExcerpt: String?
            let openURL: String
            let read: Bool
            let when: String
            let createdAt: String
        }

        let layout: LayoutContext
        let items: [Entry]
        let unreadCount: Int
        let nextPageURL: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "notifications")
        api.get(use: list)
        api.get("unread-count", use: unreadCount)
        api.post("read", use: markRead)
        let pages = routes.grouped("notifications")
        pages.get(use: page)
        pages.get(":notificationID", use: open)
        pages.post("read", use: markAllReadForm)
    }

    static func count(unreadOf userID: UUID, on db: any Database) async throws -> Int {
        let hidden = try await Blocking.hidden(from: userID, on: db)
        return try await MemberNotification.query(on: db).filter(\.$recipient.$id == userID).filter(\.$readAt == nil).notFrom(hidden).count()
    }

    private func rows(_ req: Request, limit: Int) async throws -> (rows: [MemberNotification], next: String?) {
        let account = try req.requireAccount()
        let hidden = try await Blocking.hidden(from: account.userID, on: req.db)
        let page = try await MemberNotification.query(on: req.db).filter(\.$recipient.$id == account.userID).notFrom(hidden).with(\.$actor)
            .with(\.$video).with(\.$comment).cursorPage(req, limit: limit) { $0.createdAt }
        return (page.rows, page.nextCursor)
    }

    /// What a notification is about, worked out when it is read: the video's name today (a
    /// renamed video reads as renamed; one the recipient can no longer watch is not named)
    /// and the comment's first words as it reads now (an edited comment shows its new words).
    static func about(_ row: MemberNotification, recipientID: UUID) -> (videoTitle: String?, commentExcerpt: String?) {
        var title: String?
        if let video = row.video, VideoAccess.mayWatch(video.accessFacts, viewerID: recipientID) {
            title = VideoPageController.title(for: video)
        }
        let excerpt = (row.kind == .comment || row.kind == .reply) ? row.comment.map { TextExcerpt.firstWords(of: $0.body) } : nil
        return (title, excerpt)
    }

    func list(req: Request) async throws -> APIPage<Item> {
        let recipientID = try req.requireAccount().userID
        let (rows, next) = try await rows(req, limit: try FeedController.limit(req.query[String.self, at: "limit"]))
        let items = try rows.map { row in
            let about = Self.about(row, recipientID: recipientID)
            return Item(
                id: try row.requireID().uuidString.lowercased(), kind: row.kind.rawValue, text: row.text, url: row.url,
                actor: row.actor.map(CreatorSummary.init), videoTitle: about.videoTitle, commentExcerpt: about.commentExcerpt,
                createdAt: row.createdAt, read: row.readAt != nil)
        }
        return .init(items: items, nextCursor: next)
    }

    func unreadCount(req: Request) async throws -> UnreadCount {
        UnreadCount(unreadCount: try await Self.count(unreadOf: try req.requireAccount().userID, on: req.db))
    }

    /// Marks the given notifications (or all of them) as read.
    func markRead(req: Request) async throws -> UnreadCount {
        let account = try req.requireAccount()
        // No body means all of them; a body that is not the expected JSON is an error, not "all".
        let input = (req.body.data?.readableBytes ?? 0) == 0 ? ReadInput(ids: nil) : try req.content.decode(ReadInput.self)
        var query = MemberNotification.query(on: req.db).filter(\.$recipient.$id == account.userID).filter(\.$readAt == nil)
        if let ids = input.ids { query = query.filter(\.$id ~~ ids) }
        try await query.set(\.$readAt, to: req.mindreel.now).update()
        return UnreadCount(unreadCount: try await Self.count(unreadOf: account.userID, on: req.db))
    }

    func page(req: Request) async throws -> View {
        let account = try req.requireAccount()
        let (rows, next) = try await rows(req, limit: 30)
        let now = req.mindreel.now
        let iso = ISO8601DateFormatter()
        let entries = try rows.map { row in
            let id = try row.requireID().uuidString.lowercased()
            let about = Self.about(row, recipientID: account.userID)
            return Page.Entry(
                id: id, kind: row.kind.rawValue, text: row.text, videoTitle: about.videoTitle, commentExcerpt: about.commentExcerpt,
                openURL: SiteURL.notifications.path + "/\(id)", read: row.readAt != nil,
                when: RelativeTime.describe(row.createdAt, now: now), createdAt: iso.string(from: row.createdAt))
        }
        return try await req.view.render(
            "notifications/index",
            Page(
                layout: LayoutContext(request: req, title: "Notifications"), items: entries,
                unreadCount: try await Self.count(unreadOf: account.userID, on: req.db),
                nextPageURL: next.map { SiteURL.notifications.path + "?cursor=\($0)" }))
    }

    /// Opening a notification marks it read and goes where it points.
    func open(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        guard let id = req.parameters.get("notificationID", as: UUID.self), let row = try await MemberNotification.find(id, on: req.db),
            row.$recipient.id == account.userID
        else {
            throw HTTPProblem(.notFound, detail: "There is no such notification.")
        }
        if row.readAt == nil {
            row.readAt = req.mindreel.now
            try await row.save(on: req.db)
        }
        // Only paths on this site: a stored URL can never send anyone elsewhere.
        let target = row.url.flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil } ?? SiteURL.notifications.path
        return req.redirect(to: target)
    }

    func markAllReadForm(req: Request) async throws -> Response {
        let account = try req.requireAccount()
        try await MemberNotification.query(on: req.db).filter(\.$recipient.$id == account.userID).filter(\.$readAt == nil)
            .set(\.$readAt, to: req.mindreel.now).update()
        return req.redirect(to: SiteURL.notifications.with(.notificationsRead))
    }
}

/// "just now", "5 min ago", "3 h ago", "2 days ago", or the date.
enum RelativeTime {
    static func describe(_ date: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        switch seconds {
        case ..<60: return "just now"
        case ..<3600: return "\(seconds / 60) min ago"
        case ..<86_400: return "\(seconds / 3600) h ago"
        case ..<(86_400 * 7):
            let days = seconds / 86_400
            return days == 1 ? "yesterday" : "\(days) days ago"
        default:
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "d MMM yyyy"
            return formatter.string(from: date)
        }
    }
}

extension QueryBuilder where Model == MemberNotification {
    /// Without notifications caused by someone a block hides (those with no actor stay).
    func notFrom(_ actors: Set<UUID>) -> Self {
        guard !actors.isEmpty else { return self }
        return group(.or) { $0.filter(\.$actor.$id == nil).filter(\.$actor.$id !~ Array(actors)) }
    }
}
