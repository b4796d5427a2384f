import Foundation
import MindreelCore
import Vapor

extension CurrentAccount {
    /// The account as the access policy sees it.
    var actor: Actor { Actor(userID: userID, roles: roles, suspension: user.suspension) }
}

extension Request {
    /// Who is acting, for `AccessPolicy`.
    var actor: Actor { account?.actor ?? .visitor }

    /// Whether the policy allows the action now (for showing or hiding a control).
    func may(_ action: AccessAction, _ resource: Resource = .none) -> Bool {
        AccessPolicy.decide(actor, action, resource, at: mindreel.now).isAllowed
    }

    /// The policy's decision now, with its reason when refused (for saying why a control is off).
    func decide(_ action: AccessAction, _ resource: Resource = .none) -> AccessDecision {
        AccessPolicy.decide(actor, action, resource, at: mindreel.now)
    }

    /// Throws the policy's refusal as a problem. `hiddenAs` words the 404 for a thing the actor
    /// may not know exists ("There is no such video.").
    func authorize(_ action: AccessAction, _ resource: Resource = .none, hiddenAs: String? = nil) throws {
        guard case .refused(let refusal) = AccessPolicy.decide(actor, action, resource, at: mindreel.now) else { return }
        throw HTTPProblem(refusal, hiddenAs: hiddenAs)
    }
}

extension HTTPProblem {
    /// The HTTP form of a refusal: 401 to log in, 404 for what stays hidden, 422 for an action
    /// on oneself, 403 for the rest (a suspension, a missing role, someone else's thing).
    init(_ refusal: AccessRefusal, hiddenAs: String? = nil) {
        switch refusal {
        case .signInRequired:
            self.init(.unauthorized, detail: "Sign in, or send 'Authorization: Bearer <token>'.", headers: ["WWW-Authenticate": "Bearer"])
        case .hidden:
            self.init(.notFound, detail: hiddenAs ?? refusal.reason)
        case .ownAccount:
            self.init(.unprocessableEntity, detail: refusal.reason)
        case .suspended, .roleRequired, .notYours:
            self.init(.forbidden, detail: refusal.reason)
        }
    }
}
