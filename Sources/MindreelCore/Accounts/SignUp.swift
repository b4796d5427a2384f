/// Creating an account: the rules, without storage. The app checks uniqueness afterwards.
public enum SignUp {
    /// What a person typed. Every field optional so that a missing one gets its own message.
    public struct Input: Sendable {
        public var handle: String?
        public var displayName: String?
        public var email: String?
        public var password: String?
        public var birthYear: Int?

        public init(handle: String?, displayName: String?, email: String?, password: String?, birthYear: Int?) {
            self.handle = handle
            self.displayName = displayName
            self.email = email
            self.password = password
            self.birthYear = birthYear
        }
    }

    /// Input that passed every rule.
    public struct Valid: Sendable, Equatable {
        public let handle: Handle
        public let displayName: String
        public let email: EmailAddress
        public let password: String
        public let birthYear: Int
        public let isMinor: Bool
    }

    public static let displayNameLength = 1...50

    /// Checks every field and reports all problems at once, so a form is fixed in one pass.
    public static func validate(_ input: Input, currentYear: Int, policy: PasswordPolicy) throws(FieldErrors) -> Valid {
        var errors = FieldErrors()
        var handle: Handle?
        do { handle = try Handle(validating: input.handle ?? "") } catch { errors.add(contentsOf: error) }

        let displayName = (input.displayName ?? "").trimmingWhitespace()
        if displayName.isEmpty {
            errors.add("display_name", "Enter the name to show on your profile.")
        } else if !displayNameLength.contains(displayName.count) {
            errors.add("display_name", "A display name has at most \(displayNameLength.upperBound) characters.")
        } else if displayName.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            errors.add("display_name", "A display name cannot contain control characters.")
        }

        var email: EmailAddress?
        do { email = try EmailAddress(validating: input.email ?? "") } catch { errors.add(contentsOf: error) }

        let password = input.password ?? ""
        do { try policy.check(password, handle: handle?.value, email: email?.value) } catch { errors.add(contentsOf: error) }

        var age: AgePolicy.Outcome?
        do { age = try AgePolicy.check(birthYear: input.birthYear, currentYear: currentYear) } catch { errors.add(contentsOf: error) }

        try errors.throwIfAny()
        return Valid(
            handle: handle!, displayName: displayName, email: email!, password: password,
            birthYear: age!.birthYear, isMinor: age!.isMinor)
    }
}

extension FieldErrors {
    public mutating func add(contentsOf other: FieldErrors) {
        for item in other.items { add(item.field, item.message) }
    }
}
