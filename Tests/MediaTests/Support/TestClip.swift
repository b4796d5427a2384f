import Foundation
import MindreelCore
import Testing

@testable import Media

/// The phone-like clips the real-ffmpeg tests generate: tiny (2–3 s, about 320×240) so the
/// whole suite stays quick on two cores.
enum TestClip: String, CaseIterable, Sendable, CustomTestStringConvertible {
    /// 320×240 MOV carrying the metadata a phone writes: GPS position, make, model, creation time.
    case landscapeWithPhoneMetadata = "landscape with phone metadata"
    case portrait
    /// Stored 320×240 with a display matrix turning it a quarter: shown 240×320.
    case rotated
    /// 1920×1080: the one that must be scaled down.
    case fullHD = "full HD"
    case hevc = "HEVC"
    case vp9WebM = "VP9 in WebM"
    case noAudio = "no audio"
    case variableFrameRate = "variable frame rate"
    case oneSecond = "1 s"
    /// Exactly the test policy's maximum (3 s).
    case atMaximumLength = "at the maximum length"

    var testDescription: String { rawValue }

    /// The test policy: three seconds at most, so the at-maximum clip is cheap.
    static let policy = ProbePolicy(maximumDuration: 3)

    var fileName: String {
        switch self {
        case .landscapeWithPhoneMetadata: return "landscape.mov"
        case .vp9WebM: return "clip.webm"
        default: return "clip.mp4"
        }
    }

    /// The size a viewer sees in the source.
    var displaySize: (width: Int, height: Int) {
        switch self {
        case .portrait: return (360, 640)
        case .rotated: return (240, 320)
        case .fullHD: return (1920, 1080)
        default: return (320, 240)
        }
    }

    /// The 720p rendition's size: the source's, never larger, long side at most 1280.
    var expected720p: (width: Int, height: Int) {
        self == .fullHD ? (1280, 720) : displaySize
    }

    var duration: Double {
        switch self {
        case .oneSecond, .fullHD: return 1
        case .variableFrameRate, .atMaximumLength: return 3
        default: return 2
        }
    }

    var hasAudio: Bool { self != .noAudio && self != .variableFrameRate }

    /// Phone metadata values that must not survive into any output.
    static let privateValues = ["+48.8584+002.2945/", "ISO6709", "TestPhone", "Mindreel Test Maker", "CoolPhone Video"]

    /// Writes the clip into `scratch` and returns its path.
    func make(in scratch: MediaScratch) async throws -> String {
        let path = scratch.path(fileName)
        let d = String(duration)
        let stored = self == .rotated ? (320, 240) : displaySize
        let video = ["-f", "lavfi", "-i", "testsrc2=size=\(stored.0)x\(stored.1):rate=30:duration=\(d)"]
        let audio = ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=\(d)"]
        let h264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
        switch self {
        case .landscapeWithPhoneMetadata:
            try await Tool.ffmpeg(
                video + audio + h264 + [
                    "-c:a", "aac", "-shortest",
                    "-metadata", "location=+48.8584+002.2945/",
                    "-metadata", "com.apple.quicktime.location.ISO6709=+48.8584+002.2945/",
                    "-metadata", "com.apple.quicktime.make=Mindreel Test Maker",
                    "-metadata", "com.apple.quicktime.model=TestPhone",
                    "-metadata", "creation_time=2024-05-01T10:00:00Z",
                    "-metadata:s:v:0", "handler_name=CoolPhone Video",
                    "-movflags", "use_metadata_tags", path,
                ])
        case .rotated:
            let plain = scratch.path("unrotated.mp4")
            try await Tool.ffmpeg(video + audio + h264 + ["-c:a", "aac", "-shortest", "-metadata", "location=+48.8584+002.2945/", plain])
            // Setting `rotate` while encoding is ignored by ffmpeg 5.1; a copy-remux writes
            // it as a display matrix, the way phones store rotation.
            try await Tool.ffmpeg(["-i", plain, "-c", "copy", "-metadata:s:v:0", "rotate=90", path])
            try FileManager.default.removeItem(atPath: plain)
        case .hevc:
            try await Tool.ffmpeg(
                video + audio + [
                    "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=none", "-tag:v", "hvc1", "-c:a", "aac", "-shortest", path,
                ])
        case .vp9WebM:
            try await Tool.ffmpeg(
                video + audio + ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "300k", "-c:a", "libopus", "-shortest", path])
        case .noAudio:
            try await Tool.ffmpeg(video + h264 + [path])
        case .variableFrameRate:
            // 30 fps for the first second, then 15 fps: 60 frames over 3 s.
            try await Tool.ffmpeg(
                ["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=2", "-vf", "setpts='if(lt(N,30),N/30,1+(N-30)/15)/TB'", "-fps_mode", "vfr"]
                    + h264 + [path])
        case .portrait, .fullHD, .oneSecond, .atMaximumLength:
            try await Tool.ffmpeg(video + audio + h264 + ["-c:a", "aac", "-shortest", path])
        }
        return path
    }
}
