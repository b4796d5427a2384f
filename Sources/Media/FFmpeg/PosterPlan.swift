import MindreelCore

/// The poster image: one JPEG frame, sized like a rendition (720p by default).
public struct PosterPlan: Sendable, Equatable {
    public var inputPath: String
    public var outputPath: String
    public var container: VideoContainer
    public var width: Int
    public var height: Int
    /// Seconds into the video: 1 s, or half way for shorter videos (a first frame is often
    /// black or mid-fade).
    public var time: Double
    public var threads: Int?

    public init(probe: ProbeResult, inputPath: String, outputPath: String, sizedLike rendition: Rendition = .p720, threads: Int? = nil) {
        let shown = probe.video?.displaySize ?? (width: 2, height: 2)
        let size = rendition.outputSize(width: shown.width, height: shown.height)
        self.inputPath = inputPath
        self.outputPath = outputPath
        self.container = probe.container
        self.width = size.width
        self.height = size.height
        self.time = min(1, max(0, (probe.duration ?? 0) / 2))
        self.threads = threads
    }
}
