/// Why an uploaded file is not accepted as a video, in words the uploader understands.
public enum ProbeRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// Damaged, empty, truncated or simply not a media file.
    case unreadable
    /// A still picture.
    case image
    /// Sound without pictures.
    case audioOnly
    /// A media format Mindreel does not take (a playlist, an AVI…); carries ffmpeg's name for
    /// it when known, for logs.
    case unsupportedContainer(detected: String?)
    /// Shorter than the minimum (seconds).
    case tooShort(minimum: Double)
    /// Longer than the limit (seconds).
    case tooLong(limit: Double)
    /// Wider or taller than the limit (pixels); carries the file's displayed size.
    case tooLarge(width: Int, height: Int, limit: Int)

    /// The message shown to the uploader.
    public var message: String {
        switch self {
        case .unreadable:
            return "This file could not be read as a video. It may be damaged or not a video."
        case .image:
            return "This is an image, not a video."
        case .audioOnly:
            return "This file has sound but no picture."
        case .unsupportedContainer:
            return "This file's format is not accepted. Upload a video in \(VideoContainer.acceptedLabel) format."
        case .tooShort(let minimum):
            return "This video is too short. Videos must be at least \(Self.durationLabel(minimum)) long."
        case .tooLong(let limit):
            return "Videos can be up to \(Self.durationLabel(limit)) long."
        case .tooLarge(let width, let height, let limit):
            return "This video is \(width)×\(height) pixels. Videos can be at most \(limit) pixels wide and \(limit) pixels high."
        }
    }

    /// A stable snake_case name for the API and logs.
    public var code: String {
        switch self {
        case .unreadable: return "unreadable"
        case .image: return "image"
        case .audioOnly: return "audio_only"
        case .unsupportedContainer: return "unsupported_container"
        case .tooShort: return "too_short"
        case .tooLong: return "too_long"
        case .tooLarge: return "too_large"
        }
    }

    public var description: String { message }

    /// "10 minutes", "1 second", "2 minutes 30 seconds", "1.5 seconds".
    static func durationLabel(_ seconds: Double) -> String {
        func unit(_ n: Int, _ word: String) -> String { n == 1 ? "1 \(word)" : "\(n) \(word)s" }
        guard seconds == seconds.rounded() else {
            return "\((seconds * 10).rounded() / 10) seconds"
        }
        let whole = Int(seconds)
        let minutes = whole / 60
        let rest = whole % 60
        if minutes == 0 { return unit(rest, "second") }
        return rest == 0 ? unit(minutes, "minute") : "\(unit(minutes, "minute")) \(unit(rest, "second"))"
    }
}
