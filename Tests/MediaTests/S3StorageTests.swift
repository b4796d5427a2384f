import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import Media

/// What only the S3 implementation has: addressing, S3's error codes, signatures checked by the
/// server. The behaviour both implementations share is in `StorageContractTests`.
@Suite("S3 storage")
struct S3StorageTests {
    static let key = StorageKey.test("videos/0f8c2a1e-1111-4222-8333-944455556666/original")

    static func storage(endpoint: String, bucket: String = "media", pathStyle: Bool = true) -> S3Storage {
        S3Storage(
            configuration: S3Configuration(
                endpoint: URL(string: endpoint)!, bucket: bucket, accessKeyID: "AKID", secretAccessKey: "secret", usesPathStyle: pathStyle),
            client: .shared)
    }

    @Test("object URLs: endpoint/bucket/key in path style, bucket.host/key otherwise")
    func urls() {
        #expect(Self.storage(endpoint: "http://127.0.0.1:9000").url(for: Self.key) == "http://127.0.0.1:9000/media/\(Self.key.value)")
        #expect(Self.storage(endpoint: "http://127.0.0.1:9000/").url(for: Self.key) == "http://127.0.0.1:9000/media/\(Self.key.value)")
        #expect(
            Self.storage(endpoint: "https://s3.eu-west-1.amazonaws.com", pathStyle: false).url(for: Self.key)
                == "https://media.s3.eu-west-1.amazonaws.com/\(Self.key.value)")
        #expect(Self.storage(endpoint: "http://[::1]:9000").url(for: Self.key) == "http://[::1]:9000/media/\(Self.key.value)")
    }

    @Test("the configuration's description never shows the secret")
    func description() {
        let configuration = Self.storage(endpoint: "http://127.0.0.1:9000").configuration
        #expect(!String(describing: configuration).contains("secret"))
        #expect(String(describing: configuration).contains("AKID"))
    }

    @Test("S3's error code is read from its XML error document")
    func errorCode() {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>media</BucketName></Error>
            """
        #expect(S3Storage.errorCode(inXML: xml) == "NoSuchBucket")
        #expect(S3Storage.errorCode(inXML: "<html>bad gateway</html>") == nil)
        #expect(S3Storage.errorCode(inXML: "") == nil)
    }

    /// Some S3-compatible servers answer a ranged GET with 200 and the whole object.
    @Test("from a whole body, only the requested range is handed out")
    func window() async throws {
        let bytes = Array(0..<100).map { UInt8($0) }
        let chunks = stride(from: 0, to: 100, by: 30).map { ByteBuffer(bytes: bytes[$0..<min($0 + 30, 100)]) }
        let body = HTTPClientResponse.Body.stream(
            AsyncStream { continuation in
                for chunk in chunks { continuation.yield(chunk) }
                continuation.finish()
            })
        let reader = ResponseBodyReader(iterator: body.makeAsyncIterator(), window: .init(skip: 25, limit: 40))
        var received: [UInt8] = []
        while let chunk = try await reader.next() { received += chunk.readableBytesView }
        #expect(received == Array(bytes[25..<65]))
    }

    // MARK: - Against the test server

    @Test("a request signed with the wrong secret is refused")
    func wrongSecret() async throws {
        let server = try S3TestServer.required()
        #expect(server.checksSignatures, "the test server must check signatures (scripts/with-moto.sh sets that up)")
        let bucket = S3TestServer.uniqueBucket()
        try await S3Storage(configuration: server.configuration(bucket: bucket), client: .shared).createBucketIfMissing()
        let impostor = S3Storage(configuration: server.configuration(bucket: bucket, secretAccessKey: "not-the-secret"), client: .shared)

        await #expect(throws: StorageError.backend(status: 403, reason: "SignatureDoesNotMatch")) {
            try await impostor.read(Self.key, range: nil)
        }
    }

    @Test("a missing bucket is a backend error, not a missing object")
    func missingBucket() async throws {
        let server = try S3TestServer.required()
        let storage = S3Storage(configuration: server.configuration(bucket: S3TestServer.uniqueBucket()), client: .shared)
        let scratch = try Scratch()
        defer { scratch.remove() }

        await #expect(throws: StorageError.backend(status: 404, reason: "NoSuchBucket")) {
            try await storage.store(fileAt: try scratch.file("upload", [1, 2, 3]), as: Self.key, contentType: "video/mp4")
        }
        await #expect(throws: StorageError.backend(status: 404, reason: "NoSuchBucket")) { try await storage.read(Self.key, range: nil) }
    }

    @Test("creating the bucket twice is fine")
    func createTwice() async throws {
        let server = try S3TestServer.required()
        let storage = S3Storage(configuration: server.configuration(bucket: S3TestServer.uniqueBucket()), client: .shared)
        try await storage.createBucketIfMissing()
        try await storage.createBucketIfMissing()
        #expect(try await storage.size(of: Self.key) == nil)
    }

    @Test("a missing source file fails the store and stores nothing")
    func missingSource() async throws {
        let server = try S3TestServer.required()
        let storage = S3Storage(configuration: server.configuration(bucket: S3TestServer.uniqueBucket()), client: .shared)
        try await storage.createBucketIfMissing()

        await #expect(throws: (any Error).self) {
            try await storage.store(fileAt: "/nonexistent/mindreel/upload", as: Self.key, contentType: "video/mp4")
        }
        #expect(try await storage.size(of: Self.key) == nil)
    }
}
