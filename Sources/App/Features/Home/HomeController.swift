import Vapor

/// `/`: what Mindreel is. The feed takes this place in a later issue.
struct HomeController: RouteCollection {
    struct HomePage: Encodable {
        let layout: LayoutContext
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    func home(req: Request) async throws -> View {
        try await req.view.render("home/index", HomePage(layout: LayoutContext(request: req, title: "Learn about mental health, safely")))
    }
}
