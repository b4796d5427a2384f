import Fluent
import Foundation

/// A failed log-in, kept for the throttling window only. The address is stored as a keyed
/// hash, never as the IP address itself.
final class LoginFailure: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "login_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "account_key") var accountKey: String
    @OptionalField(key: "address_key") var addressKey: String?
    @Field(key: "occurred_at") var occurredAt: Date

    init() {}

    init(accountKey: String, addressKey: String?, occurredAt: Date) {
        self.accountKey = accountKey
        self.addressKey = addressKey
        self.occurredAt = occurredAt
    }
}
