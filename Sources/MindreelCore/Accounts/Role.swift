/// What an account may do. Every account is a member; the other roles add to it.
public enum Role: String, Codable, CaseIterable, Sendable, Comparable {
    case member
    case clinician
    case coordinator
    case moderator
    case admin

    /// The clinician role is earned through an approved licence review, never handed out by an
    /// operator command, so a badge always means a checked licence.
    public var isGrantableByOperator: Bool {
        self != .clinician
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
