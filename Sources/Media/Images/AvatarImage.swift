import Foundation

/// Profile pictures: a JPEG, PNG or WebP upload becomes a 256×256 JPEG with no metadata
/// (no EXIF, no location), made by ffmpeg with the input format forced from the file's magic
/// bytes, so nothing but a still image is ever decoded.
public enum AvatarImage {
    public static let side = 256
    /// Decoded pixels allowed: a small file can still declare a huge image.
    public static let maximumPixels = 40_000_000

    public enum Format: String, Sendable {
        case jpeg, png, webp

        /// ffmpeg's demuxer for a single image of this format.
        var demuxer: String { rawValue + "_pipe" }
    }

    /// The format from the first bytes, or nil when it is none of the accepted ones.
    public static func sniff(_ head: Data) -> Format? {
        let bytes = [UInt8](head.prefix(12))
        if bytes.count >= 3, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF { return .jpeg }
        if bytes.count >= 8, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { return .png }
        if bytes.count >= 12, bytes[0..<4] == [0x52, 0x49, 0x46, 0x46], bytes[8..<12] == [0x57, 0x45, 0x42, 0x50] { return .webp }
        return nil
    }

    public static func arguments(input: String, format: Format, output: String) -> [String] {
        [
            "-nostdin", "-hide_banner", "-loglevel", "error", "-protocol_whitelist", "file",
            "-max_pixels", String(maximumPixels), "-f", format.demuxer, "-i", "file:" + input,
            "-frames:v", "1", "-vf", "scale=\(side):\(side):force_original_aspect_ratio=increase,crop=\(side):\(side)",
            "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-c:v", "mjpeg", "-q:v", "3",
            "-f", "image2", "-update", "1", "-y", "file:" + output,
        ]
    }

    public enum Failure: Error, Equatable {
        case notAnImage
        case unreadable

        public var message: String {
            switch self {
            case .notAnImage: return "Choose a JPEG, PNG or WebP picture."
            case .unreadable: return "This picture could not be read. Try another one."
            }
        }
    }

    /// Makes the avatar at `output` from the image at `input`.
    public static func make(input: String, output: String, runner: any MediaRunner = ProcessRunner(), ffmpegPath: String = "ffmpeg") async throws {
        guard let handle = FileHandle(forReadingAtPath: input) else { throw Failure.unreadable }
        let head = try handle.read(upToCount: 12) ?? Data()
        try? handle.close()
        guard let format = sniff(head) else { throw Failure.notAnImage }
        let command = MediaCommand(executable: ffmpegPath, arguments: arguments(input: input, format: format, output: output), timeout: .seconds(30))
        let result = try await runner.run(command)
        let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        guard result.status == 0, !result.terminatedBySignal, size > 0 else {
            try? FileManager.default.removeItem(atPath: output)
            throw Failure.unreadable
        }
    }
}
