import Crypto
import Fluent
import Foundation
import Media
import MindreelCore
import Testing
import Vapor

@testable import App

/// Uploads cut off mid-body (the connection dropped) and resumed, as phones on bad networks do.
@Suite("tus resume after interruptions")
struct TusResumeTests {
    /// Sends `bytes` from `offset` in a PATCH that promises them all, but hangs up after `cut`.
    func cutPatch(port: Int, location: String, token: String, offset: Int, bytes: ArraySlice<UInt8>, cut: Int) throws {
        let fd = try RawHTTP.connect(port: port)
        defer { RawHTTP.hangUp(fd) }
        try RawHTTP.send(
            fd,
            "PATCH \(location) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\nTus-Resumable: 1.0.0\r\n"
                + "Upload-Offset: \(offset)\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: \(bytes.count)\r\n\r\n")
        try RawHTTP.send(fd, Array(bytes.prefix(cut)))
        // Give the server a moment to read what was sent before the line goes dead.
        usleep(100_000)
    }

    /// HEAD until the server has taken in the cut request (the offset moved past `previous`)
    /// and no writer holds the upload any more; then return the offset.
    func settledOffset(_ client: TusClient, _ location: String, _ app: TestApp, after previous: Int) async throws -> Int {
        for _ in 0..<200 {
            let upload = try await app.upload(at: location)
            if upload.leaseToken == nil, let offset = try await client.head(location).headers.first(name: "Upload-Offset").flatMap(Int.init),
                offset > previous
            {
                return offset
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSetupError("the server kept nothing of the interrupted request within 10 s")
    }

    @Test("an upload cut at random offsets and resumed is byte-identical to the original")
    func resumeLocal() async throws {
        try await withTestApp { app in
            try await runCutAndResume(app)
        }
    }

    func runCutAndResume(_ app: TestApp) async throws {
        let client = try await TusClient.make(app, handle: "phone_user")
        let original = randomBytes(3 * 1024 * 1024 + 123)
        let location = try await client.start(length: original.count)
        var generator = SystemRandomNumberGenerator()
        var cuts = 0
        var offsets: [Int] = []
        try await app.withLiveServer { (port: Int) -> Void in
            var offset = 0
            // Several drops at random points, then the rest in one go.
            while cuts < 4 {
                let remaining = original[offset...]
                let cut = Int.random(in: 1..<min(remaining.count, 900 * 1024), using: &generator)
                try cutPatch(port: port, location: location, token: client.token, offset: offset, bytes: remaining, cut: cut)
                let resumed = try await settledOffset(client, location, app, after: offset)
                #expect(resumed <= offset + cut)
                offsets.append(resumed)
                offset = resumed
                cuts += 1
            }
            let last = try await client.patch(location, offset: offset, bytes: Array(original[offset...]))
            #expect(last.status == .noContent, "\(last.text)")
        }
        let upload = try await app.upload(at: location)
        #expect(upload.state == .complete)
        let stored = try await collect(app.app.mindreel.storage, try #require(upload.storageKey))
        #expect(SHA256.hash(data: stored) == SHA256.hash(data: original))
        if stored != original {
            let first = zip(stored, original).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset
            Issue.record("stored \(stored.count) bytes, first difference at \(String(describing: first)); offsets \(offsets)")
        }
        #expect(app.fileSize(app.partialPath(location)) == nil)
    }
}

@Suite("tus resume, S3 storage")
struct TusResumeS3Tests {
    @Test("an upload cut at random offsets and resumed is byte-identical on the S3-compatible server")
    func resumeS3() async throws {
        let env = ProcessInfo.processInfo.environment
        guard let endpoint = env["TEST_S3_ENDPOINT"].flatMap(URL.init(string:)) else {
            throw TestSetupError("this test needs TEST_S3_ENDPOINT: run it through scripts/with-moto.sh, as make test does")
        }
        let bucket = "mindreel-resume-" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let storage = S3Storage(
            configuration: S3Configuration(
                endpoint: endpoint, bucket: bucket, accessKeyID: env["TEST_S3_ACCESS_KEY_ID"] ?? "mindreel-test",
                secretAccessKey: env["TEST_S3_SECRET_ACCESS_KEY"] ?? "mindreel-test-secret"),
            client: .shared)
        try await storage.createBucketIfMissing()
        try await withTestApp(storage: storage) { app in
            try await TusResumeTests().runCutAndResume(app)
        }
    }
}
