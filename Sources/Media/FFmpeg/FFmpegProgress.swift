import Foundation

/// Reads ffmpeg's `-progress` output: blocks of `key=value` lines, each block closed by
/// `progress=continue`, the last by `progress=end`.
public struct FFmpegProgress: Sendable {
    /// The probed duration in seconds; the fraction is output time over it.
    public let duration: Double
    private var outTime: Double?

    public init(duration: Double) {
        self.duration = duration
    }

    /// Takes one line; returns the fraction done (0...1) when the line closes a block.
    public mutating func consume(_ line: Substring) -> Double? {
        guard let equals = line.firstIndex(of: "=") else { return nil }
        let key = line[..<equals].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        switch key {
        case "out_time_us":
            // "N/A" before the first frame is written.
            if let micros = Double(value) { outTime = micros / 1_000_000 }
        case "out_time":
            if outTime == nil, let seconds = Self.seconds(value) { outTime = seconds }
        case "progress":
            if value == "end" { return 1 }
            return fraction
        default:
            break
        }
        return nil
    }

    /// Takes one line.
    public mutating func consume(_ line: String) -> Double? { consume(line[...]) }

    /// The fraction done so far, never outside 0...1 (audio can run past the video's end).
    public var fraction: Double {
        guard let outTime, duration > 0 else { return 0 }
        return min(1, max(0, outTime / duration))
    }

    /// `00:01:02.500000` → 62.5.
    static func seconds(_ clock: String) -> Double? {
        let parts = clock.split(separator: ":")
        guard parts.count == 3, let h = Double(parts[0]), let m = Double(parts[1]), let s = Double(parts[2]) else { return nil }
        return h * 3600 + m * 60 + s
    }
}
