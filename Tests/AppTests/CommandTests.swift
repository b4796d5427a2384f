import Fluent
import Foundation
import LeafKit
import MindreelCore
import Testing
import Vapor

@testable import App

@Suite("Operator commands")
struct CommandTests {
    /// Runs `mindreel <arguments>` inside the test app, as the executable would.
    func run(_ app: TestApp, _ arguments: [String]) async throws {
        app.app.environment.arguments = ["mindreel"] + arguments
        try await app.app.startup()
    }

    func roles(_ app: TestApp, _ handle: String) async throws -> Set<Role> {
        let user = try #require(try await User.query(on: app.db).filter(\.$handle == handle).first())
        return Set(try await UserRole.query(on: app.db).filter(\.$user.$id == user.requireID()).all().map(\.role))
    }

    @Test("one-off commands log at notice unless --log or MINDREEL_LOG_LEVEL asks for more; serve and worker at info")
    func logLevels() throws {
        #expect(try CommandLogLevel.level(command: "seed", flag: nil, configured: .info, isExplicit: false) == .notice)
        #expect(try CommandLogLevel.level(command: "migrate", flag: nil, configured: .info, isExplicit: false) == .notice)
        #expect(try CommandLogLevel.level(command: nil, flag: nil, configured: .info, isExplicit: false) == .info)
        #expect(try CommandLogLevel.level(command: "worker", flag: nil, configured: .info, isExplicit: false) == .info)
        #expect(try CommandLogLevel.level(command: "seed", flag: nil, configured: .debug, isExplicit: true) == .debug)
        #expect(try CommandLogLevel.level(command: "seed", flag: "INFO", configured: .warning, isExplicit: true) == .info)
        #expect(throws: AppConfig.Error.self) { try CommandLogLevel.level(command: "seed", flag: "loud", configured: .info, isExplicit: false) }
        let taken = CommandLogLevel.takeFlag(from: ["mindreel", "--log", "debug", "seed", "--demo"])
        #expect(taken.arguments == ["mindreel", "seed", "--demo"] && taken.flag == "debug")
        #expect(CommandLogLevel.takeFlag(from: ["mindreel", "serve"]).flag == nil)
    }

    @Test("admin create makes an account with a generated password that logs in")
    func create() async throws {
        try await withTestApp { app in
            try await run(app, ["admin", "create", "--handle", "ops_alex", "--role", "admin"])
            #expect(try await roles(app, "ops_alex") == [.admin])
            #expect(try await app.auditRows(.roleGrant).count == 1)
        }
    }

    @Test("admin grant and revoke change roles and are audited; clinician is refused")
    func grantRevoke() async throws {
        try await withTestApp { app in
            _ = try await app.signedUpBrowser(handle: "helper_sam")
            try await run(app, ["admin", "grant", "--handle", "helper_sam", "--role", "moderator"])
            #expect(try await roles(app, "helper_sam") == [.moderator])
            await #expect(throws: OperatorAccounts.Error.self) {
                try await run(app, ["admin", "grant", "--handle", "helper_sam", "--role", "clinician"])
            }
            #expect(try await roles(app, "helper_sam") == [.moderator])
            try await run(app, ["admin", "revoke", "--handle", "helper_sam", "--role", "moderator"])
            #expect(try await roles(app, "helper_sam").isEmpty)
            #expect(try await app.auditRows(.roleGrant).count == 1)
            #expect(try await app.auditRows(.roleRevoke).count == 1)
            await #expect(throws: OperatorAccounts.Error.self) {
                try await run(app, ["admin", "grant", "--handle", "nobody_here", "--role", "admin"])
            }
        }
    }

    @Test("a granted role shows up for the signed-in member")
    func roleVisible() async throws {
        try await withTestApp { app in
            let member = try await app.signedUpBrowser(handle: "future_mod")
            try await run(app, ["admin", "grant", "--handle", "future_mod", "--role", "moderator"])
            let me = try await member.get("/api/v1/me")
            #expect(Set(me.json["roles"] as? [String] ?? []) == ["member", "moderator"])
        }
    }
}

@Suite("Configuration")
struct ConfigurationTests {
    @Test("defaults are safe for development")
    func defaults() throws {
        let config = try AppConfig.fromEnvironment([:])
        #expect(config.dataDirectory == "./data")
        #expect(config.database == .sqliteFile(path: "./data/mindreel.sqlite"))
        #expect(config.baseURL.absoluteString == "http://127.0.0.1:8080")
        #expect(config.secretKeyFile == "./data/secret.key")
        #expect(config.bcryptCost == 12)
        #expect(!config.reloadsTemplates)
        #expect(config.maxAvatarBytes == 15 * 1024 * 1024 && config.maxAvatarSizeText == "15 MB")
        #expect(try AppConfig.fromEnvironment(["MINDREEL_MAX_AVATAR_BYTES": "1572864"]).maxAvatarSizeText == "1.5 MB")
    }

    @Test("pages keep their parsed templates where `serve` runs (Vapor's development environment) unless told to reload them")
    func templateCache() async throws {
        for reloads in [false, true] {
            let app = try await Application.make(.development)
            useLeafViews(app, reloadsTemplates: reloads)
            let renderer = try #require(app.view as? LeafRenderer)
            #expect(renderer.cache.isEnabled == !reloads)
            try await app.asyncShutdown()
        }
        #expect(try AppConfig.fromEnvironment(["MINDREEL_RELOAD_TEMPLATES": "true"]).reloadsTemplates)
    }

    @Test(
        "invalid settings stop start-up naming the variable",
        arguments: [
            ("DATABASE_URL", "mysql://nope"), ("MINDREEL_BASE_URL", "not a url"), ("MINDREEL_BASE_URL", "ftp://x.org"),
            ("MINDREEL_LOG_LEVEL", "loud"), ("MINDREEL_BCRYPT_COST", "99"), ("MINDREEL_TRUSTED_PROXIES", "10.0.0.1,proxy"),
            ("MINDREEL_MAX_UPLOAD_BYTES", "lots"), ("MINDREEL_MAX_ACTIVE_UPLOADS", "0"), ("MEDIA_STORE", "ftp"),
            ("S3_ENDPOINT", "MEDIA_STORE=s3"), ("MINDREEL_RELOAD_TEMPLATES", "sometimes"), ("MINDREEL_IN_PROCESS_WORKER", "maybe"),
            ("MINDREEL_MAX_AVATAR_BYTES", "big"),
        ])
    func invalid(variable: String, value: String) throws {
        // "MEDIA_STORE=s3" as the value: choose S3 and leave the named variable out.
        let environment = value == "MEDIA_STORE=s3" ? ["MEDIA_STORE": "s3"] : [variable: value]
        #expect {
            try AppConfig.fromEnvironment(environment)
        } throws: { error in
            (error as? AppConfig.Error)?.variable == variable && "\(error)".hasPrefix(variable)
        }
    }

    @Test("S3 media storage is configured from S3_* variables; local disk is the default")
    func s3() throws {
        #expect(try AppConfig.fromEnvironment([:]).mediaStore == .localDisk)
        let config = try AppConfig.fromEnvironment([
            "MEDIA_STORE": "s3", "S3_ENDPOINT": "http://127.0.0.1:9000", "S3_BUCKET": "mindreel-media",
            "S3_ACCESS_KEY_ID": "key", "S3_SECRET_ACCESS_KEY": "secret",
        ])
        guard case .s3(let s3) = config.mediaStore else {
            Issue.record("expected S3, got \(config.mediaStore)")
            return
        }
        #expect(s3.bucket == "mindreel-media")
        #expect(s3.region == "us-east-1")
        #expect(s3.usesPathStyle)
        #expect(!"\(config.mediaStore)".contains("secret"))
    }

    @Test("PostgreSQL is used when DATABASE_URL is set")
    func postgres() throws {
        let config = try AppConfig.fromEnvironment(["DATABASE_URL": "postgres://u:p@db.internal:5432/mindreel"])
        #expect(config.database == .postgres(url: "postgres://u:p@db.internal:5432/mindreel"))
        #expect(!config.database.isSQLite)
    }

    @Test("the secret key file is created with mode 0600 and reused")
    func secretKey() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/secret.key"
        let first = try SecretKey.loadOrCreate(path: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let second = try SecretKey.loadOrCreate(path: path)
        #expect(first.mac("x") == second.mac("x"))
    }
}
