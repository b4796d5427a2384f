import Foundation

/// Runs ffmpeg-family tools. A port, so that the transcoder can be tested with a fake and the
/// worker can cap or observe every child it starts.
public protocol MediaRunner: Sendable {
    /// Runs `command` to completion and returns its exit status and (bounded) output.
    ///
    /// When `onLine` is given, standard output is delivered to it line by line as it arrives
    /// (for `-progress pipe:1`) instead of being collected. A non-zero exit is not an error here:
    /// the caller knows what the tool's failure means. Throws `MediaRunnerError.timedOut` when
    /// the command's timeout passes and `CancellationError` when the task is cancelled; in both
    /// cases the child has been killed.
    func run(_ command: MediaCommand, onLine: (@Sendable (String) -> Void)?) async throws -> MediaRunResult
}

extension MediaRunner {
    /// Runs `command`, collecting its standard output.
    public func run(_ command: MediaCommand) async throws -> MediaRunResult {
        try await run(command, onLine: nil)
    }
}

/// One run of a tool: a program and its arguments as an array, never a shell string, so no
/// file name can ever be read as shell syntax.
public struct MediaCommand: Sendable, Equatable, CustomStringConvertible {
    /// The program: a name looked up on `PATH` (`ffmpeg`) or an absolute path.
    public var executable: String
    public var arguments: [String]
    /// After this the child is killed and the run fails with `MediaRunnerError.timedOut`.
    public var timeout: Duration

    public init(executable: String, arguments: [String], timeout: Duration) {
        self.executable = executable
        self.arguments = arguments
        self.timeout = timeout
    }

    /// For logs only: the words joined by spaces, unquoted.
    public var description: String { ([executable] + arguments).joined(separator: " ") }
}

/// How a finished child ended and what it printed.
public struct MediaRunResult: Sendable, Equatable {
    /// The exit code, or the signal number when `terminatedBySignal`.
    public var status: Int32
    public var terminatedBySignal: Bool
    /// Standard output, up to the runner's limit; empty when it was streamed to `onLine`.
    public var stdout: Data
    /// True when standard output went past the runner's limit and the rest was dropped.
    public var stdoutTruncated: Bool
    /// The last part of standard error (64 KiB by default): where ffmpeg says what went wrong.
    public var stderrTail: String

    public init(status: Int32, terminatedBySignal: Bool, stdout: Data, stdoutTruncated: Bool, stderrTail: String) {
        self.status = status
        self.terminatedBySignal = terminatedBySignal
        self.stdout = stdout
        self.stdoutTruncated = stdoutTruncated
        self.stderrTail = stderrTail
    }

    /// Exited by itself with status 0.
    public var succeeded: Bool { !terminatedBySignal && status == 0 }
}

/// Why a run did not finish by itself.
public enum MediaRunnerError: Error, Equatable, CustomStringConvertible {
    /// The program could not be started at all (missing binary, no permission).
    case launchFailed(executable: String, reason: String)
    /// The timeout passed; the child was killed. Carries what it had printed on standard error.
    case timedOut(after: Duration, stderrTail: String)

    public var description: String {
        switch self {
        case .launchFailed(let executable, let reason): return "could not start \(executable): \(reason)"
        case .timedOut(let after, _): return "killed after the time limit of \(after)"
        }
    }
}
