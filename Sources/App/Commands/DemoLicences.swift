import Fluent
import Foundation
import Media
import MindreelCore
import Vapor

/// Verification for the demo: a practice, two creators verified through approved applications
/// (evidence PDFs made here, reviewed by `demo_moderator`), and one application waiting in
/// `demo_moderator`'s licence queue. Made once, before the demo videos, so that the verified
/// clinicians' clinical claims publish directly, as they would for a real clinician.
enum DemoLicences {
    static let practiceName = "Harbour Counselling Collective"

    struct Applicant {
        let handle: String
        let legalName: String
        let type: LicenceType
        let otherType: String?
        let number: String
        let jurisdiction: String
        let boardURL: String
        /// Verified by `demo_moderator` a month ago; otherwise waiting for review.
        let verified: Bool
    }

    // The numbers say DEMO so that nobody mistakes them for a real person's licence; the board
    // links are the boards' real public lookups.
    static let applicants: [Applicant] = [
        Applicant(
            handle: "demo_ana_counsellor", legalName: "Ana María Duarte", type: .lpc, otherType: nil, number: "LPCC DEMO-1042", jurisdiction: "US-CA",
            boardURL: "https://search.dca.ca.gov/", verified: true),
        Applicant(
            handle: "demo_lee_psychologist", legalName: "Lee Hyun-woo", type: .psychologist, otherType: nil, number: "PSY DEMO-3317",
            jurisdiction: "US-CA", boardURL: "https://search.dca.ca.gov/", verified: true),
        Applicant(
            handle: "demo_noor_explains", legalName: "Noor Haddad", type: .other, otherType: "Registered psychological associate",
            number: "PSB DEMO-0078", jurisdiction: "US-CA", boardURL: "https://search.dca.ca.gov/", verified: false),
    ]

    static func seed(app: Application, console: any Console) async throws {
        guard try await Licence.query(on: app.db).count() == 0 else {
            console.print("Demo licences: made already.")
            return
        }
        let handles = applicants.map(\.handle) + ["demo_moderator", "demo_coordinator"]
        var users: [String: UUID] = [:]
        for user in try await User.query(on: app.db).filter(\.$handle ~~ handles).all() { users[user.handle] = user.id }
        guard let moderator = users["demo_moderator"], let coordinator = users["demo_coordinator"] else {
            console.print("Demo licences: skipped (the demo staff accounts are not there).")
            return
        }
        let now = app.mindreel.now
        let today = CalendarDay(of: now)
        let practice = try await demoPractice(now: now, on: app.db)
        let practiceID = try practice.requireID()
        var stored: [Media.StorageKey] = []
        do {
            for (index, applicant) in applicants.enumerated() {
                guard let userID = users[applicant.handle] else { continue }
                let details = try LicenceRules.validate(
                    legalName: applicant.legalName, type: applicant.type.rawValue, otherType: applicant.otherType, number: applicant.number,
                    jurisdiction: applicant.jurisdiction, expiresOn: today.adding(days: 540 + 90 * index).description, boardURL: applicant.boardURL,
                    today: today
                ).get()
                let pdf = evidencePDF(lines: [
                    "Mindreel demo: not a real licence", details.typeLabel + " " + details.number, "Holder: " + details.legalName,
                    "Jurisdiction: " + (Jurisdictions.name(of: details.jurisdiction) ?? details.jurisdiction), "Expires: " + details.expiresOn.longText,
                ])
                let evidence = try await LicenceEvidence.store(pdf, kind: .pdf, for: userID, context: app.mindreel)
                stored.append(evidence.key)
                let submitted = now.addingTimeInterval(applicant.verified ? -34 * 86400 : -3 * 3600)
                try await app.db.transaction { db in
                    let licence = Licence()
                    licence.$user.id = userID
                    licence.apply(details, practiceID: applicant.verified ? practiceID : nil)
                    licence.evidenceKey = evidence.key.value
                    licence.evidenceKind = evidence.kind
                    licence.evidenceBytes = evidence.bytes
                    licence.submittedAt = submitted
                    licence.updatedAt = submitted
                    licence.noticesSent = ""
                    licence.status = .pending
                    if applicant.verified {
                        let reviewed = submitted.addingTimeInterval(2 * 86400)
                        licence.status = .verified
                        licence.reviewedBy = moderator
                        licence.reviewedAt = reviewed
                        licence.verifiedAt = reviewed
                        licence.updatedAt = reviewed
                    }
                    try await licence.create(on: db)
                    let id = try licence.requireID().uuidString
                    try await app.audit.record(
                        AuditEntry(
                            actorID: userID, actorRole: "member", action: .licenceApply, objectType: "licence", objectID: id,
                            detail: "application: \(details.typeLabel), \(details.jurisdiction) (demo seed)"), on: db)
                    guard applicant.verified else { return }
                    try await app.audit.record(
                        AuditEntry(
                            actorID: moderator, actorRole: "moderator", action: .licenceReview, objectType: "licence", objectID: id,
                            detail: "approve (demo seed)"), on: db)
                    try await LicenceReview.grantClinicianRole(to: userID, until: licence.lapsesAt, on: db)
                    try await PracticeMember(practiceID: practiceID, userID: userID, role: .clinician, now: now).create(on: db)
                    try await LicenceReview.notify(
                        userID,
                        text:
                            "Your licence (\(details.typeLabel), \(Jurisdictions.name(of: details.jurisdiction) ?? details.jurisdiction)) is verified: the badge now shows on your videos and profile, until \(details.expiresOn.longText).",
                        now: licence.verifiedAt ?? now, on: db)
                }
            }
            try await PracticeMember(practiceID: practiceID, userID: coordinator, role: .coordinator, now: now).create(on: app.db)
            if let lee = users["demo_lee_psychologist"] {
                try await PracticeMember(practiceID: practiceID, userID: lee, role: .practiceAdmin, now: now).create(on: app.db)
            }
        } catch {
            for key in stored { try? await app.mindreel.storage.delete(key) }
            throw error
        }
        console.print(
            "Demo licences: demo_ana_counsellor and demo_lee_psychologist verified, in \(practiceName) with demo_coordinator; demo_noor_explains's application waits for demo_moderator."
        )
    }

    private static func demoPractice(now: Date, on db: any Database) async throws -> Practice {
        if let existing = try await Practice.query(on: db).filter(\.$name == practiceName).first() { return existing }
        let details = try PracticeRules.validate(
            name: practiceName,
            description: "A small demo practice: counselling and psychology for anxiety, low mood and burnout, in person in Oakland and by video.",
            website: "https://harbour-counselling.example", jurisdictions: ["US-CA", "US-OR"]
        ).get()
        let practice = Practice(details, now: now)
        try await practice.create(on: db)
        return practice
    }

    /// A one-page PDF with a line of Helvetica for each of `lines` (accents dropped), its cross-reference
    /// table computed, so that a PDF viewer opens it as a real document.
    static func evidencePDF(lines: [String]) -> Data {
        let ascii = lines.map { line in
            String(line.folding(options: .diacriticInsensitive, locale: nil).unicodeScalars.map { $0.isASCII ? Character($0) : "?" }).replacingOccurrences(
                of: "\\", with: "\\\\"
            )
            .replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
        }
        var text = "BT /F1 16 Tf 56 760 Td 22 TL\n"
        for line in ascii { text += "(\(line)) Tj T*\n" }
        text += "ET\n"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Length \(text.utf8.count) >>\nstream\n\(text)endstream",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { pdf += String(format: "%010d 00000 n \n", offset) }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(pdf.utf8)
    }
}
