import Foundation

@testable import App

/// Stands in for ffmpeg in the queue and API tests (real ffmpeg runs in the pipeline tests):
/// writes small files with recognisable contents, or refuses the file like a bad upload:
/// `uploadRejection` as the upload finishes, `rejection` only later, in processing.
struct FakeMediaTools: VideoMediaTools {
    var rejection: String?
    var uploadRejection: String?
    var failTranscode = false

    func probe(path: String, maxDurationSeconds: Double) async throws -> ProbedVideo {
        if let rejection { throw MediaRejection(message: rejection) }
        guard FileManager.default.fileExists(atPath: path) else { throw TestSetupError("no source at \(path)") }
        return ProbedVideo(durationSeconds: 3, width: 720, height: 1280, details: nil)
    }

    func checkUpload(path: String, maxDurationSeconds: Double) async throws(MediaRejection) {
        if let uploadRejection { throw MediaRejection(message: uploadRejection) }
    }

    func transcode(_ video: ProbedVideo, input: String, rendition: RenditionName, output: String, onProgress: @escaping @Sendable (Double) -> Void) async throws
    {
        if failTranscode { throw JobFailure(message: "ffmpeg exited with 1", permanent: false) }
        onProgress(0.5)
        try Data(FakeMediaTools.contents(rendition.rawValue).utf8).write(to: URL(fileURLWithPath: output))
        onProgress(1)
    }

    func poster(_ video: ProbedVideo, input: String, output: String) async throws {
        try Data("poster".utf8).write(to: URL(fileURLWithPath: output))
    }

    static func contents(_ rendition: String) -> String {
        "rendition \(rendition) " + String(repeating: "0123456789", count: 100)
    }
}
