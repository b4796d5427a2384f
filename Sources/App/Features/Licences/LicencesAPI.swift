import Fluent
import Foundation
import MindreelCore
import Vapor

/// What the API and the pages show of licences. The legal name is only in the applicant's own
/// view and the moderators' (`Application`); the public view (`PublicLicence`) leaves it out.
enum LicencesAPI {
    /// An application as its applicant and the moderators see it.
    struct Application: Content {
        let id: String
        let status: String
        let statusLabel: String
        let legalName: String
        let licenceType: String
        let licenceTypeLabel: String
        let otherType: String?
        let licenceNumber: String
        let jurisdiction: String
        let jurisdictionName: String
        let expiresOn: String
        let expiresOnText: String
        let boardUrl: String
        let practiceId: String?
        let practiceName: String?
        let evidenceKind: String
        let evidenceBytes: Int64
        let evidenceUrl: String
        let isRenewal: Bool
        let submittedAt: Date
        let submittedText: String
        let reviewNote: String?
        let verifiedAt: Date?
        let revokeReason: String?
        /// Verified and not expired: the badge shows.
        let isCurrent: Bool
        let applicantHandle: String?
        let applicantDisplayName: String?
        let publicUrl: String?

        init(_ licence: Licence, evidenceURL: String, now: Date, withApplicant: Bool) throws {
            let id = try licence.requireID()
            self.id = id.uuidString.lowercased()
            status = licence.status.rawValue
            statusLabel = licence.isCurrent(at: now) || licence.status != .verified ? licence.status.label : "Expired"
            legalName = licence.legalName
            licenceType = licence.licenceType.rawValue
            licenceTypeLabel = licence.details.typeLabel
            otherType = licence.otherType
            licenceNumber = licence.licenceNumber
            jurisdiction = licence.jurisdiction
            jurisdictionName = Jurisdictions.name(of: licence.jurisdiction) ?? licence.jurisdiction
            expiresOn = licence.expiresOnText
            expiresOnText = licence.expiresOn.longText
            boardUrl = licence.boardURL
            practiceId = licence.$practice.id?.uuidString.lowercased()
            practiceName = licence.$practice.value??.name
            evidenceKind = licence.evidenceKind.rawValue
            evidenceBytes = licence.evidenceBytes
            evidenceUrl = evidenceURL
            isRenewal = licence.renewalOf != nil
            submittedAt = licence.submittedAt
            submittedText = ModerationQueue.day(licence.submittedAt)
            reviewNote = licence.reviewNote
            verifiedAt = licence.verifiedAt
            revokeReason = licence.revokeReason
            isCurrent = licence.isCurrent(at: now)
            applicantHandle = withApplicant ? licence.$user.value?.handle : nil
            applicantDisplayName = withApplicant ? licence.$user.value?.displayName : nil
            publicUrl = licence.status == .verified ? "/licences/\(self.id)" : nil
        }
    }

    /// A verified licence as anyone may see it, from its badge.
    struct PublicLicence: Content {
        let id: String
        let holderHandle: String
        let holderDisplayName: String
        let licenceType: String
        let jurisdiction: String
        let jurisdictionName: String
        let licenceNumber: String
        let boardUrl: String
        let practiceName: String?
        let practiceWebsite: String?
        let verifiedOn: String?
        let verifiedMonth: String?
        let expiresOn: String
        let expiresOnText: String
        /// False once it expired, was revoked or was replaced by a renewal: the page says so.
        let isCurrent: Bool
        let status: String

        init(_ licence: Licence, now: Date) throws {
            id = try licence.requireID().uuidString.lowercased()
            holderHandle = licence.user.handle
            holderDisplayName = licence.user.displayName
            licenceType = licence.details.typeLabel
            jurisdiction = licence.jurisdiction
            jurisdictionName = Jurisdictions.name(of: licence.jurisdiction) ?? licence.jurisdiction
            licenceNumber = licence.licenceNumber
            boardUrl = licence.boardURL
            practiceName = licence.$practice.value??.name
            practiceWebsite = licence.$practice.value??.website
            verifiedOn = licence.verifiedAt.map { CalendarDay(of: $0).longText }
            verifiedMonth = licence.verifiedAt.map { CalendarDay(of: $0).monthAndYear }
            expiresOn = licence.expiresOnText
            expiresOnText = licence.expiresOn.longText
            isCurrent = licence.isCurrent(at: now)
            status = licence.status.rawValue
        }
    }

    /// One line of the moderators' licence queue.
    struct QueueItem: Content {
        let id: String
        let applicantHandle: String
        let licenceTypeLabel: String
        let jurisdictionName: String
        let isRenewal: Bool
        let waiting: String
        let submittedAt: Date
        let isOwn: Bool
    }

    static func queue(req: Request) async throws -> [QueueItem] {
        let me = try req.requireAccount().userID
        let now = req.mindreel.now
        return try await Licence.query(on: req.db).filter(\.$status == .pending).with(\.$user).sort(\.$submittedAt).limit(500).all().map {
            QueueItem(
                id: try $0.requireID().uuidString.lowercased(), applicantHandle: $0.user.handle, licenceTypeLabel: $0.details.typeLabel,
                jurisdictionName: Jurisdictions.name(of: $0.jurisdiction) ?? $0.jurisdiction, isRenewal: $0.renewalOf != nil,
                waiting: ModerationQueue.waited(since: $0.submittedAt, now: now), submittedAt: $0.submittedAt, isOwn: $0.$user.id == me)
        }
    }

    /// A verified (or once verified) licence for its public page; nil for an application that
    /// never was verified, which is nobody else's business.
    static func publicLicence(_ id: UUID, req: Request) async throws -> PublicLicence {
        guard let licence = try await Licence.query(on: req.db).filter(\.$id == id).with(\.$user).with(\.$practice).first(),
            [.verified, .revoked, .superseded].contains(licence.status), licence.verifiedAt != nil
        else {
            throw HTTPProblem(.notFound, detail: "There is no such verified licence.")
        }
        return try PublicLicence(licence, now: req.mindreel.now)
    }
}

/// `/api/v1/me/licences` (the applicant), `/api/v1/moderation/licences` (review),
/// `/api/v1/admin/licences/:id/revoke` and the public `/api/v1/licences/:id`.
struct LicencesAPIController: RouteCollection {
    let multipartFormLimit: Int

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        let body = ByteCount(value: multipartFormLimit)
        api.get("me", "licences", use: mine)
        api.on(.POST, "me", "licences", body: .collect(maxSize: body), use: apply)
        api.on(.PUT, "me", "licences", ":licenceID", body: .collect(maxSize: body), use: resubmit)
        api.get("me", "licences", ":licenceID", "evidence", use: ownEvidence)
        api.get("moderation", "licences", use: queue)
        api.get("moderation", "licences", ":licenceID", use: review)
        api.get("moderation", "licences", ":licenceID", "evidence", use: reviewEvidence)
        api.post("moderation", "licences", ":licenceID", "decision", use: decide)
        api.post("admin", "licences", ":licenceID", "revoke", use: revoke)
        api.get("licences", ":licenceID", use: publicLicence)
    }

    static func licenceID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("licenceID").flatMap(UUID.init(uuidString:)) else {
            throw HTTPProblem(.notFound, detail: "There is no such licence.")
        }
        return id
    }

    static func ownEvidenceURL(_ id: UUID) -> String { "/settings/licence/\(id.uuidString.lowercased())/evidence" }
    static func apiOwnEvidenceURL(_ id: UUID) -> String { "/api/v1/me/licences/\(id.uuidString.lowercased())/evidence" }
    static func reviewEvidenceURL(_ id: UUID) -> String { "/moderation/licences/\(id.uuidString.lowercased())/evidence" }

    func mine(req: Request) async throws -> APIPage<LicencesAPI.Application> {
        let account = try req.requireAccount()
        let now = req.mindreel.now
        let items = try await LicenceApplications.all(of: account.userID, on: req.db).map {
            try LicencesAPI.Application(
                $0, evidenceURL: Self.apiOwnEvidenceURL(try $0.requireID()), now: now, withApplicant: false)
        }
        return APIPage(items: items, nextCursor: nil)
    }

    func apply(req: Request) async throws -> Response {
        let input = try await req.decodeOffTheSharedThreads { try req.content.decode(LicenceApplications.Input.self) }
        let licence = try await LicenceApplications.submit(input, req: req)
        return try await created(licence, req: req)
    }

    func resubmit(req: Request) async throws -> LicencesAPI.Application {
        let input = try await req.decodeOffTheSharedThreads { try req.content.decode(LicenceApplications.Input.self) }
        let licence = try await LicenceApplications.resubmit(try Self.licenceID(req), input, req: req)
        return try LicencesAPI.Application(
            licence, evidenceURL: Self.apiOwnEvidenceURL(try licence.requireID()), now: req.mindreel.now, withApplicant: false
        )
    }

    private func created(_ licence: Licence, req: Request) async throws -> Response {
        let body = try LicencesAPI.Application(
            licence, evidenceURL: Self.apiOwnEvidenceURL(try licence.requireID()), now: req.mindreel.now,
            withApplicant: false)
        let response = try await body.encodeResponse(status: .created, for: req)
        return response
    }

    func ownEvidence(req: Request) async throws -> Response {
        try await LicenceEvidence.ownResponse(req: req)
    }

    func queue(req: Request) async throws -> APIPage<LicencesAPI.QueueItem> {
        APIPage(items: try await LicencesAPI.queue(req: req), nextCursor: nil)
    }

    func review(req: Request) async throws -> LicencesAPI.Application {
        let licence = try await LicenceReview.load(try Self.licenceID(req), on: req.db)
        return try LicencesAPI.Application(
            licence, evidenceURL: "/api/v1/moderation/licences/\(try licence.requireID().uuidString.lowercased())/evidence", now: req.mindreel.now,
            withApplicant: true)
    }

    func reviewEvidence(req: Request) async throws -> Response {
        try await LicenceEvidence.response(for: try await LicenceReview.load(try Self.licenceID(req), on: req.db), req: req)
    }

    func decide(req: Request) async throws -> LicencesAPI.Application {
        let licence = try await LicenceReview.decide(try Self.licenceID(req), try req.content.decode(LicenceReview.DecisionInput.self), req: req)
        return try LicencesAPI.Application(licence, evidenceURL: Self.reviewEvidenceURL(try licence.requireID()), now: req.mindreel.now, withApplicant: true)
    }

    func revoke(req: Request) async throws -> LicencesAPI.Application {
        let licence = try await LicenceReview.revoke(try Self.licenceID(req), try req.content.decode(LicenceReview.RevokeInput.self), req: req)
        return try LicencesAPI.Application(licence, evidenceURL: Self.reviewEvidenceURL(try licence.requireID()), now: req.mindreel.now, withApplicant: true)
    }

    func publicLicence(req: Request) async throws -> LicencesAPI.PublicLicence {
        try await LicencesAPI.publicLicence(try Self.licenceID(req), req: req)
    }
}
