import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import Testing

@testable import Media

/// The storage implementations the shared contract suite runs against.
///
/// S3 runs against the server named by `TEST_S3_ENDPOINT` (scripts/with-moto.sh starts one and
/// sets it, with keys moto checks signatures against); without it only local disk is tested.
enum StorageBackend: String, Sendable, CustomTestStringConvertible {
    case localDisk = "local disk"
    case s3 = "S3"

    var testDescription: String { rawValue }

    /// Both, always: without a server the S3 cases fail and say how to run them, rather than
    /// quietly not running.
    static var all: [StorageBackend] { [.localDisk, .s3] }

    /// Runs `body` with a fresh, empty storage and a scratch folder for source files, then
    /// removes both. Each S3 run gets its own bucket, so tests can run in parallel.
    func withStorage(_ body: (any MediaStorage, Scratch) async throws -> Void) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        switch self {
        case .localDisk:
            try await body(LocalDiskStorage(root: scratch.path("store")), scratch)
        case .s3:
            let server = try S3TestServer.required()
            let storage = S3Storage(configuration: server.configuration(bucket: S3TestServer.uniqueBucket()), client: .shared)
            try await storage.createBucketIfMissing()
            try await body(storage, scratch)
        }
    }
}

/// The S3-compatible server of this test run.
struct S3TestServer: Sendable, CustomTestStringConvertible {
    var testDescription: String { endpoint.absoluteString }

    var endpoint: URL
    var accessKeyID: String
    var secretAccessKey: String
    /// Whether the server checks signatures against these keys (with-moto.sh sets it up so).
    var checksSignatures: Bool

    static let current: S3TestServer? = {
        let environment = ProcessInfo.processInfo.environment
        guard let value = environment["TEST_S3_ENDPOINT"], !value.isEmpty, let endpoint = URL(string: value) else { return nil }
        let accessKeyID = environment["TEST_S3_ACCESS_KEY_ID"]
        let secret = environment["TEST_S3_SECRET_ACCESS_KEY"]
        return S3TestServer(
            endpoint: endpoint, accessKeyID: accessKeyID ?? "mindreel-test", secretAccessKey: secret ?? "mindreel-test-secret",
            checksSignatures: accessKeyID != nil && secret != nil)
    }()

    /// The server, or an error that says how to get one.
    static func required() throws -> S3TestServer {
        guard let current else {
            throw S3TestServerMissing()
        }
        return current
    }

    func configuration(bucket: String, secretAccessKey: String? = nil) -> S3Configuration {
        S3Configuration(
            endpoint: endpoint, bucket: bucket, region: "us-east-1", accessKeyID: accessKeyID,
            secretAccessKey: secretAccessKey ?? self.secretAccessKey)
    }

    static func uniqueBucket() -> String {
        "mindreel-test-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
    }
}

/// A temporary folder, removed by `remove()`.
struct Scratch {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("mindreel-storage-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    /// Writes `bytes` to a new file in the folder and returns its path.
    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = self.path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

enum Bytes {
    static func random(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { buffer in
            var index = 0
            while index < buffer.count {
                var word = generator.next()
                let n = min(8, buffer.count - index)
                withUnsafeBytes(of: &word) { buffer.baseAddress!.advanced(by: index).copyMemory(from: $0.baseAddress!, byteCount: n) }
                index += n
            }
        }
        return bytes
    }

    static func sha256(_ bytes: some Sequence<UInt8>) -> String {
        SignatureV4.hex(SHA256.hash(data: Array(bytes)))
    }
}

/// What a reader received: the bytes and how many chunks they came in.
struct Received {
    var bytes: [UInt8] = []
    var chunks = 0
}

extension MediaStorage {
    func readAll(_ key: StorageKey, range: ClosedRange<Int64>? = nil) async throws -> Received {
        var received = Received()
        for try await chunk in try await read(key, range: range) {
            received.bytes += chunk.readableBytesView
            received.chunks += 1
        }
        return received
    }
}

extension StorageKey {
    /// A key for a test; the literal is known to be valid.
    static func test(_ value: String) -> StorageKey { StorageKey(value)! }
}

struct S3TestServerMissing: Error, CustomStringConvertible {
    var description: String {
        "The S3 storage tests need an S3-compatible server: run them through scripts/with-moto.sh (make test does), "
            + "which starts moto_server and sets TEST_S3_ENDPOINT, TEST_S3_ACCESS_KEY_ID and TEST_S3_SECRET_ACCESS_KEY."
    }
}
