import Fluent
import Foundation
import MindreelCore
import Vapor

/// A signed-in member changes their password; every other session ends.
enum ChangePassword {
    struct Input: Content {
        var currentPassword: String?
        var newPassword: String?

        enum CodingKeys: String, CodingKey {
            case currentPassword = "current_password"
            case newPassword = "new_password"
        }
    }

    static func run(_ input: Input, account: CurrentAccount, on request: Request) async throws {
        let throttle = LogInThrottleStore(request: request)
        let accountKey = throttle.accountKey(user: account.user, identifier: account.user.handle)
        if case .refuse(let seconds) = try await throttle.decision(accountKey: accountKey) {
            throw LogIn.Error.throttled(retryAfterSeconds: seconds).problem
        }
        let current = input.currentPassword ?? ""
        guard !current.isEmpty, try await request.password.async.verify(current, created: account.user.passwordHash) else {
            // A stolen session must not become a way to guess the password.
            try await throttle.recordFailure(accountKey: accountKey)
            try await request.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: account.highestRole.rawValue, action: .passwordChange, objectType: "user",
                    objectID: account.userID.uuidString, outcome: .failure, detail: "wrong current password"),
                on: request.db)
            throw FieldErrors("current_password", current.isEmpty ? "Enter your current password." : "That is not your current password.")
        }
        let new = input.newPassword ?? ""
        try request.mindreel.dependencies.passwordPolicy.check(new, field: "new_password", handle: account.user.handle, email: account.user.email)
        if new == current {
            throw FieldErrors("new_password", "Choose a password different from the current one.")
        }
        let hash = try await request.password.async.hash(new)
        let user = account.user
        try await request.db.transaction { db in
            user.passwordHash = hash
            try await user.save(on: db)
            var others = AuthSession.query(on: db).filter(\.$user.$id == account.userID)
            if case .session(let id) = account.credential { others = others.filter(\.$id != id) }
            try await others.delete()
            try await PasswordResetToken.query(on: db).filter(\.$user.$id == account.userID).delete()
            try await request.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: account.highestRole.rawValue, action: .passwordChange, objectType: "user",
                    objectID: account.userID.uuidString),
                on: db)
        }
        try await throttle.clearFailures(accountKey: accountKey)
    }
}
