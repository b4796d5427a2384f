import Crypto
import Foundation
import NIOCore
import Vapor
import VaporTesting

@testable import App

/// An API client speaking tus with a bearer token, over the in-memory tester.
struct TusClient {
    let browser: Browser
    let token: String

    /// Signs up `handle` and logs in for a bearer token.
    static func make(_ app: TestApp, handle: String) async throws -> TusClient {
        _ = try await app.signedUpBrowser(handle: handle)
        let browser = try Browser(app)
        browser.origin = nil
        let login = try await browser.json(.POST, "/api/v1/auth/token", ["handle": handle, "password": TestApp.password])
        guard let token = login.json["token"] as? String else { throw TestSetupError("no token: \(login.text)") }
        return TusClient(browser: browser, token: token)
    }

    func headers(_ extra: HTTPHeaders = [:], tus: Bool = true) -> HTTPHeaders {
        var headers = extra
        headers.replaceOrAdd(name: .authorization, value: "Bearer \(token)")
        if tus, !headers.contains(name: "Tus-Resumable") { headers.replaceOrAdd(name: "Tus-Resumable", value: "1.0.0") }
        return headers
    }

    /// POST creation; returns the response (201 with Location on success).
    func create(length: Int?, metadata: String? = nil, extra: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var extra = extra
        if let length {
            extra.replaceOrAdd(name: "Upload-Length", value: String(length))
        } else if !extra.contains(name: "Upload-Defer-Length") {
            extra.replaceOrAdd(name: "Upload-Defer-Length", value: "1")
        }
        if let metadata { extra.replaceOrAdd(name: "Upload-Metadata", value: metadata) }
        return try await browser.send(.POST, "/api/v1/uploads", headers: headers(extra))
    }

    /// Creates an upload and returns its location.
    func start(length: Int?) async throws -> String {
        let response = try await create(
            length: length, metadata: "filename \(Data("clip.mp4".utf8).base64EncodedString()),filetype \(Data("video/mp4".utf8).base64EncodedString())")
        guard response.status == .created, let location = response.location else {
            throw TestSetupError("creation failed: \(response.status) \(response.text)")
        }
        return location
    }

    func head(_ location: String) async throws -> TestingHTTPResponse {
        try await browser.send(.HEAD, location, headers: headers())
    }

    func patch(_ location: String, offset: Int, bytes: [UInt8], checksum: String? = nil, extra: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var extra = extra
        if !extra.contains(name: .contentType) { extra.replaceOrAdd(name: .contentType, value: "application/offset+octet-stream") }
        extra.replaceOrAdd(name: "Upload-Offset", value: String(offset))
        if let checksum { extra.replaceOrAdd(name: "Upload-Checksum", value: checksum) }
        return try await browser.send(.PATCH, location, headers: headers(extra), body: ByteBuffer(bytes: bytes))
    }

    func delete(_ location: String) async throws -> TestingHTTPResponse {
        try await browser.send(.DELETE, location, headers: headers())
    }

    static func sha1(_ bytes: [UInt8]) -> String {
        Data(Insecure.SHA1.hash(data: bytes)).base64EncodedString()
    }
}

extension TestApp {
    /// Serves the app on a free loopback port for the duration of `body`.
    func withLiveServer<T>(_ body: (Int) async throws -> T) async throws -> T {
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        guard let port = app.http.server.shared.localAddress?.port else {
            await app.server.shutdown()
            throw TestSetupError("no port")
        }
        do {
            let result = try await body(port)
            await app.server.shutdown()
            return result
        } catch {
            await app.server.shutdown()
            throw error
        }
    }

    func upload(at location: String) async throws -> Upload {
        let id = UUID(uuidString: String(location.split(separator: "/").last!))!
        guard let upload = try await Upload.find(id, on: db) else { throw TestSetupError("no upload \(id)") }
        return upload
    }

    func partialPath(_ location: String) -> String {
        UploadFiles.partialPath(for: UUID(uuidString: String(location.split(separator: "/").last!))!, config: config)
    }

    func fileSize(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }
}

func randomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
}
