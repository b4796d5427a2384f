import Fluent
import Foundation
import MindreelCore
import Vapor

/// Account changes made by an operator from the command line (no request, actor `system`).
enum OperatorAccounts {
    enum Error: Swift.Error, CustomStringConvertible {
        case invalid(FieldErrors)
        case taken(String)
        case noSuchAccount(String)
        case notGrantable(Role)
        case unknownRole(String)

        var description: String {
            switch self {
            case .invalid(let errors):
                return errors.items.map { "--\($0.field.replacingOccurrences(of: "_", with: "-")): \($0.message)" }.joined(separator: "\n")
            case .taken(let what):
                return "\(what) is already used by another account."
            case .noSuchAccount(let handle):
                return "No account has the handle '\(handle)'."
            case .notGrantable(let role):
                return "The \(role.rawValue) role cannot be granted by command: it comes only from an approved licence review."
            case .unknownRole(let name):
                return "Unknown role '\(name)'. Roles: \(Role.allCases.map(\.rawValue).joined(separator: ", "))."
            }
        }
    }

    static func role(named name: String) throws -> Role {
        guard let role = Role(rawValue: name.lowercased()) else { throw Error.unknownRole(name) }
        guard role.isGrantableByOperator else { throw Error.notGrantable(role) }
        return role
    }

    static func create(
        handle: String, displayName: String, email: String, password: String, birthYear: Int, roles: [Role], on app: Application
    ) async throws -> User {
        let year = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: app.mindreel.now).year!
        let valid: SignUp.Valid
        do {
            valid = try SignUp.validate(
                SignUp.Input(handle: handle, displayName: displayName, email: email, password: password, birthYear: birthYear),
                currentYear: year, policy: app.mindreel.dependencies.passwordPolicy)
        } catch {
            throw Error.invalid(error)
        }
        if try await User.query(on: app.db).filter(\.$handle == valid.handle.value).first() != nil {
            throw Error.taken("The handle '\(valid.handle.value)'")
        }
        if try await User.query(on: app.db).filter(\.$email == valid.email.value).first() != nil {
            throw Error.taken("The email '\(valid.email.value)'")
        }
        let hash = try await app.password.async.hash(valid.password)
        let user = User(
            handle: valid.handle.value, displayName: valid.displayName, email: valid.email.value,
            passwordHash: hash, birthYear: valid.birthYear, isMinor: valid.isMinor)
        try await app.db.transaction { db in
            try await user.create(on: db)
            try await app.audit.record(
                AuditEntry(actorID: nil, actorRole: "system", action: .signUp, objectType: "user", objectID: user.id?.uuidString, detail: "created by command"),
                on: db)
            for role in Set(roles) where role != .member {
                try await grant(role, to: user, on: db, app: app)
            }
        }
        return user
    }

    static func find(handle: String, on db: any Database) async throws -> User {
        let normalized = handle.trimmingCharacters(in: .whitespaces).trimmingPrefix("@").lowercased()
        guard let user = try await User.query(on: db).filter(\.$handle == normalized).first() else {
            throw Error.noSuchAccount(normalized)
        }
        return user
    }

    /// Grants a role; returns false when the account already had it.
    @discardableResult
    static func grant(_ role: Role, to user: User, on db: any Database, app: Application) async throws -> Bool {
        guard role.isGrantableByOperator else { throw Error.notGrantable(role) }
        if role == .member { return false }
        let userID = try user.requireID()
        if try await UserRole.query(on: db).filter(\.$user.$id == userID).filter(\.$role == role).first() != nil {
            return false
        }
        try await UserRole(userID: userID, role: role).create(on: db)
        try await app.audit.record(
            AuditEntry(actorID: nil, actorRole: "system", action: .roleGrant, objectType: "user", objectID: userID.uuidString, detail: role.rawValue),
            on: db)
        return true
    }

    /// Revokes a role; returns false when the account did not have it.
    @discardableResult
    static func revoke(_ role: Role, from user: User, on db: any Database, app: Application) async throws -> Bool {
        let userID = try user.requireID()
        guard let held = try await UserRole.query(on: db).filter(\.$user.$id == userID).filter(\.$role == role).first() else {
            return false
        }
        try await held.delete(on: db)
        try await app.audit.record(
            AuditEntry(actorID: nil, actorRole: "system", action: .roleRevoke, objectType: "user", objectID: userID.uuidString, detail: role.rawValue),
            on: db)
        return true
    }

    /// A random password that meets the policy, for accounts created without one.
    static func generatedPassword() -> String {
        String(SecureToken.generate().prefix(20))
    }
}
