import Foundation
import Media
import MindreelCore

/// The side effects Mindreel needs, passed in at configuration so tests can pass fakes.
public struct AppDependencies: Sendable {
    /// The current time. Tests move it to check expiry without waiting.
    public var now: @Sendable () -> Date
    public var mailer: any Mailer
    /// Passwords refused at sign-up and password change.
    public var passwordPolicy: PasswordPolicy
    /// Where finished media goes; nil: chosen from the configuration (local disk by default).
    public var storage: (any MediaStorage)?
    /// ffprobe/ffmpeg for the video jobs; nil: the real ones.
    var mediaTools: (any VideoMediaTools)?

    public init(now: @escaping @Sendable () -> Date, mailer: any Mailer, passwordPolicy: PasswordPolicy, storage: (any MediaStorage)? = nil) {
        self.now = now
        self.mailer = mailer
        self.passwordPolicy = passwordPolicy
        self.storage = storage
    }

    /// The real clock, the outbox mailer and the common-password list from `Resources/`.
    public static func live(config: AppConfig, resourcesDirectory: String) throws -> AppDependencies {
        let listPath = resourcesDirectory + "common-passwords.txt"
        guard let data = FileManager.default.contents(atPath: listPath) else {
            throw AppConfig.Error(variable: "working directory", problem: "cannot read \(listPath); run mindreel from the repository root")
        }
        return AppDependencies(
            now: config.clockOffsetFile.map { OffsetClock(file: $0).now } ?? Date.init,
            mailer: OutboxMailer(directory: config.outboxDirectory),
            passwordPolicy: PasswordPolicy(commonPasswords: PasswordPolicy.parseList(String(decoding: data, as: UTF8.self)))
        )
    }
}

/// A clock ahead of the real one by the number of seconds in a file, re-read when the file
/// changes: browser tests move a running server's time to check licence expiry. Only when
/// `MINDREEL_CLOCK_OFFSET_FILE` is set, which production never does.
final class OffsetClock: @unchecked Sendable {  // `cached` guarded by `lock`
    private let file: String
    private let lock = NSLock()
    private var cached: (modified: Date, offset: TimeInterval)?

    init(file: String) { self.file = file }

    @Sendable func now() -> Date {
        Date().addingTimeInterval(offset())
    }

    private func offset() -> TimeInterval {
        let modified = (try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date) ?? .distantPast
        return lock.withLock {
            if let cached, cached.modified == modified { return cached.offset }
            let text = (try? String(contentsOfFile: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let offset = TimeInterval(text) ?? 0
            cached = (modified, offset)
            return offset
        }
    }
}
