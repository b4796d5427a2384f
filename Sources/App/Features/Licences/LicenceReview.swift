import Fluent
import Foundation
import MindreelCore
import Vapor

/// The moderators' side of verification: approve (the only way to the clinician role), reject
/// with a reason, or ask for more; and an admin's revocation. Each step is audited and the
/// applicant is told.
enum LicenceReview {
    enum Decision: String, CaseIterable {
        case approve
        case reject
        case askForInfo = "ask_for_info"

        var label: String {
            switch self {
            case .approve: return "Approve: the licence checks out with the board"
            case .reject: return "Reject, with a reason"
            case .askForInfo: return "Ask the applicant for more information"
            }
        }
    }

    struct DecisionInput: Content {
        var decision: String?
        var note: String?
    }

    struct RevokeInput: Content {
        var reason: String?
    }

    static func load(_ id: UUID, on db: any Database) async throws -> Licence {
        guard let licence = try await Licence.query(on: db).filter(\.$id == id).with(\.$user).with(\.$practice).first() else {
            throw HTTPProblem(.notFound, detail: "There is no such licence application.")
        }
        return licence
    }

    static func decide(_ id: UUID, _ input: DecisionInput, req: Request) async throws -> Licence {
        let reviewer = try req.requireAccount()
        let licence = try await load(id, on: req.db)
        try req.authorize(.reviewLicence, .account(licence.$user.id))
        var errors = FieldErrors()
        let decision = Decision(rawValue: input.decision ?? "")
        if decision == nil { errors.add("decision", "Choose approve, reject or ask for more information.") }
        let note = (input.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if decision == .reject && note.count < 5 {
            errors.add("note", "Say why, in words the applicant will read (at least 5 characters).")
        } else if decision == .askForInfo && note.count < 5 {
            errors.add("note", "Say what is missing, in words the applicant will read (at least 5 characters).")
        } else if note.count > 1000 {
            errors.add("note", "The note can be at most 1,000 characters.")
        }
        try errors.throwIfAny()
        guard let decision else { throw Abort(.internalServerError) }
        guard licence.status == .pending else {
            throw HTTPProblem(.conflict, detail: "This application is not waiting for review: it is \(licence.status.label.lowercased()).")
        }
        let now = req.mindreel.now
        if decision == .approve && licence.lapsesAt <= now {
            throw HTTPProblem(
                .conflict, field: "decision",
                detail: "This licence expired on \(licence.expiresOn.longText): ask the applicant for the renewed licence instead.")
        }
        let holderID = licence.$user.id
        try await req.db.transaction { db in
            licence.reviewedBy = reviewer.userID
            licence.reviewedAt = now
            licence.reviewNote = note.isEmpty ? nil : note
            licence.updatedAt = now
            switch decision {
            case .approve:
                licence.status = .verified
                licence.verifiedAt = now
                if let renewed = licence.renewalOf, let old = try await Licence.find(renewed, on: db), old.status == .verified {
                    old.status = .superseded
                    old.updatedAt = now
                    try await old.save(on: db)
                }
                try await grantClinicianRole(to: holderID, until: licence.lapsesAt, on: db)
            case .reject: licence.status = .rejected
            case .askForInfo: licence.status = .needsInfo
            }
            try await licence.save(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: reviewer.userID, actorRole: req.actorRole, action: .licenceReview, objectType: "licence", objectID: id.uuidString,
                    detail: decision.rawValue + (note.isEmpty ? "" : ": " + note)), on: db)
            try await notify(holderID, text: words(for: decision, licence, note: note), now: now, on: db)
        }
        return licence
    }

    /// An admin withdraws a verified licence: the badge and the clinician role end at once.
    static func revoke(_ id: UUID, _ input: RevokeInput, req: Request) async throws -> Licence {
        let admin = try req.requireAccount()
        let licence = try await load(id, on: req.db)
        try req.authorize(.revokeLicence, .account(licence.$user.id))
        let reason = (input.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard (5...1000).contains(reason.count) else {
            throw FieldErrors("reason", "Say why the licence is revoked, in words its holder will read (5 to 1,000 characters).")
        }
        guard licence.status == .verified else {
            throw HTTPProblem(.conflict, detail: "Only a verified licence can be revoked; this one is \(licence.status.label.lowercased()).")
        }
        let now = req.mindreel.now
        try await req.db.transaction { db in
            licence.status = .revoked
            licence.revokedAt = now
            licence.revokedBy = admin.userID
            licence.revokeReason = reason
            licence.updatedAt = now
            try await licence.save(on: db)
            try await UserRole.query(on: db).filter(\.$user.$id == licence.$user.id).filter(\.$role == .clinician).delete()
            try await req.audit.record(
                AuditEntry(
                    actorID: admin.userID, actorRole: req.actorRole, action: .licenceRevoke, objectType: "licence", objectID: id.uuidString,
                    detail: reason), on: db)
            try await notify(
                licence.$user.id,
                text:
                    "An admin revoked your verified licence (\(licence.details.typeLabel), \(Jurisdictions.name(of: licence.jurisdiction) ?? licence.jurisdiction)): \(reason) The badge and the clinician role have ended. You can apply again from Settings.",
                now: now, on: db)
        }
        return licence
    }

    /// The clinician role, lapsing by itself when the licence does (`UserRole.expiresAt`).
    static func grantClinicianRole(to userID: UUID, until lapse: Date, on db: any Database) async throws {
        if let held = try await UserRole.query(on: db).filter(\.$user.$id == userID).filter(\.$role == .clinician).first() {
            held.expiresAt = lapse
            try await held.save(on: db)
        } else {
            let role = UserRole(userID: userID, role: .clinician)
            role.expiresAt = lapse
            try await role.create(on: db)
        }
    }

    static func notify(_ userID: UUID, text: String, now: Date, on db: any Database) async throws {
        try await MemberNotification(
            recipientID: userID, kind: .licence, actorID: nil, text: text, url: SiteURL.settingsLicence.path, now: now
        ).create(on: db)
    }

    private static func words(for decision: Decision, _ licence: Licence, note: String) -> String {
        let what = "\(licence.details.typeLabel), \(Jurisdictions.name(of: licence.jurisdiction) ?? licence.jurisdiction)"
        switch decision {
        case .approve:
            return licence.renewalOf == nil
                ? "Your licence (\(what)) is verified: the badge now shows on your videos and profile, until \(licence.expiresOn.longText)."
                : "Your renewed licence (\(what)) is verified: the badge stays, now until \(licence.expiresOn.longText)."
        case .reject: return "Your licence application (\(what)) was not approved: \(note) You can apply again."
        case .askForInfo: return "A moderator needs more information about your licence application (\(what)): \(note) Update it in Settings."
        }
    }
}
