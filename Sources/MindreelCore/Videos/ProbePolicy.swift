/// Which probed files Mindreel accepts as videos.
///
/// Pure rules over ffprobe's findings: the worker probes, this decides, and the refusal's
/// message is what the uploader reads.
public struct ProbePolicy: Sendable, Equatable {
    /// Shortest accepted video, in seconds.
    public var minimumDuration: Double
    /// Longest accepted video, in seconds (default 10 minutes).
    public var maximumDuration: Double
    /// Largest accepted width or height, in displayed pixels.
    public var maximumDimension: Int
    /// Slack on both duration limits. Container durations include audio priming and rounding:
    /// a phone's "10 minute" clip measures 600.02 s, a "1 second" one 0.98 s.
    public var durationTolerance: Double

    public init(minimumDuration: Double = 1, maximumDuration: Double = 600, maximumDimension: Int = 4096, durationTolerance: Double = 0.1) {
        self.minimumDuration = minimumDuration
        self.maximumDuration = maximumDuration
        self.maximumDimension = maximumDimension
        self.durationTolerance = durationTolerance
    }

    /// Returns normally for an acceptable video and throws the first rule it breaks.
    public func check(_ probe: ProbeResult) throws(ProbeRefusal) {
        if probe.isTruncated { throw .unreadable }
        guard let video = probe.video else {
            if probe.audio != nil { throw .audioOnly }
            if probe.hasAttachedPicture { throw .image }
            throw .unreadable
        }
        if video.isStillImage { throw .image }
        guard video.width > 0, video.height > 0 else { throw .unreadable }
        guard let duration = probe.duration, duration > 0 else { throw .unreadable }
        if duration < minimumDuration - durationTolerance { throw .tooShort(minimum: minimumDuration) }
        if duration > maximumDuration + durationTolerance { throw .tooLong(limit: maximumDuration) }
        let shown = video.displaySize
        if shown.width > maximumDimension || shown.height > maximumDimension {
            throw .tooLarge(width: shown.width, height: shown.height, limit: maximumDimension)
        }
    }

    /// The refusal for a file ffprobe could not open under the format whitelist.
    ///
    /// - Parameters:
    ///   - rejectedFormat: the demuxer ffprobe detected and the whitelist refused, if it said.
    ///   - leadingBytes: the first bytes of the file, for files nothing recognised.
    public static func refusal(rejectedFormat: String?, leadingBytes: [UInt8]) -> ProbeRefusal {
        let guess = rejectedFormat.map(MediaGuess.fromDemuxer) ?? MediaGuess.fromLeadingBytes(leadingBytes)
        switch guess {
        case .image: return .image
        case .audio: return .audioOnly
        case .otherFormat(let name): return .unsupportedContainer(detected: name)
        case nil: return .unreadable
        }
    }
}
