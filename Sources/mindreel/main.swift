import App
import Foundation
import MindreelCore
import Vapor

// `mindreel classify` reads standard input and needs neither configuration nor a database.
if CommandLine.arguments.dropFirst().first == "classify" {
    ClassifyLines.run(input: .standardInput, output: .standardOutput)
    exit(0)
}

// Entry point only: read the configuration, build the app, run the command.
var config: AppConfig
do {
    config = try AppConfig.fromEnvironment()
} catch {
    FileHandle.standardError.write(Data("mindreel: configuration error: \(error)\n".utf8))
    exit(78)  // EX_CONFIG
}

var environment = try Environment.detect()
let (arguments, logFlag) = CommandLogLevel.takeFlag(from: environment.arguments)
environment.arguments = arguments
let command = arguments.dropFirst().first(where: { !$0.hasPrefix("-") })
do {
    config.logLevel = try CommandLogLevel.level(
        command: command, flag: logFlag, configured: config.logLevel, isExplicit: config.logLevelIsExplicit)
} catch {
    FileHandle.standardError.write(Data("mindreel: \(error)\n".utf8))
    exit(64)  // EX_USAGE
}
LoggingSystem.bootstrap(console: Terminal(), level: config.logLevel)
let app = try await Application.make(environment)

do {
    let dependencies = try AppDependencies.live(config: config, resourcesDirectory: app.directory.resourcesDirectory)
    try await configure(app, config: config, dependencies: dependencies)
    // The embedded default migrates on `serve`, so one command starts everything.
    if command == nil || command == "serve" {
        if config.database.isSQLite { try await migrateDatabase(app) }
        try await prepareMediaStorage(app)
        enableMaintenance(app)
        enableInProcessWorker(app)
    }
    // `app.execute()` without its own error report: the error is printed once, below.
    try await app.startup()
    try await app.running?.onStop.get()
    try await app.asyncShutdown()
} catch {
    FileHandle.standardError.write(Data("mindreel: \(error)\n".utf8))
    try? await app.asyncShutdown()
    exit(1)
}
