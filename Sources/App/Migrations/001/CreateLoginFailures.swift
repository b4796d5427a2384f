import Fluent
import SQLKit

struct CreateLoginFailures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("login_failures")
            .id()
            .field("account_key", .string, .required)
            .field("address_key", .string)
            .field("occurred_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "ix_login_failures_account").on("login_failures").column("account_key").column("occurred_at").run()
        try await sql.create(index: "ix_login_failures_address").on("login_failures").column("address_key").column("occurred_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_failures").delete()
    }
}
