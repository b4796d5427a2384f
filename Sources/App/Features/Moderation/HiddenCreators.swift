import Fluent
import Foundation
import Vapor

/// Accounts whose videos leave every listing: suspended now (for everyone), or blocked either
/// way (for the viewer). A suspension ends by the clock, so this is read at each request rather
/// than written onto the videos.
enum HiddenCreators {
    static func suspended(on db: any Database, now: Date) async throws -> Set<UUID> {
        let rows = try await User.query(on: db).group(.or) { either in
            either.filter(\.$suspendedIndefinitely == true).filter(\.$suspendedUntil > now)
        }.all(\.$id)
        return Set(rows)
    }
}

extension Request {
    /// The creators whose videos this request's viewer must not see in a feed, a topic, a
    /// hashtag, search or a profile's grid.
    func hiddenCreators() async throws -> Set<UUID> {
        let blocked = try await Blocking.hidden(from: account?.userID, on: db)
        return blocked.union(try await HiddenCreators.suspended(on: db, now: mindreel.now))
    }
}
