import Fluent
import Foundation
import MindreelCore

/// A licence application, and once approved the verified licence behind a clinician's badge.
/// A renewal is a new application that points at the licence it renews (`renewalOf`); the old
/// licence keeps the badge until the renewal is approved, then is `superseded`.
final class Licence: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "licences"

    enum Status: String, Codable, CaseIterable {
        /// Waiting for a moderator.
        case pending
        /// A moderator asked for more information: the applicant edits and resubmits.
        case needsInfo = "needs_info"
        /// Checked: the badge and the clinician role, until `lapsesAt`.
        case verified
        case rejected
        /// Withdrawn by an admin, with a reason.
        case revoked
        /// Replaced by an approved renewal.
        case superseded

        /// Waiting for the applicant or a moderator: a member has at most one.
        var isOpen: Bool { self == .pending || self == .needsInfo }

        var label: String {
            switch self {
            case .pending: return "Waiting for review"
            case .needsInfo: return "More information needed"
            case .verified: return "Verified"
            case .rejected: return "Not approved"
            case .revoked: return "Revoked"
            case .superseded: return "Renewed"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "status") var status: Status
    @Field(key: "legal_name") var legalName: String
    @Field(key: "licence_type") var licenceType: LicenceType
    @OptionalField(key: "other_type") var otherType: String?
    @Field(key: "licence_number") var licenceNumber: String
    @Field(key: "jurisdiction") var jurisdiction: String
    @Field(key: "expires_on") var expiresOnText: String
    @Field(key: "lapses_at") var lapsesAt: Date
    @Field(key: "board_url") var boardURL: String
    @OptionalParent(key: "practice_id") var practice: Practice?
    @Field(key: "evidence_key") var evidenceKey: String
    @Field(key: "evidence_kind") var evidenceKind: EvidenceKind
    @Field(key: "evidence_bytes") var evidenceBytes: Int64
    @OptionalField(key: "renewal_of") var renewalOf: UUID?
    @Field(key: "submitted_at") var submittedAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "reviewed_by") var reviewedBy: UUID?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @OptionalField(key: "review_note") var reviewNote: String?
    @OptionalField(key: "verified_at") var verifiedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "revoked_by") var revokedBy: UUID?
    @OptionalField(key: "revoke_reason") var revokeReason: String?
    @Field(key: "notices_sent") var noticesSent: String

    init() {}

    var expiresOn: CalendarDay { CalendarDay(expiresOnText) ?? CalendarDay(of: lapsesAt) }

    var details: LicenceDetails {
        LicenceDetails(
            legalName: legalName, type: licenceType, otherType: otherType, number: licenceNumber, jurisdiction: jurisdiction,
            expiresOn: expiresOn, boardURL: boardURL)
    }

    func apply(_ details: LicenceDetails, practiceID: UUID?) {
        legalName = details.legalName
        licenceType = details.type
        otherType = details.otherType
        licenceNumber = details.number
        jurisdiction = details.jurisdiction
        expiresOnText = details.expiresOn.description
        lapsesAt = details.expiresOn.end
        boardURL = details.boardURL
        $practice.id = practiceID
    }

    /// Whether this licence gives its holder the badge at `now`.
    func isCurrent(at now: Date) -> Bool { status == .verified && lapsesAt > now }

    var sentNotices: Set<Int> { Set(noticesSent.split(separator: ",").compactMap { Int($0) }) }
}

/// A source behind a clinical claim: a link with its title, or a citation (title only).
final class VideoClaimSource: Model, @unchecked Sendable {
    static let schema = "video_sources"

    @ID(key: .id) var id: UUID?
    @Parent(key: "video_id") var video: Video
    @Field(key: "position") var position: Int
    @Field(key: "title") var title: String
    @OptionalField(key: "url") var url: String?

    init() {}

    init(videoID: UUID, position: Int, title: String, url: String?) {
        self.$video.id = videoID
        self.position = position
        self.title = title
        self.url = url
    }
}
