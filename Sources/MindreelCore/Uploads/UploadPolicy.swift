import Foundation

/// Limits on resumable uploads.
public struct UploadPolicy: Sendable, Equatable {
    /// The largest file accepted (default 512 MiB).
    public var maxBytes: Int64
    /// Unfinished uploads one account may have at once.
    public var maxActivePerAccount: Int
    /// How long an unfinished upload is kept after its last activity.
    public var expiry: TimeInterval

    public init(maxBytes: Int64 = 512 * 1024 * 1024, maxActivePerAccount: Int = 5, expiry: TimeInterval = 24 * 3600) {
        self.maxBytes = maxBytes
        self.maxActivePerAccount = maxActivePerAccount
        self.expiry = expiry
    }

    /// "512 MiB", for messages.
    public var maxSizeLabel: String { Self.label(bytes: maxBytes) }

    public static func label(bytes: Int64) -> String {
        let mib = Double(bytes) / 1_048_576
        if mib >= 1024 { return String(format: "%.0f GiB", mib / 1024) }
        if mib >= 1 { return String(format: "%.0f MiB", mib) }
        return "\(bytes) bytes"
    }
}
