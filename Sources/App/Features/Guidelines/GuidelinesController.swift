import MindreelCore
import Vapor

/// `/guidelines`: the community guidelines, one numbered section each, linkable as
/// `/guidelines#section-N` (moderation decisions link to the section they cite).
struct GuidelinesController: RouteCollection {
    struct Page: Encodable {
        struct Section: Encodable {
            let number: Int
            let anchor: String
            let title: String
            let rule: String
            let explanation: [String]
        }

        let layout: LayoutContext
        let sections: [Section]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("guidelines", use: page)
    }

    func page(req: Request) async throws -> View {
        let sections = CommunityGuidelines.sections.map {
            Page.Section(number: $0.number, anchor: "section-\($0.number)", title: $0.title, rule: $0.rule, explanation: $0.explanation)
        }
        return try await req.view.render(
            "guidelines/index", Page(layout: LayoutContext(request: req, title: "Community guidelines"), sections: sections))
    }
}
