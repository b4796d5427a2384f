import Foundation
import MindreelCore
import Testing

@testable import Media

/// A temporary folder for one test's clips and outputs, removed by `remove()`.
struct MediaScratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("mindreel-media-\(UUID().uuidString.lowercased())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// File names in the folder, sorted.
    func contents() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Runs ffmpeg or ffprobe for test setup and checks, failing loudly when they fail.
enum Tool {
    static let runner = ProcessRunner()

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], timeout: Duration = .seconds(120)) async throws -> MediaRunResult {
        let result = try await runner.run(MediaCommand(executable: executable, arguments: arguments, timeout: timeout))
        guard result.succeeded else {
            throw ToolFailure(command: ([executable] + arguments).joined(separator: " "), stderr: result.stderrTail)
        }
        return result
    }

    /// ffmpeg for making test clips, quiet and overwriting.
    static func ffmpeg(_ arguments: [String]) async throws {
        try await run("ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", "-y"] + arguments)
    }

    /// ffprobe's JSON for a file, as plain dictionaries (independent of the code under test).
    static func probeJSON(_ path: String, extra: [String] = []) async throws -> [String: Any] {
        let result = try await run("ffprobe", ["-v", "error", "-print_format", "json", "-show_format", "-show_streams"] + extra + [path])
        return try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any] ?? [:]
    }

    /// Presentation times of the video keyframes.
    static func keyframeTimes(_ path: String) async throws -> [Double] {
        let result = try await run(
            "ffprobe", ["-v", "error", "-select_streams", "v", "-skip_frame", "nokey", "-show_entries", "frame=pts_time", "-of", "csv=p=0", path])
        return String(decoding: result.stdout, as: UTF8.self).split(whereSeparator: \.isNewline).compactMap {
            Double($0.trimmingCharacters(in: CharacterSet(charactersIn: ", ")))
        }
    }
}

struct ToolFailure: Error, CustomStringConvertible {
    var command: String
    var stderr: String
    var description: String { "\(command) failed: \(stderr)" }
}

/// The types of the top-level boxes of an MP4, read directly from the bytes (a second,
/// independent reader, so the check does not trust the code it checks).
func topLevelBoxTypes(_ path: String) throws -> [String] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    var types: [String] = []
    var offset = 0
    while offset + 8 <= data.count {
        let b = [UInt8](data[offset..<offset + 8])
        var size = Int(b[0]) << 24 | Int(b[1]) << 16 | Int(b[2]) << 8 | Int(b[3])
        types.append(String(decoding: b[4..<8], as: UTF8.self))
        if size == 1 { size = [UInt8](data[offset + 8..<offset + 16]).reduce(0) { $0 << 8 | Int($1) } }
        if size == 0 { break }
        guard size >= 8 else { break }
        offset += size
    }
    return types
}

extension Transcoder {
    /// The refusal probing `path` ends in, or nil when the file is accepted. Any other error
    /// is recorded as a test failure.
    func refusal(probing path: String, policy: ProbePolicy) async -> ProbeRefusal? {
        do {
            _ = try await probe(path: path, policy: policy)
            return nil
        } catch let refusal as ProbeRefusal {
            return refusal
        } catch {
            Issue.record("probe failed with \(error) instead of a refusal")
            return nil
        }
    }
}
