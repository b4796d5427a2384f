import Foundation
import NIOCore
import NIOPosix

/// Media under a folder of the data directory. Keys map to paths below `root` only.
public struct LocalDiskStorage: MediaStorage {
    public let root: String
    let fileIO: NonBlockingFileIO
    let chunkSize: Int

    public init(root: String, threadPool: NIOThreadPool = .singleton, chunkSize: Int = 256 * 1024) {
        self.root = root.hasSuffix("/") ? String(root.dropLast()) : root
        self.fileIO = NonBlockingFileIO(threadPool: threadPool)
        self.chunkSize = chunkSize
    }

    public func path(for key: StorageKey) -> String {
        root + "/" + key.value
    }

    public func store(fileAt path: String, as key: StorageKey, contentType: String) async throws {
        // Copy to a temporary name, then rename: a reader never sees half a file.
        let destination = try prepareDestination(for: key)
        let temporary = destination + ".incoming-\(UUID().uuidString.lowercased())"
        do {
            try FileManager.default.copyItem(atPath: path, toPath: temporary)
            try renameOrThrow(temporary, destination)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    public func storeMoving(fileAt path: String, as key: StorageKey, contentType: String) async throws {
        let destination = try prepareDestination(for: key)
        // A rename within one file system is instant whatever the size; across file systems,
        // fall back to copy-and-delete.
        if rename(path, destination) != 0 {
            try await store(fileAt: path, as: key, contentType: contentType)
            try FileManager.default.removeItem(atPath: path)
        }
    }

    private func prepareDestination(for key: StorageKey) throws -> String {
        let destination = self.path(for: key)
        let folder = (destination as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return destination
    }

    private func renameOrThrow(_ from: String, _ to: String) throws {
        if rename(from, to) != 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: to])
        }
    }

    public func size(of key: StorageKey) async throws -> Int64? {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path(for: key))
        return (attributes?[.size] as? NSNumber)?.int64Value
    }

    public func read(_ key: StorageKey, range: ClosedRange<Int64>?) async throws -> AsyncThrowingStream<ByteBuffer, any Error> {
        guard let size = try await size(of: key) else { throw StorageError.notFound(key) }
        let start = range?.lowerBound ?? 0
        let end = min(range?.upperBound ?? (size - 1), size - 1)
        if size == 0 && range == nil {
            return AsyncThrowingStream { $0.finish() }
        }
        guard start >= 0, start < size, end >= start else { throw StorageError.invalidRange }
        let reader = FileChunkReader(path: self.path(for: key), fileIO: fileIO, start: start, end: end, chunkSize: chunkSize)
        // Pull-based: the next chunk is read only when the consumer asks for it, so a slow
        // client holds one chunk in memory, not the file.
        return AsyncThrowingStream(unfolding: { try await reader.next() })
    }

    public func delete(_ key: StorageKey) async throws {
        let path = self.path(for: key)
        if FileManager.default.fileExists(atPath: path) {
            try FileManager.default.removeItem(atPath: path)
        }
        // Folders left empty go too (never `root` itself): deleting leaves nothing behind.
        var folder = (path as NSString).deletingLastPathComponent
        while folder.count > root.count, folder.hasPrefix(root + "/") {
            guard rmdir(folder) == 0 else { break }
            folder = (folder as NSString).deletingLastPathComponent
        }
    }
}

/// Reads a byte range of a file chunk by chunk; the file is closed at the end, on error, or
/// when the reader is dropped.
final class FileChunkReader: @unchecked Sendable {  // used by one consumer at a time (the stream's iterator)
    private let path: String
    private let fileIO: NonBlockingFileIO
    private let end: Int64
    private let chunkSize: Int
    private var offset: Int64
    private var handle: NIOFileHandle?
    private var finished = false

    init(path: String, fileIO: NonBlockingFileIO, start: Int64, end: Int64, chunkSize: Int) {
        self.path = path
        self.fileIO = fileIO
        self.offset = start
        self.end = end
        self.chunkSize = chunkSize
    }

    func next() async throws -> ByteBuffer? {
        guard !finished else { return nil }
        do {
            if handle == nil {
                handle = try await fileIO.openFile(_deprecatedPath: path, mode: .read, flags: .default, eventLoop: MultiThreadedEventLoopGroup.singleton.any())
                    .get()
            }
            guard offset <= end, let handle else { return finish() }
            let count = Int(min(Int64(chunkSize), end - offset + 1))
            let buffer = try await fileIO.read(fileHandle: handle, fromOffset: offset, byteCount: count, allocator: ByteBufferAllocator())
            guard buffer.readableBytes > 0 else { return finish() }
            offset += Int64(buffer.readableBytes)
            return buffer
        } catch {
            _ = finish()
            throw error
        }
    }

    private func finish() -> ByteBuffer? {
        finished = true
        try? handle?.close()
        handle = nil
        return nil
    }

    deinit {
        try? handle?.close()
    }
}
