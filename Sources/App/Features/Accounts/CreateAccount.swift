import Fluent
import Foundation
import MindreelCore
import Vapor

/// Sign-up: validate, check that handle and email are free, store, audit.
enum CreateAccount {
    struct Input: Content {
        var handle: String?
        var displayName: String?
        var email: String?
        var password: String?
        var birthYear: Int?

        enum CodingKeys: String, CodingKey {
            case handle, email, password
            case displayName = "display_name"
            case birthYear = "birth_year"
        }

        var core: SignUp.Input {
            SignUp.Input(handle: handle, displayName: displayName, email: email, password: password, birthYear: birthYear)
        }
    }

    static func run(_ input: Input, on request: Request) async throws -> User {
        let currentYear = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: request.mindreel.now).year!
        let valid: SignUp.Valid
        do {
            valid = try SignUp.validate(input.core, currentYear: currentYear, policy: request.mindreel.dependencies.passwordPolicy)
        } catch {
            try await auditRefusal(error, on: request)
            throw error
        }

        var taken = FieldErrors()
        if try await User.query(on: request.db).filter(\.$handle == valid.handle.value).count() > 0 {
            taken.add("handle", "This handle is taken. Choose another.")
        }
        if try await User.query(on: request.db).filter(\.$email == valid.email.value).count() > 0 {
            taken.add("email", "An account already uses this email. Log in, or reset your password.")
        }
        if !taken.isEmpty {
            try await auditRefusal(taken, on: request)
            throw taken
        }

        let hash = try await request.password.async.hash(valid.password)
        let user = User(
            handle: valid.handle.value, displayName: valid.displayName, email: valid.email.value,
            passwordHash: hash, birthYear: valid.birthYear, isMinor: valid.isMinor)
        do {
            try await request.db.transaction { db in
                try await user.create(on: db)
                try await request.audit.record(
                    AuditEntry(actorID: user.id, actorRole: "member", action: .signUp, objectType: "user", objectID: user.id?.uuidString),
                    on: db)
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Someone took the handle or email between the check and the insert.
            let raced = FieldErrors("handle", "This handle or email was just taken. Choose another.")
            try await auditRefusal(raced, on: request)
            throw raced
        }
        try await ImpersonationCheck.run(user, req: request)
        return user
    }

    /// Records a refused sign-up: which fields failed, never what was typed.
    static func auditRefusal(_ errors: FieldErrors, on request: Request) async throws {
        try await request.audit.record(
            AuditEntry(
                actorID: nil, actorRole: "visitor", action: .signUp, objectType: "user", outcome: .failure,
                detail: "invalid: " + errors.items.map(\.field).joined(separator: ",")),
            on: request.db)
    }
}
