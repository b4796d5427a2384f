/// The container families Mindreel accepts for uploads.
///
/// Every ffmpeg run after the first probe forces the probed family with `-f`, so a file
/// cannot be read as something else (a playlist, a concat list) on a later pass.
public enum VideoContainer: String, Sendable, Equatable, Codable, CaseIterable {
    /// MP4, MOV, M4V, 3GP: ffmpeg's `mov,mp4,m4a,3gp,3g2,mj2` demuxer.
    case quickTime = "quicktime"
    /// Matroska and WebM: ffmpeg's `matroska,webm` demuxer.
    case matroska

    /// The demuxer name to force with `-f` on later runs.
    public var ffmpegFormat: String {
        switch self {
        case .quickTime: return "mov"
        case .matroska: return "matroska"
        }
    }

    /// The `format_name` ffprobe reports for this family, as listed in `-format_whitelist`.
    public var demuxerNames: String {
        switch self {
        case .quickTime: return "mov,mp4,m4a,3gp,3g2,mj2"
        case .matroska: return "matroska,webm"
        }
    }

    /// The family ffprobe's `format_name` belongs to, or nil for any other demuxer.
    public init?(formatName: String) {
        guard let match = Self.allCases.first(where: { $0.demuxerNames == formatName }) else { return nil }
        self = match
    }

    /// What people call these formats, for messages: "MP4, MOV, WebM or MKV".
    public static let acceptedLabel = "MP4, MOV, WebM or MKV"
}
