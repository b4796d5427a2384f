import Foundation
import Testing

@testable import Media

extension Tag {
    /// Caption parsing, validation and sanitising.
    @Tag static var captions: Self
}

@Suite("Captions", .tags(.captions))
struct CaptionTests {
    func parse(_ text: String) throws -> CaptionTrack { try CaptionTrack.parse(Data(text.utf8)) }

    func error(_ text: String) -> CaptionError? {
        do {
            _ = try CaptionTrack.parse(Data(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    /// The cue payload lines of rendered WebVTT (everything but the signature and time lines).
    func payload(_ vtt: String) -> [Substring] {
        vtt.split(separator: "\n").filter { $0 != "WEBVTT" && !$0.contains(" --> ") }
    }

    @Test("SRT becomes WebVTT: numbers dropped, commas become dots, CRLF and a BOM are fine")
    func srt() throws {
        let srt =
            "\u{FEFF}1\r\n00:00:01,000 --> 00:00:03,500\r\nIt's okay to ask for help.\r\n\r\n2\r\n00:00:04,000 --> 00:01:02,250\r\nTalk to someone\r\nyou trust.\r\n"
        let track = try parse(srt)
        #expect(
            track.cues == [
                CaptionCue(start: 1000, end: 3500, text: "It's okay to ask for help."),
                CaptionCue(start: 4000, end: 62250, text: "Talk to someone\nyou trust."),
            ])
        #expect(
            track.webVTT
                == "WEBVTT\n\n00:00:01.000 --> 00:00:03.500\nIt's okay to ask for help.\n\n00:00:04.000 --> 00:01:02.250\nTalk to someone\nyou trust.\n")
    }

    @Test("WebVTT: comments, styles, regions and ids go; placement settings stay; tags go and entities are decoded")
    func webVTT() throws {
        let vtt = """
            WEBVTT - breathing exercise
            Kind: captions

            STYLE
            ::cue { background: url(https://tracker.example/pixel.png) }

            REGION
            id:fred width:40%

            NOTE written by the creator

            intro
            00:01.000 --> 00:04.000 align:start line:0 region:fred position:10%;evil
            <v Dr. Lee><b>Breathe</b> in for <c.yellow>four</c> &amp; out for six &lt;3</v>

            00:00:05.000 --> 00:00:07.000
            <i>Slowly</i>&nbsp;<00:00:05.500>now
            """
        let track = try parse(vtt)
        #expect(track.cues.map(\.text) == ["Breathe in for four & out for six <3", "Slowly\u{00A0}now"])
        #expect(track.cues[0].settings == "align:start line:0")
        #expect(track.webVTT.contains("00:00:01.000 --> 00:00:04.000 align:start line:0\nBreathe in for four &amp; out for six &lt;3\n"))
        #expect(!track.webVTT.contains("tracker") && !track.webVTT.contains("intro") && !track.webVTT.contains("NOTE"))
    }

    @Test("a caption file with <script> comes out with no < in any cue text")
    func script() throws {
        let vtt = """
            WEBVTT

            00:00:01.000 --> 00:00:02.000
            Hello <script>alert(document.cookie)</script>world

            00:00:02.000 --> 00:00:03.000
            <img src=x onerror=alert(1)>Look <scr<script>ipt>alert(2)</script>

            00:00:03.000 --> 00:00:04.000
            &lt;script&gt;alert(3)&lt;/script&gt;still words &#60;b&#x3E;bold

            00:00:04.000 --> 00:00:05.000
            <SCRIPT type="text/javascript">never closed
            """
        let track = try parse(vtt)
        for cue in track.cues {
            #expect(!cue.text.contains("<") && !cue.text.contains(">"), "\(cue.text)")
            #expect(!cue.text.contains("alert"), "script content is dropped: \(cue.text)")
        }
        #expect(track.cues.map(\.text) == ["Hello world", "Look", "still words bold"])
        for line in payload(track.webVTT) {
            #expect(!line.contains("<"), "\(line)")
        }
        #expect(!track.transcript.contains("<"))
    }

    @Test("text that only looks like markup is escaped when written back as WebVTT")
    func escaping() throws {
        let track = try parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nif a < b then --> c & d\n")
        #expect(track.cues[0].text == "if a < b then --> c & d")
        #expect(payload(track.webVTT) == ["if a &lt; b then --&gt; c &amp; d"])
        #expect(try CaptionTrack.parse(track.webVTT) == track, "the sanitised file reads back the same")
    }

    @Test("mistakes are reported with their line, in words")
    func errors() {
        let backwards = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nfine\n\n00:00:05.000 --> 00:00:04.000\nbackwards\n"
        #expect(error(backwards)?.message == "Line 6: the end time is before the start time.")
        #expect(error("1\n00:00:01,000 --> 00:00:01,000\nzero\n")?.message == "Line 2: the end time is the same as the start time.")
        #expect(
            error("1\n00:00:1,000 --> 00:00:02,000\nx\n")?.message
                == "Line 2: “00:00:1,000” is not a time. Times look like 00:01:02.500 (WebVTT) or 00:01:02,500 (SRT).")
        #expect(error("1\n00:00:01,000 --> 00:00:02,000\nx\n\n2\nno time here\n")?.line == 6)
        #expect(error("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nA <00:00:03.000>B <00:00:02.000>C\n")?.problem == .innerTimestampOutOfOrder)
        #expect(error("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nA <00:00:05.000>B\n")?.problem == .innerTimestampOutOfOrder)
        #expect(error("WEBVTT\n\nNOTE nothing else\n")?.message == "The caption file has no captions in it.")
        #expect(error("")?.problem == .noCues)
    }

    @Test("size and count limits: 1 MiB of text, 10,000 captions")
    func limits() {
        let big = Data(repeating: UInt8(ascii: "a"), count: 1_048_577)
        #expect(throws: CaptionError(line: nil, problem: .tooLarge(limitBytes: 1_048_576))) { try CaptionTrack.parse(big) }
        var many = "WEBVTT\n"
        for i in 0...10_000 { many += "\n\(CaptionTimestamp.format(i * 1000)) --> \(CaptionTimestamp.format(i * 1000 + 500))\nx\n" }
        #expect(error(many)?.message == "The caption file has more than 10,000 captions.")
        #expect(throws: CaptionError(line: nil, problem: .notText)) { try CaptionTrack.parse(Data([0x00, 0x01, 0x02])) }
    }

    @Test("older SRT files in Windows-1252 are read")
    func windows1252() throws {
        var data = Data("1\n00:00:01,000 --> 00:00:02,000\nCaf".utf8)
        data.append(0xE9)
        let track = try CaptionTrack.parse(data)
        #expect(track.cues.first?.text == "Café")
    }

    @Test("the transcript joins cue texts in time order and drops repeated lines")
    func transcript() throws {
        let rollUp = """
            WEBVTT

            00:00:03.000 --> 00:00:05.000
            when I feel anxious
            I name five things I can see

            00:00:01.000 --> 00:00:03.000
            Here is what helps me:
            when I feel anxious

            00:00:05.000 --> 00:00:07.000
            I name five things I can see
            and four I can touch
            """
        #expect(try parse(rollUp).transcript == "Here is what helps me:\nwhen I feel anxious\nI name five things I can see\nand four I can touch")
    }
}
