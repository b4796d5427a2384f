import Foundation
import Testing

@testable import Media

#if canImport(Glibc)
    import Glibc
#endif

extension Tag {
    /// Starts real child processes.
    @Tag static var processes: Self
}

@Suite("Running child processes", .tags(.processes))
struct ProcessRunnerTests {
    let runner = ProcessRunner(terminationGrace: .milliseconds(500))

    func command(_ executable: String, _ arguments: String..., timeout: Duration = .seconds(20)) -> MediaCommand {
        MediaCommand(executable: executable, arguments: arguments, timeout: timeout)
    }

    /// Live processes whose command line contains `marker` (a unique argument).
    static func processes(containing marker: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry),
                let cmdline = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"),
                String(decoding: cmdline, as: UTF8.self).contains(marker), !isZombie(pid)
            else { return nil }
            return pid
        }
    }

    static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return true }
        let text = String(decoding: stat, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return true }
        return text[text.index(close, offsetBy: 2)...].hasPrefix("Z")
    }

    /// Waits up to `limit` for `condition`.
    static func eventually(_ limit: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    /// A unique `sleep` length, so a test can find its own child among the machine's processes.
    static func uniqueSleep() -> String { "\(Int.random(in: 500...900)).\(Int.random(in: 100_000...999_999))" }

    @Test("arguments reach the program as they are: no shell ever reads them")
    func argumentsAsArray() async throws {
        let hostile = "name with spaces; rm -rf / $(reboot) `id` 'quote\" *"
        let result = try await runner.run(command("printf", "%s", hostile))
        #expect(result.succeeded)
        #expect(String(decoding: result.stdout, as: UTF8.self) == hostile)
    }

    @Test("a failing program's status and error output come back")
    func failure() async throws {
        let result = try await runner.run(command("ls", "/definitely/not/here"))
        #expect(!result.succeeded && result.status == 2 && !result.terminatedBySignal)
        #expect(result.stderrTail.contains("No such file or directory"))
    }

    @Test("only the last 64 KiB of standard error are kept")
    func boundedStderr() async throws {
        let script = "import sys; sys.stderr.write('x' * 300000 + 'THE END'); print('out')"
        let result = try await ProcessRunner().run(command("python3", "-c", script))
        #expect(result.succeeded)
        #expect(result.stderrTail.utf8.count == 64 * 1024)
        #expect(result.stderrTail.hasSuffix("THE END"))
        #expect(String(decoding: result.stdout, as: UTF8.self) == "out\n")
    }

    @Test("standard output past the limit is dropped and reported, without blocking the child")
    func boundedStdout() async throws {
        let small = ProcessRunner(stdoutLimit: 1000)
        let result = try await small.run(command("python3", "-c", "print('y' * 500000)"))
        #expect(result.succeeded)
        #expect(result.stdout.count == 1000 && result.stdoutTruncated)
    }

    @Test("standard output can be streamed line by line")
    func streamsLines() async throws {
        let lines = LineLog()
        let result = try await runner.run(command("printf", "out_time_us=1\\nprogress=continue\\r\\nprogress=end")) { lines.append($0) }
        #expect(lines.values == ["out_time_us=1", "progress=continue", "progress=end"])
        #expect(result.stdout.isEmpty)
    }

    @Test("the child starts with no blocked signals, so SIGTERM can reach it")
    func signalMask() async throws {
        let result = try await runner.run(command("grep", "SigBlk", "/proc/self/status"))
        #expect(String(decoding: result.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "SigBlk:\t0000000000000000")
    }

    @Test("the child runs under setpriv with the parent-death signal set to KILL")
    func deathSignalIsSet() async throws {
        #expect(runner.setprivArguments(for: command("ffmpeg", "-i", "x")) == ["--pdeathsig", "KILL", "--", "ffmpeg", "-i", "x"])
        let result = try await runner.run(command("setpriv", "--dump"))
        #expect(String(decoding: result.stdout, as: UTF8.self).contains("Parent death signal: KILL"))
    }

    @Test("a run past its time limit is stopped with SIGTERM first")
    func timeout() async throws {
        let script = "import signal, sys, time\nsignal.signal(signal.SIGTERM, lambda *a: (sys.stderr.write('got TERM'), sys.exit(3)))\ntime.sleep(60)"
        let error = await #expect(throws: MediaRunnerError.self) {
            // Long enough for Python to start and install its handler even on a busy machine.
            try await runner.run(command("python3", "-c", script, timeout: .seconds(3)))
        }
        // The child's own handler ran: it got SIGTERM (no wall-clock bound: machines are shared).
        guard case .timedOut(_, let stderr) = error else { return }
        #expect(stderr.contains("got TERM"))
    }

    @Test("a child that ignores SIGTERM is killed after the grace period")
    func killAfterGrace() async throws {
        let marker = Self.uniqueSleep()
        let script = "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\ntime.sleep(\(marker))"
        let started = ContinuousClock.now
        await #expect(throws: MediaRunnerError.self) {
            try await runner.run(command("python3", "-c", script, timeout: .seconds(2)))
        }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .seconds(2) + .milliseconds(500), "SIGTERM was ignored, so it took SIGKILL after the grace")
        // The child would sleep for minutes: well before that, it was killed.
        #expect(elapsed < .seconds(120))
        #expect(await Self.eventually { Self.processes(containing: marker).isEmpty })
    }

    @Test("cancelling the task kills the child")
    func cancellation() async throws {
        let marker = Self.uniqueSleep()
        let task = Task { try await runner.run(command("sleep", marker, timeout: .seconds(600))) }
        #expect(await Self.eventually { !Self.processes(containing: marker).isEmpty }, "the child started")
        let started = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        // The child would sleep for minutes: well before that, it was killed.
        #expect(ContinuousClock.now - started < .seconds(120))
        #expect(await Self.eventually { Self.processes(containing: marker).isEmpty })
    }

    @Test("a program that cannot be started is a launch failure")
    func launchFailure() async throws {
        let broken = ProcessRunner(setprivPath: "/nonexistent/setpriv")
        await #expect(throws: MediaRunnerError.self) { try await broken.run(command("ffmpeg", "-version")) }
        // A missing tool behind setpriv: setpriv itself says so and fails.
        let result = try await runner.run(command("no-such-tool-mindreel"))
        #expect(!result.succeeded && result.stderrTail.contains("no-such-tool-mindreel"))
    }

    @Test("when the worker process is killed with SIGKILL, its running child dies with it")
    func childDiesWithWorker() async throws {
        let marker = Self.uniqueSleep()
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("mindreel-pdeathsig-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: pidFile) }

        // A separate process plays the worker: it starts a long child through ProcessRunner,
        // notes the child's pid, and is then killed the way the kernel's OOM killer or an
        // operator would, with no chance to clean up.
        await #expect(processExitsWith: .signal(SIGKILL)) { [marker = marker as String, pidFile = pidFile as String] in
            let worker = Task { try await ProcessRunner().run(MediaCommand(executable: "sleep", arguments: [marker], timeout: .seconds(600))) }
            var children: [pid_t] = []
            for _ in 0..<100 where children.isEmpty {
                children = ProcessRunnerTests.processes(containing: marker)
                try await Task.sleep(for: .milliseconds(50))
            }
            try Data(children.map(String.init).joined(separator: " ").utf8).write(to: URL(fileURLWithPath: pidFile))
            kill(getpid(), SIGKILL)
            _ = try await worker.value
        }

        let written = String(decoding: FileManager.default.contents(atPath: pidFile) ?? Data(), as: UTF8.self)
        let children = written.split(separator: " ").compactMap { pid_t($0) }
        #expect(children.count == 1, "the worker had started its child: \(written)")
        #expect(await Self.eventually { Self.processes(containing: marker).isEmpty }, "the child outlived its worker: \(children)")
    }
}

/// Lines as delivered, from whichever thread delivers them.
final class LineLog: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var storage: [String] = []

    func append(_ line: String) { lock.withLock { storage.append(line) } }
    var values: [String] { lock.withLock { storage } }
}
