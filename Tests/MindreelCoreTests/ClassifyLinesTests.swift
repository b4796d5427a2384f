import Foundation
import MindreelCore
import Testing

/// `mindreel classify`'s line protocol: JSON objects keep their other fields, any other line is
/// the text, and a bad line gets an error of its own without stopping the rest.
@Suite("classify lines")
struct ClassifyLinesTests {
    func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("a JSON object's text is classified and its other fields come back; a plain line is the text itself")
    func objectsAndPlainLines() throws {
        let answer = try object(ClassifyLines.answer(to: Array(#"{"id": "v-9", "lang": "en", "text": "signs you have adhd"}"#.utf8), number: 1))
        #expect(answer["id"] as? String == "v-9" && answer["lang"] as? String == "en")
        #expect(answer["text"] as? String == "signs you have adhd")
        let framing = try #require(answer["diagnosis_framing"] as? [String: Any])
        let crisis = try #require(answer["crisis"] as? [String: Any], "every line carries the crisis classifier's result too")
        #expect(["none", "concern", "urgent"].contains(crisis["level"] as? String ?? "") && crisis["means"] is Bool)
        #expect(framing["flagged"] as? Bool == true && (framing["score"] as? Double ?? 0) >= 0.5)
        #expect((framing["reasons"] as? [String])?.isEmpty == false)

        let plain = try object(ClassifyLines.answer(to: Array("my sleep routine that finally helped".utf8), number: 2))
        #expect(plain["text"] as? String == "my sleep routine that finally helped")
        #expect((plain["diagnosis_framing"] as? [String: Any])?["flagged"] as? Bool == false)
        // JSON that is not an object with a string text is text too.
        let array = try object(ClassifyLines.answer(to: Array(#"["signs"]"#.utf8), number: 3))
        #expect(array["text"] as? String == #"["signs"]"#)
        let numberText = try object(ClassifyLines.answer(to: Array(#"{"text": 5}"#.utf8), number: 4))
        #expect(numberText["text"] as? String == #"{"text": 5}"#)
    }

    @Test("a line that is not UTF-8 or is over 100,000 bytes gets an error naming it")
    func badLines() throws {
        let notText = try object(ClassifyLines.answer(to: [0x66, 0xFF, 0xFE, 0x6F], number: 7))
        #expect(notText["line"] as? Int == 7 && (notText["error"] as? String)?.contains("not valid UTF-8") == true)
        #expect(notText["diagnosis_framing"] == nil)
        let long = try object(ClassifyLines.answer(to: [UInt8](repeating: 0x61, count: 1_000_000), number: 8))
        #expect(long["line"] as? Int == 8 && (long["error"] as? String)?.contains("at most 100000 bytes") == true)
        let edge = try object(ClassifyLines.answer(to: [UInt8](repeating: 0x61, count: ClassifyLines.maximumBytes), number: 9))
        #expect(edge["error"] == nil, "exactly the limit is classified")
    }
}
