import AsyncHTTPClient
import NIOCore

/// Hands out a response body's chunks on demand.
///
/// `@unchecked Sendable`: an `AsyncThrowingStream(unfolding:)` calls `next()` once at a time,
/// for its single consumer.
final class ResponseBodyReader: @unchecked Sendable {
    /// Which bytes of the body to hand out: all of a 206, or the requested slice of a 200 from
    /// a server that ignored `Range`.
    struct Window {
        /// Bytes to drop first.
        var skip: Int64
        /// Bytes to hand out after those; nil for all.
        var limit: Int64?
    }

    private var iterator: HTTPClientResponse.Body.AsyncIterator?
    private var window: Window

    init(iterator: HTTPClientResponse.Body.AsyncIterator, window: Window) {
        self.iterator = iterator
        self.window = window
    }

    func next() async throws -> ByteBuffer? {
        while true {
            if let limit = window.limit, limit <= 0 {
                // Dropping the iterator ends the response: the rest of the body is not wanted.
                iterator = nil
                return nil
            }
            guard var buffer = try await iterator?.next() else {
                iterator = nil
                return nil
            }
            if window.skip > 0 {
                let skipped = Int(min(window.skip, Int64(buffer.readableBytes)))
                buffer.moveReaderIndex(forwardBy: skipped)
                window.skip -= Int64(skipped)
            }
            if let limit = window.limit, Int64(buffer.readableBytes) > limit {
                buffer = buffer.getSlice(at: buffer.readerIndex, length: Int(limit))!
            }
            if let limit = window.limit { window.limit = limit - Int64(buffer.readableBytes) }
            if buffer.readableBytes > 0 { return buffer }
        }
    }
}
