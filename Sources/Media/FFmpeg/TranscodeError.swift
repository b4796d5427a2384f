import Foundation
import MindreelCore

/// A probe, transcode or poster run that failed for a reason other than the file's content
/// being refused (that is `ProbeRefusal`).
///
/// Carries the end of ffmpeg's standard error for the logs and a message for the uploader.
public struct TranscodeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which run failed.
    public enum Step: Sendable, Equatable, CustomStringConvertible {
        case probe
        case transcode(Rendition)
        case poster

        public var description: String {
            switch self {
            case .probe: return "probe"
            case .transcode(let rendition): return "transcode \(rendition.rawValue)"
            case .poster: return "poster"
            }
        }
    }

    /// How it failed.
    public enum Reason: Sendable, Equatable {
        /// The tool exited with this non-zero status.
        case exitStatus(Int32)
        /// The tool was killed by this signal (by the system, or by an operator).
        case killedBySignal(Int32)
        /// The run passed its time limit and was stopped.
        case timedOut
        /// The tool could not be started.
        case launchFailed(String)
        /// The tool said it succeeded but left no output file.
        case outputMissing
    }

    public var step: Step
    public var reason: Reason
    /// The end of the tool's standard error (up to 64 KiB).
    public var stderrTail: String

    public init(step: Step, reason: Reason, stderrTail: String) {
        self.step = step
        self.reason = reason
        self.stderrTail = stderrTail
    }

    init(step: Step, runnerError: MediaRunnerError) {
        switch runnerError {
        case .launchFailed(_, let why): self.init(step: step, reason: .launchFailed(why), stderrTail: "")
        case .timedOut(_, let tail): self.init(step: step, reason: .timedOut, stderrTail: tail)
        }
    }

    /// Worth another attempt later: the machine, not the file, was the problem.
    public var isTransient: Bool {
        switch reason {
        case .killedBySignal, .launchFailed: return true
        case .timedOut, .outputMissing: return false
        case .exitStatus:
            // A full disk or memory pressure fails ffmpeg the same way a bad file does; only
            // its words tell them apart.
            return ["No space left on device", "Cannot allocate memory", "Resource temporarily unavailable"]
                .contains { stderrTail.contains($0) }
        }
    }

    /// What the uploader reads.
    public var message: String {
        switch reason {
        case .exitStatus where isTransient, .killedBySignal, .launchFailed:
            return "Video processing was interrupted on our side. It will be tried again."
        case .exitStatus, .outputMissing:
            return "This video could not be converted. The file may be damaged."
        case .timedOut:
            return "Converting this video took too long. Try a shorter or smaller video."
        }
    }

    /// The last `count` non-empty lines of standard error, for a log line.
    public func lastLines(_ count: Int = 10) -> [String] {
        Array(stderrTail.split(separator: "\n", omittingEmptySubsequences: true).suffix(count).map(String.init))
    }

    public var description: String {
        let detail: String
        switch reason {
        case .exitStatus(let status): detail = "exited with status \(status)"
        case .killedBySignal(let signal): detail = "killed by signal \(signal)"
        case .timedOut: detail = "timed out"
        case .launchFailed(let why): detail = "could not start: \(why)"
        case .outputMissing: detail = "left no output"
        }
        let lines = lastLines()
        return "\(step) \(detail)" + (lines.isEmpty ? "" : ": " + lines.joined(separator: " | "))
    }
}
