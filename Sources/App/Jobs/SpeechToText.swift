import Foundation
import Media

/// Optional automatic captions: an operator-configured speech-to-text command, run by the
/// worker when a video arrives without a caption file. Off unless `MINDREEL_STT_COMMAND` is set.
///
/// The command is an argument array (JSON), never a shell string; `{input}` is replaced by the
/// video file's path and `{output}` by the path where it must write WebVTT or SRT.
struct SpeechToText: Sendable {
    let arguments: [String]
    let runner: any MediaRunner

    /// Parses `MINDREEL_STT_COMMAND`: a JSON array of strings naming `{input}` and `{output}`.
    static func parseCommand(_ text: String) -> [String]? {
        guard let data = text.data(using: .utf8),
            let array = try? JSONDecoder().decode([String].self, from: data),
            let first = array.first, !first.isEmpty,
            array.contains(where: { $0.contains("{input}") }), array.contains(where: { $0.contains("{output}") })
        else { return nil }
        return array
    }

    /// Runs the command and returns the checked, sanitised captions, or nil when it produced
    /// nothing usable (automatic captions never fail a video).
    func captions(for input: String, workDirectory: String, durationSeconds: Double) async -> (track: CaptionTrack?, problem: String?) {
        let output = workDirectory + "/automatic-captions.vtt"
        let filled = arguments.map { $0.replacingOccurrences(of: "{input}", with: input).replacingOccurrences(of: "{output}", with: output) }
        let command = MediaCommand(executable: filled[0], arguments: Array(filled.dropFirst()), timeout: .seconds(60 + durationSeconds * 10))
        do {
            let result = try await runner.run(command)
            guard result.succeeded else { return (nil, "the speech-to-text command failed: \(result.stderrTail.suffix(300))") }
            guard let data = FileManager.default.contents(atPath: output) else { return (nil, "the speech-to-text command wrote no captions") }
            try? FileManager.default.removeItem(atPath: output)
            do {
                return (try CaptionTrack.parse(data), nil)
            } catch {
                return (nil, "the automatic captions are not valid: \(error.message)")
            }
        } catch {
            return (nil, "the speech-to-text command could not run: \(error)")
        }
    }
}
