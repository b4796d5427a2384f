import Fluent
import Foundation

/// A unit of background work in the durable queue. A worker holds a job through a lease it
/// renews with heartbeats; a job whose worker died is taken again when the lease runs out.
final class Job: Model, @unchecked Sendable {  // Fluent models: see User.
    static let schema = "jobs"

    enum State: String, Codable, Sendable {
        case queued
        case running
        case succeeded
        case failed
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    /// JSON of the job's input.
    @Field(key: "payload") var payload: String
    @Field(key: "state") var state: State
    @Field(key: "attempts") var attempts: Int
    @Field(key: "max_attempts") var maxAttempts: Int
    @OptionalField(key: "lease_owner") var leaseOwner: String?
    @OptionalField(key: "lease_until") var leaseUntil: Date?
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "run_after") var runAfter: Date
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "finished_at") var finishedAt: Date?

    init() {}
}
