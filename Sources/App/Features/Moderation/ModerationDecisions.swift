import Fluent
import Foundation
import MindreelCore
import Vapor

/// What moderators and creators write: claims, decisions, appeals and their outcomes. Each
/// decision, its effect on the content or account, the closing of the reports, the people told
/// and the audit row are one transaction: when any of them fails, nothing happened.
enum ModerationDecisions {
    struct DecisionInput: Content {
        var action: String?
        var guideline: String?
        var reason: String?
        /// For `suspend`: days (1 to 365), or `suspend_for_good`.
        var suspendDays: Int?
        var suspendForGood: Bool?

        enum CodingKeys: String, CodingKey {
            case action, guideline, reason
            case suspendDays = "suspend_days"
            case suspendForGood = "suspend_for_good"
        }
    }

    struct AppealDecisionInput: Content {
        /// `upheld` or `reversed`.
        var outcome: String?
        var reason: String?
    }

    static let appealNoteLimit = 1000

    // MARK: Claims

    /// Shows other moderators that this one is working on the case; lapses after 30 minutes.
    static func claim(_ caseID: UUID, req: Request) async throws -> ModerationCase {
        let moderatorID = try req.requireAccount().userID
        let moderationCase = try await findCase(caseID, on: req.db)
        guard moderationCase.status == .open || moderationCase.status == .appealed else {
            throw HTTPProblem(.conflict, detail: "This case is decided; there is nothing to claim.")
        }
        try req.authorize(.moderate, .account(moderationCase.$creator.id))
        let now = req.mindreel.now
        if moderationCase.isClaimed(byOtherThan: moderatorID, at: now) {
            throw HTTPProblem(.conflict, detail: "Another moderator is working on this case; their claim lapses 30 minutes after they took it.")
        }
        moderationCase.claimedBy = moderatorID
        moderationCase.claimedAt = now
        try await moderationCase.save(on: req.db)
        return moderationCase
    }

    // MARK: Decisions

    static func decide(_ caseID: UUID, _ input: DecisionInput, req: Request) async throws -> ModerationDecision {
        let account = try req.requireAccount()
        let now = req.mindreel.now
        let moderationCase = try await findCase(caseID, on: req.db)
        try req.authorize(.moderate, .account(moderationCase.$creator.id))
        guard moderationCase.status == .open else {
            throw HTTPProblem(
                .conflict,
                detail: moderationCase.status == .appealed ? "This case is under appeal: decide the appeal instead." : "This case is already decided.")
        }
        if moderationCase.isClaimed(byOtherThan: account.userID, at: now) {
            throw HTTPProblem(.conflict, detail: "Another moderator is working on this case; their claim lapses 30 minutes after they took it.")
        }
        let (action, section, reason) = try ReportRules.validateDecision(action: input.action, guideline: input.guideline, reason: input.reason).get()
        try check(action, fits: moderationCase)
        let suspendedUntil = try suspensionEnd(action, input, now: now)

        let decision = ModerationDecision()
        decision.$moderationCase.id = caseID
        decision.moderatorID = account.userID
        decision.action = action
        decision.guideline = action == .dismiss ? nil : section?.id
        decision.reason = reason
        decision.suspendedUntil = suspendedUntil
        decision.createdAt = now

        try await req.db.transaction { db in
            decision.previousState = try await apply(decision, to: moderationCase, forGood: action == .suspend && suspendedUntil == nil, on: db)
            try await decision.create(on: db)
            moderationCase.status = .decided
            moderationCase.decidedAt = now
            moderationCase.claimedBy = nil
            moderationCase.claimedAt = nil
            try await moderationCase.save(on: db)
            try await closeReports(of: moderationCase, acted: action != .dismiss, now: now, on: db)
            if action != .dismiss {
                try await notifyCreator(moderationCase, text: Words.decision(decision, on: moderationCase), now: now, on: db)
            }
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .moderationDecide, objectType: moderationCase.targetType.rawValue,
                    objectID: moderationCase.targetID.uuidString.lowercased(),
                    detail: auditDetail(action: action.rawValue, guideline: decision.guideline, reason: reason, caseID: caseID)), on: db)
        }
        return decision
    }

    /// An action that does not fit the thing reported is refused in words.
    private static func check(_ action: ModerationAction, fits moderationCase: ModerationCase) throws {
        switch (action, moderationCase.targetType) {
        case (.limit, .comment), (.limit, .account):
            throw HTTPProblem(.unprocessableEntity, field: "action", detail: "Only a video's distribution can be limited.")
        case (.remove, .account):
            throw HTTPProblem(.unprocessableEntity, field: "action", detail: "An account is not removed: suspend it, or warn its owner.")
        default: break
        }
        if moderationCase.targetDeletedAt != nil, action == .limit || action == .remove {
            throw HTTPProblem(
                .unprocessableEntity, field: "action", detail: "Its author already deleted it: warn them, suspend the account, or dismiss.")
        }
    }

    private static func suspensionEnd(_ action: ModerationAction, _ input: DecisionInput, now: Date) throws -> Date? {
        guard action == .suspend else { return nil }
        if input.suspendForGood == true { return nil }
        guard let days = input.suspendDays, (1...365).contains(days) else {
            throw HTTPProblem(.unprocessableEntity, field: "suspend_days", detail: "Say how long the suspension lasts (1 to 365 days), or suspend for good.")
        }
        return now.addingTimeInterval(Double(days) * 86400)
    }

    /// Does what the decision says to the content or account; returns the state a reversal
    /// restores (a video's publication state).
    private static func apply(_ decision: ModerationDecision, to moderationCase: ModerationCase, forGood: Bool, on db: any Database) async throws -> String? {
        switch decision.action {
        case .dismiss, .warn:
            return nil
        case .limit, .remove:
            if moderationCase.targetType == .comment {
                guard let comment = try await Comment.find(moderationCase.targetID, on: db) else { return nil }
                comment.removedAt = decision.createdAt
                try await comment.save(on: db)
                return nil
            }
            guard let video = try await Video.find(moderationCase.targetID, on: db) else { return nil }
            let previous = video.publicationState
            video.publicationState = decision.action == .limit ? .limited : .removed
            video.updatedAt = decision.createdAt
            try await video.save(on: db)
            return previous.rawValue
        case .suspend:
            guard let user = try await User.find(moderationCase.$creator.id, on: db) else { return nil }
            user.suspendedUntil = forGood ? nil : decision.suspendedUntil
            user.suspendedIndefinitely = forGood
            try await user.save(on: db)
            return nil
        }
    }

    /// Undoes what `apply` did (a reversed appeal).
    private static func restore(_ decision: ModerationDecision, of moderationCase: ModerationCase, on db: any Database) async throws {
        switch decision.action {
        case .dismiss, .warn:
            return
        case .limit, .remove:
            if moderationCase.targetType == .comment {
                guard let comment = try await Comment.find(moderationCase.targetID, on: db) else { return }
                comment.removedAt = nil
                try await comment.save(on: db)
                return
            }
            guard let video = try await Video.find(moderationCase.targetID, on: db) else { return }
            video.publicationState = decision.previousState.flatMap(PublicationState.init(rawValue:)) ?? .published
            try await video.save(on: db)
        case .suspend:
            guard let user = try await User.find(moderationCase.$creator.id, on: db) else { return }
            user.suspendedUntil = nil
            user.suspendedIndefinitely = false
            try await user.save(on: db)
        }
    }

    private static func closeReports(of moderationCase: ModerationCase, acted: Bool, now: Date, on db: any Database) async throws {
        let reports = try await Report.query(on: db).filter(\.$moderationCase.$id == (try moderationCase.requireID())).filter(\.$closedAt == nil).all()
        for report in reports {
            report.outcome = acted ? .acted : .noAction
            report.closedAt = now
            try await report.save(on: db)
            // Told without details about the other person or what was decided for them.
            try await MemberNotification(
                recipientID: report.$reporter.id, kind: .moderation, actorID: nil, text: Words.reportClosed(moderationCase.targetType, acted: acted),
                url: SiteURL.guidelines.path, now: now
            ).create(on: db)
        }
    }

    private static func notifyCreator(_ moderationCase: ModerationCase, text: String, now: Date, on db: any Database) async throws {
        try await MemberNotification(
            recipientID: moderationCase.$creator.id, kind: .moderation, actorID: nil, text: text, url: SiteURL.studio.path + "#decisions", now: now
        ).create(on: db)
    }

    // MARK: Appeals

    /// The creator's one appeal of a decision, with a note; the case returns to the queue.
    static func appeal(_ decisionID: UUID, note: String?, req: Request) async throws -> ModerationDecision {
        let account = try req.requireAccount()
        let now = req.mindreel.now
        guard let decision = try await ModerationDecision.query(on: req.db).filter(\.$id == decisionID).with(\.$moderationCase).first(),
            decision.moderationCase.$creator.id == account.userID
        else {
            throw HTTPProblem(.notFound, detail: "There is no such decision about your content.")
        }
        guard decision.action.isAppealable else {
            throw HTTPProblem(.unprocessableEntity, detail: "Nothing was done to your content, so there is nothing to appeal.")
        }
        guard decision.appealedAt == nil else {
            throw HTTPProblem(
                .conflict, detail: "You have already appealed this decision. Each decision can be appealed once, and a second moderator decides it.")
        }
        let words = note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if words.count < 10 {
            throw HTTPProblem(.unprocessableEntity, field: "note", detail: "Say in a few words (at least 10 characters) why the decision should change.")
        }
        if words.count > appealNoteLimit {
            throw HTTPProblem(
                .unprocessableEntity, field: "note", detail: "Keep the note to \(appealNoteLimit) characters or fewer (this one has \(words.count)).")
        }
        let moderationCase = decision.moderationCase
        try await req.db.transaction { db in
            decision.appealNote = words
            decision.appealedAt = now
            try await decision.save(on: db)
            moderationCase.status = .appealed
            moderationCase.claimedBy = nil
            moderationCase.claimedAt = nil
            try await moderationCase.save(on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .moderationAppeal, objectType: moderationCase.targetType.rawValue,
                    objectID: moderationCase.targetID.uuidString.lowercased(), detail: "case \(try moderationCase.requireID().uuidString.lowercased())"),
                on: db)
        }
        return decision
    }

    /// A moderator other than the one who decided upholds or reverses an appealed decision.
    static func decideAppeal(_ caseID: UUID, _ input: AppealDecisionInput, req: Request) async throws -> ModerationDecision {
        let account = try req.requireAccount()
        let now = req.mindreel.now
        let moderationCase = try await findCase(caseID, on: req.db)
        try req.authorize(.moderate, .account(moderationCase.$creator.id))
        guard moderationCase.status == .appealed,
            let decision = try await ModerationDecision.query(on: req.db).filter(\.$moderationCase.$id == caseID).sort(\.$createdAt, .descending).first(),
            decision.appealedAt != nil, decision.appealOutcome == nil
        else {
            throw HTTPProblem(.conflict, detail: "This case has no appeal waiting.")
        }
        guard decision.moderatorID != account.userID else {
            throw HTTPProblem(.forbidden, detail: "You made the decision under appeal; another moderator or an admin decides the appeal.")
        }
        if moderationCase.isClaimed(byOtherThan: account.userID, at: now) {
            throw HTTPProblem(.conflict, detail: "Another moderator is working on this appeal; their claim lapses 30 minutes after they took it.")
        }
        guard let outcome = input.outcome.flatMap(ModerationDecision.AppealOutcome.init(rawValue:)) else {
            throw HTTPProblem(.unprocessableEntity, field: "outcome", detail: "Choose whether the decision is upheld or reversed.")
        }
        let reason = input.reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard (10...2000).contains(reason.count) else {
            throw HTTPProblem(.unprocessableEntity, field: "reason", detail: "Say why in words (10 to 2,000 characters): the creator reads it.")
        }
        try await req.db.transaction { db in
            if outcome == .reversed { try await restore(decision, of: moderationCase, on: db) }
            decision.appealOutcome = outcome
            decision.appealReason = reason
            decision.appealDecidedBy = account.userID
            decision.appealDecidedAt = now
            try await decision.save(on: db)
            moderationCase.status = .closed
            moderationCase.claimedBy = nil
            moderationCase.claimedAt = nil
            try await moderationCase.save(on: db)
            try await notifyCreator(moderationCase, text: Words.appealDecided(decision, on: moderationCase), now: now, on: db)
            try await req.audit.record(
                AuditEntry(
                    actorID: account.userID, actorRole: req.actorRole, action: .moderationAppealDecide, objectType: moderationCase.targetType.rawValue,
                    objectID: moderationCase.targetID.uuidString.lowercased(),
                    detail: auditDetail(action: "appeal_\(outcome.rawValue)", guideline: decision.guideline, reason: reason, caseID: caseID)), on: db)
        }
        return decision
    }

    // MARK: Helpers

    static func findCase(_ caseID: UUID, on db: any Database) async throws -> ModerationCase {
        guard let found = try await ModerationCase.find(caseID, on: db) else {
            throw HTTPProblem(.notFound, detail: "There is no such case in the moderation queue.")
        }
        return found
    }

    /// The audit row's detail: what was done, under which section, and the moderator's words.
    static func auditDetail(action: String, guideline: String?, reason: String, caseID: UUID) -> String {
        let flat = reason.split(whereSeparator: \.isNewline).joined(separator: " ")
        return "case=\(caseID.uuidString.lowercased()) action=\(action) guideline=\(guideline ?? "none") reason=\(flat.prefix(500))"
    }

    /// A reported video or comment that its author deletes stays in the queue as its snapshot.
    static func targetDeleted(_ type: ReportTarget, _ id: UUID, on db: any Database, now: Date) async throws {
        try await ModerationCase.query(on: db).filter(\.$targetType == type).filter(\.$targetID == id).filter(\.$targetDeletedAt == nil)
            .set(\.$targetDeletedAt, to: now).update()
    }
}

extension ModerationDecisions {
    /// What people are told, in words.
    enum Words {
        static func thing(_ type: ReportTarget) -> String {
            switch type {
            case .video: return "video"
            case .comment: return "comment"
            case .account: return "account"
            }
        }

        static func decision(_ decision: ModerationDecision, on moderationCase: ModerationCase) -> String {
            let thing = thing(moderationCase.targetType)
            let rule = decision.section.map { " under guideline \($0.number), “\($0.title)”" } ?? ""
            let what: String
            switch decision.action {
            case .dismiss: what = "A report about your \(thing) was reviewed; nothing changes."
            case .limit:
                what =
                    "Your video's distribution was limited\(rule): it stays on your profile and at its link, and leaves For You, topics, hashtags and search."
            case .remove: what = "Your \(thing) was removed\(rule)."
            case .warn: what = "A moderator warned you about your \(thing)\(rule)."
            case .suspend:
                let until = decision.suspendedUntil.map { "until \(AccessRefusal.dayAndTime.string(from: $0)) UTC" } ?? "for good"
                what = "Your account is suspended \(until)\(rule): you can read, and cannot upload, comment, like, follow or report."
            }
            return "\(what) The moderator said: “\(decision.reason)” You can appeal once from your studio."
        }

        static func reportClosed(_ type: ReportTarget, acted: Bool) -> String {
            let thing = thing(type)
            return acted
                ? "Thank you: a moderator reviewed the \(thing) you reported and acted under the community guidelines."
                : "A moderator reviewed the \(thing) you reported and found that it does not break the community guidelines. You can block the account if you would rather not see it."
        }

        static func appealDecided(_ decision: ModerationDecision, on moderationCase: ModerationCase) -> String {
            let thing = thing(moderationCase.targetType)
            let said = decision.appealReason.map { " The moderator said: “\($0)”" } ?? ""
            if decision.appealOutcome == .reversed {
                let back =
                    decision.action == .suspend
                    ? "your account can write again" : decision.action == .warn ? "the warning is withdrawn" : "your \(thing) is back"
                return "Your appeal was accepted: the decision was reversed and \(back).\(said)"
            }
            return "Your appeal was reviewed by a second moderator: the decision stands.\(said)"
        }
    }
}
