import Foundation
import Testing

@testable import MindreelCore

@Suite("tus headers")
struct TusHeadersTests {
    func b64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    @Test("Upload-Metadata: key/value pairs, empty values, and every malformed shape refused")
    func metadata() throws {
        #expect(
            try TusHeaders.metadata("filename \(b64("clip 1.mp4")),is_private,filetype \(b64("video/mp4"))") == [
                "filename": "clip 1.mp4", "is_private": "", "filetype": "video/mp4",
            ])
        #expect(try TusHeaders.metadata(nil).isEmpty)
        for bad in ["filename !!!", "a \(b64("x")),a \(b64("y"))", "a b c", ",", String(repeating: "k ", count: 3000)] {
            #expect(throws: TusHeaders.ParseError.self, "\(bad.prefix(40))") { try TusHeaders.metadata(bad) }
        }
    }

    @Test("offsets and lengths are non-negative whole numbers")
    func integers() throws {
        #expect(try TusHeaders.nonNegativeInteger("42", header: "Upload-Offset") == 42)
        #expect(try TusHeaders.nonNegativeInteger(nil, header: "Upload-Offset") == nil)
        for bad in ["-1", "1.5", "", "12abc", "99999999999999999999999"] {
            #expect(throws: TusHeaders.ParseError.self, "\(bad)") { try TusHeaders.nonNegativeInteger(bad, header: "Upload-Offset") }
        }
    }

    @Test("Upload-Checksum: sha1 with a 20-byte digest; other algorithms are named as unsupported")
    func checksum() throws {
        let digest = Data(repeating: 7, count: 20).base64EncodedString()
        #expect(try TusHeaders.sha1Checksum("sha1 \(digest)") == Array(repeating: 7, count: 20))
        #expect(throws: TusHeaders.ParseError.unsupportedChecksumAlgorithm("md5")) { try TusHeaders.sha1Checksum("md5 \(digest)") }
        #expect(throws: TusHeaders.ParseError.self) { try TusHeaders.sha1Checksum("sha1 c2hvcnQ=") }
        #expect(throws: TusHeaders.ParseError.self) { try TusHeaders.sha1Checksum("sha1") }
    }

    @Test("file names are for display only: no folders, no control characters, bounded")
    func filenames() {
        #expect(TusHeaders.displayFilename("../../etc/passwd") == "passwd")
        #expect(TusHeaders.displayFilename("C:\\Users\\me\\clip.mov") == "clip.mov")
        #expect(TusHeaders.displayFilename("bad\u{0}name\u{202E}.mp4") == "badname.mp4")
        #expect(TusHeaders.displayFilename("   ") == nil)
        #expect(TusHeaders.displayFilename(String(repeating: "a", count: 500))?.count == 200)
    }

    @Test("size labels")
    func labels() {
        #expect(UploadPolicy().maxSizeLabel == "512 MiB")
        #expect(UploadPolicy.label(bytes: 2 * 1024 * 1024 * 1024) == "2 GiB")
    }
}
