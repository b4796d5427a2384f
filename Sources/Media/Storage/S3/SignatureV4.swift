import Crypto
import Foundation

/// AWS Signature Version 4 for requests signed in the `Authorization` header.
///
/// Pure: it computes the canonical request, the string to sign and the signature from what
/// it is given, and does no I/O. The path is not normalised (no `.`/`..` folding, no slash
/// merging), which is what S3 expects; each path segment is URI-encoded once.
public struct SignatureV4: Sendable {
    public static let algorithm = "AWS4-HMAC-SHA256"
    /// The hex SHA-256 of no bytes: the payload hash of a request without a body.
    public static let emptyPayloadSHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    /// The `x-amz-content-sha256` value S3 accepts for a payload that is not hashed.
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"

    public struct Credentials: Sendable, Equatable {
        public var accessKeyID: String
        public var secretAccessKey: String
        /// A temporary session token (STS); signed as `x-amz-security-token` when present.
        public var sessionToken: String?

        public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
            self.accessKeyID = accessKeyID
            self.secretAccessKey = secretAccessKey
            self.sessionToken = sessionToken
        }
    }

    /// What the signature covers of the body.
    public enum Payload: Sendable, Equatable {
        /// No body: the hash of the empty string.
        case empty
        /// The hex SHA-256 of the body, computed by the caller (for example while streaming a file).
        case sha256(String)
        /// `UNSIGNED-PAYLOAD` (S3 only).
        case unsigned

        /// The body hashed here; for small bodies only.
        public static func bytes(_ bytes: some Collection<UInt8>) -> Payload {
            .sha256(SignatureV4.hex(SHA256.hash(data: Array(bytes))))
        }

        public var hash: String {
            switch self {
            case .empty: return SignatureV4.emptyPayloadSHA256
            case .sha256(let hex): return hex
            case .unsigned: return SignatureV4.unsignedPayload
            }
        }
    }

    public struct Request: Sendable {
        public var method: String
        /// The path as the resource is named, not yet encoded, starting with `/` (for S3:
        /// `/bucket/key` or `/key`). Each segment is URI-encoded when signing.
        public var path: String
        /// Query parameters, not yet encoded, in any order; a parameter without a value has "".
        public var query: [(name: String, value: String)]
        /// The headers to sign (and send), in any order and case; repeated names are joined
        /// with commas in the order given. `Host` belongs here.
        public var headers: [(name: String, value: String)]
        public var payload: Payload
        /// Adds `x-amz-content-sha256` with the payload hash, as S3 requires.
        public var addsContentSHA256Header: Bool

        public init(
            method: String, path: String, query: [(name: String, value: String)] = [], headers: [(name: String, value: String)],
            payload: Payload = .empty, addsContentSHA256Header: Bool = false
        ) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.payload = payload
            self.addsContentSHA256Header = addsContentSHA256Header
        }
    }

    /// The result of signing: every intermediate step (the test vectors check each), and the
    /// headers to send.
    public struct Signed: Sendable {
        public var canonicalRequest: String
        public var stringToSign: String
        /// Lower-case hex.
        public var signature: String
        public var authorization: String
        /// The request's headers plus `x-amz-date`, `x-amz-content-sha256` and
        /// `x-amz-security-token` where they apply, and `Authorization`.
        public var headers: [(name: String, value: String)]
        /// The encoded path and query, ready for a URL: `/a%20b?x=1`.
        public var encodedPathAndQuery: String
    }

    public var credentials: Credentials
    public var region: String
    public var service: String

    public init(credentials: Credentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    public func sign(_ request: Request, at date: Date) -> Signed {
        let (amzDate, day) = Self.timestamps(date)

        // The signer owns these headers: a caller's own copy would be signed twice.
        let owned: Set<String> = ["x-amz-date", "x-amz-content-sha256", "x-amz-security-token", "authorization"]
        var headers = request.headers.filter { !owned.contains($0.name.lowercased()) }
        headers.append((name: "x-amz-date", value: amzDate))
        if request.addsContentSHA256Header {
            headers.append((name: "x-amz-content-sha256", value: request.payload.hash))
        }
        if let token = credentials.sessionToken {
            headers.append((name: "x-amz-security-token", value: token))
        }

        let canonicalHeaders = Self.canonicalHeaders(headers)
        let signedHeaders = canonicalHeaders.map(\.name).joined(separator: ";")
        let encodedPath = Self.canonicalURI(request.path)
        let encodedQuery = Self.canonicalQuery(request.query)
        let canonicalRequest = [
            request.method,
            encodedPath,
            encodedQuery,
            canonicalHeaders.map { "\($0.name):\($0.value)\n" }.joined(),
            signedHeaders,
            request.payload.hash,
        ].joined(separator: "\n")

        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            Self.algorithm,
            amzDate,
            scope,
            Self.hex(SHA256.hash(data: Array(canonicalRequest.utf8))),
        ].joined(separator: "\n")

        let key = signingKey(day: day)
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key))
        let authorization =
            "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
        headers.append((name: "Authorization", value: authorization))

        return Signed(
            canonicalRequest: canonicalRequest,
            stringToSign: stringToSign,
            signature: signature,
            authorization: authorization,
            headers: headers,
            encodedPathAndQuery: encodedQuery.isEmpty ? encodedPath : encodedPath + "?" + encodedQuery
        )
    }

    /// HMAC-SHA256 chain: "AWS4" + secret → date → region → service → "aws4_request".
    func signingKey(day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    // MARK: - Canonical parts

    /// `/` plus each segment encoded; an empty path is `/`.
    static func canonicalURI(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).map { uriEncode(String($0)) }
        let joined = segments.joined(separator: "/")
        return joined.hasPrefix("/") ? joined : "/" + joined
    }

    /// Names and values encoded, then sorted by name and, for equal names, by value.
    static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        // Encoded text is ASCII, so String order is the byte order AWS sorts by.
        let encoded: [(name: String, value: String)] = query.map { (uriEncode($0.name), uriEncode($0.value)) }
        let sorted = encoded.sorted { (a, b) -> Bool in
            a.name == b.name ? a.value < b.value : a.name < b.name
        }
        return sorted.map { pair -> String in pair.name + "=" + pair.value }.joined(separator: "&")
    }

    /// Lower-cased names, sorted; values trimmed with inner runs of spaces collapsed; repeated
    /// names joined with commas in the order given.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for (name, value) in headers {
            let name = name.lowercased()
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(normalizeHeaderValue(value))
        }
        // Plain `<` on Swift strings compares Unicode scalars; header names are ASCII, so that is
        // the byte order AWS sorts by.
        return order.sorted().map { ($0, values[$0]!.joined(separator: ",")) }
    }

    static func normalizeHeaderValue(_ value: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in value.trimmingCharacters(in: .whitespaces) {
            if character == " " || character == "\t" {
                pendingSpace = true
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }

    /// RFC 3986 percent-encoding of everything but the unreserved characters, with upper-case
    /// hex, over the UTF-8 bytes.
    static func uriEncode(_ string: String) -> String {
        var result = ""
        result.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%"
                result.unicodeScalars.append(hexDigits[Int(byte >> 4)])
                result.unicodeScalars.append(hexDigits[Int(byte & 0x0f)])
            }
        }
        return result
    }

    private static let hexDigits = Array("0123456789ABCDEF".unicodeScalars)

    /// Lower-case hex of bytes (digests and authentication codes are sequences of bytes).
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        for byte in bytes {
            text.append(lowerHexDigits[Int(byte >> 4)])
            text.append(lowerHexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let lowerHexDigits = Array("0123456789abcdef".utf8)

    /// `20150830T123600Z` and `20150830`, in UTC.
    static func timestamps(_ date: Date) -> (amzDate: String, day: String) {
        var time = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        let day = String(format: "%04d%02d%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
        let amzDate = day + String(format: "T%02d%02d%02dZ", Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
        return (amzDate, day)
    }
}
