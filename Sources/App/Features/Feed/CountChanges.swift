import Fluent
import Foundation

/// Tells the For You cache when a video's public counts change — a like, save or comment made or
/// removed, by any code path — so members' pages in this process show the new counts at once.
/// Other processes show them within the cache's lifetime.
struct CountChanges<Counted: Model>: AsyncModelMiddleware {
    let forYou: ForYouCandidateCache
    let videoID: @Sendable (Counted) -> UUID

    func create(model: Counted, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        await forYou.forgetItem(videoID(model))
    }

    func delete(model: Counted, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.delete(model, force: force, on: db)
        await forYou.forgetItem(videoID(model))
    }
}
