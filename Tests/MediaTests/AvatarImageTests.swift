import Foundation
import Testing

@testable import Media

@Suite("Profile pictures with real ffmpeg", .tags(.realFFmpeg))
struct AvatarImageTests {
    @Test("a PNG, JPEG or WebP becomes a 256×256 JPEG without metadata", arguments: ["png", "jpg", "webp"])
    func converts(format: String) async throws {
        let scratch = try MediaScratch()
        defer { scratch.remove() }
        let input = scratch.path("upload.\(format)")
        // A wide picture with a comment in its metadata, which must not survive.
        try await Tool.ffmpeg([
            "-v", "error", "-f", "lavfi", "-i", "testsrc=s=600x300", "-frames:v", "1", "-metadata", "comment=secret-location", "-y", input,
        ])
        let output = scratch.path("avatar.jpg")
        try await AvatarImage.make(input: input, output: output)
        let probe = try await Tool.probeJSON(output)
        let stream = try #require((probe["streams"] as? [[String: Any]])?.first)
        #expect(stream["width"] as? Int == 256)
        #expect(stream["height"] as? Int == 256)
        #expect(stream["codec_name"] as? String == "mjpeg")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: output))
        #expect(bytes.range(of: Data("secret-location".utf8)) == nil)
        #expect(bytes.range(of: Data("Lavc".utf8)) == nil, "no encoder tag either")
    }

    @Test("anything but a picture is refused by its bytes, whatever its name, and leaves no output")
    func refuses() async throws {
        let scratch = try MediaScratch()
        defer { scratch.remove() }
        let fake = scratch.path("fake.png")
        try Data("#EXTM3U\n#EXT-X-TARGETDURATION:1\nfile:///etc/passwd\n".utf8).write(to: URL(fileURLWithPath: fake))
        await #expect(throws: AvatarImage.Failure.notAnImage) { try await AvatarImage.make(input: fake, output: scratch.path("a.jpg")) }
        // A PNG signature followed by garbage: sniffed as PNG, refused by the decoder.
        let broken = scratch.path("broken.png")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0x41, count: 200)).write(to: URL(fileURLWithPath: broken))
        await #expect(throws: AvatarImage.Failure.unreadable) { try await AvatarImage.make(input: broken, output: scratch.path("b.jpg")) }
        #expect(scratch.contents().sorted() == ["broken.png", "fake.png"])
    }
}
