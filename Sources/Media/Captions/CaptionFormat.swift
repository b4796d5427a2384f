/// The caption formats Mindreel takes.
public enum CaptionFormat: String, Sendable, Equatable {
    case webVTT = "vtt"
    case srt

    /// WebVTT when the text starts with its `WEBVTT` signature, SubRip otherwise.
    public static func detect(_ text: String) -> CaptionFormat {
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        guard firstLine.hasPrefix("WEBVTT") else { return .srt }
        let rest = firstLine.dropFirst(6)
        return rest.isEmpty || rest.first == " " || rest.first == "\t" ? .webVTT : .srt
    }
}
