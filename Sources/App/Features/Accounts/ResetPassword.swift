import Fluent
import Foundation
import MindreelCore
import Vapor

/// The forgotten-password flow: a one-hour, single-use link by mail, then a new password.
enum ResetPassword {
    static let lifetime: TimeInterval = 3600
    static let maximumMailsPerHour = 3

    struct RequestInput: Content {
        var email: String?
    }

    struct ConfirmInput: Content {
        var token: String?
        var newPassword: String?

        enum CodingKeys: String, CodingKey {
            case token
            case newPassword = "new_password"
        }
    }

    /// Sends the link when an account uses the address. The answer is the same either way,
    /// so the form cannot be used to learn who has an account.
    static func request(_ input: RequestInput, on request: Request) async throws {
        let email = try EmailAddress(validating: input.email ?? "")
        guard let user = try await User.query(on: request.db).filter(\.$email == email.value).first() else {
            try await request.audit.record(
                AuditEntry(actorID: nil, actorRole: "visitor", action: .passwordResetRequest, objectType: "user", outcome: .failure, detail: "unknown email"),
                on: request.db)
            return
        }
        // A few mails an hour at most, so the form cannot be used to flood someone's inbox.
        let hourAgo = request.mindreel.now.addingTimeInterval(-3600)
        let recent = try await PasswordResetToken.query(on: request.db)
            .filter(\.$user.$id == user.requireID()).filter(\.$createdAt > hourAgo).count()
        if recent >= maximumMailsPerHour {
            try await request.audit.record(
                AuditEntry(
                    actorID: user.id, actorRole: "visitor", action: .passwordResetRequest, objectType: "user", objectID: user.id?.uuidString,
                    outcome: .denied, detail: "too many requests"),
                on: request.db)
            return
        }
        let token = SecureToken.generate()
        let reset = PasswordResetToken(userID: try user.requireID(), tokenHash: SecureToken.hash(token), now: request.mindreel.now, lifetime: lifetime)
        try await request.db.transaction { db in
            try await reset.create(on: db)
            try await request.audit.record(
                AuditEntry(actorID: user.id, actorRole: "visitor", action: .passwordResetRequest, objectType: "user", objectID: user.id?.uuidString),
                on: db)
        }
        let link = SiteURL.passwordReset(token: token).absolute(base: request.mindreel.config.baseURL)
        let body = """
            Hello \(user.displayName),

            Someone asked to reset the password of your Mindreel account @\(user.handle).
            To choose a new password, open this link within one hour:

            \(link)

            If it was not you, ignore this mail: your password stays as it is.

            Mindreel
            """
        try await request.mindreel.dependencies.mailer.send(MailMessage(to: user.email, subject: "Reset your Mindreel password", body: body))
    }

    /// The reset a token would perform, or nil when the token is unknown, used or expired.
    static func pending(token: String, on request: Request) async throws -> PasswordResetToken? {
        guard !token.isEmpty else { return nil }
        return try await PasswordResetToken.query(on: request.db)
            .filter(\.$tokenHash == SecureToken.hash(token))
            .filter(\.$usedAt == nil)
            .filter(\.$expiresAt > request.mindreel.now)
            .with(\.$user)
            .first()
    }

    static func confirm(_ input: ConfirmInput, on request: Request) async throws {
        guard let reset = try await pending(token: input.token ?? "", on: request) else {
            try await request.audit.record(
                AuditEntry(
                    actorID: nil, actorRole: "visitor", action: .passwordReset, objectType: "user", outcome: .failure, detail: "invalid or expired token"),
                on: request.db)
            throw FieldErrors("token", "This reset link is invalid or has expired. Ask for a new one.")
        }
        let user = reset.user
        let new = input.newPassword ?? ""
        try request.mindreel.dependencies.passwordPolicy.check(new, field: "new_password", handle: user.handle, email: user.email)
        let hash = try await request.password.async.hash(new)
        let userID = try user.requireID()
        try await request.db.transaction { db in
            user.passwordHash = hash
            try await user.save(on: db)
            reset.usedAt = request.mindreel.now
            try await reset.save(on: db)
            // Whoever knew the old password is signed out everywhere.
            try await AuthSession.query(on: db).filter(\.$user.$id == userID).delete()
            try await PasswordResetToken.query(on: db).filter(\.$user.$id == userID).filter(\.$usedAt == nil).delete()
            try await request.audit.record(
                AuditEntry(actorID: userID, actorRole: "visitor", action: .passwordReset, objectType: "user", objectID: userID.uuidString),
                on: db)
        }
        try await LogInThrottleStore(request: request).clearFailures(
            accountKey: LogInThrottleStore(request: request).accountKey(user: user, identifier: user.handle))
    }
}
