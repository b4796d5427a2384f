import MindreelCore
import Vapor

/// `/help`: the crisis lines for the viewer's region, one tap from every page (the header, the
/// footer, the feed's "Get help now"). Plain HTML: it works with JavaScript off, on a slow
/// phone, and loads nothing from another site (the services are links and phone numbers).
/// The same list is `GET /api/v1/crisis-resources?region=`.
struct CrisisHelpController: RouteCollection {
    struct Way: Encodable {
        let label: String
        let href: String
    }

    struct Card: Encodable {
        let name: String
        let ways: [Way]
        let hours: String
        let languages: String
        let note: String?
    }

    struct RegionOption: Encodable {
        let code: String
        let name: String
        let selected: Bool
    }

    struct Page: Encodable {
        let layout: LayoutContext
        let region: String
        let regionName: String
        let fallback: Bool
        let lines: [Card]
        let emergency: [Card]
        let regions: [RegionOption]
        /// The region is the member's saved choice (the page says where to change it).
        let fromSettings: Bool
    }

    /// One resource as the API gives it: the fields as admins wrote them, and ready-made links.
    struct ResourceItem: Content {
        struct Links: Content {
            let call: String?
            let text: String?
            let chat: String?
        }

        let id: String
        let region: String
        let name: String
        let call: String?
        let text: String?
        let textKeyword: String?
        let chatUrl: String?
        let hours: String
        let languages: String
        let note: String?
        let emergency: Bool
        let links: Links
    }

    struct Listing: Content {
        let region: String
        let regionName: String
        /// True when the region has no resources of its own: these are the "elsewhere" ones.
        let fallback: Bool
        let resources: [ResourceItem]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("help", use: page)
        routes.get("api", "v1", "crisis-resources", use: list)
    }

    func page(req: Request) async throws -> Response {
        if let raw = req.query[String.self, at: "region"], !raw.isEmpty, Regions.code(raw) == nil {
            throw HTTPProblem(.badRequest, field: "region", detail: "There is no region '\(raw)'. Pick one from the list.")
        }
        let region = CrisisRegionChoice.region(for: req)
        let listing = req.mindreel.crisisResources.listing(for: region)
        let page = Page(
            layout: LayoutContext(request: req, title: "Help now"), region: region, regionName: listing.regionName, fallback: listing.fallback,
            lines: listing.lines.map(Self.card), emergency: listing.emergencies.map(Self.card),
            regions: Regions.sortedByName.map { RegionOption(code: $0.code, name: $0.name, selected: $0.code == region) },
            fromSettings: CrisisRegionChoice.picked(req) == nil && req.account?.user.crisisRegion == region)
        let response = try await req.view.render("help/crisis", page).encodeResponse(for: req)
        // A visitor's pick is remembered; a member's lives in their settings.
        if let picked = CrisisRegionChoice.picked(req), req.account == nil {
            CrisisRegionChoice.remember(picked, on: response, config: req.mindreel.config)
        }
        return response
    }

    func list(req: Request) async throws -> Listing {
        if let raw = req.query[String.self, at: "region"], Regions.code(raw) == nil {
            throw HTTPProblem(.badRequest, field: "region", detail: "There is no region '\(raw)': use a two-letter ISO 3166-1 code such as US or GB.")
        }
        return Self.listing(req.mindreel.crisisResources.listing(for: CrisisRegionChoice.region(for: req)))
    }

    /// A region's list as the API gives it (here and in search results).
    static func listing(_ listing: CrisisResourceBook.Listing) -> Listing {
        Listing(region: listing.region, regionName: listing.regionName, fallback: listing.fallback, resources: listing.entries.map(item))
    }

    static func item(_ entry: CrisisResourceBook.Entry) -> ResourceItem {
        let resource = entry.resource
        return ResourceItem(
            id: entry.id.uuidString.lowercased(), region: resource.region, name: resource.name, call: resource.call, text: resource.text,
            textKeyword: resource.textKeyword,
            chatUrl: resource.chatURL, hours: resource.hours, languages: resource.languages, note: resource.note, emergency: resource.emergency,
            links: .init(
                call: resource.call.map(CrisisResourceRules.callLink),
                text: resource.text.map { CrisisResourceRules.textLink($0, keyword: resource.textKeyword) },
                chat: resource.chatURL))
    }

    static func card(_ resource: CrisisResourceDraft) -> Card {
        var ways: [Way] = []
        if let call = resource.call { ways.append(Way(label: "Call \(call)", href: CrisisResourceRules.callLink(call))) }
        if let text = resource.text {
            let label = resource.textKeyword.map { "Text \($0) to \(text)" } ?? "Text \(text)"
            ways.append(Way(label: label, href: CrisisResourceRules.textLink(text, keyword: resource.textKeyword)))
        }
        if let chat = resource.chatURL { ways.append(Way(label: "Chat online", href: chat)) }
        return Card(name: resource.name, ways: ways, hours: resource.hours, languages: resource.languages, note: resource.note)
    }
}
