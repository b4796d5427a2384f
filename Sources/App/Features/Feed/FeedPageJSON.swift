import Foundation
import NIOCore
import Vapor

/// Members' For You pages written from JSON made once: each item as everyone sees it is encoded
/// when first asked for and kept (by `ForYouCandidateCache`) without its closing brace; a page
/// appends each viewer's own state and closes it. Encoding ten items with snake_case keys on every
/// request cost more than the page's queries did.
enum FeedPageJSON {
    /// An item's JSON as everyone sees it, without `viewer` and without the closing brace.
    static func openItem(_ item: FeedItem) throws -> [UInt8] {
        var buffer = ByteBuffer()
        var headers = HTTPHeaders()
        // The API's own encoder, so keys and dates are written exactly as every other answer writes them.
        try ContentConfiguration.global.requireEncoder(for: .json).encode(SharedPart(item), to: &buffer, headers: &headers)
        var bytes = Array(buffer.readableBytesView)
        guard bytes.last == UInt8(ascii: "}") else {
            throw Abort(.internalServerError, reason: "A feed item did not encode as a JSON object.")
        }
        bytes.removeLast()
        return bytes
    }

    /// `{"items":[…],"next_cursor":…}`, as `APIPage<FeedItem>` encodes it.
    static func page(_ items: [(openItem: [UInt8], viewer: FeedItem.ViewerState)], nextCursor: String?) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(items.reduce(64) { $0 + $1.openItem.count + 96 })
        buffer.writeString(#"{"items":["#)
        for (index, item) in items.enumerated() {
            if index > 0 { buffer.writeString(",") }
            buffer.writeBytes(item.openItem)
            buffer.writeString(#","viewer":{"liked":\#(item.viewer.liked),"saved":\#(item.viewer.saved),"#)
            buffer.writeString(#""following":\#(item.viewer.following),"is_owner":\#(item.viewer.isOwner)}}"#)
        }
        // A cursor is base64url, but it is still written as a JSON string would be.
        buffer.writeString(#"],"next_cursor":"#)
        if let nextCursor {
            buffer.writeBytes((try? JSONEncoder().encode(nextCursor)) ?? Data("null".utf8))
        } else {
            buffer.writeString("null")
        }
        buffer.writeString("}")
        return buffer
    }

    /// `FeedItem` without the viewer's part.
    private struct SharedPart: Encodable {
        let video: VideosAPI.VideoItem
        let creator: CreatorSummary
        let contentKindLabel: String

        init(_ item: FeedItem) {
            video = item.video
            creator = item.creator
            contentKindLabel = item.contentKindLabel
        }
    }
}
