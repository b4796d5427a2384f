import Crypto
import Fluent
import Foundation
import Media
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// Each MUST of tus 1.0 (core, creation, creation-defer-length, termination, checksum,
/// expiration) with its own test.
@Suite("tus 1.0 protocol")
struct TusProtocolTests {
    @Test("OPTIONS advertises version, extensions, maximum size and checksum algorithms")
    func options() async throws {
        try await withTestApp { app in
            let response = try await Browser(app).send(.OPTIONS, "/api/v1/uploads")
            #expect(response.status == .noContent)
            #expect(response.headers.first(name: "Tus-Resumable") == "1.0.0")
            #expect(response.headers.first(name: "Tus-Version") == "1.0.0")
            #expect(response.headers.first(name: "Tus-Extension") == "creation,creation-defer-length,termination,checksum,expiration")
            #expect(response.headers.first(name: "Tus-Max-Size") == String(512 * 1024 * 1024))
            #expect(response.headers.first(name: "Tus-Checksum-Algorithm") == "sha1")
        }
    }

    @Test("a request without Tus-Resumable 1.0.0 gets 412 with Tus-Version, and nothing is created")
    func versionPrecondition() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "tus_ver")
            for version in [nil, "0.2.2"] {
                var headers: HTTPHeaders = ["Authorization": "Bearer \(client.token)", "Upload-Length": "10"]
                if let version { headers.replaceOrAdd(name: "Tus-Resumable", value: version) }
                let response = try await client.browser.send(.POST, "/api/v1/uploads", headers: headers)
                #expect(response.status == .preconditionFailed)
                #expect(response.headers.first(name: "Tus-Version") == "1.0.0")
                #expect(response.headers.first(name: "Tus-Resumable") == "1.0.0")
            }
            #expect(try await Upload.query(on: app.db).count() == 0)
        }
    }

    @Test("creation answers 201 with Location and Upload-Expires")
    func creation() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "tus_create")
            let response = try await client.create(length: 100, metadata: "filename \(Data("../../etc/my clip.mp4".utf8).base64EncodedString())")
            #expect(response.status == .created)
            #expect(response.headers.first(name: "Tus-Resumable") == "1.0.0")
            let location = try #require(response.location)
            #expect(location.hasPrefix("/api/v1/uploads/"))
            #expect(response.headers.first(name: "Upload-Expires")?.hasSuffix("GMT") == true)
            let upload = try await app.upload(at: location)
            #expect(upload.filename == "my clip.mp4")  // folders dropped: display only
            #expect(app.fileSize(app.partialPath(location)) == 0)
        }
    }

    @Test("creation needs a length or a deferred length, and well-formed metadata")
    func creationInput() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "tus_input")
            let none = try await client.browser.send(.POST, "/api/v1/uploads", headers: client.headers())
            #expect(none.status == .badRequest)
            #expect(none.problemFields == ["Upload-Length"])
            #expect(try await client.create(length: nil, extra: ["Upload-Defer-Length": "2"]).status == .badRequest)
            #expect(try await client.create(length: 10, metadata: "filename not-base64!").status == .badRequest)
            let negative = try await client.browser.send(.POST, "/api/v1/uploads", headers: client.headers(["Upload-Length": "-5"]))
            #expect(negative.status == .badRequest)
            #expect(negative.problemFields == ["Upload-Length"])
            #expect(try await Upload.query(on: app.db).count() == 0)
        }
    }

    @Test("a declared length over the maximum is refused with 413 at creation")
    func creationTooLarge() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "tus_big")
            let response = try await client.create(length: 512 * 1024 * 1024 + 1)
            #expect(response.status == .payloadTooLarge)
            #expect(response.text.contains("512 MiB"))
            #expect(try await Upload.query(on: app.db).count() == 0)
        }
    }

    @Test("HEAD gives Upload-Offset, Upload-Length, Upload-Expires and Cache-Control: no-store")
    func headOffset() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "tus_head")
            let location = try await client.start(length: 20)
            #expect(try await client.patch(location, offset: 0, bytes: Array(repeating: 7, count: 8)).status == .noContent)
            let head = try await client.head(location)
            #expect(head.status == .ok)
            #expect(head.headers.first(name: "Upload-Offset") == "8")
            #expect(head.headers.first(name: "Upload-Length") == "20")
            #expect(head.headers.first(name: .cacheControl) == "no-store")
            #expect(head.headers.first(name: "Upload-Expires") != nil)
            #expect(head.headers.first(name: "Upload-Metadata")?.hasPrefix("filename ") == true)
            #expect(head.headers.first(name: "Tus-Resumable") == "1.0.0")
        }
    }

    @Test("PATCH answers 204 with the new offset and appends the bytes")
    func patchAppends() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "tus_patch")
            let bytes = randomBytes(3000)
            let location = try await client.start(length: 3000)
            let first = try await client.patch(location, offset: 0, bytes: Array(bytes[0..<1000]))
            #expect(first.status == .noContent)
            #expect(first.headers.first(name: "Upload-Offset") == "1000")
            #expect(first.headers.first(name: "Upload-Expires") != nil)
            #expect(try await client.patch(location, offset: 1000, bytes: Array(bytes[1000...])).headers.first(name: "Upload-Offset") == "3000")
            let upload = try await app.upload(at: location)
            #expect(upload.state == .complete)
            #expect(app.fileSize(app.partialPath(location)) == nil)  // moved to storage
            let stored = try await collect(app.app.mindreel.storage, try #require(upload.storageKey))
            #expect(stored == bytes)
        }
    }

    @Test("an offset that does not match gets 409 and changes nothing")
    func offsetConflict() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "tus_conflict")
            let location = try await client.start(length: 100)
            _ = try await client.patch(location, offset: 0, bytes: Array(repeating: 1, count: 10))
            let response = try await client.patch(location, offset: 5, bytes: Array(repeating: 2, count: 10))
            #expect(response.status == .conflict)
            #expect(response.headers.first(name: "Tus-Resumable") == "1.0.0")
            #expect(try await app.upload(at: location).offset == 10)
            #expect(app.fileSize(app.partialPath(location)) == 10)
        }
    }

    @Test("a PATCH with another content type gets 415 and changes nothing")
    func contentType() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "tus_type")
            let location = try await client.start(length: 100)
            let response = try await client.patch(location, offset: 0, bytes: [1, 2, 3], extra: ["Content-Type": "application/octet-stream"])
            #expect(response.status == .unsupportedMediaType)
            #expect(try await app.upload(at: location).offset == 0)
            #expect(app.fileSize(app.partialPath(location)) == 0)
        }
    }

    @Test("a checksum mismatch gets 460 with nothing stored; a right checksum is accepted")
    func checksum() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "tus_sum")
            let bytes = randomBytes(500)
            let location = try await client.start(length: 1000)
            let wrong = try await client.patch(location, offset: 0, bytes: bytes, checksum: "sha1 \(TusClient.sha1([1, 2, 3]))")
            #expect(wrong.status.code == 460)
            #expect(try await app.upload(at: location).offset == 0)
            #expect(app.fileSize(app.partialPath(location)) == 0)
            let right = try await client.patch(location, offset: 0, bytes: bytes, checksum: "sha1 \(TusClient.sha1(bytes))")
            #expect(right.status == .noContent)
            #expect(right.headers.first(name: "Upload-Offset") == "500")
            let md5 = try await client.patch(location, offset: 500, bytes: bytes, checksum: "md5 AAAA")
            #expect(md5.status == .badRequest)
            #expect(md5.headers.first(name: "Tus-Checksum-Algorithm") == "sha1")
        }
    }

    @Test("bytes past the declared length get 413 and nothing is stored")
    func pastDeclaredLength() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "tus_past")
            let location = try await client.start(length: 10)
            let response = try await client.patch(location, offset: 0, bytes: Array(repeating: 1, count: 11))
            #expect(response.status == .payloadTooLarge)
            #expect(try await app.upload(at: location).offset == 0)
            #expect(app.fileSize(app.partialPath(location)) == 0)
        }
    }

    @Test("a deferred length can be declared later and the upload completes")
    func deferredLength() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "tus_defer")
            let location = try await client.start(length: nil)
            let head = try await client.head(location)
            #expect(head.headers.first(name: "Upload-Defer-Length") == "1")
            #expect(head.headers.first(name: "Upload-Length") == nil)
            #expect(try await client.patch(location, offset: 0, bytes: Array(repeating: 4, count: 6)).status == .noContent)
            let last = try await client.patch(location, offset: 6, bytes: Array(repeating: 5, count: 4), extra: ["Upload-Length": "10"])
            #expect(last.status == .noContent)
            #expect(try await app.upload(at: location).state == .complete)
        }
    }

    @Test("deferred length: once the bytes pass the maximum, 413 and the partial upload is gone")
    func deferredOverLimit() async throws {
        var config = UploadPolicy()
        config.maxBytes = 64 * 1024
        try await withTestApp(uploadPolicy: config) { app in
            let client = try await TusClient.make(app, handle: "tus_defer_big")
            // With a Content-Length the server refuses before reading.
            let first = try await client.start(length: nil)
            #expect(try await client.patch(first, offset: 0, bytes: randomBytes(40 * 1024)).status == .noContent)
            let over = try await client.patch(first, offset: 40 * 1024, bytes: randomBytes(40 * 1024))
            #expect(over.status == .payloadTooLarge)
            #expect(over.text.contains("discarded"))
            #expect(app.fileSize(app.partialPath(first)) == nil)
            #expect(try await client.head(first).status == .notFound)

            // Without one (chunked), the server stops reading when the limit is passed.
            let second = try await client.start(length: nil)
            let reply = try await app.withLiveServer { port in
                let fd = try RawHTTP.connect(port: port)
                defer { RawHTTP.hangUp(fd) }
                try RawHTTP.send(
                    fd,
                    "PATCH \(second) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(client.token)\r\nTus-Resumable: 1.0.0\r\n"
                        + "Upload-Offset: 0\r\nContent-Type: application/offset+octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                let chunk = randomBytes(16 * 1024)
                for _ in 0..<8 {
                    try? RawHTTP.send(fd, String(chunk.count, radix: 16) + "\r\n")
                    try? RawHTTP.send(fd, chunk)
                    try? RawHTTP.send(fd, "\r\n")
                }
                try? RawHTTP.send(fd, "0\r\n\r\n")
                return try RawHTTP.readReply(fd)
            }
            #expect(reply.status == 413)
            #expect(reply.headers["tus-resumable"] == "1.0.0")
            #expect(app.fileSize(app.partialPath(second)) == nil)
            #expect(try await Upload.query(on: app.db).count() == 0)
        }
    }

    @Test("a finished file that is not a video is refused by the last PATCH with the reason; nothing of it stays")
    func notAVideo() async throws {
        try await withTestApp(mediaTools: FakeMediaTools(uploadRejection: "This file could not be read as a video. It may be damaged or not a video.")) { app in
            let client = try await TusClient.make(app, handle: "tus_not_video")
            let location = try await client.start(length: 100)
            #expect(try await client.patch(location, offset: 0, bytes: Array(repeating: 65, count: 60)).status == .noContent, "a part is not checked")
            let last = try await client.patch(location, offset: 60, bytes: Array(repeating: 65, count: 40))
            #expect(last.status == .unprocessableEntity)
            #expect(last.headers.first(name: "Tus-Resumable") == "1.0.0")
            #expect(last.problemFields == ["file"])
            #expect(
                last.json["detail"] as? String
                    == "This file could not be read as a video. It may be damaged or not a video. Choose another file to upload; this one was not kept.")
            #expect(try await client.head(location).status == .notFound)
            #expect(app.fileSize(app.partialPath(location)) == nil)
            #expect(try await Upload.query(on: app.db).count() == 0)
            let id = try #require(UUID(uuidString: String(location.split(separator: "/").last!)))
            #expect(try await app.app.mindreel.storage.size(of: UploadFiles.storageKey(for: id)) == nil)

            // An empty file is finished at creation, so it is refused there.
            let empty = try await client.create(length: 0)
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.location == nil)
            #expect(try await Upload.query(on: app.db).count() == 0)
            #expect(try await Video.query(on: app.db).count() == 0)
        }
    }

    @Test("DELETE answers 204; afterwards the upload and its file are gone")
    func termination() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "tus_delete")
            let location = try await client.start(length: 100)
            _ = try await client.patch(location, offset: 0, bytes: Array(repeating: 9, count: 50))
            #expect(try await client.delete(location).status == .noContent)
            #expect(try await client.head(location).status == .notFound)
            #expect(try await client.patch(location, offset: 50, bytes: [1]).status == .notFound)
            #expect(try await client.delete(location).status == .notFound)
            #expect(app.fileSize(app.partialPath(location)) == nil)
        }
    }

    @Test("uploads belong to their creator: another account gets 404 for every method, a visitor 401")
    func ownership() async throws {
        try await withTestApp { app in
            let owner = try await TusClient.make(app, handle: "tus_owner")
            let other = try await TusClient.make(app, handle: "tus_other")
            let location = try await owner.start(length: 100)
            _ = try await owner.patch(location, offset: 0, bytes: Array(repeating: 1, count: 10))

            #expect(try await other.head(location).status == .notFound)
            #expect(try await other.patch(location, offset: 10, bytes: [2, 2]).status == .notFound)
            #expect(try await other.delete(location).status == .notFound)
            let list = try await other.browser.send(.GET, "/api/v1/uploads", headers: other.headers())
            #expect((list.json["items"] as? [Any])?.isEmpty == true)

            let visitor = try Browser(app)
            #expect(try await visitor.send(.HEAD, location, headers: ["Tus-Resumable": "1.0.0"]).status == .unauthorized)
            #expect(try await visitor.send(.POST, "/api/v1/uploads", headers: ["Tus-Resumable": "1.0.0", "Upload-Length": "5"]).status == .unauthorized)

            #expect(try await app.upload(at: location).offset == 10)
            #expect(try await owner.head(location).status == .ok)
        }
    }

    @Test("an account may have a limited number of unfinished uploads")
    func activeLimit() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "tus_many")
            for _ in 0..<UploadPolicy().maxActivePerAccount { _ = try await client.start(length: 10) }
            let refused = try await client.create(length: 10)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("unfinished uploads"))
            let list = try await client.browser.send(.GET, "/api/v1/uploads", headers: client.headers())
            #expect((list.json["items"] as? [Any])?.count == UploadPolicy().maxActivePerAccount)
        }
    }

    @Test("while one request writes, another gets 423")
    func oneWriterAtATime() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "tus_lock")
            let location = try await client.start(length: 100)
            let upload = try await app.upload(at: location)
            let lease = try #require(try await UploadLease.acquire(uploadID: upload.requireID(), now: app.clock.now, on: app.db))
            #expect(try await client.patch(location, offset: 0, bytes: [1, 2, 3]).status == .locked)
            try await lease.release(on: app.db)
            #expect(try await client.patch(location, offset: 0, bytes: [1, 2, 3]).status == .noContent)
        }
    }

    @Test("expired partial uploads and their files are removed by the periodic job")
    func expiry() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "tus_expire")
            let stale = try await client.start(length: 100)
            _ = try await client.patch(stale, offset: 0, bytes: Array(repeating: 3, count: 40))
            app.clock.advance(by: 20 * 3600)
            let fresh = try await client.start(length: 100)
            app.clock.advance(by: 5 * 3600)  // stale: 25 h since its last byte; fresh: 5 h

            let purged = try await Maintenance.purgeExpired(on: app.db, now: app.clock.now, context: app.app.mindreel)
            #expect(purged.uploads == 1)
            #expect(app.fileSize(app.partialPath(stale)) == nil)
            #expect(try await client.head(stale).status == .notFound)
            #expect(try await client.head(fresh).status == .ok)
            #expect(app.fileSize(app.partialPath(fresh)) == 0)
        }
    }

    @Test("an upload past its expiry answers 410 even before the job runs")
    func expiredAnswersGone() async throws {
        try await withTestApp { app in
            let client = try await TusClient.make(app, handle: "tus_gone")
            let location = try await client.start(length: 100)
            app.clock.advance(by: 25 * 3600)
            #expect(try await client.head(location).status == .gone)
            #expect(app.fileSize(app.partialPath(location)) == nil)
        }
    }
}

/// Reads a whole stored object (test sizes only).
func collect(_ storage: any MediaStorage, _ key: String) async throws -> [UInt8] {
    var bytes = [UInt8]()
    for try await chunk in try await storage.read(Media.StorageKey(key)!, range: nil) {
        bytes.append(contentsOf: chunk.readableBytesView)
    }
    return bytes
}
