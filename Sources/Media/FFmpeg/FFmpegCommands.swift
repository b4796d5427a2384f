import Foundation
import MindreelCore

/// ffmpeg argument lists for Mindreel's renditions and posters. Pure: the same plan gives the
/// same arguments, so tests read them and the benchmark runs them directly.
public enum FFmpegCommands {
    /// x264 speed/quality: measured on the target machine at about a fifth of real time for
    /// 1080×1920 to 720p on two cores, with no visible loss on phone screens.
    public static let preset = "veryfast"
    public static let crf = "23"
    /// Seconds between keyframes: players can seek and later HLS packaging can cut there.
    public static let keyframeInterval = 2
    /// EBU R128 one-pass loudness normalisation, the level most streaming services use for
    /// speech, so one quiet video does not make the next one blast.
    public static let loudnorm = "loudnorm=I=-16:TP=-1.5:LRA=11"

    /// Arguments that start every run: no banner, no keyboard, errors only on standard error.
    static let quiet = ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error"]

    /// Reads the upload as the family the probe accepted, from a local file only. The probe's
    /// whitelist already refused playlists; forcing the demuxer keeps a later run from
    /// guessing differently.
    static func input(_ path: String, container: VideoContainer) -> [String] {
        ["-protocol_whitelist", "file", "-f", container.ffmpegFormat, "-i", "file:" + path]
    }

    /// Output options that leave nothing of the upload's metadata and nothing that names the
    /// encoder's version: global and per-stream tags and chapters are not copied (GPS position,
    /// device make and model, creation time, `com.apple.quicktime.*`), `bitexact` drops the
    /// `encoder` version tags, an empty handler name replaces ffmpeg's, and x264's SEI banner
    /// (its version and every option) is cut from the stream.
    static let stripMetadata = [
        "-map_metadata", "-1", "-map_chapters", "-1",
        "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
        "-empty_hdlr_name", "1",
    ]

    static func threads(_ count: Int?) -> [String] {
        count.map { ["-threads", String($0)] } ?? []
    }

    /// The scale filter: to the plan's size (display orientation, because ffmpeg turns the
    /// picture by the display matrix before user filters), square pixels.
    static func scale(width: Int, height: Int) -> String {
        "scale=\(width):\(height):flags=bicubic,setsar=1"
    }

    /// One rendition: H.264 High, yuv420p, constant frame rate, a keyframe every 2 s, AAC
    /// 48 kHz stereo loudness-normalised, MP4 with the index first (`+faststart`) so playback
    /// starts before the whole file has arrived. Progress goes to standard output.
    ///
    /// A source without sound gets no audio track rather than generated silence: every player
    /// plays such a file, and a silent track would only cost bytes and claim sound that is not
    /// there.
    public static func transcode(_ plan: TranscodePlan) -> [String] {
        var args = quiet + ["-progress", "pipe:1"]
        args += threads(plan.threads)  // before -i: decoding threads
        args += input(plan.inputPath, container: plan.container)
        args += ["-map", "0:v:0"]
        if plan.hasAudio { args += ["-map", "0:a:0"] }
        args += [
            "-vf", scale(width: plan.width, height: plan.height),
            "-fps_mode", "cfr", "-r", plan.frameRate.description,
            "-c:v", "libx264", "-profile:v", "high", "-pix_fmt", "yuv420p",
            "-preset", preset, "-crf", crf,
            "-force_key_frames", "expr:gte(t,n_forced*\(keyframeInterval))",
            // No extra keyframes at scene cuts: the 2 s grid stays exact.
            "-sc_threshold", "0",
            // Removes SEI units; x264 writes only its version banner there.
            "-bsf:v", "filter_units=remove_types=6",
        ]
        if plan.hasAudio {
            args += ["-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2", "-af", loudnorm]
        } else {
            args += ["-an"]
        }
        args += stripMetadata
        args += threads(plan.threads)  // after -i: encoding threads
        // Phone files often interleave audio and video unevenly; the default queue is too
        // small for some and ffmpeg would give up.
        args += ["-max_muxing_queue_size", "4096"]
        args += ["-movflags", "+faststart", "-f", "mp4", "-y", "file:" + plan.outputPath]
        return args
    }

    /// The poster: one frame at the plan's time, scaled like the rendition, as a JPEG with no
    /// metadata (no EXIF, no encoder comment).
    public static func poster(_ plan: PosterPlan) -> [String] {
        var args = quiet
        args += threads(plan.threads)
        // Before -i: seek in the input, so a long video does not decode from the start.
        args += ["-ss", String(format: "%.3f", plan.time)]
        args += input(plan.inputPath, container: plan.container)
        args += [
            "-map", "0:v:0", "-frames:v", "1",
            "-vf", scale(width: plan.width, height: plan.height),
            "-c:v", "mjpeg", "-q:v", "3",
        ]
        args += stripMetadata
        args += ["-update", "1", "-f", "image2", "-y", "file:" + plan.outputPath]
        return args
    }
}
