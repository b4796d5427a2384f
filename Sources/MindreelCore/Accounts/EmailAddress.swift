/// An email address checked for the shape mail systems accept. Whether it receives mail is
/// only known once a message arrives; this catches typing mistakes early.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    /// Lower-cased: two accounts may not differ only by the case of their address.
    public let value: String

    public init(validating raw: String, field: String = "email") throws(FieldErrors) {
        let candidate = raw.trimmingWhitespace().lowercased()
        if candidate.isEmpty {
            throw FieldErrors(field, "Enter your email address.")
        }
        guard Self.isPlausible(candidate) else {
            throw FieldErrors(field, "Enter an email address like name@example.org.")
        }
        value = candidate
    }

    static func isPlausible(_ address: String) -> Bool {
        guard address.count <= 254 else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0]
        let domain = parts[1]
        guard (1...64).contains(local.count), !domain.isEmpty else { return false }
        let forbidden: Set<Character> = [" ", "\t", "\r", "\n", "<", ">", "(", ")", ",", ";", ":", "\\", "\"", "[", "]"]
        guard !address.contains(where: { forbidden.contains($0) }) else { return false }
        guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard (1...63).contains(label.count),
                !label.hasPrefix("-"), !label.hasSuffix("-"),
                label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
            else { return false }
        }
        return true
    }

    public var description: String { value }
}
