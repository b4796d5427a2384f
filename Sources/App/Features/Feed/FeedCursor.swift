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
        guard let data = Data(base64URLEncoded: encoded), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "|")
        guard parts.count == 2, let micros = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else { return nil }
        readyAt = Date(timeIntervalSince1970: Double(micros) / 1_000_000)
        self.id = id
    }
}

/// A position in a ranked list (For You, search results): the moment its ranking was made and how far along.
struct RankedCursor: Equatable {
    let asOf: Date
    let offset: Int

    init(asOf: Date, offset: Int) {
        self.asOf = asOf
        self.offset = offset
    }

    var encoded: String {
        Data("r|\(Int64((asOf.timeIntervalSince1970 * 1_000_000).rounded()))|\(offset)".utf8).base64URLEncodedString()
    }

    init?(encoded: String) {
        guard let data = Data(base64URLEncoded: encoded), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "|")
        guard parts.count == 3, parts[0] == "r", let micros = Int64(parts[1]), let offset = Int(parts[2]), offset >= 0, offset < 100_000 else {
            return nil
        }
        asOf = Date(timeIntervalSince1970: Double(micros) / 1_000_000)
        self.offset = offset
    }
}
