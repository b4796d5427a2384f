import Foundation

/// `mindreel classify`, one line at a time: a JSON object with a string `text` is that text
/// (its other fields are copied to the answer, so an `id` comes back), anything else is the text
/// itself. The answer is one JSON line with every classifier's result; a line that is too long
/// or not UTF-8 gets `{"line": N, "error": "..."}` instead, and the lines after it go on.
public enum ClassifyLines {
    public static let maximumBytes = 100_000

    /// The answer to input line `number` (counted from 1), without its newline.
    public static func answer(to line: some Collection<UInt8>, number: Int) -> Data {
        if line.count > maximumBytes {
            return encode([
                "line": number,
                "error": "line \(number) is \(line.count) bytes; a line can be at most \(maximumBytes) bytes. It was not classified.",
            ])
        }
        guard let text = String(validating: line, as: UTF8.self) else {
            return encode(["line": number, "error": "line \(number) is not valid UTF-8. It was not classified."])
        }
        // A JSON object keeps every field as it came (its bytes, unchanged), with the results
        // added at its end; any other line becomes {"text": …} with them.
        var body = text
        var object: Substring?
        if text.first == "{", let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let given = parsed["text"] as? String
        {
            body = given
            // A valid object with a "text" member: its last character is "}", and a member comes before it.
            var end = text.endIndex
            while end > text.startIndex, text[text.index(before: end)] != "}" { end = text.index(before: end) }
            object = text[text.startIndex..<text.index(before: end)]
        }
        let read = ClassifierText(body)
        let framing = DiagnosisFraming.classify(read)
        let crisis = CrisisLanguage.classify(read)
        let results =
            #""diagnosis_framing":{"flagged":\#(framing.flagged),"reasons":[\#(framing.reasons.map(jsonString).joined(separator: ","))],"score":\#(framing.score)},"#
            + #""crisis":{"level":"\#(crisis.level.rawValue)","means":\#(crisis.means),"reasons":[\#(crisis.reasons.map(jsonString).joined(separator: ","))]}"#
        if let object { return Data((object + "," + results + "}").utf8) }
        return Data(("{\"text\":" + jsonString(body) + "," + results + "}").utf8)
    }

    /// A string as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func encode(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data(#"{"error":"the answer could not be written as JSON"}"#.utf8)
    }

    /// Reads `input` to its end and writes one answer line per input line to `output`.
    public static func run(input: FileHandle, output: FileHandle) {
        var pending = Data()
        var written = Data()
        var number = 0
        func flush(force: Bool) {
            if force || written.count > 1 << 16 {
                output.write(written)
                written.removeAll(keepingCapacity: true)
            }
        }
        func emit(_ line: Data) {
            number += 1
            var bytes = line
            if bytes.last == 0x0D { bytes.removeLast() }
            written.append(answer(to: bytes, number: number))
            written.append(0x0A)
            flush(force: false)
        }
        while true {
            let chunk = input.readData(ofLength: 1 << 16)
            if chunk.isEmpty { break }
            pending.append(chunk)
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                emit(pending[start..<newline])
                start = pending.index(after: newline)
            }
            pending = Data(pending[start...])
        }
        if !pending.isEmpty { emit(pending) }
        flush(force: true)
    }
}
