/// What ffprobe found in an uploaded file: the facts the probe rules and the transcode plan
/// need, decoded from ffprobe's JSON by `Media`.
public struct ProbeResult: Sendable, Equatable, Codable {
    /// The container family (only accepted families ever get this far).
    public var container: VideoContainer
    /// Seconds, when the container says.
    public var duration: Double?
    /// The first video stream that is not cover art.
    public var video: VideoStreamInfo?
    /// The first audio stream, if any.
    public var audio: AudioStreamInfo?
    /// The file carries a picture attached as cover art (an audio file's album art).
    public var hasAttachedPicture: Bool
    /// The file ends before its own structure says it should (an interrupted upload).
    public var isTruncated: Bool

    public init(
        container: VideoContainer, duration: Double?, video: VideoStreamInfo?, audio: AudioStreamInfo?,
        hasAttachedPicture: Bool = false, isTruncated: Bool = false
    ) {
        self.container = container
        self.duration = duration
        self.video = video
        self.audio = audio
        self.hasAttachedPicture = hasAttachedPicture
        self.isTruncated = isTruncated
    }
}

/// A video stream as probed.
public struct VideoStreamInfo: Sendable, Equatable, Codable {
    /// ffmpeg's codec name: `h264`, `hevc`, `vp9`, `mjpeg`…
    public var codec: String
    /// Stored (coded) size, before rotation.
    public var width: Int
    public var height: Int
    /// Degrees of the display rotation (display matrix or `rotate` tag), counterclockwise as
    /// ffprobe 5.1 reports them, normalised to 0, 90, 180 or 270. ffmpeg applies it by itself
    /// when it decodes; what the plan needs is whether width and height swap.
    public var rotation: Int
    public var pixelFormat: String?
    /// ffprobe's `avg_frame_rate`, when it is known.
    public var averageFrameRate: FrameRate?
    /// Pixel shape; nil or 1:1 for square pixels, as phones record.
    public var sampleAspectRatio: FrameRate?
    /// Frames the container declares, when it does.
    public var frameCount: Int?
    /// A single still picture rather than moving video (a JPEG or PNG in a container).
    public var isStillImage: Bool

    public init(
        codec: String, width: Int, height: Int, rotation: Int = 0, pixelFormat: String? = nil,
        averageFrameRate: FrameRate? = nil, sampleAspectRatio: FrameRate? = nil, frameCount: Int? = nil,
        isStillImage: Bool = false
    ) {
        self.codec = codec
        self.width = width
        self.height = height
        self.rotation = ((rotation % 360) + 360) % 360
        self.pixelFormat = pixelFormat
        self.averageFrameRate = averageFrameRate
        self.sampleAspectRatio = sampleAspectRatio
        self.frameCount = frameCount
        self.isStillImage = isStillImage
    }

    /// True when the picture is turned a quarter (90 or 270 degrees), so width and height swap
    /// for display.
    public var isQuarterTurned: Bool { rotation == 90 || rotation == 270 }

    /// The size a viewer sees: square pixels, rotation applied.
    public var displaySize: (width: Int, height: Int) {
        var shownWidth = Double(width)
        if let sar = sampleAspectRatio, sar.numerator > 0, sar.denominator > 0 {
            shownWidth = shownWidth * sar.value
        }
        let w = max(1, Int(shownWidth.rounded()))
        return isQuarterTurned ? (height, w) : (w, height)
    }
}

/// An audio stream as probed.
public struct AudioStreamInfo: Sendable, Equatable, Codable {
    public var codec: String
    public var channels: Int?
    public var sampleRate: Int?

    public init(codec: String, channels: Int? = nil, sampleRate: Int? = nil) {
        self.codec = codec
        self.channels = channels
        self.sampleRate = sampleRate
    }
}

/// A rational such as ffprobe's `30000/1001`, kept exact so ffmpeg gets the same rate back.
public struct FrameRate: Sendable, Equatable, Codable, CustomStringConvertible {
    public var numerator: Int
    public var denominator: Int

    public init(numerator: Int, denominator: Int) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Parses `30000/1001` or `25`; nil for `0/0` and anything that is not a positive rate.
    public init?(_ text: String) {
        let parts = text.split(separator: text.contains(":") ? ":" : "/")
        guard let n = Int(parts.first ?? ""), n > 0 else { return nil }
        let d = parts.count > 1 ? Int(parts[1]) ?? 0 : 1
        guard d > 0, parts.count <= 2 else { return nil }
        self.init(numerator: n, denominator: d)
    }

    public var value: Double { Double(numerator) / Double(denominator) }

    /// `30000/1001`, the form ffmpeg's `-r` takes.
    public var description: String { "\(numerator)/\(denominator)" }
}
