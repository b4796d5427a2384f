import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The live `MediaRunner`: starts each tool as a child process with Foundation's `Process`.
///
/// Foundation's `Process` rather than swift-subprocess: it ships with the toolchain (no new
/// package for the app to build), swift-subprocess needs swift-tools-version 6.2 while the app
/// is on 6.0, and neither offers what matters most here — a child that dies with its worker —
/// so that part is done the same way with either (below).
///
/// A child must never outlive the worker: a killed worker would otherwise leave an ffmpeg
/// burning a core and writing into a folder another attempt now owns. Every child is
/// therefore started as `setpriv --pdeathsig KILL -- <program> <arguments>`: setpriv asks
/// the kernel to SIGKILL it when its parent goes away, then execs the program (same pid, so
/// the setting holds for ffmpeg itself).
///
/// Linux sends that signal when the *thread* that spawned the child ends, not the process.
/// Spawning from a pool thread would kill ffmpeg whenever the pool retires that thread, so
/// each run spawns from a thread of its own that stays alive until the child has exited; the
/// same thread reads the child's output and enforces the timeout. ffmpeg concurrency is
/// small (one by default), so one thread per running child costs nothing.
///
/// On timeout or task cancellation the child's process group gets SIGTERM and, if it is still
/// there after `terminationGrace`, SIGKILL.
public struct ProcessRunner: MediaRunner {
    /// util-linux `setpriv`, which sets the parent-death signal before exec.
    public var setprivPath: String
    /// Time between SIGTERM and SIGKILL when a run is stopped.
    public var terminationGrace: Duration
    /// Standard output kept when it is collected (ffprobe's JSON is a few KiB).
    public var stdoutLimit: Int
    /// Standard error kept: the end, where ffmpeg reports what failed.
    public var stderrLimit: Int

    public init(
        setprivPath: String = "/usr/bin/setpriv",
        terminationGrace: Duration = .seconds(2),
        stdoutLimit: Int = 4 * 1024 * 1024,
        stderrLimit: Int = 64 * 1024
    ) {
        self.setprivPath = setprivPath
        self.terminationGrace = terminationGrace
        self.stdoutLimit = stdoutLimit
        self.stderrLimit = stderrLimit
    }

    /// The argument vector given to `setprivPath`.
    func setprivArguments(for command: MediaCommand) -> [String] {
        ["--pdeathsig", "KILL", "--", command.executable] + command.arguments
    }

    public func run(_ command: MediaCommand, onLine: (@Sendable (String) -> Void)?) async throws -> MediaRunResult {
        let child = ChildRun(
            setprivPath: setprivPath,
            arguments: setprivArguments(for: command),
            command: command,
            grace: terminationGrace,
            stdoutLimit: stdoutLimit,
            stderrLimit: stderrLimit,
            onLine: onLine
        )
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                child.start(continuation)
            }
        } onCancel: {
            child.cancel()
        }
    }
}

/// One child process and the thread that owns it from spawn to exit.
///
/// `@unchecked Sendable`: the mutable state shared with other threads (cancellation, exit
/// status) is behind `lock`; everything else is touched only by the run's own thread.
private final class ChildRun: @unchecked Sendable {
    private let setprivPath: String
    private let arguments: [String]
    private let command: MediaCommand
    private let grace: Duration
    private let onLine: (@Sendable (String) -> Void)?
    private var stderrTail: ByteTail
    private var collected = Data()
    private var stdoutTruncated = false
    private let stdoutLimit: Int
    private var splitter = LineSplitter()

    private let lock = NSLock()
    private var cancelled = false
    private var exit: (status: Int32, signalled: Bool, at: ContinuousClock.Instant)?

    init(
        setprivPath: String, arguments: [String], command: MediaCommand, grace: Duration,
        stdoutLimit: Int, stderrLimit: Int, onLine: (@Sendable (String) -> Void)?
    ) {
        self.setprivPath = setprivPath
        self.arguments = arguments
        self.command = command
        self.grace = grace
        self.onLine = onLine
        self.stdoutLimit = stdoutLimit
        self.stderrTail = ByteTail(limit: stderrLimit)
    }

    func cancel() {
        lock.withLock { cancelled = true }
    }

    private var isCancelled: Bool { lock.withLock { cancelled } }

    func start(_ continuation: CheckedContinuation<MediaRunResult, any Error>) {
        let thread = Thread { [self] in
            continuation.resume(with: Result { try self.runOnThisThread() })
        }
        thread.name = "media-child"
        thread.start()
    }

    private func runOnThisThread() throws -> MediaRunResult {
        if isCancelled { throw CancellationError() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: setprivPath)
        process.arguments = arguments
        // A bare environment: ffmpeg honours variables such as FFREPORT (write a log file) that
        // must not leak in from the server's environment.
        process.environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin", "LC_ALL": "C"]
        process.standardInput = nil  // /dev/null: ffmpeg must never wait for keyboard input
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.terminationHandler = { [self] finished in
            let status = finished.terminationStatus
            let signalled = finished.terminationReason == .uncaughtSignal
            lock.withLock { exit = (status, signalled, .now) }
        }
        do {
            try spawnWithSignalsUnblocked(process)
        } catch {
            throw MediaRunnerError.launchFailed(executable: command.executable, reason: "\(error)")
        }
        let pid = process.processIdentifier
        let outcome = pump(pid: pid, out: out.fileHandleForReading.fileDescriptor, err: err.fileHandleForReading.fileDescriptor)
        try? out.fileHandleForReading.close()
        try? err.fileHandleForReading.close()
        if let line = splitter.finish(), let onLine { onLine(line) }

        switch outcome {
        case .cancelled: throw CancellationError()
        case .timedOut: throw MediaRunnerError.timedOut(after: command.timeout, stderrTail: stderrTail.text)
        case .exited(let status, let signalled):
            return MediaRunResult(
                status: status, terminatedBySignal: signalled, stdout: collected,
                stdoutTruncated: stdoutTruncated, stderrTail: stderrTail.text)
        }
    }

    /// The child inherits the spawning thread's signal mask. Threads of the concurrency pool
    /// block almost every signal, and a child started with SIGTERM blocked would ignore our
    /// polite stop; so the mask is cleared for the duration of the spawn only (keeping it
    /// cleared would let this thread take signals the server means to handle elsewhere).
    private func spawnWithSignalsUnblocked(_ process: Process) throws {
        var empty = sigset_t()
        var previous = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        try process.run()
    }

    private enum Outcome {
        case exited(Int32, signalled: Bool)
        case timedOut
        case cancelled
    }

    /// Reads both pipes until the child has exited and its output is drained, stopping the
    /// child on timeout or cancellation. Polls with a short timeout so that cancellation is
    /// noticed within a tenth of a second without another thread touching the child.
    private func pump(pid: pid_t, out: Int32, err: Int32) -> Outcome {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: command.timeout)
        var outOpen = true
        var errOpen = true
        var stopReason: Outcome?
        var termSentAt: ContinuousClock.Instant?
        var killSent = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)

        while true {
            let now = clock.now
            let (exited, cancelledNow) = lock.withLock { (exit, cancelled) }
            if let exited {
                // A grandchild holding the pipes open must not keep the run alive forever.
                if (!outOpen && !errOpen) || now - exited.at > .seconds(1) {
                    return stopReason ?? .exited(exited.status, signalled: exited.signalled)
                }
            } else {
                if stopReason == nil {
                    if cancelledNow {
                        stopReason = .cancelled
                    } else if now >= deadline {
                        stopReason = .timedOut
                    }
                }
                if stopReason != nil {
                    // Signal the whole group (Process puts the child in its own) in case the
                    // tool started helpers. Only while the child has not been reaped, so a
                    // reused pid is never hit.
                    if termSentAt == nil {
                        kill(-pid, SIGTERM)
                        termSentAt = now
                    } else if !killSent, let sent = termSentAt, now - sent >= grace {
                        kill(-pid, SIGKILL)
                        killSent = true
                    }
                }
            }

            var fds: [pollfd] = []
            if outOpen { fds.append(pollfd(fd: out, events: Int16(POLLIN), revents: 0)) }
            if errOpen { fds.append(pollfd(fd: err, events: Int16(POLLIN), revents: 0)) }
            if fds.isEmpty {
                usleep(20_000)
                continue
            }
            let ready = poll(&fds, nfds_t(fds.count), 100)
            if ready <= 0 { continue }
            for entry in fds where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                if count <= 0 {
                    if entry.fd == out { outOpen = false } else { errOpen = false }
                    continue
                }
                buffer.withUnsafeBytes { raw in
                    let chunk = UnsafeRawBufferPointer(rebasing: raw[0..<count])
                    if entry.fd == out { takeStdout(chunk) } else { stderrTail.append(chunk) }
                }
            }
        }
    }

    private func takeStdout(_ chunk: UnsafeRawBufferPointer) {
        if let onLine {
            for line in splitter.feed(chunk) { onLine(line) }
            return
        }
        let room = stdoutLimit - collected.count
        if chunk.count > room {
            // Keep reading (and dropping) so the child never blocks on a full pipe.
            collected.append(contentsOf: chunk.prefix(max(room, 0)))
            stdoutTruncated = true
        } else {
            collected.append(contentsOf: chunk)
        }
    }
}
