import Fluent
import Foundation
import MindreelCore
import NIOConcurrencyHelpers
import Vapor

/// The crisis resources as every page reads them: loaded from the database into memory, so the
/// footer of every page can show its region's lines without a query. Admins' changes reload it
/// at once in this process (`invalidate`); other processes see them within `lifetime`.
final class CrisisResourceBook: Sendable {
    struct Entry: Sendable {
        let id: UUID
        let resource: CrisisResourceDraft
    }

    /// One region's list: its own entries, or the "elsewhere" ones when it has none.
    struct Listing: Sendable {
        let region: String
        let entries: [Entry]
        /// True when the region has no entries of its own and these are the "elsewhere" ones.
        let fallback: Bool

        var regionName: String { Regions.name(region) }
        /// The lines to talk to, and the emergency numbers.
        var lines: [CrisisResourceDraft] { entries.map(\.resource).filter { !$0.emergency } }
        var emergencies: [CrisisResourceDraft] { entries.map(\.resource).filter(\.emergency) }
    }

    private struct Snapshot {
        let loadedAt: Date
        let byRegion: [String: [Entry]]
    }

    static let lifetime: TimeInterval = 30
    private let snapshot = NIOLockedValueBox<Snapshot?>(nil)

    /// Reloads the list when it is older than `lifetime` (or was invalidated). When the database
    /// cannot be read, the built-in defaults stand in: a page must never lose its help lines.
    func refreshIfStale(on db: any Database, now: Date, logger: Logger) async {
        if let current = snapshot.withLockedValue({ $0 }), now.timeIntervalSince(current.loadedAt) < Self.lifetime, now >= current.loadedAt {
            return
        }
        do {
            let rows = try await CrisisResource.query(on: db).sort(\.$position).all()
            let entries = rows.compactMap { row in row.id.map { Entry(id: $0, resource: row.draft) } }
            store(entries, at: now)
        } catch {
            logger.error("crisis resources could not be read; showing the built-in defaults", metadata: ["error": "\(String(reflecting: error))"])
            store(Self.builtIn, at: now)
        }
    }

    private func store(_ entries: [Entry], at now: Date) {
        snapshot.withLockedValue { $0 = Snapshot(loadedAt: now, byRegion: Dictionary(grouping: entries, by: \.resource.region)) }
    }

    func invalidate() { snapshot.withLockedValue { $0 = nil } }

    func listing(for region: String) -> Listing {
        let byRegion = snapshot.withLockedValue { $0?.byRegion } ?? Dictionary(grouping: Self.builtIn, by: \.resource.region)
        if let own = byRegion[region], !own.isEmpty { return Listing(region: region, entries: Self.ordered(own), fallback: false) }
        return Listing(region: region, entries: Self.ordered(byRegion[CrisisResourceDraft.elsewhere] ?? []), fallback: true)
    }

    /// Lines to talk to first, the emergency number last.
    private static func ordered(_ entries: [Entry]) -> [Entry] {
        entries.filter { !$0.resource.emergency } + entries.filter(\.resource.emergency)
    }

    private static let builtIn = CrisisResourceRules.defaults.enumerated().map {
        Entry(id: UUID(uuidString: "00000000-0000-0000-0000-\(String(format: "%012d", $0.offset))")!, resource: $0.element)
    }
}

/// Keeps the book fresh before a handler renders a page with it.
struct CrisisResourcesMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        await request.mindreel.crisisResources.refreshIfStale(on: request.db, now: request.mindreel.now, logger: request.logger)
        return try await next.respond(to: request)
    }
}
