/// The encoded versions of every video.
public enum Rendition: String, Sendable, Equatable, Codable, CaseIterable {
    /// Long side 1280: the one a video is ready with.
    case p720 = "720p"
    /// Long side 640: for slow connections, made after the video is ready.
    case p360 = "360p"

    /// The most pixels on the longer side.
    public var longSide: Int {
        switch self {
        case .p720: return 1280
        case .p360: return 640
        }
    }

    /// The output size for a source shown at `width`×`height` (rotation applied): the same
    /// shape, the long side at most `longSide`, never larger than the source, both sides even
    /// (H.264 with 4:2:0 chroma needs even sizes).
    public func outputSize(width: Int, height: Int) -> (width: Int, height: Int) {
        let long = max(width, height)
        guard long > 0 else { return (2, 2) }
        let scale = min(1, Double(longSide) / Double(long))
        func even(_ value: Double) -> Int {
            // Down to even, so an odd source side never grows by a pixel.
            max(2, Int((value + 0.5).rounded(.down)) / 2 * 2)
        }
        return (even(Double(width) * scale), even(Double(height) * scale))
    }
}
