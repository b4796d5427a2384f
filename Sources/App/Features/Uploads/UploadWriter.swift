import Foundation
import Vapor

/// Streams a PATCH body into the partial file at a given offset, in bounded memory: chunks are
/// gathered up to `flushBytes` and written, so memory per upload stays around that size
/// whatever the file's size.
struct UploadWriter {
    static let flushBytes = 1024 * 1024

    enum Outcome: Equatable {
        /// Every byte of the body was written.
        case finished(written: Int64)
        /// The body would pass `limit`; nothing past it was written.
        case tooLarge(written: Int64)
        /// The client went away mid-body.
        case interrupted(written: Int64)
    }

    struct Result {
        let outcome: Outcome
        let sha1: [UInt8]
    }

    let fileIO: NonBlockingFileIO

    /// Writes `body` at `offset` into `path`; at most `allowed` bytes are accepted.
    /// `afterFlush` runs after each write to disk (the caller keeps its lease alive there).
    func append(
        body: Request.Body, to path: String, at offset: Int64, allowed: Int64,
        afterFlush: @escaping () async throws -> Void = {}
    ) async throws -> Result {
        var hasher = Insecure.SHA1()
        var written: Int64 = 0
        var pending = ByteBuffer()
        pending.reserveCapacity(Self.flushBytes)
        let outcome: Outcome = try await fileIO.withFileHandle(_deprecatedPath: path, mode: .write, flags: .default) { handle in
            func flush() async throws {
                guard pending.readableBytes > 0 else { return }
                try await fileIO.write(fileHandle: handle, toOffset: offset + written, buffer: pending)
                written += Int64(pending.readableBytes)
                pending.clear()
                try await afterFlush()
            }
            var chunks = body.makeAsyncIterator()
            while true {
                let next: ByteBuffer?
                do {
                    next = try await chunks.next()
                } catch {
                    // The client went away; what arrived intact is kept (tus resumes from it).
                    try await flush()
                    return .interrupted(written: written)
                }
                guard var chunk = next else { break }
                if written + Int64(pending.readableBytes) + Int64(chunk.readableBytes) > allowed {
                    return .tooLarge(written: written)
                }
                chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
                pending.writeBuffer(&chunk)
                if pending.readableBytes >= Self.flushBytes { try await flush() }
            }
            try await flush()
            return .finished(written: written)
        }
        return Result(outcome: outcome, sha1: Array(hasher.finalize()))
    }
}
