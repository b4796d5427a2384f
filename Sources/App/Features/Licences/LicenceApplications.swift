import Fluent
import Foundation
import Media
import MindreelCore
import Vapor

/// A member's side of verification: apply, resubmit after a request for more information, and
/// renew from 60 days before expiry. The page (`/settings/licence`) and the API
/// (`/api/v1/me/licence`) both go through here, so the rules are the same.
enum LicenceApplications {
    /// The form's fields (multipart: the evidence is a file).
    struct Input: Content {
        var legalName: String?
        var licenceType: String?
        var otherType: String?
        var licenceNumber: String?
        var jurisdiction: String?
        var expiresOn: String?
        var boardUrl: String?
        var practiceId: String?
        var evidence: File?

        enum CodingKeys: String, CodingKey {
            case legalName = "legal_name"
            case licenceType = "licence_type"
            case otherType = "other_type"
            case licenceNumber = "licence_number"
            case jurisdiction
            case expiresOn = "expires_on"
            case boardUrl = "board_url"
            case practiceId = "practice_id"
            case evidence
        }
    }

    /// The member's licences, newest first.
    static func all(of userID: UUID, on db: any Database) async throws -> [Licence] {
        try await Licence.query(on: db).filter(\.$user.$id == userID).with(\.$practice).sort(\.$submittedAt, .descending).all()
    }

    /// A new application, or a renewal of the member's current licence. Refused while another
    /// application of theirs is open, or while their licence is verified and not yet within the
    /// renewal window.
    static func submit(_ input: Input, req: Request) async throws -> Licence {
        let account = try req.requireAccount()
        try req.authorize(.applyForLicence)
        let now = req.mindreel.now
        let today = CalendarDay(of: now)
        let mine = try await all(of: account.userID, on: req.db)
        if let open = mine.first(where: { $0.status.isOpen }) {
            throw HTTPProblem(
                .conflict,
                detail: open.status == .needsInfo
                    ? "You already have an application waiting for more information: update that one instead of starting another."
                    : "You already have an application waiting for review. You can apply again once it is decided.")
        }
        let current = mine.first { $0.isCurrent(at: now) }
        if let current, !LicenceRules.renewalIsOpen(expiresOn: current.expiresOn, today: today) {
            let opens = current.expiresOn.adding(days: -LicenceRules.renewalWindowDays)
            throw HTTPProblem(
                .conflict,
                detail: "Your licence is verified until \(current.expiresOn.longText). You can submit a renewal from \(opens.longText).")
        }
        let (details, practiceID) = try await check(input, evidenceRequired: true, today: today, req: req)
        guard let file = input.evidence else { throw FieldErrors("evidence", "Attach the evidence.") }
        let stored = try await LicenceEvidence.store(file, for: account.userID, req: req)
        let licence = Licence()
        licence.$user.id = account.userID
        licence.status = .pending
        licence.apply(details, practiceID: practiceID)
        licence.evidenceKey = stored.key.value
        licence.evidenceKind = stored.kind
        licence.evidenceBytes = stored.bytes
        licence.renewalOf = try current?.requireID()
        licence.submittedAt = now
        licence.updatedAt = now
        licence.noticesSent = ""
        do {
            try await req.db.transaction { db in
                try await licence.create(on: db)
                try await req.audit.record(
                    AuditEntry(
                        actorID: account.userID, actorRole: req.actorRole, action: .licenceApply, objectType: "licence",
                        objectID: try licence.requireID().uuidString,
                        detail: "\(current == nil ? "application" : "renewal"): \(details.typeLabel), \(details.jurisdiction)"), on: db)
            }
        } catch {
            try? await req.mindreel.storage.delete(stored.key)
            throw error
        }
        return licence
    }

    /// The applicant's changes to an application a moderator asked more of: it goes back to the
    /// queue. New evidence replaces the old; without a file, the old evidence stays.
    static func resubmit(_ licenceID: UUID, _ input: Input, req: Request) async throws -> Licence {
        let account = try req.requireAccount()
        try req.authorize(.applyForLicence)
        guard let licence = try await Licence.query(on: req.db).filter(\.$id == licenceID).filter(\.$user.$id == account.userID).first() else {
            throw HTTPProblem(.notFound, detail: "There is no such application.")
        }
        guard licence.status == .needsInfo else {
            throw HTTPProblem(
                .conflict, detail: "Only an application a moderator asked more of can be changed; this one is \(licence.status.label.lowercased()).")
        }
        let now = req.mindreel.now
        let (details, practiceID) = try await check(input, evidenceRequired: false, today: CalendarDay(of: now), req: req)
        let stored: LicenceEvidence.Stored? =
            if let file = input.evidence, file.data.readableBytes > 0 { try await LicenceEvidence.store(file, for: account.userID, req: req) } else { nil }
        let oldKey = licence.evidenceKey
        licence.apply(details, practiceID: practiceID)
        if let stored {
            licence.evidenceKey = stored.key.value
            licence.evidenceKind = stored.kind
            licence.evidenceBytes = stored.bytes
        }
        licence.status = .pending
        licence.updatedAt = now
        licence.submittedAt = now
        do {
            try await req.db.transaction { db in
                try await licence.save(on: db)
                try await req.audit.record(
                    AuditEntry(
                        actorID: account.userID, actorRole: req.actorRole, action: .licenceResubmit, objectType: "licence",
                        objectID: licenceID.uuidString, detail: stored == nil ? "same evidence" : "new evidence"), on: db)
            }
        } catch {
            if let stored { try? await req.mindreel.storage.delete(stored.key) }
            throw error
        }
        if stored != nil, let key = Media.StorageKey(oldKey) { try? await req.mindreel.storage.delete(key) }
        return licence
    }

    /// Every problem with the fields and the file at once; the practice must exist.
    private static func check(_ input: Input, evidenceRequired: Bool, today: CalendarDay, req: Request) async throws -> (LicenceDetails, UUID?) {
        var errors = FieldErrors()
        let checked = LicenceRules.validate(
            legalName: input.legalName, type: input.licenceType, otherType: input.otherType, number: input.licenceNumber,
            jurisdiction: input.jurisdiction, expiresOn: input.expiresOn, boardURL: input.boardUrl, today: today)
        if case .failure(let fieldErrors) = checked {
            for item in fieldErrors.items { errors.add(item.field, item.message) }
        }
        var practiceID: UUID?
        if let raw = input.practiceId?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if let id = UUID(uuidString: raw), try await Practice.find(id, on: req.db) != nil {
                practiceID = id
            } else {
                errors.add("practice_id", "There is no such practice; choose one from the list, or none.")
            }
        }
        if let problem = LicenceEvidence.problem(with: input.evidence, required: evidenceRequired, config: req.mindreel.config) {
            errors.add("evidence", problem)
        }
        try errors.throwIfAny()
        guard case .success(let details) = checked else { throw Abort(.internalServerError) }
        return (details, practiceID)
    }
}
