import Fluent
import Foundation

/// Told whenever a creator changes a video's words, so search sees the change at once.
enum VideoSearchHook {
    static func videoChanged(_ id: UUID, on db: any Database) async throws {
        try await VideoSearch.reindex(id, on: db)
    }
}
