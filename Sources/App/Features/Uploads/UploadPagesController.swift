import Vapor

/// `/upload`: pick or drop a file; a tus client in `Public/js/upload.js` sends it.
struct UploadPagesController: RouteCollection {
    struct UploadPage: Encodable {
        let layout: LayoutContext
        let maxBytes: Int64
        let maxSizeLabel: String
        /// Bytes per PATCH: small enough that a retry repeats little, big enough to be fast.
        let chunkBytes: Int
    }

    static let chunkBytes = 8 * 1024 * 1024

    func boot(routes: any RoutesBuilder) throws {
        routes.get("upload", use: page)
    }

    func page(req: Request) async throws -> View {
        let policy = req.mindreel.config.uploadPolicy
        return try await req.view.render(
            "uploads/new",
            UploadPage(
                layout: LayoutContext(request: req, title: "Upload a video"), maxBytes: policy.maxBytes,
                maxSizeLabel: policy.maxSizeLabel, chunkBytes: Self.chunkBytes))
    }
}
