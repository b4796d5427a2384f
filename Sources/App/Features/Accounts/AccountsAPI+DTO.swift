import Foundation
import Vapor

/// JSON shapes of the accounts API. Encoded with snake_case keys.
enum AccountsAPI {
    struct Account: Content {
        let id: UUID
        let handle: String
        let displayName: String
        let email: String
        let isMinor: Bool
        let roles: [String]
        let createdAt: Date?

        init(_ user: User, roles: [String]) throws {
            id = try user.requireID()
            handle = user.handle
            displayName = user.displayName
            email = user.email
            isMinor = user.isMinor
            self.roles = roles
            createdAt = user.createdAt
        }
    }

    struct Session: Content {
        let id: UUID
        let userAgent: String
        let createdAt: Date
        let lastSeenAt: Date
        let current: Bool
    }

    struct Token: Content {
        let id: UUID
        let name: String
        let prefix: String
        let createdAt: Date
        let lastUsedAt: Date?

        init(_ token: APIToken) throws {
            id = try token.requireID()
            name = token.name
            prefix = token.prefix
            createdAt = token.createdAt
            lastUsedAt = token.lastUsedAt
        }
    }

    /// A new token: the only time its secret is returned.
    struct CreatedToken: Content {
        let id: UUID
        let name: String
        let token: String
        let createdAt: Date
    }

    struct TokenLogInInput: Content {
        var handle: String?
        var password: String?
        var name: String?
    }
}
