/// Why a caption file was refused, in words for the person who uploaded it.
public struct CaptionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Problem: Sendable, Equatable {
        case tooLarge(limitBytes: Int)
        case tooManyCues(limit: Int)
        case notText
        case noCues
        /// A time the parser could not read, as written.
        case badTimestamp(String)
        case missingTiming
        case endBeforeStart
        case endEqualsStart
        case innerTimestampOutOfOrder
    }

    /// The 1-based line of the file the problem is on, when it is on one line.
    public var line: Int?
    public var problem: Problem

    public init(line: Int?, problem: Problem) {
        self.line = line
        self.problem = problem
    }

    /// "Line 12: the end time is before the start time."
    public var message: String {
        let text: String
        switch problem {
        case .tooLarge(let limit): text = "The caption file is larger than \(limit / 1_048_576) MiB."
        case .tooManyCues(let limit): text = "The caption file has more than \(Self.grouped(limit)) captions."
        case .notText: text = "The caption file is not text. Save it as a WebVTT (.vtt) or SubRip (.srt) file."
        case .noCues: text = "The caption file has no captions in it."
        case .badTimestamp(let written):
            text = "“\(written.prefix(40))” is not a time. Times look like 00:01:02.500 (WebVTT) or 00:01:02,500 (SRT)."
        case .missingTiming: text = "a time line such as “00:00:01.000 --> 00:00:04.000” was expected here."
        case .endBeforeStart: text = "the end time is before the start time."
        case .endEqualsStart: text = "the end time is the same as the start time."
        case .innerTimestampOutOfOrder: text = "a time inside the caption text is out of order or outside the caption's own times."
        }
        guard let line else { return text }
        return "Line \(line): " + text
    }

    public var description: String { message }

    /// 10000 → "10,000".
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}
