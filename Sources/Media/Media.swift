import MindreelCore

/// The media module: ffprobe/ffmpeg driving (argument arrays, never a shell string), transcode
/// presets, caption parsing and media storage. It fills in with the upload and transcoding
/// issues; until then it only fixes the module's place in the dependency graph
/// (MindreelCore ← Media ← App).
public enum MediaModule {
    public static let name = "Media"
}
