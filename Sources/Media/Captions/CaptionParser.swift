import Foundation

/// Reads WebVTT or SRT text into cues, one block (lines between blank lines) at a time,
/// remembering line numbers for the messages.
struct CaptionParser {
    private let format: CaptionFormat
    private let lines: [Substring]

    init(text: String, format: CaptionFormat) {
        self.format = format
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        // "\r\n" is one Character in Swift, so split on all three line endings explicitly.
        lines = body.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    }

    /// The WebVTT cue settings kept: placement only. `region` is dropped with the REGION blocks.
    static let keptSettings: Set<String> = ["vertical", "line", "position", "size", "align"]

    mutating func parse() throws(CaptionError) -> CaptionTrack {
        var cues: [CaptionCue] = []
        var index = 0
        if format == .webVTT {
            // The header block: the signature and optional header lines up to the first blank.
            while index < lines.count && !isBlank(lines[index]) { index += 1 }
        }
        var sawStyleOrRegionAllowed = true
        while index < lines.count {
            while index < lines.count && isBlank(lines[index]) { index += 1 }
            guard index < lines.count else { break }
            let blockStart = index
            while index < lines.count && !isBlank(lines[index]) { index += 1 }
            let block = Array(lines[blockStart..<index])

            if format == .webVTT, let first = block.first {
                if isKeyword(first, "NOTE") { continue }
                if sawStyleOrRegionAllowed && (isKeyword(first, "STYLE") || isKeyword(first, "REGION")) && !first.contains("-->") { continue }
            }
            sawStyleOrRegionAllowed = false
            if let cue = try cue(from: block, firstLine: blockStart + 1) {
                cues.append(cue)
                if cues.count > CaptionTrack.maxCues {
                    throw CaptionError(line: nil, problem: .tooManyCues(limit: CaptionTrack.maxCues))
                }
            }
        }
        guard !cues.isEmpty else { throw CaptionError(line: nil, problem: .noCues) }
        // Stable: cues that start together keep the file's order.
        let ordered = cues.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }.map(\.element)
        return CaptionTrack(cues: ordered)
    }

    /// One cue from a block, or nil when its text is empty once sanitised.
    private func cue(from block: [Substring], firstLine: Int) throws(CaptionError) -> CaptionCue? {
        // The timing line is the first line, or the second after an identifier (a number in
        // SRT, any text in WebVTT); identifiers are not kept.
        var timingOffset = 0
        if !block[0].contains("-->") {
            timingOffset = 1
            guard block.count > 1, block[1].contains("-->") else {
                throw CaptionError(line: firstLine + (block.count > 1 && format == .srt ? 1 : 0), problem: .missingTiming)
            }
        }
        let lineNumber = firstLine + timingOffset
        let timing = block[timingOffset]
        let arrow = timing.range(of: "-->")!
        let startText = timing[..<arrow.lowerBound].trimmingCharacters(in: .whitespaces)
        let afterArrow = timing[arrow.upperBound...].split(whereSeparator: { $0 == " " || $0 == "\t" })
        let endText = afterArrow.first.map(String.init) ?? ""
        guard let start = CaptionTimestamp.parse(startText) else {
            throw CaptionError(line: lineNumber, problem: .badTimestamp(startText))
        }
        guard let end = CaptionTimestamp.parse(endText) else {
            throw CaptionError(line: lineNumber, problem: .badTimestamp(endText))
        }
        if end < start { throw CaptionError(line: lineNumber, problem: .endBeforeStart) }
        if end == start { throw CaptionError(line: lineNumber, problem: .endEqualsStart) }

        let rawText = block[(timingOffset + 1)...].joined(separator: "\n")
        var previous = start
        for inner in CaptionSanitizer.innerTimestamps(rawText) {
            guard inner > previous, inner < end else {
                throw CaptionError(line: lineNumber, problem: .innerTimestampOutOfOrder)
            }
            previous = inner
        }
        let text = CaptionSanitizer.plainText(rawText)
        guard !text.isEmpty else { return nil }
        let settings = format == .webVTT ? Self.sanitisedSettings(afterArrow.dropFirst()) : ""
        return CaptionCue(start: start, end: end, text: text, settings: settings)
    }

    /// Keeps `name:value` placement settings whose value is plain (letters, digits, `.%,-`).
    static func sanitisedSettings(_ tokens: ArraySlice<Substring>) -> String {
        tokens.compactMap { token -> String? in
            let pair = token.split(separator: ":", maxSplits: 1)
            guard pair.count == 2, keptSettings.contains(String(pair[0])), !pair[1].isEmpty,
                pair[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".%,-".contains($0)) })
            else { return nil }
            return String(token)
        }.joined(separator: " ")
    }

    private func isBlank(_ line: Substring) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" } }

    /// `NOTE`, `NOTE text`: the keyword alone or followed by a space or tab.
    private func isKeyword(_ line: Substring, _ keyword: String) -> Bool {
        guard line.hasPrefix(keyword) else { return false }
        let rest = line.dropFirst(keyword.count)
        return rest.isEmpty || rest.first == " " || rest.first == "\t"
    }
}
