import Foundation
import Media
import MindreelCore
import Vapor

/// `/media/videos/{id}/{file}`: a video's files, streamed from storage through Mindreel (never
/// from another origin), with byte ranges for seeking, ETags and long cache lifetimes.
struct MediaController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("media", "videos", ":videoID", ":file", use: serve)
    }

    func serve(req: Request) async throws -> Response {
        guard let kind = req.parameters.get("file").flatMap(VideoFiles.Kind.init(rawValue:)) else {
            throw HTTPProblem(.notFound, detail: "There is no such file.")
        }
        let video = try await VideoPresenter.findWatchable(req)
        let id = try video.requireID()
        let storedKey: String?
        switch kind {
        case .rendition720: storedKey = video.rendition720Key
        case .rendition360: storedKey = video.rendition360Key
        case .poster: storedKey = video.posterKey
        case .captions: storedKey = video.captionsKey
        }
        guard let storedKey, let key = Media.StorageKey(storedKey), let size = try await req.mindreel.storage.size(of: key) else {
            throw HTTPProblem(.notFound, detail: "This file is not ready.")
        }

        // Files of one video version never change: the ETag names the version.
        let version = Int((video.readyAt ?? video.updatedAt).timeIntervalSince1970)
        let etag = "\"\(id.uuidString.lowercased().prefix(8))-\(kind.rawValue)-\(size)-\(version)\""
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: kind.contentType)
        headers.replaceOrAdd(name: .eTag, value: etag)
        headers.replaceOrAdd(name: .acceptRanges, value: "bytes")
        // Public videos may sit in any cache; others only in the viewer's own.
        let isPublic = video.visibility == .public && video.publicationState == .published && video.processingState == .ready
        headers.replaceOrAdd(name: .cacheControl, value: "\(isPublic ? "public" : "private"), max-age=31536000, immutable")

        if let match = req.headers.first(name: .ifNoneMatch), match == etag || match == "*" {
            return Response(status: .notModified, headers: headers)
        }

        var range: ClosedRange<Int64>?
        if let rangeHeader = req.headers.first(name: .range) {
            let ifRange = req.headers.first(name: "If-Range")
            // If-Range with another version: the whole file, not a slice of the wrong one.
            if ifRange == nil || ifRange == etag {
                switch ByteRange.parse(rangeHeader, size: size) {
                case .satisfiable(let parsed): range = parsed
                case .unsatisfiable:
                    headers.replaceOrAdd(name: .contentRange, value: "bytes */\(size)")
                    return Response(status: .rangeNotSatisfiable, headers: headers)
                case .ignored: break
                }
            }
        }

        let status: HTTPResponseStatus = range == nil ? .ok : .partialContent
        let length = range.map { $0.upperBound - $0.lowerBound + 1 } ?? size
        if let range {
            headers.replaceOrAdd(name: .contentRange, value: "bytes \(range.lowerBound)-\(range.upperBound)/\(size)")
        }
        if req.method == .HEAD || size == 0 {
            let response = Response(status: status, headers: headers)
            // Set after the (empty) body: a HEAD answer tells the size of what GET would send.
            response.headers.replaceOrAdd(name: .contentLength, value: String(length))
            return response
        }
        let chunks = try await req.mindreel.storage.read(key, range: range)
        return Response(status: status, headers: headers, body: .streaming(chunks, count: Int(length)))
    }
}

extension Response.Body {
    /// A body streamed from storage as it is read, never held whole in memory.
    static func streaming(_ chunks: AsyncThrowingStream<ByteBuffer, any Error>, count: Int) -> Response.Body {
        Response.Body(
            asyncStream: { writer in
                do {
                    for try await chunk in chunks { try await writer.write(.buffer(chunk)) }
                    try await writer.write(.end)
                } catch {
                    try? await writer.write(.error(error))
                }
            }, count: count)
    }
}

/// One `Range: bytes=…` request (RFC 9110). Several ranges at once are answered with the
/// whole file, which the RFC allows.
enum ByteRange {
    enum Parsed: Equatable {
        case satisfiable(ClosedRange<Int64>)
        case unsatisfiable
        case ignored
    }

    static func parse(_ header: String, size: Int64) -> Parsed {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.lowercased().hasPrefix("bytes="), !text.contains(",") else { return .ignored }
        let spec = text.dropFirst(6)
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { return .ignored }
        if parts[0].isEmpty {
            // The last N bytes.
            guard let suffix = Int64(parts[1]), suffix > 0 else { return .ignored }
            guard size > 0 else { return .unsatisfiable }
            return .satisfiable(max(0, size - suffix)...(size - 1))
        }
        guard let start = Int64(parts[0]), start >= 0 else { return .ignored }
        guard start < size else { return .unsatisfiable }
        if parts[1].isEmpty { return .satisfiable(start...(size - 1)) }
        guard let end = Int64(parts[1]), end >= start else { return .ignored }
        return .satisfiable(start...min(end, size - 1))
    }
}
