import Fluent
import Foundation
import Media
import MindreelCore
import Testing
import Vapor
import VaporTesting

@testable import App

/// One configured Mindreel for one test: its own database, data directory, clock and outbox.
struct TestApp {
    let app: Application
    let clock: TestClock
    let dataDirectory: String
    let config: AppConfig

    var outbox: String { config.outboxDirectory }
    var db: any Database { app.db }
}

/// Builds a fresh app, runs `body`, and tears everything down (database included).
func withTestApp(
    baseURL: String = "http://127.0.0.1:8080",
    trustedProxies: Set<String> = [],
    uploadPolicy: UploadPolicy = UploadPolicy(),
    storage: (any MediaStorage)? = nil,
    mediaTools: (any VideoMediaTools)? = FakeMediaTools(),
    maxVideoSeconds: Double = 600,
    maxAvatarBytes: Int? = nil,
    maxEvidenceBytes: Int? = nil,
    defaultRegion: String = "US",
    _ body: (TestApp) async throws -> Void
) async throws {
    let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("mindreel-test-\(UUID().uuidString)").path
    var drop: (@Sendable () async -> Void)?
    let database: AppConfig.DatabaseChoice
    if let admin = TestDatabase.postgresURL {
        let made = try await TestDatabase.makePostgres(adminURL: admin)
        database = .postgres(url: made.url)
        drop = made.drop
    } else {
        database = .sqliteMemory
    }
    var config = AppConfig(
        dataDirectory: dataDirectory, database: database, secretKeyFile: dataDirectory + "/secret.key",
        baseURL: URL(string: baseURL)!, logLevel: .warning, bcryptCost: 4, trustedProxies: trustedProxies,
        uploadPolicy: uploadPolicy)
    config.maxVideoSeconds = maxVideoSeconds
    if let maxAvatarBytes { config.maxAvatarBytes = maxAvatarBytes }
    if let maxEvidenceBytes { config.maxEvidenceBytes = maxEvidenceBytes }
    config.defaultRegion = defaultRegion
    let clock = TestClock()
    let root = DirectoryConfiguration.detect().workingDirectory
    let list = try String(contentsOfFile: root + "Resources/common-passwords.txt", encoding: .utf8)
    var dependencies = AppDependencies(
        now: { clock.now }, mailer: OutboxMailer(directory: config.outboxDirectory, now: { clock.now }),
        passwordPolicy: PasswordPolicy(commonPasswords: PasswordPolicy.parseList(list)), storage: storage)
    dependencies.mediaTools = mediaTools

    let app = try await Application.make(.testing)
    do {
        try await configure(app, config: config, dependencies: dependencies)
        if config.database.isSQLite { try await app.autoMigrate() }
        try await body(TestApp(app: app, clock: clock, dataDirectory: dataDirectory, config: config))
    } catch {
        try? await app.asyncShutdown()
        await drop?()
        try? FileManager.default.removeItem(atPath: dataDirectory)
        throw error
    }
    try await app.asyncShutdown()
    await drop?()
    try? FileManager.default.removeItem(atPath: dataDirectory)
}

/// A browser's view of the app: keeps cookies between requests and sends the CSRF token
/// from its cookie as a real form would.
final class Browser: @unchecked Sendable {  // used by one test task at a time
    let tester: any TestingApplicationTester
    var cookies: [String: String] = [:]
    var origin: String? = "http://127.0.0.1:8080"
    var userAgent = "TestBrowser/1.0"

    init(_ testApp: TestApp, tester: (any TestingApplicationTester)? = nil) throws {
        self.tester = try tester ?? testApp.app.testing()
    }

    var csrfToken: String? { cookies["csrf_token"] }

    /// Loads a page (which hands out the CSRF cookie, as any first visit does).
    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, headers: headers)
    }

    /// Submits a form; adds `csrf_token` unless the test says otherwise.
    @discardableResult
    func submit(_ path: String, _ fields: [String: String], includeCSRF: Bool = true, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        if csrfToken == nil { try await get("/login") }
        var fields = fields
        if includeCSRF, let token = csrfToken { fields["csrf_token"] = token }
        let body = fields.map { "\(Self.formEscape($0.key))=\(Self.formEscape($0.value))" }.joined(separator: "&")
        var headers = headers
        headers.replaceOrAdd(name: .contentType, value: "application/x-www-form-urlencoded")
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// Sends JSON to the API the way the site's own scripts do (cookie + X-CSRF-Token).
    @discardableResult
    func json(_ method: HTTPMethod, _ path: String, _ object: [String: any Sendable]? = nil, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var headers = headers
        var body: ByteBuffer?
        if let object {
            headers.replaceOrAdd(name: .contentType, value: "application/json")
            body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: object))
        }
        return try await send(method, path, headers: headers, body: body)
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws -> TestingHTTPResponse {
        var headers = headers
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; "))
        }
        if let origin, method != .GET, !headers.contains(name: .origin) {
            headers.replaceOrAdd(name: .origin, value: origin)
        }
        headers.replaceOrAdd(name: .userAgent, value: userAgent)
        let response = try await tester.sendRequest(method, path, headers: headers, body: body)
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";", maxSplits: 1)[0]
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard let name = parts.first else { continue }
            let value = parts.count > 1 ? parts[1] : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    static func formEscape(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return text.addingPercentEncoding(withAllowedCharacters: allowed)!.replacingOccurrences(of: "%20", with: "+")
    }
}

extension TestingHTTPResponse {
    var text: String { body.getString(at: body.readerIndex, length: body.readableBytes) ?? "" }

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    /// The fields a problem+json response names.
    var problemFields: [String] {
        ((json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }
    }

    var location: String? { headers.first(name: .location) }
}

/// Common steps.
extension TestApp {
    static let password = "calm-river-4821"

    /// Signs up through the web form and returns the signed-in browser.
    func signedUpBrowser(handle: String, email: String? = nil, password: String = TestApp.password, birthYear: Int = 1990) async throws -> Browser {
        let browser = try Browser(self)
        try await browser.get("/signup")
        let response = try await browser.submit(
            "/signup",
            [
                "handle": handle, "display_name": "Test \(handle)", "email": email ?? "\(handle)@example.org",
                "password": password, "birth_year": String(birthYear),
            ])
        #expect(response.status == .seeOther, "sign-up should redirect: \(response.text.prefix(400))")
        return browser
    }

    func auditRows(_ action: AuditAction, outcome: AuditOutcome? = nil) async throws -> [AuditEvent] {
        var query = AuditEvent.query(on: db).filter(\.$action == action.rawValue)
        if let outcome { query = query.filter(\.$outcome == outcome.rawValue) }
        return try await query.all()
    }

    func userCount() async throws -> Int {
        try await User.query(on: db).count()
    }
}
