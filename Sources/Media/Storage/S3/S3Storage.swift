import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOPosix

/// Media in an S3-compatible bucket, over AsyncHTTPClient with AWS Signature V4.
///
/// Uploads are one streamed PUT (the file is read twice in chunks: once for its SHA-256,
/// which S3 checks against `x-amz-content-sha256`, once to send it); reads stream the
/// response body with the HTTP client's own backpressure. The `HTTPClient` belongs to the
/// caller, which also shuts it down.
public struct S3Storage: MediaStorage {
    public let configuration: S3Configuration
    let client: HTTPClient
    let signer: SignatureV4
    let fileIO: NonBlockingFileIO
    let chunkSize: Int
    let requestTimeout: TimeAmount

    /// Uploads get `requestTimeout` plus the time this rate needs for the file: a 512 MiB
    /// upload may take minutes on a slow link, but one that stalls must end.
    static let slowestUploadBytesPerSecond: Int64 = 1 << 20
    /// Error bodies are small XML documents; anything longer is not one.
    static let errorBodyLimit = 64 * 1024

    public init(
        configuration: S3Configuration, client: HTTPClient, threadPool: NIOThreadPool = .singleton, chunkSize: Int = 256 * 1024,
        requestTimeout: TimeAmount = .seconds(30)
    ) {
        self.configuration = configuration
        self.client = client
        self.signer = SignatureV4(credentials: configuration.credentials, region: configuration.region, service: "s3")
        self.fileIO = NonBlockingFileIO(threadPool: threadPool)
        self.chunkSize = chunkSize
        self.requestTimeout = requestTimeout
    }

    // MARK: - MediaStorage

    public func store(fileAt path: String, as key: StorageKey, contentType: String) async throws {
        let (size, sha256) = try await hashFile(at: path)
        // LocalDiskStorage's reader: a file that shrank since hashing ends the body early, and
        // the HTTP client refuses a body shorter than the announced length.
        let reader = FileChunkReader(path: path, fileIO: fileIO, start: 0, end: size - 1, chunkSize: chunkSize)
        let chunks = AsyncThrowingStream<ByteBuffer, any Error>(unfolding: { try await reader.next() })
        let timeout = requestTimeout + .seconds(size / Self.slowestUploadBytesPerSecond)
        let response = try await send(
            "PUT", key: key, headers: [("Content-Type", contentType)], payload: .sha256(sha256),
            body: .stream(chunks, length: .known(size)), timeout: timeout)
        guard (200..<300).contains(response.status.code) else { throw await Self.backendError(response) }
        try await Self.discardBody(response)
    }

    public func size(of key: StorageKey) async throws -> Int64? {
        let response = try await send("HEAD", key: key)
        switch response.status.code {
        case 200..<300:
            guard let length = response.headers.first(name: "content-length").flatMap({ Int64($0) }) else {
                throw StorageError.backend(status: Int(response.status.code), reason: "no Content-Length")
            }
            return length
        case 404:
            return nil
        default:
            throw await Self.backendError(response)
        }
    }

    public func read(_ key: StorageKey, range: ClosedRange<Int64>?) async throws -> AsyncThrowingStream<ByteBuffer, any Error> {
        var headers: [(String, String)] = []
        if let range {
            guard range.lowerBound >= 0 else { throw StorageError.invalidRange }
            // S3 answers a range ending past the object with the bytes up to its end, as
            // LocalDiskStorage does; a range starting past the end is 416.
            headers.append(("Range", "bytes=\(range.lowerBound)-\(range.upperBound)"))
        }
        let response = try await send("GET", key: key, headers: headers)
        let window: ResponseBodyReader.Window
        switch response.status.code {
        case 206:
            window = ResponseBodyReader.Window(skip: 0, limit: nil)
        case 200:
            // A server that ignores Range sends the whole object: cut the range out of it.
            if let range {
                if let length = response.headers.first(name: "content-length").flatMap({ Int64($0) }), range.lowerBound >= length {
                    try await Self.discardBody(response)
                    throw StorageError.invalidRange
                }
                window = ResponseBodyReader.Window(skip: range.lowerBound, limit: range.upperBound - range.lowerBound + 1)
            } else {
                window = ResponseBodyReader.Window(skip: 0, limit: nil)
            }
        case 404:
            let error = await Self.backendError(response)
            // A missing bucket is a misconfiguration, not a missing object.
            if error == .backend(status: 404, reason: "NoSuchBucket") { throw error }
            throw StorageError.notFound(key)
        case 416:
            try await Self.discardBody(response)
            throw StorageError.invalidRange
        default:
            throw await Self.backendError(response)
        }
        // Pull-based: a chunk is read from the connection only when the consumer asks for one,
        // so a slow reader holds at most the HTTP client's one-chunk buffer.
        let body = ResponseBodyReader(iterator: response.body.makeAsyncIterator(), window: window)
        return AsyncThrowingStream(unfolding: { try await body.next() })
    }

    public func delete(_ key: StorageKey) async throws {
        let response = try await send("DELETE", key: key)
        switch response.status.code {
        case 200..<300:
            try await Self.discardBody(response)
        case 404:
            let error = await Self.backendError(response)
            if error == .backend(status: 404, reason: "NoSuchBucket") { throw error }
        default:
            throw await Self.backendError(response)
        }
    }

    // MARK: - Bucket

    /// Creates the configured bucket unless it exists: for first start and for tests.
    public func createBucketIfMissing() async throws {
        let head = try await send("HEAD", key: nil)
        switch head.status.code {
        case 200..<300: return
        case 404: break
        default: throw await Self.backendError(head)
        }
        var body: HTTPClientRequest.Body?
        var payload = SignatureV4.Payload.empty
        if configuration.region != "us-east-1" {
            // us-east-1 is the default location and refuses being named.
            let xml = Array(
                ("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                    + "<LocationConstraint>\(configuration.region)</LocationConstraint></CreateBucketConfiguration>").utf8)
            body = .bytes(ByteBuffer(bytes: xml))
            payload = .bytes(xml)
        }
        let response = try await send("PUT", key: nil, payload: payload, body: body)
        switch response.status.code {
        case 200..<300:
            try await Self.discardBody(response)
        default:
            let error = await Self.backendError(response)
            // Created meanwhile by another process of ours.
            if error == .backend(status: 409, reason: "BucketAlreadyOwnedByYou") { return }
            throw error
        }
    }

    // MARK: - Addressing

    /// The object's URL: `endpoint/bucket/key`, or `bucket.host/key` without path style.
    public func url(for key: StorageKey) -> String {
        let (authority, path) = location(of: key)
        return "\(scheme)://\(authority)\(SignatureV4.canonicalURI(path))"
    }

    var scheme: String { configuration.endpoint.scheme ?? "http" }

    /// The `Host` value and the unencoded path of the bucket (key nil) or of an object.
    func location(of key: StorageKey?) -> (authority: String, path: String) {
        let endpoint = configuration.endpoint
        var host = endpoint.host ?? "localhost"
        if host.contains(":") { host = "[\(host)]" }
        var prefix = endpoint.path
        while prefix.hasSuffix("/") { prefix.removeLast() }
        var path = prefix
        if configuration.usesPathStyle {
            path += "/" + configuration.bucket
        } else {
            host = configuration.bucket + "." + host
        }
        if let key { path += "/" + key.value }
        if path.isEmpty { path = "/" }
        let authority = endpoint.port.map { "\(host):\($0)" } ?? host
        return (authority, path)
    }

    // MARK: - Requests

    func send(
        _ method: String, key: StorageKey?, headers: [(String, String)] = [], payload: SignatureV4.Payload = .empty,
        body: HTTPClientRequest.Body? = nil, timeout: TimeAmount? = nil
    ) async throws -> HTTPClientResponse {
        let (authority, path) = location(of: key)
        let signed = signer.sign(
            SignatureV4.Request(
                method: method, path: path, headers: [("Host", authority)] + headers.map { (name: $0.0, value: $0.1) },
                payload: payload, addsContentSHA256Header: true),
            at: Date())
        var request = HTTPClientRequest(url: "\(scheme)://\(authority)\(signed.encodedPathAndQuery)")
        request.method = .init(rawValue: method)
        for (name, value) in signed.headers {
            request.headers.add(name: name, value: value)
        }
        request.body = body
        return try await client.execute(request, timeout: timeout ?? requestTimeout)
    }

    /// `StorageError.backend` with S3's error code (`NoSuchBucket`, `AccessDenied`...) when
    /// the body carries one, else the HTTP reason phrase. Consumes the body.
    static func backendError(_ response: HTTPClientResponse) async -> StorageError {
        let status = Int(response.status.code)
        let body = try? await response.body.collect(upTo: errorBodyLimit)
        if let body, let code = errorCode(inXML: String(buffer: body)) {
            return .backend(status: status, reason: code)
        }
        return .backend(status: status, reason: response.status.reasonPhrase)
    }

    /// The text of the first `<Code>` element of an S3 error document.
    static func errorCode(inXML xml: String) -> String? {
        guard let open = xml.range(of: "<Code>"), let close = xml.range(of: "</Code>", range: open.upperBound..<xml.endIndex) else {
            return nil
        }
        let code = xml[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        return code.isEmpty ? nil : code
    }

    /// Reads a small body to its end so that the connection goes back to the pool.
    static func discardBody(_ response: HTTPClientResponse) async throws {
        for try await _ in response.body {}
    }

    // MARK: - Files

    /// The file's size and hex SHA-256, read once in chunks.
    func hashFile(at path: String) async throws -> (size: Int64, sha256: String) {
        let fileIO = self.fileIO
        let chunkSize = self.chunkSize
        return try await fileIO.withFileHandle(_deprecatedPath: path, mode: .read) { handle in
            var hasher = SHA256()
            var offset: Int64 = 0
            let allocator = ByteBufferAllocator()
            while true {
                let buffer = try await fileIO.read(fileHandle: handle, fromOffset: offset, byteCount: chunkSize, allocator: allocator)
                if buffer.readableBytes == 0 { break }
                buffer.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
                offset += Int64(buffer.readableBytes)
            }
            return (offset, SignatureV4.hex(hasher.finalize()))
        }
    }
}
