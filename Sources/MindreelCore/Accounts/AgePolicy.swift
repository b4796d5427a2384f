/// Who may hold an account. Only the year of birth is asked (less to keep about a person),
/// so age is the age reached in the current year.
public enum AgePolicy {
    public static let minimumAge = 13
    public static let adultAge = 18
    public static let earliestYear = 1900

    public struct Outcome: Sendable, Equatable {
        public let birthYear: Int
        public let isMinor: Bool
    }

    public static func check(birthYear: Int?, currentYear: Int, field: String = "birth_year") throws(FieldErrors) -> Outcome {
        guard let birthYear else {
            throw FieldErrors(field, "Enter the year you were born.")
        }
        guard birthYear >= earliestYear, birthYear <= currentYear else {
            throw FieldErrors(field, "Enter a year between \(earliestYear) and \(currentYear).")
        }
        let age = currentYear - birthYear
        guard age >= minimumAge else {
            throw FieldErrors(field, "You must be \(minimumAge) or older to create an account. You can still watch without one.")
        }
        return Outcome(birthYear: birthYear, isMinor: age < adultAge)
    }

    /// Under 18 this year: worked out from the year of birth at each request rather than kept,
    /// so a member stops being a minor in the year they turn 18 without anyone changing a row.
    public static func isMinor(birthYear: Int, currentYear: Int) -> Bool {
        currentYear - birthYear < adultAge
    }
}
