import Foundation

/// Parsing of the tus 1.0 request headers. Pure functions: the HTTP layer maps their errors
/// to status codes.
public enum TusHeaders {
    public static let version = "1.0.0"
    public static let extensions = "creation,creation-defer-length,termination,checksum,expiration"
    public static let checksumAlgorithms = "sha1"
    public static let maxMetadataBytes = 4096

    public enum ParseError: Error, Equatable {
        case invalid(header: String, reason: String)
        case unsupportedChecksumAlgorithm(String)
    }

    /// A non-negative integer header such as `Upload-Offset` or `Upload-Length`.
    public static func nonNegativeInteger(_ value: String?, header: String) throws(ParseError) -> Int64? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.allSatisfy(\.isASCIIDigit), let number = Int64(trimmed) else {
            throw .invalid(header: header, reason: "must be a non-negative whole number")
        }
        return number
    }

    /// `Upload-Metadata`: comma-separated `key base64value` pairs (value optional), keys unique.
    public static func metadata(_ value: String?) throws(ParseError) -> [String: String] {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return [:] }
        guard value.utf8.count <= maxMetadataBytes else {
            throw .invalid(header: "Upload-Metadata", reason: "is longer than \(maxMetadataBytes) bytes")
        }
        var result: [String: String] = [:]
        for pair in value.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true)
            guard (1...2).contains(parts.count), let key = parts.first.map(String.init), !key.isEmpty,
                key.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "," })
            else { throw .invalid(header: "Upload-Metadata", reason: "expected 'key base64value' pairs") }
            guard result[key] == nil else { throw .invalid(header: "Upload-Metadata", reason: "repeats the key '\(key)'") }
            if parts.count == 2 {
                guard let data = Data(base64Encoded: String(parts[1])), let text = String(data: data, encoding: .utf8) else {
                    throw .invalid(header: "Upload-Metadata", reason: "the value of '\(key)' is not base64-encoded UTF-8")
                }
                result[key] = text
            } else {
                result[key] = ""
            }
        }
        return result
    }

    /// `Upload-Checksum: sha1 <base64>` → the expected 20-byte digest.
    public static func sha1Checksum(_ value: String?) throws(ParseError) -> [UInt8]? {
        guard let value else { return nil }
        let parts = value.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { throw .invalid(header: "Upload-Checksum", reason: "expected '<algorithm> <base64 digest>'") }
        guard parts[0].lowercased() == "sha1" else { throw .unsupportedChecksumAlgorithm(String(parts[0])) }
        guard let digest = Data(base64Encoded: String(parts[1])), digest.count == 20 else {
            throw .invalid(header: "Upload-Checksum", reason: "the digest is not a base64-encoded SHA-1")
        }
        return Array(digest)
    }

    /// A file name for display only: no folders, no control characters, at most 200 characters.
    public static func displayFilename(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let lastComponent = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(lastComponent.unicodeScalars.filter { !$0.properties.isDefaultIgnorableCodePoint && $0.properties.generalCategory != .control })
            .trimmingCharacters(in: .whitespaces)
        guard !cleaned.isEmpty else { return nil }
        return String(cleaned.prefix(200))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
