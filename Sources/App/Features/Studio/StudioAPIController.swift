import Fluent
import Foundation
import MindreelCore
import Vapor

/// `/api/v1/studio`: the caller's own videos with their numbers, and views per day of one of
/// them. Someone else's video is not found.
struct StudioAPIController: RouteCollection {
    static let maximumDays = 365

    func boot(routes: any RoutesBuilder) throws {
        let studio = routes.grouped("api", "v1", "studio")
        studio.get("videos", use: list)
        studio.get("videos", ":videoID", "views", use: views)
    }

    /// Every video of the caller, in every state, newest first.
    func list(req: Request) async throws -> APIPage<StudioAPI.VideoItem> {
        let account = try req.requireAccount()
        let limit = try FeedController.limit(req.query[String.self, at: "limit"])
        let page = try await Video.query(on: req.db).filter(\.$owner.$id == account.userID)
            .cursorPage(req, limit: limit) { $0.createdAt }
        return .init(items: try await StudioAPI.VideoItem.make(page.rows, on: req.db), nextCursor: page.nextCursor)
    }

    /// One point per UTC day, oldest first, today last; days without views are 0.
    func views(req: Request) async throws -> APIPage<StudioAPI.DayViews> {
        let video = try await VideoPresenter.findOwned(req, for: .readOwn)
        var count = StudioController.chartDays
        if let text = req.query[String.self, at: "days"] {
            guard let days = Int(text), (1...Self.maximumDays).contains(days) else {
                throw HTTPProblem(.badRequest, field: "days", detail: "days is a whole number between 1 and \(Self.maximumDays).")
            }
            count = days
        }
        let days = ViewDay.last(count, endingAt: req.mindreel.now)
        let points = try await StudioNumbers.viewsPerDay(video: try video.requireID(), days: days, on: req.db)
        return .init(items: points.map { StudioAPI.DayViews(day: $0.day, views: $0.views) }, nextCursor: nil)
    }
}
