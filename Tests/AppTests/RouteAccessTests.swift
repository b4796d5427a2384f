import Fluent
import Foundation
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// The access policy, from the route table: every registered route has an entry, and every
/// route, walked as each kind of actor, answers what the policy decides for that actor.
@Suite("Access policy on every route")
struct RouteAccessTests {
    /// The actors the walk tries, each with a signed-in browser (nil for the visitor).
    enum Kind: String, CaseIterable {
        case visitor, member, creator, clinician, coordinator, moderator, admin, suspended
    }

    struct Walker {
        let kind: Kind
        let browser: Browser
        let userID: UUID?
    }

    func user(_ app: TestApp, _ handle: String) async throws -> User {
        try #require(try await User.query(on: app.db).filter(\.$handle == handle).first())
    }

    /// A signed-in browser for an account made by `TusClient.make` (it has no session yet).
    func logIn(_ app: TestApp, _ handle: String) async throws -> Browser {
        let browser = try Browser(app)
        try await browser.get("/login")
        let response = try await browser.submit("/login", ["handle": handle, "password": TestApp.password])
        #expect(response.status == .seeOther, "log-in of \(handle): \(response.text.prefix(300))")
        return browser
    }

    /// One of every kind, a creator's ready video and a member's comment under it.
    func cast(_ app: TestApp) async throws -> (walkers: [Walker], values: [String: String]) {
        let (_, ids) = try await FeedTests().readyVideos(app, handle: "walk_creator", count: 1)
        let videoID = try #require(ids.first)
        var walkers = [Walker(kind: .visitor, browser: try Browser(app), userID: nil)]
        walkers.append(Walker(kind: .creator, browser: try await logIn(app, "walk_creator"), userID: try await user(app, "walk_creator").requireID()))
        for kind in Kind.allCases where kind != .visitor && kind != .creator {
            let handle = "walk_\(kind.rawValue)"
            let browser = try await app.signedUpBrowser(handle: handle)
            let account = try await user(app, handle)
            switch kind {
            case .clinician: try await UserRole(userID: try account.requireID(), role: .clinician).create(on: app.db)
            case .coordinator: try await UserRole(userID: try account.requireID(), role: .coordinator).create(on: app.db)
            case .moderator: try await UserRole(userID: try account.requireID(), role: .moderator).create(on: app.db)
            case .admin: try await UserRole(userID: try account.requireID(), role: .admin).create(on: app.db)
            case .suspended:
                account.suspendedUntil = app.clock.now.addingTimeInterval(7 * 86400)
                try await account.save(on: app.db)
            default: break
            }
            walkers.append(Walker(kind: kind, browser: browser, userID: try account.requireID()))
        }
        let member = try #require(walkers.first { $0.kind == .member })
        let comment = try await member.browser.json(
            .POST, "/api/v1/videos/\(videoID)/comments", ["body": "Thank you for this."], headers: ["X-CSRF-Token": member.browser.csrfToken ?? ""])
        let commentID = try #require(comment.json["id"] as? String, "\(comment.text)")
        let topicID = try #require(try await Topic.query(on: app.db).first()?.requireID())
        let values = [
            "videoID": videoID, "commentID": commentID, "handle": "walk_creator", "profile": "@walk_creator", "tag": "demo",
            "topicID": topicID, "file": "poster.jpg",
        ]
        return (walkers, values)
    }

    /// The route's path with its parameters filled in (unknown ids get a fresh UUID).
    func path(_ route: Route, _ values: [String: String]) -> String {
        "/"
            + route.path.map { component -> String in
                guard case .parameter(let name) = component else { return component.description }
                return values[name] ?? UUID().uuidString.lowercased()
            }.joined(separator: "/")
    }

    func send(_ route: Route, as walker: Walker, values: [String: String]) async throws -> TestingHTTPResponse {
        let path = path(route, values)
        var headers: HTTPHeaders = ["X-CSRF-Token": walker.browser.csrfToken ?? ""]
        if path.hasPrefix("/api/v1/uploads") { headers.add(name: "Tus-Resumable", value: "1.0.0") }
        if [.GET, .HEAD, .OPTIONS].contains(route.method) {
            return try await walker.browser.send(route.method, path, headers: headers)
        }
        if path.hasPrefix("/api/") {
            headers.add(name: .contentType, value: "application/json")
            return try await walker.browser.send(route.method, path, headers: headers, body: ByteBuffer(string: "{}"))
        }
        headers.add(name: .contentType, value: "application/x-www-form-urlencoded")
        return try await walker.browser.send(route.method, path, headers: headers, body: ByteBuffer(string: "csrf_token=\(walker.browser.csrfToken ?? "")"))
    }

    @Test("every registered route has an entry in the policy's route table, and the table names no route that is gone")
    func everyRouteHasAnEntry() async throws {
        try await withTestApp { app in
            let registered = Set(app.app.routes.all.map(RouteAccess.key))
            let missing = registered.subtracting(RouteAccess.table.keys)
            #expect(missing.isEmpty, "routes without a policy entry: \(missing.sorted())")
            let stale = Set(RouteAccess.table.keys).subtracting(registered)
            #expect(stale.isEmpty, "policy entries for routes that do not exist: \(stale.sorted())")

            // A new route without an entry stops the app from starting.
            let extra = try await Application.make(.testing)
            extra.get("unlisted-route") { _ in "hello" }
            #expect(throws: RouteAccess.MissingEntries.self) { try RouteAccess.install(on: extra) }
            try await extra.asyncShutdown()
        }
    }

    @Test(
        "walked as a visitor, member, creator, clinician, coordinator, moderator, admin and suspended member, each route refuses exactly whom the policy refuses, in words"
    )
    func walk() async throws {
        try await withTestApp { app in
            let (walkers, values) = try await cast(app)
            // Logging out last, so that each walker stays signed in for the rest.
            let routes = app.app.routes.all.sorted { RouteAccess.key($0).hasSuffix("/logout") == false && RouteAccess.key($1).hasSuffix("/logout") }
            var refusals = 0
            for walker in walkers {
                let actor = try await actor(of: walker, app)
                for route in routes {
                    let action = try #require(RouteAccess.action(for: route))
                    let response = try await send(route, as: walker, values: values)
                    let label = "\(walker.kind) \(RouteAccess.key(route)) → \(response.status.code)"
                    switch AccessPolicy.decide(actor, action, at: app.clock.now) {
                    case .allowed:
                        #expect(response.status != .unauthorized, "\(label): the policy allows it, yet the route asks to log in")
                        if response.status == .forbidden {
                            #expect(
                                !response.text.contains("only") && !response.text.contains("suspended"),
                                "\(label): refused although allowed: \(response.text.prefix(200))")
                        }
                    case .refused(let refusal):
                        refusals += 1
                        let isPage = !(path(route, values).hasPrefix("/api/") || path(route, values).hasPrefix("/media/"))
                        switch refusal {
                        case .signInRequired where isPage && route.method == .GET:
                            #expect(response.status == .seeOther && response.location?.hasPrefix("/login?next=") == true, "\(label)")
                        case .signInRequired:
                            #expect(response.status == .unauthorized, "\(label)")
                        case .roleRequired, .suspended:
                            #expect(response.status == .forbidden, "\(label)")
                            #expect(
                                response.text.contains(refusal.reason.prefix(30)), "\(label): the refusal is not said in words: \(response.text.prefix(200))")
                        default:
                            Issue.record("\(label): unexpected route-level refusal \(refusal)")
                        }
                    }
                }
            }
            #expect(refusals > 0)
        }
    }

    func actor(of walker: Walker, _ app: TestApp) async throws -> Actor {
        guard let id = walker.userID else { return .visitor }
        let user = try #require(try await User.find(id, on: app.db))
        let roles = try await UserRole.query(on: app.db).filter(\.$user.$id == id).all().map(\.role)
        return Actor(userID: id, roles: Set(roles), suspension: user.suspension)
    }

    @Test(
        "staff routes (the moderation desk and licence review, API and pages; topic, practice and licence admin) answer 403 or 404 to visitors, members, creators, clinicians and coordinators; clinicians' routes (review notes) to all but clinicians"
    )
    func staffRoutes() async throws {
        try await withTestApp { app in
            let (walkers, values) = try await cast(app)
            // Staff routes; the clinicians' own routes (review notes) come after.
            let staff = app.app.routes.all.filter {
                guard case .role(let roles) = RouteAccess.action(for: $0)?.requirement else { return false }
                return !roles.contains(.clinician)
            }
            let clinicians = app.app.routes.all.filter { RouteAccess.action(for: $0)?.requirement == .role([.clinician]) }
            #expect(clinicians.count >= 6, "\(clinicians.map(RouteAccess.key))")
            #expect(!staff.isEmpty)
            // Every route under a /moderation path is the desk's (reports, licences), for moderators
            // and admins only.
            let desk = app.app.routes.all.filter { $0.path.contains { $0.description == "moderation" } }
            #expect(desk.count >= 10, "\(desk.map(RouteAccess.key))")
            for route in desk {
                #expect(RouteAccess.action(for: route)?.requirement == .role([.moderator, .admin]), "\(RouteAccess.key(route))")
            }
            // Every route under an /admin path (pages and API) is for site admins only.
            let admin = app.app.routes.all.filter { $0.path.contains { $0.description == "admin" } }
            #expect(admin.count >= 9, "\(admin.map(RouteAccess.key))")
            for route in admin {
                #expect(RouteAccess.action(for: route)?.requirement == .role([.admin]), "\(RouteAccess.key(route))")
            }
            for walker in walkers where [.visitor, .member, .creator, .clinician, .coordinator].contains(walker.kind) {
                for route in staff {
                    let status = try await send(route, as: walker, values: values).status
                    #expect(status == .forbidden || status == .notFound, "\(walker.kind) \(RouteAccess.key(route)) → \(status.code)")
                }
                for route in clinicians where walker.kind != .clinician {
                    let status = try await send(route, as: walker, values: values).status
                    #expect(status == .forbidden || status == .notFound, "\(walker.kind) \(RouteAccess.key(route)) → \(status.code)")
                }
            }
        }
    }

    @Test("a suspended member can read but not comment, like, follow, upload or edit their profile until the suspension ends, and can afterwards")
    func suspensionEnds() async throws {
        try await withTestApp { app in
            let (walkers, values) = try await cast(app)
            let suspended = try #require(walkers.first { $0.kind == .suspended }).browser
            let video = values["videoID"]!
            let csrf: HTTPHeaders = ["X-CSRF-Token": suspended.csrfToken ?? ""]
            #expect(try await suspended.get("/v/\(video)").status == .ok)
            #expect(try await suspended.get("/api/v1/feed").status == .ok)
            let comment = try await suspended.json(.POST, "/api/v1/videos/\(video)/comments", ["body": "Hello"], headers: csrf)
            #expect(comment.status == .forbidden)
            #expect(comment.text.contains("Your account is suspended until"), "\(comment.text)")
            #expect(try await suspended.json(.PUT, "/api/v1/videos/\(video)/like", headers: csrf).status == .forbidden)
            #expect(try await suspended.json(.PUT, "/api/v1/creators/walk_creator/follow", headers: csrf).status == .forbidden)
            #expect(
                try await suspended.send(.POST, "/api/v1/uploads", headers: csrf.merging(["Tus-Resumable": "1.0.0", "Upload-Length": "10"])).status
                    == .forbidden)
            let page = try await suspended.get("/upload")
            #expect(page.status == .forbidden && page.text.contains("suspended"), "the upload page says why: \(page.text.prefix(300))")
            // Saving stays private and possible; so does logging out (not tried here).
            #expect(try await suspended.json(.PUT, "/api/v1/videos/\(video)/save", headers: csrf).status == .ok)

            app.clock.advance(by: 7 * 86400 + 1)
            let after = try await suspended.json(.POST, "/api/v1/videos/\(video)/comments", ["body": "Hello again"], headers: csrf)
            #expect(after.status == .created, "\(after.text)")
            #expect(try await suspended.json(.PUT, "/api/v1/videos/\(video)/like", headers: csrf).status == .ok)
            #expect(try await suspended.json(.PUT, "/api/v1/creators/walk_creator/follow", headers: csrf).status == .ok)
        }
    }
}

extension HTTPHeaders {
    fileprivate func merging(_ other: [String: String]) -> HTTPHeaders {
        var headers = self
        for (name, value) in other { headers.replaceOrAdd(name: name, value: value) }
        return headers
    }
}
