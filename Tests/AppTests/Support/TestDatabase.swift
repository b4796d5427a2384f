import FluentPostgresDriver
import Foundation
import SQLKit
import Vapor

@testable import App

/// Where database-backed tests run: a private in-memory SQLite database by default, or — when
/// `TEST_POSTGRES_URL` is set — a fresh PostgreSQL database cloned from a migrated template.
enum TestDatabase {
    static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }

    /// Tests drop and create databases: refuse anything but this machine.
    static func requireLocal(_ url: String) throws -> URLComponents {
        guard let components = URLComponents(string: url), let host = components.host,
            ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host)
        else {
            throw TestSetupError("TEST_POSTGRES_URL must point at this machine (127.0.0.1), got \(url)")
        }
        return components
    }

    static func url(_ base: URLComponents, database: String) -> String {
        var copy = base
        copy.path = "/" + database
        return copy.string!
    }

    /// Creates a database for one test and returns its URL and a function that drops it.
    static func makePostgres(adminURL: String) async throws -> (url: String, drop: @Sendable () async -> Void) {
        let base = try requireLocal(adminURL)
        let template = try await PostgresTemplate.shared.ready(adminURL: adminURL)
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await PostgresAdmin.run(adminURL: adminURL, "CREATE DATABASE \(name) TEMPLATE \(template)")
        return (url(base, database: name), { try? await PostgresAdmin.run(adminURL: adminURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") })
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Runs statements such as CREATE DATABASE on the cluster's admin database.
enum PostgresAdmin {
    static func run(adminURL: String, _ statements: String...) async throws {
        let app = try await Application.make(.testing)
        do {
            app.logger.logLevel = .warning
            app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: adminURL)), as: .psql)
            let sql = app.db as! any SQLDatabase
            for statement in statements {
                // CREATE DATABASE ... TEMPLATE fails while another clone of the same template is
                // being made; retry a few times.
                var attempt = 0
                while true {
                    do {
                        try await sql.raw(SQLQueryString(statement)).run()
                        break
                    } catch {
                        attempt += 1
                        if attempt >= 20 || !String(reflecting: error).contains("is being accessed by other users") {
                            throw TestSetupError(String(reflecting: error))
                        }
                        try await Task.sleep(for: .milliseconds(50 * attempt))
                    }
                }
            }
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}

/// Migrates one template database per test process; every test clones it.
actor PostgresTemplate {
    static let shared = PostgresTemplate()
    /// One task shared by every caller: an actor alone would let concurrent callers in while
    /// the first one awaits.
    private var preparation: Task<String, any Error>?

    func ready(adminURL: String) async throws -> String {
        if let preparation { return try await preparation.value }
        let task = Task { try await Self.prepare(adminURL: adminURL) }
        preparation = task
        return try await task.value
    }

    private static func prepare(adminURL: String) async throws -> String {
        let base = try TestDatabase.requireLocal(adminURL)
        let template = "mindreel_template_\(ProcessInfo.processInfo.processIdentifier)"
        try await PostgresAdmin.run(adminURL: adminURL, "DROP DATABASE IF EXISTS \(template) WITH (FORCE)", "CREATE DATABASE \(template)")
        let app = try await Application.make(.testing)
        do {
            app.logger.logLevel = .warning
            app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: TestDatabase.url(base, database: template))), as: .psql)
            app.migrations.add(MindreelMigrations.all)
            try await app.autoMigrate()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        return template
    }
}
