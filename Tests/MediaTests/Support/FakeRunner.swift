import Foundation

@testable import Media

/// A `MediaRunner` that answers with a scripted reply and remembers what it was asked to run.
final class FakeRunner: MediaRunner, @unchecked Sendable {  // `commands` guarded by `lock`
    typealias Reply = @Sendable (MediaCommand, (@Sendable (String) -> Void)?) throws -> MediaRunResult
    private let lock = NSLock()
    private var received: [MediaCommand] = []
    private let reply: Reply

    init(_ reply: @escaping Reply) { self.reply = reply }

    var commands: [MediaCommand] { lock.withLock { received } }

    func run(_ command: MediaCommand, onLine: (@Sendable (String) -> Void)?) async throws -> MediaRunResult {
        lock.withLock { received.append(command) }
        return try reply(command, onLine)
    }

    static func result(status: Int32 = 0, stdout: String = "", stderr: String = "") -> MediaRunResult {
        MediaRunResult(status: status, terminatedBySignal: false, stdout: Data(stdout.utf8), stdoutTruncated: false, stderrTail: stderr)
    }
}
