import Foundation
import Media
import Vapor

/// Profile pictures in storage: `avatars/<user id>-<random>.jpg`. A new picture gets a new
/// name, so the old URL can be cached forever and never shows the new one by mistake.
enum AvatarFiles {
    static func newKey(for userID: UUID) -> Media.StorageKey {
        Media.StorageKey("avatars/\(userID.uuidString.lowercased())-\(UUID().uuidString.lowercased().prefix(8)).jpg")!
    }

    static func url(of user: User) -> String? {
        url(ofKey: user.avatarKey)
    }

    static func url(ofKey key: String?) -> String? {
        guard let key, let name = key.split(separator: "/").last else { return nil }
        return "/media/avatars/\(name)"
    }
}

/// `/media/avatars/{file}`: profile pictures, streamed through Mindreel.
struct AvatarMediaController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("media", "avatars", ":file", use: serve)
    }

    func serve(req: Request) async throws -> Response {
        guard let file = req.parameters.get("file"), file.hasSuffix(".jpg"), file.count > 36,
            let userID = UUID(uuidString: String(file.prefix(36))), let user = try await User.find(userID, on: req.db),
            let stored = user.avatarKey, stored == "avatars/\(file)", let key = Media.StorageKey(stored),
            let size = try await req.mindreel.storage.size(of: key)
        else {
            throw HTTPProblem(.notFound, detail: "There is no such picture.")
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "image/jpeg")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        let chunks = try await req.mindreel.storage.read(key, range: nil)
        return Response(status: .ok, headers: headers, body: .streaming(chunks, count: Int(size)))
    }
}
