import Media
import Vapor

/// What every request handler can reach: configuration, dependencies and the server secret.
struct MindreelContext: Sendable {
    let config: AppConfig
    let dependencies: AppDependencies
    let secret: SecretKey
    /// A bcrypt hash of nothing anyone knows: checked against when an account does not exist,
    /// so a failed log-in takes as long either way.
    let dummyPasswordHash: String
    let storage: any MediaStorage
    /// For You candidates shared by the requests of a few seconds.
    var forYou = ForYouCandidateCache()
    /// Ranked results of recent searches.
    var searches = SearchResultCache()
    /// The crisis resources, per region, in memory for every page's footer.
    let crisisResources = CrisisResourceBook()

    var now: Date { dependencies.now() }
}

extension Application {
    private struct ContextKey: Vapor.StorageKey {
        typealias Value = MindreelContext
    }

    var mindreel: MindreelContext {
        get {
            guard let context = storage[ContextKey.self] else {
                fatalError("configure(_:config:dependencies:) was not called")
            }
            return context
        }
        set { storage[ContextKey.self] = newValue }
    }
}

extension Request {
    var mindreel: MindreelContext { application.mindreel }
}
