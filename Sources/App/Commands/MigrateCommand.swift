import Fluent
import Vapor

/// `mindreel migrate`: brings the database schema up to date, without asking.
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        init() {}
    }

    var help: String { "Runs every pending database migration (never asks for confirmation)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.autoMigrate()
        context.console.print("Database migrations are up to date.")
    }
}
