/// A best guess at what a file is when ffprobe refused it, used only to choose the message
/// (an image, a sound file, some other format) — never to accept anything.
public enum MediaGuess: Sendable, Equatable {
    case image
    case audio
    /// A media or playlist format that is simply not one Mindreel takes.
    case otherFormat(String?)

    /// From the demuxer ffprobe detected before the format whitelist refused it
    /// (`png_pipe`, `mp3`, `hls`…).
    public static func fromDemuxer(_ name: String) -> MediaGuess {
        // Every `*_pipe` demuxer in ffmpeg reads one still-image format.
        if name.hasSuffix("_pipe") || imageDemuxers.contains(name) { return .image }
        if audioDemuxers.contains(name) { return .audio }
        return .otherFormat(name)
    }

    /// From the first bytes of the file, for files no demuxer recognised at all.
    public static func fromLeadingBytes(_ bytes: [UInt8]) -> MediaGuess? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        func ascii(_ text: String, at offset: Int = 0) -> Bool { starts(Array(text.utf8), at: offset) }

        if starts([0xFF, 0xD8, 0xFF]) || starts([0x89, 0x50, 0x4E, 0x47]) || ascii("GIF8")
            || (ascii("RIFF") && ascii("WEBP", at: 8)) || starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A])
            || starts([0xFF, 0x0A]) || starts([0x00, 0x00, 0x00, 0x0C, 0x4A, 0x58, 0x4C, 0x20])
        {
            return .image
        }
        // HEIF/AVIF stills are ISO files like MP4: their brand tells them apart.
        if ascii("ftyp", at: 4), bytes.count >= 12 {
            let brand = String(decoding: bytes[8..<12], as: UTF8.self)
            if ["heic", "heix", "mif1", "msf1", "avif", "heim", "heis"].contains(brand) { return .image }
            if ["M4A ", "M4B "].contains(brand) { return .audio }
        }
        if ascii("ID3") || ascii("fLaC") || ascii("OggS") || (ascii("RIFF") && ascii("WAVE", at: 8))
            || (ascii("FORM") && ascii("AIFF", at: 8)) || ascii("#!AMR") || ascii("caff")
            || (bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0 && bytes[1] & 0x06 != 0)
        {
            return .audio
        }
        if ascii("#EXTM3U") { return .otherFormat("hls") }
        if ascii("ffconcat") { return .otherFormat("concat") }
        return nil
    }

    private static let imageDemuxers: Set<String> = ["image2", "gif", "apng", "ico", "pcx", "sgi", "sunrast", "xbm", "xwd", "alias_pix", "brender_pix"]
    private static let audioDemuxers: Set<String> = [
        "mp3", "wav", "w64", "flac", "ogg", "aac", "ac3", "eac3", "amr", "amrnb", "amrwb", "aiff", "caf", "ape", "wv", "mpc", "mpc8",
        "tta", "dts", "truehd", "mlp", "au", "voc", "loas", "s16le", "u8", "mp2", "opus", "spdif", "dsf", "xwma", "gsm", "sox",
    ]
}
