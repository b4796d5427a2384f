import Foundation
import Testing

@testable import Media

/// The `MediaStorage` contract, run against every implementation (see `StorageBackend`):
/// what the rest of Mindreel relies on must hold the same on local disk and in a bucket.
@Suite("Media storage contract")
struct StorageContractTests {
    static let key = StorageKey.test("videos/0f8c2a1e-1111-4222-8333-944455556666/original")

    @Test("a stored file reads back whole, byte for byte, in several chunks", arguments: StorageBackend.all)
    func storeThenRead(_ backend: StorageBackend) async throws {
        try await backend.withStorage { storage, scratch in
            // setup
            let bytes = Bytes.random(5 * 1024 * 1024 + 123)
            let source = try scratch.file("upload", bytes)
            // MUT
            try await storage.store(fileAt: source, as: Self.key, contentType: "video/mp4")
            let received = try await storage.readAll(Self.key)
            // validate
            #expect(Bytes.sha256(received.bytes) == Bytes.sha256(bytes))
            #expect(received.chunks > 1)
            #expect(try await storage.size(of: Self.key) == Int64(bytes.count))
        }
    }

    @Test("ranges: first byte, a middle slice, the last byte, an end past the object's end", arguments: StorageBackend.all)
    func ranges(_ backend: StorageBackend) async throws {
        try await backend.withStorage { storage, scratch in
            let bytes = Bytes.random(700_000)
            let size = Int64(bytes.count)
            try await storage.store(fileAt: try scratch.file("upload", bytes), as: Self.key, contentType: "video/mp4")

            #expect(try await storage.readAll(Self.key, range: 0...0).bytes == [bytes[0]])
            // Crosses the local implementation's 256 KiB chunks.
            #expect(try await storage.readAll(Self.key, range: 200_000...600_000).bytes == Array(bytes[200_000...600_000]))
            #expect(try await storage.readAll(Self.key, range: (size - 1)...(size - 1)).bytes == [bytes[bytes.count - 1]])
            // Clamped to the last byte.
            #expect(try await storage.readAll(Self.key, range: (size - 10)...(size + 1000)).bytes == Array(bytes.suffix(10)))
        }
    }

    @Test("a range starting at or past the end is invalidRange", arguments: StorageBackend.all)
    func rangePastEnd(_ backend: StorageBackend) async throws {
        try await backend.withStorage { storage, scratch in
            try await storage.store(fileAt: try scratch.file("upload", Bytes.random(1000)), as: Self.key, contentType: "video/mp4")
            await #expect(throws: StorageError.invalidRange) { try await storage.read(Self.key, range: 1000...1010) }
            await #expect(throws: StorageError.invalidRange) { try await storage.read(Self.key, range: 5000...6000) }
        }
    }

    @Test("a missing key is notFound, and has no size", arguments: StorageBackend.all)
    func missing(_ backend: StorageBackend) async throws {
        try await backend.withStorage { storage, _ in
            let key = StorageKey.test("videos/never-stored/original")
            await #expect(throws: StorageError.notFound(key)) { try await storage.read(key, range: nil) }
            await #expect(throws: StorageError.notFound(key)) { try await storage.read(key, range: 0...10) }
            let size = try await storage.size(of: key)
            #expect(size == nil)
        }
    }

    @Test("storing again under a key replaces the object", arguments: StorageBackend.all)
    func overwrite(_ backend: StorageBackend) async throws {
        try await backend.withStorage { storage, scratch in
            let first = Bytes.random(300_000)
            let second = Bytes.random(1234)
            try await storage.store(fileAt: try scratch.file("first", first), as: Self.key, contentType: "video/mp4")
            try await storage.store(fileAt: try scratch.file("second", second), as: Self.key, contentType: "video/mp4")

            #expect(try await storage.readAll(Self.key).bytes == second)
            #expect(try await storage.size(of: Self.key) == Int64(second.count))
        }
    }

    @Test("a deleted object is gone", arguments: StorageBackend.all)
    func delete(_ backend: StorageBackend) async throws {
        try await backend.withStorage { storage, scratch in
            try await storage.store(fileAt: try scratch.file("upload", Bytes.random(1000)), as: Self.key, contentType: "video/mp4")
            try await storage.delete(Self.key)

            await #expect(throws: StorageError.notFound(Self.key)) { try await storage.read(Self.key, range: nil) }
            #expect(try await storage.size(of: Self.key) == nil)
        }
    }

    @Test("deleting a missing object is fine", arguments: StorageBackend.all)
    func deleteMissing(_ backend: StorageBackend) async throws {
        try await backend.withStorage { storage, _ in
            try await storage.delete(StorageKey.test("videos/never-stored/original"))
        }
    }

    @Test("the source file stays where it was, unchanged", arguments: StorageBackend.all)
    func sourceKept(_ backend: StorageBackend) async throws {
        try await backend.withStorage { storage, scratch in
            let bytes = Bytes.random(100_000)
            let source = try scratch.file("upload", bytes)
            try await storage.store(fileAt: source, as: Self.key, contentType: "video/mp4")

            #expect(FileManager.default.contents(atPath: source).map { Array($0) } == bytes)
        }
    }

    @Test("storeMoving stores the file and consumes it", arguments: StorageBackend.all)
    func storeMoving(_ backend: StorageBackend) async throws {
        try await backend.withStorage { storage, scratch in
            let bytes = Bytes.random(300_000)
            let source = try scratch.file("upload", bytes)
            try await storage.storeMoving(fileAt: source, as: Self.key, contentType: "video/mp4")

            #expect(try await storage.readAll(Self.key).bytes == bytes)
            #expect(!FileManager.default.fileExists(atPath: source))
        }
    }

    @Test("an empty file stores and reads back empty", arguments: StorageBackend.all)
    func emptyFile(_ backend: StorageBackend) async throws {
        try await backend.withStorage { storage, scratch in
            try await storage.store(fileAt: try scratch.file("upload", []), as: Self.key, contentType: "video/mp4")

            #expect(try await storage.readAll(Self.key).bytes.isEmpty)
            #expect(try await storage.size(of: Self.key) == 0)
        }
    }

    /// A viewer on a slow connection reads slowly; every byte must still arrive, in order.
    @Test("a slow reader still gets every byte", arguments: StorageBackend.all)
    func slowReader(_ backend: StorageBackend) async throws {
        try await backend.withStorage { storage, scratch in
            let bytes = Bytes.random(3 * 1024 * 1024)
            try await storage.store(fileAt: try scratch.file("upload", bytes), as: Self.key, contentType: "video/mp4")

            var received: [UInt8] = []
            for try await chunk in try await storage.read(Self.key, range: nil) {
                received += chunk.readableBytesView
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(received.count == bytes.count)
            #expect(Bytes.sha256(received) == Bytes.sha256(bytes))
        }
    }
}
