import Fluent
import Foundation
import MindreelCore
import Vapor

/// API tokens: created by their owner, listed without their secret, revoked at will.
enum TokenStore {
    static let maximumPerAccount = 20
    static let nameLength = 1...60

    struct CreateInput: Content {
        var name: String?
    }

    /// Creates a token and returns it with its secret, which is shown this once only.
    static func create(_ input: CreateInput, for user: User, actorRole: String, on request: Request) async throws -> (APIToken, String) {
        let name = (input.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard nameLength.contains(name.count) else {
            throw FieldErrors(
                "name", name.isEmpty ? "Name the token after the app that will use it." : "A token name has at most \(nameLength.upperBound) characters.")
        }
        let userID = try user.requireID()
        let count = try await APIToken.query(on: request.db).filter(\.$user.$id == userID).count()
        guard count < maximumPerAccount else {
            throw FieldErrors("name", "You have \(maximumPerAccount) tokens already. Revoke one you no longer use.")
        }
        let secret = SecureToken.generate(prefix: "mr_")
        let token = APIToken(userID: userID, name: name, prefix: String(secret.prefix(9)), tokenHash: SecureToken.hash(secret), now: request.mindreel.now)
        try await request.db.transaction { db in
            try await token.create(on: db)
            try await request.audit.record(
                AuditEntry(actorID: userID, actorRole: actorRole, action: .tokenCreate, objectType: "api_token", objectID: token.id?.uuidString),
                on: db)
        }
        return (token, secret)
    }

    static func list(for userID: UUID, on db: any Database) async throws -> [APIToken] {
        try await APIToken.query(on: db).filter(\.$user.$id == userID).sort(\.$createdAt, .descending).all()
    }

    /// Revokes one of the account's tokens. False when it is not theirs (or already gone).
    @discardableResult
    static func revoke(tokenID: UUID, of account: CurrentAccount, on request: Request) async throws -> Bool {
        guard let token = try await APIToken.query(on: request.db).filter(\.$id == tokenID).filter(\.$user.$id == account.userID).first() else {
            return false
        }
        try await request.db.transaction { db in
            try await token.delete(on: db)
            try await request.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: account.highestRole.rawValue, action: .tokenRevoke, objectType: "api_token",
                    objectID: tokenID.uuidString),
                on: db)
        }
        return true
    }
}
