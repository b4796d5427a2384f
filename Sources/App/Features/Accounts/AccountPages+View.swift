import Vapor

/// The data each account page renders. Keys are what the Leaf templates read.
enum AccountPages {
    struct SignUpForm: Content {
        var handle: String?
        var displayName: String?
        var email: String?
        var password: String?
        var birthYear: String?

        enum CodingKeys: String, CodingKey {
            case handle, email, password
            case displayName = "display_name"
            case birthYear = "birth_year"
        }
    }

    struct SignUpPage: Encodable {
        struct Values: Encodable {
            var handle = ""
            var displayName = ""
            var email = ""
            var birthYear = ""
        }

        let layout: LayoutContext
        let form: Values
        let errors: [String: String]
    }

    struct LogInPage: Encodable {
        struct Values: Encodable {
            var handle = ""
        }

        let layout: LayoutContext
        let form: Values
        let next: String
        let errors: [String: String]
    }

    struct ForgotPage: Encodable {
        struct Values: Encodable {
            var email = ""
        }

        let layout: LayoutContext
        let sent: Bool
        let form: Values
        let errors: [String: String]
    }

    struct ResetPage: Encodable {
        let layout: LayoutContext
        let token: String
        let valid: Bool
        let errors: [String: String]
    }

    /// Only local paths are followed after log-in, never another site.
    static func safeNext(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\"), !raw.contains("\n") else { return "/" }
        return raw
    }
}
