import Fluent
import Foundation
import Media

/// Removing uploads: on termination, when they grow past the limit, and when they expire.
enum UploadCleanup {
    /// Deletes the row, the partial file and any stored object, so nothing is left behind.
    static func discard(_ upload: Upload, config: AppConfig, storage: any MediaStorage, on db: any Database) async throws {
        let id = try upload.requireID()
        UploadFiles.removePartial(UploadFiles.partialPath(for: id, config: config))
        if let key = upload.storageKey.flatMap(Media.StorageKey.init) {
            try await storage.delete(key)
        }
        try await upload.delete(on: db)
    }

    /// Unfinished uploads whose last activity is older than the expiry: removed with their files.
    @discardableResult
    static func purgeExpired(config: AppConfig, storage: any MediaStorage, now: Date, on db: any Database) async throws -> Int {
        let expired = try await Upload.query(on: db).filter(\.$state == .inProgress).filter(\.$expiresAt <= now).all()
        for upload in expired {
            try await discard(upload, config: config, storage: storage, on: db)
        }
        return expired.count
    }
}
