import Foundation
import Vapor

enum UploadsAPI {
    /// An upload as `GET /api/v1/uploads` lists it.
    struct UploadItem: Content {
        /// Lower-case, as in `location`.
        let id: String
        let filename: String?
        let filetype: String?
        let length: Int64?
        let offset: Int64
        let state: String
        let createdAt: Date
        let expiresAt: Date
        let location: String

        init(_ upload: Upload) throws {
            let id = try upload.requireID()
            self.id = id.uuidString.lowercased()
            filename = upload.filename
            filetype = upload.filetype
            length = upload.length
            offset = upload.offset
            state = upload.state.rawValue
            createdAt = upload.createdAt
            expiresAt = upload.expiresAt
            location = TusController.location(of: id)
        }
    }
}

/// `Upload-Expires` and friends use the HTTP date format (RFC 9110 IMF-fixdate).
enum HTTPDate {
    static func string(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
