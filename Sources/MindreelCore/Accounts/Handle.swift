/// A member's public name, as in `@calm_river`. Stored lower-case so that `Calm_River` and
/// `calm_river` cannot be two different people.
public struct Handle: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public static let allowedLength = 3...30

    /// Names that would let an account pass as the service or as staff.
    static let reserved: Set<String> = [
        "admin", "administrator", "root", "system", "mindreel", "support", "help", "staff",
        "moderator", "moderators", "security", "api", "settings", "login", "logout", "signup",
        "password", "about", "privacy", "terms", "crisis", "988", "official", "team",
    ]

    public init(validating raw: String) throws(FieldErrors) {
        let candidate = raw.trimmingWhitespace().lowercased()
        let field = "handle"
        if candidate.isEmpty {
            throw FieldErrors(field, "Choose a handle.")
        }
        guard Self.allowedLength.contains(candidate.count) else {
            throw FieldErrors(field, "A handle has 3 to 30 characters.")
        }
        guard candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw FieldErrors(field, "Use only letters a–z, digits and _ in a handle.")
        }
        guard !Self.reserved.contains(candidate) else {
            throw FieldErrors(field, "That handle is reserved. Choose another.")
        }
        value = candidate
    }

    public var description: String { value }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
