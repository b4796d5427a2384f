import Foundation

/// Who may watch a video: the policy, without storage.
public enum VideoAccess {
    public struct Facts: Sendable, Equatable {
        public var ownerID: UUID
        public var processing: ProcessingState
        public var publication: PublicationState
        public var visibility: Visibility

        public init(ownerID: UUID, processing: ProcessingState, publication: PublicationState, visibility: Visibility) {
            self.ownerID = ownerID
            self.processing = processing
            self.publication = publication
            self.visibility = visibility
        }
    }

    /// The owner sees their video in every state (to follow its processing and fix failures);
    /// anyone else only a ready, published video that is public or unlisted (unlisted ones are
    /// reached by their link only, which the caller ensures by never listing them).
    public static func mayWatch(_ video: Facts, viewerID: UUID?) -> Bool {
        if let viewerID, viewerID == video.ownerID { return true }
        guard video.processing == .ready else { return false }
        guard video.publication == .published || video.publication == .limited else { return false }
        return video.visibility != .private
    }
}
