import Foundation
import MindreelCore
import SQLKit
import Vapor

/// The badge of a verified clinician, as every video and profile shows it: licence type,
/// jurisdiction and "verified <month year>", linking to the licence's public page. Nothing is
/// shown for anyone without a current verified licence, so nothing looks like a credential
/// that is not one.
struct LicenceBadge: Content, Equatable {
    /// "LMFT", or an `other` licence's description.
    let licenceType: String
    let jurisdiction: String
    let jurisdictionName: String
    /// "verified June 2026": the month of the latest approval.
    let verified: String
    /// The licence's public page: number, board lookup, practice, what verification means.
    let url: String

    /// The current badges of these accounts, read in one query: a verified licence whose expiry
    /// has not passed at `now`.
    static func of(_ userIDs: Set<UUID>, now: Date, on sql: any SQLDatabase) async throws -> [UUID: LicenceBadge] {
        guard !userIDs.isEmpty else { return [:] }
        let rows = try await sql.raw(
            """
            SELECT id, user_id, licence_type, other_type, jurisdiction, verified_at FROM licences
            WHERE status = \(bind: Licence.Status.verified.rawValue) AND lapses_at > \(bind: now) AND user_id IN (\(binds: Array(userIDs)))
            """
        ).all()
        var badges: [UUID: LicenceBadge] = [:]
        for row in rows {
            let userID = try row.decode(column: "user_id", as: UUID.self)
            let type = LicenceType(rawValue: try row.decode(column: "licence_type", as: String.self)) ?? .other
            let other = try row.decode(column: "other_type", as: String?.self)
            let code = try row.decode(column: "jurisdiction", as: String.self)
            let verifiedAt = try row.decode(column: "verified_at", as: Date?.self) ?? now
            badges[userID] = LicenceBadge(
                licenceType: type == .other ? (other ?? type.label) : type.label, jurisdiction: code,
                jurisdictionName: Jurisdictions.name(of: code) ?? code, verified: "verified " + CalendarDay(of: verifiedAt).monthAndYear,
                url: "/licences/\(try row.decode(column: "id", as: UUID.self).uuidString.lowercased())")
        }
        return badges
    }

    static func of(_ userID: UUID, req: Request) async throws -> LicenceBadge? {
        try await of([userID], now: req.mindreel.now, on: req.db as! any SQLDatabase)[userID]
    }
}
