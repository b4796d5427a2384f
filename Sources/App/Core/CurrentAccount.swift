import Foundation
import MindreelCore
import Vapor

/// Who is making this request, and how they proved it.
struct CurrentAccount: Sendable {
    enum Credential: Sendable, Equatable {
        case session(id: UUID)
        case token(id: UUID)
    }

    let user: User
    let userID: UUID
    /// Always contains `.member`.
    let roles: Set<Role>
    let credential: Credential

    /// The role written to the audit log for this actor.
    var highestRole: Role { roles.max() ?? .member }

    func has(_ role: Role) -> Bool { roles.contains(role) }
}

extension Request {
    private struct AccountKey: Vapor.StorageKey {
        typealias Value = CurrentAccount
    }

    /// The signed-in account, if any.
    var account: CurrentAccount? {
        get { storage[AccountKey.self] }
        set { storage[AccountKey.self] = newValue }
    }

    /// The signed-in account, or 401.
    func requireAccount() throws -> CurrentAccount {
        guard let account else {
            throw HTTPProblem(.unauthorized, detail: "Log in to continue.")
        }
        return account
    }

    /// The role to write in audit rows for this request.
    var actorRole: String { account?.highestRole.rawValue ?? "visitor" }
}
