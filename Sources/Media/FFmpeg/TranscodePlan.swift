import MindreelCore

/// Everything one rendition's ffmpeg run needs, decided from the probe before ffmpeg starts,
/// so the argument list is a pure function of it (and tested as such).
public struct TranscodePlan: Sendable, Equatable {
    public var inputPath: String
    public var outputPath: String
    /// Forced with `-f` so the input is read as what the probe accepted.
    public var container: VideoContainer
    public var rendition: Rendition
    /// Output size, rotation applied: never larger than the source, both sides even.
    public var width: Int
    public var height: Int
    /// The constant output frame rate: the source's, at most 30.
    public var frameRate: FrameRate
    /// Whether the source has sound. Without it the output has no audio track (see
    /// `FFmpegCommands.transcode`).
    public var hasAudio: Bool
    /// Seconds, for progress.
    public var duration: Double
    /// ffmpeg's `-threads`; nil lets ffmpeg choose (one per core).
    public var threads: Int?

    public init(
        probe: ProbeResult, rendition: Rendition, inputPath: String, outputPath: String, threads: Int? = nil
    ) {
        let shown = probe.video?.displaySize ?? (width: 2, height: 2)
        let size = rendition.outputSize(width: shown.width, height: shown.height)
        self.inputPath = inputPath
        self.outputPath = outputPath
        self.container = probe.container
        self.rendition = rendition
        self.width = size.width
        self.height = size.height
        self.frameRate = Self.outputFrameRate(for: probe.video?.averageFrameRate)
        self.hasAudio = probe.audio != nil
        self.duration = probe.duration ?? 0
        self.threads = threads
    }

    /// Highest output rate: a phone's 60 fps doubles the encoding work for little gain on a
    /// phone screen.
    public static let maximumFrameRate = FrameRate(numerator: 30, denominator: 1)
    /// Lowest output rate: a keyframe every 2 s needs frames at least that often, and very low
    /// rates (a slide show) look broken in some players.
    public static let minimumFrameRate = FrameRate(numerator: 10, denominator: 1)

    /// The constant rate for a source's average rate. Variable-rate phone video averages odd
    /// values (29.73); one within 2 % of a standard rate is snapped to it.
    public static func outputFrameRate(for average: FrameRate?) -> FrameRate {
        guard let average, average.value.isFinite, average.value > 0 else { return maximumFrameRate }
        if average.value > maximumFrameRate.value { return maximumFrameRate }
        if average.value < minimumFrameRate.value { return minimumFrameRate }
        let standard = [
            FrameRate(numerator: 30, denominator: 1), FrameRate(numerator: 30000, denominator: 1001),
            FrameRate(numerator: 25, denominator: 1), FrameRate(numerator: 24, denominator: 1),
            FrameRate(numerator: 24000, denominator: 1001), FrameRate(numerator: 15, denominator: 1),
        ]
        if let near = standard.min(by: { abs($0.value - average.value) < abs($1.value - average.value) }),
            abs(near.value - average.value) / near.value <= 0.02
        {
            return near
        }
        return average
    }
}
