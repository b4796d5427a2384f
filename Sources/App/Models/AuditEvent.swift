import Fluent
import Foundation

/// A row of the audit log. Written through `AuditLog`, never updated or deleted by the app.
final class AuditEvent: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_role") var actorRole: String
    @Field(key: "action") var action: String
    @OptionalField(key: "object_type") var objectType: String?
    @OptionalField(key: "object_id") var objectID: String?
    @Field(key: "occurred_at") var occurredAt: Date
    @Field(key: "outcome") var outcome: String
    @OptionalField(key: "request_id") var requestID: String?
    @OptionalField(key: "detail") var detail: String?

    init() {}
}
