import Foundation

/// What someone is in a practice. Membership, not the account's global role, decides whose data
/// a person sees in the features built on practices (appointment requests, the care link).
public enum PracticeRole: String, Codable, CaseIterable, Sendable {
    case clinician
    case coordinator
    case practiceAdmin = "practice_admin"

    public var label: String {
        switch self {
        case .clinician: return "Clinician"
        case .coordinator: return "Client Care Coordinator"
        case .practiceAdmin: return "Practice admin"
        }
    }
}

/// A practice's details as entered, checked field by field.
public struct PracticeDetails: Sendable, Equatable {
    public var name: String
    public var description: String
    public var website: String
    /// Codes (`Jurisdictions`), upper-case, without repeats, in the order given.
    public var jurisdictions: [String]
}

public enum PracticeRules {
    public static let maximumNameLength = 120
    public static let maximumDescriptionLength = 500
    public static let maximumJurisdictions = 60

    /// Every problem at once, keyed by field (`name`, `description`, `website`, `jurisdictions`).
    public static func validate(name: String?, description: String?, website: String?, jurisdictions: [String]?) -> Result<
        PracticeDetails, FieldErrors
    > {
        var errors = FieldErrors()
        let cleanName = (name ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if cleanName.count < 2 {
            errors.add("name", "Enter the practice's name.")
        } else if cleanName.count > maximumNameLength {
            errors.add("name", "A practice's name can be at most \(maximumNameLength) characters.")
        }
        let cleanDescription = (description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if cleanDescription.count > maximumDescriptionLength {
            errors.add("description", "The description can be at most \(maximumDescriptionLength) characters; it has \(cleanDescription.count).")
        }
        let cleanWebsite = (website ?? "").trimmingCharacters(in: .whitespaces)
        if cleanWebsite.isEmpty {
            errors.add("website", "Enter the practice's website, starting with https://.")
        } else if !isWebAddress(cleanWebsite) {
            errors.add("website", "The website must be an http:// or https:// address, such as https://example.org.")
        }
        var codes: [String] = []
        var unknown: [String] = []
        for raw in jurisdictions ?? [] where !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            if let code = Jurisdictions.normalise(raw) {
                if !codes.contains(code) { codes.append(code) }
            } else {
                unknown.append(raw.trimmingCharacters(in: .whitespaces))
            }
        }
        if !unknown.isEmpty {
            errors.add(
                "jurisdictions",
                "Not a country or region code: \(unknown.joined(separator: ", ")). Use ISO codes such as US-CA (California) or IE (Ireland).")
        } else if codes.isEmpty {
            errors.add("jurisdictions", "Name at least one place the practice serves, as a code such as US-CA or IE.")
        } else if codes.count > maximumJurisdictions {
            errors.add("jurisdictions", "A practice can list at most \(maximumJurisdictions) places.")
        }
        if !errors.isEmpty { return .failure(errors) }
        return .success(PracticeDetails(name: cleanName, description: cleanDescription, website: cleanWebsite, jurisdictions: codes))
    }

    /// An absolute http(s) address with a host, at most 300 characters.
    public static func isWebAddress(_ text: String) -> Bool {
        guard text.count <= 300, let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
            let host = url.host, host.contains(".") || host == "localhost"
        else { return false }
        return true
    }

    /// Why someone cannot be added to a practice in this role, or nil when they can.
    /// - accountRoles: the account's global roles.
    /// - clinicianElsewhere: the account is already a clinician in another practice.
    /// - alreadyInRole: the account already has this role in this practice.
    public static func membershipProblem(_ role: PracticeRole, accountRoles: Set<Role>, clinicianElsewhere: Bool, alreadyInRole: Bool) -> String? {
        if alreadyInRole { return "They already are a \(role.label.lowercased()) of this practice." }
        switch role {
        case .clinician where clinicianElsewhere:
            return "A clinician belongs to one practice, and they are a clinician of another. Remove them there first."
        case .coordinator where !accountRoles.contains(.coordinator):
            return
                "Only an account with the coordinator role can be a practice's Client Care Coordinator. Grant it first with `mindreel admin grant --role coordinator`."
        default:
            return nil
        }
    }
}
