import Foundation
import Testing

@testable import Media

@Suite("Storage keys")
struct StorageKeyTests {
    @Test("keys are internal names: no traversal, no user-chosen characters")
    func keys() {
        #expect(StorageKey("uploads/0f8c2a1e-1111-4222-8333-944455556666/original")?.value != nil)
        for bad in ["", "/abs", "a//b", "../etc/passwd", "a/../b", "a/./b", "Upper", "spa ce", "a/b/", "naïve", "x\\y"] {
            #expect(StorageKey(bad) == nil, "\(bad)")
        }
    }
}

@Suite("Local disk storage")
struct LocalDiskStorageTests {
    @Test("deleting the last object in a folder removes the empty folders, never the root")
    func emptyFolders() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mindreel-local-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let storage = LocalDiskStorage(root: root)
        let source = root + "-source"
        try Data("x".utf8).write(to: URL(fileURLWithPath: source))
        defer { try? FileManager.default.removeItem(atPath: source) }
        try await storage.store(fileAt: source, as: StorageKey("videos/abc/poster.jpg")!, contentType: "image/jpeg")
        try await storage.store(fileAt: source, as: StorageKey("videos/def/poster.jpg")!, contentType: "image/jpeg")
        try await storage.delete(StorageKey("videos/abc/poster.jpg")!)
        #expect(!FileManager.default.fileExists(atPath: root + "/videos/abc"))
        #expect(FileManager.default.fileExists(atPath: root + "/videos/def/poster.jpg"))
        try await storage.delete(StorageKey("videos/def/poster.jpg")!)
        #expect(!FileManager.default.fileExists(atPath: root + "/videos"))
        #expect(FileManager.default.fileExists(atPath: root))
    }
}
