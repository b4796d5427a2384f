import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import LeafKit
import Media
import SQLKit
import Vapor

/// Builds the application from its configuration and dependencies. Tests call this with an
/// in-memory database and fakes; `mindreel` calls it with the environment's settings.
public func configure(_ app: Application, config: AppConfig, dependencies: AppDependencies) async throws {
    app.logger.logLevel = config.logLevel
    try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)

    // Secrets and passwords.
    let secret = try SecretKey.loadOrCreate(path: config.secretKeyFile)
    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    let dummyHash = try Bcrypt.hash(SecureToken.generate(), cost: config.bcryptCost)
    try FileManager.default.createDirectory(atPath: config.uploadsDirectory, withIntermediateDirectories: true)
    let storage: any MediaStorage
    switch (dependencies.storage, config.mediaStore) {
    case (.some(let given), _): storage = given
    case (nil, .localDisk): storage = LocalDiskStorage(root: config.mediaDirectory)
    // Vapor's shared client: its lifecycle is the application's.
    case (nil, .s3(let s3)): storage = S3Storage(configuration: s3, client: app.http.client.shared)
    }
    app.mindreel = MindreelContext(config: config, dependencies: dependencies, secret: secret, dummyPasswordHash: dummyHash, storage: storage)

    // Database.
    switch config.database {
    case .sqliteFile(let path):
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory), as: .sqlite)
    case .postgres(let url):
        app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
    }
    app.migrations.add(MindreelMigrations.all)
    app.databases.middleware.use(ListingChanges(forYou: app.mindreel.forYou, searches: app.mindreel.searches))
    app.databases.middleware.use(CountChanges<VideoReaction>(forYou: app.mindreel.forYou) { $0.$video.id })
    app.databases.middleware.use(CountChanges<Comment>(forYou: app.mindreel.forYou) { $0.$video.id })
    app.databases.middleware.use(CreatorChanges(forYou: app.mindreel.forYou))
    app.databases.middleware.use(LicenceChanges(forYou: app.mindreel.forYou))
    if case .sqliteFile = config.database {
        try await tuneSQLite(app)
    }

    // JSON: snake_case keys and ISO 8601 dates, as the API contract says. This is Vapor's
    // process-wide content configuration; every app in the process sets the same values.
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.dateEncodingStrategy = .iso8601
    ContentConfiguration.global.use(encoder: encoder, for: .json)
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    ContentConfiguration.global.use(decoder: decoder, for: .json)

    // Pages.
    useLeafViews(app, reloadsTemplates: config.reloadsTemplates)

    // Middleware, outermost first.
    app.middleware = Middlewares()
    app.middleware.use(ProblemErrorMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(AuthenticationMiddleware())
    app.middleware.use(CrisisResourcesMiddleware())
    app.middleware.use(CSRFMiddleware())

    // Forms and JSON are small; uploads (a later issue) stream instead of collecting.
    app.routes.defaultMaxBodySize = "64kb"

    try routes(app)
    registerCommands(app)
}

/// WAL lets readers and the writer work at once; a bounded busy timeout turns lock waits into
/// errors instead of hangs. Fluent keeps one SQLite connection per event loop, so setting the
/// pragma on each event loop's connection covers them all.
private func tuneSQLite(_ app: Application) async throws {
    guard let primary = app.db as? any SQLDatabase else { return }
    try await primary.raw("PRAGMA journal_mode = WAL").run()
    for eventLoop in app.eventLoopGroup.makeIterator() {
        guard let database = app.databases.database(.sqlite, logger: app.logger, on: eventLoop) as? any SQLDatabase else { continue }
        try await database.raw("PRAGMA busy_timeout = 5000").run()
        try await database.raw("PRAGMA synchronous = NORMAL").run()
    }
}

func registerCommands(_ app: Application) {
    // Replaces Fluent's `migrate`, which asks for confirmation: commands never prompt.
    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(SeedCommand(), as: "seed")
    app.asyncCommands.use(AdminCommands(), as: "admin")
    app.asyncCommands.use(WorkerCommand(), as: "worker")
}

/// Creates the S3 bucket on first start when it does not exist yet (`serve` calls this), so a
/// fresh deployment needs no separate step.
public func prepareMediaStorage(_ app: Application) async throws {
    if let s3 = app.mindreel.storage as? S3Storage {
        try await s3.createBucketIfMissing()
    }
}

/// Runs pending migrations (the embedded default does this on `serve`).
public func migrateDatabase(_ app: Application) async throws {
    try await app.autoMigrate()
}

/// Pages are Leaf templates, parsed once and kept unless `reloadsTemplates` (for template work).
/// Leaf's own provider turns its cache off in Vapor's development environment, which is where
/// `mindreel serve` runs unless told otherwise; lexing and parsing every template for every page
/// cost more than rendering it (the video page answered 690 requests a second instead of 1,160).
func useLeafViews(_ app: Application, reloadsTemplates: Bool) {
    app.views.use { app in
        var cache = app.leaf.cache
        cache.isEnabled = !reloadsTemplates
        var userInfo = app.leaf.userInfo
        userInfo["application"] = app
        return LeafRenderer(
            configuration: app.leaf.configuration, tags: app.leaf.tags, cache: cache, sources: app.leaf.sources, eventLoop: app.eventLoopGroup.next(),
            userInfo: userInfo)
    }
}
