import Vapor

/// Lists are `{"items": [...], "next_cursor": ...}` everywhere in the API.
struct APIPage<Item: Content>: Content {
    let items: [Item]
    let nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items
        case nextCursor
    }

    /// `next_cursor` is written as `null` on the last page rather than left out.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
