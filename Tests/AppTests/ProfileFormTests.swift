import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import App

@Suite("Profile form")
struct ProfileFormTests {
    /// A multipart body as a browser sends the profile form: the fields, then the picture.
    func multipart(_ fields: [String: String], picture: [UInt8], boundary: String) -> ByteBuffer {
        var body = ByteBuffer()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"phone-photo.jpg\"\r\n")
        body.writeString("Content-Type: image/jpeg\r\n\r\n")
        body.writeBytes(picture)
        body.writeString("\r\n--\(boundary)--\r\n")
        return body
    }

    @Test("a picture over the limit is refused in words beside the field, or on a page that says so; nothing is saved")
    func pictureTooLarge() async throws {
        // A limit of 1 MiB here: the same paths as 15 MiB, without parsing megabytes in a debug build.
        try await withTestApp(maxAvatarBytes: 1024 * 1024) { app in
            let signedIn = try await app.signedUpBrowser(handle: "big_photo")
            // Over a real socket, so the body limits apply as they do in production.
            let browser = try Browser(app, tester: try app.app.testing(method: .running(hostname: "127.0.0.1", port: 0)))
            browser.cookies = signedIn.cookies
            #expect(try await browser.get("/settings/profile").text.contains("up to 1 MB"))
            let boundary = "mindreel-test-boundary"
            let headers: HTTPHeaders = ["Content-Type": "multipart/form-data; boundary=\(boundary)"]
            let fields = ["csrf_token": browser.csrfToken ?? "", "display_name": "Renamed Person", "bio": "", "links": ""]

            // A little over: the form comes back with the reason beside the picture field.
            let over = [UInt8](repeating: 0xFF, count: app.config.maxAvatarBytes + 200_000)
            let refused = try await browser.send(.POST, "/settings/profile", headers: headers, body: multipart(fields, picture: over, boundary: boundary))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("id=\"avatar-error\""))
            #expect(refused.text.contains("a profile picture can be at most 1 MB"))

            // Far over: a page that says what happened and what to do, not a bare status.
            let huge = [UInt8](repeating: 0xFF, count: app.config.multipartFormLimit + 1_000_000)
            let tooLarge = try await browser.send(.POST, "/settings/profile", headers: headers, body: multipart(fields, picture: huge, boundary: boundary))
            #expect(tooLarge.status == .payloadTooLarge)
            #expect(tooLarge.text.contains("That file is too large"))
            #expect(tooLarge.text.contains("a profile picture can be at most 1 MB"))

            // Neither changed the profile or left a file behind.
            let user = try #require(try await User.query(on: app.app.db).filter(\.$handle == "big_photo").first())
            #expect(user.displayName != "Renamed Person")
            #expect(user.avatarKey == nil)
            let avatars = (try? FileManager.default.contentsOfDirectory(atPath: app.config.mediaDirectory + "/avatars")) ?? []
            #expect(avatars.isEmpty)
            let work = (try? FileManager.default.contentsOfDirectory(atPath: app.config.dataDirectory + "/work")) ?? []
            #expect(work.allSatisfy { !$0.hasPrefix("avatar-") })
        }
    }
}
