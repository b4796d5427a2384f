import Foundation

/// Why a member reports something. Stored by raw value.
public enum ReportReason: String, Codable, Sendable, CaseIterable {
    case selfHarmRisk = "self_harm_risk"
    case misinformation
    case disorderedEating = "disordered_eating"
    case harassment
    case impersonation
    case privateInformation = "private_information"
    case spam
    case other

    public var label: String {
        switch self {
        case .selfHarmRisk: return "Suicide or self-harm risk"
        case .misinformation: return "Misinformation or harmful health claims"
        case .disorderedEating: return "Promoting disordered eating"
        case .harassment: return "Harassment or hate"
        case .impersonation: return "Impersonating a professional"
        case .privateInformation: return "Someone's private information"
        case .spam: return "Spam"
        case .other: return "Something else"
        }
    }

    /// How urgent a report for this reason is: risk of harm to a person first, spam last.
    public var weight: Int {
        switch self {
        case .selfHarmRisk: return 100
        case .disorderedEating: return 40
        case .misinformation: return 30
        case .harassment: return 30
        case .privateInformation: return 30
        case .impersonation: return 20
        case .other: return 10
        case .spam: return 5
        }
    }

    /// The guideline section a moderator most likely cites (they choose; this is the default).
    public var likelySection: String {
        switch self {
        case .selfHarmRisk: return "self_harm_details"
        case .misinformation: return "cures_and_treatments"
        case .disorderedEating: return "disordered_eating"
        case .harassment: return "harassment_and_hate"
        case .impersonation: return "professional_claims"
        case .privateInformation: return "private_information"
        case .spam, .other: return "spam"
        }
    }
}

/// What can be reported.
public enum ReportTarget: String, Codable, Sendable, CaseIterable {
    case video
    case comment
    case account
}

/// What a moderator decides.
public enum ModerationAction: String, Codable, Sendable, CaseIterable {
    /// Nothing breaks the guidelines.
    case dismiss
    /// Reachable by link and on the creator's profile, never in For You, topics, hashtags or search.
    case limit
    /// Taken down: a state, never a deletion, so a reversal can restore it.
    case remove
    /// The creator is told what broke which guideline; the content stays.
    case warn
    /// The account cannot write for a while, or for good; its videos leave every listing.
    case suspend

    public var label: String {
        switch self {
        case .dismiss: return "No action"
        case .limit: return "Distribution limited"
        case .remove: return "Removed"
        case .warn: return "Warning"
        case .suspend: return "Account suspended"
        }
    }

    /// The choice as a moderator reads it on the decision form.
    public var choice: String {
        switch self {
        case .dismiss: return "No action: it does not break the guidelines"
        case .limit: return "Limit distribution: keep it on the profile and at its link, out of feeds, topics, hashtags and search"
        case .remove: return "Remove it (a reversal restores it)"
        case .warn: return "Warn the creator; the content stays"
        case .suspend: return "Suspend the account"
        }
    }

    /// Whether the action does something to the content or account that a reversal undoes.
    public var isAppealable: Bool { self != .dismiss }
}

public enum ReportRules {
    public static let noteLimit = 1000
    /// Reports of one member that moderators dismissed in the last 30 days, after which they
    /// may file only `throttledDailyReports` a day.
    public static let dismissedBeforeThrottle = 5
    public static let throttledDailyReports = 3

    /// The reason and note of a report, checked; field errors name `reason` and `note`.
    public static func validate(reason: String?, note: String?) -> Result<(ReportReason, String?), FieldErrors> {
        var errors = FieldErrors()
        let parsed = reason.flatMap { ReportReason(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
        if parsed == nil {
            errors.add("reason", reason?.isEmpty == false ? "Choose one of the listed reasons." : "Choose a reason for the report.")
        }
        let trimmed = note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.count > noteLimit {
            errors.add("note", "Keep the note to \(noteLimit) characters or fewer (this one has \(trimmed.count)).")
        }
        guard let parsed, errors.isEmpty else { return .failure(errors) }
        return .success((parsed, trimmed.isEmpty ? nil : trimmed))
    }

    /// The reason and guideline a decision names, checked (`guideline`, `reason` fields).
    public static func validateDecision(action: String?, guideline: String?, reason: String?) -> Result<
        (ModerationAction, CommunityGuidelines.Section?, String), FieldErrors
    > {
        var errors = FieldErrors()
        let parsedAction = action.flatMap(ModerationAction.init(rawValue:))
        if parsedAction == nil { errors.add("action", "Choose what to do.") }
        let section = guideline.flatMap { CommunityGuidelines.section(id: $0) ?? Int($0).flatMap(CommunityGuidelines.section(number:)) }
        // Dismissing cites no broken rule; every other action names the section it applies.
        if section == nil, parsedAction != .dismiss {
            errors.add("guideline", guideline?.isEmpty == false ? "That is not a section of the guidelines." : "Name the guideline section this applies.")
        }
        let words = reason?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if words.count < 10 {
            errors.add("reason", "Say why in words (at least 10 characters): the creator and the reporter read it.")
        } else if words.count > 2000 {
            errors.add("reason", "Keep the reason to 2,000 characters or fewer.")
        }
        guard let parsedAction, errors.isEmpty else { return .failure(errors) }
        return .success((parsedAction, section, words))
    }
}

/// The order of the moderation queue: risk of harm first, then how serious and how many the
/// reports are, how far the content reaches, and how long it has waited.
public enum ModerationPriority {
    public struct Facts: Sendable, Equatable {
        public var reasons: [ReportReason]
        /// Views in the last day (0 for a comment or an account).
        public var reachLastDay: Int
        public var waitingSince: Date
        /// What the crisis classifier read, when it opened the case.
        public var crisisLevel: CrisisLevel?

        public init(reasons: [ReportReason], reachLastDay: Int, waitingSince: Date, crisisLevel: CrisisLevel? = nil) {
            self.reasons = reasons
            self.reachLastDay = reachLastDay
            self.waitingSince = waitingSince
            self.crisisLevel = crisisLevel
        }
    }

    /// Larger is more urgent. Crisis language the classifier read as `urgent` comes first, then
    /// `concern`, then a suicide or self-harm report, which outranks any number of others.
    public static func score(_ facts: Facts, now: Date) -> Double {
        let risk: Double
        switch facts.crisisLevel {
        case .urgent?: risk = 3_000_000
        case .concern?: risk = 2_000_000
        default: risk = facts.reasons.contains(.selfHarmRisk) ? 1_000_000 : 0
        }
        let weight = Double(facts.reasons.map(\.weight).max() ?? 0) * 1000
        let count = Double(min(facts.reasons.count, 50)) * 100
        let reach = log2(Double(max(facts.reachLastDay, 0)) + 1) * 50
        let hours = min(max(now.timeIntervalSince(facts.waitingSince) / 3600, 0), 24 * 14)
        return risk + weight + count + reach + hours
    }
}
