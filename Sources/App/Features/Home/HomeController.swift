import Fluent
import Vapor

/// `/`: the vertical video feed, with a short introduction for first-time visitors. The feed
/// itself is loaded by `Public/js/feed.js` from `GET /api/v1/feed`.
struct HomeController: RouteCollection {
    struct FeedPage: Encodable {
        struct Tab: Encodable {
            let id: String
            let name: String
        }

        let layout: LayoutContext
        /// One tab per topic, after For You.
        let topics: [Tab]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    func home(req: Request) async throws -> View {
        let topics = try await Topic.query(on: req.db).filter(\.$retired == false).sort(\.$position).all()
        return try await req.view.render(
            "feed/index",
            FeedPage(
                layout: LayoutContext(request: req, title: "Learn about mental health, safely"),
                topics: topics.map { FeedPage.Tab(id: $0.id ?? "", name: $0.name) }))
    }
}
