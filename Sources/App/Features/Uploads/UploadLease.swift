import Fluent
import Foundation
import SQLKit

/// One writer per upload at a time, across every server process sharing the database: a
/// conditional UPDATE takes the lease only when nobody holds a live one.
struct UploadLease {
    /// A PATCH refreshes its lease while it streams; a crashed process's lease runs out.
    static let duration: TimeInterval = 60

    let uploadID: UUID
    let token: String

    static func acquire(uploadID: UUID, now: Date, on db: any Database) async throws -> UploadLease? {
        let token = UUID().uuidString
        let sql = db as! any SQLDatabase
        let rows = try await sql.update(Upload.schema)
            .set("lease_token", to: token)
            .set("lease_until", to: now.addingTimeInterval(duration))
            .where("id", .equal, uploadID)
            .where { group in
                group.where("lease_until", .is, SQLLiteral.null).orWhere("lease_until", .lessThan, now)
            }
            .returning("id")
            .all()
        return rows.isEmpty ? nil : UploadLease(uploadID: uploadID, token: token)
    }

    /// Extends the lease; false when it was lost (it ran out and another writer took it).
    func refresh(now: Date, on db: any Database) async throws -> Bool {
        let sql = db as! any SQLDatabase
        let rows = try await sql.update(Upload.schema)
            .set("lease_until", to: now.addingTimeInterval(Self.duration))
            .where("id", .equal, uploadID)
            .where("lease_token", .equal, token)
            .returning("id")
            .all()
        return !rows.isEmpty
    }

    func release(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.update(Upload.schema)
            .set("lease_token", to: SQLLiteral.null)
            .set("lease_until", to: SQLLiteral.null)
            .where("id", .equal, uploadID)
            .where("lease_token", .equal, token)
            .run()
    }
}
