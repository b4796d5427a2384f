import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("API contract")
struct OpenAPITests {
    /// `/api/v1/tokens/:tokenID` → `/api/v1/tokens/{tokenID}`.
    static func openAPIPath(_ route: Route) -> String {
        "/"
            + route.path.map { component -> String in
                switch component {
                case .constant(let value): return value
                case .parameter(let name): return "{\(name)}"
                case .anything: return "*"
                case .catchall: return "**"
                }
            }.joined(separator: "/")
    }

    @Test("the OpenAPI document names exactly the registered /api routes")
    func documentMatchesRoutes() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).get("/api/openapi.json")
            #expect(response.status == .ok)
            let document = response.json
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var documented = Set<String>()
            for (path, operations) in paths {
                for method in operations.keys where ["get", "post", "put", "patch", "delete", "head", "options"].contains(method) {
                    documented.insert("\(method.uppercased()) \(path)")
                }
            }
            let registered = Set(
                app.app.routes.all
                    .filter { Self.openAPIPath($0).hasPrefix("/api/") }
                    .map { "\($0.method.rawValue) \(Self.openAPIPath($0))" })
            #expect(registered.subtracting(documented).isEmpty, "routes missing from the document: \(registered.subtracting(documented).sorted())")
            #expect(documented.subtracting(registered).isEmpty, "documented routes that do not exist: \(documented.subtracting(registered).sorted())")
            #expect(registered.count >= 12)
        }
    }

    @Test("API responses use snake_case keys")
    func snakeCase() async throws {
        try await withTestApp { app in
            let member = try await app.signedUpBrowser(handle: "snake_keys")
            let me = try await member.get("/api/v1/me")
            #expect(me.json["display_name"] as? String == "Test snake_keys")
            #expect(me.json["is_minor"] != nil)
            #expect(me.json["displayName"] == nil)
        }
    }
}
