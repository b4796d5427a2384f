/// One caption: when it shows and what it says, as plain text.
public struct CaptionCue: Sendable, Equatable {
    /// Milliseconds from the start of the video.
    public var start: Int
    public var end: Int
    /// Plain text, lines separated by `\n`: no tags, no entities.
    public var text: String
    /// WebVTT placement settings that were kept (`align:start line:0`), or empty.
    public var settings: String

    public init(start: Int, end: Int, text: String, settings: String = "") {
        self.start = start
        self.end = end
        self.text = text
        self.settings = settings
    }
}
