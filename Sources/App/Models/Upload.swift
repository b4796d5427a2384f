import Fluent
import Foundation

/// A resumable (tus) upload: its bytes grow in a partial file under the data directory until
/// complete, then move to media storage.
final class Upload: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "uploads"

    enum State: String, Codable, Sendable {
        case inProgress = "in_progress"
        case complete
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "owner_id") var owner: User
    /// nil while the client has deferred the length.
    @OptionalField(key: "length") var length: Int64?
    @Field(key: "offset") var offset: Int64
    /// The raw `Upload-Metadata` header, returned on HEAD as the protocol asks.
    @Field(key: "metadata") var metadata: String
    @OptionalField(key: "filename") var filename: String?
    @OptionalField(key: "filetype") var filetype: String?
    @Field(key: "state") var state: State
    @OptionalField(key: "storage_key") var storageKey: String?
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    /// Who is writing right now (one PATCH at a time, across server processes).
    @OptionalField(key: "lease_token") var leaseToken: String?
    @OptionalField(key: "lease_until") var leaseUntil: Date?

    init() {}

    init(ownerID: UUID, length: Int64?, metadata: String, filename: String?, filetype: String?, now: Date, expiry: TimeInterval) {
        self.$owner.id = ownerID
        self.length = length
        self.offset = 0
        self.metadata = metadata
        self.filename = filename
        self.filetype = filetype
        self.state = .inProgress
        self.createdAt = now
        self.updatedAt = now
        self.expiresAt = now.addingTimeInterval(expiry)
    }
}
