import Fluent
import Foundation
import Vapor

/// `/`: the vertical video feed, with a short introduction for first-time visitors. The first
/// page of the selected feed (For You, Following or a topic, from the same `tab` and `topic`
/// query as `GET /api/v1/feed`) is rendered on the server twice over: as a plain list of videos
/// with links, for a visitor without script, a link preview or a search engine; and as the API's
/// own JSON in `data-first-page`, which `Public/js/feed.js` plays from without asking again.
struct HomeController: RouteCollection {
    struct FeedPage: Encodable {
        struct Tab: Encodable {
            let id: String
            let name: String
        }

        let layout: LayoutContext
        /// One tab per topic, after For You.
        let topics: [Tab]
        /// `for_you`, `following` or `topic:<id>`: what `firstPage` is the first page of.
        let firstSelection: String?
        /// The JSON body `GET /api/v1/feed` answers for that selection (Leaf escapes it for the attribute).
        let firstPage: String?
        let listed: [ListedVideo]
    }

    /// A video in the list shown without script.
    struct ListedVideo: Encodable {
        let pageUrl: String
        let posterUrl: String?
        let title: String
        let creatorName: String
        let creatorHandle: String
        let kind: String
    }

    /// The fields of a feed item the list needs, read back from the API's JSON.
    private struct Item: Decodable {
        struct Video: Decodable {
            let caption: String
            let posterUrl: String?
            let pageUrl: String
        }

        struct Creator: Decodable {
            let handle: String
            let displayName: String
        }

        let video: Video
        let creator: Creator
        let contentKindLabel: String
    }

    private struct Page: Decodable {
        let items: [Item]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
    }

    func home(req: Request) async throws -> View {
        let topics = try await Topic.query(on: req.db).filter(\.$retired == false).sort(\.$position).all()
        let first = await Self.firstPage(req)
        return try await req.view.render(
            "feed/index",
            FeedPage(
                layout: LayoutContext(request: req, title: "Learn about mental health, safely"),
                topics: topics.map { FeedPage.Tab(id: $0.id ?? "", name: $0.name) },
                firstSelection: first?.selection, firstPage: first?.json, listed: first?.listed ?? []))
    }

    /// The feed API's first page for this page's selection, made by the API's own code (so the
    /// rules, minors' included, are the same), or nil when there is none to show: an unknown
    /// topic or Following for a visitor, which the script explains in words.
    static func firstPage(_ req: Request) async -> (selection: String, json: String, listed: [ListedVideo])? {
        let selection: String
        if let topic = req.query[String.self, at: "topic"] {
            selection = "topic:" + topic
        } else if req.query[String.self, at: "tab"] == "following" {
            guard req.account != nil else { return nil }
            selection = "following"
        } else {
            selection = "for_you"
        }
        // A cursor or limit in the address is not this page's business: the first page is the first.
        guard req.query[String.self, at: "cursor"] == nil, req.query[String.self, at: "limit"] == nil else { return nil }
        do {
            let response = try await FeedController().feed(req: req)
            guard response.status == .ok, let body = response.body.buffer else { return nil }
            let json = String(buffer: body)
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let page = try decoder.decode(Page.self, from: Data(json.utf8))
            let listed = page.items.map {
                ListedVideo(
                    pageUrl: $0.video.pageUrl, posterUrl: $0.video.posterUrl, title: VideoPageController.title(forCaption: $0.video.caption),
                    creatorName: $0.creator.displayName, creatorHandle: $0.creator.handle, kind: $0.contentKindLabel)
            }
            return (selection, json, listed)
        } catch {
            req.logger.debug("home: no first page for \(selection): \(error)")
            return nil
        }
    }
}
