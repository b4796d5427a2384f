/// What makes a password acceptable: long enough, not one attackers try first, and not the
/// member's own name. Length beats composition rules (NIST SP 800-63B).
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 10
    /// bcrypt reads only the first 72 bytes; a longer password would silently be cut.
    public static let maximumBytes = 72

    /// Lower-cased passwords from the common-passwords list kept in the repository.
    public let commonPasswords: Set<String>

    public init(commonPasswords: Set<String>) {
        self.commonPasswords = commonPasswords
    }

    /// Reads the list format: one password a line, `#` starts a comment line.
    public static func parseList(_ text: String) -> Set<String> {
        var result = Set<String>()
        for line in text.split(whereSeparator: \.isNewline) {
            let entry = String(line).trimmingWhitespace()
            if entry.isEmpty || entry.hasPrefix("#") { continue }
            result.insert(entry.lowercased())
        }
        return result
    }

    public func check(_ password: String, field: String = "password", handle: String? = nil, email: String? = nil) throws(FieldErrors) {
        if password.isEmpty {
            throw FieldErrors(field, "Choose a password.")
        }
        if password.count < Self.minimumLength {
            throw FieldErrors(field, "Use at least \(Self.minimumLength) characters. A few unrelated words make a strong password.")
        }
        if password.utf8.count > Self.maximumBytes {
            throw FieldErrors(field, "Use at most \(Self.maximumBytes) bytes (about \(Self.maximumBytes) letters).")
        }
        let lowered = password.lowercased()
        if commonPasswords.contains(lowered) {
            throw FieldErrors(field, "This password is one of the most common ones and easy to guess. Choose another.")
        }
        if let handle, !handle.isEmpty, lowered.contains(handle.lowercased()) {
            throw FieldErrors(field, "Do not use your handle in your password.")
        }
        if let email, let local = email.split(separator: "@").first, local.count >= 4, lowered.contains(local.lowercased()) {
            throw FieldErrors(field, "Do not use your email address in your password.")
        }
        if Set(lowered).count <= 2 {
            throw FieldErrors(field, "This password repeats the same characters. Choose another.")
        }
    }
}
