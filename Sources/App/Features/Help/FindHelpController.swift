import Vapor

/// `/find-help`: how to find a professional, in plain words, where the "talk to a
/// professional" links lead (a later issue adds Mindreel's own directory in front of it). A page
/// anyone can read without an account or JavaScript, with no third-party requests: the
/// services it names are links only.
struct FindHelpController: RouteCollection {
    struct Page: Encodable {
        let layout: LayoutContext
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("find-help", use: page)
    }

    func page(req: Request) async throws -> View {
        try await req.view.render("help/find", Page(layout: LayoutContext(request: req, title: "Find a professional")))
    }
}
