import Vapor

/// Serves the OpenAPI 3.1 document kept at `Resources/openapi.json`. A test checks that it
/// names exactly the `/api` routes the server registers.
struct OpenAPIController: RouteCollection {
    let documentPath: String

    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "openapi.json", use: document)
    }

    func document(req: Request) async throws -> Response {
        guard let data = FileManager.default.contents(atPath: documentPath) else {
            throw Abort(.internalServerError, reason: "The API document is missing.")
        }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = .json
        return response
    }
}
