import Foundation
import NIOCore

/// Where finished media lives: local disk by default, an S3-compatible bucket when configured.
///
/// Media is always served through Mindreel (pages never depend on another origin), so reads
/// are streamed, optionally for a byte range, in bounded chunks: never the whole object in
/// memory.
public protocol MediaStorage: Sendable {
    /// Stores the file at `path` (a finished local file) under `key`, replacing any object there.
    func store(fileAt path: String, as key: StorageKey, contentType: String) async throws

    /// The object's size in bytes, or nil when there is none.
    func size(of key: StorageKey) async throws -> Int64?

    /// Streams the object's bytes, or the inclusive `range` of them, in chunks.
    /// Throws `StorageError.notFound` when there is no such object and
    /// `StorageError.invalidRange` when the range starts past the end.
    func read(_ key: StorageKey, range: ClosedRange<Int64>?) async throws -> AsyncThrowingStream<ByteBuffer, any Error>

    /// Deletes the object; deleting a missing object is not an error.
    func delete(_ key: StorageKey) async throws

    /// Like `store`, but the file at `path` is consumed: local disk renames it instead of copying.
    func storeMoving(fileAt path: String, as key: StorageKey, contentType: String) async throws
}

extension MediaStorage {
    public func storeMoving(fileAt path: String, as key: StorageKey, contentType: String) async throws {
        try await store(fileAt: path, as: key, contentType: contentType)
        try? FileManager.default.removeItem(atPath: path)
    }
}

public enum StorageError: Error, Equatable, CustomStringConvertible {
    case notFound(StorageKey)
    case invalidRange
    /// The backend answered with something unexpected (HTTP status and a short reason).
    case backend(status: Int, reason: String)

    public var description: String {
        switch self {
        case .notFound(let key): return "no stored object \(key)"
        case .invalidRange: return "the requested range is outside the object"
        case .backend(let status, let reason): return "storage backend answered \(status): \(reason)"
        }
    }
}
