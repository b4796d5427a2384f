import Foundation
import Media

/// Where an upload's bytes live while it grows, and its storage key once complete. Paths are
/// built from the upload's id only, never from anything the client sent.
enum UploadFiles {
    static func partialPath(for id: UUID, config: AppConfig) -> String {
        config.uploadsDirectory + "/" + id.uuidString.lowercased() + ".part"
    }

    static func storageKey(for id: UUID) -> Media.StorageKey {
        Media.StorageKey("uploads/\(id.uuidString.lowercased())/original")!
    }

    static func createEmptyPartial(_ path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// Cuts the partial file back to `length` bytes: what a refused request wrote is undone.
    static func truncate(_ path: String, to length: Int64) throws {
        if Glibc.truncate(path, off_t(length)) != 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    static func removePartial(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
