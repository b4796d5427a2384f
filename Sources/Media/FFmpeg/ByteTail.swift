import Foundation

/// Keeps only the last `limit` bytes written to it, so a chatty child cannot grow the worker's
/// memory while its final (most useful) error lines are still kept.
struct ByteTail {
    let limit: Int
    private(set) var bytes: [UInt8] = []
    private(set) var dropped = false

    init(limit: Int) { self.limit = limit }

    mutating func append(_ chunk: UnsafeRawBufferPointer) {
        if chunk.count >= limit {
            bytes = Array(chunk.suffix(limit))
            dropped = true
            return
        }
        bytes.append(contentsOf: chunk)
        if bytes.count > limit {
            // Trim in bulk rather than per chunk so appends stay amortised O(1).
            bytes.removeFirst(bytes.count - limit)
            dropped = true
        }
    }

    /// The kept bytes as text; an incomplete first character left by trimming is replaced.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
