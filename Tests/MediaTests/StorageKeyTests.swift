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
