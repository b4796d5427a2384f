import Fluent
import Foundation
import MindreelCore
import Vapor

/// Checking a handle (or email) and password, with throttling and an audit row either way.
enum LogIn {
    struct Input: Content {
        var handle: String?
        var password: String?
    }

    enum Error: Swift.Error {
        case missing(FieldErrors)
        case wrongCredentials
        case throttled(retryAfterSeconds: Int)

        var problem: HTTPProblem {
            switch self {
            case .missing(let fields):
                return HTTPProblem(.unprocessableEntity, detail: "Enter your handle and password.", fieldErrors: fields)
            case .wrongCredentials:
                return HTTPProblem(.unauthorized, field: "password", detail: "That handle or email and password do not match.")
            case .throttled(let seconds):
                let minutes = max(1, (seconds + 59) / 60)
                return HTTPProblem(
                    .tooManyRequests,
                    detail: "Too many failed attempts. Try again in \(minutes) minute\(minutes == 1 ? "" : "s"), or reset your password.",
                    headers: ["Retry-After": String(seconds)])
            }
        }
    }

    /// Returns the account when the password is right. Throws `LogIn.Error` otherwise.
    static func verify(_ input: Input, on request: Request) async throws -> User {
        let identifier = (input.handle ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let password = input.password ?? ""
        var missing = FieldErrors()
        if identifier.isEmpty { missing.add("handle", "Enter your handle or email.") }
        if password.isEmpty { missing.add("password", "Enter your password.") }
        if !missing.isEmpty { throw Error.missing(missing) }

        let user = try await User.query(on: request.db)
            .group(.or) { $0.filter(\.$handle == identifier.trimmingPrefix("@").description).filter(\.$email == identifier) }
            .first()
        let throttle = LogInThrottleStore(request: request)
        let accountKey = throttle.accountKey(user: user, identifier: identifier)

        if case .refuse(let seconds) = try await throttle.decision(accountKey: accountKey) {
            try await request.audit.record(
                AuditEntry(
                    actorID: user?.id, actorRole: "visitor", action: .logIn, objectType: "user", objectID: user?.id?.uuidString, outcome: .denied,
                    detail: "throttled"),
                on: request.db)
            throw Error.throttled(retryAfterSeconds: seconds)
        }

        // Unknown accounts still cost one bcrypt check, so timing does not tell who exists.
        let hash = user?.passwordHash ?? request.mindreel.dummyPasswordHash
        let matches = try await request.password.async.verify(password, created: hash)
        guard let user, matches else {
            try await throttle.recordFailure(accountKey: accountKey)
            try await request.audit.record(
                AuditEntry(
                    actorID: user?.id, actorRole: "visitor", action: .logIn, objectType: "user", objectID: user?.id?.uuidString, outcome: .failure,
                    detail: user == nil ? "unknown account" : "wrong password"),
                on: request.db)
            throw Error.wrongCredentials
        }
        try await throttle.clearFailures(accountKey: accountKey)
        return user
    }
}
