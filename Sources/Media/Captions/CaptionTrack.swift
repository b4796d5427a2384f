import Foundation

/// A video's captions after validation and sanitising: what is stored, served as WebVTT and
/// kept as the video's transcript.
public struct CaptionTrack: Sendable, Equatable {
    /// The cues in start-time order, each with plain text.
    public var cues: [CaptionCue]

    public init(cues: [CaptionCue]) {
        self.cues = cues
    }

    /// Limits on uploaded caption files.
    public static let maxBytes = 1_048_576
    public static let maxCues = 10_000

    /// Parses an uploaded caption file (WebVTT or SRT, told apart by the `WEBVTT` signature).
    ///
    /// Text is read as UTF-8; a file that is not valid UTF-8 is read as Windows-1252, the
    /// encoding older SRT files are most often saved in.
    public static func parse(_ data: Data) throws(CaptionError) -> CaptionTrack {
        guard data.count <= maxBytes else { throw CaptionError(line: nil, problem: .tooLarge(limitBytes: maxBytes)) }
        guard !data.contains(0), let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) else {
            throw CaptionError(line: nil, problem: .notText)
        }
        return try parse(text)
    }

    /// Parses caption text in the given format (detected when nil).
    public static func parse(_ text: String, format: CaptionFormat? = nil) throws(CaptionError) -> CaptionTrack {
        guard text.utf8.count <= maxBytes else { throw CaptionError(line: nil, problem: .tooLarge(limitBytes: maxBytes)) }
        var parser = CaptionParser(text: text, format: format ?? CaptionFormat.detect(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text))
        return try parser.parse()
    }

    /// Sanitised WebVTT: signature, then each cue with its kept settings and its text escaped
    /// (`&`, `<`, `>`), so a browser's WebVTT parser finds no tag in it. Cue identifiers,
    /// comments, STYLE and REGION blocks are not carried over (a STYLE block could make the
    /// page load a URL).
    public var webVTT: String {
        var out = "WEBVTT\n"
        for cue in cues {
            out += "\n\(CaptionTimestamp.format(cue.start)) --> \(CaptionTimestamp.format(cue.end))"
            if !cue.settings.isEmpty { out += " " + cue.settings }
            out += "\n" + Self.escape(cue.text) + "\n"
        }
        return out
    }

    /// The words of the captions, one line each, a line that repeats the one before dropped
    /// (roll-up captions repeat each line in the next cue). For search and the safety checks.
    public var transcript: String {
        var lines: [String] = []
        for cue in cues {
            for line in cue.text.split(separator: "\n") where line != lines.last.map({ Substring($0) }) {
                lines.append(String(line))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }
}
