import Fluent
import Foundation

/// Tells the For You and search caches when a video may have entered or left the listings: whenever a video
/// model is created, saved or deleted — by any code path (processing, the studio, moderation).
/// Progress ticks are written with SQL directly and do not pass here. Other processes see the
/// change within the cache's lifetime; pages re-check listing as they are read in any case.
struct ListingChanges: AsyncModelMiddleware {
    let forYou: ForYouCandidateCache
    let searches: SearchResultCache

    private func invalidate() async {
        await forYou.invalidate()
        await searches.invalidate()
    }

    func create(model: Video, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.create(model, on: db)
        await invalidate()
    }

    func update(model: Video, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.update(model, on: db)
        await invalidate()
    }

    func delete(model: Video, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.delete(model, force: force, on: db)
        await invalidate()
    }
}

/// A creator's name or picture is on every kept feed item and visitor page of theirs: when an
/// account changes (a profile edit, rarely anything else), this process's kept pages go, so the
/// next page shows the new name. Other processes show it within the cache's lifetime.
struct CreatorChanges: AsyncModelMiddleware {
    let forYou: ForYouCandidateCache

    func update(model: User, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.update(model, on: db)
        await forYou.invalidate()
    }
}

/// A licence approved, renewed or revoked changes the badge on every kept feed item of its
/// holder: this process's kept pages go at once. (A lapse at expiry needs nothing: kept items
/// last seconds, and each is read with the badges current when it was made.)
struct LicenceChanges: AsyncModelMiddleware {
    let forYou: ForYouCandidateCache

    func update(model: Licence, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        try await next.update(model, on: db)
        await forYou.invalidate()
    }
}
