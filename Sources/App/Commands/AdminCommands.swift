import Fluent
import Foundation
import MindreelCore
import Vapor

/// `mindreel admin create|grant|revoke`: operator account management. Never prompts.
struct AdminCommands: AsyncCommandGroup {
    var help: String { "Create accounts and change roles." }

    var commands: [String: any AnyAsyncCommand] {
        ["create": CreateAccountCommand(), "grant": GrantRoleCommand(), "revoke": RevokeRoleCommand()]
    }
}

/// `mindreel admin create --handle H --role R [--email E] [--display-name N] [--password-stdin]`
struct CreateAccountCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "handle", help: "The account's handle (3–30 of a–z, 0–9, _).")
        var handle: String?
        @Option(name: "email", help: "Email address (default: <handle>@mindreel.invalid).")
        var email: String?
        @Option(name: "display-name", help: "Name shown on the profile (default: the handle).")
        var displayName: String?
        @Option(name: "role", help: "member, coordinator, moderator or admin (repeat with commas).")
        var role: String?
        @Option(name: "birth-year", help: "Year of birth (default 1990).")
        var birthYear: Int?
        @Flag(name: "password-stdin", help: "Read the password from standard input instead of generating one.")
        var passwordStdin: Bool

        init() {}
    }

    var help: String { "Creates an account. The password comes from standard input (--password-stdin) or is generated and printed." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let handle = signature.handle else { throw CommandError.missing("--handle") }
        let roles = try (signature.role ?? "member").split(separator: ",").map { try OperatorAccounts.role(named: String($0)) }
        var password: String
        var generated = false
        if signature.passwordStdin {
            let input = FileHandle.standardInput.readDataToEndOfFile()
            password = String(decoding: input, as: UTF8.self)
            while password.hasSuffix("\n") || password.hasSuffix("\r") { password.removeLast() }
        } else {
            password = OperatorAccounts.generatedPassword()
            generated = true
        }
        let user = try await OperatorAccounts.create(
            handle: handle, displayName: signature.displayName ?? handle, email: signature.email ?? "\(handle.lowercased())@mindreel.invalid",
            password: password, birthYear: signature.birthYear ?? 1990, roles: roles, on: context.application)
        context.console.print("Created @\(user.handle) with roles: \(Set(roles).union([.member]).sorted().map(\.rawValue).joined(separator: ", ")).")
        if generated {
            context.console.print("Password: \(password)")
        }
    }
}

/// `mindreel admin grant --handle H --role R`
struct GrantRoleCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "handle", help: "The account's handle.")
        var handle: String?
        @Option(name: "role", help: "coordinator, moderator or admin.")
        var role: String?

        init() {}
    }

    var help: String { "Grants a role to an account (the clinician role comes only from licence review)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let handle = signature.handle else { throw CommandError.missing("--handle") }
        guard let roleName = signature.role else { throw CommandError.missing("--role") }
        let role = try OperatorAccounts.role(named: roleName)
        let app = context.application
        let user = try await OperatorAccounts.find(handle: handle, on: app.db)
        let changed = try await app.db.transaction { db in try await OperatorAccounts.grant(role, to: user, on: db, app: app) }
        context.console.print(changed ? "Granted \(role.rawValue) to @\(user.handle)." : "@\(user.handle) already has \(role.rawValue).")
    }
}

/// `mindreel admin revoke --handle H --role R`
struct RevokeRoleCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "handle", help: "The account's handle.")
        var handle: String?
        @Option(name: "role", help: "The role to take away.")
        var role: String?

        init() {}
    }

    var help: String { "Takes a role away from an account." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let handle = signature.handle else { throw CommandError.missing("--handle") }
        guard let roleName = signature.role else { throw CommandError.missing("--role") }
        guard let role = Role(rawValue: roleName.lowercased()) else { throw OperatorAccounts.Error.unknownRole(roleName) }
        guard role != .member else { throw CommandError.invalid("Every account is a member; delete the account instead.") }
        let app = context.application
        let user = try await OperatorAccounts.find(handle: handle, on: app.db)
        let changed = try await app.db.transaction { db in try await OperatorAccounts.revoke(role, from: user, on: db, app: app) }
        context.console.print(changed ? "Revoked \(role.rawValue) from @\(user.handle)." : "@\(user.handle) did not have \(role.rawValue).")
    }
}

enum CommandError: Error, CustomStringConvertible {
    case missing(String)
    case invalid(String)

    var description: String {
        switch self {
        case .missing(let option): return "Missing \(option)."
        case .invalid(let message): return message
        }
    }
}
