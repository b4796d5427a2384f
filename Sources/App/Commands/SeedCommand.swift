import Fluent
import Foundation
import MindreelCore
import Vapor

/// `mindreel seed --demo`: demo accounts (and, in later issues, demo content). Safe to run
/// again: what exists is kept.
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "demo", help: "Create the demo accounts and content.")
        var demo: Bool

        @Flag(name: "bench", help: "Create the benchmark catalogue: 10,000 accounts, 100,000 videos, 1,000,000 likes and views.")
        var bench: Bool

        init() {}
    }

    var help: String { "Fills the database with demo content (--demo). Runs the migrations first." }

    /// One account per role but clinician, which only a licence review can give (the demo's
    /// verified clinicians come from `DemoLicences`).
    static let demoAccounts: [(handle: String, name: String, role: Role, password: String)] = [
        ("demo_member", "Demo Member", .member, "demo-member-pass-42"),
        ("demo_coordinator", "Demo Care Coordinator", .coordinator, "demo-coordinator-pass-42"),
        ("demo_moderator", "Demo Moderator", .moderator, "demo-moderator-pass-42"),
        ("demo_admin", "Demo Admin", .admin, "demo-admin-pass-42"),
    ]

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.demo || signature.bench else { throw CommandError.missing("--demo or --bench") }
        let app = context.application
        try await app.autoMigrate()
        if signature.bench {
            try await BenchSeed.seed(app: app, console: context.console)
            guard signature.demo else { return }
        }
        context.console.print("Demo accounts (log in at \(app.mindreel.config.baseURL.absoluteString)/login):")
        for account in Self.demoAccounts {
            let state: String
            if let existing = try await User.query(on: app.db).filter(\.$handle == account.handle).first() {
                try await app.db.transaction { db in _ = try await OperatorAccounts.grant(account.role, to: existing, on: db, app: app) }
                state = "kept"
            } else {
                _ = try await OperatorAccounts.create(
                    handle: account.handle, displayName: account.name, email: "\(account.handle)@mindreel.invalid",
                    password: account.password, birthYear: 1990, roles: [account.role], on: app)
                state = "created"
            }
            let handle = account.handle.padding(toLength: 18, withPad: " ", startingAt: 0)
            let role = account.role.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
            context.console.print("  \(handle) \(role) password: \(account.password)   (\(state))")
        }
        context.console.print("  Demo creators (\(DemoVideos.creators.map(\.handle).joined(separator: ", "))) password: \(DemoVideos.creatorPassword)")
        let creators = try await DemoVideos.creatorAccounts(app: app)
        try await DemoLicences.seed(app: app, console: context.console)
        try await DemoVideos.seed(app: app, owners: creators, console: context.console)
        try await DemoCommunity.seed(app: app, console: context.console)
        try await DemoReports.seed(app: app, console: context.console)
        try await DemoReviewNotes.seed(app: app, console: context.console)
    }
}
