import Foundation

/// A position in a newest-first list: the `ready_at` and id of the last item returned.
/// Opaque to clients (base64url), stable under inserts, unlike page numbers.
struct FeedCursor: Equatable {
    let readyAt: Date
    let id: UUID

    var encoded: String {
        let text = "\(Int64((readyAt.timeIntervalSince1970 * 1_000_000).rounded()))|\(id.uuidString.lowercased())"
        return Data(text.utf8).base64URLEncodedString()
    }

    init(readyAt: Date, id: UUID) {
        self.readyAt = readyAt
        self.id = id
    }

    /// nil for anything that is not a cursor this server made.
    init?(encoded: String) {
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "|")
        guard parts.count == 2, let micros = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else { return nil }
        readyAt = Date(timeIntervalSince1970: Double(micros) / 1_000_000)
        self.id = id
    }
}
